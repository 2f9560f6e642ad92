import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { registerMeetingAttendance } from './register-meeting-attendance.server.ts'
import { showMySessions } from './show-my-sessions.server.ts'
import { showTrainerSession } from './show-trainer-session.server.ts'
import { testContext } from '../../core/testing.ts'

// Attendance per meeting by a session's trainers (ADR 028), against a real database on both drivers:
// a trainer registers only the meetings they teach, the session is attended once both meetings
// say so, and "my sessions" belongs to trainers only.

const NOW = new Date('2030-03-08T10:00:00Z')

describe.each(await testDrivers())('a trainer registers attendance per meeting on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const employee = (userId: string): Actor => ({ userId, tenantId: f.nvwa, grants: [{ role: 'employee', tenantId: f.nvwa }] })
	// Read as the portal does, in the unit's context (on PGlite the owner's connection is the app role's too).
	const statusOf = async (enrolmentId: string) =>
		(await withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select({ id: schema.enrolments.id, status: schema.enrolments.status }).from(schema.enrolments))).find((row) => row.id === enrolmentId)
			?.status

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('the trainer of the first meeting marks it; the enrolment waits for the second meeting, whose trainer completes it', async () => {
		expect(await registerMeetingAttendance(ctx(), { actor: employee(f.first), sessionId: f.session, meetingId: f.meetings[0], marks: [{ enrolmentId: f.enrolment, present: true }] })).toMatchObject({
			ok: true,
			value: { saved: [{ enrolmentId: f.enrolment, status: 'enrolled' }], refused: [] },
		})
		expect(await registerMeetingAttendance(ctx(), { actor: employee(f.second), sessionId: f.session, meetingId: f.meetings[1], marks: [{ enrolmentId: f.enrolment, present: true }] })).toMatchObject({
			ok: true,
			value: { saved: [{ enrolmentId: f.enrolment, status: 'attended' }], refused: [] },
		})
		expect(await statusOf(f.enrolment)).toBe('attended')
	})

	test("the attendance is a statement in the employee's unit's xAPI store, once, by the unit's Leerplein client", async () => {
		const read = () => withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select().from(schema.xapiStatements))
		const attended = (await read()).filter((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/attended')
		expect(attended).toHaveLength(1)
		expect(attended[0]).toMatchObject({ personId: f.participant, activityId: `http://localhost:3000/xapi/activities/session/${f.session}`, registration: f.enrolment, actorKey: `account:http://localhost:3000|${f.participant}` })
		// Marking the same again stores nothing new.
		await registerMeetingAttendance(ctx(), { actor: employee(f.second), sessionId: f.session, meetingId: f.meetings[1], marks: [{ enrolmentId: f.enrolment, present: true }] })
		expect((await read()).filter((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/attended')).toHaveLength(1)
		const clients = await withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select().from(schema.xapiClients))
		expect(clients.find((client) => client.id === attended[0]!.clientId)).toMatchObject({ name: 'Leerplein', active: false, scopes: [], secretHash: 'none' })
	})

	test("the unit's rules count Leerplein's own statement: the attendance is passport evidence, resting on it, in the same transaction", async () => {
		const evidence = await withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select().from(schema.passportEvidence))
		expect(evidence.filter((piece) => piece.competencyId === f.competency)).toEqual([expect.objectContaining({ userId: f.participant, sourceKind: 'xapi_statement' })])
		const links = await withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select().from(schema.passportEvidenceStatements))
		const attended = (await withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select().from(schema.xapiStatements))).find((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/attended')
		expect(links.map((link) => link.statementId)).toEqual([attended!.id])
	})

	test("a trainer of the session's other meeting does not register this one (403), and changes nothing", async () => {
		expect(await registerMeetingAttendance(ctx(), { actor: employee(f.second), sessionId: f.session, meetingId: f.meetings[0], marks: [{ enrolmentId: f.enrolment, present: false }] })).toEqual({
			ok: false,
			kind: 'forbidden',
			code: 'FORBIDDEN',
			field: 'meetingId',
		})
		expect(await statusOf(f.enrolment)).toBe('attended')
	})

	test('an employee of the unit who teaches nothing here, and a meeting of another session, are refused', async () => {
		const marks = [{ enrolmentId: f.enrolment, present: false }]
		expect(await registerMeetingAttendance(ctx(), { actor: employee(f.colleague), sessionId: f.session, meetingId: f.meetings[0], marks })).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })
		expect(await registerMeetingAttendance(ctx(), { actor: employee(f.first), sessionId: f.session, meetingId: f.otherMeeting, marks })).toEqual({
			ok: false,
			kind: 'not_found',
			code: 'MEETING_NOT_FOUND',
			field: 'meetingId',
		})
		expect(await statusOf(f.enrolment)).toBe('attended')
	})

	test('"my sessions" and a session\'s page, with the online meetings\' links, are for its trainers: another employee is no trainer (403) and finds no session (404)', async () => {
		const mine = await showMySessions(ctx(), { actor: employee(f.first) })
		expect(mine.ok && mine.value.recent.map((session) => session.id)).toEqual([f.session])
		expect(await showMySessions(ctx(), { actor: employee(f.colleague) })).toEqual({ ok: false, kind: 'forbidden', code: 'NOT_A_TRAINER' })
		const shown = await showTrainerSession(ctx(), { actor: employee(f.first), sessionId: f.session })
		expect(shown.ok && shown.value.meetings.map((meeting) => meeting.mine)).toEqual([true, false])
		// The trainer sees the online meetings' links (the participants' right, and theirs).
		expect(shown.ok && shown.value.meetings.map((meeting) => meeting.link)).toEqual(['https://meet.example.nl/eerste', null])
		expect(await showTrainerSession(ctx(), { actor: employee(f.colleague), sessionId: f.session })).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })
	})
})

