import { withTenantContext, type Database, type DatabaseClient } from '@leerplein/db'
import { listPassport } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertElearningOnTool, insertNvwaAndRvo, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { scoreSchema } from '../lti/protocol.server.ts'
import { recordLtiScore } from '../lti/record-lti-score.server.ts'
import type { ToolAccess } from '../lti/tool-context.server.ts'
import { checkPassportConsistency } from './check-passport-consistency.server.ts'
import { updateCourseCompetencies } from './course-competencies.server.ts'
import { testContext } from '../../core/testing.ts'

// An LTI score as passport evidence (ADR 031, addendum): NVWA's e-learning grants "Monsterneming"
// only from a score of 80 % and "Integriteit" on completion; an RVO employee's scores arrive
// through the real AGS score path, in NVWA's tool context, and the employee's dots in RVO are
// settled before the score's transaction commits.

const DAY = (day: string) => new Date(`${day}T08:00:00Z`)

describe.each(await testDrivers())('LTI scores as passport evidence on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now: Date) => testContext(app.db, now)
	const inRvo = <T,>(work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId: f.rvo, userId: null }, work)
	const dots = async () => Object.fromEntries((await inRvo((tx) => listPassport(tx, { userId: f.employee }))).map((dot) => [dot.name, { status: dot.status, validUntil: dot.validUntil }]))
	const evidence = async () => {
		const names: Record<string, string> = { [f.sampling]: 'Monsterneming', [f.integrity]: 'Integriteit' }
		const rows = await inRvo((tx) => tx.select().from(schema.passportEvidence))
		return rows
			.filter((row) => row.userId === f.employee)
			.map((row) => ({ name: names[row.competencyId], sourceKind: row.sourceKind, sourceRef: row.sourceRef, occurredOn: row.occurredOn }))
			.sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))
	}
	const score = (scoreGiven: number, day: string) =>
		recordLtiScore(ctx(DAY(day)), {
			actor: f.tool,
			lineItemId: f.lineItem,
			score: scoreSchema.parse({ userId: f.employee, scoreGiven, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: `${day}T07:00:00Z` }),
		})

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test("the providing unit's coordinator sets a minimum score beside a granted competency, audited", async () => {
		const coordinator: Actor = { userId: f.coordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] }
		const grants = [
			{ competencyId: f.sampling, minScorePercent: 80 },
			{ competencyId: f.integrity, minScorePercent: null },
		]
		expect(await updateCourseCompetencies(ctx(DAY('2030-04-30')), { actor: coordinator, courseId: f.course, grants })).toMatchObject({ ok: true, value: { granted: 2 } })
		const trail = (await withTenantContext(app.db, { tenantId: f.nvwa, userId: f.coordinator }, (tx) => tx.select().from(schema.auditLog))).find(
			(row) => row.action === 'course.competencies.update' && row.objectId === f.course,
		)
		expect(trail?.after).toEqual(expect.arrayContaining(grants))
	})

	test('a score below the minimum completes the course but writes no score evidence: only the competency without a minimum turns green', async () => {
		expect(await score(70, '2030-05-01')).toMatchObject({ ok: true, value: { decision: 'store', completedPart: true, completedEnrolments: 1 } })
		expect(await evidence()).toEqual([{ name: 'Integriteit', sourceKind: 'course_completion', sourceRef: f.enrolment, occurredOn: expect.any(String) }])
		expect(await dots()).toEqual({ Integriteit: { status: 'green', validUntil: null }, Monsterneming: { status: 'red', validUntil: null } })
	})

	test("each stored score is a `scored` statement in the employee's unit's xAPI store, and the completion it caused a `completed` one, on the participation the score belongs to", async () => {
		const statements = await inRvo((tx) => tx.select().from(schema.xapiStatements))
		const mine = statements.filter((row) => row.personId === f.employee)
		const scored = mine.filter((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/scored')
		expect(scored).toHaveLength(1)
		expect(scored[0]).toMatchObject({ registration: f.enrolment, activityId: `http://localhost:3000/xapi/activities/online-part/${f.lineItem}`, timestamp: new Date('2030-05-01T07:00:00Z') })
		expect(scored[0]!.statement).toMatchObject({ result: { completion: true, score: { raw: 70, min: 0, max: 100, scaled: 0.7 } } })
		expect(mine.filter((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/completed').map((row) => row.registration)).toEqual([f.enrolment])
		// NVWA, whose tool sent the score, holds none of it.
		const inNvwa = await withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select().from(schema.xapiStatements))
		expect(inNvwa.filter((row) => row.personId === f.employee)).toEqual([])
		// The tool resends the same score: nothing new.
		await score(70, '2030-05-01')
		expect((await inRvo((tx) => tx.select().from(schema.xapiStatements))).filter((row) => row.personId === f.employee)).toHaveLength(mine.length)
	})

	test("a score at the minimum writes lti_score evidence in the employee's unit, and the dot is green when the score path returns", async () => {
		expect(await score(80, '2030-05-02')).toMatchObject({ ok: true, value: { decision: 'store' } })
		expect(await evidence()).toContainEqual({ name: 'Monsterneming', sourceKind: 'lti_score', sourceRef: `${f.lineItem}/${f.enrolment}`, occurredOn: '2030-05-02' })
		expect((await dots()).Monsterneming).toEqual({ status: 'green', validUntil: '2032-05-02' })
	})

	test('a later lower score, or a later higher one in the same enrolment, records nothing new and takes nothing back', async () => {
		const before = await evidence()
		expect(await score(40, '2030-05-03')).toMatchObject({ ok: true, value: { decision: 'store' } })
		expect(await score(95, '2030-05-04')).toMatchObject({ ok: true, value: { decision: 'store' } })
		expect(await evidence()).toEqual(before)
		expect((await dots()).Monsterneming).toEqual({ status: 'green', validUntil: '2032-05-02' })
	})

	test('a passing score in the next run the employee follows is new evidence of that enrolment: a renewal', async () => {
		expect(await score(90, '2031-06-02')).toMatchObject({ ok: true, value: { decision: 'store' } })
		expect(await evidence()).toContainEqual({ name: 'Monsterneming', sourceKind: 'lti_score', sourceRef: `${f.lineItem}/${f.nextEnrolment}`, occurredOn: '2031-06-02' })
		// Its statement names next year's run, as the evidence does.
		const scored = (await inRvo((tx) => tx.select().from(schema.xapiStatements))).filter((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/scored')
		expect(scored.find((row) => row.timestamp.toISOString() === '2031-06-02T07:00:00.000Z')?.registration).toBe(f.nextEnrolment)
		expect((await dots()).Monsterneming).toEqual({ status: 'green', validUntil: '2033-06-02' })
	})

	test('the nightly check agrees with what the score path settled: no drift', async () => {
		expect(await checkPassportConsistency(ctx(DAY('2031-06-03')), { actor: null })).toMatchObject({ ok: true, value: { drift: 0 } })
	})
})

/** NVWA provides an e-learning course on a Moodle tool; an RVO employee is enrolled. RVO requires both competencies of everyone. Written as the owner. */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [coordinator, employee] = await db
		.insert(schema.users)
		.values([
			{ tenantId: nvwa, employeeNumber: 'c1', name: 'Coördinator NVWA', email: 'coordinator@nvwa.test' },
			{ tenantId: rvo, employeeNumber: 'e1', name: 'Medewerker RVO', email: 'employee@rvo.test' },
		])
		.returning({ id: schema.users.id })
	await db.insert(schema.roleAssignments).values({ userId: coordinator!.id, role: 'coordinator', tenantId: nvwa })
	const [sampling, integrity] = await db
		.insert(schema.competencies)
		.values([
			{ name: 'Monsterneming', validityMonths: 24, warningDays: 60 },
			// Permanent: a completion is dated by the database's clock (the enrolment trigger's now()), not the test's.
			{ name: 'Integriteit', validityMonths: null, warningDays: 0 },
		])
		.returning({ id: schema.competencies.id })
	await db.insert(schema.competencyRequirements).values([
		{ tenantId: rvo, competencyId: sampling!.id, introducedOn: '2029-01-01', graceDays: 0 },
		{ tenantId: rvo, competencyId: integrity!.id, introducedOn: '2029-01-01', graceDays: 0 },
	])
	const { courseId, tool, lineItemIds } = await insertElearningOnTool(db, { providerTenantId: nvwa, title: 'Monsters nemen', passMarkPercent: 55 })
	const [session] = await db
		.insert(schema.sessions)
		.values({ tenantId: nvwa, courseId, startsAt: new Date('2030-04-01T07:00:00Z'), endsAt: new Date('2030-06-30T15:00:00Z'), capacity: 100 })
		.returning({ id: schema.sessions.id })
	// Next year's run, on its waitlist already: a completion closes only this year's enrolment.
	const [nextSession] = await db
		.insert(schema.sessions)
		.values({ tenantId: nvwa, courseId, startsAt: new Date('2031-05-01T07:00:00Z'), endsAt: new Date('2031-07-01T15:00:00Z'), capacity: 100 })
		.returning({ id: schema.sessions.id })
	const [enrolment, nextEnrolment] = await db
		.insert(schema.enrolments)
		.values([
			{ tenantId: rvo, sessionId: session!.id, userId: employee!.id, status: 'enrolled' },
			{ tenantId: rvo, sessionId: nextSession!.id, userId: employee!.id, status: 'waitlisted' },
		])
		.returning({ id: schema.enrolments.id })
	const access: ToolAccess = { tenantId: nvwa, userId: null, tool, toolId: tool.id, courseId, scopes: [], issuer: 'https://leerplein.test' }
	return {
		nvwa,
		rvo,
		coordinator: coordinator!.id,
		employee: employee!.id,
		sampling: sampling!.id,
		integrity: integrity!.id,
		course: courseId,
		enrolment: enrolment!.id,
		nextEnrolment: nextEnrolment!.id,
		tool: access,
		lineItem: lineItemIds[0]!,
	}
}
