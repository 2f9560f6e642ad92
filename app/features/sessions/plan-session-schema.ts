import type { SubmissionResult } from '@conform-to/react'
import { sessionPlanInputSchema } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/**
 * The planning form, on the server (parseForm) and in the browser (useForm): the domain's plan of
 * a session and the course it is a session of. Messages are error codes beside each field.
 */
export const planSessionFormSchema = sessionPlanInputSchema.extend({
	courseId: z.uuid({ error: 'PLAN_COURSE_NOT_FOUND' satisfies ErrorCode }),
})

/** One empty meeting, as "add a meeting" inserts it. */
export const NEW_MEETING = { date: '', startTime: '09:00', endTime: '12:30', place: '', trainerIds: [] as string[] }

/** The planning form before anything is typed. */
export function newSessionPlan(courseId: string) {
	return { courseId, meetings: [NEW_MEETING], capacity: '12', minimumParticipants: '', enrolmentDeadline: '', onlineLink: '', participantNote: '', weeklySessions: '' }
}

export type PlanSessionReply = SubmissionResult<string[]>
