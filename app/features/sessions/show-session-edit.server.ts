import { listSessionEnrolments } from '@leerplein/db/enrolment'
import { getSessionPlan, listActiveRooms, listActiveTrainers } from '@leerplein/db/planning'
import { can, FREE_CANCELLATION_AFTER_CHANGE_DAYS, holdsSeat, type Actor } from '@leerplein/domain'
import { inTenant, refusal, type ServiceContext } from '../../core/service.server.ts'
import { sessionPlanValues } from './edit-session-schema.ts'
import { ownUnitSession } from './own-unit-session.ts'

/**
 * What the form that changes a session offers: the session as it stands (its meetings with their
 * ids), the unit's active rooms and trainers, and the seats already given (the capacity's floor).
 * Another unit's session is `not_found`; a cancelled or started one can no longer be changed.
 */
export async function showSessionEdit(ctx: ServiceContext, { actor, sessionId }: { actor: Actor; sessionId: string }) {
	const now = ctx.clock.now()
	return inTenant(ctx, actor, async (tx) => {
		if (!can(actor, 'update', ownUnitSession(actor))) throw refusal('forbidden', 'FORBIDDEN')
		const { tenantId } = actor
		const plan = await getSessionPlan(tx, { tenantId, sessionId })
		if (!plan) throw refusal('not_found', 'SESSION_NOT_FOUND')
		if (plan.status === 'cancelled') throw refusal('conflict', 'SESSION_CANCELLED')
		if (plan.startsAt.getTime() <= now.getTime()) throw refusal('conflict', 'SESSION_EDIT_STARTED')
		// The providing unit reads every enrolment in its session, whatever the participant's unit.
		const seatsTaken = (await listSessionEnrolments(tx, { sessionId })).filter((person) => holdsSeat(person.status)).length
		const [rooms, trainers] = [await listActiveRooms(tx, { tenantId }), await listActiveTrainers(tx, { tenantId })]
		return {
			session: { id: plan.id, courseTitle: plan.courseTitle, startsAt: plan.startsAt },
			rooms,
			trainers,
			seatsTaken,
			freeCancellationDays: FREE_CANCELLATION_AFTER_CHANGE_DAYS,
			defaultValue: sessionPlanValues(plan),
		}
	})
}
