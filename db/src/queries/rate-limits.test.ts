import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseClient } from '../client.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { hitRateLimit } from './rate-limits.ts'

const rule = { maxHits: 3, windowSeconds: 60 }
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, seconds))

describe.each(await testDrivers())('rate limits on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		app = await database.connectAsApp({ maxConnections: 10 })
	})
	afterAll(() => database?.close())

	test('allows hits up to the limit within a window, then refuses with the seconds to wait', async () => {
		const verdicts = []
		for (const second of [0, 1, 2, 3]) verdicts.push(await hitRateLimit(app.db, { key: 'sign-in:ip:10.0.0.1', rule, now: at(second) }))
		expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false])
		expect(verdicts[3]!.retryAfterSeconds).toBe(57)
	})

	test('starts counting again when the window has passed', async () => {
		const key = 'sign-in:ip:10.0.0.2'
		for (const second of [0, 1, 2, 3]) await hitRateLimit(app.db, { key, rule, now: at(second) })
		expect((await hitRateLimit(app.db, { key, rule, now: at(61) })).allowed).toBe(true)
	})

	test('counts each key on its own', async () => {
		for (const second of [0, 1, 2, 3]) await hitRateLimit(app.db, { key: 'sign-in:ip:10.0.0.3', rule, now: at(second) })
		expect((await hitRateLimit(app.db, { key: 'sign-in:ip:10.0.0.4', rule, now: at(4) })).allowed).toBe(true)
	})

	test('the portal role cannot read or reset the counters directly', async () => {
		await expect(app.db.execute(sql`delete from rate_limits`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/permission denied/) } })
	})

	if (driver === 'postgres') {
		test('holds under concurrency: of 50 simultaneous hits exactly the limit get through', async () => {
			const burst = { maxHits: 10, windowSeconds: 60 }
			const verdicts = await Promise.all(
				Array.from({ length: 50 }, () => hitRateLimit(app.db, { key: 'sign-in:ip:10.0.0.9', rule: burst, now: at(0) })),
			)
			expect(verdicts.filter((v) => v.allowed)).toHaveLength(10)
		})
	}
})
