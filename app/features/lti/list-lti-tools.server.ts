import { listLtiTools, withTenantContext } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** The registered learning tools, by name, for the concern administrator (the route checks). */
export async function listTools(context: Pick<LeerpleinContext, 'db'>, { signedIn }: { signedIn: SignedIn }) {
	const { person } = signedIn
	const tools = await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, (tx) => listLtiTools(tx))
	return tools.map((tool) => ({
		id: tool.id,
		name: tool.name,
		clientId: tool.clientId,
		deploymentIds: tool.deploymentIds,
		loginUrl: tool.loginUrl,
		scopes: tool.scopes,
		registeredVia: tool.registeredVia,
		active: tool.active,
		createdAt: tool.createdAt,
	}))
}
