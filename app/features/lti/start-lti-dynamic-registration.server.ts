import { insertRegistrationToken } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, succeed, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { LTI_PATHS, oneTimeValue } from './platform.server.ts'

/** A registration token lives long enough for an administrator to finish the tool's screens. */
export const REGISTRATION_TOKEN_LIFETIME_MS = 60 * 60_000

/**
 * LTI Dynamic Registration, step 1: a one-time registration token, and the tool's registration
 * URL with our OpenID configuration and that token (Moodle: "Tool URL" of Publish as LTI tool). Audited.
 */
export async function startLtiDynamicRegistration(
	ctx: ServiceContext,
	{ actor, toolRegistrationUrl, issuer }: { actor: Actor; toolRegistrationUrl: string; issuer: string },
): Promise<ServiceResult<{ location: string }>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	const token = oneTimeValue()
	const stored = await inTenant(ctx, actor, async (tx) => {
		await insertRegistrationToken(tx, {
			id: token.hash,
			createdBy: actor.userId,
			expiresAt: new Date(ctx.clock.now().getTime() + REGISTRATION_TOKEN_LIFETIME_MS),
			toolRegistrationUrl,
		})
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'lti.registration_started',
			objectType: 'lti_registration_token',
			objectId: token.hash.slice(0, 12),
			after: { toolRegistrationUrl },
		})
	})
	if (!stored.ok) return stored
	const url = new URL(toolRegistrationUrl)
	url.searchParams.set('openid_configuration', `${issuer}${LTI_PATHS.openIdConfiguration}`)
	url.searchParams.set('registration_token', token.value)
	return succeed({ location: url.toString() })
}
