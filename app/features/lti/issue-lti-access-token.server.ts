import { getLtiTool, useToolTokenId, withTenantContext, writeAudit } from '@leerplein/db'
import { grantScopes } from '@leerplein/domain'
import { issueAccessToken, LtiJwtError, tokenRequestSchema, unverifiedIssuer, verifyClientAssertion, type ToolKeySource } from '@leerplein/moodle'
import { LTI_PATHS, platformSigner } from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** OAuth 2.0 error codes (RFC 6749 §5.2), with what went wrong for the tool's developer. */
export type TokenFailure = { error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope'; description: string }

export type TokenAnswer = { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }

/**
 * The token endpoint for LTI services: client credentials with a JWT client assertion the tool
 * signed (RFC 7523). The assertion's `jti` is recorded so it never serves twice; the token carries
 * only the scopes asked for and allowed by the registration.
 */
export async function issueLtiAccessToken(
	context: LeerpleinContext,
	{ form, issuer }: { form: Record<string, string>; issuer: string },
	now = new Date(),
): Promise<{ ok: true; value: TokenAnswer } | { ok: false; failure: TokenFailure }> {
	if (form.grant_type !== undefined && form.grant_type !== 'client_credentials')
		return refused({ error: 'unsupported_grant_type', description: 'only client_credentials is supported' })
	const parsed = tokenRequestSchema.safeParse(form)
	if (!parsed.success)
		return refused({ error: 'invalid_request', description: `missing or invalid: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}` })
	const request = parsed.data
	const clientId = unverifiedIssuer(request.client_assertion)
	const tool = clientId ? await getLtiTool(context.db, { clientId }) : null
	if (!tool || !tool.active) return refused({ error: 'invalid_client', description: 'unknown client' })
	const refuse = async (failure: TokenFailure) => {
		await audit(context, tool.id, 'denied', { reason: failure.error, detail: failure.description })
		return refused(failure)
	}
	let jti: string
	let expiresAt: Date
	try {
		;({ jti, expiresAt } = await verifyClientAssertion(request.client_assertion, keySourceOf(tool), {
			clientId: tool.clientId,
			tokenEndpoint: `${issuer}${LTI_PATHS.token}`,
			now,
		}))
	} catch (error) {
		if (error instanceof LtiJwtError) return refuse({ error: 'invalid_client', description: `client assertion refused: ${error.code}` })
		throw error
	}
	if (!(await useToolTokenId(context.db, { toolId: tool.id, tokenId: `jti:${jti}`, expiresAt })))
		return refuse({ error: 'invalid_client', description: 'client assertion refused: jti already used' })
	const scopes = grantScopes(request.scope.split(' ').filter(Boolean), tool.scopes)
	if (scopes.length === 0) return refuse({ error: 'invalid_scope', description: 'none of the requested scopes is allowed for this tool' })
	const { token, expiresIn } = await issueAccessToken(await platformSigner(context.db), { toolId: tool.id, clientId: tool.clientId, scopes, issuer, now })
	await audit(context, tool.id, 'success', { scopes })
	return { ok: true, value: { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') } }
}

export function keySourceOf(tool: { jwksUrl: string | null; publicJwk: Record<string, unknown> | null }): ToolKeySource {
	return tool.publicJwk ? { publicJwk: tool.publicJwk } : { jwksUrl: tool.jwksUrl! }
}

function audit(context: LeerpleinContext, toolId: string, result: 'success' | 'denied', after: Record<string, unknown>) {
	return withTenantContext(context.db, { tenantId: null, userId: null }, (tx) =>
		writeAudit(tx, { action: 'lti.token', objectType: 'lti_tool', objectId: toolId, result, origin: context.clientIp, requestId: context.requestId, after }),
	)
}

const refused = (failure: TokenFailure) => ({ ok: false as const, failure })
