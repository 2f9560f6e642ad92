import { getLtiTool, getToolWebServices, saveToolWebServices, withTenantContext, writeAudit } from '@leerplein/db'
import { fail, ok, type Result } from '@leerplein/domain'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import { lastFour, sealSecret } from '../../core/secret-box.server.ts'

export type SaveWebServicesFailure = 'TOOL_NOT_FOUND' | 'SECRETS_KEY_MISSING' | 'TOKEN_REQUIRED'

/**
 * Sets a tool's Moodle web-services address and token. The token is sealed with SECRETS_KEY and
 * kept only so; an empty token keeps the one already stored. The audit row names the address and
 * the token's last four characters, never the token. `issuer` is the platform id Moodle saw in
 * launches, from which it names its LTI users.
 */
export async function saveLtiWebServices(
	context: LeerpleinContext,
	{ signedIn, toolId, baseUrl, token, issuer }: { signedIn: SignedIn; toolId: string; baseUrl: string; token: string; issuer: string },
): Promise<Result<null, SaveWebServicesFailure>> {
	const { person } = signedIn
	const key = context.config.secretsKey
	if (!key) return fail('SECRETS_KEY_MISSING')
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		if (!(await getLtiTool(tx, { toolId }))) return fail('TOOL_NOT_FOUND')
		const stored = await getToolWebServices(tx, { toolId })
		if (!token && !stored) return fail('TOKEN_REQUIRED')
		const sealed = token ? { tokenCiphertext: sealSecret(key, token), tokenLastFour: lastFour(token) } : { tokenCiphertext: stored!.tokenCiphertext, tokenLastFour: stored!.tokenLastFour }
		await saveToolWebServices(tx, { toolId, baseUrl, issuer, ...sealed })
		await writeAudit(tx, {
			actorUserId: person.userId,
			action: 'lti.web_services_saved',
			objectType: 'lti_tool',
			objectId: toolId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { baseUrl, tokenLastFour: sealed.tokenLastFour, newToken: Boolean(token) },
		})
		return ok(null)
	})
}
