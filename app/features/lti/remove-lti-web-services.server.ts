import { deleteToolWebServices, withTenantContext, writeAudit } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/**
 * Forgets a tool's Moodle web-services address and sealed token (after confirmation on the tool
 * page): the completion sync stops for that tool. Completions it already recorded stay. Audited.
 */
export async function removeLtiWebServices(context: LeerpleinContext, { signedIn, toolId }: { signedIn: SignedIn; toolId: string }): Promise<boolean> {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		if (!(await deleteToolWebServices(tx, { toolId }))) return false
		await writeAudit(tx, {
			actorUserId: person.userId,
			action: 'lti.web_services_removed',
			objectType: 'lti_tool',
			objectId: toolId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
		})
		return true
	})
}
