import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { listPassport, listPassportHistory, recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, type TestDatabase, testDrivers } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { registerMeetingAttendance } from '../sessions/register-meeting-attendance.server.ts'
import { checkPassportConsistency } from './check-passport-consistency.server.ts'
import { showMyPassport } from './show-passport.server.ts'
import { testContext } from '../../core/testing.ts'

// The passport through the real services (ADR 031): a providing unit registers attendance and
// the employee's dot, in another unit, is green when the transaction commits; the nightly check
// then finds no drift, and moves dots only when their day comes.

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('passport services on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now: Date = NOW) => testContext(app.db, now)
	const passportOf = (tenantId: string, userId: string) => withTenantContext(app.db, { tenantId, userId: null }, (tx) => listPassport(tx, { userId }))

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('the nightly check records a missing competency as red, and a second run finds no drift', async () => {
		// Requirements do not yet recompute the people they name (ADR 031): the first run fills both people's cells, counted as drift.
		expect(await checkPassportConsistency(ctx(), { actor: null })).toMatchObject({ ok: true, value: { drift: 2 } })
		expect(await passportOf(f.rvo, f.employee)).toEqual([expect.objectContaining({ name: 'Eerste hulp', status: 'red' })])
		const again = await checkPassportConsistency(ctx(), { actor: null })
		expect(again).toMatchObject({ ok: true, value: { drift: 0 } })
	})

	test("the providing unit's coordinator registers attendance: the employee's dot is green when the service returns, no job run", async () => {
		const coordinator: Actor = { userId: f.coordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] }
		const registered = await registerMeetingAttendance(ctx(), { actor: coordinator, sessionId: f.session, meetingId: f.meeting, marks: [{ enrolmentId: f.enrolment, present: true }] })
		expect(registered).toMatchObject({ ok: true, value: { saved: [{ enrolmentId: f.enrolment, status: 'attended' }], refused: [] } })
		// The session ended at 22:30 UTC on 30 April, which is 00:30 on 1 May in Amsterdam: valid through 1 May 2032.
		expect(await passportOf(f.rvo, f.employee)).toEqual([expect.objectContaining({ status: 'green', validUntil: '2032-05-01' })])
		const history = await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => listPassportHistory(tx, { userId: f.employee }))
		expect(history[0]).toMatchObject({ fromStatus: 'red', toStatus: 'green', trigger: 'evidence', changedOn: '2030-05-01', cause: { kind: 'valid' } })
	})

	test('the nightly check finds 0 drift, and turns the dot orange and then red on their days, as the calendar, not as drift', async () => {
		expect(await checkPassportConsistency(ctx(), { actor: null })).toMatchObject({ ok: true, value: { drift: 0 } })
		const orange = await checkPassportConsistency(ctx(new Date('2032-03-15T08:00:00Z')), { actor: null })
		expect(orange).toMatchObject({ ok: true, value: { drift: 0 } })
		expect(await passportOf(f.rvo, f.employee)).toEqual([expect.objectContaining({ status: 'orange' })])
		const red = await checkPassportConsistency(ctx(new Date('2032-05-02T08:00:00Z')), { actor: null })
		expect(red).toMatchObject({ ok: true, value: { drift: 0 } })
		expect(await passportOf(f.rvo, f.employee)).toEqual([expect.objectContaining({ status: 'red', cause: expect.objectContaining({ kind: 'expired' }) })])
		const history = await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => listPassportHistory(tx, { userId: f.employee }))
		expect(history.slice(0, 2).map((row) => [row.fromStatus, row.toStatus, row.trigger])).toEqual([
			['orange', 'red', 'calendar'],
			['green', 'orange', 'calendar'],
		])
	})

	test('a red dot for want of level 3 suggests only the courses that grant level 3 or more; without a minimum, every granting course', async () => {
		// Written as the owner (on PGlite through asOwner: the tables' row-level security is forced).
		const inspector = await database.asOwner(async (db) => {
			const [inspection, analysis] = await db
				.insert(schema.competencies)
				.values([
					{ name: 'Inspectietechnieken', validityMonths: 36, warningDays: 90, levels: ['Basis', 'Gevorderd', 'Expert'] },
					{ name: 'Data-analyse', validityMonths: null, warningDays: 0, levels: ['Basis', 'Gevorderd', 'Expert'] },
				])
				.returning({ id: schema.competencies.id })
			const [person] = await db.insert(schema.users).values({ tenantId: f.rvo, employeeNumber: 'e2', name: 'Inspecteur RVO', email: 'inspecteur@rvo.test' }).returning({ id: schema.users.id })
			await db.insert(schema.personRequirements).values([
				{ tenantId: f.rvo, userId: person!.id, competencyId: inspection!.id, introducedOn: '2029-01-01', minLevel: 3 },
				{ tenantId: f.rvo, userId: person!.id, competencyId: analysis!.id, introducedOn: '2029-01-01' },
			])
			const course = (title: string) => ({ providerTenantId: f.nvwa, title, summary: title, description: title, form: 'classroom' as const, durationMinutes: 240, status: 'published' as const, visibility: 'concern' as const })
			const [basic, advanced, expert] = await db
				.insert(schema.courses)
				.values([course('Inspecteren basis'), course('Inspecteren gevorderd'), course('Inspecteren expert')])
				.returning({ id: schema.courses.id })
			await db.insert(schema.courseCompetencies).values([
				{ courseId: basic!.id, competencyId: inspection!.id, grantsLevel: 1 },
				{ courseId: advanced!.id, competencyId: inspection!.id, grantsLevel: 2 },
				{ courseId: expert!.id, competencyId: inspection!.id, grantsLevel: 3 },
				{ courseId: basic!.id, competencyId: analysis!.id },
			])
			// Held at level 1 (Basis): red, level too low.
			await db.insert(schema.passportEvidence).values({ tenantId: f.rvo, userId: person!.id, competencyId: inspection!.id, sourceKind: 'import', sourceRef: 'csv:2029-06-01', occurredAt: new Date('2029-06-01T10:00:00Z'), occurredOn: '2029-06-01', level: 1 })
			return person!.id
		})
		await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => recomputePassports(tx, { tenantId: f.rvo, userIds: [inspector], today: '2030-05-01', trigger: 'requirement' }))

		const shown = await showMyPassport(ctx(), { actor: { userId: inspector, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] } })
		const dots = shown.ok ? shown.value.dots : []
		const inspectionDot = dots.find((dot) => dot.name === 'Inspectietechnieken')
		expect(inspectionDot).toMatchObject({ status: 'red', cause: { kind: 'level_too_low', requiredLevel: 3, heldLevel: 1 } })
		expect(inspectionDot!.courses.map((one) => [one.title, one.grantsLevel])).toEqual([['Inspecteren expert', 3]])
		// No minimum asked: the course granting the lowest level is suggested.
		expect(dots.find((dot) => dot.name === 'Data-analyse')!.courses.map((one) => one.title)).toEqual(['Inspecteren basis'])
	})
})

