import { eq } from 'drizzle-orm'
import type { Database } from '../client.ts'
import { tenantBrandings } from '../schema/branding.ts'

export type UnitBranding = {
	accentColour: string | null
	logoType: 'image/png' | 'image/svg+xml' | null
	updatedAt: Date
}

export type UnitLogo = { bytes: Uint8Array; type: 'image/png' | 'image/svg+xml'; updatedAt: Date }

/** A unit's own look without the logo's bytes, for every page's header; null: the concern look. Its own context only. */
export async function getUnitBranding(db: Database, { tenantId }: { tenantId: string }): Promise<UnitBranding | null> {
	const [row] = await db
		.select({ accentColour: tenantBrandings.accentColour, logoType: tenantBrandings.logoType, updatedAt: tenantBrandings.updatedAt })
		.from(tenantBrandings)
		.where(eq(tenantBrandings.tenantId, tenantId))
	return row ? { ...row, logoType: row.logoType as UnitBranding['logoType'] } : null
}

/** A unit's logo as served, or null when it has none. */
export async function getUnitLogo(db: Database, { tenantId }: { tenantId: string }): Promise<UnitLogo | null> {
	const [row] = await db
		.select({ bytes: tenantBrandings.logo, type: tenantBrandings.logoType, updatedAt: tenantBrandings.updatedAt })
		.from(tenantBrandings)
		.where(eq(tenantBrandings.tenantId, tenantId))
	return row?.bytes && row.type ? { bytes: row.bytes, type: row.type as UnitLogo['type'], updatedAt: row.updatedAt } : null
}

/**
 * Sets the unit's accent and logo together (each null for the concern's), creating the row on
 * first use. The unit's own context only: row-level security refuses another unit's row.
 */
export async function saveUnitBranding(
	db: Database,
	{ tenantId, accentColour, logo, now }: { tenantId: string; accentColour: string | null; logo: { bytes: Uint8Array; type: 'image/png' | 'image/svg+xml' } | null; now: Date },
): Promise<void> {
	const values = { accentColour, logo: logo?.bytes ?? null, logoType: logo?.type ?? null, updatedAt: now }
	await db
		.insert(tenantBrandings)
		.values({ tenantId, ...values })
		.onConflictDoUpdate({ target: tenantBrandings.tenantId, set: values })
}

/** Back to the concern look: the unit's row goes. */
export async function removeUnitBranding(db: Database, { tenantId }: { tenantId: string }): Promise<boolean> {
	const rows = await db.delete(tenantBrandings).where(eq(tenantBrandings.tenantId, tenantId)).returning({ tenantId: tenantBrandings.tenantId })
	return rows.length > 0
}
