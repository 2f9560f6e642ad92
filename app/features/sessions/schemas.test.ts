import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { parseForm } from '../../core/form.server.ts'
import { cancelSessionSchema } from './cancel-session-schema.ts'
import { capacitySchema } from './capacity-schema.ts'
import { meetingAttendanceSchema } from './meeting-attendance-schema.ts'

function form(fields: Record<string, string>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) data.append(name, value)
	return data
}

const errorsOf = (submission: ReturnType<typeof parseForm>) => (submission.status === 'error' ? submission.error : null)

describe('the capacity form', () => {
	test.each(['', '0', '1001', '2.5', 'veel'])('refuses %j as a number of seats', (capacity) => {
		expect(errorsOf(parseForm(form({ intent: 'capacity', capacity }), capacitySchema))).toEqual({ capacity: ['CAPACITY_INVALID'] })
	})

	test('takes a whole number from 1 to 1000', () => {
		const parsed = parseForm(form({ intent: 'capacity', capacity: '25' }), capacitySchema)
		expect(parsed.status === 'success' && parsed.value).toEqual({ intent: 'capacity', capacity: 25 })
	})
})

describe('the form that cancels a session', () => {
	test('needs a reason of 3 to 500 characters, which may span lines', () => {
		expect(errorsOf(parseForm(form({ intent: 'cancel', reason: '' }), cancelSessionSchema))).toEqual({ reason: ['CANCEL_REASON_REQUIRED'] })
		expect(errorsOf(parseForm(form({ intent: 'cancel', reason: 'x'.repeat(501) }), cancelSessionSchema))).toEqual({ reason: ['CANCEL_REASON_REQUIRED'] })
		const parsed = parseForm(form({ intent: 'cancel', reason: 'De trainer is ziek.\nExcuses.' }), cancelSessionSchema)
		expect(parsed.status === 'success' && parsed.value.reason).toBe('De trainer is ziek.\nExcuses.')
	})
})

describe('the attendance form of a meeting', () => {
	test('gives the meeting and one mark per participant someone marked, and ignores other fields', () => {
		const [meetingId, a, b] = [randomUUID(), randomUUID(), randomUUID()]
		const parsed = parseForm(form({ intent: 'attendance', meetingId, [`attendance:${a}`]: 'present', [`attendance:${b}`]: 'absent', other: 'x' }), meetingAttendanceSchema)
		expect(parsed.status === 'success' && parsed.value).toEqual({
			meetingId,
			marks: [
				{ enrolmentId: a, present: true },
				{ enrolmentId: b, present: false },
			],
		})
		const none = parseForm(form({ intent: 'attendance', meetingId }), meetingAttendanceSchema)
		expect(none.status === 'success' && none.value).toEqual({ meetingId, marks: [] })
	})

	test('refuses a forged meeting, a forged row and a mark that is no mark, each beside its field', () => {
		const a = randomUUID()
		expect(errorsOf(parseForm(form({ intent: 'attendance', meetingId: "1' or '1'='1" }), meetingAttendanceSchema))).toEqual({ meetingId: ['MEETING_NOT_FOUND'] })
		expect(errorsOf(parseForm(form({ intent: 'attendance', meetingId: randomUUID(), [`attendance:${a}`]: 'attended' }), meetingAttendanceSchema))).toEqual({ [`attendance:${a}`]: ['ATTENDANCE_MARK_INVALID'] })
		expect(errorsOf(parseForm(form({ intent: 'attendance', meetingId: randomUUID(), 'attendance:not-an-id': 'present' }), meetingAttendanceSchema))).toEqual({ 'attendance:not-an-id': ['ENROLMENT_NOT_FOUND'] })
	})
})
