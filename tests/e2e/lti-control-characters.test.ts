import { createHash } from 'node:crypto'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { LTI_SCOPES } from '@leerplein/domain'
import { count, eq } from 'drizzle-orm'
import type { JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useE2E } from '../support/e2e.ts'
import { HttpBrowser } from '../support/http-browser.ts'
import { moodleTimestamp, startMoodle, type RunningMoodle } from '../support/moodle.ts'

// Control characters in what a tool sends as JSON (issue 12), through the real portal: Dynamic
// Registration, AGS line items and scores, and the items of a Deep Linking response. A NUL cannot be
// stored in a text column and no other C0 control belongs in a label, name or comment, so each is
// refused with the protocol's 400 (or, for the Deep Linking return, which a browser posts, its
// explanation page), and nothing is stored. Line breaks and tabs stay allowed in a tool's text
// (a score's comment spans lines). A portal of its own: the test counts tools of the whole database.

const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!
const drivers = await testDrivers()

const NUL = '\u0000'
const ESCAPE = '\u001b'
const BELL = '\u0007'
const REFUSED_TEXT = 'text must not contain control characters'

describe.skipIf(!drivers.includes('postgres'))('control characters in the JSON a tool sends', () => {
	const e2e = useE2E({ driver: 'postgres', own: true, owner: true, browser: false })
	const { portal, owner } = e2e
	let moodle: RunningMoodle
	let ids: { rvo: string; course: string; sanne: string; tool: string; link: string }
	let endpoints: { configuration: string; token: string; authorize: string; jwks: string }
	let registrationToken: string

	// Stored as its SHA-256 (the portal's hashOneTimeValue).
	const registrationTokenHash = () => createHash('sha256').update(registrationToken).digest('base64url')
	const toolCount = async () => (await owner.db.select({ n: count() }).from(schema.ltiTools))[0]!.n

	beforeAll(async () => {
		moodle = await startMoodle()
		endpoints = {
			configuration: `${portal.url}/.well-known/openid-configuration`,
			token: `${portal.url}/lti/token`,
			authorize: `${portal.url}/lti/authorize`,
			jwks: `${portal.url}/lti/jwks`,
		}
		const db = owner.db
		const [rvo] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, persona('rvo-employee').email))
		const [course] = await db
			.insert(schema.courses)
			.values({
				providerTenantId: rvo!.id,
				title: 'Integriteit online (controletekens)',
				summary: 'Online.',
				description: 'Online, in Moodle.',
				form: 'elearning',
				durationMinutes: 60,
				status: 'published',
			})
			.returning()
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000), capacity: 10 })
			.returning()
		await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne!.id, status: 'enrolled' })
		ids = { rvo: rvo!.id, course: course!.id, sanne: sanne!.id, tool: '', link: '' }
		// The concern administrator hands out a registration token, as on the tools page.
		const response = await fetch(`${portal.url}/beheer/leeromgevingen`, {
			method: 'POST',
			headers: { Cookie: await e2e.sessionCookie('concern-admin'), Origin: portal.url },
			body: new URLSearchParams({ intent: 'dynamic', toolRegistrationUrl: `${moodle.baseUrl}/enrol/lti/register.php` }),
		})
		expect(response.status).toBe(200)
		registrationToken = new URL(/href="([^"]*registration_token[^"]*)"/.exec(await response.text())![1]!.replaceAll('&amp;', '&')).searchParams.get('registration_token')!
	})
	afterAll(() => moodle?.stop())

	describe('Dynamic Registration', () => {
		test.each([
			['a NUL in the client name', (registration: Record<string, unknown>) => (registration.client_name = `Moodle${NUL}`)],
			['an escape in the client name', (registration: Record<string, unknown>) => (registration.client_name = `${ESCAPE}[31mMoodle`)],
			[
				'a NUL in a custom parameter of the tool configuration',
				(registration: Record<string, unknown>) =>
					Object.assign(registration['https://purl.imsglobal.org/spec/lti-tool-configuration'] as object, { custom_parameters: { id: `abc${NUL}` } }),
			],
			['a control character in a key', (registration: Record<string, unknown>) => (registration[`extra${BELL}`] = 'x')],
		])('with %s is refused as invalid_client_metadata; nothing is registered and the token is not spent', async (_name, edit) => {
			const before = await toolCount()
			const response = await moodle.register(endpoints.configuration, registrationToken, edit)
			expect(response.status).toBe(400)
			expect(await response.json()).toEqual({ error: 'invalid_client_metadata', error_description: REFUSED_TEXT })
			expect(await toolCount()).toBe(before)
			const [token] = await owner.db.select().from(schema.ltiRegistrationTokens).where(eq(schema.ltiRegistrationTokens.id, registrationTokenHash()))
			expect(token).toMatchObject({ usedAt: null, toolId: null })
		})

		test('the same registration without them registers the tool with the unspent token', async () => {
			const before = await toolCount()
			const response = await moodle.register(endpoints.configuration, registrationToken)
			expect(response.status).toBe(200)
			const answer = (await response.json()) as { client_id: string }
			moodle.setClientId(answer.client_id)
			expect(await toolCount()).toBe(before + 1)
			const [tool] = await owner.db.select().from(schema.ltiTools).where(eq(schema.ltiTools.clientId, answer.client_id))
			expect(tool!.name).toBe('Moodle (test)')
			ids.tool = tool!.id
			const [link] = await owner.db
				.insert(schema.ltiResourceLinks)
				.values({ tenantId: ids.rvo, courseId: ids.course, toolId: tool!.id, deploymentId: '1', title: 'Toets integriteit', passMarkPercent: 50 })
				.returning()
			ids.link = link!.id
		})
	})

	describe('assignment and grade services', () => {
		let token: string
		let lineItemUrl: string
		const lineItems = () => `${portal.url}/lti/ags/${ids.course}/lineitems`
		const send = (method: 'POST' | 'PUT', url: string, body: unknown, type: string) =>
			fetch(url, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body: JSON.stringify(body) })
		const lineItemRows = () => owner.db.select().from(schema.ltiLineItems).where(eq(schema.ltiLineItems.courseId, ids.course))
		const results = () => owner.db.select().from(schema.ltiResults).where(eq(schema.ltiResults.userId, ids.sanne))
		const score = (extra: Record<string, unknown>) => ({
			userId: ids.sanne,
			scoreGiven: 80,
			scoreMaximum: 100,
			activityProgress: 'Completed',
			gradingProgress: 'FullyGraded',
			timestamp: moodleTimestamp(new Date()),
			...extra,
		})

		beforeAll(async () => {
			token = await moodle.accessToken(endpoints.token, [LTI_SCOPES.lineItem, LTI_SCOPES.score])
			const created = await send('POST', lineItems(), { scoreMaximum: 100, label: 'Eindtoets', resourceLinkId: ids.link }, 'application/vnd.ims.lis.v2.lineitem+json')
			expect(created.status).toBe(201)
			lineItemUrl = ((await created.json()) as { id: string }).id
		})

		test.each([
			['a NUL in the label', { scoreMaximum: 100, label: `Toets${NUL}` }],
			['an escape in the tag', { scoreMaximum: 100, label: 'Toets', tag: `${ESCAPE}]0;titel${BELL}` }],
			['a DEL in the resource id', { scoreMaximum: 100, label: 'Toets', resourceId: 'res\u007f' }],
		])('a new line item with %s is a 400 invalid_request, and none is created', async (_name, body) => {
			const before = await lineItemRows()
			const response = await send('POST', lineItems(), body, 'application/vnd.ims.lis.v2.lineitem+json')
			expect(response.status).toBe(400)
			expect(await response.json()).toEqual({ error: 'invalid_request', error_description: REFUSED_TEXT })
			expect(await lineItemRows()).toEqual(before)
		})

		test('a changed line item with a NUL in its label is a 400 invalid_request, and the line item stays as it was', async () => {
			const before = await lineItemRows()
			const response = await send('PUT', lineItemUrl, { scoreMaximum: 100, label: `Eindtoets${NUL}`, resourceLinkId: ids.link }, 'application/vnd.ims.lis.v2.lineitem+json')
			expect(response.status).toBe(400)
			expect(await response.json()).toEqual({ error: 'invalid_request', error_description: REFUSED_TEXT })
			expect(await lineItemRows()).toEqual(before)
		})

		test.each([
			['a NUL in the comment', { comment: `Goed${NUL}` }],
			['a bell in the comment', { comment: `Goed gedaan${BELL}` }],
			['a NUL in the user id', { userId: `${NUL}` }],
		])('a score with %s is a 400 invalid_request, and no result is stored', async (_name, extra) => {
			const response = await send('POST', `${lineItemUrl}/scores`, score(extra), 'application/vnd.ims.lis.v1.score+json')
			expect(response.status).toBe(400)
			expect(await response.json()).toEqual({ error: 'invalid_request', error_description: REFUSED_TEXT })
			expect(await results()).toEqual([])
		})

		test('a score whose comment spans lines is stored as sent', async () => {
			const comment = 'Goed gedaan.\r\nTot de volgende\tkeer.'
			const response = await send('POST', `${lineItemUrl}/scores`, score({ comment }), 'application/vnd.ims.lis.v1.score+json')
			expect(response.status).toBe(200)
			expect(await results()).toEqual([expect.objectContaining({ comment, scoreGiven: 80 })])
		})
	})

	describe('Deep Linking return', () => {
		const parts = async () => (await owner.db.select({ n: count() }).from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.courseId, ids.course)))[0]!.n
		const item = (extra: Record<string, unknown> = {}) => ({ type: 'ltiResourceLink', title: 'Module 4', url: `${moodle.baseUrl}/enrol/lti/launch.php`, ...extra })

		/** A coordinator starts choosing content; the tool receives the Deep Linking request. */
		async function deepLinkingRequest(): Promise<JWTPayload> {
			const browser = new HttpBrowser()
			const [name, value] = (await e2e.sessionCookie('rvo-coordinator')).split('=') as [string, string]
			browser.setCookie(portal.url, name, value)
			const { url } = await browser.follow(`${portal.url}/lti/inhoud-kiezen/${ids.course}/${ids.tool}`, { stopAt: (next) => next.origin === moodle.baseUrl })
			const login = moodle.login(new URL(url).searchParams)
			const answer = await browser.request(login.authorizeUrl(endpoints.authorize))
			const body = await answer.text()
			expect(answer.status).toBe(200)
			const field = (key: string) => new RegExp(`name="${key}" value="([^"]+)"`).exec(body)![1]!
			return moodle.verifyLaunch(field('id_token'), { issuer: portal.url, jwksUrl: endpoints.jwks }, { state: login.state, receivedState: field('state'), nonce: login.nonce })
		}
		const returnResponse = (jwt: string) =>
			fetch(`${portal.url}/lti/deep-linking/return`, {
				method: 'POST',
				headers: { Origin: moodle.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ JWT: jwt }),
				redirect: 'manual',
			})

		test.each([
			['a NUL in an item title', () => [item({ title: `Module 4${NUL}` })]],
			['an escape in an item text', () => [item({ text: `${ESCAPE}[2J` })]],
			['a NUL in a custom parameter of the second item', () => [item(), item({ title: 'Module 5', custom: { id: `m5${NUL}` } })]],
		])('with %s is refused with its explanation, and links nothing', async (_name, items) => {
			const request = await deepLinkingRequest()
			const before = await parts()
			const response = await returnResponse(await moodle.deepLinkingResponse(request, items()))
			expect(response.status).toBe(303)
			expect(response.headers.get('location')).toBe('/lti/deep-linking/mislukt?reden=LTI_DEEP_LINKING_INVALID')
			expect(await parts()).toBe(before)
			const page = await fetch(`${portal.url}${response.headers.get('location')}`)
			expect(page.status).toBe(400)
			expect(await page.text()).toContain('De leeromgeving stuurde geen geldige keuze terug.')
		})

		test('the same items without them are linked', async () => {
			const request = await deepLinkingRequest()
			const before = await parts()
			const response = await returnResponse(await moodle.deepLinkingResponse(request, [item({ text: 'Eerste regel.\nTweede regel.' })]))
			// Linked, and on to the pass-mark step for the new part (ADR 026).
			expect(response.headers.get('location')).toMatch(new RegExp(`^/catalogus/${ids.course}/online-onderdelen\\?gekoppeld=1&slaaggrens=[0-9a-f-]{36}#slaaggrenzen$`))
			expect(await parts()).toBe(before + 1)
		})
	})
})
