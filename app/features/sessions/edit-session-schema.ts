import type { SubmissionResult } from '@conform-to/react'
import { amsterdamWallClock, meetingInputSchema, ONLINE_PLACE, SESSION_MEETINGS_MAX, sessionPlanInputSchema } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/**
 * The form that changes a planned session: the planning form without course and series, each
 * meeting with the id it had (empty for a meeting added now). An id that is not one of the
 * session's own meetings is simply a new meeting: the service matches ids against the session.
 */
export const editSessionFormSchema = sessionPlanInputSchema.omit({ weeklySessions: true }).extend({
	meetings: z
		.array(meetingInputSchema.extend({ id: z.string().max(64, 'FORM_INVALID' satisfies ErrorCode).optional() }), 'MEETINGS_REQUIRED')
		.min(1, 'MEETINGS_REQUIRED')
		.max(SESSION_MEETINGS_MAX, 'MEETINGS_TOO_MANY'),
})

export type EditSessionInput = z.infer<typeof editSessionFormSchema>

type PlanOfSession = {
	capacity: number
	minimumParticipants: number | null
	enrolmentDeadline: Date | null
	participantNote: string | null
	onlineLink: string | null
	meetings: { id: string; startsAt: Date; endsAt: Date; online: boolean; roomId: string | null; trainers: { id: string }[] }[]
}

/** The form's values for a session as it stands: Dutch wall-clock dates and times. */
export function sessionPlanValues(plan: PlanOfSession) {
	return {
		meetings: plan.meetings.map((meeting) => ({
			id: meeting.id,
			date: amsterdamWallClock(meeting.startsAt).date,
			startTime: amsterdamWallClock(meeting.startsAt).time,
			endTime: amsterdamWallClock(meeting.endsAt).time,
			place: meeting.online ? ONLINE_PLACE : (meeting.roomId ?? ''),
			trainerIds: meeting.trainers.map((trainer) => trainer.id),
		})),
		capacity: String(plan.capacity),
		minimumParticipants: plan.minimumParticipants === null ? '' : String(plan.minimumParticipants),
		enrolmentDeadline: plan.enrolmentDeadline ? amsterdamWallClock(plan.enrolmentDeadline).date : '',
		onlineLink: plan.onlineLink ?? '',
		participantNote: plan.participantNote ?? '',
	}
}

export type EditSessionReply = SubmissionResult<string[]>
