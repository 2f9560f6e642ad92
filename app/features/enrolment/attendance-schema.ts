import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The attendance form of a session: one radio group per participant, named `attendance:<enrolment id>`,
// with "attended" or "no_show"; a participant nobody marked sends nothing. A refusal names the row
// by the same field, so the page shows it beside that person.

export type Attendance = 'attended' | 'no_show'
export type AttendanceMark = { enrolmentId: string; attendance: Attendance }

const PREFIX = 'attendance:'

/** The form field of one participant's attendance. */
export function attendanceField(enrolmentId: string): string {
	return `${PREFIX}${enrolmentId}`
}

export const attendanceSchema = z
	.object({ intent: z.literal('attendance') })
	.catchall(z.unknown())
	.transform(({ intent: _intent, ...fields }, ctx) => {
		const marks: AttendanceMark[] = []
		for (const [name, value] of Object.entries(fields)) {
			if (!name.startsWith(PREFIX)) continue
			const enrolmentId = name.slice(PREFIX.length)
			// A forged row (no id, or another value) names no participant of this session.
			if (!isUuid(enrolmentId) || (value !== 'attended' && value !== 'no_show')) {
				ctx.addIssue({ code: 'custom', path: [name], message: 'ENROLMENT_NOT_FOUND' satisfies ErrorCode })
				continue
			}
			marks.push({ enrolmentId, attendance: value })
		}
		return { marks }
	})
