import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { listSearchQueryStats, recordSearchQuery } from './search-query-stats.ts'

describe.each(await testDrivers())('search analytics on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { rvo: string; admin: string; coordinator: string }
	const as = <T>(userId: string | null, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId: ids.rvo, userId }, work)
	const list = (userId: string | null, list: 'asked' | 'unfound', fromDay = '2026-12-01') =>
		as(userId, (tx) => listSearchQueryStats(tx, { fromDay, list, sort: 'searches', limit: 20, offset: 0 }))

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const [rvo] = await database.db.insert(schema.tenants).values({ slug: 'rvo', name: 'RVO', shortName: 'RVO' }).returning({ id: schema.tenants.id })
		const [admin, coordinator] = await database.db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: 'a1', name: 'Beheerder', email: 'beheer@test.nl' },
				{ tenantId: rvo!.id, employeeNumber: 'c1', name: 'Coördinator', email: 'coord@test.nl' },
			])
			.returning({ id: schema.users.id })
		await database.db.insert(schema.roleAssignments).values([
			{ userId: admin!.id, role: 'concern_admin', tenantId: null },
			{ userId: coordinator!.id, role: 'coordinator', tenantId: rvo!.id },
		])
		ids = { rvo: rvo!.id, admin: admin!.id, coordinator: coordinator!.id }
		app = await database.connectAsApp({ maxConnections: 1 })
		// A visitor (no person, no unit) counts, like everyone who searches.
		const count = (day: string, query: string, resultCount: number, partialMatch = false) =>
			withTenantContext(app.db, { tenantId: null, userId: null }, (tx) => recordSearchQuery(tx, { day, query, resultCount, partialMatch }))
		await count('2026-12-04', 'privacy', 12)
		await count('2026-12-04', 'privacy', 11)
		await count('2026-12-05', 'privacy', 10)
		await count('2026-12-05', 'woo verzoek', 0)
		await count('2026-12-05', 'woo verzoek', 0)
		await count('2026-12-05', 'excel draaitabel', 4, true)
		await count('2026-11-01', 'oud', 0)
	})
	afterAll(() => database?.close())

	test('counts each normalised query per day, with its zero-result and partial searches', async () => {
		const rows = await as(ids.admin, (tx) => tx.select().from(schema.searchQueryStats).orderBy(schema.searchQueryStats.day, schema.searchQueryStats.query))
		expect(rows).toEqual([
			{ day: '2026-11-01', query: 'oud', searches: 1, zeroResults: 1, partialMatches: 0, lastResultCount: 0 },
			{ day: '2026-12-04', query: 'privacy', searches: 2, zeroResults: 0, partialMatches: 0, lastResultCount: 11 },
			{ day: '2026-12-05', query: 'excel draaitabel', searches: 1, zeroResults: 0, partialMatches: 1, lastResultCount: 4 },
			{ day: '2026-12-05', query: 'privacy', searches: 1, zeroResults: 0, partialMatches: 0, lastResultCount: 10 },
			{ day: '2026-12-05', query: 'woo verzoek', searches: 2, zeroResults: 2, partialMatches: 0, lastResultCount: 0 },
		])
	})

	test('stores nothing personal: no person, no unit, no address, no time of day', async () => {
		const columns = await selectRows<{ column_name: string }>(
			database.db,
			sql`select column_name from information_schema.columns where table_name = 'search_query_stats' order by ordinal_position`,
		)
		expect(columns.map((c) => c.column_name)).toEqual(['day', 'query', 'searches', 'zero_results', 'partial_matches', 'last_result_count'])
	})

	test('the concern administrator reads the period summed per query; the most asked first, and those with no or few results', async () => {
		expect(await list(ids.admin, 'asked')).toEqual({
			total: 3,
			rows: [
				{ query: 'privacy', searches: 3, zeroResults: 0, partialMatches: 0, lastResultCount: 10 },
				{ query: 'woo verzoek', searches: 2, zeroResults: 2, partialMatches: 0, lastResultCount: 0 },
				{ query: 'excel draaitabel', searches: 1, zeroResults: 0, partialMatches: 1, lastResultCount: 4 },
			],
		})
		expect((await list(ids.admin, 'unfound')).rows.map((r) => r.query)).toEqual(['woo verzoek', 'excel draaitabel'])
		expect((await list(ids.admin, 'asked', '2026-10-01')).total).toBe(4)
	})

	test('nobody else reads them, and nobody writes the table but through the function (row-level security, grants)', async () => {
		expect(await list(ids.coordinator, 'asked')).toEqual({ total: 0, rows: [] })
		expect(await list(null, 'asked')).toEqual({ total: 0, rows: [] })
		await expect(as(ids.admin, (tx) => tx.insert(schema.searchQueryStats).values({ day: '2026-12-05', query: 'vals' }))).rejects.toThrow()
		await expect(as(ids.admin, (tx) => tx.update(schema.searchQueryStats).set({ searches: 999 }))).rejects.toThrow()
	})
})
