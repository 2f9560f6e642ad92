import { describe, expect, test } from 'vitest'
import { mailAddress, portalConfigFromEnv } from './config.ts'

describe('portalConfigFromEnv', () => {
	test('demo mode is on for the embedded demo and in development', () => {
		expect(portalConfigFromEnv({ NODE_ENV: 'production' }, { embeddedDatabase: true }).demoMode).toBe(true)
		expect(portalConfigFromEnv({}, { embeddedDatabase: false }).demoMode).toBe(true)
	})

	test('demo mode is off in production on a real database unless explicitly enabled', () => {
		expect(portalConfigFromEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://leerplein.example.nl' }, { embeddedDatabase: false }).demoMode).toBe(false)
		expect(portalConfigFromEnv({ NODE_ENV: 'production', DEMO_MODE: 'true' }, { embeddedDatabase: false }).demoMode).toBe(true)
		expect(portalConfigFromEnv({ DEMO_MODE: 'false' }, { embeddedDatabase: true }).demoMode).toBe(false)
	})

	test('reads session timeouts and refuses nonsense', () => {
		expect(portalConfigFromEnv({ SESSION_ADMIN_IDLE_MINUTES: '15' }, { embeddedDatabase: true }).sessionPolicy.administrativeIdleMinutes).toBe(15)
		expect(() => portalConfigFromEnv({ SESSION_IDLE_MINUTES: '-5' }, { embeddedDatabase: true })).toThrow('SESSION_IDLE_MINUTES must be a positive number')
		expect(() => portalConfigFromEnv({ DEMO_MODE: 'yes please' }, { embeddedDatabase: true })).toThrow('DEMO_MODE must be true or false')
	})
	test('reads the sign-in rate limit as hits per seconds, and refuses nonsense', () => {
		expect(portalConfigFromEnv({}, { embeddedDatabase: true }).rateLimits.signIn).toEqual({ maxHits: 10, windowSeconds: 60 })
		expect(portalConfigFromEnv({ RATE_LIMIT_SIGN_IN: '5/300' }, { embeddedDatabase: true }).rateLimits.signIn).toEqual({ maxHits: 5, windowSeconds: 300 })
		expect(() => portalConfigFromEnv({ RATE_LIMIT_SIGN_IN: 'lots' }, { embeddedDatabase: true })).toThrow('RATE_LIMIT_SIGN_IN must look like 10/60')
	})

	test('reads the xAPI versions the store speaks, its own first, and refuses others', () => {
		expect(portalConfigFromEnv({}, { embeddedDatabase: true }).xapiVersions).toEqual(['2.0.0', '1.0.3'])
		expect(portalConfigFromEnv({ XAPI_VERSIONS: '1.0.3' }, { embeddedDatabase: true }).xapiVersions).toEqual(['1.0.3'])
		expect(() => portalConfigFromEnv({ XAPI_VERSIONS: '1.0.3,0.95' }, { embeddedDatabase: true })).toThrow(/XAPI_VERSIONS/)
	})

	test('reads the LTI machine endpoints\' limits per client id and per address', () => {
		const { rateLimits } = portalConfigFromEnv({}, { embeddedDatabase: true })
		expect([rateLimits.ltiClient, rateLimits.ltiAddress]).toEqual([{ maxHits: 60, windowSeconds: 60 }, { maxHits: 300, windowSeconds: 60 }])
		const set = portalConfigFromEnv({ RATE_LIMIT_LTI_CLIENT: '3/60', RATE_LIMIT_LTI_ADDRESS: '7/10' }, { embeddedDatabase: true }).rateLimits
		expect([set.ltiClient, set.ltiAddress]).toEqual([{ maxHits: 3, windowSeconds: 60 }, { maxHits: 7, windowSeconds: 10 }])
		expect(() => portalConfigFromEnv({ RATE_LIMIT_LTI_CLIENT: '0/60' }, { embeddedDatabase: true })).toThrow('RATE_LIMIT_LTI_CLIENT must look like 10/60')
	})

	test('trusts no proxy unless told, then as many hops or subnets as said', () => {
		expect(portalConfigFromEnv({}, { embeddedDatabase: true }).trustProxy).toBe(false)
		expect(portalConfigFromEnv({ TRUST_PROXY: '1' }, { embeddedDatabase: true }).trustProxy).toBe(1)
		expect(portalConfigFromEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }, { embeddedDatabase: true }).trustProxy).toBe('loopback, 10.0.0.0/8')
	})

	test('reads the public origin, on which the sign-on redirect URI and the LTI issuer are built', () => {
		expect(portalConfigFromEnv({ PUBLIC_URL: 'https://leerplein.example.nl/' }, { embeddedDatabase: true }).publicOrigin).toBe('https://leerplein.example.nl')
		expect(portalConfigFromEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://leerplein.example.nl:8443/pad' }, { embeddedDatabase: false }).publicOrigin).toBe('https://leerplein.example.nl:8443')
		expect(() => portalConfigFromEnv({ PUBLIC_URL: 'leerplein' }, { embeddedDatabase: true })).toThrow('PUBLIC_URL must be a URL')
	})

	test('without PUBLIC_URL, development and demo mode use http://localhost on the port', () => {
		expect(portalConfigFromEnv({}, { embeddedDatabase: true }).publicOrigin).toBe('http://localhost:3000')
		expect(portalConfigFromEnv({ PORT: '4100' }, { embeddedDatabase: false }).publicOrigin).toBe('http://localhost:4100')
		expect(portalConfigFromEnv({ NODE_ENV: 'production' }, { embeddedDatabase: true }).publicOrigin).toBe('http://localhost:3000')
		expect(portalConfigFromEnv({ NODE_ENV: 'production', DEMO_MODE: 'true' }, { embeddedDatabase: false }).publicOrigin).toBe('http://localhost:3000')
	})

	test('production without demo mode refuses to start without PUBLIC_URL, saying what to set', () => {
		expect(() => portalConfigFromEnv({ NODE_ENV: 'production' }, { embeddedDatabase: false })).toThrow(/PUBLIC_URL must be set in production.*PUBLIC_URL=https:\/\/leerplein\.example\.nl/)
		expect(() => portalConfigFromEnv({ NODE_ENV: 'production', PUBLIC_URL: ' ' }, { embeddedDatabase: false })).toThrow('PUBLIC_URL must be set in production')
		expect(() => portalConfigFromEnv({ NODE_ENV: 'production', DEMO_MODE: 'false' }, { embeddedDatabase: true })).toThrow('PUBLIC_URL must be set in production')
	})

	test('client secrets come from the environment when asked for, and an empty one counts as missing', () => {
		const env: Record<string, string | undefined> = { SSO_RVO_CLIENT_SECRET: 'geheim', SSO_NVWA_CLIENT_SECRET: '' }
		const config = portalConfigFromEnv(env, { embeddedDatabase: true })
		expect(config.secretFromEnv('SSO_RVO_CLIENT_SECRET')).toBe('geheim')
		expect(config.secretFromEnv('SSO_NVWA_CLIENT_SECRET')).toBeUndefined()
		expect(config.secretFromEnv('SSO_ACM_CLIENT_SECRET')).toBeUndefined()
	})

	test('the search cache size: 2000 by default, 0 turns it off, nonsense is refused', () => {
		expect(portalConfigFromEnv({}, { embeddedDatabase: true }).searchCacheSize).toBe(2_000)
		expect(portalConfigFromEnv({ SEARCH_CACHE_SIZE: '0' }, { embeddedDatabase: true }).searchCacheSize).toBe(0)
		expect(() => portalConfigFromEnv({ SEARCH_CACHE_SIZE: 'lots' }, { embeddedDatabase: true })).toThrow('SEARCH_CACHE_SIZE must be a whole number')
	})

	test('the metrics token: none turns /metrics off, a short or spaced one is refused at start-up', () => {
		expect(portalConfigFromEnv({}, { embeddedDatabase: true }).metricsToken).toBeNull()
		const token = 'a'.repeat(32)
		expect(portalConfigFromEnv({ METRICS_TOKEN: ` ${token} ` }, { embeddedDatabase: true }).metricsToken).toBe(token)
		expect(() => portalConfigFromEnv({ METRICS_TOKEN: 'secret' }, { embeddedDatabase: true })).toThrow('METRICS_TOKEN must be at least 32 characters')
		expect(() => portalConfigFromEnv({ METRICS_TOKEN: `${token} ${token}` }, { embeddedDatabase: true })).toThrow('METRICS_TOKEN must be at least 32 characters')
	})
})

describe('mailAddress', () => {
	test('is the address of MAIL_FROM: the organiser of calendar files', () => {
		expect(mailAddress('Leerplein RVO <leerplein@rvo.nl>')).toBe('leerplein@rvo.nl')
		expect(mailAddress('noreply@leerplein.nl')).toBe('noreply@leerplein.nl')
		expect(mailAddress(undefined)).toBe('noreply@leerplein.local')
		expect(mailAddress('  ')).toBe('noreply@leerplein.local')
	})
})
