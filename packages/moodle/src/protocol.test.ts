import { createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose'
import { describe, expect, test } from 'vitest'
import { parseLtiTimestamp, scoreSchema } from './ags.ts'
import { CLAIM, MESSAGE_TYPE } from './claims.ts'
import { verifyDeepLinkingResponse } from './deep-linking.ts'
import { generatePlatformKey, jwksDocument, signerFor } from './keys.ts'
import { IAT_SKEW_SECONDS, signLaunch, type ResourceLinkLaunch } from './messages.ts'
import { linkHeader, pageParams } from './paging.ts'
import { issueAccessToken, readAccessToken, verifyClientAssertion } from './service-tokens.ts'

const now = new Date('2026-11-23T12:00:00Z')
const seconds = (date: Date) => Math.floor(date.getTime() / 1000)

async function toolKeys() {
	const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
	const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'tool-1', alg: 'RS256' }
	return { publicJwk, privateKey }
}

describe('platform keys and launches', () => {
	test('the JWKS publishes the public half with its kid, never private parameters', async () => {
		const key = await generatePlatformKey()
		const [published] = jwksDocument([key.publicJwk]).keys
		expect(published).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' })
		expect(Object.keys(published!)).not.toContain('d')
		expect(key.privateJwk.d).toBeDefined()
	})

	test('a launch carries a kid header, an iat a little in the past and the claims Moodle needs', async () => {
		const key = await generatePlatformKey()
		const launch: ResourceLinkLaunch = {
			messageType: MESSAGE_TYPE.resourceLink,
			platform: { issuer: 'https://leerplein.test', guid: 'leerplein', name: 'Leerplein', productFamilyCode: 'leerplein', version: '1' },
			clientId: 'client-1',
			deploymentId: 'dep-1',
			nonce: 'n-1',
			now,
			person: { subject: 'user-1', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] },
			context: { id: 'course-1', label: 'C1', title: 'Cursus' },
			targetLinkUri: 'https://moodle.test/enrol/lti/launch.php',
			custom: { id: 'published-uuid' },
			presentation: { documentTarget: 'window' },
			resourceLink: { id: 'rl-1', title: 'Module 1' },
			services: { ags: { scope: ['s'], lineitems: 'https://leerplein.test/lti/ags/course-1/lineitems' } },
		}
		const token = await signLaunch(await signerFor(key), launch)
		expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: key.kid })
		const { payload } = await jwtVerify(token, createLocalJWKSet(jwksDocument([key.publicJwk])), { currentDate: now, audience: 'client-1', issuer: 'https://leerplein.test' })
		expect(payload.iat).toBe(seconds(now) - IAT_SKEW_SECONDS)
		expect(payload[CLAIM.custom]).toEqual({ id: 'published-uuid' })
		expect(payload[CLAIM.targetLinkUri]).toBe('https://moodle.test/enrol/lti/launch.php')
		expect(payload[CLAIM.ags]).toEqual({ scope: ['s'], lineitems: 'https://leerplein.test/lti/ags/course-1/lineitems' })
		expect(payload[CLAIM.version]).toBe('1.3.0')
	})
})

describe('client assertions', () => {
	const tokenEndpoint = 'https://leerplein.test/lti/token'
	async function assertion(privateKey: CryptoKey, overrides: { iss?: string; aud?: string; exp?: number; iat?: number; jti?: string | null; kid?: string } = {}) {
		const jwt = new SignJWT({})
			.setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? 'tool-1' })
			.setIssuer(overrides.iss ?? 'client-1')
			.setSubject(overrides.iss ?? 'client-1')
			.setAudience(overrides.aud ?? tokenEndpoint)
			.setIssuedAt(overrides.iat ?? seconds(now))
			.setExpirationTime(overrides.exp ?? seconds(now) + 60)
		if (overrides.jti !== null) jwt.setJti(overrides.jti ?? 'jti-1')
		return jwt.sign(privateKey)
	}

	test('accepts a fresh assertion of the tool and returns its jti', async () => {
		const { publicJwk, privateKey } = await toolKeys()
		const verified = await verifyClientAssertion(await assertion(privateKey), { publicJwk }, { clientId: 'client-1', tokenEndpoint, now })
		expect(verified.jti).toBe('jti-1')
	})

	test.each([
		['WRONG_ISSUER', { iss: 'client-2' }],
		['WRONG_AUDIENCE', { aud: 'https://elsewhere.test/token' }],
		['EXPIRED', { exp: seconds(now) - 60, iat: seconds(now) - 120 }],
		['NOT_YET_VALID', { iat: seconds(now) + 600, exp: seconds(now) + 900 }],
		['MISSING_CLAIM', { jti: null }],
		['UNKNOWN_KID', { kid: 'other' }],
	] as const)('refuses %s', async (code, overrides) => {
		const { publicJwk, privateKey } = await toolKeys()
		const token = await assertion(privateKey, overrides)
		await expect(verifyClientAssertion(token, { publicJwk }, { clientId: 'client-1', tokenEndpoint, now })).rejects.toMatchObject({ code })
	})

	test('refuses an assertion signed by another key under the same kid', async () => {
		const { publicJwk } = await toolKeys()
		const other = await toolKeys()
		const token = await assertion(other.privateKey)
		await expect(verifyClientAssertion(token, { publicJwk }, { clientId: 'client-1', tokenEndpoint, now })).rejects.toMatchObject({ code: 'BAD_SIGNATURE' })
	})
})

