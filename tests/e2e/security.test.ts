import { request as httpRequest } from 'node:http'
import { describe, expect, test } from 'vitest'
import { SANNE, signInAs, useE2E } from '../support/e2e.ts'

// Application-level defences; the driver does not matter here, so the embedded database will do.
describe('security headers and CSRF', () => {
	const e2e = useE2E({ driver: 'pglite' })
	const { portal } = e2e

	async function signedInCookie(): Promise<string> {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, SANNE)
		const cookie = (await context.cookies()).find((c) => c.name === '__Host-leerplein-sessie')!
		await context.close()
		return `${cookie.name}=${cookie.value}`
	}

	const accountStatus = async (cookie: string) =>
		(await fetch(`${portal.url}/account`, { headers: { Cookie: cookie }, redirect: 'manual' })).status

	test('pages carry a strict Content-Security-Policy whose nonce is on every inline script', async () => {
		const response = await fetch(`${portal.url}/catalogus`)
		const csp = response.headers.get('content-security-policy') ?? ''
		const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
		expect(nonce).toBeTruthy()
		expect(csp).toContain("frame-ancestors 'none'")
		expect(csp).toContain("default-src 'self'")
		expect(csp).not.toContain('unsafe-inline')
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
		expect(response.headers.get('x-content-type-options')).toBe('nosniff')
		const html = await response.text()
		const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((match) => match[1])
		expect(inlineScripts.length).toBeGreaterThan(0)
		for (const attributes of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`)
		const second = (await fetch(`${portal.url}/catalogus`)).headers.get('content-security-policy')
		expect(second).not.toBe(csp)
	})

	test('under that policy the pages hydrate and navigate with no script errors or violations', async () => {
		const context = await e2e.newContext()
		const page = await context.newPage()
		const problems: string[] = []
		page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
		page.on('pageerror', (error) => problems.push(error.message))
		await signInAs(page, SANNE)
		// Survives only client-side navigation: proof that the scripts run under the policy.
		await page.evaluate(() => Object.assign(window, { stillTheSameDocument: true }))
		await page.getByRole('link', { name: 'Catalogus' }).click()
		await page.locator('.course-list h3 a').first().click()
		await page.getByRole('heading', { name: 'Over deze opleiding' }).waitFor()
		await page.getByRole('link', { name: 'Terug naar de catalogus' }).click()
		await page.getByRole('heading', { level: 1, name: 'Catalogus' }).waitFor()
		expect(await page.evaluate(() => (window as { stillTheSameDocument?: boolean }).stillTheSameDocument)).toBe(true)
		expect(problems).toEqual([])
		await context.close()
	})

	test('a sign-out posted from another site is refused, and the session lives on', async () => {
		const cookie = await signedInCookie()
		const forged = await fetch(`${portal.url}/uitloggen`, {
			method: 'POST',
			headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'intent=everywhere',
			redirect: 'manual',
		})
		expect(forged.status).toBe(403)
		expect(await forged.text()).toContain('Verzoek geweigerd')
		expect(await accountStatus(cookie)).toBe(200)
	})

	test('a state change carrying a session but no Origin or Referer is refused', async () => {
		const cookie = await signedInCookie()
		const bare = await fetch(`${portal.url}/uitloggen`, { method: 'POST', headers: { Cookie: cookie }, redirect: 'manual' })
		expect(bare.status).toBe(403)
		expect(await accountStatus(cookie)).toBe(200)
	})

	test('a body larger than any form takes (26 MB) is refused with 413 before a route reads it, and the session lives on', async () => {
		const cookie = await signedInCookie()
		const huge = await fetch(`${portal.url}/mijn-paspoort/bewijs-toevoegen`, {
			method: 'POST',
			headers: { Cookie: cookie, Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `intent=submit&note=${'a'.repeat(26 * 1024 * 1024)}`,
			redirect: 'manual',
		})
		expect(huge.status).toBe(413)
		expect(await accountStatus(cookie)).toBe(200)
	})

	test('a body sent in chunks without a length is refused with 411 before a route reads it: its size would be unknown until read', async () => {
		const cookie = await signedInCookie()
		const endless = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('intent=submit&note=aaaa'))
				controller.close()
			},
		})
		const chunked = await fetch(`${portal.url}/mijn-paspoort/bewijs-toevoegen`, {
			method: 'POST',
			headers: { Cookie: cookie, Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: endless,
			duplex: 'half',
			redirect: 'manual',
		} as RequestInit & { duplex: 'half' })
		expect(chunked.status).toBe(411)
		expect(await accountStatus(cookie)).toBe(200)
	})

	test('a sign-in posted from another site is refused (no login CSRF)', async () => {
		const forged = await fetch(`${portal.url}/inloggen`, {
			method: 'POST',
			headers: { Origin: 'https://evil.example' },
			body: new URLSearchParams({ intent: 'persona', persona: 'rvo-employee' }),
			redirect: 'manual',
		})
		expect(forged.status).toBe(403)
		expect(forged.headers.get('set-cookie')).toBeNull()
	})

	test('a state change from our host on another scheme or port is refused: the origin is scheme, host and port', async () => {
		const cookie = await signedInCookie()
		const own = new URL(portal.url)
		for (const origin of [`https://${own.host}`, `http://${own.hostname}:${Number(own.port) + 1}`]) {
			const forged = await fetch(`${portal.url}/uitloggen`, {
				method: 'POST',
				headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'intent=everywhere',
				redirect: 'manual',
			})
			expect(forged.status, origin).toBe(403)
		}
		expect(await accountStatus(cookie)).toBe(200)
	})

	test('the same requests from our own origin are accepted', async () => {
		const cookie = await signedInCookie()
		const response = await fetch(`${portal.url}/uitloggen`, {
			method: 'POST',
			headers: { Cookie: cookie, Origin: portal.url },
			body: new URLSearchParams({ intent: 'this' }),
			redirect: 'manual',
		})
		expect(response.status).toBe(302)
		expect(await accountStatus(cookie)).toBe(302)
	})
})