/** NVWA runs a session of two meetings, each with its own internal trainer; an NVWA employee is enrolled. */
async function plant(database: TestDatabase) {
	const db = database.db
	const [nvwa] = (await db.insert(schema.tenants).values({ slug: 'nvwa', name: 'NVWA', shortName: 'NVWA' }).returning({ id: schema.tenants.id })).map((row) => row.id)
	const person = async (name: string) => (await db.insert(schema.users).values({ tenantId: nvwa!, employeeNumber: name, name, email: `${name}@test.nl` }).returning({ id: schema.users.id }))[0]!.id
	const [first, second, colleague, participant] = [await person('first'), await person('second'), await person('colleague'), await person('participant')]
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: nvwa!, title: 'Twee bijeenkomsten', summary: 'S', description: 'D', form: 'classroom', durationMinutes: 240, status: 'published', visibility: 'concern' })
		.returning({ id: schema.courses.id })
	const at = (iso: string) => new Date(iso)
	const [session, other] = await db
		.insert(schema.sessions)
		.values([
			{ tenantId: nvwa!, courseId: course!.id, startsAt: at('2030-03-01T09:00Z'), endsAt: at('2030-03-08T09:30Z'), capacity: 10 },
			{ tenantId: nvwa!, courseId: course!.id, startsAt: at('2030-03-02T09:00Z'), endsAt: at('2030-03-02T10:00Z'), capacity: 10 },
		])
		.returning({ id: schema.sessions.id })
	const meetings = await db
		.insert(schema.sessionMeetings)
		.values([
			{ tenantId: nvwa!, sessionId: session!.id, startsAt: at('2030-03-01T09:00Z'), endsAt: at('2030-03-01T12:00Z'), online: true },
			{ tenantId: nvwa!, sessionId: session!.id, startsAt: at('2030-03-08T09:00Z'), endsAt: at('2030-03-08T09:30Z'), online: true },
			{ tenantId: nvwa!, sessionId: other!.id, startsAt: at('2030-03-02T09:00Z'), endsAt: at('2030-03-02T10:00Z'), online: true },
		])
		.returning({ id: schema.sessionMeetings.id, startsAt: schema.sessionMeetings.startsAt, endsAt: schema.sessionMeetings.endsAt })
	const trainers = await db
		.insert(schema.trainers)
		.values([first, second].map((userId, k) => ({ tenantId: nvwa!, kind: 'internal' as const, userId, name: `trainer ${k}`, email: `trainer${k}@test.nl` })))
		.returning({ id: schema.trainers.id })
	await db.insert(schema.meetingTrainers).values(
		[0, 1].map((k) => ({ meetingId: meetings[k]!.id, trainerId: trainers[k]!.id, tenantId: nvwa!, startsAt: meetings[k]!.startsAt, endsAt: meetings[k]!.endsAt, cancelled: false })),
	)
	// The first meeting's link (the second has none yet): its trainers join it too.
	await db.insert(schema.meetingLinks).values({ meetingId: meetings[0]!.id, tenantId: nvwa!, url: 'https://meet.example.nl/eerste' })
	const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: nvwa!, sessionId: session!.id, userId: participant, status: 'enrolled', queueNumber: 1 }).returning({ id: schema.enrolments.id })
	// The unit counts attending any of its sessions once as evidence (a rule on Leerplein's own statements, ADR 039).
	const [competency] = await db.insert(schema.competencies).values({ name: 'Bijeenkomst bijgewoond', validityMonths: 12 }).returning({ id: schema.competencies.id })
	await db.insert(schema.xapiEvidenceRules).values({
		id: crypto.randomUUID(),
		tenantId: nvwa!,
		name: 'Eén bijeenkomst per jaar',
		competencyId: competency!.id,
		verbId: 'http://adlnet.gov/expapi/verbs/attended',
		activityMatch: 'id',
		activityPattern: 'http://localhost:3000/xapi/activities/session/*',
		requiredCount: 1,
		periodMonths: 12,
		active: true,
	})
	return {
		nvwa: nvwa!,
		first,
		second,
		colleague,
		participant,
		session: session!.id,
		meetings: [meetings[0]!.id, meetings[1]!.id] as const,
		otherMeeting: meetings[2]!.id,
		enrolment: enrolment!.id,
		competency: competency!.id,
	}
}
