import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { and, eq, inArray, notInArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, useE2E } from '../support/e2e.ts'
import { HttpBrowser } from '../support/http-browser.ts'
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider.ts'

// Single sign-on per unit (issue 3, ADR 008) against real OpenID Providers: panva's
// oidc-provider on localhost, one for RVO and one for NVWA, each its own issuer and its own
// employee-number claim. Only the login screen is skipped: the test names who signs in.
// The portal runs on PostgreSQL, because the test configures the units' providers (and
// checks the audit log) as the owner while the portal serves.

const SESSION = '__Host-leerplein-sessie'
const ATTEMPT = '__Host-leerplein-sso'
const CALLBACK = '/inloggen/sso/callback'
const SECRETS = { rvo: 'rvo-geheim-0f9c2a7d1e', nvwa: 'nvwa-geheim-83b1c6e4aa' }
const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!
const SANNE = persona('rvo-employee') // RVO employee
const FATIMA = persona('rvo-coordinator') // RVO coordinator
const LOTTE = persona('nvwa-employee') // NVWA employee
const PETER = persona('nvwa-coordinator') // NVWA coordinator

const drivers = await testDrivers()

describe.skipIf(!drivers.includes('postgres'))('single sign-on over OpenID Connect', () => {
	const e2e = useE2E({
		driver: 'postgres',
		env: { SSO_RVO_CLIENT_SECRET: SECRETS.rvo, SSO_NVWA_CLIENT_SECRET: SECRETS.nvwa, SSO_ACM_CLIENT_SECRET: 'x' },
		owner: true,
	})
	const { portal, owner } = e2e
	let rvo: TestIdentityProvider
	let nvwa: TestIdentityProvider
	let leaver: { id: string; employeeNumber: string }

	beforeAll(async () => {
		const redirectUri = `${portal.url}${CALLBACK}`
		;[rvo, nvwa] = await Promise.all([
			startIdentityProvider({ clientSecret: SECRETS.rvo, redirectUri, claimNames: ['personeelsnummer'] }),
			startIdentityProvider({ clientSecret: SECRETS.nvwa, redirectUri, claimNames: ['employee_id'] }),
		])
		const units = await owner.db.select().from(schema.tenants).where(inArray(schema.tenants.slug, ['rvo', 'nvwa', 'acm']))
		const unit = (slug: string) => units.find((candidate) => candidate.slug === slug)!.id
		// As operations would (README): non-secret settings in the database, secrets in the environment.
		await owner.db.insert(schema.tenantSsoConfigs).values([
			{ tenantId: unit('rvo'), issuer: rvo.issuer, clientId: rvo.clientId, clientSecretEnv: 'SSO_RVO_CLIENT_SECRET', employeeNumberClaim: 'personeelsnummer' },
			{
				tenantId: unit('nvwa'),
				issuer: nvwa.issuer,
				clientId: nvwa.clientId,
				clientSecretEnv: 'SSO_NVWA_CLIENT_SECRET',
				employeeNumberClaim: 'employee_id',
				mfaAcrValues: ['urn:test:loa:hoog'],
			},
			// A provider that does not answer: port 9 (discard) on loopback has no listener.
			{ tenantId: unit('acm'), issuer: 'http://127.0.0.1:9', clientId: 'leerplein', clientSecretEnv: 'SSO_ACM_CLIENT_SECRET', employeeNumberClaim: 'sub' },
		])
		// Someone who has left RVO: their account stays, inactive.
		const [candidate] = await owner.db
			.select({ id: schema.users.id, employeeNumber: schema.users.employeeNumber })
			.from(schema.users)
			.where(and(eq(schema.users.tenantId, unit('rvo')), eq(schema.users.active, true), notInArray(schema.users.email, DEMO_PERSONAS.map((p) => p.email))))
			.limit(1)
		leaver = candidate!
		await owner.db.update(schema.users).set({ active: false }).where(eq(schema.users.id, leaver.id))
	})
	afterAll(() => Promise.all([rvo?.stop(), nvwa?.stop()]))

	const isCallback = (next: URL) => next.pathname === CALLBACK
	const isAuthorization = (provider: TestIdentityProvider) => (next: URL) => next.origin === provider.issuer && next.pathname === '/auth'

	// Every authorization code the providers hand out: none may end up in the audit log.
	const codes = new Set<string>()

	/** From the portal's start URL through the provider, up to (not into) the portal's callback. */
	async function throughProvider(client: HttpBrowser, unit: string, query = '') {
		const { url, response } = await client.follow(`${portal.url}/inloggen/sso/${unit}${query}`, { stopAt: isCallback })
		expect(response, 'the flow should reach the callback').toBeNull()
		const code = new URL(url).searchParams.get('code')
		if (code) codes.add(code)
		return url
	}

	/** The portal's answer to a callback: where it sends the browser, or its error page. */
	async function callback(client: HttpBrowser, url: string) {
		const response = await client.request(url)
		return { status: response.status, location: response.headers.get('location'), body: await response.text(), response }
	}

	const signedInAs = async (client: HttpBrowser) => {
		const response = await client.request(`${portal.url}/account`)
		return response.status === 200 ? /<h1[^>]*>Mijn account<\/h1>/.test(await response.text()) : false
	}

	test('an RVO employee signs in through RVO, lands signed in as the seeded employee, and the sign-in is audited', async () => {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await page.goto('/inloggen')
		await page.getByRole('link', { name: 'Inloggen via NVWA' }).waitFor()
		await page.getByRole('button', { name: 'Inloggen als Sanne de Vries' }).waitFor() // demo mode still offers personas
		expect(await accessibilityViolations(page)).toEqual([])

		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		await page.getByRole('link', { name: 'Inloggen via RVO' }).click()
		await page.getByRole('link', { name: 'Ingelogd als Sanne de Vries' }).waitFor()
		expect(new URL(page.url()).pathname).toBe('/catalogus')
		const cookies = await context.cookies()
		expect(cookies.find((cookie) => cookie.name === SESSION)).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' })
		expect(cookies.find((cookie) => cookie.name === ATTEMPT)).toBeUndefined()
		await context.close()

		const [sanne] = await owner.db.select().from(schema.users).where(eq(schema.users.email, SANNE.email))
		const audit = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'auth.sign_in'), eq(schema.auditLog.objectId, sanne!.id)))
		expect(audit).toContainEqual(
			expect.objectContaining({
				tenantId: sanne!.tenantId,
				actorUserId: sanne!.id,
				result: 'success',
				after: expect.objectContaining({ method: 'oidc', issuer: rvo.issuer, subject: 'rvo-sub-sanne' }),
			}),
		)
		const everything = JSON.stringify([await owner.db.select().from(schema.auditLog), portal.logs()])
		expect(everything).not.toContain(SECRETS.rvo)
		expect(everything).not.toContain(SECRETS.nvwa)
	})

	test('the attempt is bound by an HttpOnly __Host- cookie, and sends PKCE (S256), state and nonce to the provider', async () => {
		const client = new HttpBrowser()
		const start = await client.request(`${portal.url}/inloggen/sso/rvo?terug=/account`)
		expect(start.status).toBe(302)
		const setCookie = start.headers.getSetCookie().find((header) => header.startsWith(`${ATTEMPT}=`))!
		expect(setCookie).toMatch(/HttpOnly/i)
		expect(setCookie).toMatch(/Secure/i)
		expect(setCookie).toMatch(/SameSite=Lax/i)
		expect(setCookie).toMatch(/Path=\//)
		expect(setCookie).toMatch(/Max-Age=600/)
		const authorization = new URL(start.headers.get('location')!)
		expect(authorization.origin).toBe(rvo.issuer)
		expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
			client_id: 'leerplein',
			response_type: 'code',
			scope: 'openid',
			redirect_uri: `${portal.url}${CALLBACK}`,
			code_challenge_method: 'S256',
			code_challenge: expect.stringMatching(/^[\w-]{43}$/),
			state: expect.stringMatching(/^[\w-]{43}$/),
			nonce: expect.stringMatching(/^[\w-]{43}$/),
		})
	})

	test('a person returns where they wanted to go, and a replayed callback is refused: the attempt is single-use', async () => {
		const client = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		const attemptToken = () => client.cookie(portal.url, ATTEMPT)
		const url = await throughProvider(client, 'rvo', '?terug=/account')
		const token = attemptToken()!
		const first = await callback(client, url)
		expect(first).toMatchObject({ status: 302, location: '/account' })
		expect(attemptToken()).toBeUndefined()

		// The same answer again, even with the old attempt cookie put back: refused.
		const replay = new HttpBrowser()
		replay.setCookie(portal.url, ATTEMPT, token)
		const second = await callback(replay, url)
		expect(second.status).toBe(400)
		expect(second.body).toContain('Deze inlogpoging is niet (meer) geldig')
		expect(second.response.headers.getSetCookie().some((header) => header.startsWith(`${SESSION}=`))).toBe(false)
	})

	test.each(['/\t/evil.example', '/%09/evil.example', '//evil.example', '/\\evil.example', '/.//evil.example', 'https://evil.example', 'javascript:alert(1)'])(
		'a start with terug=%j never leads off-site: refused, or signed in on /catalogus',
		async (target) => {
			const query = `?${new URLSearchParams({ terug: target })}`
			const start = await new HttpBrowser().request(`${portal.url}/inloggen/sso/rvo${query}`)
			expect(start.status).toBeLessThan(500)
			if (start.status === 400) return // control characters in the address are refused at the door
			expect(new URL(start.headers.get('location')!).origin).toBe(rvo.issuer)
			rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
			const client = new HttpBrowser()
			const answer = await callback(client, await throughProvider(client, 'rvo', query))
			expect(answer).toMatchObject({ status: 302, location: '/catalogus' })
		},
	)

	test('a stored attempt whose return path leads off-site (stored before a stricter check) signs in on /catalogus', async () => {
		const client = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		const marker = `/account?poging=${crypto.randomUUID()}`
		const url = await throughProvider(client, 'rvo', `?${new URLSearchParams({ terug: marker })}`)
		await owner.db.update(schema.ssoLoginAttempts).set({ returnTo: '/\t/evil.example' }).where(eq(schema.ssoLoginAttempts.returnTo, marker))
		expect(await callback(client, url)).toMatchObject({ status: 302, location: '/catalogus' })
	})

	test('an answer arriving in another browser (login CSRF) is refused', async () => {
		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		const url = await throughProvider(new HttpBrowser(), 'rvo')
		const victim = new HttpBrowser()
		const answer = await callback(victim, url)
		expect(answer.status).toBe(400)
		expect(await signedInAs(victim)).toBe(false)
	})

	test('a wrong state is refused, and the attempt is used up by it', async () => {
		const client = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		const url = new URL(await throughProvider(client, 'rvo'))
		const forged = new URL(url)
		forged.searchParams.set('state', 'niet-de-state-van-deze-poging')
		const answer = await callback(client, forged.href)
		expect(answer.status).toBe(400)
		expect(answer.body).toContain('hoort niet bij uw inlogpoging')
		expect(answer.body).toContain('Opnieuw inloggen')
		expect(client.cookie(portal.url, ATTEMPT)).toBeUndefined() // used up, and removed from the browser
		expect(await signedInAs(client)).toBe(false)
		// The genuine answer cannot be used afterwards either.
		expect((await callback(client, url.href)).status).toBe(400)
	})

	test('a wrong nonce in the ID token is refused', async () => {
		const client = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		const { url } = await client.follow(`${portal.url}/inloggen/sso/rvo`, { stopAt: isAuthorization(rvo) })
		const tampered = new URL(url)
		tampered.searchParams.set('nonce', 'een-andere-nonce')
		const { url: back } = await client.follow(tampered.href, { stopAt: isCallback })
		const answer = await callback(client, back)
		expect(answer.status).toBe(400)
		expect(answer.body).toContain('kon uw inloggen bij de inlogdienst niet bevestigen')
		expect(await signedInAs(client)).toBe(false)
	})

	test('an expired authorization code is refused', async () => {
		const client = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		const url = await throughProvider(client, 'rvo')
		rvo.expireAuthorizationCodes()
		const answer = await callback(client, url)
		expect(answer.status).toBe(400)
		expect(answer.body).toContain('kon uw inloggen bij de inlogdienst niet bevestigen')
		expect(await signedInAs(client)).toBe(false)
	})

	test("RVO's provider cannot sign in an employee of NVWA", async () => {
		const client = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-lotte', claims: { personeelsnummer: LOTTE.employeeNumber }, amr: ['pwd', 'otp'] })
		const answer = await callback(client, await throughProvider(client, 'rvo'))
		expect(answer.status).toBe(403)
		expect(answer.body).toContain('geen actief Leerplein-account met uw personeelsnummer')
		expect(await signedInAs(client)).toBe(false)
	})

	test("a sign-in started at RVO and answered by NVWA's provider is refused (mix-up)", async () => {
		const client = new HttpBrowser()
		nvwa.signInNext({ sub: 'nvwa-sub-lotte', claims: { employee_id: LOTTE.employeeNumber }, amr: ['pwd'] })
		const { url } = await client.follow(`${portal.url}/inloggen/sso/rvo`, { stopAt: isAuthorization(rvo) })
		// Same client id and redirect URI at both providers, so only the issuer tells them apart.
		const elsewhere = new URL(url.replace(rvo.issuer, nvwa.issuer))
		const { url: back } = await client.follow(elsewhere.href, { stopAt: isCallback })
		expect(new URL(back).searchParams.get('iss')).toBe(nvwa.issuer)
		const answer = await callback(client, back)
		expect(answer.status).toBe(400)
		expect(await signedInAs(client)).toBe(false)
	})

	test('the same person through their own unit: NVWA signs in its employee with its own claim', async () => {
		const client = new HttpBrowser()
		nvwa.signInNext({ sub: 'nvwa-sub-lotte', claims: { employee_id: LOTTE.employeeNumber }, amr: ['pwd'] })
		expect((await callback(client, await throughProvider(client, 'nvwa'))).status).toBe(302)
		expect(await signedInAs(client)).toBe(true)
	})

	test('a coordinator without multi-factor sign-in is refused in Dutch; with amr mfa, two factors or the MFA acr, admitted', async () => {
		const refused = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-fatima', claims: { personeelsnummer: FATIMA.employeeNumber }, amr: ['pwd'] })
		const answer = await callback(refused, await throughProvider(refused, 'rvo'))
		expect(answer.status).toBe(403)
		expect(answer.body).toContain('moet u inloggen met meer dan één factor')
		expect(await signedInAs(refused)).toBe(false)

		for (const [provider, unit, account] of [
			[rvo, 'rvo', { sub: 'rvo-sub-fatima', claims: { personeelsnummer: FATIMA.employeeNumber }, amr: ['mfa', 'pwd', 'otp'] }],
			[rvo, 'rvo', { sub: 'rvo-sub-fatima', claims: { personeelsnummer: FATIMA.employeeNumber }, amr: ['pwd', 'hwk'] }],
			[nvwa, 'nvwa', { sub: 'nvwa-sub-peter', claims: { employee_id: PETER.employeeNumber }, amr: ['pwd'], acr: 'urn:test:loa:hoog' }],
		] as const) {
			const client = new HttpBrowser()
			provider.signInNext({ ...account, amr: [...account.amr] })
			expect((await callback(client, await throughProvider(client, unit))).status, JSON.stringify(account)).toBe(302)
			expect(await signedInAs(client)).toBe(true)
		}
	})

	test('an unknown employee number and an inactive account are refused with a clear message', async () => {
		for (const number of ['0000000', leaver.employeeNumber]) {
			const client = new HttpBrowser()
			rvo.signInNext({ sub: `rvo-sub-${number}`, claims: { personeelsnummer: number }, amr: ['pwd'] })
			const answer = await callback(client, await throughProvider(client, 'rvo'))
			expect(answer.status, number).toBe(403)
			expect(answer.body).toContain('geen actief Leerplein-account met uw personeelsnummer')
		}
		const missing = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-zonder-nummer', claims: {}, amr: ['pwd'] })
		const answer = await callback(missing, await throughProvider(missing, 'rvo'))
		expect(answer.status).toBe(403)
		expect(answer.body).toContain('gaf geen personeelsnummer door')
	})

	test('a failed sign-in keeps the session one already had', async () => {
		const client = new HttpBrowser()
		rvo.signInNext({ sub: 'rvo-sub-sanne', claims: { personeelsnummer: SANNE.employeeNumber }, amr: ['pwd'] })
		await callback(client, await throughProvider(client, 'rvo'))
		const session = client.cookie(portal.url, SESSION)
		expect(session).toBeDefined()
		// Someone else at the provider (the provider itself would first ask to end Sanne's session there).
		client.forget(rvo.issuer)
		rvo.signInNext({ sub: 'rvo-sub-fatima', claims: { personeelsnummer: FATIMA.employeeNumber }, amr: ['pwd'] })
		const refused = await callback(client, await throughProvider(client, 'rvo'))
		expect(refused.status).toBe(403)
		expect(client.cookie(portal.url, SESSION)).toBe(session)
		expect(await signedInAs(client)).toBe(true)
	})

	test('a unit without single sign-on is a 404, an unreachable provider a clear 502, and neither starts an attempt', async () => {
		const client = new HttpBrowser()
		const none = await client.request(`${portal.url}/inloggen/sso/cpb`)
		expect(none.status).toBe(404)
		expect(await none.text()).toContain('is inloggen met single sign-on niet ingesteld')
		const down = await client.request(`${portal.url}/inloggen/sso/acm`)
		expect(down.status).toBe(502)
		expect(await down.text()).toContain('De inlogdienst van uw organisatieonderdeel is nu niet bereikbaar')
		expect(client.cookie(portal.url, ATTEMPT)).toBeUndefined()
	})

	test('refused sign-ins are audited in the unit, without tokens', async () => {
		const [rvoUnit] = await owner.db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const denied = await owner.db
			.select()
			.from(schema.auditLog)
			.where(and(eq(schema.auditLog.action, 'auth.sign_in'), eq(schema.auditLog.result, 'denied')))
		const reasons = (tenantId: string | null) =>
			new Set(denied.filter((entry) => entry.tenantId === tenantId).map((entry) => (entry.after as { reason: string }).reason))
		expect([...reasons(rvoUnit!.id)]).toEqual(
			expect.arrayContaining(['SSO_STATE_MISMATCH', 'SSO_TOKEN_REJECTED', 'SSO_NO_ACCOUNT', 'SSO_MFA_REQUIRED', 'SSO_NO_EMPLOYEE_NUMBER']),
		)
		expect([...reasons(null)]).toContain('SSO_ATTEMPT_INVALID')
		const trail = JSON.stringify(await owner.db.select().from(schema.auditLog))
		expect(codes.size).toBeGreaterThan(5)
		for (const code of codes) expect(trail).not.toContain(code)
		expect(trail).not.toContain('eyJ') // no JWT (ID or access token)
	})
})
