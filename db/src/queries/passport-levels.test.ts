import { sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from '../tenancy-fixtures.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { getEvidenceFacts, listPersonEvidence, supersedeEvidence } from './passport-evidence.ts'
import { listPassport, listPassportHistory, recomputePassports } from './passport.ts'

// Migration 0044 (ADR 031, addendum on levels): a competency's ordered levels, a requirement's
// minimum and the level a course grants, checked against the competency whatever path writes
// them; a completion dated by the service's clock; a correction that keeps its reason.

describe.each(await testDrivers())('passport levels, the service clock and corrections on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let inspection: string
	let plain: string
	const now = new Date('2026-12-03T10:00:00Z')

	const as = <T>(tenantId: string | null, work: (tx: Database) => Promise<T>, userId: string | null = null, at = now) => withTenantContext(app.db, { tenantId, userId, now: at }, work)
	const raw = <T = Record<string, unknown>>(db: Database, query: SQL) => selectRows<T>(db, query)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		const [first, second] = await database.db
			.insert(schema.competencies)
			.values([
				{ name: 'Inspectie', validityMonths: 24, warningDays: 60, levels: ['Basis', 'Gevorderd', 'Expert'] },
				{ name: 'BHV', validityMonths: 12, warningDays: 60 },
			])
			.returning({ id: schema.competencies.id })
		inspection = first!.id
		plain = second!.id
		// NVWA's open course grants Inspectie at level 2 (Gevorderd) and BHV.
		await database.db.insert(schema.courseCompetencies).values([
			{ courseId: ids.courses.open, competencyId: inspection, grantsLevel: 2 },
			{ courseId: ids.courses.open, competencyId: plain },
		])
		// RVO asks Expert of everyone.
		await database.db.insert(schema.competencyRequirements).values({ tenantId: ids.rvo, competencyId: inspection, introducedOn: '2020-01-01', graceDays: 0, minLevel: 3 })
		app = await database.connectAsApp({ maxConnections: 1 })
	})
	afterAll(() => database?.close())

	test('a level the competency lacks is refused, whatever path writes it; levels are never removed', async () => {
		const requirement = (competencyId: string, level: number) =>
			as(ids.rvo, (tx) => raw(tx, sql`insert into competency_requirements (id, tenant_id, competency_id, introduced_on, min_level) values (gen_random_uuid(), ${ids.rvo}, ${competencyId}, '2026-01-01', ${level})`))
		expect(await failure(requirement(inspection, 4))).toMatch(/not a level/)
		expect(await failure(requirement(plain, 1))).toMatch(/not a level/)
		expect(await failure(requirement(inspection, 0))).toMatch(/requirement_min_level/)
		expect(
			await failure(as(ids.nvwa, (tx) => raw(tx, sql`insert into course_competencies (course_id, competency_id, grants_level) values (${ids.courses.forRvo}, ${inspection}, 5)`))),
		).toMatch(/not a level/)
		expect(
			await failure(
				as(ids.rvo, (tx) =>
					raw(tx, sql`insert into passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on, level) values (gen_random_uuid(), ${ids.rvo}, ${ids.users.ann}, ${plain}, 'import', 'x', now(), '2026-01-01', 2)`),
				),
			),
		).toMatch(/not a level/)
		const rename = (levels: string) => as(null, (tx) => raw(tx, sql`update competencies set levels = ${levels}::text[] where id = ${inspection} returning id`), ids.users.nina)
		expect(await failure(rename('{Basis,Gevorderd}'))).toMatch(/never removed/)
		expect(await failure(rename('{a,b,c,d,e,f}'))).toMatch(/competency_levels_count/)
		expect(await rename('{Basis,Gevorderd,Expert}')).toHaveLength(1)
	})

	test('attendance grants the link’s level: lower than the minimum reads red, level too low; higher evidence turns it green', async () => {
		await as(ids.rvo, (tx) => recomputePassports(tx, { tenantId: ids.rvo, today: '2026-12-03', trigger: 'requirement' }))
		await as(ids.nvwa, (tx) => raw(tx, sql`update enrolments set status = 'attended' where id = ${ids.enrolments.ann} returning id`))
		const afterAttendance = await as(ids.rvo, async (tx) => ({
			evidence: await raw<{ level: number | null }>(tx, sql`select level from passport_evidence where user_id = ${ids.users.ann} and competency_id = ${inspection}`),
			passport: await listPassport(tx, { userId: ids.users.ann }),
		}))
		expect(afterAttendance.evidence).toEqual([{ level: 2 }])
		expect(afterAttendance.passport.find((row) => row.competencyId === inspection)).toMatchObject({
			status: 'red',
			level: 2,
			levels: ['Basis', 'Gevorderd', 'Expert'],
			cause: { kind: 'level_too_low', requiredLevel: 3, heldLevel: 2 },
		})
		// BHV, without levels, is as before: not required, held, no level.
		expect(afterAttendance.passport.find((row) => row.competencyId === plain)).toMatchObject({ status: 'not_required', level: null })

		await as(ids.rvo, (tx) =>
			raw(tx, sql`insert into passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on, level) values (gen_random_uuid(), ${ids.rvo}, ${ids.users.ann}, ${inspection}, 'import', 'csv:2026-11-20', now(), '2026-11-20', 3) returning id`),
		)
		const [dot] = (await as(ids.rvo, (tx) => listPassport(tx, { userId: ids.users.ann }))).filter((row) => row.competencyId === inspection)
		expect(dot).toMatchObject({ status: 'green', level: 3, validUntil: '2028-11-20', cause: { kind: 'valid', requiredLevel: 3 } })
		const history = await as(ids.rvo, (tx) => listPassportHistory(tx, { userId: ids.users.ann }))
		expect(history.filter((row) => row.competencyId === inspection).map((row) => [row.toStatus, row.cause.kind])).toEqual([
			['green', 'valid'],
			['red', 'level_too_low'],
			['red', 'missing'],
		])
		for (const tenantId of [ids.rvo, ids.acm, ids.nvwa]) {
			expect((await as(tenantId, (tx) => recomputePassports(tx, { tenantId, today: '2026-12-03', trigger: 'consistency' }))).drift).toBe(0)
		}
	})

	test('a completion is dated by the service clock, not the database’s', async () => {
		const moved = new Date('2031-03-15T09:30:00Z')
		await as(ids.acm, (tx) => raw(tx, sql`update enrolments set status = 'completed' where id = ${ids.enrolments.carl} returning id`), null, moved)
		const rows = await as(ids.acm, (tx) =>
			raw<{ source_kind: string; occurred_on: string; occurred_at: Date | string }>(tx, sql`select source_kind, occurred_on::text, occurred_at from passport_evidence where user_id = ${ids.users.carl} and competency_id = ${plain}`),
		)
		expect(rows.map((row) => [row.source_kind, row.occurred_on, new Date(row.occurred_at).toISOString()])).toEqual([['course_completion', '2031-03-15', moved.toISOString()]])
		// Undone on the moved clock too: the revocation is stamped with it.
		await as(ids.acm, (tx) => raw(tx, sql`update enrolments set status = 'no_show' where id = ${ids.enrolments.carl} returning id`), null, moved)
		const [revoked] = await as(ids.acm, (tx) => raw<{ revoked_at: Date | string }>(tx, sql`select revoked_at from passport_evidence where user_id = ${ids.users.carl} and competency_id = ${plain}`))
		expect(new Date(revoked!.revoked_at).toISOString()).toBe(moved.toISOString())
	})

	test('a correction keeps its reason, who and when on the evidence, and its level', async () => {
		const [piece] = await as(ids.rvo, (tx) => raw<{ id: string }>(tx, sql`select id from passport_evidence where user_id = ${ids.users.ann} and competency_id = ${inspection} and level = 3`))
		const correctedAt = new Date('2026-12-03T11:00:00Z')
		const correction = await as(
			ids.rvo,
			async (tx) => {
				const old = await getEvidenceFacts(tx, { evidenceId: piece!.id })
				return supersedeEvidence(tx, { old: old!, occurredOn: '2026-11-21', occurredAt: new Date('2026-11-21T12:00:00Z'), recordedBy: ids.users.bob, recordedAt: correctedAt, reason: 'Verkeerde datum in de import' })
			},
			ids.users.bob,
		)
		expect(correction).toEqual(expect.any(String))
		const evidence = await as(ids.rvo, (tx) => listPersonEvidence(tx, { tenantId: ids.rvo, userId: ids.users.ann }))
		expect(evidence.find((row) => row.id === piece!.id)).toMatchObject({ supersededBy: correction, supersededByOn: '2026-11-21', supersededReason: 'Verkeerde datum in de import', supersededByName: 'Bob van RVO', supersededAt: correctedAt, level: 3 })
		expect(evidence.find((row) => row.id === correction)).toMatchObject({ correctionReason: 'Verkeerde datum in de import', recordedByName: 'Bob van RVO', level: 3, levels: ['Basis', 'Gevorderd', 'Expert'] })
		// The reason is written once, with the correction: the app role cannot rewrite it.
		expect(await failure(as(ids.rvo, (tx) => raw(tx, sql`update passport_evidence set correction_reason = 'anders' where id = ${correction}`)))).toMatch(/permission denied/)
	})
})
