import { getTenantBySlug } from '@leerplein/db'
import { CONCERN_DEFAULT_PO_SETTINGS, effectivePoSettings, type PoSettings } from '@leerplein/domain'
import type { LeerpleinContext } from '../load-context.ts'

export type RuleRow = { [K in keyof PoSettings]: { key: K; value: PoSettings[K]; own: boolean } }[keyof PoSettings]

/** A unit's P&O rules in force, each marked as the unit's own or the concern default. */
export async function findUnitRules({ db }: Pick<LeerpleinContext, 'db'>, { slug }: { slug: string }) {
	const tenant = await getTenantBySlug(db, { slug })
	if (!tenant) return null
	const settings = effectivePoSettings(CONCERN_DEFAULT_PO_SETTINGS, tenant.poOverrides)
	const rules = (Object.keys(settings) as (keyof PoSettings)[])
		.filter((key) => key !== 'branding')
		.map((key) => ({ key, value: settings[key], own: tenant.poOverrides[key] !== undefined }) as RuleRow)
	return { tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug }, rules }
}
