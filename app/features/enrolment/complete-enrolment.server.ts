import { getEnrolmentForAction, withTenantContext } from '@leerplein/db'
import { fail, ok, transition, type Result } from '@leerplein/domain'
import type { ServiceContext } from './enrolment-support.server.ts'
import { audit, inEnrolmentTransaction, RefusalError, refuse, updateEnrolment } from './enrolment-support.server.ts'

/**
 * Marks an enrolment completed: from a passing score reported by Moodle over LTI (the portal
 * itself, `system`), in the employee's unit. Completing twice is harmless (already completed
 * is success), so an LTI retry can call this again.
 */
export async function completeEnrolment(
	ctx: ServiceContext,
	{ tenantId, enrolmentId, source }: { tenantId: string; enrolmentId: string; source: 'lti' },
): Promise<Result<'completed', 'ENROLMENT_NOT_FOUND' | 'ENROLMENT_TRANSITION_NOT_ALLOWED' | 'ENROLMENT_CHANGED'>> {
	const result = await inEnrolmentTransaction(ctx, { tenantId, userId: null }, async (tx) => {
		const enrolment = await getEnrolmentForAction(tx, { enrolmentId })
		if (!enrolment || enrolment.tenantId !== tenantId) throw new RefusalError(refuse('ENROLMENT_NOT_FOUND', 404))
		if (enrolment.status === 'completed') return 'completed' as const
		const next = transition(enrolment.status, { type: 'complete' }, 'system')
		if (!next.ok) throw new RefusalError(refuse(next.code, 409))
		if (!(await updateEnrolment(tx, { enrolmentId, from: enrolment.status, set: { status: 'completed' } }))) throw new RefusalError(refuse('ENROLMENT_CHANGED', 409))
		await audit(tx, ctx, { tenantId, actorUserId: enrolment.userId, action: `enrolment.complete.${source}`, objectId: enrolmentId, before: { status: enrolment.status }, after: { status: 'completed' } })
		return 'completed' as const
	})
	if (result.ok) return ok(result.value)
	return fail(result.code as 'ENROLMENT_NOT_FOUND' | 'ENROLMENT_TRANSITION_NOT_ALLOWED' | 'ENROLMENT_CHANGED')
}

export { withTenantContext }
