import { describe, expect, test } from 'vitest'
import { registrationTokenState } from './registration-token.ts'

const now = new Date('2026-12-03T10:00:00Z')
const open = { usedAt: null, toolId: null, refusedAt: null, refusalError: null, refusalDetail: null, expiresAt: new Date('2026-12-03T11:00:00Z') }

describe('registrationTokenState', () => {
	test('given a token no tool has tried yet, it is waiting until it expires', () => {
		expect(registrationTokenState(open, now)).toEqual({ status: 'waiting' })
		expect(registrationTokenState({ ...open, expiresAt: now }, now)).toEqual({ status: 'expired' })
	})
	test('given a refused try, it says the error and the field, also after the token expired', () => {
		const refused = { ...open, refusedAt: now, refusalError: 'invalid_client_metadata', refusalDetail: 'jwks_uri: Invalid URL' }
		const expected = { status: 'refused', error: 'invalid_client_metadata', detail: 'jwks_uri: Invalid URL', at: now }
		expect(registrationTokenState(refused, now)).toEqual(expected)
		expect(registrationTokenState({ ...refused, expiresAt: new Date('2026-12-03T09:00:00Z') }, now)).toEqual(expected)
	})
	test('given a tool registered with it after a refused try, it is used, with the tool', () => {
		expect(registrationTokenState({ ...open, refusedAt: now, refusalError: 'invalid_client_metadata', usedAt: now, toolId: 'tool-1' }, now)).toEqual({ status: 'used', toolId: 'tool-1' })
	})
})
