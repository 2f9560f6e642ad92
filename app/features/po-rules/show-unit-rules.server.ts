import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { getTenantBySlug } from '@leerplein/db/tenants'
import { can, effectivePoSettings, ENROLMENT_RULE_KEYS, type EnrolmentRuleKey, type PoSettings } from '@leerplein/domain'
import { inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** Every rule a unit page shows: all P&O settings but the branding, which is not a rule. */
type ShownRuleKey = Exclude<keyof PoSettings, 'branding'>
export type RuleRow = { [K in ShownRuleKey]: { key: K; value: PoSettings[K]; own: boolean } }[ShownRuleKey]
export type RuleDefaults = Pick<PoSettings, EnrolmentRuleKey>

export type UnitRules = {
	tenant: { id: string; name: string; slug: string }
	rules: RuleRow[]
	defaults: RuleDefaults
	/** Whether the actor may change them (the unit's own coordinator). */
	editable: boolean
}

/**
 * A unit's P&O rules in force, each marked as the unit's own or inherited from the concern, and
 * the concern defaults it would go back to. An unknown unit is not found; another unit's rules
 * are forbidden (they are private to the unit and the concern).
 */
export async function showUnitRules(ctx: ServiceContext, { actor, slug }: { actor: Actor; slug: string }): Promise<ServiceResult<UnitRules>> {
	return inTenant(ctx, actor, async (tx) => {
		const tenant = await getTenantBySlug(tx, { slug })
		if (!tenant) throw refusal('not_found', 'TENANT_NOT_FOUND')
		if (!can(actor, 'read', { kind: 'tenant', tenantId: tenant.id })) throw refusal('forbidden', 'FORBIDDEN')
		const defaults = await getConcernPoDefaults(tx)
		const settings = effectivePoSettings(defaults, tenant.poOverrides)
		const rules = (Object.keys(settings) as (keyof PoSettings)[])
			.filter((key): key is ShownRuleKey => key !== 'branding')
			.map((key) => ({ key, value: settings[key], own: tenant.poOverrides[key] !== undefined }) as RuleRow)
		return {
			tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
			rules,
			defaults: enrolmentRuleDefaults(defaults),
			editable: can(actor, 'update', { kind: 'tenant', tenantId: tenant.id }),
		}
	})
}

/** Just the rules a form edits, so a page does not ship the whole settings object. */
export function enrolmentRuleDefaults(defaults: PoSettings): RuleDefaults {
	return Object.fromEntries(ENROLMENT_RULE_KEYS.map((key) => [key, defaults[key]])) as RuleDefaults
}
