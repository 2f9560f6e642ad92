import { lookup } from 'node:dns/promises'
import type { LookupAddress, LookupOptions } from 'node:dns'
import { Agent } from 'undici'
import { BlockList, isIPv4, isIPv6 } from 'node:net'

/**
 * The one gate for requests the portal makes to addresses someone else configured: a tool's key
 * set, a Moodle site's web services, an identity provider's discovery (ADR 025). Only https, and
 * only to public addresses — never loopback, link-local, private, unique-local, CGNAT, multicast or
 * unspecified ones, IPv4-mapped and NAT64 forms included — judged on the literal host and on every
 * address its name resolves to, unless the host is on the explicit allow-list (`OUTBOUND_ALLOW`,
 * for development and the tests; empty in production).
 */

export type OutboundProblem = 'NOT_A_URL' | 'NOT_HTTPS' | 'CREDENTIALS' | 'PRIVATE_ADDRESS' | 'UNRESOLVED'

export class OutboundRefused extends Error {
	constructor(
		readonly code: OutboundProblem,
		message: string,
	) {
		super(message)
		this.name = 'OutboundRefused'
	}
}

/** A host name to its addresses; injected in tests so no test touches the network. */
export type Resolver = (hostname: string) => Promise<string[]>

export const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address)

const blockedV4 = new BlockList()
for (const [network, prefix] of [
	['0.0.0.0', 8], // "this network", 0.0.0.0 included
	['10.0.0.0', 8],
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8],
	['169.254.0.0', 16], // link-local, cloud metadata
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4], // reserved and broadcast
] as const)
	blockedV4.addSubnet(network, prefix, 'ipv4')

const blockedV6 = new BlockList()
for (const [network, prefix] of [
	['::', 96], // unspecified, loopback, IPv4-compatible
	['100::', 64], // discard
	['2001:db8::', 32], // documentation
	['fc00::', 7], // unique-local
	['fe80::', 10], // link-local
	['fec0::', 10], // site-local (deprecated)
	['ff00::', 8], // multicast
] as const)
	blockedV6.addSubnet(network, prefix, 'ipv6')

/** The eight 16-bit groups of an IPv6 address (dotted IPv4 tail allowed), or null. */
function ipv6Groups(address: string): number[] | null {
	if (!isIPv6(address)) return null
	let text = address.split('%')[0]!
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
	if (dotted) {
		const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number]
		text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
	}
	const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null]
	const left = head ? head.split(':') : []
	const right = tail ? tail.split(':') : []
	const zeros = tail === null ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0')
	const groups = [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16))
	return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null
}

