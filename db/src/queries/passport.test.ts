import { sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from '../tenancy-fixtures.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { listPassport, listPassportHistory, recomputePassports } from './passport.ts'

// The quality passport in the database (ADR 031): evidence from an enrolment's completion in one
// place (a trigger), the person's dots recomputed before the same transaction commits, evidence
// never deleted, and each unit's passports its own.

describe.each(await testDrivers())('the quality passport on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let bhv: string
	let acmOwn: string
	const now = new Date('2026-12-03T10:00:00Z')

	const as = <T>(tenantId: string | null, work: (tx: Database) => Promise<T>, userId: string | null = null) => withTenantContext(app.db, { tenantId, userId, now }, work)
	const raw = <T = Record<string, unknown>>(db: Database, query: SQL) => selectRows<T>(db, query)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		const [first, second] = await database.db
			.insert(schema.competencies)
			.values([
				{ name: 'BHV', validityMonths: 12, warningDays: 60, renewalBasis: 'expiry' },
				{ name: 'Mededingingsrecht', validityMonths: null, warningDays: 0 },
			])
			.returning({ id: schema.competencies.id })
		bhv = first!.id
		acmOwn = second!.id
		await database.db.insert(schema.courseCompetencies).values({ courseId: ids.courses.open, competencyId: bhv })
		await database.db.insert(schema.competencyRequirements).values([
			// The concern's: everyone needs BHV.
			{ tenantId: null, competencyId: bhv, introducedOn: '2020-01-01', graceDays: 0 },
			// ACM's own extension.
			{ tenantId: ids.acm, competencyId: acmOwn, introducedOn: '2020-01-01', graceDays: 0 },
		])
		app = await database.connectAsApp({ maxConnections: 1 })
	})
	afterAll(() => database?.close())

	test('a required competency nobody recorded reads red once the units are recomputed', async () => {
		const changed: number[] = []
		for (const tenantId of [ids.nvwa, ids.rvo, ids.acm]) {
			const report = await as(tenantId, (tx) => recomputePassports(tx, { tenantId, today: '2026-12-03', trigger: 'requirement' }))
			expect(report.drift).toBe(0)
			changed.push(report.changed)
		}
		// Nina; Ann and Bob; Carl twice (ACM adds its own requirement to the concern's).
		expect(changed).toEqual([1, 2, 2])
		const passport = await as(ids.rvo, (tx) => listPassport(tx, { userId: ids.users.ann }))
		expect(passport).toEqual([expect.objectContaining({ name: 'BHV', status: 'red', cause: { kind: 'missing', requirementId: expect.any(String) } })])
	})

	test("the providing unit registers attendance: the employee's evidence is written and their dot turns green in the same transaction", async () => {
		// NVWA provides the session; Ann belongs to RVO.
		const updated = await as(ids.nvwa, (tx) => raw(tx, sql`update enrolments set status = 'attended' where id = ${ids.enrolments.ann} returning id`))
		expect(updated).toHaveLength(1)
		const seen = await as(ids.rvo, async (tx) => ({
			evidence: await raw<{ source_kind: string; source_ref: string; occurred_on: unknown }>(tx, sql`select source_kind, source_ref, occurred_on::text from passport_evidence where user_id = ${ids.users.ann}`),
			passport: await listPassport(tx, { userId: ids.users.ann }),
			history: await listPassportHistory(tx, { userId: ids.users.ann }),
		}))
		// The session ended on 1 December 2026 (Amsterdam): valid through 1 December 2027.
		expect(seen.evidence).toEqual([{ source_kind: 'session_attendance', source_ref: ids.enrolments.ann, occurred_on: '2026-12-01' }])
		expect(seen.passport).toEqual([expect.objectContaining({ name: 'BHV', status: 'green', validUntil: '2027-12-01' })])
		expect(seen.history.map((row) => [row.fromStatus, row.toStatus, row.trigger])).toEqual([
			['red', 'green', 'evidence'],
			[null, 'red', 'requirement'],
		])
	})

	test('another unit sees none of it: not the employee’s evidence, statuses, history or requirements, not even the provider that wrote it', async () => {
		for (const tenantId of [ids.acm, ids.nvwa]) {
			const seen = await as(tenantId, async (tx) => ({
				evidence: await raw(tx, sql`select id from passport_evidence where user_id = ${ids.users.ann}`),
				status: await raw(tx, sql`select user_id from passport_status where user_id = ${ids.users.ann}`),
				history: await raw(tx, sql`select id from passport_status_history where user_id = ${ids.users.ann}`),
			}))
			expect(seen).toEqual({ evidence: [], status: [], history: [] })
		}
		const requirements = async (tenantId: string) => (await as(tenantId, (tx) => raw<{ tenant_id: string | null }>(tx, sql`select tenant_id from competency_requirements`))).map((row) => row.tenant_id)
		expect((await requirements(ids.rvo)).sort()).toEqual([null])
		expect(await requirements(ids.acm)).toEqual(expect.arrayContaining([null, ids.acm]))
		// A unit cannot plant a requirement, evidence or a status in another unit.
		expect(await failure(as(ids.acm, (tx) => raw(tx, sql`insert into person_requirements (id, tenant_id, user_id, competency_id, introduced_on) values (gen_random_uuid(), ${ids.rvo}, ${ids.users.ann}, ${bhv}, '2026-01-01')`)))).toMatch(/row-level security/)
		expect(
			await failure(
				as(ids.acm, (tx) =>
					raw(tx, sql`insert into passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on) values (gen_random_uuid(), ${ids.rvo}, ${ids.users.ann}, ${bhv}, 'import', 'x', now(), '2026-01-01')`),
				),
			),
		).toMatch(/row-level security/)
		// The employee reads their own passport, whatever unit context they act in.
		expect(await as(ids.acm, (tx) => listPassport(tx, { userId: ids.users.ann }), ids.users.ann)).toEqual([expect.objectContaining({ status: 'green' })])
	})

	test('evidence is never deleted or rewritten; a revocation counts at once, and is never undone', async () => {
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`delete from passport_evidence`)))).toMatch(/permission denied/)
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`update passport_evidence set occurred_on = '2030-01-01'`)))).toMatch(/permission denied/)
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`delete from passport_status_history`)))).toMatch(/permission denied/)
		await as(ids.rvo, (tx) => raw(tx, sql`update passport_evidence set revoked_at = now(), revoked_reason = 'verkeerde persoon' where user_id = ${ids.users.ann} returning id`))
		expect(await as(ids.rvo, (tx) => listPassport(tx, { userId: ids.users.ann }))).toEqual([expect.objectContaining({ status: 'red', cause: expect.objectContaining({ kind: 'missing' }) })])
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`update passport_evidence set revoked_at = null, revoked_reason = null where user_id = ${ids.users.ann}`)))).toMatch(/never restored/)
	})

	test('correcting attendance to a no-show revokes its evidence through the same trigger', async () => {
		// A second attended enrolment for Carl (ACM), then the provider corrects it.
		await as(ids.acm, (tx) => raw(tx, sql`update enrolments set status = 'attended' where id = ${ids.enrolments.carl} returning id`))
		expect(await as(ids.acm, (tx) => listPassport(tx, { userId: ids.users.carl }))).toEqual(
			expect.arrayContaining([expect.objectContaining({ name: 'BHV', status: 'green' }), expect.objectContaining({ name: 'Mededingingsrecht', status: 'red' })]),
		)
		await as(ids.acm, (tx) => raw(tx, sql`update enrolments set status = 'no_show' where id = ${ids.enrolments.carl} returning id`))
		const evidence = await as(ids.acm, (tx) => raw<{ revoked_reason: string }>(tx, sql`select revoked_reason from passport_evidence where user_id = ${ids.users.carl}`))
		expect(evidence).toEqual([{ revoked_reason: 'enrolment_no_show' }])
		expect(await as(ids.acm, (tx) => listPassport(tx, { userId: ids.users.carl }))).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'BHV', status: 'red' })]))
	})

	test('the app role cannot mark people for a recompute, and no marks outlive their transaction', async () => {
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`insert into passport_pending (xact, tenant_id, user_id) values (1, ${ids.rvo}, ${ids.users.ann})`)))).toMatch(/permission denied/)
		// A transaction that wrote evidence has settled its marks before it committed.
		expect(await as(ids.rvo, (tx) => raw(tx, sql`select * from passport_pending`))).toEqual([])
	})

	test('only a concern administrator defines competencies', async () => {
		const insert = (tx: Database) => raw(tx, sql`insert into competencies (id, name) values (gen_random_uuid(), 'Nieuw') returning id`)
		expect(await failure(as(ids.rvo, insert, ids.users.bob))).toMatch(/row-level security/)
		expect(await as(null, insert, ids.users.nina)).toHaveLength(1)
	})

	test('the consistency check finds no drift after all this, and finds a status someone changed by hand', async () => {
		for (const tenantId of [ids.nvwa, ids.rvo, ids.acm]) {
			const report = await as(tenantId, (tx) => recomputePassports(tx, { tenantId, today: '2026-12-03', trigger: 'consistency' }))
			expect(report.drift, tenantId).toBe(0)
		}
		await as(ids.rvo, (tx) => raw(tx, sql`update passport_status set status = 'green' where user_id = ${ids.users.ann} and competency_id = ${bhv} returning user_id`))
		const report = await as(ids.rvo, (tx) => recomputePassports(tx, { tenantId: ids.rvo, today: '2026-12-03', trigger: 'consistency' }))
		expect(report).toMatchObject({ drift: 1, changed: 1 })
		expect(await as(ids.rvo, (tx) => listPassportHistory(tx, { userId: ids.users.ann, limit: 1 }))).toEqual([expect.objectContaining({ fromStatus: 'green', toStatus: 'red', trigger: 'consistency' })])
	})
})
