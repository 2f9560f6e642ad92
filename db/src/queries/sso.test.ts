import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { deleteSsoConfig, findUserIdByEmployeeNumber, getSsoConfig, getSsoSetting, insertSsoAttempt, listSsoSettings, listSsoUnits, saveSsoConfig, takeSsoAttempt } from './sso.ts'

// Single sign-on runs as leerplein_app before any tenant context: through the functions of
// migration 0007, and the public provider config.
describe.each(await testDrivers())('single sign-on queries on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { rvo: string; nvwa: string; ann: string; admin: string; coordinator: string }
	const as = <T>(userId: string | null, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId: ids.nvwa, userId }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const [rvo, nvwa] = await database.db
			.insert(schema.tenants)
			.values([
				{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
				{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' },
			])
			.returning()
		const [ann] = await database.db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: '100', name: 'Ann', email: 'ann@rvo.test' },
				{ tenantId: rvo!.id, employeeNumber: '101', name: 'Oud', email: 'oud@rvo.test', active: false },
				{ tenantId: nvwa!.id, employeeNumber: '200', name: 'Nel', email: 'nel@nvwa.test' },
			])
			.returning()
		await database.db.insert(schema.tenantSsoConfigs).values({
			tenantId: rvo!.id,
			issuer: 'https://login.rvo.example',
			clientId: 'leerplein',
			clientSecretEnv: 'SSO_RVO_CLIENT_SECRET',
			employeeNumberClaim: 'employee_number',
		})
		// NVWA's coordinator, and a concern administrator who works at NVWA.
		const [coordinator, admin] = await database.db
			.insert(schema.users)
			.values([
				{ tenantId: nvwa!.id, employeeNumber: '201', name: 'Coördinator', email: 'coord@nvwa.test' },
				{ tenantId: nvwa!.id, employeeNumber: '202', name: 'Beheerder', email: 'beheer@nvwa.test' },
			])
			.returning()
		await database.db.insert(schema.roleAssignments).values([
			{ userId: coordinator!.id, role: 'coordinator', tenantId: nvwa!.id },
			{ userId: admin!.id, role: 'concern_admin', tenantId: null },
		])
		ids = { rvo: rvo!.id, nvwa: nvwa!.id, ann: ann!.id, admin: admin!.id, coordinator: coordinator!.id }
		app = await database.connectAsApp()
	})
	afterAll(() => database?.close())

	test('lists the units with a provider, and reads a config by slug or id', async () => {
		expect((await listSsoUnits(app.db)).map((unit) => unit.slug)).toEqual(['rvo'])
		const bySlug = await getSsoConfig(app.db, { slug: 'rvo' })
		expect(bySlug).toMatchObject({ unit: { id: ids.rvo, shortName: 'RVO' }, config: { issuer: 'https://login.rvo.example', extraScopes: [], mfaAcrValues: [] } })
		expect(await getSsoConfig(app.db, { tenantId: ids.rvo })).toEqual(bySlug)
		expect(await getSsoConfig(app.db, { slug: 'nvwa' })).toBeNull()
	})

	const evil = { issuer: 'https://evil.example', clientId: 'x', clientSecretEnv: 'SSO_X', employeeNumberClaim: 'sub', extraScopes: [], mfaAcrValues: [] }

	test('without a concern administrator the portal can read provider configs but never write them: not without a context, not as the unit’s coordinator', async () => {
		expect(await failure(app.db.insert(schema.tenantSsoConfigs).values({ tenantId: ids.nvwa, ...evil }))).toMatch(/row-level security/)
		expect(await app.db.update(schema.tenantSsoConfigs).set({ issuer: 'https://evil.example' }).returning()).toEqual([])
		for (const userId of [null, ids.coordinator]) {
			expect(await failure(as(userId, (tx) => saveSsoConfig(tx, { tenantId: ids.nvwa, values: evil, updatedBy: ids.coordinator, now: new Date() })))).toMatch(/row-level security/)
			// An update or delete by anyone else finds no row it may change.
			expect(await as(userId, (tx) => tx.update(schema.tenantSsoConfigs).set({ issuer: 'https://evil.example' }).returning())).toEqual([])
			expect(await as(userId, (tx) => deleteSsoConfig(tx, { tenantId: ids.rvo }))).toBeNull()
		}
		expect((await getSsoConfig(app.db, { slug: 'rvo' }))?.config.issuer).toBe('https://login.rvo.example')
		expect(await getSsoConfig(app.db, { slug: 'nvwa' })).toBeNull()
	})

	test('a concern administrator sets, changes and removes a unit’s provider; the list shows every unit, with or without one', async () => {
		const now = new Date('2030-01-02T03:04:05Z')
		const values = { issuer: 'https://login.nvwa.example', clientId: 'leerplein', clientSecretEnv: 'SSO_NVWA_CLIENT_SECRET', employeeNumberClaim: 'employee_id', extraScopes: ['profile'], mfaAcrValues: ['urn:loa:hoog'] }
		expect(await as(ids.admin, (tx) => saveSsoConfig(tx, { tenantId: ids.nvwa, values, updatedBy: ids.admin, now }))).toMatchObject({ tenantId: ids.nvwa, ...values, updatedBy: ids.admin, updatedAt: now })
		const changed = await as(ids.admin, (tx) => saveSsoConfig(tx, { tenantId: ids.nvwa, values: { ...values, clientId: 'leerplein-2' }, updatedBy: ids.admin, now }))
		expect(changed.clientId).toBe('leerplein-2')
		expect((await listSsoSettings(app.db)).map(({ unit, config }) => [unit.slug, config?.clientId ?? null])).toEqual([
			['nvwa', 'leerplein-2'],
			['rvo', 'leerplein'],
		])
		expect(await getSsoSetting(app.db, { slug: 'nvwa' })).toMatchObject({ unit: { id: ids.nvwa }, config: { clientId: 'leerplein-2' } })
		expect(await as(ids.admin, (tx) => deleteSsoConfig(tx, { tenantId: ids.nvwa }))).toMatchObject({ clientId: 'leerplein-2' })
		expect(await getSsoSetting(app.db, { slug: 'nvwa' })).toMatchObject({ unit: { id: ids.nvwa }, config: null })
		expect(await getSsoSetting(app.db, { slug: 'bestaat-niet' })).toBeNull()
		expect((await listSsoUnits(app.db)).map((unit) => unit.slug)).toEqual(['rvo'])
	})

	test('an attempt is taken once; the portal cannot list attempts directly', async () => {
		const attempt = {
			id: 'hash-a',
			tenantId: ids.rvo,
			stateHash: 'state-hash',
			nonce: 'nonce',
			codeVerifier: 'verifier',
			redirectUri: 'https://leerplein.example/inloggen/sso/callback',
			returnTo: '/account',
			expiresAt: new Date(Date.now() + 600_000),
		}
		await insertSsoAttempt(app.db, attempt)
		expect(await failure(selectRows(app.db, sql`select * from sso_login_attempts`))).toMatch(/permission denied/)
		expect(await takeSsoAttempt(app.db, { attemptId: 'hash-a' })).toMatchObject({ ...attempt, createdAt: expect.any(Date) })
		expect(await takeSsoAttempt(app.db, { attemptId: 'hash-a' })).toBeNull()
	})

	test('a new attempt clears expired ones', async () => {
		const base = { tenantId: ids.rvo, stateHash: 's', nonce: 'n', codeVerifier: 'v', redirectUri: 'https://x/cb', returnTo: '/' }
		await insertSsoAttempt(app.db, { ...base, id: 'old', expiresAt: new Date(Date.now() - 1000) })
		await insertSsoAttempt(app.db, { ...base, id: 'new', expiresAt: new Date(Date.now() + 600_000) })
		expect(await takeSsoAttempt(app.db, { attemptId: 'old' })).toBeNull()
		expect(await takeSsoAttempt(app.db, { attemptId: 'new' })).not.toBeNull()
	})

	test('finds an active employee by unit and number, never an inactive one or one of another unit', async () => {
		expect(await findUserIdByEmployeeNumber(app.db, { tenantId: ids.rvo, employeeNumber: '100' })).toBe(ids.ann)
		expect(await findUserIdByEmployeeNumber(app.db, { tenantId: ids.rvo, employeeNumber: '101' })).toBeNull()
		expect(await findUserIdByEmployeeNumber(app.db, { tenantId: ids.rvo, employeeNumber: '200' })).toBeNull()
		expect(await findUserIdByEmployeeNumber(app.db, { tenantId: ids.nvwa, employeeNumber: '100' })).toBeNull()
	})
})

async function failure(attempt: Promise<unknown>): Promise<string> {
	try {
		await attempt
	} catch (error) {
		return ((error as { cause?: Error }).cause ?? (error as Error)).message
	}
	return 'it did not fail'
}
