import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The attendance form of one meeting (the coordinator's session page and the trainer's "my
// sessions" page): the meeting's id and one radio group per participant, named
// `attendance:<enrolment id>`, with "present" or "absent"; a participant nobody marked sends
// nothing. A refused row is named by the same field, so the page shows it beside that person.

export type MeetingMarkInput = { enrolmentId: string; present: boolean }

const PREFIX = 'attendance:'

/** The form field of one participant's mark. */
export function meetingMarkField(enrolmentId: string): string {
	return `${PREFIX}${enrolmentId}`
}

export const meetingAttendanceSchema = z
	.object({
		intent: z.literal('attendance'),
		meetingId: z.string('MEETING_NOT_FOUND' satisfies ErrorCode).refine(isUuid, 'MEETING_NOT_FOUND' satisfies ErrorCode),
	})
	.catchall(z.unknown())
	.transform(({ intent: _intent, meetingId, ...fields }, ctx) => {
		const marks: MeetingMarkInput[] = []
		for (const [name, value] of Object.entries(fields)) {
			if (!name.startsWith(PREFIX)) continue
			const enrolmentId = name.slice(PREFIX.length)
			// A forged row (no id) names no participant; another value is no mark.
			if (!isUuid(enrolmentId)) {
				ctx.addIssue({ code: 'custom', path: [name], message: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode })
				continue
			}
			if (value !== 'present' && value !== 'absent') {
				ctx.addIssue({ code: 'custom', path: [name], message: 'ATTENDANCE_MARK_INVALID' satisfies ErrorCode })
				continue
			}
			marks.push({ enrolmentId, present: value === 'present' })
		}
		return { meetingId, marks }
	})
