import { deleteOnlinePart, withTenantContext, writeAudit } from '@leerplein/db'
import { fail, ok, type Result } from '@leerplein/domain'
import { forgetToolAccess } from './service-auth.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** Removes an online part (and, by cascade, its line items and results); completions already on enrolments stay. */
export async function removeOnlinePart(
	context: LeerpleinContext,
	{ signedIn, courseId, resourceLinkId }: { signedIn: SignedIn; courseId: string; resourceLinkId: string },
): Promise<Result<null, 'ONLINE_PART_NOT_FOUND'>> {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		// Row-level security lets a unit delete only its own parts; the course id must match too.
		const removed = await deleteOnlinePart(tx, { courseId, resourceLinkId })
		if (!removed) return fail('ONLINE_PART_NOT_FOUND')
		await writeAudit(tx, {
			tenantId: removed.tenantId,
			actorUserId: person.userId,
			action: 'lti.online_part_removed',
			objectType: 'lti_resource_link',
			objectId: removed.id,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			before: { courseId, toolId: removed.toolId, title: removed.title },
		})
		return ok(null)
	}).finally(forgetToolAccess)
}
