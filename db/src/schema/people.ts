import { sql } from 'drizzle-orm'
import { boolean, check, index, pgPolicy, pgTable, text, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { language, role } from './enums.ts'
import { appTenantId, appUserId, ownUnitFirst, ownUnitPolicy } from './tenancy.ts'
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
	(t) => [
		unique().on(t.tenantId, t.name),
		// The target of composite keys: a unit's requirement may name only a job profile of that unit (migration 0039).
		unique('job_profiles_id_tenant_unique').on(t.id, t.tenantId),
		ownUnitPolicy('job_profiles', t.tenantId),
	],
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
		/** The cost centre (kostenplaats) the employee's learning is charged to by default. */
		costCentre: text(),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
	},
	(t) => [
		// SSO links a sign-in to the employee number within the unit.
		unique().on(t.tenantId, t.employeeNumber),
		// The target of composite keys: a unit's person requirement may name only a person of that unit (migration 0039).
		unique('users_id_tenant_unique').on(t.id, t.tenantId),
		// A manager's team list.
		index().on(t.tenantId, t.managerId),
		ownUnitPolicy('users', t.tenantId),
		// A person reads their own record, also when acting for another unit.
		pgPolicy('users_self', { for: 'select', using: sql`${t.id} = ${appUserId}` }),
		// A providing unit needs the participant list of its sessions, whatever their home unit.
		// Served by enrolments (tenant_id, user_id) and the sessions primary key.
		pgPolicy('users_participants', {
			for: 'select',
			using: ownUnitFirst(
				t.tenantId,
				sql`exists (select 1 from enrolments e join sessions s on s.id = e.session_id
					where e.tenant_id = ${t.tenantId} and e.user_id = ${t.id} and s.tenant_id = ${appTenantId})`,
			),
		}),
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
		// Concern-wide roles (the concern administrator, the privacy officer) have no unit; every other role has one.
		// Compared as text: migration 0069 adds 'privacy_officer' to the enum in the same transaction as this check.
		check('concern_role_has_no_unit', sql`(${t.role}::text in ('concern_admin', 'privacy_officer')) = (${t.tenantId} is null)`),
		// Concern-administrator rows have no unit, so only the migrator writes them for now.
		ownUnitPolicy('role_assignments', t.tenantId),
		pgPolicy('role_assignments_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
	],
)
