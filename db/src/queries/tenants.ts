import { and, asc, eq, sql } from 'drizzle-orm'
import type { PoOverrides } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { users } from '../schema/people.ts'
import { tenants } from '../schema/tenants.ts'

export type TenantSummary = { id: string; slug: string; name: string; shortName: string }

/** The units of the concern; their names are public to everyone in it. */
export async function listTenants(db: Database): Promise<TenantSummary[]> {
	return db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name, shortName: tenants.shortName }).from(tenants).orderBy(asc(tenants.name))
}

/** A unit's name and slug (public to everyone in the concern). */
export async function getTenantName(db: Database, { tenantId }: { tenantId: string }): Promise<{ name: string; slug: string } | null> {
	const [tenant] = await db.select({ name: tenants.name, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId))
	return tenant ?? null
}

/** A unit with its P&O overrides: private to the unit's coordinators (and readable by the concern). */
export async function getTenantBySlug(db: Database, { slug }: { slug: string }) {
	const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug))
	return tenant ?? null
}

/** Replaces a unit's P&O overrides (its coordinator, in its own tenant context; the policy allows no other unit). */
export async function updateTenantOverrides(db: Database, { tenantId, overrides }: { tenantId: string; overrides: PoOverrides }): Promise<boolean> {
	const rows = await db.update(tenants).set({ poOverrides: overrides }).where(eq(tenants.id, tenantId)).returning({ id: tenants.id })
	return rows.length > 0
}

/** Up to `limit` active people of the unit whose name or e-mail contains `query`, by name. */
export async function searchUnitPeople(db: Database, { tenantId, query, limit = 20 }: { tenantId: string; query: string; limit?: number }): Promise<{ id: string; name: string; email: string }[]> {
	const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
	return db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.where(and(eq(users.tenantId, tenantId), eq(users.active, true), sql`(${users.name} ilike ${pattern} or ${users.email} ilike ${pattern})`))
		.orderBy(users.name)
		.limit(limit)
}
