import { describe, expect, test } from 'vitest'
import { parseForm } from '../../core/form.server.ts'
import { planSessionFormSchema } from './plan-session-schema.ts'

const COURSE = '0190a0a0-0000-7000-8000-00000000000c'
const ROOM = '0190a0a0-0000-7000-8000-000000000001'
const TRAINER = '0190a0a0-0000-7000-8000-000000000002'

function form(entries: [string, string][]): FormData {
	const data = new FormData()
	for (const [name, value] of entries) data.append(name, value)
	return data
}

const meeting = (index: number, date: string, trainers: string[]): [string, string][] => [
	[`meetings[${index}].date`, date],
	[`meetings[${index}].startTime`, '09:00'],
	[`meetings[${index}].endTime`, '12:30'],
	[`meetings[${index}].place`, ROOM],
	...trainers.map((id): [string, string] => [`meetings[${index}].trainerIds`, id]),
]

describe('the planning form', () => {
	test('reads two meetings, one trainer as a list of one, and leaves empty optional fields out', () => {
		const parsed = parseForm(form([['courseId', COURSE], ...meeting(0, '2027-03-09', [TRAINER]), ...meeting(1, '2027-03-16', [TRAINER]), ['capacity', '12'], ['minimumParticipants', ''], ['onlineLink', '']]), planSessionFormSchema)
		expect(parsed.status).toBe('success')
		if (parsed.status !== 'success') return
		expect(parsed.value.meetings).toHaveLength(2)
		expect(parsed.value.meetings[0]).toEqual({ date: '2027-03-09', startTime: '09:00', endTime: '12:30', place: ROOM, trainerIds: [TRAINER] })
		expect(parsed.value.minimumParticipants).toBeUndefined()
		expect(parsed.value.onlineLink).toBeUndefined()
	})

	test('puts each error beside its field: no trainer, an impossible date, a capacity of 0, no course', () => {
		const parsed = parseForm(form([['courseId', 'x'], ...meeting(0, '2027-02-30', []), ['capacity', '0']]), planSessionFormSchema)
		expect(parsed.status === 'error' && parsed.error).toMatchObject({
			courseId: ['PLAN_COURSE_NOT_FOUND'],
			'meetings[0].date': ['MEETING_DATE_INVALID'],
			'meetings[0].trainerIds': ['MEETING_TRAINER_REQUIRED'],
			capacity: ['CAPACITY_INVALID'],
		})
	})
})
