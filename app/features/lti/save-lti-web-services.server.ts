import { getLtiTool, getToolWebServices, saveToolWebServices } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { outboundAllowed } from '../../core/outbound.server.ts'
import { lastFour, sealSecret } from '../../core/secret-box.server.ts'
import { audit, inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * Sets a tool's Moodle web-services address and token. The token is sealed with SECRETS_KEY and
 * kept only so; an empty token keeps the one already stored. The audit row names the address and
 * the token's last four characters, never the token. `issuer` is the platform id Moodle saw in
 * launches, from which it names its LTI users.
 */
export async function saveLtiWebServices(
	ctx: ServiceContext,
	{ actor, toolId, baseUrl, token, issuer, secretsKey }: { actor: Actor; toolId: string; baseUrl: string; token: string; issuer: string; secretsKey: Buffer | null },
): Promise<ServiceResult<null>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	if (!secretsKey) return refuse('invalid', 'SECRETS_KEY_MISSING', { field: 'wsToken' })
	if (!(await outboundAllowed(baseUrl))) return refuse('invalid', 'OUTBOUND_ADDRESS_REFUSED', { field: 'wsBaseUrl' })
	return inTenant(ctx, actor, async (tx) => {
		if (!(await getLtiTool(tx, { toolId }))) throw refusal('not_found', 'TOOL_NOT_FOUND')
		const stored = await getToolWebServices(tx, { toolId })
		if (!token && !stored) throw refusal('invalid', 'WEB_SERVICES_TOKEN_REQUIRED', { field: 'wsToken' })
		const sealed = token ? { tokenCiphertext: sealSecret(secretsKey, token), tokenLastFour: lastFour(token) } : { tokenCiphertext: stored!.tokenCiphertext, tokenLastFour: stored!.tokenLastFour }
		await saveToolWebServices(tx, { toolId, baseUrl, issuer, ...sealed })
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'lti.web_services_saved',
			objectType: 'lti_tool',
			objectId: toolId,
			after: { baseUrl, tokenLastFour: sealed.tokenLastFour, newToken: Boolean(token) },
		})
		return null
	})
}
