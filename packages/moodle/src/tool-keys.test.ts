import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { LRUCache } from 'lru-cache'
import { describe, expect, test } from 'vitest'
import { deepLinkTargetAllowed } from './deep-linking.ts'
import { createOutboundGuard } from './outbound.ts'
import { KEY_SET_COOLDOWN_MS, KEY_SET_MAX_AGE_MS, KEY_SET_RETRY_MS, LtiJwtError, verifyToolJwt, type KeySetCache, type RemoteKeySet } from './tool-keys.ts'

// A key set the portal cannot read must look the same to the caller whatever is at its address:
// refused by the guard, no answer, not JSON, not a key set — one code, KEYS_UNAVAILABLE.

const now = new Date('2026-03-01T10:00:00Z')
const { privateKey, publicKey } = await generateKeyPair('RS256')
const rotated = await generateKeyPair('RS256')
const tokenAt = (at: Date, kid = 'k1', key = privateKey) =>
	new SignJWT({})
		.setProtectedHeader({ alg: 'RS256', kid })
		.setIssuer('tool')
		.setAudience('https://leerplein.example.nl')
		.setIssuedAt(at)
		.setExpirationTime(new Date(at.getTime() + 60_000))
		.sign(key)
const token = await tokenAt(now)
const expectations = { issuer: 'tool', audience: 'https://leerplein.example.nl', now, maxAgeSeconds: 300 }

// The cache the caller injects: lru-cache, as the portal's createCache is built on.
const newKeySets = (max = 100) => new LRUCache<string, RemoteKeySet>({ max })
const keySets: KeySetCache = newKeySets()

