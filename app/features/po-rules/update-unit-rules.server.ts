import { getTenantBySlug, updateTenantOverrides } from '@leerplein/db/tenants'
import { can, ENROLMENT_RULE_KEYS, poOverridesSchema, type PoOverrides } from '@leerplein/domain'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * A coordinator sets, per enrolment rule, "follow the concern" (the key disappears from the unit's
 * overrides) or an own value; the unit's other overrides (branding…) are kept. Validated against
 * the domain schema and audit-logged. An unknown unit is not found; another unit's is forbidden.
 */
export async function updateUnitRules(
	ctx: ServiceContext,
	{ actor, slug, own }: { actor: Actor; slug: string; own: Partial<PoOverrides> },
): Promise<ServiceResult<void>> {
	return inTenant(ctx, actor, async (tx) => {
		const tenant = await getTenantBySlug(tx, { slug })
		if (!tenant) throw refusal('not_found', 'TENANT_NOT_FOUND')
		if (!can(actor, 'update', { kind: 'tenant', tenantId: tenant.id })) throw refusal('forbidden', 'FORBIDDEN')
		const kept = Object.fromEntries(Object.entries(tenant.poOverrides).filter(([key]) => !(ENROLMENT_RULE_KEYS as readonly string[]).includes(key)))
		// A rule given as undefined follows the concern: its key leaves the overrides.
		const ownValues = Object.fromEntries(Object.entries(own).filter(([, value]) => value !== undefined))
		const overrides = poOverridesSchema.parse({ ...kept, ...ownValues })
		await updateTenantOverrides(tx, { tenantId: tenant.id, overrides })
		await audit(ctx, tx, { actor, tenantId: tenant.id, action: 'tenant.rules.update', objectType: 'tenant', objectId: tenant.id, before: tenant.poOverrides, after: overrides })
	})
}
