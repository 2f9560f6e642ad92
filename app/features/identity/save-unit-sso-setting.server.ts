import { getSsoSetting, saveSsoConfig } from '@leerplein/db/identity'
import { can, checkProviderMetadata, type ProviderMetadata } from '@leerplein/domain'
import { outboundAllowed } from '../../core/outbound.server.ts'
import { audit, inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { describeOidcError, discoverProviderMetadata } from './oidc.server.ts'
import { auditedSsoConfig } from './sso-setting-audit.server.ts'
import type { SsoSettingsInput } from './sso-settings-schema.ts'

/**
 * The concern administrator sets (or changes) a unit's identity provider (ADR 051). The issuer is
 * discovered live first, outside any transaction: a provider that cannot be reached, names
 * another issuer or lacks the code flow or PKCE S256 is refused beside the issuer field, and what
 * was saved stays. Row-level security admits only a concern administrator's write. Audited with
 * before and after, the secret by its variable's name only.
 */
export async function saveUnitSsoSetting(
	ctx: ServiceContext,
	{ actor, slug, input }: { actor: Actor; slug: string; input: SsoSettingsInput },
): Promise<ServiceResult<null>> {
	if (!can(actor, 'update', { kind: 'sso_settings' })) return refuse('forbidden', 'FORBIDDEN')
	// An unknown unit costs no request to anyone's provider.
	const unit = await inTenant(ctx, actor, (tx) => getSsoSetting(tx, { slug }), { readOnly: true })
	if (!unit.ok) return unit
	if (!unit.value) return refuse('not_found', 'TENANT_NOT_FOUND')
	if (!(await outboundAllowed(input.issuer))) return refuse('invalid', 'OUTBOUND_ADDRESS_REFUSED', { field: 'issuer' })

	let metadata: ProviderMetadata
	try {
		metadata = await discoverProviderMetadata(input.issuer)
	} catch (error) {
		ctx.logger.info({ unit: slug, issuer: input.issuer, error: describeOidcError(error) }, 'single sign-on settings: discovery failed')
		return refuse('invalid', 'SSO_DISCOVERY_FAILED', { field: 'issuer', values: { address: `${input.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration` } })
	}
	const checked = checkProviderMetadata(input.issuer, metadata)
	if (!checked.ok) {
		return refuse('invalid', checked.code, { field: 'issuer', ...(checked.code === 'SSO_ISSUER_MISMATCH' ? { values: { found: String(metadata.issuer) } } : {}) })
	}

	return inTenant(ctx, actor, async (tx) => {
		const found = await getSsoSetting(tx, { slug })
		if (!found) throw refusal('not_found', 'TENANT_NOT_FOUND')
		const saved = await saveSsoConfig(tx, { tenantId: found.unit.id, values: input, updatedBy: actor.userId, now: ctx.clock.now() })
		// The concern's trail: the unit's own may be written only from within that unit.
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'sso.config_saved',
			objectType: 'tenant_sso_config',
			objectId: found.unit.id,
			before: found.config ? auditedSsoConfig(slug, found.config) : null,
			after: auditedSsoConfig(slug, saved),
		})
		return null
	})
}
