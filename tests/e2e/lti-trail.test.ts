import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { LTI_SCOPES } from '@leerplein/domain'
import { and, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, SANNE, useE2E } from '../support/e2e.ts'
import { pollUntil } from '../support/poll.ts'
import { HttpBrowser } from '../support/http-browser.ts'
import { moodleTimestamp, startMoodle, type RunningMoodle } from '../support/moodle.ts'

// The trail of refused tool calls (issue 13): every refusal is a warning in the log and a counted
// audit row; a deactivated tool that proves who it is is told it is deactivated, while a caller
// that cannot sign still gets the uniform invalid_client; a person's launch of a switched-off
// tool's part is refused on a clear page and its links are gone; a refused Dynamic Registration
// is kept against its code and shown to the concern administrator. And pass marks (ADR 026): a
// part chosen through Deep Linking gets the concern's default, which the coordinator confirms; a
// score under it does not complete the part, and a later one under it leaves a completion standing.

const persona = (key: string) => DEMO_PERSONAS.find((candidate) => candidate.key === key)!
const drivers = await testDrivers()
const WARN = 40

describe.skipIf(!drivers.includes('postgres'))('the trail of refused tool calls', () => {
	// Its own portal: the test deactivates a tool and counts audit rows of the whole database.
	const e2e = useE2E({ driver: 'postgres', own: true, owner: true })
	const { portal, owner } = e2e
	let moodle: RunningMoodle
	let ids: { toolId: string; courseId: string; linkId: string; rvo: string; sanne: string }
	let tokenEndpoint: string

	beforeAll(async () => {
		moodle = await startMoodle()
		tokenEndpoint = `${portal.url}/lti/token`
		const db = owner.db
		const [rvo] = await db.select().from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [sanne] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, persona('rvo-employee').email))
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: rvo!.id, title: 'Integriteit (spoortest)', summary: 's', description: 'd', form: 'elearning', durationMinutes: 30, status: 'published' })
			.returning()
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000), capacity: 100 })
			.returning()
		await db.insert(schema.enrolments).values({ tenantId: rvo!.id, sessionId: session!.id, userId: sanne!.id, status: 'enrolled' })
		moodle.setClientId('moodle-trail-test')
		const [tool] = await db
			.insert(schema.ltiTools)
			.values({
				name: 'Moodle (spoortest)',
				clientId: 'moodle-trail-test',
				deploymentIds: ['1'],
				loginUrl: moodle.loginUrl,
				targetLinkUri: moodle.redirectUri,
				redirectUris: [moodle.redirectUri],
				jwksUrl: moodle.jwksUrl,
				deepLinkingUrl: `${moodle.baseUrl}/enrol/lti/launch_deeplink.php`,
				scopes: [LTI_SCOPES.lineItem, LTI_SCOPES.score],
			})
			.returning()
		const [link] = await db
			.insert(schema.ltiResourceLinks)
			.values({ tenantId: rvo!.id, courseId: course!.id, toolId: tool!.id, deploymentId: '1', title: 'Casussen' })
			.returning()
		ids = { toolId: tool!.id, courseId: course!.id, linkId: link!.id, rvo: rvo!.id, sanne: sanne!.id }
	})
	afterAll(() => moodle?.stop())

	const collapsedRows = (action: string, objectId: string | null = null) =>
		owner.db
			.select()
			.from(schema.auditLog)
			.where(and(eq(schema.auditLog.action, action), isNotNull(schema.auditLog.collapseKey), objectId ? eq(schema.auditLog.objectId, objectId) : undefined))
	const warnings = (action: string) => portal.logs().filter((line) => line.level === WARN && line.action === action)
	const setActive = (active: boolean) => owner.db.update(schema.ltiTools).set({ active }).where(eq(schema.ltiTools.id, ids.toolId))

	test('five token requests signed with a key Leerplein does not know: five uniform answers, five warnings with the reason, one audit row counting five', async () => {
		const before = warnings('lti.token').length
		for (let attempt = 0; attempt < 5; attempt++) {
			const response = await moodle.requestToken(tokenEndpoint, [LTI_SCOPES.score], { signWithOtherKey: true })
			expect(response.status).toBe(401)
			expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'the client could not be verified' })
		}
		const rows = await collapsedRows('lti.token', ids.toolId)
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ result: 'denied', occurrences: 5, after: { reason: 'invalid_client', clientId: 'moodle-trail-test', detail: expect.stringMatching(/^client assertion refused/) } })
		expect(rows[0]!.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(rows[0]!.firstSeenAt!.getTime())
		const lines = await pollUntil(() => (warnings('lti.token').length - before >= 5 ? warnings('lti.token').slice(before) : null), { message: 'five warnings of lti.token' })
		expect(lines).toHaveLength(5)
		expect(lines.map((line) => [line.reason, line.objectId, line.clientId])).toEqual(Array(5).fill(['invalid_client', ids.toolId, 'moodle-trail-test']))
		expect(lines.map((line) => line.occurrences)).toEqual([1, 2, 3, 4, 5])
		// Never the assertion itself.
		expect(JSON.stringify(lines)).not.toMatch(/eyJ/)
	})

	test('a client id nobody registered gets the same invalid_client, and the trail names the id it claimed', async () => {
		const response = await moodle.requestToken(tokenEndpoint, [LTI_SCOPES.score], { issuer: 'nobody-registered-this' })
		expect(response.status).toBe(401)
		expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'the client could not be verified' })
		const rows = (await collapsedRows('lti.token')).filter((row) => (row.after as { clientId?: string }).clientId === 'nobody-registered-this')
		expect(rows).toEqual([expect.objectContaining({ objectId: null, occurrences: 1, after: expect.objectContaining({ reason: 'invalid_client', detail: 'unknown client id' }) })])
	})

	test('a deactivated tool that signs with its own key is told it is deactivated; one that cannot sign still gets invalid_client; its services refuse its tokens saying why', async () => {
		const token = await moodle.accessToken(tokenEndpoint, [LTI_SCOPES.score, LTI_SCOPES.lineItem])
		await setActive(false)
		try {
			const signed = await moodle.requestToken(tokenEndpoint, [LTI_SCOPES.score])
			expect(signed.status).toBe(400)
			expect(await signed.json()).toEqual({ error: 'unauthorized_client', error_description: expect.stringContaining('deactivated') })
			const unsigned = await moodle.requestToken(tokenEndpoint, [LTI_SCOPES.score], { signWithOtherKey: true })
			expect(unsigned.status).toBe(401)
			expect(await unsigned.json()).toEqual({ error: 'invalid_client', error_description: 'the client could not be verified' })
			expect(await collapsedRows('lti.token', ids.toolId)).toContainEqual(expect.objectContaining({ occurrences: 1, after: expect.objectContaining({ reason: 'tool_deactivated' }) }))

			// The tool's registration is remembered for a second per process: the services refuse once it is read again.
			const answer = await pollUntil(
				async () => {
					const response = await fetch(`${portal.url}/lti/ags/${ids.courseId}/lineitems`, { headers: { Authorization: `Bearer ${token}` } })
					return response.status === 401 ? { status: response.status, body: await response.json() } : null
				},
				{ message: 'the line items refuse the deactivated tool' },
			)
			expect(answer.body).toEqual({ error: 'invalid_token', error_description: expect.stringContaining('deactivated') })
			expect(await collapsedRows('lti.ags', ids.toolId)).toContainEqual(expect.objectContaining({ after: expect.objectContaining({ reason: 'tool_deactivated' }) }))
		} finally {
			await setActive(true)
		}
	})

	test("a malformed score and a call outside the tool's course are refused as before, and each leaves its trail under the tool", async () => {
		const token = await moodle.accessToken(tokenEndpoint, [LTI_SCOPES.score, LTI_SCOPES.lineItem])
		const postMalformed = () =>
			fetch(`${portal.url}/lti/ags/${ids.courseId}/lineitems/0190a0b0-0000-7000-8000-000000000001/scores`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.ims.lis.v1.score+json' },
				body: JSON.stringify({ userId: ids.sanne, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: 'yesterday' }),
			})
		// The portal remembers a tool's registration for a second: until it reads the reactivation of the previous test, the tool is refused as deactivated.
		const malformed = await pollUntil(async () => {
			const response = await postMalformed()
			return response.status === 401 ? null : response
		}, { message: 'the portal sees the tool active again' })
		expect(malformed.status).toBe(400)
		const elsewhere = await fetch(`${portal.url}/lti/ags/0190a0b0-0000-7000-8000-000000000002/lineitems`, { headers: { Authorization: `Bearer ${token}` } })
		expect(elsewhere.status).toBe(404)
		const reasons = (await collapsedRows('lti.ags', ids.toolId)).map((row) => row.after as { reason: string; detail?: string })
		expect(reasons).toContainEqual({ reason: 'invalid_request', clientId: 'moodle-trail-test', detail: expect.stringContaining('timestamp') })
		expect(reasons).toContainEqual({ reason: 'context_not_found', clientId: 'moodle-trail-test' })
	})

	test('while the tool is off, a person opening its part gets a clear page, the course page shows no launch link, and the coordinator reads why', async () => {
		await setActive(false)
		try {
			const sanne = await e2e.signIn(SANNE)
			const refused = await sanne.goto(`/lti/starten/${ids.linkId}`)
			expect(refused!.status()).toBe(403)
			await sanne.getByText('De leeromgeving van dit onderdeel is door de concernbeheerder uitgeschakeld.', { exact: false }).waitFor()
			expect(await accessibilityViolations(sanne)).toEqual([])
			const launches = await collapsedRows('lti.launch', ids.linkId)
			expect(launches).toEqual([expect.objectContaining({ tenantId: ids.rvo, actorUserId: ids.sanne, occurrences: 1, after: { reason: 'TOOL_INACTIVE' } })])

			await sanne.goto(`/catalogus/${ids.courseId}`)
			await sanne.getByText('Dit onderdeel is tijdelijk niet te openen.').waitFor()
			expect(await sanne.getByRole('link', { name: /^Open Casussen/ }).count()).toBe(0)
			await sanne.setViewportSize({ width: 320, height: 800 })
			expect(await sanne.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
			expect(await accessibilityViolations(sanne)).toEqual([])

			const fatima = await e2e.signIn(FATIMA)
			await fatima.goto(`/catalogus/${ids.courseId}`)
			await fatima.getByText('De leeromgeving Moodle (spoortest) is door de concernbeheerder uitgeschakeld', { exact: false }).waitFor()
			expect(await fatima.getByRole('link', { name: /^Open Casussen/ }).count()).toBe(0)
			await fatima.goto(`/catalogus/${ids.courseId}/online-onderdelen`)
			await fatima.getByText('Uitgeschakeld door de concernbeheerder').waitFor()
			expect(await accessibilityViolations(fatima)).toEqual([])
		} finally {
			await setActive(true)
		}
		const sanne = await e2e.signIn(SANNE)
		await sanne.goto(`/catalogus/${ids.courseId}`)
		await sanne.getByRole('link', { name: /^Open Casussen/ }).waitFor()
	})

	test('a refused Dynamic Registration is kept against its code: the administrator reads which field, in Dutch, and the trail has it', async () => {
		const els = await e2e.signIn(ELS)
		await els.goto('/beheer/leeromgevingen')
		await els.getByLabel('Registratieadres van de tool').fill(`${moodle.baseUrl}/enrol/lti/register.php`)
		await els.getByRole('button', { name: 'Registratiecode maken' }).click()
		const href = await els.getByRole('link', { name: /Registratie openen in de tool/ }).getAttribute('href')
		const registrationToken = new URL(href!).searchParams.get('registration_token')!
		await els.reload()
		await els.getByText(/Wacht op de tool/).waitFor()

		const refused = await fetch(`${portal.url}/lti/register`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${registrationToken}` },
			body: JSON.stringify({ client_name: 'Moodle', initiate_login_uri: moodle.loginUrl, redirect_uris: [moodle.redirectUri], jwks_uri: 'not an address' }),
		})
		expect(refused.status).toBe(400)
		const answer = (await refused.json()) as { error: string; error_description: string }
		expect(answer.error).toBe('invalid_client_metadata')
		expect(answer.error_description).toMatch(/jwks_uri/)

		await els.reload()
		await els.getByText(/Geweigerd op .*: de configuratie van de tool is ongeldig of onvolledig/).waitFor()
		await els.getByText(answer.error_description).waitFor()
		expect(await accessibilityViolations(els)).toEqual([])
		await els.setViewportSize({ width: 320, height: 800 })
		expect(await els.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		const rows = await collapsedRows('lti.register')
		expect(rows).toContainEqual(expect.objectContaining({ occurrences: 1, after: expect.objectContaining({ reason: 'invalid_client_metadata', detail: expect.stringMatching(/jwks_uri.*\(token [\w-]{12}\)/) }) }))
		expect(warnings('lti.register').some((line) => line.reason === 'invalid_client_metadata')).toBe(true)
		expect(JSON.stringify(portal.logs())).not.toContain(registrationToken)

		// The tool corrects its configuration and tries again with the same code: registered, and the page says with which tool.
		expect((await moodle.register(`${portal.url}/.well-known/openid-configuration`, registrationToken)).status).toBe(200)
		await els.setViewportSize({ width: 1280, height: 800 })
		await els.reload()
		await els.getByText('Gebruikt: Moodle (test) is geregistreerd').waitFor()
	})

	/** A coordinator of the providing unit starts content selection; what the tool receives (its Deep Linking request). */
	async function deepLinkingRequest() {
		const coordinator = new HttpBrowser()
		const [name, value] = (await e2e.sessionCookie('rvo-coordinator')).split('=') as [string, string]
		coordinator.setCookie(portal.url, name, value)
		const { url } = await coordinator.follow(`${portal.url}/lti/inhoud-kiezen/${ids.courseId}/${ids.toolId}`, { stopAt: (next) => next.origin === moodle.baseUrl })
		const login = moodle.login(new URL(url).searchParams)
		const page = await (await coordinator.request(login.authorizeUrl(`${portal.url}/lti/authorize`))).text()
		const field = (fieldName: string) => new RegExp(`name="${fieldName}" value="([^"]+)"`).exec(page)![1]!
		return moodle.verifyLaunch(field('id_token'), { issuer: portal.url, jwksUrl: `${portal.url}/lti/jwks` }, { state: login.state, receivedState: field('state'), nonce: login.nonce })
	}
	const deepLinkingReturn = (jwt: string) =>
		fetch(`${portal.url}/lti/deep-linking/return`, {
			method: 'POST',
			headers: { Origin: moodle.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ JWT: jwt }),
			redirect: 'manual',
		})

	test('a Deep Linking response from a tool switched off meanwhile links nothing, and the page says the tool is off', async () => {
		const request = await deepLinkingRequest()
		await setActive(false)
		try {
			const returned = await deepLinkingReturn(await moodle.deepLinkingResponse(request, [{ type: 'ltiResourceLink', title: 'Te laat', url: `${moodle.baseUrl}/enrol/lti/launch.php` }]))
			expect(returned.status).toBe(303)
			expect(returned.headers.get('location')).toBe('/lti/deep-linking/mislukt?reden=LTI_TOOL_DEACTIVATED')
			expect(await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.title, 'Te laat'))).toEqual([])
			const explained = await fetch(`${portal.url}${returned.headers.get('location')}`)
			expect(await explained.text()).toContain('Deze leeromgeving is in Leerplein uitgeschakeld.')
			expect(await collapsedRows('lti.deep_linking_response', ids.toolId)).toContainEqual(expect.objectContaining({ after: expect.objectContaining({ reason: 'tool_deactivated' }) }))
		} finally {
			await setActive(true)
		}
	})

	test("pass marks: the concern's default goes to a part chosen through Deep Linking, the coordinator confirms it, and a later failing score leaves the completion standing", async () => {
		// The concern administrator sets the default, with errors beside the field.
		const els = await e2e.signIn(ELS)
		await els.goto('/beheer/regels')
		const field = els.getByLabel('Standaardcesuur (%)')
		expect(await field.inputValue()).toBe('55')
		await field.fill('101')
		await els.getByRole('button', { name: 'Standaardcesuur opslaan' }).click()
		await els.getByText('Vul een heel getal van 0 tot en met 100 in.').first().waitFor()
		expect(await field.getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(els)).toEqual([])
		await els.setViewportSize({ width: 320, height: 800 })
		expect(await els.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await field.fill('60')
		await els.getByRole('button', { name: 'Standaardcesuur opslaan' }).click()
		await els.getByText('De standaardcesuur is opgeslagen.', { exact: false }).waitFor()
		const [settings] = await owner.db.select().from(schema.concernSettings)
		expect(settings!.defaultPassMarkPercent).toBe(60)

		// The coordinator picks content in the tool; the tool answers with a graded item and no pass mark.
		const request = await deepLinkingRequest()
		const returned = await deepLinkingReturn(await moodle.deepLinkingResponse(request, [{ type: 'ltiResourceLink', title: 'Eindtoets', url: `${moodle.baseUrl}/enrol/lti/launch.php`, lineItem: { scoreMaximum: 100, tag: 'eind' } }]))
		expect(returned.status).toBe(303)
		const landing = new URL(returned.headers.get('location')!, portal.url)
		const partId = landing.searchParams.get('slaaggrens')!
		const [part] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.id, partId))
		expect(part!.passMarkPercent).toBe(60)

		// The return lands on the step that asks the pass mark, prefilled with the default.
		const fatima = await e2e.signIn(FATIMA)
		await fatima.goto(`${landing.pathname}${landing.search}`)
		await fatima.getByRole('heading', { name: 'Cesuur van de nieuwe onderdelen' }).waitFor()
		const passMark = fatima.getByLabel('Cesuur van Eindtoets (%)')
		expect(await passMark.inputValue()).toBe('60')
		await passMark.fill('zeventig')
		await fatima.getByRole('button', { name: 'Cesuur opslaan' }).click()
		await fatima.getByText('Vul een heel getal van 0 tot en met 100 in.').first().waitFor()
		expect(await passMark.getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(fatima)).toEqual([])
		await fatima.setViewportSize({ width: 320, height: 800 })
		expect(await fatima.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
		await passMark.fill('70')
		await passMark.press('Enter')
		await fatima.getByText('De cesuur is opgeslagen.').waitFor()
		const [confirmed] = await owner.db.select().from(schema.ltiResourceLinks).where(eq(schema.ltiResourceLinks.id, partId))
		expect(confirmed!.passMarkPercent).toBe(70)

		// Scores: under the pass mark nothing completes; at it the part completes; a later failing grade keeps the completion.
		const [lineItem] = await owner.db.select().from(schema.ltiLineItems).where(eq(schema.ltiLineItems.resourceLinkId, partId))
		const token = await moodle.accessToken(tokenEndpoint, [LTI_SCOPES.score])
		const scoreAt = (given: number, at: Date) =>
			fetch(`${portal.url}/lti/ags/${ids.courseId}/lineitems/${lineItem!.id}/scores`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.ims.lis.v1.score+json' },
				body: JSON.stringify({ userId: ids.sanne, scoreGiven: given, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: moodleTimestamp(at) }),
			})
		const result = async () => (await owner.db.select().from(schema.ltiResults).where(and(eq(schema.ltiResults.lineItemId, lineItem!.id), eq(schema.ltiResults.userId, ids.sanne))))[0]!
		const t0 = new Date(Date.now() - 60_000)
		expect((await scoreAt(40, t0)).status).toBe(200)
		expect(await result()).toMatchObject({ scoreGiven: 40, completedAt: null })
		expect((await scoreAt(80, new Date(t0.getTime() + 10_000))).status).toBe(200)
		const completedAt = (await result()).completedAt
		expect(completedAt).toBeInstanceOf(Date)
		expect((await scoreAt(40, new Date(t0.getTime() + 20_000))).status).toBe(200)
		expect(await result()).toMatchObject({ scoreGiven: 40, completedAt })
		const kept = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'lti.completion_kept'), eq(schema.auditLog.objectId, lineItem!.id)))
		expect(kept).toEqual([expect.objectContaining({ tenantId: ids.rvo, after: { userId: ids.sanne, scoreGiven: 40, scoreMaximum: 100, passMarkPercent: 70 } })])

		// The coordinator sees it beside the part.
		await fatima.setViewportSize({ width: 1280, height: 800 })
		await fatima.goto(`/catalogus/${ids.courseId}/online-onderdelen`)
		await fatima.getByText('1 deelnemer rondde af en scoorde later onder de cesuur; de afronding blijft staan.').waitFor()
	})
})
