import { sql } from 'drizzle-orm'
import { boolean, check, index, pgTable, text, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { language, role } from './enums.ts'
import { tenants } from './tenants.ts'

/** A job profile of a unit; the quality passport hangs its required competencies on it. */
export const jobProfiles = pgTable(
	'job_profiles',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		name: text().notNull(),
		createdAt: createdAt(),
	},
	(t) => [unique().on(t.tenantId, t.name)],
)

/** An employee (medewerker); every person belongs to one home unit. */
export const users = pgTable(
	'users',
	{
		id: id(),
		tenantId: uuid().notNull().references(() => tenants.id),
		employeeNumber: text().notNull(),
		name: text().notNull(),
		email: text().notNull().unique(),
		jobProfileId: uuid().references(() => jobProfiles.id),
		managerId: uuid().references((): AnyPgColumn => users.id),
		preferredLanguage: language(),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
	},
	(t) => [
		// SSO links a sign-in to the employee number within the unit.
		unique().on(t.tenantId, t.employeeNumber),
		// A manager's team list.
		index().on(t.tenantId, t.managerId),
	],
)

/**
 * What a person may do where. Coordinators and managers act within a unit (and a
 * coordinator may hold several); a concern administrator acts on the concern (no unit).
 */
export const roleAssignments = pgTable(
	'role_assignments',
	{
		id: id(),
		userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
		role: role().notNull(),
		tenantId: uuid().references(() => tenants.id),
		createdAt: createdAt(),
	},
	(t) => [
		unique().on(t.userId, t.role, t.tenantId).nullsNotDistinct(),
		index().on(t.tenantId, t.role),
		check('concern_admin_has_no_unit', sql`(${t.role} = 'concern_admin') = (${t.tenantId} is null)`),
	],
)
