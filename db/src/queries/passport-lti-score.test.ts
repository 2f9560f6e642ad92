import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, insertElearningOnTool, insertNvwaAndRvo, testDrivers, type TestDatabase } from '../testing.ts'
import { storeScore, type ScoreTarget } from './lti.ts'

// The score trigger of migration 0041 (ADR 031, addendum on LTI scores) at the edge of the
// minimum: a score counts as a share of its own maximum, compared exactly, whatever the floats say.

describe.each(await testDrivers())('LTI score evidence at the minimum on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: { rvo: string; employee: string; competency: string; enrolment: string; target: (item: number) => ScoreTarget; lineItems: string[] }
	const now = new Date('2030-05-01T08:00:00Z')
	const store = (item: number, scoreGiven: number | null, scoreMaximum: number | null, at: string) =>
		storeScore(app.db, f.target(item), {
			scoreGiven,
			scoreMaximum,
			activityProgress: 'Completed',
			gradingProgress: 'FullyGraded',
			comment: null,
			timestamp: new Date(at),
			completesPart: false,
			closeEnrolmentsFrom: [],
			audit: { origin: null, requestId: null },
			now,
		})
	const evidence = () =>
		withTenantContext(app.db, { tenantId: f.rvo, userId: null }, async (tx: Database) =>
			(await tx.select().from(schema.passportEvidence)).map((row) => ({ kind: row.sourceKind, ref: row.sourceRef, on: row.occurredOn })),
		)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const { nvwa, rvo } = await insertNvwaAndRvo(db)
		const [employee] = await db.insert(schema.users).values({ tenantId: rvo, employeeNumber: 'e1', name: 'Medewerker RVO', email: 'employee@rvo.test' }).returning({ id: schema.users.id })
		const [competency] = await db.insert(schema.competencies).values({ name: 'Gasmeting', validityMonths: 12, warningDays: 30 }).returning({ id: schema.competencies.id })
		const course = await insertElearningOnTool(db, { providerTenantId: nvwa, title: 'Gas meten', passMarkPercent: null, lineItems: 3 })
		await db.insert(schema.courseCompetencies).values({ courseId: course.courseId, competencyId: competency!.id, minScorePercent: 57 })
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: nvwa, courseId: course.courseId, startsAt: new Date('2030-01-01T07:00:00Z'), endsAt: new Date('2030-12-31T15:00:00Z'), capacity: 10 })
			.returning({ id: schema.sessions.id })
		const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo, sessionId: session!.id, userId: employee!.id, status: 'enrolled' }).returning({ id: schema.enrolments.id })
		f = {
			rvo,
			employee: employee!.id,
			competency: competency!.id,
			enrolment: enrolment!.id,
			lineItems: course.lineItemIds,
			target: (item) => ({ tenantId: nvwa, toolId: course.tool.id, courseId: course.courseId, lineItemId: course.lineItemIds[item]!, userId: employee!.id }),
		}
		app = await database.connectAsApp({ maxConnections: 1 })
	}, 120_000)
	afterAll(() => database?.close())

	test('just under the minimum, or a score without a maximum, writes nothing', async () => {
		expect(await store(0, 0.5699, 1, '2030-04-20T10:00:00Z')).toMatchObject({ stored: true })
		expect(await store(1, 80, null, '2030-04-21T10:00:00Z')).toMatchObject({ stored: true })
		expect(await evidence()).toEqual([])
	})

	test('0.57 of 1 reaches a minimum of 57 % (in floating point it is 56.99…): evidence of the line item and enrolment, on the score’s Amsterdam day', async () => {
		// 23:30 UTC on 21 April is 01:30 on 22 April in Amsterdam.
		expect(await store(2, 0.57, 1, '2030-04-21T23:30:00Z')).toMatchObject({ stored: true })
		expect(await evidence()).toEqual([{ kind: 'lti_score', ref: `${f.lineItems[2]}/${f.enrolment}`, on: '2030-04-22' }])
	})

	test('the first line item passing later is evidence of its own; a higher score on it after that is nothing new', async () => {
		expect(await store(0, 0.9, 1, '2030-04-25T10:00:00Z')).toMatchObject({ stored: true })
		expect(await store(0, 1, 1, '2030-04-26T10:00:00Z')).toMatchObject({ stored: true })
		expect((await evidence()).map((row) => row.ref).sort()).toEqual([`${f.lineItems[0]}/${f.enrolment}`, `${f.lineItems[2]}/${f.enrolment}`].sort())
	})
})