// Targets that lead off-site once a browser parses them (it drops TAB, CR and LF, reads `\\` as `/`).
const OFF_SITE_TARGETS = [
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'/%09/evil.example',
	'//evil.example',
	'/\\evil.example',
	'/.//evil.example',
	'https://evil.example',
	'javascript:alert(1)',
]

describe('redirect targets from input stay on the site', () => {
	const e2e = useE2E({ driver: 'pglite', browser: false })
	const { portal } = e2e

	/** As a browser would follow it: the WHATWG parser resolves the Location against the page. */
	const staysOnSite = (location: string | null) => location !== null && new URL(location, portal.url).origin === new URL(portal.url).origin

	/** No crash, and a redirect (if any) that a browser follows to this site. */
	function expectOnSiteOrRefused(response: Response, target: string) {
		expect(response.status, target).toBeLessThan(500)
		if (response.status >= 300 && response.status < 400) expect(staysOnSite(response.headers.get('location')), `${target} → ${response.headers.get('location')}`).toBe(true)
	}

	test.each(OFF_SITE_TARGETS)('/inloggen?terug=%j sends a signed-in person to a page of this site', async (target) => {
		const cookie = await e2e.sessionCookie('rvo-employee')
		const response = await fetch(`${portal.url}/inloggen?${new URLSearchParams({ terug: target })}`, { headers: { Cookie: cookie }, redirect: 'manual' })
		expectOnSiteOrRefused(response, target)
	})

	test.each(OFF_SITE_TARGETS)('/inloggen?terug=%j carries only an on-site path into the persona forms', async (target) => {
		const response = await fetch(`${portal.url}/inloggen?${new URLSearchParams({ terug: target })}`, { redirect: 'manual' })
		expectOnSiteOrRefused(response, target)
		if (response.status !== 200) return
		// Each persona's form carries the target beside the persona's key (the language switch in the header carries this page).
		const carried = [...(await response.text()).matchAll(/name="persona" value="[^"]*"\/>\s*<input type="hidden" name="redirectTo" value="([^"]*)"/g)].map((match) => match[1])
		expect(carried.length).toBeGreaterThan(0)
		for (const value of carried) expect(value).toBe('/catalogus')
	})

	test.each(OFF_SITE_TARGETS)('a persona sign-in posted with redirectTo %j lands on this site', async (target) => {
		const response = await fetch(`${portal.url}/inloggen`, {
			method: 'POST',
			headers: { Origin: portal.url },
			body: new URLSearchParams({ intent: 'persona', persona: 'rvo-employee', redirectTo: target }),
			redirect: 'manual',
		})
		expectOnSiteOrRefused(response, target)
	})

	test.each(OFF_SITE_TARGETS)('the language switch posted with redirectTo %j returns to this site', async (target) => {
		const response = await fetch(`${portal.url}/taal`, {
			method: 'POST',
			headers: { Origin: portal.url },
			body: new URLSearchParams({ intent: 'switch', lng: 'en', redirectTo: target }),
			redirect: 'manual',
		})
		expectOnSiteOrRefused(response, target)
	})

	test('an on-site target is kept, with its query', async () => {
		const cookie = await e2e.sessionCookie('rvo-employee')
		const response = await fetch(`${portal.url}/inloggen?${new URLSearchParams({ terug: '/catalogus?q=excel' })}`, { headers: { Cookie: cookie }, redirect: 'manual' })
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/catalogus?q=excel')
	})
})

/** A request with headers fetch will not send as given (Host): the raw request a client or a proxy can send. */
function requestWithHeaders(url: string, headers: Record<string, string>, { method = 'GET', body }: { method?: string; body?: string } = {}): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(url, { method, headers }, (response) => {
			let text = ''
			response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
		})
		request.on('error', reject).end(body)
	})
}

