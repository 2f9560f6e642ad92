import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from './client.ts'
import { withTenantContext } from './tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from './testing.ts'

// The regression test for patches/postgres@3.4.9.patch (ADR 020, porsager/postgres#1189).
// postgres.js pipelines up to 100 queries on a connection before the pool counts it full.
// Unpatched, when a transaction's BEGIN is the query that fills a connection's pipeline, the
// connection is not reserved for the transaction: sql.begin() fails with UNSAFE_TRANSACTION while
// the server-side transaction stays open, and the pool hands that connection to unrelated queries,
// which then run inside it. Each round fills both connections of a small pool with 199, 200 or 201
// plain queries and only then starts transactions, so their BEGINs meet the pipeline at its limit.
// PGlite has one connection and no pipeline; the same promise is checked there too.

const CONNECTIONS = 2
/** postgres.js's default `max_pipeline`. */
const PIPELINE = 100
const ROUNDS = 9
const TRANSACTIONS_PER_ROUND = 2
/** Plain queries issued after the transactions: the pool queues them until a connection frees up. */
const QUERIES_AFTER = 20

type Observed = { tenant: string | null; xact: string }

/** The tenant the query sees, and the id of the transaction it runs in (assigned if it had none). */
const observe = (db: Database) =>
	selectRows<Observed>(db, sql`select current_setting('app.tenant_id', true) as tenant, pg_current_xact_id()::text as xact`).then(
		([row]) => row!,
	)

describe.each(await testDrivers())('tenant context under a full query pipeline on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		app = await database.connectAsApp({ maxConnections: CONNECTIONS })
		// Open every connection first, so each round's queries are spread over all of them at once.
		await Promise.all(Array.from({ length: CONNECTIONS }, () => observe(app.db)))
	})
	afterAll(() => database?.close())

	test('every transaction sees its own tenant, and no query outside one runs inside it or sees its tenant', async () => {
		const failures: string[] = []
		const transactionsSeeingAnother: { expected: string; seen: string | null }[] = []
		const plainSeeingATenant: Observed[] = []
		const queriesPerTransaction = new Map<string, number>()
		const count = ({ xact }: Observed) => queriesPerTransaction.set(xact, (queriesPerTransaction.get(xact) ?? 0) + 1)

		for (let round = 0; round < ROUNDS; round++) {
			const before = Array.from({ length: CONNECTIONS * PIPELINE - 1 + (round % 3) }, () => observe(app.db))
			// A tick runs once the promise queue is drained: drizzle has handed every query above to
			// postgres.js, and no reply has been read yet, so the pipelines are as full as they get.
			await new Promise((resolve) => process.nextTick(resolve))
			const tenantIds = Array.from({ length: TRANSACTIONS_PER_ROUND }, () => randomUUID())
			const transactions = tenantIds.map((tenantId) => withTenantContext(app.db, { tenantId, userId: null }, observe))
			const after = Array.from({ length: QUERIES_AFTER }, () => observe(app.db))

			const [plainResults, transactionResults] = await Promise.all([Promise.allSettled([...before, ...after]), Promise.allSettled(transactions)])
			for (const result of plainResults) {
				if (result.status === 'rejected') {
					failures.push(messageOf(result.reason))
					continue
				}
				if (result.value.tenant) plainSeeingATenant.push(result.value)
				count(result.value)
			}
			for (const [index, result] of transactionResults.entries()) {
				if (result.status === 'rejected') {
					failures.push(messageOf(result.reason))
					continue
				}
				if (result.value.tenant !== tenantIds[index]) transactionsSeeingAnother.push({ expected: tenantIds[index]!, seen: result.value.tenant })
				count(result.value)
			}
		}

		// A query outside a transaction is a transaction of its own: an id seen by two queries means
		// one of them ran inside a transaction it did not open.
		const sharedTransactions = [...queriesPerTransaction.values()].filter((queries) => queries > 1).length
		expect({ failures, transactionsSeeingAnother, plainSeeingATenant, sharedTransactions }).toEqual({
			failures: [],
			transactionsSeeingAnother: [],
			plainSeeingATenant: [],
			sharedTransactions: 0,
		})
	})
})

function messageOf(reason: unknown): string {
	const error = reason as { cause?: Error; message?: string }
	return error.cause?.message ?? error.message ?? String(reason)
}
