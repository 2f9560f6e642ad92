import { getTenantBySlug, updateTenantOverrides, withTenantContext, writeAudit } from '@leerplein/db'
import { can, ENROLMENT_RULE_KEYS, poOverridesSchema, type PoOverrides } from '@leerplein/domain'
import { actorOf } from '../identity/guard.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import type { ServiceContext } from '../enrolment/enrolment-support.server.ts'


/**
 * A coordinator sets, per rule, "follow the concern" (the key disappears from the unit's
 * overrides) or an own value; validated against the domain schema and audit-logged.
 */
export async function updateUnitRules(ctx: ServiceContext, signedIn: SignedIn, { slug, own }: { slug: string; own: Partial<PoOverrides> }) {
	const actor = actorOf(signedIn)
	return withTenantContext(ctx.db, { tenantId: actor.tenantId, userId: actor.userId }, async (tx) => {
		const tenant = await getTenantBySlug(tx, { slug })
		if (!tenant || !can(actor, 'update', { kind: 'tenant', tenantId: tenant.id })) return { ok: false as const, code: 'FORBIDDEN' as const }
		const kept = Object.fromEntries(Object.entries(tenant.poOverrides).filter(([key]) => !(ENROLMENT_RULE_KEYS as readonly string[]).includes(key)))
		const overrides = poOverridesSchema.parse({ ...kept, ...own })
		await updateTenantOverrides(tx, { tenantId: tenant.id, overrides })
		await writeAudit(tx, {
			tenantId: tenant.id,
			actorUserId: actor.userId,
			action: 'tenant.rules.update',
			objectType: 'tenant',
			objectId: tenant.id,
			result: 'success',
			origin: ctx.clientIp,
			requestId: ctx.requestId,
			before: tenant.poOverrides,
			after: overrides,
		})
		return { ok: true as const }
	})
}
