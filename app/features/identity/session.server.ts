import { createHash, randomBytes } from 'node:crypto'
import type { Database } from '@leerplein/db'
import {
	deleteExpiredSessions,
	deleteSession,
	deleteSessionsOfUser,
	extendSession,
	getSession,
	getSignedInPerson,
	insertSession,
	listSessionsOfUser,
	type SessionRow,
	type SignedInPerson,
} from '@leerplein/db/identity'
import { checkSession, sessionLifetime, type SessionPolicy } from '@leerplein/domain'
import { Lucia, TimeSpan, type Adapter, type DatabaseSession } from 'lucia'
import type { Clock } from '../../core/clock.ts'
import { SESSION_COOKIE } from './cookie.ts'

/**
 * The one auth module: sessions in Lucia's model, hardened to OWASP ASVS level 2.
 * The cookie carries a random 256-bit token; the database keeps only its SHA-256 hash.
 * Lucia supplies the cookie handling and invalidation through an adapter over our own
 * queries; expiry (idle by role, absolute lifetime) is the domain's `checkSession` rule,
 * which Lucia's single sliding span cannot express. Swapping Lucia touches only this file.
 */

export type AuthConfig = { secureCookies: boolean; sessionPolicy: SessionPolicy }

export type SignedIn = { person: SignedInPerson; sessionId: string }

export type SessionLookup =
	| { status: 'signed_in'; signedIn: SignedIn }
	| { status: 'expired' | 'anonymous' }

const TOKEN_BYTES = 32

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex')
}

function toDatabaseSession(row: SessionRow): DatabaseSession {
	return { id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} }
}

/** Lucia's storage port, implemented on the db package's session queries. */
function sessionAdapter(db: Database, clock: Clock): Adapter {
	return {
		async getSessionAndUser(sessionId) {
			const session = await getSession(db, { sessionId })
			return session ? [toDatabaseSession(session), { id: session.userId, attributes: {} }] : [null, null]
		},
		async getUserSessions(userId) {
			return (await listSessionsOfUser(db, { userId })).map(toDatabaseSession)
		},
		async setSession() {
			// Lucia's createSession gives every role one sliding span; ours differ by role.
			throw new Error('Start sessions with auth.start(), which applies the idle policy for the role')
		},
		async updateSessionExpiration(sessionId, expiresAt) {
			await extendSession(db, { sessionId, expiresAt })
		},
		async deleteSession(sessionId) {
			await deleteSession(db, { sessionId })
		},
		async deleteUserSessions(userId) {
			await deleteSessionsOfUser(db, { userId })
		},
		async deleteExpiredSessions() {
			await deleteExpiredSessions(db, { now: clock.now() })
		},
	}
}

/** Sessions on `db`; every expiry is decided by `clock` (the load context's, which tests can set). */
export function createAuth(db: Database, config: AuthConfig, clock: Clock) {
	const lucia = new Lucia(sessionAdapter(db, clock), {
		// The cookie lives as long as the session may: its absolute lifetime.
		sessionExpiresIn: new TimeSpan(config.sessionPolicy.absoluteHours, 'h'),
		sessionCookie: {
			// __Host-: only over HTTPS, only for this exact host, path /: no subdomain can set or read it.
			name: config.secureCookies ? SESSION_COOKIE.secure : SESSION_COOKIE.insecure,
			attributes: { secure: config.secureCookies, sameSite: 'lax' },
		},
	})

	return {
		/** A new session (always a new token: no fixation) for someone who just proved who they are. */
		async start(person: SignedInPerson, origin: { ipAddress: string | null; userAgent: string | null }, now = clock.now()) {
			const token = randomBytes(TOKEN_BYTES).toString('base64url')
			const sessionId = hashToken(token)
			const { idleMs, absoluteMs } = sessionLifetime(config.sessionPolicy, person.grants)
			await insertSession(db, {
				id: sessionId,
				userId: person.userId,
				expiresAt: new Date(now.getTime() + idleMs),
				absoluteExpiresAt: new Date(now.getTime() + absoluteMs),
				idleTimeoutSeconds: idleMs / 1000,
				ipAddress: origin.ipAddress,
				userAgent: origin.userAgent?.slice(0, 300) ?? null,
			})
			return { sessionId, setCookie: lucia.createSessionCookie(token).serialize() }
		},

		/** Who this request belongs to; slides the idle expiry; ends sessions that expired or whose account was deactivated. */
		async read(request: Request, now = clock.now()): Promise<SessionLookup> {
			const token = lucia.readSessionCookie(request.headers.get('Cookie') ?? '')
			if (!token) return { status: 'anonymous' }
			const sessionId = hashToken(token)
			const session = await getSession(db, { sessionId })
			if (!session) return { status: 'expired' }
			const check = checkSession({ ...session, idleTimeoutMs: session.idleTimeoutSeconds * 1000 }, now)
			if (check.status === 'expired') {
				await lucia.invalidateSession(sessionId)
				return { status: 'expired' }
			}
			const person = await getSignedInPerson(db, { userId: session.userId })
			if (!person?.active) {
				await lucia.invalidateUserSessions(session.userId)
				return { status: 'expired' }
			}
			if (check.extendTo) await extendSession(db, { sessionId, expiresAt: check.extendTo })
			return { status: 'signed_in', signedIn: { person, sessionId } }
		},

		async end(sessionId: string) {
			await lucia.invalidateSession(sessionId)
		},

		async endAll(userId: string) {
			await lucia.invalidateUserSessions(userId)
		},

		/** The header that removes the cookie from the browser. */
		blankCookie: () => lucia.createBlankSessionCookie().serialize(),
	}
}

export type Auth = ReturnType<typeof createAuth>