/** NVWA provides a first-aid course; an RVO employee attended its session. Written as the owner. */
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
	const [competency] = await db.insert(schema.competencies).values({ name: 'Eerste hulp', validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
	await db.insert(schema.competencyRequirements).values({ tenantId: null, competencyId: competency!.id, introducedOn: '2029-01-01', graceDays: 30 })
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: nvwa, title: 'EHBO', summary: 'EHBO', description: 'EHBO', form: 'classroom', durationMinutes: 240, status: 'published', visibility: 'concern' })
		.returning({ id: schema.courses.id })
	await db.insert(schema.courseCompetencies).values({ courseId: course!.id, competencyId: competency!.id })
	const [session] = await db
		.insert(schema.sessions)
		.values({ tenantId: nvwa, courseId: course!.id, startsAt: new Date('2030-04-30T07:00:00Z'), endsAt: new Date('2030-04-30T22:30:00Z'), capacity: 10 })
		.returning({ id: schema.sessions.id })
	// Its one meeting: attendance is registered per meeting.
	const [meeting] = await db
		.insert(schema.sessionMeetings)
		.values({ tenantId: nvwa, sessionId: session!.id, startsAt: new Date('2030-04-30T07:00:00Z'), endsAt: new Date('2030-04-30T22:30:00Z') })
		.returning({ id: schema.sessionMeetings.id })
	const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo, sessionId: session!.id, userId: employee!.id, status: 'enrolled' }).returning({ id: schema.enrolments.id })
	return { nvwa, rvo, coordinator: coordinator!.id, employee: employee!.id, session: session!.id, meeting: meeting!.id, enrolment: enrolment!.id }
}
