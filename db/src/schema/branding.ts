import { sql } from 'drizzle-orm'
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { bytea } from './columns.ts'
import { ownUnitPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

/**
 * A unit's own look (ADR 052): its logo and accent colour, shown to its own people in place of the
 * concern's. No row, or a column left null, is the concern look. The portal checks the colour's
 * contrast and cleans an SVG before it writes; the checks here refuse what slipped past it. Only
 * the unit's own context reads or writes its row: its people see it, nobody else needs it.
 */
export const tenantBrandings = pgTable(
	'tenant_brandings',
	{
		// One row per unit, found by its key: the primary key is the index.
		tenantId: uuid()
			.primaryKey()
			.references(() => tenants.id),
		/** `#rrggbb`, lower case; null: the concern's accent. */
		accentColour: text(),
		/** The logo as served: a PNG as sent, an SVG as cleaned. Null: the concern's logo. */
		logo: bytea(),
		/** What the logo's bytes were recognised as, never what the browser claimed. */
		logoType: text(),
		/** When the row last changed: the version in the logo's and style sheet's address, and their validator. */
		updatedAt: timestamp({ withTimezone: true }).notNull(),
	},
	(t) => [
		check('tenant_branding_accent', sql`${t.accentColour} is null or ${t.accentColour} ~ '^#[0-9a-f]{6}$'`),
		// 200 KB (MAX_LOGO_BYTES), with its type, or no logo at all.
		check(
			'tenant_branding_logo',
			sql`(${t.logo} is null and ${t.logoType} is null) or (${t.logoType} in ('image/png', 'image/svg+xml') and octet_length(${t.logo}) between 1 and 204800)`,
		),
		ownUnitPolicy('tenant_brandings', t.tenantId),
	],
)