const getWithHeaders = (url: string, headers: Record<string, string>) => requestWithHeaders(url, headers)

describe('the public origin', () => {
	const { portal } = useE2E({ driver: 'pglite', browser: false })

	test('a forged Host or X-Forwarded-Host header does not change the LTI issuer or its endpoints', async () => {
		const genuine = await getWithHeaders(`${portal.url}/.well-known/openid-configuration`, {})
		expect(genuine.status).toBe(200)
		expect(JSON.parse(genuine.body)).toMatchObject({ issuer: portal.url, token_endpoint: `${portal.url}/lti/token` })
		for (const headers of [{ Host: 'evil.example' } as Record<string, string>, { Host: 'evil.example:443', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' }]) {
			const forged = await getWithHeaders(`${portal.url}/.well-known/openid-configuration`, headers)
			expect(forged.status).toBe(200)
			expect(JSON.parse(forged.body)).toEqual(JSON.parse(genuine.body))
			expect(forged.body).not.toContain('evil.example')
		}
	})

	test('a form posted from the public origin is accepted when a proxy passes another Host or X-Forwarded-Host (Remix alone answered 500)', async () => {
		const signIn = new URLSearchParams({ intent: 'persona', persona: 'rvo-employee' }).toString()
		const form = { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' }
		for (const proxied of [{ Host: 'portal.intern:8080' }, { Host: 'portal.intern:8080', 'X-Forwarded-Host': 'leerplein.intern' }] as Record<string, string>[]) {
			const response = await requestWithHeaders(`${portal.url}/inloggen`, { ...form, ...proxied }, { method: 'POST', body: signIn })
			expect(response.status, JSON.stringify(proxied)).toBe(302)
		}
		const forged = await requestWithHeaders(`${portal.url}/inloggen`, { ...form, Origin: 'http://portal.intern:8080', Host: 'portal.intern:8080' }, { method: 'POST', body: signIn })
		expect(forged.status).toBe(403)
	})
})

describe('one rule for cancelling an enrolment', () => {
	const e2e = useE2E({ driver: 'pglite', browser: false })
	const { portal } = e2e

	test("a coordinator or manager posting to an employee's own cancel URL gets the GET's 404, and the enrolment stays", async () => {
		const sanne = await e2e.sessionCookie('rvo-employee')
		const myLearning = async () => (await fetch(`${portal.url}/mijn-leren`, { headers: { Cookie: sanne } })).text()
		const enrolmentId = /href="\/mijn-leren\/([0-9a-f-]{36})\/annuleren"/.exec(await myLearning())?.[1]
		expect(enrolmentId, 'Sanne has an enrolment she may cancel').toBeTruthy()
		const url = `${portal.url}/mijn-leren/${enrolmentId}/annuleren`
		for (const persona of ['rvo-coordinator', 'rvo-manager']) {
			const cookie = await e2e.sessionCookie(persona)
			const shown = await fetch(url, { headers: { Cookie: cookie }, redirect: 'manual' })
			const posted = await fetch(url, { method: 'POST', headers: { Cookie: cookie, Origin: portal.url }, body: new URLSearchParams({ intent: 'cancel' }), redirect: 'manual' })
			expect(shown.status, persona).toBe(404)
			expect(posted.status, persona).toBe(shown.status)
		}
		expect(await myLearning()).toContain(`/mijn-leren/${enrolmentId}/annuleren`)
		expect((await fetch(url, { headers: { Cookie: sanne } })).status).toBe(200)
	})
})

describe('personal answers are never stored', () => {
	const e2e = useE2E({ driver: 'pglite', browser: false })
	const { portal } = e2e

	const cacheControl = async (path: string, cookie?: string) => {
		const response = await fetch(`${portal.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
		return { status: response.status, cacheControl: response.headers.get('cache-control') }
	}

	test('every answer to a signed-in request says Cache-Control: no-store: pages, their data and files', async () => {
		const sanne = await e2e.sessionCookie('rvo-employee')
		const enrolmentId = /href="\/mijn-leren\/([0-9a-f-]{36})\/annuleren"/.exec(await (await fetch(`${portal.url}/mijn-leren`, { headers: { Cookie: sanne } })).text())?.[1]
		expect(enrolmentId).toBeTruthy()
		const personal = [
			'/account',
			'/mijn-leren',
			`/mijn-leren/${enrolmentId}/annuleren`,
			`/mijn-leren/agenda/${enrolmentId}`,
			'/postvak',
			'/catalogus',
			'/mijn-leren.data',
			'/.well-known/openid-configuration',
		]
		for (const path of personal) expect(await cacheControl(path, sanne), path).toEqual({ status: 200, cacheControl: 'no-store' })
		const manager = await e2e.sessionCookie('rvo-manager')
		expect(await cacheControl('/goedkeuringen', manager)).toEqual({ status: 200, cacheControl: 'no-store' })
	})

	test('an anonymous answer keeps its own caching', async () => {
		expect((await cacheControl('/.well-known/openid-configuration')).cacheControl).toBe('public, max-age=300')
	})
})

describe('rate limiting of sign-in', () => {
	const { portal } = useE2E({ driver: 'pglite', env: { RATE_LIMIT_SIGN_IN: '3/60' }, browser: false })

	test('after three attempts a minute from one address, the fourth is refused with a Dutch page and Retry-After', async () => {
		const attempt = () =>
			fetch(`${portal.url}/inloggen`, { method: 'POST', body: new URLSearchParams({ intent: 'persona', persona: 'rvo-employee' }), redirect: 'manual' })
		const statuses = []
		for (let i = 0; i < 3; i++) statuses.push((await attempt()).status)
		expect(statuses).toEqual([302, 302, 302])
		const refused = await attempt()
		expect(refused.status).toBe(429)
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
		expect(refused.headers.get('set-cookie')).toBeNull()
		const page = await refused.text()
		expect(page).toContain('Te veel pogingen')
		expect(page).toMatch(/Wacht \d+ seconden en probeer het dan opnieuw/)
	})
})

