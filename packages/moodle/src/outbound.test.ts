import { describe, expect, test } from 'vitest'
import { createOutboundGuard, isPublicAddress, OutboundRefused, parseOutboundAllowList, type Resolver } from './outbound.ts'

// No test here touches the network: the resolver is injected, and so is fetch (the rebinding test
// runs Node's fetch, which the guard's own look-up stops before any socket opens).
const resolverOf =
	(table: Record<string, string[]>): Resolver =>
	async (hostname) => {
		const addresses = table[hostname]
		if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
		return addresses
	}

const dns = resolverOf({
	'tool.example.nl': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
	'rebind.example.nl': ['93.184.216.34', '127.0.0.1'],
	'internal.example.nl': ['10.1.2.3'],
	'mapped.example.nl': ['::ffff:192.168.1.10'],
	'metadata.example.nl': ['169.254.169.254'],
	'ula.example.nl': ['fd12:3456::1'],
	'empty.example.nl': [],
})

async function problem(guard: ReturnType<typeof createOutboundGuard>, url: string) {
	try {
		await guard.check(url)
		return null
	} catch (error) {
		expect(error).toBeInstanceOf(OutboundRefused)
		return (error as OutboundRefused).code
	}
}

describe('isPublicAddress', () => {
	test.each([
		'127.0.0.1',
		'127.255.0.9',
		'0.0.0.0',
		'10.0.0.1',
		'172.16.5.4',
		'172.31.255.255',
		'192.168.0.1',
		'169.254.169.254',
		'100.64.0.1',
		'224.0.0.1',
		'255.255.255.255',
		'::',
		'::1',
		'fe80::1',
		'fd00::1',
		'fc00::abcd',
		'ff02::1',
		'::ffff:127.0.0.1',
		'::ffff:7f00:1',
		'::ffff:10.0.0.1',
		'64:ff9b::a00:1',
		'2002:c0a8:101::1',
		'::127.0.0.1',
		'not an address',
	])('%s is not public', (address) => {
		expect(isPublicAddress(address)).toBe(false)
	})

	test.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34', '2a00:1450:4001:80b::200e'])('%s is public', (address) => {
		expect(isPublicAddress(address)).toBe(true)
	})
})

