import { sql, type SQL } from 'drizzle-orm'
import { pgPolicy, type AnyPgColumn } from 'drizzle-orm/pg-core'

// Row-level security (ADR 006). The policies sit beside their tables; the role, FORCE, grants
// and the functions they call are in migration 0003. A policy has no `to`: it binds every role
// that does not bypass RLS, the portal's leerplein_app and, because of FORCE, the table owner.

// Each is a sub-select, so PostgreSQL evaluates it once per query (an InitPlan), not once per row:
// the functions verify the context's proof (ADR 024), which costs two SHA-256 rounds.

/** The unit of the current transaction; NULL without a verified tenant context, and NULL matches no row. */
export const appTenantId = sql`(select app_tenant_id())`

/** The signed-in person of the current, verified transaction, or NULL. */
export const appUserId = sql`(select app_user_id())`

/** Whether the signed-in person is a concern administrator; role rows are readable to their holder (role_assignments_self). */
export const appIsConcernAdmin = sql`exists (select 1 from role_assignments r where r.user_id = ${appUserId} and r.role = 'concern_admin')`

/** A unit reads and writes its own rows, and cannot write a row into another unit. */
export function ownUnitPolicy(table: string, tenantColumn: AnyPgColumn) {
	const own: SQL = sql`${tenantColumn} = ${appTenantId}`
	return pgPolicy(`${table}_own_unit`, { for: 'all', using: own, withCheck: own })
}

/**
 * A policy that also lets other readers in through a sub-select (`exists (…)`), asking the cheap
 * question first: is the row the unit's own? PostgreSQL ORs a table's permissive policies in
 * reverse order of their names (`users_self`, `users_participants`, `users_own_unit`) and
 * evaluates the arms left to right, so without this the sub-select ran for every one of the
 * unit's own rows before the own-unit policy could say yes: a unit's matrix of 3,478 people
 * walked their enrolments, sessions and courses first (ADR 032). The own-unit arm repeats what
 * `ownUnitPolicy` grants, so it changes what nobody may read; only the order of the work.
 */
export function ownUnitFirst(tenantColumn: AnyPgColumn, others: SQL): SQL {
	return sql`${tenantColumn} = ${appTenantId} or ${others}`
}

/** Names and reference data every visitor may read, even without a tenant context. */
export function publicReadPolicy(table: string) {
	return pgPolicy(`${table}_public_read`, { for: 'select', using: sql`true` })
}
