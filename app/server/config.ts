import type { RateLimitRule } from '@leerplein/db/identity'
import { DEFAULT_SESSION_POLICY, parseXapiVersion, type SessionPolicy, type XapiVersion } from '@leerplein/domain'
import { secretsKeyFromEnv } from '../core/secret-box.server.ts'

/** Settings read once from the environment at start-up; no request can change them. */
export type PortalConfig = {
	/** Persona sign-in without an identity provider: for the embedded demo only. */
	demoMode: boolean
	/** `__Host-` cookies with `Secure`; browsers treat http://localhost as secure, so this stays on in development too. */
	secureCookies: boolean
	sessionPolicy: SessionPolicy
	/** Per client address, counted in PostgreSQL so all portal processes share the limit. */
	rateLimits: {
		signIn: RateLimitRule
		/** The LTI machine endpoints (token, Deep Linking return, Dynamic Registration), per client id. */
		ltiClient: RateLimitRule
		/** The same endpoints, per client address (a Moodle site may serve several tools from one address). */
		ltiAddress: RateLimitRule
		/** Each xAPI client of a unit (ADR 039), per client: a batch of statements is one request. */
		xapiClient: RateLimitRule
	}
	/**
	 * The xAPI versions the learning record store speaks (`XAPI_VERSIONS`, default `2.0.0,1.0.3`,
	 * ADR 039); the first answers a request that names none (each version requires its own).
	 */
	xapiVersions: XapiVersion[]
	/** Express's `trust proxy`: how the client address is read behind a load balancer. */
	trustProxy: boolean | number | string
	/**
	 * Where people reach the portal (`PUBLIC_URL`, e.g. https://leerplein.rijksoverheid.nl): the single
	 * sign-on redirect URI, the LTI issuer, its endpoints and the expected `aud`, and the origin a
	 * state-changing request must come from. Never a request's Host header, which the sender chooses.
	 * Required in production without demo mode; otherwise `http://localhost:PORT`.
	 */
	publicOrigin: string
	/** A unit's client secret for single sign-on, read from the environment when it is needed (ADR 008); never stored or logged. */
	secretFromEnv: (name: string) => string | undefined
	/** `SECRETS_KEY`: encrypts secrets the portal must use again (a tool's Moodle web-services token); null: none can be stored. */
	secretsKey: Buffer | null
	/** Catalogue searches cached per process (`SEARCH_CACHE_SIZE`, default 2000; 0 turns the cache off, ADR 010). */
	searchCacheSize: number
	/** The address of `MAIL_FROM` (`Leerplein <noreply@…>`): the organiser of calendar files, a no-reply address. */
	mailFromAddress: string
	/** Where people write (`CONTACT_EMAIL`): questions, accessibility problems, privacy requests; the footer and the statements. */
	contactEmail: string
	/** The ministry's data protection officer (`PRIVACY_OFFICER_EMAIL`), named in the privacy statement. */
	privacyOfficerEmail: string
	/**
	 * `METRICS_TOKEN`: /metrics answers only a request that sends it as a bearer token; without it
	 * /metrics is off (404). At least 32 characters (ADR 049).
	 */
	metricsToken: string | null
}

/** Persona sign-in: on for the embedded database and in development, off in production on PostgreSQL unless `DEMO_MODE` says so. */
export function demoModeFromEnv(env: Record<string, string | undefined>, { embeddedDatabase }: { embeddedDatabase: boolean }): boolean {
	return flag(env, 'DEMO_MODE') ?? (embeddedDatabase || env.NODE_ENV !== 'production')
}

export function portalConfigFromEnv(env: Record<string, string | undefined>, { embeddedDatabase }: { embeddedDatabase: boolean }): PortalConfig {
	const demoMode = demoModeFromEnv(env, { embeddedDatabase })
	return {
		demoMode,
		secureCookies: !(flag(env, 'INSECURE_COOKIES') ?? false),
		sessionPolicy: {
			idleMinutes: positiveNumber(env, 'SESSION_IDLE_MINUTES') ?? DEFAULT_SESSION_POLICY.idleMinutes,
			administrativeIdleMinutes: positiveNumber(env, 'SESSION_ADMIN_IDLE_MINUTES') ?? DEFAULT_SESSION_POLICY.administrativeIdleMinutes,
			absoluteHours: positiveNumber(env, 'SESSION_ABSOLUTE_HOURS') ?? DEFAULT_SESSION_POLICY.absoluteHours,
		},
		rateLimits: {
			signIn: rateLimitRule(env, 'RATE_LIMIT_SIGN_IN') ?? { maxHits: 10, windowSeconds: 60 },
			ltiClient: rateLimitRule(env, 'RATE_LIMIT_LTI_CLIENT') ?? { maxHits: 60, windowSeconds: 60 },
			ltiAddress: rateLimitRule(env, 'RATE_LIMIT_LTI_ADDRESS') ?? { maxHits: 300, windowSeconds: 60 },
			xapiClient: rateLimitRule(env, 'RATE_LIMIT_XAPI_CLIENT') ?? { maxHits: 6000, windowSeconds: 60 },
		},
		xapiVersions: xapiVersions(env.XAPI_VERSIONS),
		trustProxy: trustProxy(env.TRUST_PROXY),
		publicOrigin: publicOrigin(env, { demoMode }),
		secretFromEnv: (name) => env[name] || undefined,
		searchCacheSize: wholeNumber(env, 'SEARCH_CACHE_SIZE') ?? 2_000,
		secretsKey: secretsKeyFromEnv(env.SECRETS_KEY),
		mailFromAddress: mailAddress(env.MAIL_FROM),
		contactEmail: env.CONTACT_EMAIL?.trim() || 'leerplein@demo.rijksoverheid.nl',
		privacyOfficerEmail: env.PRIVACY_OFFICER_EMAIL?.trim() || 'fg@demo.rijksoverheid.nl',
		metricsToken: metricsToken(env.METRICS_TOKEN),
	}
}