let served = 0
/** Whether /rotating serves the rotated key (k2) besides k1. */
let rotatedPublished = false
const guard = createOutboundGuard({
	resolve: async (hostname) => (hostname === 'internal.example.nl' ? ['10.0.0.5'] : ['93.184.216.34']),
	fetch: async (input) => {
		served += 1
		const path = new URL(String(input)).pathname
		if (path === '/refused') throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
		if (path === '/html') return new Response('<html>PostgreSQL</html>', { headers: { 'Content-Type': 'text/html' } })
		if (path === '/not-a-key-set') return Response.json({ hello: 'world' })
		if (path === '/status') return new Response('nope', { status: 500 })
		const keys = [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }]
		if (path === '/rotating' && rotatedPublished) keys.push({ ...(await exportJWK(rotated.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' })
		return Response.json({ keys })
	},
})

async function codeOf(jwksUrl: string, at = now, { jwt = token, cache = keySets }: { jwt?: string; cache?: KeySetCache } = {}): Promise<string> {
	try {
		await verifyToolJwt(jwt, { jwksUrl, fetch: guard.fetch, keySets: cache }, { ...expectations, now: at })
		return 'VERIFIED'
	} catch (error) {
		expect(error).toBeInstanceOf(LtiJwtError)
		return (error as LtiJwtError).code
	}
}

describe('a tool key set fetched through the outbound guard', () => {
	test('verifies with the keys of a public https key set', async () => {
		expect(await codeOf('https://tool.example.nl/jwks')).toBe('VERIFIED')
	})

	test.each([
		['an address the guard refuses', 'https://internal.example.nl/jwks'],
		['plain http to a private address', 'http://127.0.0.1:5432/'],
		['a refused connection', 'https://tool.example.nl/refused'],
		['an answer that is not JSON', 'https://tool.example.nl/html'],
		['JSON that is not a key set', 'https://tool.example.nl/not-a-key-set'],
		['an error status', 'https://tool.example.nl/status'],
		['a value that is no URL', 'no url at all'],
	])('answers %s with KEYS_UNAVAILABLE', async (_name, url) => {
		expect(await codeOf(url)).toBe('KEYS_UNAVAILABLE')
	})

	test('does not fetch a failed key set again at once', async () => {
		expect(await codeOf('https://tool.example.nl/refused?again')).toBe('KEYS_UNAVAILABLE')
		const before = served
		expect(await codeOf('https://tool.example.nl/refused?again')).toBe('KEYS_UNAVAILABLE')
		expect(served).toBe(before)
	})

	test('asks again once the retry window has passed on the caller’s clock', async () => {
		expect(await codeOf('https://tool.example.nl/refused?later')).toBe('KEYS_UNAVAILABLE')
		const before = served
		expect(await codeOf('https://tool.example.nl/refused?later', new Date(now.getTime() + KEY_SET_RETRY_MS + 1000))).toBe('KEYS_UNAVAILABLE')
		expect(served).toBe(before + 1)
	})

	test('keeps fetched keys for their maximum age on the caller’s clock, then fetches them again', async () => {
		const url = 'https://tool.example.nl/jwks?aging'
		expect(await codeOf(url)).toBe('VERIFIED')
		const before = served
		const almost = new Date(now.getTime() + KEY_SET_MAX_AGE_MS - 1000)
		expect(await codeOf(url, almost, { jwt: await tokenAt(almost) })).toBe('VERIFIED')
		expect(served).toBe(before)
		const later = new Date(now.getTime() + KEY_SET_MAX_AGE_MS)
		expect(await codeOf(url, later, { jwt: await tokenAt(later) })).toBe('VERIFIED')
		expect(served).toBe(before + 1)
	})

	test('takes keys fetched at a later time of the caller’s clock (set back since) as stale', async () => {
		const url = 'https://tool.example.nl/jwks?set-back'
		const later = new Date(now.getTime() + 60_000)
		expect(await codeOf(url, later, { jwt: await tokenAt(later) })).toBe('VERIFIED')
		const before = served
		expect(await codeOf(url)).toBe('VERIFIED')
		expect(served).toBe(before + 1)
		expect(await codeOf(url)).toBe('VERIFIED')
		expect(served).toBe(before + 1)
	})

	test('fetches the keys again for an unknown kid (a rotation), but not within the cool-down', async () => {
		const url = 'https://tool.example.nl/rotating'
		expect(await codeOf(url)).toBe('VERIFIED')
		rotatedPublished = true
		const before = served
		const newKid = await tokenAt(now, 'k2', rotated.privateKey)
		expect(await codeOf(url, now, { jwt: newKid })).toBe('UNKNOWN_KID')
		expect(served).toBe(before)
		const cooled = new Date(now.getTime() + KEY_SET_COOLDOWN_MS)
		expect(await codeOf(url, cooled, { jwt: await tokenAt(cooled, 'k2', rotated.privateKey) })).toBe('VERIFIED')
		expect(served).toBe(before + 1)
	})

	test('holds no more key sets than its cache allows: the least recently used is fetched again', async () => {
		const small = newKeySets(2)
		for (const tool of ['a', 'b', 'c']) expect(await codeOf(`https://tool.example.nl/jwks?bound=${tool}`, now, { cache: small })).toBe('VERIFIED')
		expect(small.size).toBe(2)
		const before = served
		expect(await codeOf('https://tool.example.nl/jwks?bound=c', now, { cache: small })).toBe('VERIFIED')
		expect(served).toBe(before)
		expect(await codeOf('https://tool.example.nl/jwks?bound=a', now, { cache: small })).toBe('VERIFIED')
		expect(served).toBe(before + 1)
		expect(small.size).toBe(2)
	})
})

describe('deepLinkTargetAllowed', () => {
	const tool = { targetLinkUri: 'https://moodle.example.nl/enrol/lti/launch.php', redirectUris: ['https://lti.moodle.example.nl/launch'] }

	test.each(['https://moodle.example.nl/enrol/lti/launch.php?id=4', 'http://moodle.example.nl/course', 'https://lti.moodle.example.nl/x', 'https://cdn.moodle.example.nl/x'])('takes %s', (url) => {
		expect(deepLinkTargetAllowed(url, tool)).toBe(true)
	})

	test.each([
		'javascript:alert(document.cookie)',
		'JavaScript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox(1)',
		'ftp://moodle.example.nl/file',
		'https://evil.example/launch',
		'https://moodle.example.nl.evil.example/launch',
		'https://user:pw@moodle.example.nl/',
		'not a url',
	])('refuses %s', (url) => {
		expect(deepLinkTargetAllowed(url, tool)).toBe(false)
	})
})
