import { getSessionForEnrolment, listOtherSessions, listSessionEnrolments } from '@leerplein/db/enrolment'
import { forecastMoves, holdsSeat, transitionActorFor, type Actor, type EnrolmentStatus, type TransitionError } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { checkParticipantSelection, loadSelection, type ParticipantSelection } from './participant-selection.server.ts'

export type ParticipantPreview = {
	/** The ticked people on this session's list, in its order: the ones the action will be taken on. */
	people: { id: string; name: string; status: EnrolmentStatus }[]
	/** Ticked ids not (or no longer) on the list: cancelled meanwhile, or never this session's (none for "all that match"). */
	notOnList: number
	/**
	 * For a move: the target, its free seats, how many of the people get one, go on its waitlist or
	 * are refused, and per person (in `forecast`, in the order of the list, which the move keeps).
	 */
	move: {
		toSessionId: string
		startsAt: Date
		endsAt: Date
		city: string | null
		free: number
		seated: number
		waitlisted: number
		refused: number
		forecast: { id: string; outcome: 'enrolled' | 'waitlisted' | TransitionError }[]
	} | null
}

/**
 * What cancelling or moving the ticked people (or all that match the page's filter) would do,
 * without doing it: it names exactly who, and the action then goes on those ids. Reads only the
 * session of the asker's own unit, so a forged id of another session or unit is not on its list and
 * counts as "not on the list". A move's target must be an upcoming session of the same course of
 * the same unit.
 */
export async function previewParticipantAction(
	ctx: ServiceContext,
	{ actor, sessionId, toSessionId, ...selection }: { actor: Actor; sessionId: string; toSessionId?: string } & ParticipantSelection,
): Promise<ServiceResult<ParticipantPreview>> {
	const checked = checkParticipantSelection(selection)
	if (!checked.ok) return checked
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		const { session, people, ids } = await loadSelection(tx, actor, { sessionId, ...checked.value })
		if (people.length === 0) throw refusal('not_found', 'ENROLMENT_NOT_FOUND', { field: 'ids' })
		const shown = { people: people.map(({ id, name, status }) => ({ id, name, status })), notOnList: ids.length - people.length }
		if (toSessionId === undefined) return { ...shown, move: null }
		const target = (await listOtherSessions(tx, { courseId: session.courseId, exceptSessionId: sessionId, now })).find((other) => other.id === toSessionId && other.tenantId === session.tenantId)
		const capacity = target ? (await getSessionForEnrolment(tx, { sessionId: toSessionId }))?.capacity : undefined
		if (!target || capacity === undefined) throw refusal('invalid', 'MOVE_TARGET_INVALID', { field: 'toSessionId' })
		const there = await listSessionEnrolments(tx, { sessionId: toSessionId })
		const seatsTaken = there.filter((person) => holdsSeat(person.status)).length
		const waiting = there.filter((person) => person.status === 'waitlisted').length
		// The move's own rule, person by person in the list's order (as the move goes), without a lock:
		// an estimate that holds unless someone enrols, cancels or moves meanwhile.
		const forecast = forecastMoves(
			people.map((person) => ({
				id: person.id,
				status: person.status,
				by: transitionActorFor(actor, { kind: 'enrolment', tenantId: person.tenantId, userId: person.userId, managerId: null, providerTenantId: session.tenantId }, 'move'),
			})),
			{ capacity, seatsTaken, waiting },
		).map(({ person, result }) => ({ id: person.id, outcome: result.ok ? (result.value === 'enrolled' ? ('enrolled' as const) : ('waitlisted' as const)) : result.code }))
		const count = (outcome: string) => forecast.filter((row) => row.outcome === outcome).length
		return {
			...shown,
			move: {
				toSessionId,
				startsAt: target.startsAt,
				endsAt: target.endsAt,
				city: target.city,
				free: Math.max(0, capacity - seatsTaken),
				seated: count('enrolled'),
				waitlisted: count('waitlisted'),
				refused: forecast.length - count('enrolled') - count('waitlisted'),
				forecast,
			},
		}
	})
}
