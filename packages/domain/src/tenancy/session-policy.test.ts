import { describe, expect, test } from 'vitest'
import { checkSession, DEFAULT_SESSION_POLICY, sessionLifetime } from './session-policy.ts'

const at = (iso: string) => new Date(`2026-11-23T${iso}:00Z`)
const MIN = 60_000

describe('sessionLifetime', () => {
	test('coordinators and administrators get the administrative idle timeout', () => {
		const policy = { ...DEFAULT_SESSION_POLICY, idleMinutes: 60, administrativeIdleMinutes: 30 }
		expect(sessionLifetime(policy, [{ role: 'employee', tenantId: 'rvo' }])).toEqual({ idleMs: 60 * MIN, absoluteMs: 8 * 60 * MIN })
		expect(sessionLifetime(policy, [{ role: 'employee', tenantId: 'rvo' }, { role: 'coordinator', tenantId: 'rvo' }]).idleMs).toBe(30 * MIN)
		expect(sessionLifetime(policy, [{ role: 'concern_admin', tenantId: null }]).idleMs).toBe(30 * MIN)
	})
})

describe('checkSession', () => {
	const session = { expiresAt: at('09:30'), absoluteExpiresAt: at('17:00'), idleTimeoutMs: 30 * MIN }

	test('an active session slides its idle expiry forward', () => {
		expect(checkSession(session, at('09:10'))).toEqual({ status: 'active', extendTo: at('09:40') })
	})

	test('does not write a slide of less than a minute', () => {
		expect(checkSession(session, at('09:00'))).toEqual({ status: 'active', extendTo: null })
	})

	test('slides sooner when the idle timeout itself is only minutes long', () => {
		const short = { expiresAt: at('09:02'), absoluteExpiresAt: at('17:00'), idleTimeoutMs: 2 * MIN }
		expect(checkSession(short, at('09:01'))).toEqual({ status: 'active', extendTo: at('09:03') })
	})

	test('a session left idle past its expiry has ended', () => {
		expect(checkSession(session, at('09:30'))).toEqual({ status: 'expired', reason: 'idle' })
	})

	test('activity never extends a session beyond its absolute lifetime', () => {
		const late = { ...session, expiresAt: at('16:50') }
		expect(checkSession(late, at('16:45'))).toEqual({ status: 'active', extendTo: at('17:00') })
		expect(checkSession(late, at('17:00'))).toEqual({ status: 'expired', reason: 'absolute' })
	})
})