describe('the outbound guard without an allow-list (production)', () => {
	const guard = createOutboundGuard({ resolve: dns })

	test('lets https to a host with only public addresses through', async () => {
		expect(await problem(guard, 'https://tool.example.nl/jwks.json')).toBeNull()
		expect(guard.problemOf('https://tool.example.nl/jwks.json')).toBeNull()
	})

	test.each([
		['http://tool.example.nl/jwks.json', 'NOT_HTTPS'],
		['ftp://tool.example.nl/jwks.json', 'NOT_HTTPS'],
		['file:///etc/passwd', 'NOT_HTTPS'],
		['https://user:secret@tool.example.nl/', 'CREDENTIALS'],
		['http://127.0.0.1:5432/', 'NOT_HTTPS'],
		['https://127.0.0.1:5432/', 'PRIVATE_ADDRESS'],
		['https://2130706433/', 'PRIVATE_ADDRESS'],
		['https://0x7f.1/', 'PRIVATE_ADDRESS'],
		['https://[::1]/', 'PRIVATE_ADDRESS'],
		['https://[::ffff:127.0.0.1]/', 'PRIVATE_ADDRESS'],
		['https://[fe80::1]/', 'PRIVATE_ADDRESS'],
		['https://0.0.0.0/', 'PRIVATE_ADDRESS'],
		['https://localhost/', 'PRIVATE_ADDRESS'],
		['https://db.localhost/', 'PRIVATE_ADDRESS'],
		['not a url', 'NOT_A_URL'],
	])('refuses %s (%s) without a look-up', async (url, code) => {
		expect(guard.problemOf(url)).toBe(code)
		expect(await problem(guard, url)).toBe(code)
	})

	test.each([
		['https://rebind.example.nl/', 'PRIVATE_ADDRESS'],
		['https://internal.example.nl/', 'PRIVATE_ADDRESS'],
		['https://mapped.example.nl/', 'PRIVATE_ADDRESS'],
		['https://metadata.example.nl/', 'PRIVATE_ADDRESS'],
		['https://ula.example.nl/', 'PRIVATE_ADDRESS'],
		['https://unknown.example.nl/', 'UNRESOLVED'],
		['https://empty.example.nl/', 'UNRESOLVED'],
	])('refuses %s (%s) by the addresses its name resolves to', async (url, code) => {
		expect(guard.problemOf(url)).toBeNull()
		expect(await problem(guard, url)).toBe(code)
	})

	test('fetch checks first, never calls out to a refused address, and refuses redirects', async () => {
		const calls: { url: string; redirect: RequestInit['redirect'] }[] = []
		const fetching = createOutboundGuard({
			resolve: dns,
			fetch: async (input, init) => {
				calls.push({ url: String(input), redirect: init?.redirect })
				return new Response('{}')
			},
		})
		await expect(fetching.fetch('https://internal.example.nl/jwks')).rejects.toBeInstanceOf(OutboundRefused)
		await expect(fetching.fetch(new URL('http://127.0.0.1:5432/'))).rejects.toBeInstanceOf(OutboundRefused)
		expect(calls).toEqual([])
		await fetching.fetch('https://tool.example.nl/jwks', { redirect: 'follow' })
		expect(calls).toEqual([{ url: 'https://tool.example.nl/jwks', redirect: 'error' }])
	})

	test('DNS rebinding: a name that answers a public address to the check and a private one at connect time is never connected to', async () => {
		// The first look-up (the check) sees a public address; the second (the connection's own) sees loopback.
		// Node's real fetch runs: the connection asks the guard's look-up, which refuses before any socket opens.
		const answers = [['93.184.216.34'], ['127.0.0.1']]
		const lookups: string[] = []
		const rebinding = createOutboundGuard({
			resolve: async (hostname) => {
				lookups.push(hostname)
				return answers[Math.min(lookups.length - 1, answers.length - 1)]!
			},
		})
		const failure = await rebinding.fetch('https://rebinding.example.nl/jwks').catch((error: unknown) => error)
		expect(failure).toBeInstanceOf(TypeError)
		expect((failure as TypeError & { cause: unknown }).cause).toBeInstanceOf(OutboundRefused)
		expect(((failure as TypeError & { cause: OutboundRefused }).cause).code).toBe('PRIVATE_ADDRESS')
		expect(lookups).toEqual(['rebinding.example.nl', 'rebinding.example.nl'])
	})
})

describe('the outbound guard with an allow-list (development, tests)', () => {
	const guard = createOutboundGuard({ allow: parseOutboundAllowList('127.0.0.1, localhost'), resolve: dns })

	test('lets the listed hosts through, over http too', async () => {
		expect(await problem(guard, 'http://127.0.0.1:5432/')).toBeNull()
		expect(await problem(guard, 'http://localhost:8080/jwks')).toBeNull()
	})

	test('keeps every other rule', async () => {
		expect(await problem(guard, 'http://10.0.0.1/')).toBe('NOT_HTTPS')
		expect(await problem(guard, 'https://[::1]/')).toBe('PRIVATE_ADDRESS')
		expect(await problem(guard, 'https://internal.example.nl/')).toBe('PRIVATE_ADDRESS')
		expect(await problem(guard, 'http://tool.example.nl/')).toBe('NOT_HTTPS')
	})
})

describe('parseOutboundAllowList', () => {
	test('reads host names and addresses separated by commas or spaces', () => {
		expect(parseOutboundAllowList(undefined)).toEqual([])
		expect(parseOutboundAllowList('')).toEqual([])
		expect(parseOutboundAllowList('127.0.0.1,Localhost [::1] moodle.test')).toEqual(['127.0.0.1', 'localhost', '::1', 'moodle.test'])
	})

	test('refuses anything else', () => {
		expect(() => parseOutboundAllowList('http://127.0.0.1')).toThrow('OUTBOUND_ALLOW must list host names or IP addresses')
		expect(() => parseOutboundAllowList('*')).toThrow('OUTBOUND_ALLOW')
	})
})
