import { withTenantContext, writeAudit } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import { rotatePlatformSigningKey } from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/** A new platform signing key; the old one stays in the JWKS until the tokens it signed have expired (ADR 015). */
export async function rotateLtiPlatformKey(context: LeerpleinContext, { signedIn }: { signedIn: SignedIn }): Promise<{ kid: string }> {
	const kid = await rotatePlatformSigningKey(context.db)
	await withTenantContext(context.db, { tenantId: null, userId: signedIn.person.userId }, (tx) =>
		writeAudit(tx, {
			actorUserId: signedIn.person.userId,
			action: 'lti.platform_key_rotated',
			objectType: 'lti_platform_key',
			objectId: kid,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
		}),
	)
	return { kid }
}
