import type { PoOverrides } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { jsonb, pgPolicy, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { appTenantId, publicReadPolicy } from './tenancy.ts'

/** An organisational unit (organisatieonderdeel) of the concern: the tenant. */
export const tenants = pgTable(
	'tenants',
	{
		id: id(),
		slug: text().notNull().unique(),
		name: text().notNull(),
		shortName: text().notNull(),
		/** Only the P&O rules this unit overrides; the rest come from the concern defaults. */
		poOverrides: jsonb().$type<PoOverrides>().notNull().default({}),
		createdAt: createdAt(),
	},
	(t) => [
		// Unit names are public (the catalogue shows providers); a unit may edit only its own settings.
		publicReadPolicy('tenants'),
		pgPolicy('tenants_update_own', { for: 'update', using: sql`${t.id} = ${appTenantId}`, withCheck: sql`${t.id} = ${appTenantId}` }),
	],
)
