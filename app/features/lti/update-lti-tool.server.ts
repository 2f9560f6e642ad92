import { getLtiTool, updateLtiTool, withTenantContext, writeAudit } from '@leerplein/db'
import { forgetToolAccess } from './service-auth.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import type { ToolRegistrationInput } from './register-lti-tool.server.ts'

const AUDITED = ['name', 'loginUrl', 'targetLinkUri', 'deepLinkingUrl', 'redirectUris', 'jwksUrl', 'deploymentIds', 'scopes', 'shareName', 'shareEmail'] as const

/** The concern administrator corrects a tool's registration; the client id stays. Row-level security admits only concern administrators. */
export async function updateLtiToolRegistration(context: LeerpleinContext, { signedIn, toolId, input }: { signedIn: SignedIn; toolId: string; input: ToolRegistrationInput }) {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const before = await getLtiTool(tx, { toolId })
		const tool = await updateLtiTool(tx, { toolId, changes: input })
		if (!tool) return null
		await writeAudit(tx, {
			actorUserId: person.userId,
			action: 'lti.tool_updated',
			objectType: 'lti_tool',
			objectId: tool.id,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			before: before ? pick(before) : null,
			after: pick(tool),
		})
		return { id: tool.id }
	}).finally(forgetToolAccess)
}

function pick(tool: Record<(typeof AUDITED)[number], unknown>) {
	return Object.fromEntries(AUDITED.map((key) => [key, tool[key]]))
}
