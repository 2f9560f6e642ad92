import type { RoleGrant } from './permissions.ts'

/** How long a session lives: idle minutes by kind of role, and an absolute lifetime (OWASP ASVS 3.3). */
export type SessionPolicy = {
	idleMinutes: number
	administrativeIdleMinutes: number
	absoluteHours: number
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, administrativeIdleMinutes: 30, absoluteHours: 8 }

const MINUTE_MS = 60_000

/** Coordinators, concern administrators and the privacy officer change other people's data; BIO asks more of them. */
export function isAdministrative(grants: readonly RoleGrant[]): boolean {
	return grants.some((grant) => grant.role === 'coordinator' || grant.role === 'concern_admin' || grant.role === 'privacy_officer')
}

export function sessionLifetime(policy: SessionPolicy, grants: readonly RoleGrant[]): { idleMs: number; absoluteMs: number } {
	const idleMinutes = isAdministrative(grants) ? policy.administrativeIdleMinutes : policy.idleMinutes
	return { idleMs: idleMinutes * MINUTE_MS, absoluteMs: policy.absoluteHours * 60 * MINUTE_MS }
}

export type SessionTimes = { expiresAt: Date; absoluteExpiresAt: Date; idleTimeoutMs: number }

export type SessionCheck =
	| { status: 'active'; extendTo: Date | null }
	| { status: 'expired'; reason: 'idle' | 'absolute' }

/** Sliding the idle expiry costs a write: at most once a minute (sooner only for very short timeouts). */
const slideGranularityMs = (idleTimeoutMs: number) => Math.min(MINUTE_MS, idleTimeoutMs / 4)

/**
 * Whether a session is still good at `now`, and if so, whether its idle expiry should
 * slide forward (never beyond the absolute lifetime).
 */
export function checkSession(session: SessionTimes, now: Date): SessionCheck {
	if (now >= session.absoluteExpiresAt) return { status: 'expired', reason: 'absolute' }
	if (now >= session.expiresAt) return { status: 'expired', reason: 'idle' }
	const slid = new Date(Math.min(now.getTime() + session.idleTimeoutMs, session.absoluteExpiresAt.getTime()))
	const worthWriting = slid.getTime() - session.expiresAt.getTime() >= slideGranularityMs(session.idleTimeoutMs)
	return { status: 'active', extendTo: worthWriting ? slid : null }
}