/** A guessable token would open the metrics to anyone who reaches the portal: refuse a short one at start-up. */
function metricsToken(value: string | undefined): string | null {
	const token = value?.trim()
	if (!token) return null
	if (token.length < 32 || /\s/.test(token)) throw new Error('METRICS_TOKEN must be at least 32 characters without spaces, e.g. the output of `openssl rand -hex 32`')
	return token
}

/** The address of a sender such as `Leerplein <noreply@leerplein.local>` (or a bare address); the demo's no-reply by default. */
export function mailAddress(from: string | undefined): string {
	const value = from?.trim() || 'Leerplein <noreply@leerplein.local>'
	return /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value)?.[1] ?? value
}

/** `2.0.0,1.0.3`: the versions in the order given, the first the store's own. */
function xapiVersions(value: string | undefined): XapiVersion[] {
	if (value === undefined || value.trim() === '') return ['2.0.0', '1.0.3']
	const versions = value.split(',').map((part) => (/^\s*\d+\.\d+\.\d+\s*$/.test(part) ? parseXapiVersion(part) : null))
	if (versions.some((version) => version === null)) throw new Error(`XAPI_VERSIONS must list 2.0.0 and/or 1.0.3, not "${value}"`)
	return [...new Set(versions as XapiVersion[])]
}

/** `10/60`: at most 10 hits per 60 seconds. */
function rateLimitRule(env: Record<string, string | undefined>, name: string): RateLimitRule | undefined {
	const value = env[name]?.trim()
	if (value === undefined || value === '') return undefined
	const match = /^(\d+)\/(\d+)$/.exec(value)
	if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error(`${name} must look like 10/60 (hits per seconds), not "${value}"`)
	return { maxHits: Number(match[1]), windowSeconds: Number(match[2]) }
}

function trustProxy(value: string | undefined): boolean | number | string {
	const trimmed = value?.trim()
	if (!trimmed || trimmed === 'false') return false
	if (trimmed === 'true') return true
	return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed
}

function publicOrigin(env: Record<string, string | undefined>, { demoMode }: { demoMode: boolean }): string {
	const configured = origin(env, 'PUBLIC_URL')
	if (configured) return configured
	if (env.NODE_ENV === 'production' && !demoMode) {
		throw new Error(
			'PUBLIC_URL must be set in production: where people reach the portal, e.g. PUBLIC_URL=https://leerplein.example.nl. ' +
				'The single sign-on redirect URI and the LTI issuer and endpoints are built on it, never on the Host header of a request.',
		)
	}
	return `http://localhost:${wholeNumber(env, 'PORT') ?? 3000}`
}

function origin(env: Record<string, string | undefined>, name: string): string | null {
	const value = env[name]?.trim()
	if (!value) return null
	let url: URL
	try {
		url = new URL(value)
	} catch {
		throw new Error(`${name} must be a URL such as https://leerplein.example.nl, not "${value}"`)
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL, not "${value}"`)
	return url.origin
}

function flag(env: Record<string, string | undefined>, name: string): boolean | undefined {
	const value = env[name]?.trim().toLowerCase()
	if (value === undefined || value === '') return undefined
	if (value === 'true' || value === '1') return true
	if (value === 'false' || value === '0') return false
	throw new Error(`${name} must be true or false, not "${env[name]}"`)
}

function positiveNumber(env: Record<string, string | undefined>, name: string): number | undefined {
	const value = env[name]?.trim()
	if (value === undefined || value === '') return undefined
	const number = Number(value)
	if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number, not "${value}"`)
	return number
}

function wholeNumber(env: Record<string, string | undefined>, name: string): number | undefined {
	const value = env[name]?.trim()
	if (value === undefined || value === '') return undefined
	if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}"`)
	return Number(value)
}
