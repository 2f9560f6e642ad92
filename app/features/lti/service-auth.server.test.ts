import { generatePlatformKey, issueAccessToken, signerFor } from '@leerplein/moodle'
import { describe, expect, test } from 'vitest'
import { cacheStats } from '../../core/cache.server.ts'
import { readVerifiedAccessToken, registrationTokenOf } from './service-auth.server.ts'

const issuer = 'https://leerplein.test'
const now = new Date('2026-11-23T12:00:00Z')
const TOOL = '0190a0b0-0000-7000-8000-000000000001'

const verifiedTokenStats = () => cacheStats().find((cache) => cache.name === 'lti-verified-access-tokens')!

describe('verified access tokens, remembered until they expire', () => {
	test('a token read again is not verified again, and answers the same', async () => {
		const key = await generatePlatformKey()
		const { token } = await issueAccessToken(await signerFor(key), { toolId: TOOL, clientId: 'c', scopes: ['a'], issuer, now })
		expect(await readVerifiedAccessToken(token, [key.publicJwk], { issuer, now })).toEqual({ toolId: TOOL, clientId: 'c', scopes: ['a'] })
		const hits = verifiedTokenStats().hits
		expect(await readVerifiedAccessToken(token, [key.publicJwk], { issuer, now })).toEqual({ toolId: TOOL, clientId: 'c', scopes: ['a'] })
		expect(verifiedTokenStats().hits).toBe(hits + 1)
	})

	test('a remembered token is still refused for another platform, after expiry, once its key is gone, or altered', async () => {
		const key = await generatePlatformKey()
		const { token } = await issueAccessToken(await signerFor(key), { toolId: TOOL, clientId: 'c', scopes: ['a'], issuer, now })
		expect(await readVerifiedAccessToken(token, [key.publicJwk], { issuer, now })).toMatchObject({ scopes: ['a'] })
		expect(await readVerifiedAccessToken(token, [key.publicJwk], { issuer: 'https://elders.test', now })).toBeNull()
		expect(await readVerifiedAccessToken(token, [key.publicJwk], { issuer, now: new Date(now.getTime() + 3600_000) })).toBeNull()
		expect(await readVerifiedAccessToken(token, [(await generatePlatformKey()).publicJwk], { issuer, now })).toBeNull()
		const [header, payload, signature] = token.split('.')
		const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scope: 'a b c' })).toString('base64url')
		expect(await readVerifiedAccessToken(`${header}.${widened}.${signature}`, [key.publicJwk], { issuer, now })).toBeNull()
	})
})

describe('the guard of Dynamic Registration (its reading of the request; the rate limit is tested end to end)', () => {
	const post = (headers: Record<string, string>, method = 'POST') => new Request(`${issuer}/lti/register`, { method, headers })
	const refusal = async (run: () => unknown) => {
		try {
			await run()
		} catch (thrown) {
			const response = thrown as Response
			return { status: response.status, body: await response.json() }
		}
		return null
	}

	test('takes the registration token from the bearer header', async () => {
		expect(registrationTokenOf(post({ Authorization: 'Bearer one-time' }))).toEqual({ tenantId: null, userId: null, registrationToken: 'one-time' })
	})

	test('finds no token without a bearer header (the guard answers 401), and answers 405 to anything but a POST', async () => {
		expect(registrationTokenOf(post({}))).toBeNull()
		expect(await refusal(() => registrationTokenOf(post({ Authorization: 'Bearer one-time' }, 'GET')))).toEqual({ status: 405, body: { error: 'invalid_request', error_description: 'use POST' } })
	})
})
