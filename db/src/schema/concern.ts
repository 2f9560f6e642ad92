import type { PoSettings } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { check, integer, jsonb, pgPolicy, pgTable, smallint, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './people.ts'
import { appIsConcernAdmin, publicReadPolicy } from './tenancy.ts'

/**
 * Settings of the concern as a whole: one row. `poDefaults` are the P&O rules every unit
 * inherits unless it overrides a rule (tenants.po_overrides), so nine units do not keep nine
 * copies of every rule. Migration 0021 stores the first row.
 */
export const concernSettings = pgTable(
	'concern_settings',
	{
		id: smallint().primaryKey().default(1),
		poDefaults: jsonb().$type<PoSettings>().notNull(),
		/** The pass mark a new online part gets when its tool does not send one (Deep Linking), in percent of the maximum (ADR 026). */
		defaultPassMarkPercent: integer().notNull().default(55),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [
		check('concern_settings_one_row', sql`${t.id} = 1`),
		check('concern_settings_pass_mark', sql`${t.defaultPassMarkPercent} between 0 and 100`),
		// Every unit computes its rules in force from the defaults, so everyone reads them;
		// only a concern administrator changes them (the second wall behind the permission check).
		publicReadPolicy('concern_settings'),
		pgPolicy('concern_settings_concern_admin_update', { for: 'update', using: appIsConcernAdmin, withCheck: appIsConcernAdmin }),
	],
)
