import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'

/** A fresh nonce per response lets Remix's own inline scripts run and nothing else. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
	res.locals.cspNonce = randomBytes(16).toString('base64')
	next()
}

/**
 * The one Content-Security-Policy. `formActionOrigins` widens form-action for exactly one page:
 * the LTI launch, which must post the id_token to the tool's registered redirect URI.
 */
export function cspDirectives({ nonce, production, formActionOrigins = [] }: { nonce: string; production: boolean; formActionOrigins?: string[] }) {
	return {
		defaultSrc: ["'self'"],
		scriptSrc: ["'self'", `'nonce-${nonce}'`],
		styleSrc: ["'self'"],
		imgSrc: ["'self'", 'data:'],
		connectSrc: production ? ["'self'"] : ["'self'", 'ws:'],
		frameAncestors: ["'none'"],
		formAction: ["'self'", ...formActionOrigins],
		baseUri: ["'none'"],
		objectSrc: ["'none'"],
	}
}

/** The same policy as a header value, for a route that must widen form-action (see allowRouteCsp). */
export function cspHeader(options: Parameters<typeof cspDirectives>[0]): string {
	return Object.entries(cspDirectives(options))
		.map(([name, values]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(' ')}`)
		.join('; ')
}

export function securityHeaders({ production }: { production: boolean }) {
	const base = cspDirectives({ nonce: 'unused', production })
	return helmet({
		contentSecurityPolicy: {
			// Vite's dev server injects its own scripts and a websocket; report only there.
			reportOnly: !production,
			directives: {
				...base,
				scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
				upgradeInsecureRequests: null,
			},
		},
		referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
		// HSTS belongs to the TLS-terminating proxy; over http://localhost it would only get in the way.
		strictTransportSecurity: false,
		crossOriginEmbedderPolicy: false,
	})
}

/**
 * Remix appends a route's headers to those already set; a route that sends its own
 * Content-Security-Policy (the LTI launch page) replaces helmet's instead of adding a second,
 * stricter one that would still block it. Only our own routes set this header.
 */
export function allowRouteCsp(_req: Request, res: Response, next: NextFunction) {
	const append = res.append.bind(res)
	res.append = (field: string, value?: string | string[]) => {
		if (field.toLowerCase() === 'content-security-policy' && value !== undefined) {
			res.setHeader(field, value)
			return res
		}
		return append(field, value)
	}
	next()
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Whether `candidate` (an Origin header, or a Referer's origin) is exactly the portal's public
 * origin: scheme, host and port, as the WHATWG URL parser normalises them (default ports dropped,
 * host lower-cased). `null` (an opaque origin) and anything unparseable are not.
 */
export function isSameOrigin(candidate: string, publicOrigin: string): boolean {
	try {
		return new URL(candidate).origin === new URL(publicOrigin).origin
	} catch {
		return false
	}
}

/**
 * CSRF, second line behind SameSite=Lax cookies: a state-changing request must come from our
 * own origin, which is `PUBLIC_URL` (never the request's Host header): scheme, host and port. A
 * request without Origin or Referer is refused only when it carries a session, since then there
 * is something to forge.
 *
 * Remix checks again, more weakly: an action's Origin host must equal the Host (or
 * X-Forwarded-Host) header, and it answers 500 when not. Behind a proxy that passes another Host,
 * or when the portal is reached by another name than PUBLIC_URL's, that refused every form with a
 * server error. A request that passed this check is therefore addressed to the public host before
 * Remix sees it; one that did not never reaches Remix.
 */
export function sameOriginForStateChanges(
	sessionCookieNames: string[],
	{ publicOrigin, crossSitePostPaths = [] }: { publicOrigin: string; crossSitePostPaths?: string[] },
) {
	const publicHost = new URL(publicOrigin).host
	return (req: Request, res: Response, next: NextFunction) => {
		if (SAFE_METHODS.has(req.method)) return next()
		// Exactly these endpoints take cross-site posts; they authenticate by a signed token, never by the cookie.
		if (req.method === 'POST' && crossSitePostPaths.includes(req.path)) return next()
		const origin = req.headers.origin ?? originOf(req.headers.referer)
		const allowed = origin ? isSameOrigin(origin, publicOrigin) : !hasSessionCookie(req, sessionCookieNames)
		if (allowed) {
			if (req.headers.origin) addressToPublicHost(req, publicHost)
			return next()
		}
		req.log.warn({ origin: origin ?? null, expected: publicOrigin }, 'refused a cross-origin state-changing request')
		res.status(403).type('text/plain; charset=utf-8').send('Verzoek geweigerd: dit formulier kwam niet van Leerplein zelf.')
	}
}

function addressToPublicHost(req: Request, publicHost: string) {
	req.headers.host = publicHost
	if (req.headers['x-forwarded-host'] !== undefined) req.headers['x-forwarded-host'] = publicHost
}

/**
 * Whatever a signed-in person is sent (pages, their data, files such as a calendar entry) is
 * theirs alone: no browser, proxy or back-forward cache may keep it. `no-store` on every answer
 * to a request that carries a session cookie, in place of any Cache-Control a route sets for its
 * anonymous visitors (Remix appends a route's headers; this keeps one). Static files are served
 * before this and keep their caching.
 */
export function noStoreWhenSignedIn(sessionCookieNames: string[]) {
	return (req: Request, res: Response, next: NextFunction) => {
		if (!hasSessionCookie(req, sessionCookieNames)) return next()
		res.setHeader('Cache-Control', 'no-store')
		const append = res.append.bind(res)
		res.append = (field: string, value?: string | string[]) => (field.toLowerCase() === 'cache-control' ? res : append(field, value))
		next()
	}
}

function hasSessionCookie(req: Request, sessionCookieNames: string[]): boolean {
	return sessionCookieNames.some((name) => req.headers.cookie?.includes(`${name}=`))
}

function originOf(referer: string | undefined): string | null {
	if (!referer) return null
	try {
		return new URL(referer).origin
	} catch {
		return null
	}
}

// NUL, escape and other C0 controls never belong in a URL's path or query; a malformed escape
// neither. Refused here with 400 for every route at once, before any loader reads them (ADR 021).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_URL = /[\u0000-\u001F\u007F]/

export function refuseControlCharactersInUrl(req: Request, res: Response, next: NextFunction) {
	let refused = false
	try {
		const url = new URL(req.originalUrl, 'http://localhost')
		refused = CONTROL_IN_URL.test(decodeURIComponent(url.pathname)) || [...url.searchParams].some(([key, value]) => CONTROL_IN_URL.test(key) || CONTROL_IN_URL.test(value))
	} catch {
		refused = true
	}
	if (!refused) return next()
	res.status(400).type('text/plain; charset=utf-8').send('400 Ongeldig adres: het adres bevat tekens die er niet in horen. / Invalid address: it contains characters that do not belong in it.')
}

/** The largest request body any route accepts: a certificate's upload (5 MB) cut off at four times its limit, with room for its fields. */
export const MAX_REQUEST_BODY_BYTES = 25 * 1024 * 1024

/**
 * Refuses a request whose declared body (Content-Length) is larger than `maxBytes` with 413,
 * before any route reads it: a form is otherwise read whole into memory (ADR 021's `readForm`).
 * A body sent in chunks, without a length, is refused with 411 (Length Required): it could be
 * of any size, and only its length lets us refuse it before reading. Browsers send a length with
 * every form and fetch body, and so do the LTI tools (Moodle's curl, ltijs); a reverse proxy in
 * front buffers a chunked body and sends it on with its length.
 */
export function limitRequestBody(maxBytes: number) {
	return (req: Request, res: Response, next: NextFunction) => {
		const length = req.headers['content-length']
		if (length === undefined && req.headers['transfer-encoding'] !== undefined) {
			req.resume()
			res.status(411).type('text/plain; charset=utf-8').send('411 Lengte ontbreekt: stuur de lengte van het verzoek mee (Content-Length). / Length required: send the length of the request (Content-Length).')
			return
		}
		const declared = Number(length)
		if (!Number.isFinite(declared) || declared <= maxBytes) return next()
		// Read on and drop what is sent (nothing is kept), so the client finishes sending and reads the answer.
		req.resume()
		res.status(413).type('text/plain; charset=utf-8').send('413 Te groot: het verzoek is groter dan Leerplein aanneemt. / Too large: the request is larger than Leerplein accepts.')
	}
}
