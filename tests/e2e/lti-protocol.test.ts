import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { LIS_ROLES, LTI_SCOPES } from '@leerplein/domain'
import { and, count, eq } from 'drizzle-orm'
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useE2E } from '../support/e2e.ts'
import { HttpBrowser } from '../support/http-browser.ts'
import { moodleTimestamp, startMoodle, type RunningMoodle } from '../support/moodle.ts'

// The LTI protocol end to end over HTTP, against a hand-written tool that behaves like Moodle's
// enrol_lti (support/moodle.ts), with every negative case of issue 6: each is refused
// with the right error and stores nothing. The portal runs on PostgreSQL so the test can look
// into the database as the owner.

const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!
const drivers = await testDrivers()

describe.skipIf(!drivers.includes('postgres'))('LTI 1.3 protocol with a Moodle-like tool', () => {
	// Its own portal: the test counts audit rows and tools of the whole database.
	const e2e = useE2E({ driver: 'postgres', own: true, owner: true, browser: false })
	const { portal, owner } = e2e
	let moodle: RunningMoodle
	let stranger: RunningMoodle
	let ids: { rvo: string; course: string; otherCourse: string; enrolment: string; sanne: string; lotte: string; peter: string; moodleTool: string; strangerTool: string; link: string }
	let endpoints: { issuer: string; token: string; jwks: string; authorize: string }
	const cookies = new Map<string, string>()

	async function signIn(key: string): Promise<string> {
		const cached = cookies.get(key)
		if (cached) return cached
		const cookie = await e2e.sessionCookie(key)
		cookies.set(key, cookie)
		return cookie
	}

	async function browserAs(key: string): Promise<HttpBrowser> {
		const browser = new HttpBrowser()
		const [name, value] = (await signIn(key)).split('=') as [string, string]
		browser.setCookie(portal.url, name, value)
		return browser
	}

	/** From Leerplein's launch link to the tool's login URL (which the test then plays as the tool). */
	async function startLaunch(browser: HttpBrowser, path: string): Promise<URLSearchParams> {
		const { url } = await browser.follow(`${portal.url}${path}`, { stopAt: (next) => next.origin === moodle.baseUrl || next.origin === stranger.baseUrl })
		expect(new URL(url).pathname).toBe('/enrol/lti/login.php')
		return new URL(url).searchParams
	}

	/** The authorization endpoint's answer: the auto-posting page's id_token and state, or the error status. */
	async function authorize(browser: HttpBrowser, url: string): Promise<{ status: number; body: string; idToken: string | null; state: string | null }> {
		const response = await browser.request(url)
		const body = await response.text()
		const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1] ?? null
		return { status: response.status, body, idToken: field('id_token'), state: field('state') }
	}

	async function tokenAuditCount(result: 'success' | 'denied') {
		const [row] = await owner.db.select({ n: count() }).from(schema.auditLog).where(and(eq(schema.auditLog.action, 'lti.token'), eq(schema.auditLog.result, result)))
		return row!.n
	}

	beforeAll(async () => {
		;[moodle, stranger] = await Promise.all([startMoodle(), startMoodle()])
		endpoints = { issuer: portal.url, token: `${portal.url}/lti/token`, jwks: `${portal.url}/lti/jwks`, authorize: `${portal.url}/lti/authorize` }
		const db = owner.db
		const tenants = await db.select().from(schema.tenants)
		const unit = (slug: string) => tenants.find((tenant) => tenant.slug === slug)!
		// NVWA lets tools learn its employees' names and addresses; RVO keeps the concern default (no).
		await db.update(schema.tenants).set({ poOverrides: { ...unit('nvwa').poOverrides, shareContactDetailsWithTools: true } }).where(eq(schema.tenants.id, unit('nvwa').id))
		const userId = async (key: string) => (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, persona(key).email)))[0]!.id
		const course = (title: string) => ({
			providerTenantId: unit('rvo').id,
			title,
			summary: 'Online.',
			description: 'Online, in Moodle.',
			form: 'elearning' as const,
			durationMinutes: 60,
			status: 'published' as const,
		})
		const [main, other] = await db.insert(schema.courses).values([course('Informatiebeveiliging (protocoltest)'), course('Andere e-learning (protocoltest)')]).returning()
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: unit('rvo').id, courseId: main!.id, startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000), capacity: 100 })
			.returning()
		const [sanne, lotte, peter] = await Promise.all([userId('rvo-employee'), userId('nvwa-employee'), userId('nvwa-coordinator')])
		const [enrolment] = await db
			.insert(schema.enrolments)
			.values([
				{ tenantId: unit('rvo').id, sessionId: session!.id, userId: sanne, status: 'enrolled' },
				{ tenantId: unit('nvwa').id, sessionId: session!.id, userId: lotte, status: 'enrolled' },
			])
			.returning()
		// The stranger is a second registered tool, serving only the other course.
		stranger.setClientId('stranger-tool')
		const [strangerTool] = await db
			.insert(schema.ltiTools)
			.values({
				name: 'Andere tool',
				clientId: 'stranger-tool',
				deploymentIds: ['1'],
				loginUrl: stranger.loginUrl,
				targetLinkUri: stranger.redirectUri,
				redirectUris: [stranger.redirectUri],
				jwksUrl: stranger.jwksUrl,
				scopes: [LTI_SCOPES.lineItem, LTI_SCOPES.score],
			})
			.returning()
		await db.insert(schema.ltiResourceLinks).values({ tenantId: unit('rvo').id, courseId: other!.id, toolId: strangerTool!.id, deploymentId: '1', title: 'Ander onderdeel' })
		ids = { rvo: unit('rvo').id, course: main!.id, otherCourse: other!.id, enrolment: enrolment!.id, sanne, lotte, peter, moodleTool: '', strangerTool: strangerTool!.id, link: '' }
	})
	afterAll(() => Promise.all([moodle?.stop(), stranger?.stop()]))

	describe('dynamic registration', () => {
		let registrationToken: string

		test('the platform publishes its OpenID configuration and an RS256 JWKS with a kid', async () => {
			const configuration = (await (await fetch(`${portal.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>
			expect(configuration).toMatchObject({
				issuer: portal.url,
				authorization_endpoint: endpoints.authorize,
				token_endpoint: endpoints.token,
				jwks_uri: endpoints.jwks,
				registration_endpoint: `${portal.url}/lti/register`,
			})
			const jwks = (await (await fetch(endpoints.jwks)).json()) as { keys: Array<Record<string, unknown>> }
			expect(jwks.keys).toHaveLength(1)
			expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })
			expect(jwks.keys[0]).not.toHaveProperty('d')
		})

		test('the concern administrator hands out a one-time registration token; the tool registers with it and gets a deployment id', async () => {
			const admin = await signIn('concern-admin')
			const response = await fetch(`${portal.url}/beheer/leeromgevingen`, {
				method: 'POST',
				headers: { Cookie: admin, Origin: portal.url },
				body: new URLSearchParams({ intent: 'dynamic', toolRegistrationUrl: `${moodle.baseUrl}/enrol/lti/register.php` }),
			})
			expect(response.status).toBe(200)
			const link = new URL(/href="([^"]*registration_token[^"]*)"/.exec(await response.text())![1]!.replaceAll('&amp;', '&'))
			expect(link.searchParams.get('openid_configuration')).toBe(`${portal.url}/.well-known/openid-configuration`)
			registrationToken = link.searchParams.get('registration_token')!

			const registered = await moodle.register(link.searchParams.get('openid_configuration')!, registrationToken)
			expect(registered.status).toBe(200)
			const answer = (await registered.json()) as Record<string, unknown> & { 'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: string } }
			expect(answer['https://purl.imsglobal.org/spec/lti-tool-configuration'].deployment_id).toBe('1')
			expect(String(answer.scope).split(' ').sort()).toEqual([LTI_SCOPES.lineItem, LTI_SCOPES.resultReadOnly, LTI_SCOPES.score, LTI_SCOPES.memberships].sort())
			moodle.setClientId(String(answer.client_id))
			const [tool] = await owner.db.select().from(schema.ltiTools).where(eq(schema.ltiTools.clientId, moodle.clientId))
			expect(tool).toMatchObject({ name: 'Moodle (test)', registeredVia: 'dynamic', shareName: false, deepLinkingUrl: `${moodle.baseUrl}/enrol/lti/launch_deeplink.php` })
			ids.moodleTool = tool!.id
			// Moodle publishes a resource; the coordinator links the course's online part to it.
			const [link2] = await owner.db
				.insert(schema.ltiResourceLinks)
				.values({ tenantId: ids.rvo, courseId: ids.course, toolId: tool!.id, deploymentId: '1', title: 'Toets informatiebeveiliging', custom: { id: '7d9b8f4e-moodle-published-uuid' }, passMarkPercent: 50 })
				.returning()
			ids.link = link2!.id
			// Names may be shared where the unit allows; addresses not.
			await owner.db.update(schema.ltiTools).set({ shareName: true }).where(eq(schema.ltiTools.id, tool!.id))
		})

		test('a registration token serves once, and nothing is registered without one', async () => {
			const before = await owner.db.select({ n: count() }).from(schema.ltiTools)
			const again = await moodle.register(`${portal.url}/.well-known/openid-configuration`, registrationToken)
			expect(again.status).toBe(401)
			expect(await again.json()).toMatchObject({ error: 'invalid_token' })
			expect((await moodle.register(`${portal.url}/.well-known/openid-configuration`, 'made-up')).status).toBe(401)
			expect(await owner.db.select({ n: count() }).from(schema.ltiTools)).toEqual(before)
		})
	})

	describe('launch', () => {
		test('an enrolled employee is launched with the claims Moodle needs, signed with a kid and an iat not in its future', async () => {
			const browser = await browserAs('rvo-employee')
			const login = moodle.login(await startLaunch(browser, `/lti/starten/${ids.link}`))
			const answer = await authorize(browser, login.authorizeUrl(endpoints.authorize))
			expect(answer.status).toBe(200)
			expect(answer.state).toBe(login.state)
			const claims = await moodle.verifyLaunch(answer.idToken!, { issuer: endpoints.issuer, jwksUrl: endpoints.jwks }, { state: login.state, receivedState: answer.state!, nonce: login.nonce })
			expect(decodeProtectedHeader(answer.idToken!).kid).toBeTruthy()
			expect(claims).toMatchObject({
				sub: ids.sanne,
				'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest',
				'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
				'https://purl.imsglobal.org/spec/lti/claim/deployment_id': '1',
				'https://purl.imsglobal.org/spec/lti/claim/target_link_uri': moodle.redirectUri,
				'https://purl.imsglobal.org/spec/lti/claim/resource_link': { id: ids.link, title: 'Toets informatiebeveiliging' },
				'https://purl.imsglobal.org/spec/lti/claim/roles': [LIS_ROLES.learner],
				'https://purl.imsglobal.org/spec/lti/claim/context': { id: ids.course },
				'https://purl.imsglobal.org/spec/lti/claim/custom': { id: '7d9b8f4e-moodle-published-uuid' },
				'https://purl.imsglobal.org/spec/lti/claim/launch_presentation': { document_target: 'window' },
				'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { lineitems: `${portal.url}/lti/ags/${ids.course}/lineitems` },
				'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: `${portal.url}/lti/nrps/${ids.course}/memberships` },
			})
			// RVO does not share names with tools, whatever the registration allows.
			expect(claims).not.toHaveProperty('name')
			expect(claims).not.toHaveProperty('email')
		})

		test('a state that is not echoed exactly makes the tool refuse the launch', async () => {
			const browser = await browserAs('rvo-employee')
			const login = moodle.login(await startLaunch(browser, `/lti/starten/${ids.link}`))
			const answer = await authorize(browser, login.authorizeUrl(endpoints.authorize))
			await expect(moodle.verifyLaunch(answer.idToken!, { issuer: endpoints.issuer, jwksUrl: endpoints.jwks }, { state: 'another-state', receivedState: answer.state!, nonce: login.nonce })).rejects.toThrow(
				'state does not match',
			)
		})

		test.each([
			['an unregistered redirect_uri', (url: URL) => url.searchParams.set('redirect_uri', 'https://evil.example/steal'), 400, 'niet bij Leerplein is geregistreerd'],
			['an unknown client_id', (url: URL) => url.searchParams.set('client_id', 'nobody'), 400, 'niet (meer) bij Leerplein geregistreerd'],
			['a login_hint of someone else', (url: URL) => url.searchParams.set('login_hint', ids.lotte), 403, 'voor iemand anders geopend'],
			['a made-up lti_message_hint', (url: URL) => url.searchParams.set('lti_message_hint', 'made-up'), 400, 'niet (meer) geldig'],
			['no state', (url: URL) => url.searchParams.delete('state'), 400, 'onvolledig of onjuist'],
		])('the authorization endpoint refuses %s and issues no id_token', async (_name, tamper, status, message) => {
			const browser = await browserAs('rvo-employee')
			const login = moodle.login(await startLaunch(browser, `/lti/starten/${ids.link}`))
			const url = new URL(login.authorizeUrl(endpoints.authorize))
			tamper(url)
			const answer = await authorize(browser, url.toString())
			expect(answer.status).toBe(status)
			expect(answer.body).toContain(message)
			expect(answer.idToken).toBeNull()
		})

		test('a message hint serves once, and a nonce is never accepted twice', async () => {
			const browser = await browserAs('rvo-employee')
			const login = moodle.login(await startLaunch(browser, `/lti/starten/${ids.link}`))
			expect((await authorize(browser, login.authorizeUrl(endpoints.authorize))).status).toBe(200)
			const replayedHint = await authorize(browser, login.authorizeUrl(endpoints.authorize))
			expect([replayedHint.status, replayedHint.idToken]).toEqual([400, null])

			const second = moodle.login(await startLaunch(browser, `/lti/starten/${ids.link}`))
			const url = new URL(second.authorizeUrl(endpoints.authorize))
			url.searchParams.set('nonce', login.nonce)
			const replayedNonce = await authorize(browser, url.toString())
			expect(replayedNonce.status).toBe(400)
			expect(replayedNonce.body).toContain('al eens gebruikt')
		})

		test('someone signed in as another person cannot use a launch started for the first', async () => {
			const sanne = await browserAs('rvo-employee')
			const login = moodle.login(await startLaunch(sanne, `/lti/starten/${ids.link}`))
			const lotte = await browserAs('nvwa-employee')
			const answer = await authorize(lotte, login.authorizeUrl(endpoints.authorize))
			expect([answer.status, answer.idToken]).toEqual([403, null])
		})
	})

	describe('token endpoint', () => {
		test.each([
			['a bad signature', { signWithOtherKey: true }, 'BAD_SIGNATURE'],
			['an unknown kid', { unknownKid: true }, 'UNKNOWN_KID'],
			['the wrong audience', { audience: 'https://leerplein.example/other' }, 'WRONG_AUDIENCE'],
			['an expired assertion', { shiftSeconds: -600 }, 'EXPIRED'],
			['an assertion from the future', { shiftSeconds: 600 }, 'NOT_YET_VALID'],
		] as const)('refuses %s with the one invalid_client answer, issues no token, and audits the reason', async (_name, misbehave, code) => {
			const successes = await tokenAuditCount('success')
			const response = await moodle.requestToken(endpoints.token, [LTI_SCOPES.score], misbehave)
			expect(response.status).toBe(401)
			// The tool learns only that it was not verified; what failed is in the audit log (ADR 025).
			expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'the client could not be verified' })
			expect(await tokenAuditCount('success')).toBe(successes)
			const reasons = await owner.db.select({ after: schema.auditLog.after }).from(schema.auditLog).where(and(eq(schema.auditLog.action, 'lti.token'), eq(schema.auditLog.result, 'denied')))
			expect(reasons.map(({ after }) => (after as { detail?: string }).detail)).toContain(`client assertion refused: ${code}`)
		})

		test("refuses an assertion that claims another tool's client id", async () => {
			const response = await moodle.requestToken(endpoints.token, [LTI_SCOPES.score], { issuer: 'stranger-tool' })
			expect(response.status).toBe(401)
			expect(await response.json()).toMatchObject({ error: 'invalid_client' })
		})

		test('never accepts a jti twice', async () => {
			expect((await moodle.requestToken(endpoints.token, [LTI_SCOPES.score], { jti: 'once-only' })).status).toBe(200)
			const replay = await moodle.requestToken(endpoints.token, [LTI_SCOPES.score], { jti: 'once-only' })
			expect(replay.status).toBe(401)
			expect(await replay.json()).toEqual({ error: 'invalid_client', error_description: 'the client could not be verified' })
		})

		test('grants only requested and allowed scopes, and refuses a request with none allowed', async () => {
			const response = await stranger.requestToken(endpoints.token, [LTI_SCOPES.score, LTI_SCOPES.memberships])
			expect(response.status).toBe(200)
			const body = (await response.json()) as { scope: string; expires_in: number; token_type: string }
			expect(body).toMatchObject({ scope: LTI_SCOPES.score, token_type: 'Bearer' })
			expect(body.expires_in).toBeLessThanOrEqual(3600)
			const none = await stranger.requestToken(endpoints.token, [LTI_SCOPES.memberships])
			expect(none.status).toBe(400)
			expect(await none.json()).toMatchObject({ error: 'invalid_scope' })
		})
	})

	describe('assignment and grade services', () => {
		let token: string
		let lineItemUrl: string
		const lineItems = () => `${portal.url}/lti/ags/${ids.course}/lineitems`
		const post = (url: string, body: unknown, type: string, bearer = token) =>
			fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': type }, body: JSON.stringify(body) })
		const score = (userId: string, given: number, at: Date, progress: { activityProgress?: string; gradingProgress?: string } = {}) => ({
			userId,
			scoreGiven: given,
			scoreMaximum: 100,
			activityProgress: progress.activityProgress ?? 'Completed',
			gradingProgress: progress.gradingProgress ?? 'FullyGraded',
			timestamp: moodleTimestamp(at),
		})
		const enrolmentStatus = async () => (await owner.db.select().from(schema.enrolments).where(eq(schema.enrolments.id, ids.enrolment)))[0]!.status
		const resultOf = async (userId: string) =>
			(await owner.db.select().from(schema.ltiResults).where(eq(schema.ltiResults.userId, userId)))[0] ?? null

		beforeAll(async () => {
			token = await moodle.accessToken(endpoints.token, [LTI_SCOPES.lineItem, LTI_SCOPES.score, LTI_SCOPES.resultReadOnly])
		})

		test('a line item echoes tag, resourceId and resourceLinkId, and Moodle finds it again by them', async () => {
			const created = await post(lineItems(), { scoreMaximum: 100, label: 'Toets', tag: 'grade', resourceId: '7d9b8f4e', resourceLinkId: ids.link }, 'application/vnd.ims.lis.v2.lineitem+json')
			expect(created.status).toBe(201)
			const item = (await created.json()) as { id: string }
			lineItemUrl = item.id
			expect(item).toMatchObject({ scoreMaximum: 100, label: 'Toets', tag: 'grade', resourceId: '7d9b8f4e', resourceLinkId: ids.link })
			const query = new URLSearchParams({ tag: 'grade', resource_id: '7d9b8f4e', resource_link_id: ids.link })
			const found = await fetch(`${lineItems()}?${query}`, { headers: { Authorization: `Bearer ${token}` } })
			expect(found.headers.get('content-type')).toContain('application/vnd.ims.lis.v2.lineitemcontainer+json')
			expect(((await found.json()) as unknown[]).map((entry) => (entry as { id: string }).id)).toEqual([lineItemUrl])
			const none = await fetch(`${lineItems()}?tag=other`, { headers: { Authorization: `Bearer ${token}` } })
			expect(await none.json()).toEqual([])
		})

		test('the container pages with a Link header', async () => {
			for (const label of ['Extra 1', 'Extra 2']) await post(lineItems(), { scoreMaximum: 10, label }, 'application/vnd.ims.lis.v2.lineitem+json')
			const first = await fetch(`${lineItems()}?limit=2`, { headers: { Authorization: `Bearer ${token}` } })
			expect(((await first.json()) as unknown[]).length).toBe(2)
			const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('Link') ?? '')?.[1]
			expect(next).toContain('page=2')
			const second = await fetch(next!, { headers: { Authorization: `Bearer ${token}` } })
			expect(((await second.json()) as unknown[]).length).toBe(1)
			expect(second.headers.get('Link')).not.toContain('rel="next"')
		})

		test('a score answers exactly 200; a passing, completed score completes the enrolment; equal and older resends change nothing', async () => {
			const t0 = new Date(Date.now() - 60_000)
			const failing = await post(`${lineItemUrl}/scores`, score(ids.sanne, 40, t0), 'application/vnd.ims.lis.v1.score+json')
			expect(failing.status).toBe(200)
			expect(await enrolmentStatus()).toBe('enrolled')
			const t1 = new Date(t0.getTime() + 10_000)
			expect((await post(`${lineItemUrl}/scores`, score(ids.sanne, 60, t1), 'application/vnd.ims.lis.v1.score+json')).status).toBe(200)
			expect(await enrolmentStatus()).toBe('completed')
			const stored = await resultOf(ids.sanne)
			expect(stored).toMatchObject({ scoreGiven: 60, completedAt: expect.any(Date) })
			// Moodle's next sync resends the same score, then an older one arrives late.
			expect((await post(`${lineItemUrl}/scores`, score(ids.sanne, 60, t1), 'application/vnd.ims.lis.v1.score+json')).status).toBe(200)
			expect((await post(`${lineItemUrl}/scores`, score(ids.sanne, 10, t0), 'application/vnd.ims.lis.v1.score+json')).status).toBe(200)
			expect(await resultOf(ids.sanne)).toEqual(stored)
			const results = await fetch(`${lineItemUrl}/results`, { headers: { Authorization: `Bearer ${token}` } })
			expect(await results.json()).toEqual([expect.objectContaining({ userId: ids.sanne, resultScore: 60, resultMaximum: 100 })])
			const completions = await owner.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'lti.online_part_completed'))
			expect(completions).toHaveLength(1)
		})

		test('a score for someone not enrolled is refused and stores nothing', async () => {
			const response = await post(`${lineItemUrl}/scores`, score(ids.peter, 100, new Date()), 'application/vnd.ims.lis.v1.score+json')
			expect(response.status).toBe(422)
			expect(await resultOf(ids.peter)).toBeNull()
		})

		test('a malformed score is refused with what is wrong, and stores nothing', async () => {
			const response = await post(`${lineItemUrl}/scores`, { ...score(ids.lotte, 1, new Date()), timestamp: '2024-05-01 10:00' }, 'application/vnd.ims.lis.v1.score+json')
			expect(response.status).toBe(400)
			expect(await response.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('timestamp') })
			expect(await resultOf(ids.lotte)).toBeNull()
		})

		test('a token without the score scope cannot post scores', async () => {
			const readOnly = await moodle.accessToken(endpoints.token, [LTI_SCOPES.resultReadOnly])
			const response = await post(`${lineItemUrl}/scores`, score(ids.lotte, 100, new Date()), 'application/vnd.ims.lis.v1.score+json', readOnly)
			expect(response.status).toBe(403)
			expect(await response.json()).toMatchObject({ error: 'insufficient_scope' })
			expect(await resultOf(ids.lotte)).toBeNull()
		})

		test("a token of another tool reaches neither this tool's course nor its line items", async () => {
			const foreign = await stranger.accessToken(endpoints.token, [LTI_SCOPES.score, LTI_SCOPES.lineItem])
			expect((await post(`${lineItemUrl}/scores`, score(ids.lotte, 100, new Date()), 'application/vnd.ims.lis.v1.score+json', foreign)).status).toBe(404)
			expect((await fetch(lineItems(), { headers: { Authorization: `Bearer ${foreign}` } })).status).toBe(404)
			const ownCourseItem = lineItemUrl.replace(ids.course, ids.otherCourse)
			expect((await post(`${ownCourseItem}/scores`, score(ids.lotte, 100, new Date()), 'application/vnd.ims.lis.v1.score+json', foreign)).status).toBe(404)
			expect(await resultOf(ids.lotte)).toBeNull()
		})

		test('a forged or missing bearer token is refused', async () => {
			expect((await post(`${lineItemUrl}/scores`, score(ids.lotte, 100, new Date()), 'application/vnd.ims.lis.v1.score+json', 'forged')).status).toBe(401)
			const header = decodeJwt(token) as JWTPayload
			expect(header.scope).toBeDefined()
			expect((await fetch(lineItems())).status).toBe(401)
		})
	})

	describe('names and roles', () => {
		test('memberships are complete across pages, keep rlid in the Link, and share names only where the unit allows', async () => {
			const token = await moodle.accessToken(endpoints.token, [LTI_SCOPES.memberships])
			// The course has no teachers of its own: RVO's coordinators are its instructors (RVO shares no names).
			const coordinators = await owner.db
				.select({ userId: schema.roleAssignments.userId })
				.from(schema.roleAssignments)
				.innerJoin(schema.users, eq(schema.users.id, schema.roleAssignments.userId))
				.where(and(eq(schema.roleAssignments.tenantId, ids.rvo), eq(schema.roleAssignments.role, 'coordinator'), eq(schema.users.active, true)))
			expect(coordinators.length).toBeGreaterThan(0)
			const { pages, urls } = await moodle.readAllPages(`${portal.url}/lti/nrps/${ids.course}/memberships?rlid=${ids.link}&limit=1`, token)
			expect(pages).toHaveLength(2 + coordinators.length)
			expect(urls.slice(1).every((url) => url.includes(`rlid=${ids.link}`))).toBe(true)
			const members = pages.flatMap((page) => (page as { members: Array<Record<string, unknown>> }).members)
			expect(members).toEqual(
				expect.arrayContaining([
					{ user_id: ids.sanne, roles: [LIS_ROLES.learner], status: 'Active' },
					{ user_id: ids.lotte, roles: [LIS_ROLES.learner], status: 'Active', name: 'Lotte van Dijk' },
					...coordinators.map(({ userId }) => ({ user_id: userId, roles: [LIS_ROLES.instructor], status: 'Active' })),
				]),
			)
			expect(new Set(members.map((member) => member.user_id)).size).toBe(members.length)
			expect(members).toHaveLength(2 + coordinators.length)
		})

		test('an rlid that is not the tool’s own link is refused', async () => {
			const token = await moodle.accessToken(endpoints.token, [LTI_SCOPES.memberships])
			const response = await fetch(`${portal.url}/lti/nrps/${ids.course}/memberships?rlid=00000000-0000-7000-8000-000000000000`, { headers: { Authorization: `Bearer ${token}` } })
			expect(response.status).toBe(404)
		})
	})

	describe('deep linking', () => {
		async function deepLinkingRequest(): Promise<JWTPayload> {
			const browser = await browserAs('rvo-coordinator')
			const login = moodle.login(await startLaunch(browser, `/lti/inhoud-kiezen/${ids.course}/${ids.moodleTool}`))
			const answer = await authorize(browser, login.authorizeUrl(endpoints.authorize))
			expect(answer.status).toBe(200)
			return moodle.verifyLaunch(answer.idToken!, { issuer: endpoints.issuer, jwksUrl: endpoints.jwks }, { state: login.state, receivedState: answer.state!, nonce: login.nonce })
		}
		const returnResponse = (jwt: string) =>
			fetch(`${portal.url}/lti/deep-linking/return`, {
				method: 'POST',
				headers: { Origin: moodle.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ JWT: jwt }),
				redirect: 'manual',
			})
		const parts = async () => (await owner.db.select({ n: count() }).from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.courseId, ids.course)))[0]!.n
		const item = () => ({ type: 'ltiResourceLink', title: 'Module 3', url: `${moodle.baseUrl}/enrol/lti/launch.php`, custom: { id: 'module-3-uuid' }, lineItem: { scoreMaximum: 10, tag: 'm3' } })

		test('the request carries the return URL and data; the signed response, posted cross-site without a cookie, adds the part once', async () => {
			const request = await deepLinkingRequest()
			expect(request['https://purl.imsglobal.org/spec/lti/claim/message_type']).toBe('LtiDeepLinkingRequest')
			expect(request['https://purl.imsglobal.org/spec/lti/claim/target_link_uri']).toBe(`${moodle.baseUrl}/enrol/lti/launch_deeplink.php`)
			expect(request['https://purl.imsglobal.org/spec/lti/claim/roles']).toContain(LIS_ROLES.instructor)
			expect(request['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings']).toMatchObject({ deep_link_return_url: `${portal.url}/lti/deep-linking/return`, data: expect.any(String) })
			const before = await parts()
			const jwt = await moodle.deepLinkingResponse(request, [item()])
			const response = await returnResponse(jwt)
			expect(response.status).toBe(303)
			const location = new URL(response.headers.get('location')!, portal.url)
			expect(location.pathname).toBe(`/catalogus/${ids.course}/online-onderdelen`)
			expect(location.searchParams.get('gekoppeld')).toBe('1')
			// On to the pass-mark step for the new part, which starts at the concern's default (ADR 026).
			const [created] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.id, location.searchParams.get('slaaggrens')!))
			expect(created?.passMarkPercent).toBe(55)
			expect(await parts()).toBe(before + 1)
			const replay = await returnResponse(jwt)
			expect(replay.headers.get('location')).toContain('reden=LTI_DEEP_LINKING_DATA_INVALID')
			expect(await parts()).toBe(before + 1)
		})

		test.each([
			['a bad signature', { signWithOtherKey: true }, 'LTI_DEEP_LINKING_SIGNATURE'],
			['the wrong audience', { audience: 'https://elsewhere.example' }, 'LTI_DEEP_LINKING_SIGNATURE'],
			['an unknown deployment id', { deploymentId: '99' }, 'LTI_DEEP_LINKING_DEPLOYMENT'],
			['data Leerplein never issued', { data: 'made-up' }, 'LTI_DEEP_LINKING_DATA_INVALID'],
			['an expired response', { shiftSeconds: -3600 }, 'LTI_DEEP_LINKING_EXPIRED'],
		] as const)('refuses %s and links nothing', async (_name, misbehave, reason) => {
			const request = await deepLinkingRequest()
			const before = await parts()
			const response = await returnResponse(await moodle.deepLinkingResponse(request, [item()], misbehave))
			expect(response.headers.get('location')).toBe(`/lti/deep-linking/mislukt?reden=${reason}`)
			expect(await parts()).toBe(before)
		})

		test.each([
			['a javascript: target', 'javascript:alert(document.cookie)'],
			['a data: target', 'data:text/html,<script>alert(1)</script>'],
			['a target on another site', 'https://evil.example/launch'],
		])('refuses %s with its own explanation and links nothing', async (_name, url) => {
			const request = await deepLinkingRequest()
			const before = await parts()
			const response = await returnResponse(await moodle.deepLinkingResponse(request, [item(), { ...item(), url }]))
			expect(response.headers.get('location')).toBe('/lti/deep-linking/mislukt?reden=LTI_DEEP_LINKING_TARGET')
			expect(await parts()).toBe(before)
			const page = await fetch(`${portal.url}${response.headers.get('location')}`)
			expect(page.status).toBe(400)
			expect(await page.text()).toContain('alleen http(s)-adressen op het domein van de leeromgeving zelf. Er is niets gekoppeld.')
		})

		test('the refusal page explains it in Dutch', async () => {
			const response = await fetch(`${portal.url}/lti/deep-linking/mislukt?reden=LTI_DEEP_LINKING_SIGNATURE`)
			expect(response.status).toBe(400)
			expect(await response.text()).toContain('De handtekening van de leeromgeving klopt niet')
		})
	})

	describe('key rotation', () => {
		test('a rotated key signs new launches while the old one stays published', async () => {
			const before = ((await (await fetch(endpoints.jwks)).json()) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid)
			const admin = await signIn('concern-admin')
			const rotated = await fetch(`${portal.url}/beheer/leeromgevingen`, { method: 'POST', headers: { Cookie: admin, Origin: portal.url }, body: new URLSearchParams({ intent: 'rotate' }), redirect: 'manual' })
			expect(rotated.status).toBe(303)
			const after = ((await (await fetch(endpoints.jwks)).json()) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid)
			expect(after).toHaveLength(2)
			expect(after).toEqual(expect.arrayContaining(before))
			const browser = await browserAs('rvo-employee')
			const login = moodle.login(await startLaunch(browser, `/lti/starten/${ids.link}`))
			const answer = await authorize(browser, login.authorizeUrl(endpoints.authorize))
			const kid = decodeProtectedHeader(answer.idToken!).kid!
			expect(before).not.toContain(kid)
			expect(after).toContain(kid)
		})
	})
})
