import { getSessionForEnrolment } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import { inTenant, refuse, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitSession } from '../sessions/own-unit-session.ts'
import { requestEnrolment, type EnrolmentRequestOutcome } from './request-enrolment.server.ts'

/**
 * A coordinator adds an employee of the unit to one of the unit's own sessions, on their behalf:
 * the employee's own request (requestEnrolment), under their unit's rules, audited as the
 * coordinator's act. Another unit's session is not found; another unit's person is not the unit's.
 */
export async function addParticipant(
	ctx: ServiceContext,
	{ actor, sessionId, employeeId }: { actor: Actor; sessionId: string; employeeId: string },
): Promise<ServiceResult<EnrolmentRequestOutcome>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	const ownSession = await inTenant(ctx, actor, async (tx) => (await getSessionForEnrolment(tx, { sessionId }))?.tenantId === actor.tenantId)
	if (!ownSession.ok) return ownSession
	if (!ownSession.value) return refuse('not_found', 'SESSION_NOT_FOUND')
	return requestEnrolment(ctx, { actor, sessionId, costCentre: null, employeeId })
}
