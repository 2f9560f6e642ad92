import { describe, expect, test } from 'vitest'
import { amsterdamInstant, amsterdamWallClock, planSession, sessionPlanInputSchema, weeklyPlans, weeklySeries, type SessionPlanInput } from './session-plan.ts'

const ROOM = '0190a0a0-0000-7000-8000-000000000001'
const TRAINER = '0190a0a0-0000-7000-8000-000000000002'
const now = new Date('2027-03-01T08:00:00Z')

function plan(overrides: Partial<SessionPlanInput> = {}): SessionPlanInput {
	return {
		meetings: [
			{ date: '2027-03-09', startTime: '09:00', endTime: '12:30', place: ROOM, trainerIds: [TRAINER] },
			{ date: '2027-03-16', startTime: '13:00', endTime: '16:30', place: ROOM, trainerIds: [TRAINER] },
		],
		capacity: 12,
		...overrides,
	}
}

describe('planning a session', () => {
	test('turns Dutch wall-clock times into meetings in time order, and the session spans them', () => {
		const result = planSession(plan({ meetings: [...plan().meetings].reverse() }), { now })
		expect(result.ok).toBe(true)
		if (!result.ok) return
		expect(result.value.meetings.map((meeting) => meeting.startsAt.toISOString())).toEqual(['2027-03-09T08:00:00.000Z', '2027-03-16T12:00:00.000Z'])
		expect(result.value.startsAt.toISOString()).toBe('2027-03-09T08:00:00.000Z')
		expect(result.value.endsAt.toISOString()).toBe('2027-03-16T15:30:00.000Z')
		expect(result.value.meetings[0]).toMatchObject({ roomId: ROOM, online: false, trainerIds: [TRAINER] })
	})

	test('refuses a meeting that ends before it starts, beside its end time', () => {
		const meetings = [{ date: '2027-03-09', startTime: '13:00', endTime: '09:00', place: ROOM, trainerIds: [TRAINER] }]
		expect(planSession(plan({ meetings }), { now })).toEqual({ ok: false, refusal: { code: 'MEETING_ENDS_BEFORE_START', field: 'meetings[0].endTime' } })
	})

	test('refuses a meeting in the past, beside its date', () => {
		const meetings = [...plan().meetings, { date: '2027-02-28', startTime: '09:00', endTime: '10:00', place: ROOM, trainerIds: [TRAINER] }]
		expect(planSession(plan({ meetings }), { now })).toEqual({ ok: false, refusal: { code: 'MEETING_IN_PAST', field: 'meetings[2].date' } })
	})

	test('refuses two meetings of one session at the same time', () => {
		const meetings = [plan().meetings[0]!, { date: '2027-03-09', startTime: '12:00', endTime: '13:00', place: 'online', trainerIds: [TRAINER] }]
		expect(planSession(plan({ meetings, onlineLink: 'https://teams.example/x' }), { now })).toEqual({ ok: false, refusal: { code: 'MEETINGS_OVERLAP', field: 'meetings[1].startTime' } })
	})

	test('needs a link when a meeting is online, a minimum within the capacity and a deadline before the start', () => {
		const online = [{ date: '2027-03-09', startTime: '09:00', endTime: '10:00', place: 'online', trainerIds: [TRAINER] }]
		expect(planSession(plan({ meetings: online }), { now })).toMatchObject({ ok: false, refusal: { code: 'ONLINE_LINK_REQUIRED', field: 'onlineLink' } })
		expect(planSession(plan({ minimumParticipants: 13 }), { now })).toMatchObject({ ok: false, refusal: { code: 'MINIMUM_ABOVE_CAPACITY' } })
		expect(planSession(plan({ enrolmentDeadline: '2027-03-09' }), { now })).toMatchObject({ ok: false, refusal: { code: 'ENROLMENT_DEADLINE_AFTER_START' } })
		const withDeadline = planSession(plan({ enrolmentDeadline: '2027-03-08' }), { now })
		expect(withDeadline.ok && withDeadline.value.enrolmentDeadline?.toISOString()).toBe('2027-03-08T22:59:00.000Z')
	})
})

describe('the planning form schema', () => {
	test('refuses an impossible date, a time out of range, a missing trainer and a link that is not https', () => {
		const parsed = sessionPlanInputSchema.safeParse({
			meetings: [{ date: '2027-02-31', startTime: '25:00', endTime: '10:00', place: 'zaal', trainerIds: [] }],
			capacity: '0',
			onlineLink: 'http://example.org',
		})
		expect(parsed.success).toBe(false)
		const codes = Object.fromEntries((parsed.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))
		expect(codes).toMatchObject({
			'meetings.0.date': 'MEETING_DATE_INVALID',
			'meetings.0.startTime': 'MEETING_TIME_INVALID',
			'meetings.0.place': 'MEETING_PLACE_REQUIRED',
			'meetings.0.trainerIds': 'MEETING_TRAINER_REQUIRED',
			capacity: 'CAPACITY_INVALID',
			onlineLink: 'ONLINE_LINK_INVALID',
		})
	})
})

describe('Dutch time', () => {
	test('is an hour ahead of UTC in winter and two in summer, both ways', () => {
		expect(amsterdamInstant('2027-01-12', '09:00').toISOString()).toBe('2027-01-12T08:00:00.000Z')
		expect(amsterdamInstant('2027-07-12', '09:00').toISOString()).toBe('2027-07-12T07:00:00.000Z')
		expect(amsterdamWallClock(new Date('2027-07-12T07:00:00Z'))).toEqual({ date: '2027-07-12', time: '09:00' })
	})

	test('a weekly series keeps its dates across the change to summer time', () => {
		expect(weeklySeries('2027-03-23', { everyWeeks: 1, count: 3 })).toEqual({ ok: true, value: ['2027-03-23', '2027-03-30', '2027-04-06'] })
		expect(weeklySeries('2027-03-23', { everyWeeks: 1, count: 0 })).toEqual({ ok: false, code: 'SERIES_INVALID' })
	})
})

describe('a weekly series', () => {
	test('repeats the whole plan every week, each meeting on its weekday, the deadline moving along', () => {
		const plans = weeklyPlans(plan({ weeklySessions: 3, enrolmentDeadline: '2027-03-05' }))
		expect(plans.map((each) => each.meetings.map((meeting) => meeting.date))).toEqual([
			['2027-03-09', '2027-03-16'],
			['2027-03-16', '2027-03-23'],
			['2027-03-23', '2027-03-30'],
		])
		expect(plans.map((each) => each.enrolmentDeadline)).toEqual(['2027-03-05', '2027-03-12', '2027-03-19'])
	})

	test('is one session when no series is asked for', () => {
		expect(weeklyPlans(plan())).toHaveLength(1)
	})
})
