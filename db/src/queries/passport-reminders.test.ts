import { sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from '../tenancy-fixtures.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { listPassportReminderFacts, recordPassportReminder } from './passport-reminders.ts'
import { recomputePassports } from './passport.ts'

// The passport reminder ledger (ADR 031, reminders): a reminder is recorded once, whoever tries
// again; the ledger is append-only and each unit's own, under forced row-level security.

describe.each(await testDrivers())('the passport reminder ledger on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let bhv: string
	const now = new Date('2027-01-30T08:00:00Z')
	const as = <T>(tenantId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId: null, now }, work)
	const raw = (db: Database, query: SQL) => selectRows(db, query)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		const [row] = await database.db.insert(schema.competencies).values({ name: 'BHV', validityMonths: 12, warningDays: 30 }).returning({ id: schema.competencies.id })
		bhv = row!.id
		await database.db.insert(schema.competencyRequirements).values({ tenantId: null, competencyId: bhv, introducedOn: '2020-01-01', graceDays: 0 })
		await database.db.update(schema.users).set({ managerId: ids.users.bob }).where(sql`${schema.users.id} = ${ids.users.ann}`)
		await database.db.insert(schema.passportEvidence).values({
			tenantId: ids.rvo,
			userId: ids.users.ann,
			competencyId: bhv,
			sourceKind: 'import',
			sourceRef: 'row 1',
			occurredAt: new Date('2026-03-31T10:00:00Z'),
			occurredOn: '2026-03-31',
		})
		app = await database.connectAsApp({ maxConnections: 1 })
		await as(ids.rvo, (tx) => recomputePassports(tx, { tenantId: ids.rvo, today: '2027-01-30', trigger: 'consistency' }))
	})
	afterAll(() => database?.close())

	const reminder = { kind: 'expiring' as const, userId: '', competencyId: '', validUntil: '2027-03-31', daysBefore: 60 }

	test('the facts of a unit: the dots near expiry with the person’s manager, and the dots that turned red lately', async () => {
		const facts = await as(ids.rvo, (tx) => listPassportReminderFacts(tx, { tenantId: ids.rvo, today: '2027-01-30', horizonDays: 60, redSince: '2027-01-23', sentSince: '2026-11-30' }))
		// Bob never had BHV: red from today's first recompute (the rule does not count that as a change to red).
		expect(facts.dots.map((dot) => [dot.userId, dot.status, dot.validUntil]).sort()).toEqual(
			[
				[ids.users.ann, 'green', '2027-03-31'],
				[ids.users.bob, 'red', null],
			].sort(),
		)
		expect(facts.redChanges).toEqual([expect.objectContaining({ userId: ids.users.bob, fromStatus: null, changedOn: '2027-01-30' })])
		expect(facts.managers.get(ids.users.ann)).toBe(ids.users.bob)
		expect(facts.sent.size).toBe(0)
	})

	test('a manager in another unit is not told: one unit’s dots never reach another unit by a stray manager_id', async () => {
		const setManager = (managerId: string) => database.asOwner((db) => db.update(schema.users).set({ managerId }).where(sql`${schema.users.id} = ${ids.users.ann}`))
		await setManager(ids.users.nina)
		try {
			const facts = await as(ids.rvo, (tx) => listPassportReminderFacts(tx, { tenantId: ids.rvo, today: '2027-01-30', horizonDays: 60, redSince: '2027-01-23', sentSince: '2026-11-30' }))
			expect(facts.dots.some((dot) => dot.userId === ids.users.ann)).toBe(true)
			expect(facts.managers.has(ids.users.ann)).toBe(false)
		} finally {
			await setManager(ids.users.bob)
		}
	})

	test('a reminder is recorded once: the second attempt records nothing and says so', async () => {
		const record = () => as(ids.rvo, (tx) => recordPassportReminder(tx, { tenantId: ids.rvo, reminder: { ...reminder, userId: ids.users.ann, competencyId: bhv }, managerId: ids.users.bob, remindedOn: '2027-01-30' }))
		expect(await record()).toEqual(expect.any(String))
		expect(await record()).toBeNull()
		const facts = await as(ids.rvo, (tx) => listPassportReminderFacts(tx, { tenantId: ids.rvo, today: '2027-01-31', horizonDays: 60, redSince: '2027-01-24', sentSince: '2026-12-01' }))
		expect([...facts.sent]).toEqual([`expiring:${ids.users.ann}:${bhv}:2027-03-31:60`])
	})

	test('the ledger is append-only, and another unit neither sees it nor writes into it', async () => {
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`delete from passport_reminders`)))).toMatch(/permission denied/)
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`update passport_reminders set days_before = 1`)))).toMatch(/permission denied/)
		expect(await as(ids.nvwa, (tx) => raw(tx, sql`select id from passport_reminders`))).toEqual([])
		expect(
			await failure(as(ids.nvwa, (tx) => recordPassportReminder(tx, { tenantId: ids.rvo, reminder: { ...reminder, userId: ids.users.ann, competencyId: bhv, daysBefore: 14 }, managerId: null, remindedOn: '2027-03-17' }))),
		).toMatch(/row-level security/)
	})

	test('a reminder names its occasion: an expiry reminder without its day is refused', async () => {
		expect(
			await failure(
				as(ids.rvo, (tx) =>
					raw(tx, sql`insert into passport_reminders (id, tenant_id, user_id, competency_id, kind, reminded_on) values (gen_random_uuid(), ${ids.rvo}, ${ids.users.ann}, ${bhv}, 'expiring', '2027-01-30')`),
				),
			),
		).toMatch(/passport_reminder_occasion/)
	})
})
