import type { AddressInfo } from 'node:net'
import express, { type NextFunction, type Request, type Response } from 'express'
import { describe, expect, test } from 'vitest'
import { isSameOrigin, limitRequestBody, noStoreWhenSignedIn, sameOriginForStateChanges } from './security.ts'

const PORTAL = 'https://leerplein.example.nl'

describe('isSameOrigin', () => {
	test.each([PORTAL, `${PORTAL}/`, 'https://LEERPLEIN.example.nl', 'https://leerplein.example.nl:443'])('accepts %j', (candidate) => {
		expect(isSameOrigin(candidate, PORTAL)).toBe(true)
	})

	test.each([
		['another scheme', 'http://leerplein.example.nl'],
		['another port', 'https://leerplein.example.nl:8443'],
		['another host', 'https://evil.example'],
		['a sub-domain', 'https://x.leerplein.example.nl'],
		['a host that only starts alike', 'https://leerplein.example.nl.evil.example'],
		['an opaque origin', 'null'],
		['nothing', ''],
	])('refuses %s', (_what, candidate) => {
		expect(isSameOrigin(candidate, PORTAL)).toBe(false)
	})

	test('the default port of the public origin counts as the same port', () => {
		expect(isSameOrigin('http://localhost:3000', 'http://localhost:3000')).toBe(true)
		expect(isSameOrigin('http://localhost', 'http://localhost:80')).toBe(true)
		expect(isSameOrigin('http://localhost:3001', 'http://localhost:3000')).toBe(false)
	})
})

describe('sameOriginForStateChanges', () => {
	const check = sameOriginForStateChanges(['sessie'], { publicOrigin: PORTAL })

	function post(headers: Record<string, string>): number {
		return postRequest(headers).status
	}

	function postRequest(headers: Record<string, string>): { status: number; headers: Record<string, string> } {
		let status = 0
		const req = { method: 'POST', path: '/uitloggen', headers, log: { warn: () => {} } } as unknown as Request
		const res = {
			status(code: number) {
				status = code
				return this
			},
			type() {
				return this
			},
			send() {
				return this
			},
		} as unknown as Response
		const next: NextFunction = () => {
			status = 200
		}
		check(req, res, next)
		return { status, headers }
	}

	test('a post from the public origin passes', () => {
		expect(post({ origin: PORTAL, cookie: 'sessie=abc' })).toBe(200)
		expect(post({ referer: `${PORTAL}/account`, cookie: 'sessie=abc' })).toBe(200)
	})

	test('a post whose origin differs in scheme or port only is refused, whatever the Host header says', () => {
		expect(post({ origin: 'http://leerplein.example.nl', host: 'leerplein.example.nl', cookie: 'sessie=abc' })).toBe(403)
		expect(post({ origin: 'https://leerplein.example.nl:8443', host: 'leerplein.example.nl:8443', cookie: 'sessie=abc' })).toBe(403)
		expect(post({ origin: 'https://evil.example', host: 'evil.example' })).toBe(403)
	})

	test('a post from the public origin reaches the routes addressed to the public host, whatever Host or X-Forwarded-Host a proxy sent (Remix refuses a mismatch with a 500)', () => {
		const passed = postRequest({ origin: PORTAL, host: '10.0.0.7:3000', 'x-forwarded-host': 'intern.example', cookie: 'sessie=abc' })
		expect(passed.status).toBe(200)
		expect(passed.headers).toMatchObject({ host: 'leerplein.example.nl', 'x-forwarded-host': 'leerplein.example.nl' })
		expect(postRequest({ origin: PORTAL, host: 'localhost:3000' }).headers).not.toHaveProperty('x-forwarded-host')
	})

	test('without Origin or Referer, a post is refused only when it carries a session', () => {
		expect(post({ cookie: 'sessie=abc' })).toBe(403)
		expect(post({})).toBe(200)
	})
})

describe('noStoreWhenSignedIn', () => {
	/** A route that, like the OpenID configuration, lets anonymous answers be cached. */
	async function cacheControlOf(headers: Record<string, string>): Promise<string | null> {
		const app = express()
		app.get('/', noStoreWhenSignedIn(['sessie']), (_req, res) => {
			res.append('Cache-Control', 'public, max-age=300')
			res.send('ok')
		})
		const server = app.listen(0, '127.0.0.1')
		await new Promise((resolve) => server.once('listening', resolve))
		try {
			const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers })
			return response.headers.get('cache-control')
		} finally {
			server.close()
		}
	}

	test('an answer to a request with a session cookie is no-store, whatever the route said', async () => {
		expect(await cacheControlOf({ Cookie: 'taal=nl; sessie=abc' })).toBe('no-store')
	})

	test('an anonymous answer keeps what the route said', async () => {
		expect(await cacheControlOf({})).toBe('public, max-age=300')
		expect(await cacheControlOf({ Cookie: 'taal=nl' })).toBe('public, max-age=300')
	})
})

describe('limitRequestBody', () => {
	const limit = limitRequestBody(1000)
	function send(headers: Record<string, string>): number {
		let status = 0
		const req = { headers, resume() {} } as unknown as Request
		const res = {
			status(code: number) {
				status = code
				return this
			},
			type() {
				return this
			},
			send() {
				return this
			},
		} as unknown as Response
		limit(req, res, () => {
			status = 200
		})
		return status
	}

	test('a body declared larger than the limit is refused with 413 before any route reads it; one at the limit, or none, passes', () => {
		expect(send({ 'content-length': '1001' })).toBe(413)
		expect(send({ 'content-length': '1000' })).toBe(200)
		expect(send({})).toBe(200)
	})

	test('a body sent in chunks, without a length, is refused with 411: its size is unknown until it has been read', () => {
		expect(send({ 'transfer-encoding': 'chunked' })).toBe(411)
		expect(send({ 'transfer-encoding': 'chunked', 'content-length': '10' })).toBe(200)
	})
})
