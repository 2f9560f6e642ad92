import { getEnrolmentForAction, updateEnrolment } from '@leerplein/db/enrolment'
import { audit, refusal, type ServiceContext, type ServiceResult, type TenantScope } from '../../core/service.server.ts'
import { recordOwnXapiEvent } from '../xapi/own-events.server.ts'
import { inEnrolmentTransaction, next } from './enrolment-support.server.ts'

/**
 * Marks an enrolment completed: from a passing score reported by Moodle over LTI (the portal
 * itself, `system`, acting in the employee's unit). Completing twice is harmless (already
 * completed is success), so an LTI retry can call this again.
 */
export async function completeEnrolment(
	ctx: ServiceContext,
	{ actor, enrolmentId, source }: { actor: TenantScope; enrolmentId: string; source: 'lti' },
): Promise<ServiceResult<'completed'>> {
	return inEnrolmentTransaction(ctx, actor, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment || enrolment.tenantId !== actor.tenantId) throw refusal('not_found', 'ENROLMENT_NOT_FOUND')
		if (enrolment.status === 'completed') return 'completed' as const
		next(enrolment.status, { type: 'complete' }, 'system')
		if (!(await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status: 'completed' } }))) throw refusal('conflict', 'ENROLMENT_CHANGED')
		// The employee completed it (in Moodle): their own unit's trail names them.
		await audit(ctx, tx, {
			actor: { tenantId: actor.tenantId, userId: enrolment.userId },
			action: `enrolment.complete.${source}`,
			objectType: 'enrolment',
			objectId: enrolmentId,
			before: { status: enrolment.status },
			after: { status: 'completed' },
		})
		await recordOwnXapiEvent(ctx, tx, { kind: 'completed', enrolmentId })
		return 'completed' as const
	})
}
