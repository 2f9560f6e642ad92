import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { failure } from '../tenancy-fixtures.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { listSessionMarks, listTrainerSessions, upsertMark } from './attendance.ts'

// Attendance per meeting (migration 0034, ADR 028): who may write a mark, who reads it, and the
// foreign keys that tie a mark's meeting and enrolment to one session, on both drivers.

describe.each(await testDrivers())('attendance per meeting on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const as = <T>(tenantId: string, userId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId }, work)
	const mark = (userId: string, overrides: Partial<Parameters<typeof upsertMark>[1]> = {}) => ({
		meetingId: f.meeting,
		enrolmentId: f.enrolment,
		sessionId: f.session,
		tenantId: f.nvwa,
		present: true,
		registeredByUserId: userId,
		registeredAt: new Date('2030-03-01T10:00:00Z'),
		...overrides,
	})

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database.db)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close())

	test("the meeting's own internal trainer registers a mark, and corrects it", async () => {
		await as(f.nvwa, f.trainerUser, (tx) => upsertMark(tx, mark(f.trainerUser)))
		await as(f.nvwa, f.trainerUser, (tx) => upsertMark(tx, mark(f.trainerUser, { present: false })))
		expect(await as(f.nvwa, f.trainerUser, (tx) => listSessionMarks(tx, { sessionId: f.session }))).toEqual([{ meetingId: f.meeting, enrolmentId: f.enrolment, present: false }])
	})

	test("the providing unit's coordinator registers a mark", async () => {
		await as(f.nvwa, f.coordinator, (tx) => upsertMark(tx, mark(f.coordinator, { present: true })))
		expect(await as(f.nvwa, f.coordinator, (tx) => listSessionMarks(tx, { sessionId: f.session }))).toEqual([{ meetingId: f.meeting, enrolmentId: f.enrolment, present: true }])
	})

	test('another employee of the unit, not teaching this meeting, may not write one: row-level security refuses it', async () => {
		expect(await failure(as(f.nvwa, f.colleague, (tx) => upsertMark(tx, mark(f.colleague, { meetingId: f.secondMeeting }))))).toMatch(/row-level security/)
	})

	test("another unit's coordinator reads no marks and writes none", async () => {
		expect(await as(f.acm, f.acmCoordinator, (tx) => listSessionMarks(tx, { sessionId: f.session }))).toEqual([])
		expect(await failure(as(f.acm, f.acmCoordinator, (tx) => upsertMark(tx, mark(f.acmCoordinator, { tenantId: f.acm, meetingId: f.secondMeeting }))))).not.toBe('it did not fail')
	})

	test('the employee reads their own marks from their own unit; a colleague of theirs reads none', async () => {
		expect(await as(f.rvo, f.participant, (tx) => listSessionMarks(tx, { sessionId: f.session }))).toHaveLength(1)
		expect(await as(f.rvo, f.rvoColleague, (tx) => listSessionMarks(tx, { sessionId: f.session }))).toEqual([])
	})

	test('a mark for an enrolment of another session cannot be stored at all', async () => {
		expect(await failure(as(f.nvwa, f.coordinator, (tx) => upsertMark(tx, mark(f.coordinator, { enrolmentId: f.otherEnrolment }))))).toMatch(/foreign key/)
	})

	test("a trainer's sessions are those they teach a meeting of", async () => {
		const listed = await as(f.nvwa, f.trainerUser, (tx) => listTrainerSessions(tx, { trainerIds: [f.trainer], from: new Date('2030-01-01'), until: new Date('2031-01-01') }))
		expect(listed.map((row) => [row.id, row.meetings, row.participants])).toEqual([[f.session, 2, 1]])
	})
})

/** NVWA runs a two-meeting session; its trainer teaches the first meeting only; an RVO employee is enrolled. */
async function plant(db: Database) {
	const [nvwa, rvo, acm] = (
		await db
			.insert(schema.tenants)
			.values([
				{ slug: 'nvwa', name: 'NVWA', shortName: 'NVWA' },
				{ slug: 'rvo', name: 'RVO', shortName: 'RVO' },
				{ slug: 'acm', name: 'ACM', shortName: 'ACM' },
			])
			.returning({ id: schema.tenants.id })
	).map((row) => row.id) as [string, string, string]
	const person = async (tenantId: string, name: string) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name}@test.nl` }).returning({ id: schema.users.id }))[0]!.id
	const [coordinator, trainerUser, colleague, participant, rvoColleague, acmCoordinator] = [
		await person(nvwa, 'coordinator'),
		await person(nvwa, 'trainer'),
		await person(nvwa, 'colleague'),
		await person(rvo, 'participant'),
		await person(rvo, 'rvo-colleague'),
		await person(acm, 'acm-coordinator'),
	]
	await db.insert(schema.roleAssignments).values([
		{ userId: coordinator, role: 'coordinator', tenantId: nvwa },
		{ userId: acmCoordinator, role: 'coordinator', tenantId: acm },
	])
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: nvwa, title: 'Twee bijeenkomsten', summary: 'S', description: 'D', form: 'classroom', durationMinutes: 240, status: 'published', visibility: 'concern' })
		.returning({ id: schema.courses.id })
	const at = (iso: string) => new Date(iso)
	const [session, other] = await db
		.insert(schema.sessions)
		.values([
			{ tenantId: nvwa, courseId: course!.id, startsAt: at('2030-03-01T09:00Z'), endsAt: at('2030-03-08T12:00Z'), capacity: 10 },
			{ tenantId: nvwa, courseId: course!.id, startsAt: at('2030-04-01T09:00Z'), endsAt: at('2030-04-01T12:00Z'), capacity: 10 },
		])
		.returning({ id: schema.sessions.id })
	const [meeting, secondMeeting] = await db
		.insert(schema.sessionMeetings)
		.values([
			{ tenantId: nvwa, sessionId: session!.id, startsAt: at('2030-03-01T09:00Z'), endsAt: at('2030-03-01T12:00Z'), online: true },
			{ tenantId: nvwa, sessionId: session!.id, startsAt: at('2030-03-08T09:00Z'), endsAt: at('2030-03-08T12:00Z'), online: true },
		])
		.returning({ id: schema.sessionMeetings.id })
	const [trainer] = await db.insert(schema.trainers).values({ tenantId: nvwa, kind: 'internal', userId: trainerUser, name: 'trainer', email: 'trainer@test.nl' }).returning({ id: schema.trainers.id })
	await db.insert(schema.meetingTrainers).values({ meetingId: meeting!.id, trainerId: trainer!.id, tenantId: nvwa, startsAt: at('2030-03-01T09:00Z'), endsAt: at('2030-03-01T12:00Z'), cancelled: false })
	const [enrolment, otherEnrolment] = await db
		.insert(schema.enrolments)
		.values([
			{ tenantId: rvo, sessionId: session!.id, userId: participant, status: 'enrolled', queueNumber: 1 },
			{ tenantId: rvo, sessionId: other!.id, userId: participant, status: 'enrolled', queueNumber: 2 },
		])
		.returning({ id: schema.enrolments.id })
	return {
		nvwa,
		rvo,
		acm,
		coordinator,
		trainerUser,
		colleague,
		participant,
		rvoColleague,
		acmCoordinator,
		trainer: trainer!.id,
		session: session!.id,
		meeting: meeting!.id,
		secondMeeting: secondMeeting!.id,
		enrolment: enrolment!.id,
		otherEnrolment: otherEnrolment!.id,
	}
}
