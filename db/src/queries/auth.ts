import { eq, sql } from 'drizzle-orm'
import type { RoleGrant } from '@leerplein/domain'
import { selectRows, type Database } from '../client.ts'
import { authSessions } from '../schema/auth.ts'
import { users } from '../schema/people.ts'
import { signClaimFor } from '../tenancy.ts'

// Sessions are looked up before any tenant is known, and sign-in searches people across all
// units, so these go through the SECURITY DEFINER auth_* functions of migration 0003: the
// portal's role cannot read auth_sessions, nor other units' people, directly (ADR 006).

export type SessionRow = typeof authSessions.$inferSelect

export type SignedInPerson = {
	userId: string
	tenantId: string
	name: string
	email: string
	active: boolean
	grants: RoleGrant[]
}

/** The person behind a user id, with every role they hold. */
export async function getSignedInPerson(db: Database, { userId }: { userId: string }): Promise<SignedInPerson | null> {
	const claim = await signClaimFor(db, ['person', userId])
	const [row] = await selectRows<Omit<SignedInPerson, 'grants'> & { grants: RoleGrant[] | string }>(
		db,
		sql`select user_id as "userId", tenant_id as "tenantId", name, email, active, grants from auth_person(${userId}::uuid, ${claim.expiresMs}::bigint, ${claim.mac})`,
	)
	if (!row) return null
	// postgres.js under drizzle hands jsonb over as text; PGlite parses it.
	return { ...row, grants: typeof row.grants === 'string' ? (JSON.parse(row.grants) as RoleGrant[]) : row.grants }
}

/** Sign-in looks people up by e-mail address (demo personas) or by unit and employee number (SSO). */
export async function findUserIdByEmail(db: Database, { email }: { email: string }): Promise<string | null> {
	const claim = await signClaimFor(db, ['user-by-email', email])
	const [row] = await selectRows<{ id: string | null }>(db, sql`select auth_user_id_by_email(${email}, ${claim.expiresMs}::bigint, ${claim.mac}) as id`)
	return row?.id ?? null
}

export async function insertSession(db: Database, session: typeof authSessions.$inferInsert): Promise<void> {
	const claim = await signClaimFor(db, ['session', session.id, session.userId])
	await db.execute(sql`select auth_insert_session(
		${session.id}, ${session.userId}::uuid, ${session.expiresAt.toISOString()}::timestamptz,
		${session.absoluteExpiresAt.toISOString()}::timestamptz, ${session.idleTimeoutSeconds}::integer,
		${session.ipAddress ?? null}, ${session.userAgent ?? null}, ${session.createdAt?.toISOString() ?? null}::timestamptz,
		${claim.expiresMs}::bigint, ${claim.mac})`)
}

// mapWith borrows each column's decoding, so timestamps come back as Dates on both drivers.
const sessionColumns = {
	id: sql<string>`id`,
	userId: sql<string>`user_id`,
	expiresAt: sql<Date>`expires_at`.mapWith(authSessions.expiresAt),
	absoluteExpiresAt: sql<Date>`absolute_expires_at`.mapWith(authSessions.absoluteExpiresAt),
	idleTimeoutSeconds: sql<number>`idle_timeout_seconds`,
	ipAddress: sql<string | null>`ip_address`,
	userAgent: sql<string | null>`user_agent`,
	createdAt: sql<Date>`created_at`.mapWith(authSessions.createdAt),
}

export async function getSession(db: Database, { sessionId }: { sessionId: string }): Promise<SessionRow | null> {
	const [row] = await db.select(sessionColumns).from(sql`auth_session(${sessionId})`)
	return row ?? null
}

export async function extendSession(db: Database, { sessionId, expiresAt }: { sessionId: string; expiresAt: Date }): Promise<void> {
	await db.execute(sql`select auth_extend_session(${sessionId}, ${expiresAt.toISOString()}::timestamptz)`)
}

export async function deleteSession(db: Database, { sessionId }: { sessionId: string }): Promise<void> {
	await db.execute(sql`select auth_delete_session(${sessionId})`)
}

/** Sign out everywhere, and what deactivating an account does to its sessions. */
export async function deleteSessionsOfUser(db: Database, { userId }: { userId: string }): Promise<number> {
	const claim = await signClaimFor(db, ['sessions-of', userId])
	const [row] = await selectRows<{ deleted: number }>(db, sql`select auth_delete_sessions_of_user(${userId}::uuid, ${claim.expiresMs}::bigint, ${claim.mac}) as deleted`)
	return Number(row?.deleted ?? 0)
}

/**
 * Deactivates an account and ends all of its sessions, in one go. Must run in the tenant
 * context of the person's unit (`withTenantContext`): row-level security lets a unit change
 * only its own people, and a person not visible there is refused rather than silently kept.
 */
export async function deactivateUser(db: Database, { userId }: { userId: string }): Promise<void> {
	const claim = await signClaimFor(db, ['sessions-of', userId])
	await db.transaction(async (tx) => {
		const updated = await tx.update(users).set({ active: false }).where(eq(users.id, userId)).returning({ id: users.id })
		if (updated.length === 0) throw new Error('deactivateUser: no such person in the current tenant context')
		await tx.execute(sql`select auth_delete_sessions_of_user(${userId}::uuid, ${claim.expiresMs}::bigint, ${claim.mac})`)
	})
}

export async function listSessionsOfUser(db: Database, { userId }: { userId: string }): Promise<SessionRow[]> {
	const claim = await signClaimFor(db, ['sessions-of', userId])
	return db.select(sessionColumns).from(sql`auth_sessions_of_user(${userId}::uuid, ${claim.expiresMs}::bigint, ${claim.mac})`)
}

/** Housekeeping: sessions past their idle or absolute expiry. */
export async function deleteExpiredSessions(db: Database, { now }: { now: Date }): Promise<number> {
	const claim = await signClaimFor(db, ['expired-sessions', String(now.getTime())])
	const [row] = await selectRows<{ deleted: number }>(
		db,
		sql`select auth_delete_expired_sessions(${now.toISOString()}::timestamptz, ${claim.expiresMs}::bigint, ${claim.mac}) as deleted`,
	)
	return Number(row?.deleted ?? 0)
}
