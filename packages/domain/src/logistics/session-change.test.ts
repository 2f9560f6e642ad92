import { describe, expect, test } from 'vitest'
import { cancellationTerms, decideEnrolmentRequest, enrolmentRules } from './enrolment-rules.ts'
import { CONCERN_DEFAULT_PO_SETTINGS } from '../tenancy/po-settings.ts'
import {
	belowMinimumBeforeDeadline,
	checkCapacity,
	enrolmentClosed,
	freeCancellationAfterChange,
	minimumNoticeDue,
	mustNotifyEnrolled,
	sessionChangeKinds,
	type MeetingWhenWhere,
} from './session-change.ts'

const DAY = 86_400_000
const now = new Date('2027-03-01T08:00:00Z')
const ROOM_A = '0190a0a0-0000-7000-8000-00000000000a'
const ROOM_B = '0190a0a0-0000-7000-8000-00000000000b'
const at = (days: number, hours = 0) => new Date(now.getTime() + days * DAY + hours * 3_600_000)
const meeting = (days: number, roomId: string | null = ROOM_A): MeetingWhenWhere => ({ startsAt: at(days), endsAt: at(days, 3), roomId, online: roomId === null })

describe('what a change of a session does to the enrolled', () => {
	test('given the same meetings in another order, when compared, then nothing changed and nobody is told', () => {
		const kinds = sessionChangeKinds({ meetings: [meeting(10), meeting(17)], onlineLink: null }, { meetings: [meeting(17), meeting(10)], onlineLink: null })
		expect(kinds).toEqual({ times: false, place: false })
		expect(mustNotifyEnrolled(kinds)).toBe(false)
	})

	test('given a meeting moved a day, then the times changed and the enrolled are told', () => {
		const kinds = sessionChangeKinds({ meetings: [meeting(10)], onlineLink: null }, { meetings: [meeting(11)], onlineLink: null })
		expect(kinds).toEqual({ times: true, place: false })
		expect(mustNotifyEnrolled(kinds)).toBe(true)
	})

	test('given another room at the same time, then only the place changed', () => {
		expect(sessionChangeKinds({ meetings: [meeting(10)], onlineLink: null }, { meetings: [meeting(10, ROOM_B)], onlineLink: null })).toEqual({ times: false, place: true })
	})

	test('given a meeting added, then the times changed', () => {
		expect(sessionChangeKinds({ meetings: [meeting(10)], onlineLink: null }, { meetings: [meeting(10), meeting(17)], onlineLink: null }).times).toBe(true)
	})

	test('given an online session with a new link, then the place changed; a link of a classroom session does not matter', () => {
		expect(sessionChangeKinds({ meetings: [meeting(10, null)], onlineLink: 'https://a.example/1' }, { meetings: [meeting(10, null)], onlineLink: 'https://a.example/2' }).place).toBe(true)
		expect(sessionChangeKinds({ meetings: [meeting(10)], onlineLink: 'https://a.example/1' }, { meetings: [meeting(10)], onlineLink: null }).place).toBe(false)
	})
})

describe('free cancellation after a change', () => {
	test('given a session far ahead, then the enrolled may cancel free for fourteen days from the change', () => {
		expect(freeCancellationAfterChange({ changedAt: now, startsAt: at(60) })).toEqual(at(14))
	})

	test('given a session that now starts within fourteen days, then free cancellation lasts until the start', () => {
		expect(freeCancellationAfterChange({ changedAt: now, startsAt: at(5) })).toEqual(at(5))
	})

	test('given the late-cancel rule of the unit, when cancelling within the window after a change, then it is free and the budget is released', () => {
		const rules = enrolmentRules(CONCERN_DEFAULT_PO_SETTINGS, { ...CONCERN_DEFAULT_PO_SETTINGS, freeCancellationDays: 10 })
		// Five days before the start: late by the unit's rule.
		expect(cancellationTerms(rules, { startsAt: at(5), now })).toEqual({ free: false, releasesBudget: false })
		expect(cancellationTerms(rules, { startsAt: at(5), now, freeUntil: at(2) })).toEqual({ free: true, releasesBudget: true })
		// Once the window has passed, the unit's rule applies again.
		expect(cancellationTerms(rules, { startsAt: at(5), now: at(3), freeUntil: at(2) })).toEqual({ free: false, releasesBudget: false })
	})
})

