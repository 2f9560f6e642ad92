import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { rotatePlatformSigningKey, type SecretsConfig } from './platform.server.ts'

/** A new platform signing key; the old one stays in the JWKS until the tokens it signed have expired (ADR 015). Audited. */
export async function rotateLtiPlatformKey(ctx: ServiceContext & SecretsConfig, { actor }: { actor: Actor }): Promise<ServiceResult<{ kid: string }>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	const kid = await rotatePlatformSigningKey(ctx.db, ctx.config.secretsKey)
	return inTenant(ctx, actor, async (tx) => {
		await audit(ctx, tx, { actor, tenantId: null, action: 'lti.platform_key_rotated', objectType: 'lti_platform_key', objectId: kid })
		return { kid }
	})
}
