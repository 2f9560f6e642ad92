import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { removeUnitSsoSetting } from './remove-unit-sso-setting.server.ts'
import { saveUnitSsoSetting } from './save-unit-sso-setting.server.ts'
import { showUnitSsoSetting } from './show-unit-sso-setting.server.ts'
import type { SsoSettingsInput } from './sso-settings-schema.ts'

// Issue 22, item 3 (ADR 051): the concern administrator sets a unit's identity provider. Discovery
// is asked of a provider on 127.0.0.1 whose document each test chooses (the one thing outside the
// system); the database is real, under the app role's row-level security.

const NOW = new Date('2030-05-01T08:00:00Z')
const SECRET = 'de-waarde-van-het-geheim-7c1e'

describe.each(await testDrivers())('a unit’s single sign-on settings on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let server: Server
	let issuer: string
	let metadata: Record<string, unknown>
	let discoveries = 0
	let f: { rvo: string; admin: Actor; coordinator: Actor }
	const ctx = () => testContext(app.db, NOW)
	const secretFromEnv = (name: string) => (name === 'SSO_RVO_CLIENT_SECRET' ? SECRET : undefined)
	const input = (change: Partial<SsoSettingsInput> = {}): SsoSettingsInput => ({
		issuer,
		clientId: 'leerplein',
		clientSecretEnv: 'SSO_RVO_CLIENT_SECRET',
		employeeNumberClaim: 'personeelsnummer',
		extraScopes: [],
		mfaAcrValues: [],
		...change,
	})
	const stored = async () => (await showUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo', secretFromEnv })).ok
	const auditRows = () => database.asOwner((db) => db.select().from(schema.auditLog)).then((rows) => rows.filter((row) => row.objectType === 'tenant_sso_config').sort((a, b) => a.id - b.id))

	beforeAll(async () => {
		vi.stubEnv('OUTBOUND_ALLOW', '127.0.0.1')
		server = createServer((request, response) => {
			if (request.url !== '/.well-known/openid-configuration') return void response.writeHead(404).end()
			discoveries++
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata))
		})
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
		issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
		database = await createTestDatabase(driver)
		const { rvo } = await insertNvwaAndRvo(database.db)
		const [coordinator, admin] = await insertPeople(database.db, rvo, ['Rik Coördinator', 'Els Beheerder'])
		await database.db.insert(schema.roleAssignments).values([
			{ userId: coordinator!, role: 'coordinator', tenantId: rvo },
			{ userId: admin!, role: 'concern_admin', tenantId: null },
		])
		f = {
			rvo,
			admin: { userId: admin!, tenantId: rvo, grants: [{ role: 'concern_admin', tenantId: null }] },
			coordinator: { userId: coordinator!, tenantId: rvo, grants: [{ role: 'coordinator', tenantId: rvo }] },
		}
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(async () => {
		vi.unstubAllEnvs()
		server?.close()
		await database?.close()
	}, 30_000)

	const goodMetadata = () => ({ issuer, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'], authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` })

	test('the concern administrator sets a provider that discovery confirms; the audit row names the secret’s variable, never its value', async () => {
		metadata = goodMetadata()
		expect(await saveUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo', input: input() })).toEqual({ ok: true, value: null })
		const shown = await showUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo', secretFromEnv })
		expect(shown.ok && shown.value.config).toMatchObject({ issuer, clientId: 'leerplein', clientSecretEnv: 'SSO_RVO_CLIENT_SECRET', secretSet: true })
		const [row] = await auditRows()
		expect(row).toMatchObject({ action: 'sso.config_saved', tenantId: null, objectId: f.rvo, before: null, after: { unit: 'rvo', issuer, clientSecretEnv: 'SSO_RVO_CLIENT_SECRET' } })
		expect(JSON.stringify(await auditRows())).not.toContain(SECRET)
	})

	test('a change is audited with the values before and after', async () => {
		metadata = goodMetadata()
		expect((await saveUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo', input: input({ clientId: 'leerplein-2', mfaAcrValues: ['urn:loa:hoog'] }) })).ok).toBe(true)
		expect((await auditRows()).at(-1)).toMatchObject({ before: { clientId: 'leerplein', mfaAcrValues: [] }, after: { clientId: 'leerplein-2', mfaAcrValues: ['urn:loa:hoog'] } })
	})

	test.each([
		['an issuer the provider does not call itself (a trailing slash)', () => goodMetadata(), (typed: string) => `${typed}/`, { code: 'SSO_ISSUER_MISMATCH', values: { found: '@@ISSUER@@' } }],
		['a provider without the code flow', () => ({ ...goodMetadata(), response_types_supported: ['id_token'] }), (typed: string) => typed, { code: 'SSO_NO_CODE_FLOW' }],
		['a provider without PKCE S256', () => ({ ...goodMetadata(), code_challenge_methods_supported: ['plain'] }), (typed: string) => typed, { code: 'SSO_NO_PKCE_S256' }],
		['an address with no OpenID configuration', () => goodMetadata(), (typed: string) => `${typed}/elders`, { code: 'SSO_DISCOVERY_FAILED', values: { address: '@@ISSUER@@/elders/.well-known/openid-configuration' } }],
	] as const)('%s is refused beside the issuer, and what was saved stays', async (_name, document, typed, refusal) => {
		metadata = document()
		const before = await stored()
		const expected = JSON.parse(JSON.stringify(refusal).replaceAll('@@ISSUER@@', issuer)) as object
		expect(await saveUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo', input: input({ issuer: typed(issuer), clientId: 'nooit-opgeslagen' }) })).toEqual({ ok: false, kind: 'invalid', field: 'issuer', ...expected })
		expect(await stored()).toEqual(before)
		const shown = await showUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo', secretFromEnv })
		expect(shown.ok && shown.value.config?.clientId).toBe('leerplein-2')
	})

	test('a coordinator, even of the unit itself, may not set or remove it, and no provider is asked', async () => {
		metadata = goodMetadata()
		const asked = discoveries
		expect(await saveUnitSsoSetting(ctx(), { actor: f.coordinator, slug: 'rvo', input: input({ clientId: 'aanvaller' }) })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await removeUnitSsoSetting(ctx(), { actor: f.coordinator, slug: 'rvo' })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await showUnitSsoSetting(ctx(), { actor: f.coordinator, slug: 'rvo', secretFromEnv })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(discoveries).toBe(asked)
	})

	test('an unknown unit is not found before any provider is asked', async () => {
		const asked = discoveries
		expect(await saveUnitSsoSetting(ctx(), { actor: f.admin, slug: 'bestaat-niet', input: input() })).toMatchObject({ ok: false, kind: 'not_found', code: 'TENANT_NOT_FOUND' })
		expect(discoveries).toBe(asked)
	})

	test('the concern administrator removes it: audited with the values before; removing it again changes nothing', async () => {
		expect(await removeUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo' })).toEqual({ ok: true, value: null })
		const shown = await showUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo', secretFromEnv })
		expect(shown.ok && shown.value.config).toBeNull()
		const count = (await auditRows()).length
		expect((await auditRows()).at(-1)).toMatchObject({ action: 'sso.config_removed', before: { clientId: 'leerplein-2' }, after: null })
		expect((await removeUnitSsoSetting(ctx(), { actor: f.admin, slug: 'rvo' })).ok).toBe(true)
		expect((await auditRows()).length).toBe(count)
	})
})
