import { sql } from 'drizzle-orm'
import { type AnyPgColumn, check, foreignKey, index, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'
import { themes } from './catalogue.ts'
import { competencies } from './passport.ts'
import { users } from './people.ts'
import { appTenantId, appUserId } from './tenancy.ts'
import { tenants } from './tenants.ts'

// The experts directory (issue 20, ADR 048). An entry lives in its person's unit and only its
// person reads or writes it under row-level security; the concern-wide directory reads the
// published columns through `expert_directory()` (SECURITY DEFINER, migration 0063), never the rows.

/** Only the person themselves, in their own unit: no coordinator, no manager, no concern administrator. */
const self = (tenantColumn: AnyPgColumn, userColumn: AnyPgColumn) => sql`${tenantColumn} = ${appTenantId} and ${userColumn} = ${appUserId}`

/**
 * An employee who made themselves available as an expert: a short description (1–500), how to
 * reach them (1–200), and `paused_at` while they are not available (then the directory leaves them
 * out). Opting out deletes the row (and its themes and competencies) at once.
 */
export const experts = pgTable(
	'experts',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		userId: uuid().notNull(),
		description: text().notNull(),
		contact: text().notNull(),
		pausedAt: timestamp({ withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.userId] }),
		// The person must be of the entry's unit (users_id_tenant_unique), so an entry cannot claim another unit.
		foreignKey({ columns: [t.userId, t.tenantId], foreignColumns: [users.id, users.tenantId] }).onDelete('cascade'),
		// The directory's unit filter.
		index().on(t.tenantId),
		check('experts_description_length', sql`char_length(${t.description}) between 1 and 500`),
		check('experts_contact_length', sql`char_length(${t.contact}) between 1 and 200`),
		pgPolicy('experts_self', { for: 'all', using: self(t.tenantId, t.userId), withCheck: self(t.tenantId, t.userId) }),
	],
)

/** The catalogue themes an expert answers on (at least one; the service says so). */
export const expertThemes = pgTable(
	'expert_themes',
	{
		tenantId: uuid().notNull(),
		userId: uuid()
			.notNull()
			.references(() => experts.userId, { onDelete: 'cascade' }),
		themeId: uuid()
			.notNull()
			.references(() => themes.id),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.themeId] }),
		// The directory's theme filter.
		index().on(t.themeId),
		pgPolicy('expert_themes_self', { for: 'all', using: self(t.tenantId, t.userId), withCheck: self(t.tenantId, t.userId) }),
	],
)

/** The passport competencies an expert declares; the directory marks those green or orange in their passport as verified. */
export const expertCompetencies = pgTable(
	'expert_competencies',
	{
		tenantId: uuid().notNull(),
		userId: uuid()
			.notNull()
			.references(() => experts.userId, { onDelete: 'cascade' }),
		competencyId: uuid()
			.notNull()
			.references(() => competencies.id),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.competencyId] }),
		pgPolicy('expert_competencies_self', { for: 'all', using: self(t.tenantId, t.userId), withCheck: self(t.tenantId, t.userId) }),
	],
)
