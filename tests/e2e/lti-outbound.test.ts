import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { schema } from '@leerplein/db/schema'
import { testDrivers } from '@leerplein/db/testing'
import { ALL_LTI_SCOPES, LTI_SCOPES } from '@leerplein/domain'
import { and, eq, sql } from 'drizzle-orm'
import { generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ELS, signInAs, useE2E } from '../support/e2e.ts'

// Issue 12, items 5 and 6: the portal never fetches a key set from plain http or a private address
// unless OUTBOUND_ALLOW says so (this portal allows nothing, as production), refuses such an address
// when a tool is registered, answers every client it cannot verify the same (no port probe), and
// limits the LTI machine endpoints per client id, with one audit row per window.

const drivers = await testDrivers()
const { privateKey } = await generateKeyPair('RS256')
const LIMIT = 3
const NOT_VERIFIED = { error: 'invalid_client', error_description: 'the client could not be verified' }
const REFUSED_NL = 'Leerplein haalt niets op van dit adres. Gebruik een openbaar adres dat begint met https:// (geen localhost, intern of privé netwerkadres).'

describe.skipIf(!drivers.includes('postgres'))('outbound requests and the LTI machine endpoints', () => {
	const e2e = useE2E({ driver: 'postgres', env: { OUTBOUND_ALLOW: '', RATE_LIMIT_LTI_CLIENT: `${LIMIT}/60` }, owner: true })
	const { portal, owner } = e2e
	// Something on 127.0.0.1 that answers http with HTML: what a port probe would look for.
	let html: Server
	let htmlHits = 0
	let htmlUrl: string

	beforeAll(async () => {
		html = createServer((_request, response) => {
			htmlHits += 1
			response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hello</html>')
		})
		await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve))
		htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/jwks`
	})
	afterAll(() => new Promise<void>((resolve) => html.close(() => resolve())))

	/** A tool registered before addresses were checked (straight into the database, as an older portal let it). */
	async function legacyTool(jwksUrl: string): Promise<{ id: string; clientId: string }> {
		const clientId = `legacy-${randomUUID()}`
		const [tool] = await owner.db
			.insert(schema.ltiTools)
			.values({ name: `Oud ${clientId}`, clientId, deploymentIds: ['1'], loginUrl: 'https://tool.example/login', targetLinkUri: 'https://tool.example/launch', redirectUris: ['https://tool.example/launch'], jwksUrl, scopes: [...ALL_LTI_SCOPES] })
			.returning()
		return { id: tool!.id, clientId }
	}

	async function requestToken(clientId: string): Promise<Response> {
		const endpoint = `${portal.url}/lti/token`
		const assertion = await new SignJWT({})
			.setProtectedHeader({ alg: 'RS256', kid: 'k1' })
			.setIssuer(clientId)
			.setSubject(clientId)
			.setAudience(endpoint)
			.setJti(randomUUID())
			.setIssuedAt()
			.setExpirationTime('5m')
			.sign(privateKey)
		return fetch(endpoint, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: assertion,
				scope: LTI_SCOPES.score,
			}),
		})
	}

	test('registering a tool by hand with a key set on 127.0.0.1 is refused beside the field, in Dutch; nothing is stored', async () => {
		const context = await e2e.newContext()
		const page = await context.newPage()
		await signInAs(page, ELS)
		await page.goto('/beheer/leeromgevingen')
		const manual = page.getByRole('region', { name: 'Met de hand registreren' })
		await manual.getByLabel('Naam', { exact: true }).fill('Poortscanner')
		await manual.getByLabel('Inlog-initiatieadres (OIDC login)').fill('https://tool.example/login')
		await manual.getByLabel('Lanceeradres (target link URI)').fill('https://tool.example/launch')
		await manual.getByLabel("Redirect-URI's").fill('https://tool.example/launch')
		for (const address of ['http://127.0.0.1:5432/', 'https://[::ffff:127.0.0.1]:5432/', 'https://169.254.169.254/latest/meta-data/']) {
			await manual.getByLabel('JWKS-adres van de tool').fill(address)
			await manual.getByRole('button', { name: 'Registreren' }).click()
			await page.locator('#register-tool-jwksUrl-error').waitFor()
			expect(await page.locator('#register-tool-jwksUrl-error').textContent()).toBe(REFUSED_NL)
			expect(await manual.getByLabel('JWKS-adres van de tool').inputValue()).toBe(address)
		}
		expect(await owner.db.select().from(schema.ltiTools).where(eq(schema.ltiTools.name, 'Poortscanner'))).toEqual([])
		await context.close()
	})

	test('Dynamic Registration with a key set on 127.0.0.1 is refused without spending the token', async () => {
		const admin = await e2e.sessionCookie('concern-admin')
		const started = await fetch(`${portal.url}/beheer/leeromgevingen`, {
			method: 'POST',
			headers: { Cookie: admin, Origin: portal.url },
			body: new URLSearchParams({ intent: 'dynamic', toolRegistrationUrl: 'https://tool.example/register' }),
		})
		const link = new URL(/href="([^"]*registration_token[^"]*)"/.exec(await started.text())![1]!.replaceAll('&amp;', '&'))
		const token = link.searchParams.get('registration_token')!
		const register = (jwksUri: string) =>
			fetch(`${portal.url}/lti/register`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
				body: JSON.stringify({
					application_type: 'web',
					response_types: ['id_token'],
					grant_types: ['implicit', 'client_credentials'],
					initiate_login_uri: 'https://tool.example/login',
					redirect_uris: ['https://tool.example/launch'],
					client_name: 'Dynamische poortscanner',
					jwks_uri: jwksUri,
					token_endpoint_auth_method: 'private_key_jwt',
					'https://purl.imsglobal.org/spec/lti-tool-configuration': { domain: 'tool.example', target_link_uri: 'https://tool.example/launch', claims: ['iss', 'sub'] },
				}),
			})
		for (const address of ['http://127.0.0.1:5432/', 'https://10.0.0.1/jwks', 'https://[fd00::1]/jwks']) {
			const refused = await register(address)
			expect(refused.status).toBe(400)
			expect(await refused.json()).toEqual({ error: 'invalid_client_metadata', error_description: 'jwks_uri must be a public https address' })
		}
		expect(await owner.db.select().from(schema.ltiTools).where(eq(schema.ltiTools.name, 'Dynamische poortscanner'))).toEqual([])
		// The token was not spent: the tool can correct its configuration (a literal public address needs no look-up).
		expect((await register('https://93.184.216.34/jwks')).status).toBe(200)
	})

	test('a token request naming a tool whose key set is on 127.0.0.1 gets the answer of any unverifiable client, and nothing is fetched', async () => {
		const postgres = await legacyTool('http://127.0.0.1:5432/')
		const answersHtml = await legacyTool(htmlUrl)
		const answers = []
		for (const clientId of [postgres.clientId, answersHtml.clientId, `unknown-${randomUUID()}`]) {
			const response = await requestToken(clientId)
			answers.push({ status: response.status, body: await response.json() })
		}
		expect(answers).toEqual([
			{ status: 401, body: NOT_VERIFIED },
			{ status: 401, body: NOT_VERIFIED },
			{ status: 401, body: NOT_VERIFIED },
		])
		expect(htmlHits).toBe(0)
	})

	test(`after ${LIMIT} token requests a minute naming one client, the next is answered 429 in OAuth JSON; the refusals leave one audit row each`, async () => {
		const tool = await legacyTool('http://127.0.0.1:5432/')
		for (let i = 0; i < LIMIT; i++) expect((await requestToken(tool.clientId)).status).toBe(401)
		for (let i = 0; i < 3; i++) {
			const limited = await requestToken(tool.clientId)
			expect(limited.status).toBe(429)
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
			expect(await limited.json()).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/^too many requests; try again in \d+ seconds$/) })
		}
		// Three refused assertions and three limited requests: one row for each kind, not six.
		const refusedRows = await owner.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'lti.token'), eq(schema.auditLog.objectId, tool.id)))
		expect(refusedRows).toHaveLength(1)
		expect(refusedRows[0]).toMatchObject({ result: 'denied', after: expect.objectContaining({ detail: 'client assertion refused: KEYS_UNAVAILABLE' }) })
		const limitedRows = await owner.db
			.select()
			.from(schema.auditLog)
			.where(and(eq(schema.auditLog.action, 'lti.token'), sql`${schema.auditLog.after}->>'key' = ${`lti.token:client:${tool.clientId}`}`))
		expect(limitedRows).toHaveLength(1)
		expect(limitedRows[0]).toMatchObject({ result: 'denied', objectType: 'rate_limit' })
		// Another client is not held up by this one's limit.
		expect((await requestToken((await legacyTool('https://[::1]/jwks')).clientId)).status).toBe(401)
	})

	test(`after ${LIMIT} Deep Linking responses a minute naming one client, the next goes to a Dutch page answered 429`, async () => {
		const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuer(`flood-${randomUUID()}`).setIssuedAt().setExpirationTime('5m').sign(privateKey)
		const post = () =>
			fetch(`${portal.url}/lti/deep-linking/return`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://tool.example' },
				body: new URLSearchParams({ JWT: jwt }),
				redirect: 'manual',
			})
		for (let i = 0; i < LIMIT; i++) expect((await post()).headers.get('location')).toBe('/lti/deep-linking/mislukt?reden=LTI_DEEP_LINKING_UNKNOWN_TOOL')
		const limited = await post()
		expect(limited.status).toBe(303)
		const location = limited.headers.get('location')!
		expect(location).toMatch(/^\/lti\/deep-linking\/mislukt\?reden=RATE_LIMITED&seconden=\d+$/)
		const page = await fetch(`${portal.url}${location}`)
		expect(page.status).toBe(429)
		expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0)
		expect(await page.text()).toMatch(/Wacht \d+ seconden en probeer het dan opnieuw/)
	})
})
