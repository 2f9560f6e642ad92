/** The life of an enrolment (its transitions are the enrolment issue's state machine). */
export const ENROLMENT_STATUSES = [
	'requested',
	'awaiting_approval',
	'approved',
	'declined',
	'enrolled',
	'waitlisted',
	'attended',
	'no_show',
	'cancelled',
	'completed',
] as const
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number]

/** Statuses that hold one of the session's seats (the SQL seat functions count the same; see seatIsFreeFor). */
export const SEAT_HOLDING_STATUSES = ['enrolled', 'attended', 'no_show', 'completed'] as const satisfies readonly EnrolmentStatus[]

export function holdsSeat(status: EnrolmentStatus): boolean {
	return (SEAT_HOLDING_STATUSES as readonly EnrolmentStatus[]).includes(status)
}
