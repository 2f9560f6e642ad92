import { randomUUID } from 'node:crypto'
import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { listPassport, listPassportHistory } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ServiceContext } from '../../core/service.server.ts'
import { registerMeetingAttendance } from '../sessions/register-meeting-attendance.server.ts'
import { checkPassportConsistency } from './check-passport-consistency.server.ts'

// The passport through the real services (ADR 031): a providing unit registers attendance and
// the employee's dot, in another unit, is green when the transaction commits; the nightly check
// then finds no drift, and moves dots only when their day comes.

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('passport services on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now: Date = NOW): ServiceContext => ({ db: app.db, logger: pino({ level: 'silent' }), clock: { now: () => now }, requestId: randomUUID(), clientIp: '127.0.0.1' })
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
