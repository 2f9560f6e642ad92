import { updateLtiTool, withTenantContext, writeAudit } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import { forgetToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/**
 * Deactivates or reactivates a tool. A deactivated tool gets no launches, no access tokens, and its
 * tokens already issued stop working at the next call (requireToolAccess and the token endpoint
 * read `active`); its online parts, results and registration stay, so reactivating restores it.
 */
export async function setLtiToolActive(context: LeerpleinContext, { signedIn, toolId, active }: { signedIn: SignedIn; toolId: string; active: boolean }) {
	const { person } = signedIn
	const changed = await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const tool = await updateLtiTool(tx, { toolId, changes: { active } })
		if (!tool) return null
		await writeAudit(tx, {
			actorUserId: person.userId,
			action: active ? 'lti.tool_reactivated' : 'lti.tool_deactivated',
			objectType: 'lti_tool',
			objectId: tool.id,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { name: tool.name, active },
		})
		return { id: tool.id, active }
	})
	forgetToolAccess()
	return changed
}
