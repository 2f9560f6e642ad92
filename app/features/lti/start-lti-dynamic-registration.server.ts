import { insertRegistrationToken, withTenantContext, writeAudit } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import { LTI_PATHS, oneTimeValue } from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** A registration token lives long enough for an administrator to finish the tool's screens. */
export const REGISTRATION_TOKEN_LIFETIME_MS = 60 * 60_000

/**
 * LTI Dynamic Registration, step 1: a one-time registration token, and the tool's registration
 * URL with our OpenID configuration and that token (Moodle: "Tool URL" of Publish as LTI tool).
 */
export async function startLtiDynamicRegistration(
	context: LeerpleinContext,
	{ signedIn, toolRegistrationUrl, issuer }: { signedIn: SignedIn; toolRegistrationUrl: string; issuer: string },
	now = new Date(),
): Promise<{ location: string }> {
	const { person } = signedIn
	const token = oneTimeValue()
	await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		await insertRegistrationToken(tx, { id: token.hash, createdBy: person.userId, expiresAt: new Date(now.getTime() + REGISTRATION_TOKEN_LIFETIME_MS) })
		await writeAudit(tx, {
			actorUserId: person.userId,
			action: 'lti.registration_started',
			objectType: 'lti_registration_token',
			objectId: token.hash.slice(0, 12),
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { toolRegistrationUrl },
		})
	})
	const url = new URL(toolRegistrationUrl)
	url.searchParams.set('openid_configuration', `${issuer}${LTI_PATHS.openIdConfiguration}`)
	url.searchParams.set('registration_token', token.value)
	return { location: url.toString() }
}
