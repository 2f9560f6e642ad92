import { inArray } from 'drizzle-orm'
import type { Database } from '../client.ts'
import { tenantBrandings } from '../schema/branding.ts'
import { tenants } from '../schema/tenants.ts'

// Demo branding (issue 19, item 2; ADR 052): three units show their own accent and a plain SVG logo
// (a bar and the unit's short name), the other six the concern look. Each colour passes the
// portal's contrast rule (seed.test.ts checks it), so every page of these units passes axe too.
export const SEEDED_BRANDING: Record<string, { accentColour: string }> = {
	rvo: { accentColour: '#42145f' },
	nvwa: { accentColour: '#a90061' },
	dictu: { accentColour: '#275937' },
}

/** A logo as a coordinator might upload it: plain shapes and text, nothing the cleaner would take out. */
export function seededLogo(shortName: string, colour: string): string {
	const width = 24 + shortName.length * 17
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 56" width="${width}" height="56"><rect width="10" height="56" fill="${colour}"/><text x="20" y="37" font-family="Arial, Helvetica, sans-serif" font-size="26" font-weight="700" fill="${colour}">${shortName}</text></svg>`
}

export async function writeUnitBranding(db: Database, now: Date) {
	const units = await db.select({ id: tenants.id, slug: tenants.slug, shortName: tenants.shortName }).from(tenants).where(inArray(tenants.slug, Object.keys(SEEDED_BRANDING)))
	if (units.length === 0) return
	await db.insert(tenantBrandings).values(
		units.map((unit) => {
			const { accentColour } = SEEDED_BRANDING[unit.slug]!
			return { tenantId: unit.id, accentColour, logo: new TextEncoder().encode(seededLogo(unit.shortName, accentColour)), logoType: 'image/svg+xml', updatedAt: now }
		}),
	)
}
