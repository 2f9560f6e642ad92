import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './people.ts'
import { tenants } from './tenants.ts'

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
		/**
		 * For `anonymise`: the SET clause that takes the person out of the row (migration 0069), with
		 * `$1` the person's id, e.g. `name = 'Verwijderd', email = ''`. The erasure refuses a line without one.
		 */
		anonymiseSet: text(),
	},
	(t) => [
		primaryKey({ columns: [t.tableName, t.columnName] }),
		check('personal_data_register_find_by', sql`${t.findBy} in ('person', 'email', 'xapi_agent', 'none') or ${t.findBy} like 'via:%'`),
		check('personal_data_register_erasure', sql`${t.erasure} in ('delete', 'anonymise', 'keep', 'none')`),
		check('personal_data_register_anonymise_set', sql`(${t.erasure} = 'anonymise') = (${t.anonymiseSet} is not null)`),
	],
).enableRLS()

/** The signed-in person is the concern's privacy officer (ADR 054); role rows are under RLS, so a definer function asks. */
const appIsPrivacyOfficer = sql`(select app_is_privacy_officer())`

/**
 * A request to erase a person (GDPR art. 17; issue 22, item 1; ADR 054), made by the person from
 * their account page or by a privacy officer on their behalf, and decided by a privacy officer who
 * did not make it (four eyes). Approving runs `privacy_erase`, which walks the register in one
 * transaction; the row keeps who asked, who decided, when and the counts — and the erased person's
 * id, which then names an anonymised record, never their name.
 */
export const erasureRequests = pgTable(
	'erasure_requests',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The person's home unit when asked: the officer's queue shows it. */
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		personId: uuid()
			.notNull()
			.references(() => users.id),
		requestedBy: uuid()
			.notNull()
			.references(() => users.id),
		requestedAt: timestamp({ withTimezone: true }).notNull(),
		status: text().$type<'requested' | 'declined' | 'erased'>().notNull().default('requested'),
		decidedBy: uuid().references(() => users.id),
		decidedAt: timestamp({ withTimezone: true }),
		declineReason: text(),
		/** Per register line (`table.column`), how many rows were deleted, anonymised or kept. */
		counts: jsonb().$type<Record<string, { erasure: string; rows: number }>>(),
	},
	(t) => [
		check('erasure_requests_status', sql`${t.status} in ('requested', 'declined', 'erased')`),
		check('erasure_requests_four_eyes', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.requestedBy}`),
		check('erasure_requests_decline_reason', sql`(${t.status} = 'declined') = (${t.declineReason} is not null)`),
		// At most one open request per person: asking twice is the same request.
		uniqueIndex('erasure_requests_one_open').on(t.personId).where(sql`${t.status} = 'requested'`),
		// The officer's queue: open requests first, oldest first.
		index().on(t.status, t.requestedAt),
		pgPolicy('erasure_requests_officer', { for: 'all', using: appIsPrivacyOfficer, withCheck: appIsPrivacyOfficer }),
		pgPolicy('erasure_requests_self_read', { for: 'select', using: sql`${t.personId} = (select app_user_id())` }),
		pgPolicy('erasure_requests_self_insert', { for: 'insert', withCheck: sql`${t.personId} = (select app_user_id()) and ${t.requestedBy} = ${t.personId}` }),
	],
).enableRLS()
