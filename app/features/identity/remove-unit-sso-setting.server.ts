import { deleteSsoConfig, getSsoSetting } from '@leerplein/db/identity'
import { can } from '@leerplein/domain'
import { audit, inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { auditedSsoConfig } from './sso-setting-audit.server.ts'

/**
 * The concern administrator removes a unit's identity provider (ADR 051): its people can no longer
 * start single sign-on; sessions already running stay. Removing one the unit does not have changes
 * nothing and is not audited. Audited with the config before.
 */
export async function removeUnitSsoSetting(ctx: ServiceContext, { actor, slug }: { actor: Actor; slug: string }): Promise<ServiceResult<null>> {
	if (!can(actor, 'delete', { kind: 'sso_settings' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const found = await getSsoSetting(tx, { slug })
		if (!found) throw refusal('not_found', 'TENANT_NOT_FOUND')
		const removed = await deleteSsoConfig(tx, { tenantId: found.unit.id })
		if (!removed) return null
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'sso.config_removed',
			objectType: 'tenant_sso_config',
			objectId: found.unit.id,
			before: auditedSsoConfig(slug, removed),
			after: null,
		})
		return null
	})
}