describe('access tokens', () => {
	test('read back with their tool and scopes; refused after expiry or from another platform key', async () => {
		const key = await generatePlatformKey()
		const issuer = 'https://leerplein.test'
		const { token } = await issueAccessToken(await signerFor(key), { toolId: '0190a0b0-0000-7000-8000-000000000001', clientId: 'c', scopes: ['a', 'b'], issuer, now })
		expect(await readAccessToken(token, [key.publicJwk], { issuer, now })).toEqual({ toolId: '0190a0b0-0000-7000-8000-000000000001', clientId: 'c', scopes: ['a', 'b'] })
		expect(await readAccessToken(token, [key.publicJwk], { issuer, now: new Date(now.getTime() + 3601_000) })).toBeNull()
		const other = await generatePlatformKey()
		expect(await readAccessToken(token, [other.publicJwk], { issuer, now })).toBeNull()
		expect(await readAccessToken('not-a-token', [key.publicJwk], { issuer, now })).toBeNull()
	})

	test('a token read once is still refused for another platform, after expiry, once its key is gone, or altered', async () => {
		const key = await generatePlatformKey()
		const issuer = 'https://leerplein.test'
		const { token } = await issueAccessToken(await signerFor(key), { toolId: '0190a0b0-0000-7000-8000-000000000001', clientId: 'c', scopes: ['a'], issuer, now })
		expect(await readAccessToken(token, [key.publicJwk], { issuer, now })).toMatchObject({ scopes: ['a'] })
		expect(await readAccessToken(token, [key.publicJwk], { issuer, now })).toMatchObject({ scopes: ['a'] })
		expect(await readAccessToken(token, [key.publicJwk], { issuer: 'https://elders.test', now })).toBeNull()
		expect(await readAccessToken(token, [key.publicJwk], { issuer, now: new Date(now.getTime() + 3600_000) })).toBeNull()
		expect(await readAccessToken(token, [(await generatePlatformKey()).publicJwk], { issuer, now })).toBeNull()
		const [header, payload, signature] = token.split('.')
		const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scope: 'a b c' })).toString('base64url')
		expect(await readAccessToken(`${header}.${widened}.${signature}`, [key.publicJwk], { issuer, now })).toBeNull()
	})
})

describe('deep linking responses', () => {
	test('returns the resource links and the echoed data; skips other item types', async () => {
		const { publicJwk, privateKey } = await toolKeys()
		const jwt = await new SignJWT({
			nonce: 'n',
			[CLAIM.messageType]: 'LtiDeepLinkingResponse',
			[CLAIM.version]: '1.3.0',
			[CLAIM.deploymentId]: 'dep-1',
			[CLAIM.deepLinkingData]: 'data-1',
			[CLAIM.deepLinkingContentItems]: [
				{ type: 'ltiResourceLink', title: 'Quiz', url: 'https://tool.test/launch', custom: { id: 'abc', attempt: 2 }, lineItem: { scoreMaximum: 10, tag: 'quiz' } },
				{ type: 'html', html: '<p>x</p>' },
			],
		})
			.setProtectedHeader({ alg: 'RS256', kid: 'tool-1' })
			.setIssuer('client-1')
			.setAudience('https://leerplein.test')
			.setIssuedAt(seconds(now))
			.setExpirationTime(seconds(now) + 60)
			.sign(privateKey)
		const response = await verifyDeepLinkingResponse(jwt, { publicJwk }, { clientId: 'client-1', platformIssuer: 'https://leerplein.test', now })
		expect(response).toMatchObject({ data: 'data-1', deploymentId: 'dep-1', skipped: 1 })
		expect(response.resources).toEqual([
			{ type: 'ltiResourceLink', title: 'Quiz', url: 'https://tool.test/launch', custom: { id: 'abc', attempt: '2' }, lineItem: { scoreMaximum: 10, tag: 'quiz' } },
		])
	})
})

describe('AGS details', () => {
	test("reads Moodle's +0000 timestamps and the usual ISO forms, and refuses others", () => {
		expect(parseLtiTimestamp('2024-05-01T10:00:00+0000')?.toISOString()).toBe('2024-05-01T10:00:00.000Z')
		expect(parseLtiTimestamp('2024-05-01T12:00:00+02:00')?.toISOString()).toBe('2024-05-01T10:00:00.000Z')
		expect(parseLtiTimestamp('2024-05-01T10:00:00.123456Z')?.toISOString()).toBe('2024-05-01T10:00:00.123Z')
		expect(parseLtiTimestamp('2024-05-01 10:00:00')).toBeNull()
		expect(parseLtiTimestamp('yesterday')).toBeNull()
	})

	test('a score needs a known progress and a timestamp with a zone', () => {
		const base = { userId: 'u', scoreGiven: 1, scoreMaximum: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: '2024-05-01T10:00:00+0000' }
		expect(scoreSchema.safeParse(base).success).toBe(true)
		expect(scoreSchema.safeParse({ ...base, activityProgress: 'Done' }).success).toBe(false)
		expect(scoreSchema.safeParse({ ...base, timestamp: '2024-05-01T10:00:00' }).success).toBe(false)
	})

	test('Link headers keep the filter and name first, prev and next', () => {
		const header = linkHeader(new URL('https://l.test/m?rlid=abc&page=2'), { page: 2, pageSize: 10, hasNext: true })
		expect(header).toBe(
			'<https://l.test/m?rlid=abc&page=1&limit=10>; rel="first", <https://l.test/m?rlid=abc&page=1&limit=10>; rel="prev", <https://l.test/m?rlid=abc&page=3&limit=10>; rel="next"',
		)
		expect(pageParams(new URL('https://l.test/m?limit=100000&page=-3'), { defaultSize: 50, maxSize: 500 })).toEqual({ page: 1, pageSize: 500 })
	})
})
