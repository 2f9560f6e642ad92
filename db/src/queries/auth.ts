import { and, eq, lte, or } from 'drizzle-orm'
import type { RoleGrant } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { authSessions } from '../schema/auth.ts'
import { roleAssignments, users } from '../schema/people.ts'

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
	const rows = await db
		.select({
			userId: users.id,
			tenantId: users.tenantId,
			name: users.name,
			email: users.email,
			active: users.active,
			role: roleAssignments.role,
			roleTenantId: roleAssignments.tenantId,
		})
		.from(users)
		.leftJoin(roleAssignments, eq(roleAssignments.userId, users.id))
		.where(eq(users.id, userId))
	const [first] = rows
	if (!first) return null
	const { role: _role, roleTenantId: _roleTenantId, ...person } = first
	return {
		...person,
		grants: rows.flatMap((row) => (row.role ? [{ role: row.role, tenantId: row.roleTenantId }] : [])),
	}
}

/** Sign-in looks people up by e-mail address (demo personas) or by unit and employee number (SSO). */
export async function findUserIdByEmail(db: Database, { email }: { email: string }): Promise<string | null> {
	const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, email.toLowerCase()), eq(users.active, true)))
	return row?.id ?? null
}

export async function insertSession(db: Database, session: typeof authSessions.$inferInsert): Promise<void> {
	await db.insert(authSessions).values(session)
}

export async function getSession(db: Database, { sessionId }: { sessionId: string }): Promise<SessionRow | null> {
	const [row] = await db.select().from(authSessions).where(eq(authSessions.id, sessionId))
	return row ?? null
}

export async function extendSession(db: Database, { sessionId, expiresAt }: { sessionId: string; expiresAt: Date }): Promise<void> {
	await db.update(authSessions).set({ expiresAt }).where(eq(authSessions.id, sessionId))
}

export async function deleteSession(db: Database, { sessionId }: { sessionId: string }): Promise<void> {
	await db.delete(authSessions).where(eq(authSessions.id, sessionId))
}

/** Sign out everywhere, and what deactivating an account does to its sessions. */
export async function deleteSessionsOfUser(db: Database, { userId }: { userId: string }): Promise<number> {
	const deleted = await db.delete(authSessions).where(eq(authSessions.userId, userId)).returning({ id: authSessions.id })
	return deleted.length
}

/** Deactivates an account and ends all of its sessions, in one go. */
export async function deactivateUser(db: Database, { userId }: { userId: string }): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.update(users).set({ active: false }).where(eq(users.id, userId))
		await tx.delete(authSessions).where(eq(authSessions.userId, userId))
	})
}

export async function listSessionsOfUser(db: Database, { userId }: { userId: string }): Promise<SessionRow[]> {
	return db.select().from(authSessions).where(eq(authSessions.userId, userId))
}

/** Housekeeping: sessions past their idle or absolute expiry. */
export async function deleteExpiredSessions(db: Database, { now }: { now: Date }): Promise<void> {
	await db.delete(authSessions).where(or(lte(authSessions.expiresAt, now), lte(authSessions.absoluteExpiresAt, now)))
}
