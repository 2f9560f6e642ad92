import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'
import { verifyRequestOrigin } from 'lucia'

/** A fresh nonce per response lets Remix's own inline scripts run and nothing else. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
	res.locals.cspNonce = randomBytes(16).toString('base64')
	next()
}

export function securityHeaders({ production }: { production: boolean }) {
	return helmet({
		contentSecurityPolicy: {
			// Vite's dev server injects its own scripts and a websocket; report only there.
			reportOnly: !production,
			directives: {
				defaultSrc: ["'self'"],
				scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
				styleSrc: ["'self'"],
				imgSrc: ["'self'", 'data:'],
				connectSrc: production ? ["'self'"] : ["'self'", 'ws:'],
				frameAncestors: ["'none'"],
				formAction: ["'self'"],
				baseUri: ["'none'"],
				objectSrc: ["'none'"],
				upgradeInsecureRequests: null,
			},
		},
		referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
		// HSTS belongs to the TLS-terminating proxy; over http://localhost it would only get in the way.
		strictTransportSecurity: false,
		crossOriginEmbedderPolicy: false,
	})
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF, second line behind SameSite=Lax cookies: a state-changing request must come from our
 * own origin. A request without Origin or Referer is refused only when it carries a session,
 * since then there is something to forge.
 */
export function sameOriginForStateChanges(sessionCookieNames: string[]) {
	return (req: Request, res: Response, next: NextFunction) => {
		if (SAFE_METHODS.has(req.method)) return next()
		const host = req.headers.host ?? ''
		const origin = req.headers.origin ?? originOf(req.headers.referer)
		const hasSession = sessionCookieNames.some((name) => req.headers.cookie?.includes(`${name}=`))
		const allowed = origin ? verifyRequestOrigin(origin, [host]) : !hasSession
		if (allowed) return next()
		req.log.warn({ origin: origin ?? null, host }, 'refused a cross-origin state-changing request')
		res.status(403).type('text/plain; charset=utf-8').send('Verzoek geweigerd: dit formulier kwam niet van Leerplein zelf.')
	}
}

function originOf(referer: string | undefined): string | null {
	if (!referer) return null
	try {
		return new URL(referer).origin
	} catch {
		return null
	}
}
