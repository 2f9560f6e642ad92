import { sql } from 'drizzle-orm'
import { selectRows, type Database } from './client.ts'

/**
 * Who the database should treat a transaction as: the unit acted for and the signed-in person.
 * Both null is an anonymous visitor, who sees only what is public (the concern-wide catalogue).
 */
export type TenantContext = { tenantId: string | null; userId: string | null }

/**
 * Runs `work` in one transaction whose row-level-security context is `context` (ADR 006).
 *
 * The settings are transaction-local (`set_config(..., true)`) and passed as bind parameters:
 * they vanish at commit or rollback, so a pooled connection, or a transaction-mode pooler in
 * front of PostgreSQL, never hands them to the next transaction. Outside this helper no tenant
 * is set, and the policies return no private rows at all.
 */
export async function withTenantContext<T>(db: Database, context: TenantContext, work: (tx: Database) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		await tx.execute(
			sql`select set_config('app.tenant_id', ${context.tenantId ?? ''}, true), set_config('app.user_id', ${context.userId ?? ''}, true)`,
		)
		return work(tx as unknown as Database)
	})
}

/**
 * Runs `work` as an LTI tool calling a service (ADR 014): in the unit providing the course, with
 * no person, and with `app.lti_tool_id` set so the restrictive policies keep the tool to its own
 * line items, results and resource links. Transaction-local, like withTenantContext.
 */
export async function withToolContext<T>(db: Database, context: { tenantId: string; toolId: string }, work: (tx: Database) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		await tx.execute(
			sql`select set_config('app.tenant_id', ${context.tenantId}, true), set_config('app.user_id', '', true), set_config('app.lti_tool_id', ${context.toolId}, true)`,
		)
		return work(tx as unknown as Database)
	})
}

export type RoleFacts = { name: string; superuser: boolean; bypassRls: boolean; ownedTables: string[] }

/** What the current role may do regardless of policies: the app role must be none of these. */
export async function inspectCurrentRole(db: Database): Promise<RoleFacts> {
	const [row] = await selectRows<{ name: string; superuser: boolean; bypass_rls: boolean; owned_tables: string[] }>(
		db,
		sql`
		select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
			coalesce((select array_agg(t.tablename::text order by t.tablename) from pg_tables t
				where t.schemaname = 'public' and t.tableowner = current_user), '{}') as owned_tables
		from pg_roles r where r.rolname = current_user`,
	)
	if (!row) throw new Error('the current role is not in pg_roles')
	return { name: row.name, superuser: row.superuser, bypassRls: row.bypass_rls, ownedTables: row.owned_tables }
}
