import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { lastFour, openSecret, sealSecret, secretsKeyFromEnv } from './secret-box.server.ts'

describe('the secret box', () => {
	const key = randomBytes(32)

	test('seals a token so the sealed text does not contain it, and opens it again with the same key', () => {
		const sealed = sealSecret(key, 'ws-token-0123456789abcdef')
		expect(sealed).not.toContain('ws-token')
		expect(sealed).not.toBe(sealSecret(key, 'ws-token-0123456789abcdef'))
		expect(openSecret(key, sealed)).toBe('ws-token-0123456789abcdef')
	})

	test('opens nothing under another key or after tampering', () => {
		const sealed = sealSecret(key, 'token')
		expect(openSecret(randomBytes(32), sealed)).toBeNull()
		const [iv, tag, body] = sealed.split('.')
		expect(openSecret(key, [iv, tag, `${body}A`].join('.'))).toBeNull()
		expect(openSecret(key, 'nonsense')).toBeNull()
	})

	test('reads SECRETS_KEY as 32 bytes of base64, and shows only the last four characters of a secret', () => {
		expect(secretsKeyFromEnv(undefined)).toBeNull()
		expect(secretsKeyFromEnv(key.toString('base64'))).toEqual(key)
		expect(() => secretsKeyFromEnv('c2hvcnQ=')).toThrow('SECRETS_KEY must be 32 bytes')
		expect(lastFour('abcdef123456')).toBe('3456')
	})
})
