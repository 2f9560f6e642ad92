import { getConcernPoDefaults, getTenantBySlug, withTenantContext } from '@leerplein/db'
import { effectivePoSettings, ENROLMENT_RULE_KEYS, type EnrolmentRuleKey, type PoSettings } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

export type RuleRow = { [K in keyof PoSettings]: { key: K; value: PoSettings[K]; own: boolean } }[keyof PoSettings]
export type RuleDefaults = Pick<PoSettings, EnrolmentRuleKey>

/**
 * A unit's P&O rules in force, each marked as the unit's own or inherited from the concern,
 * and the concern defaults it would go back to.
 */
export async function findUnitRules({ db }: Pick<LeerpleinContext, 'db'>, { slug, viewer }: { slug: string; viewer: { tenantId: string; userId: string } }) {
	return withTenantContext(db, viewer, async (tx) => {
		const tenant = await getTenantBySlug(tx, { slug })
		if (!tenant) return null
		const defaults = await getConcernPoDefaults(tx)
		const settings = effectivePoSettings(defaults, tenant.poOverrides)
		const rules = (Object.keys(settings) as (keyof PoSettings)[])
			.filter((key) => key !== 'branding')
			.map((key) => ({ key, value: settings[key], own: tenant.poOverrides[key] !== undefined }) as RuleRow)
		return { tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug }, rules, defaults: enrolmentRuleDefaults(defaults) }
	})
}

/** Just the rules a form edits, so a page does not ship the whole settings object. */
export function enrolmentRuleDefaults(defaults: PoSettings): RuleDefaults {
	return Object.fromEntries(ENROLMENT_RULE_KEYS.map((key) => [key, defaults[key]])) as RuleDefaults
}
