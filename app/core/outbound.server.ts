import { createOutboundGuard, OutboundRefused, parseOutboundAllowList, type OutboundGuard } from '@leerplein/moodle'

/**
 * The portal's one outbound guard (ADR 025): every request to an address someone configured — a
 * tool's key set, a Moodle site's web services, an identity provider's discovery — goes through
 * `outbound.fetch`, and a form that stores such an address checks it with `outbound.problemOf`.
 * Only https to public addresses, unless `OUTBOUND_ALLOW` names the host (development, the tests;
 * production sets none). Read once, at the first request that needs it.
 */
let guard: OutboundGuard | undefined

export function outboundGuard(): OutboundGuard {
	guard ??= createOutboundGuard({ allow: parseOutboundAllowList(process.env.OUTBOUND_ALLOW) })
	return guard
}

/**
 * Whether the portal may fetch from this address (scheme, host and the addresses it resolves to),
 * for the forms that store one. A name that does not resolve yet passes (a tool may be registered
 * before its DNS is in place); every fetch checks again.
 */
export async function outboundAllowed(url: string): Promise<boolean> {
	try {
		await outboundGuard().check(url)
		return true
	} catch (error) {
		return error instanceof OutboundRefused && error.code === 'UNRESOLVED'
	}
}
