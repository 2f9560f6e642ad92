import type { PoOverrides } from '@leerplein/domain'
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'

/** An organisational unit (organisatieonderdeel) of the concern: the tenant. */
export const tenants = pgTable('tenants', {
	id: id(),
	slug: text().notNull().unique(),
	name: text().notNull(),
	shortName: text().notNull(),
	/** Only the P&O rules this unit overrides; the rest come from the concern defaults. */
	poOverrides: jsonb().$type<PoOverrides>().notNull().default({}),
	createdAt: createdAt(),
})
