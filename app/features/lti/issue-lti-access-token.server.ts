import { grantScopes } from '@leerplein/domain'
import { issueAccessToken } from '@leerplein/moodle'
import { refuse, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { platformSigner, type SecretsConfig } from './platform.server.ts'
import { auditApart, auditToolDenial, type ToolCaller } from './tool-context.server.ts'

export type TokenAnswer = { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }

/**
 * The token endpoint for LTI services, once the tool's client assertion is accepted
 * (requireToolAssertion): a token carrying only the scopes asked for and allowed by the
 * registration. Audited, granted or not.
 */
export async function issueLtiAccessToken(
	ctx: ServiceContext & SecretsConfig,
	{ actor, scopes: requested, issuer }: { actor: ToolCaller; scopes: string[]; issuer: string },
): Promise<ServiceResult<TokenAnswer>> {
	const { tool } = actor
	const scopes = grantScopes(requested, tool.scopes)
	if (scopes.length === 0) {
		const refused = refuse('invalid', 'LTI_SCOPE_NOT_ALLOWED')
		await auditToolDenial(ctx, { action: 'lti.token', tool, reason: 'invalid_scope', detail: 'none of the requested scopes is allowed for this tool' })
		return refused
	}
	const { token, expiresIn } = await issueAccessToken(await platformSigner(ctx.db, ctx.config.secretsKey), { toolId: tool.id, clientId: tool.clientId, scopes, issuer, now: ctx.clock.now() })
	await auditApart(ctx, null, { action: 'lti.token', objectType: 'lti_tool', objectId: tool.id, after: { scopes } })
	return succeed({ access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') })
}