/** True for an address the portal may connect to on its own initiative: a public unicast one. */
export function isPublicAddress(address: string): boolean {
	if (isIPv4(address)) return !blockedV4.check(address, 'ipv4')
	const groups = ipv6Groups(address)
	if (!groups) return false
	const embeddedV4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`
	// IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address: judge that one.
	if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return isPublicAddress(embeddedV4(groups[6]!, groups[7]!))
	if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) return isPublicAddress(embeddedV4(groups[6]!, groups[7]!))
	// 6to4 (2002:a.b.c.d::/16) routes to the IPv4 address in its second and third groups.
	if (groups[0] === 0x2002) return isPublicAddress(embeddedV4(groups[1]!, groups[2]!))
	return !blockedV6.check(groups.map((group) => group.toString(16)).join(':'), 'ipv6')
}

/** `OUTBOUND_ALLOW=127.0.0.1,localhost`: host names or IP addresses, separated by commas or spaces. */
export function parseOutboundAllowList(value: string | undefined): string[] {
	const entries = (value ?? '')
		.split(/[\s,]+/)
		.map((entry) => entry.trim().toLowerCase())
		.filter(Boolean)
	for (const entry of entries)
		if (!/^[a-z0-9.-]+$/.test(entry) && !isIPv6(entry.replace(/^\[|\]$/g, '')))
			throw new Error(`OUTBOUND_ALLOW must list host names or IP addresses separated by commas, not "${entry}"`)
	return entries.map((entry) => entry.replace(/^\[|\]$/g, ''))
}

export type OutboundGuard = {
	/** The hosts exempt from the rules (development and tests). */
	readonly allow: readonly string[]
	/** The checks that need no look-up (scheme, credentials, a literal address): a problem, or null. */
	problemOf(url: string): OutboundProblem | null
	/** All checks, with the host's resolved addresses; throws OutboundRefused. */
	check(url: string): Promise<URL>
	/** `fetch` behind `check`; redirects are refused (a redirect could lead to a private address). */
	fetch: typeof globalThis.fetch
}

export function createOutboundGuard({ allow = [], resolve = systemResolver, fetch: fetchImpl }: { allow?: readonly string[]; resolve?: Resolver; fetch?: typeof globalThis.fetch } = {}): OutboundGuard {
	const allowed = new Set(allow.map((entry) => entry.toLowerCase()))
	const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase()

	function parse(url: string): { url: URL; host: string; problem: OutboundProblem | null } | null {
		let parsed: URL
		try {
			parsed = new URL(url)
		} catch {
			return null
		}
		const host = bare(parsed.hostname)
		if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { url: parsed, host, problem: 'NOT_HTTPS' }
		if (parsed.username || parsed.password) return { url: parsed, host, problem: 'CREDENTIALS' }
		if (allowed.has(host)) return { url: parsed, host, problem: null }
		if (parsed.protocol !== 'https:') return { url: parsed, host, problem: 'NOT_HTTPS' }
		if ((isIPv4(host) || isIPv6(host)) && !isPublicAddress(host)) return { url: parsed, host, problem: 'PRIVATE_ADDRESS' }
		if (host === 'localhost' || host.endsWith('.localhost')) return { url: parsed, host, problem: 'PRIVATE_ADDRESS' }
		return { url: parsed, host, problem: null }
	}

	function problemOf(url: string): OutboundProblem | null {
		const parsed = parse(url)
		return parsed ? parsed.problem : 'NOT_A_URL'
	}

	async function check(url: string): Promise<URL> {
		const parsed = parse(url)
		if (!parsed) throw new OutboundRefused('NOT_A_URL', 'not a URL')
		if (parsed.problem) throw new OutboundRefused(parsed.problem, `${parsed.host}: ${parsed.problem}`)
		if (allowed.has(parsed.host) || isIPv4(parsed.host) || isIPv6(parsed.host)) return parsed.url
		await publicAddressesOf(parsed.host)
		return parsed.url
	}

	/** The addresses a name resolves to, when every one of them is public (or allowed); throws OutboundRefused. */
	async function publicAddressesOf(host: string): Promise<string[]> {
		let addresses: string[]
		try {
			addresses = allowed.has(host) ? await systemResolver(host) : await resolve(host)
		} catch {
			throw new OutboundRefused('UNRESOLVED', `${host} does not resolve`)
		}
		if (addresses.length === 0) throw new OutboundRefused('UNRESOLVED', `${host} does not resolve`)
		// Every address must be public: a name that also resolves to a private one is refused, so a
		// later answer from the same name cannot pick the private one.
		if (!allowed.has(host) && addresses.some((address) => !allowed.has(bare(address)) && !isPublicAddress(bare(address))))
			throw new OutboundRefused('PRIVATE_ADDRESS', `${host} resolves to a non-public address`)
		return addresses
	}

	// DNS rebinding: a name can answer a public address to `check` and a private one a moment later
	// when fetch connects. So the connection looks the name up itself, through the same rule, and
	// connects only to the addresses that passed it.
	const pinnedLookup = (hostname: string, options: LookupOptions, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
		publicAddressesOf(bare(hostname)).then(
			(addresses) => {
				const entries = addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }))
				if (options.all) callback(null, entries)
				else callback(null, entries[0]!.address, entries[0]!.family)
			},
			(error: Error) => callback(error, []),
		)
	}
	const dispatcher = new Agent({ connect: { lookup: pinnedLookup as never } })

	const guardedFetch = (async (input: string | URL | Request, init?: RequestInit) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
		await check(url)
		// The global fetch is looked up per call, so an interceptor installed later (msw in tests) applies.
		// `dispatcher` is Node's own fetch option (undici); an interceptor such as msw ignores it.
		return (fetchImpl ?? globalThis.fetch)(input, { ...init, redirect: 'error', dispatcher } as RequestInit)
	}) as typeof globalThis.fetch

	return { allow: [...allowed], problemOf, check, fetch: guardedFetch }
}
