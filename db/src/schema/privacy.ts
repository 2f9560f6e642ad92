import { sql } from 'drizzle-orm'
import { check, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

/**
 * Where Leerplein holds personal data (issue 22, item 1; ADR 053): one row per table and column
 * by which a row is a person's, with what erasure does to it. The export (`privacy_export`) reads
 * every table through this register, so a table listed here is exported; `db/src/privacy.test.ts`
 * fails when a table of the schema, or a column that points at a person, is missing from it.
 * Tables without personal data are listed too (`find_by = 'none'`), with the reason.
 *
 * `find_by`: `person` (the column holds the person's id), `email` (the person's address, any
 * case), `xapi_agent` (an xAPI agent key naming the person), `via:<table>` (the column holds the
 * id of a row of that table that is the person's), `none`.
 * Only the migrator writes it; the portal reaches it through `privacy_export` alone.
 */
export const personalDataRegister = pgTable(
	'personal_data_register',
	{
		tableName: text().notNull(),
		columnName: text().notNull(),
		findBy: text().notNull(),
		erasure: text().notNull(),
		reason: text().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.tableName, t.columnName] }),
		check('personal_data_register_find_by', sql`${t.findBy} in ('person', 'email', 'xapi_agent', 'none') or ${t.findBy} like 'via:%'`),
		check('personal_data_register_erasure', sql`${t.erasure} in ('delete', 'anonymise', 'keep', 'none')`),
	],
).enableRLS()
