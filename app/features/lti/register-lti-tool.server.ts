import { randomUUID } from 'node:crypto'
import { insertLtiTool, withTenantContext, writeAudit } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type ToolRegistrationInput = {
	name: string
	loginUrl: string
	targetLinkUri: string
	deepLinkingUrl: string | null
	redirectUris: string[]
	jwksUrl: string | null
	publicJwk: Record<string, unknown> | null
	deploymentIds: string[]
	custom: Record<string, string>
	scopes: string[]
	shareName: boolean
	shareEmail: boolean
}

/** The concern administrator registers a tool by hand; Leerplein issues its client id. Row-level security admits only concern administrators. */
export async function registerLtiTool(context: LeerpleinContext, { signedIn, input }: { signedIn: SignedIn; input: ToolRegistrationInput }) {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const tool = await insertLtiTool(tx, { ...input, clientId: randomUUID(), registeredVia: 'manual' })
		await writeAudit(tx, {
			actorUserId: person.userId,
			action: 'lti.tool_registered',
			objectType: 'lti_tool',
			objectId: tool.id,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { name: tool.name, clientId: tool.clientId, loginUrl: tool.loginUrl, scopes: tool.scopes, via: 'manual' },
		})
		return { id: tool.id, clientId: tool.clientId }
	})
}