describe('capacity', () => {
	test('given eight seats given, then a capacity of eight stands and seven is refused', () => {
		expect(checkCapacity(8, { seatsTaken: 8 })).toEqual({ ok: true, value: 8 })
		expect(checkCapacity(7, { seatsTaken: 8 })).toEqual({ ok: false, code: 'CAPACITY_BELOW_TAKEN' })
	})
})

describe('the enrolment deadline', () => {
	const rules = enrolmentRules({ ...CONCERN_DEFAULT_PO_SETTINGS, approval: { mode: 'never' } }, CONCERN_DEFAULT_PO_SETTINGS)
	const request = (enrolmentDeadline: Date | null) =>
		decideEnrolmentRequest(rules, {
			employeeTenantId: 't',
			providerTenantId: 't',
			priceCents: 0,
			courseStatus: 'published',
			session: { startsAt: at(20), status: 'planned', enrolmentDeadline },
			remainingBudgetCents: 0,
			costCentre: null,
			now,
		})

	test('given a deadline ahead, then an employee may enrol', () => {
		expect(request(at(1)).ok).toBe(true)
		expect(enrolmentClosed({ enrolmentDeadline: at(1), now })).toBe(false)
	})

	test('given a deadline passed, then enrolment is refused as closed', () => {
		expect(request(at(-1))).toEqual({ ok: false, code: 'ENROLMENT_CLOSED' })
		expect(enrolmentClosed({ enrolmentDeadline: at(-1), now })).toBe(true)
	})

	test('given no deadline, then enrolment stays open', () => {
		expect(request(null).ok).toBe(true)
		expect(enrolmentClosed({ enrolmentDeadline: null, now })).toBe(false)
	})
})

describe('the minimum number of participants', () => {
	const session = (overrides: Partial<Parameters<typeof belowMinimumBeforeDeadline>[0]> = {}) => ({
		minimumParticipants: 6,
		seatsTaken: 4,
		enrolmentDeadline: at(10),
		startsAt: at(20),
		status: 'planned' as const,
		...overrides,
	})

	test('given fewer enrolled than the minimum before the deadline, then the coordinators are warned', () => {
		expect(belowMinimumBeforeDeadline(session(), { now })).toBe(true)
	})

	test('given the minimum reached, no minimum, a cancelled session or the deadline passed, then there is no warning', () => {
		expect(belowMinimumBeforeDeadline(session({ seatsTaken: 6 }), { now })).toBe(false)
		expect(belowMinimumBeforeDeadline(session({ minimumParticipants: null }), { now })).toBe(false)
		expect(belowMinimumBeforeDeadline(session({ status: 'cancelled' }), { now })).toBe(false)
		expect(belowMinimumBeforeDeadline(session(), { now: at(11) })).toBe(false)
	})

	test('given no deadline, then the start is the decision moment', () => {
		expect(belowMinimumBeforeDeadline(session({ enrolmentDeadline: null }), { now: at(15) })).toBe(true)
		expect(belowMinimumBeforeDeadline(session({ enrolmentDeadline: null }), { now: at(21) })).toBe(false)
	})

	test('the notice to the coordinators is due within three days of the deadline, not earlier', () => {
		expect(minimumNoticeDue(session(), { now: at(6) })).toBe(false)
		expect(minimumNoticeDue(session(), { now: at(7) })).toBe(true)
		expect(minimumNoticeDue(session(), { now: at(9) })).toBe(true)
		expect(minimumNoticeDue(session({ seatsTaken: 6 }), { now: at(9) })).toBe(false)
	})
})
