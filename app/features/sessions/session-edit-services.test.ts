import type { Database, DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { amsterdamWallClock, type Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cancelEnrolment } from '../enrolment/cancel-enrolment.server.ts'
import { moveEnrolment } from '../enrolment/move-enrolment.server.ts'
import { requestEnrolment } from '../enrolment/request-enrolment.server.ts'
import { showMyLearning } from '../enrolment/show-my-learning.server.ts'
import { enqueueMinimumNotices } from '../notifications/enqueue-minimum-notices.server.ts'
import { sendNotification } from '../notifications/send-notification.server.ts'
import type { EditSessionInput } from './edit-session-schema.ts'
import { editSession } from './edit-session.server.ts'
import { listUnitSessions } from './list-unit-sessions.server.ts'
import { planNewSession } from './plan-session.server.ts'
import { showSessionAdmin } from './show-session-admin.server.ts'
import { testContext } from '../../core/testing.ts'

// Changing a planned session (issue 14, ADR 029) against a real database and the real job queue,
// on PGlite and PostgreSQL, with a fixed clock: what is refused and changes nothing, whom a change
// of date or place mails and what the mail says, free cancellation afterwards, the enrolment
// deadline, the minimum-participants notice, moving someone, and the meeting link.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')
const date = (days: number) => amsterdamWallClock(new Date(NOW.getTime() + days * DAY)).date

describe.each(await testDrivers())('changing a planned session on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now: Date = NOW) => testContext(app.db, now)
	const delivery = { transport: null, from: 'Leerplein <noreply@leerplein.local>' }

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	const coordinator = (): Actor => ({ userId: f.coordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })
	const employee = (userId: string): Actor => ({ userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })
	const owner = <T,>(work: (db: Database) => Promise<T>) => database.asOwner(work)
	const meeting = (days: number, place: string, extra: { id?: string; startTime?: string; endTime?: string } = {}) => ({
		date: date(days),
		startTime: extra.startTime ?? '09:00',
		endTime: extra.endTime ?? '12:30',
		place,
		trainerIds: [f.trainer],
		...(extra.id ? { id: extra.id } : {}),
	})
	let slot = 0
	/**
	 * Plans a session of two meetings in room A with the one trainer, as RVO's coordinator, each
	 * session in an hour of its own (`at`) so that sessions never collide unless a test wants them to.
	 */
	async function plannedSession({ capacity = 10, minimumParticipants, enrolmentDeadline, days = 30 }: { capacity?: number; minimumParticipants?: number; enrolmentDeadline?: string; days?: number } = {}) {
		const hour = String(7 + slot++).padStart(2, '0')
		const at = { startTime: `${hour}:00`, endTime: `${hour}:50` }
		const planned = await planNewSession(ctx(), {
			actor: coordinator(),
			courseId: f.course,
			input: { meetings: [meeting(days, f.roomA, at), meeting(days + 7, f.roomA, at)], capacity, minimumParticipants, enrolmentDeadline },
		})
		if (!planned.ok) throw new Error(`could not plan: ${planned.code}`)
		const sessionId = planned.value.sessionIds[0]!
		const meetings = await meetingsOf(sessionId)
		return { sessionId, meetingIds: meetings.map((row) => row.id), days, at }
	}
	let queue = 1000
	const enrol = (sessionId: string, userId: string, status: 'enrolled' | 'waitlisted' | 'cancelled', priceCents = 0) =>
		owner(async (db) => (await db.insert(schema.enrolments).values({ tenantId: f.rvo, sessionId, userId, status, queueNumber: ++queue, priceCents }).returning({ id: schema.enrolments.id }))[0]!.id)
	// Read as the owner and picked out here (the app has no query builder of its own).
	const sessionRow = (sessionId: string) => owner(async (db) => (await db.select().from(schema.sessions)).find((row) => row.id === sessionId)!)
	const meetingsOf = (sessionId: string) =>
		owner(async (db) => (await db.select().from(schema.sessionMeetings)).filter((row) => row.sessionId === sessionId).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()))
	const outboxMail = (messageKey: string) => owner(async (db) => (await db.select().from(schema.outboxMails)).find((row) => row.messageKey === messageKey))
	const edit = (sessionId: string, input: EditSessionInput, now = NOW) => editSession(ctx(now), { actor: coordinator(), sessionId, input })
	const jobsFor = async (enrolmentId: string) => (await listMailJobs(app.db)).filter((job) => job.enrolmentId === enrolmentId)
	/** Writes (into the outbox: no SMTP) every queued mail of these kinds for the enrolment, and returns the bodies. */
	async function mailsFor(enrolmentId: string, kind: string) {
		const bodies: string[] = []
		for (const job of (await jobsFor(enrolmentId)).filter((job) => job.kind === kind)) {
			await sendNotification(ctx(), { actor: { tenantId: job.tenantId, userId: null }, delivery, job })
			const mail = await outboxMail(job.messageKey)
			bodies.push(`${mail!.subject}\n${mail!.body}`)
		}
		return bodies
	}

	test('a new date and another room: everyone enrolled or waiting is mailed what it was and what it is, may cancel free for fourteen days, and the change is audited', async () => {
		const { sessionId, meetingIds, at } = await plannedSession()
		const [enrolled, waiting, cancelled] = [await enrol(sessionId, f.employees[0]!, 'enrolled', 25_000), await enrol(sessionId, f.employees[1]!, 'waitlisted'), await enrol(sessionId, f.employees[2]!, 'cancelled')]
		const edited = await edit(sessionId, {
			meetings: [meeting(31, f.roomB, { id: meetingIds[0], ...at }), meeting(37, f.roomA, { id: meetingIds[1], ...at })],
			capacity: 10,
			participantNote: 'Neem uw laptop mee.',
		})
		expect(edited).toEqual({ ok: true, value: { notified: 2, promoted: 0 } })
		// The meetings kept their ids (attendance is registered against them), at their new time and place.
		const meetings = await meetingsOf(sessionId)
		expect(meetings.map((row) => [row.id, row.roomId])).toEqual([
			[meetingIds[0], f.roomB],
			[meetingIds[1], f.roomA],
		])
		const session = await sessionRow(sessionId)
		expect(session.startsAt).toEqual(meetings[0]!.startsAt)
		expect(session.participantNote).toBe('Neem uw laptop mee.')

		expect((await jobsFor(cancelled)).length).toBe(0)
		const [mail] = await mailsFor(enrolled, 'session_changed')
		expect(mail).toContain('Gewijzigd: Vergaderen met impact')
		expect(mail).toMatch(/Was:\n- .*Zaal Dommel.*\n- .*Zaal Dommel.*\nNu:\n- .*Zaal Maas.*\n- .*Zaal Dommel/)
		expect(mail).toContain('kosteloos annuleren')
		expect(await mailsFor(waiting, 'session_changed')).toHaveLength(1)

		const row = await owner(async (db) => (await db.select().from(schema.enrolments)).find((enrolment) => enrolment.id === enrolled))
		expect(row!.freeCancellationUntil).toEqual(new Date(NOW.getTime() + 14 * DAY))
		const audits = await owner(async (db) => (await db.select().from(schema.auditLog).orderBy(schema.auditLog.id)).filter((entry) => entry.objectId === sessionId))
		expect(audits.map((entry) => entry.action)).toEqual(['session.plan', 'session.edit'])
		expect(audits[1]!.after).toMatchObject({ timesChanged: true, placeChanged: true, notified: 2 })
	})

	test('within the fourteen days cancelling is free even when late by the unit’s rule; afterwards the rule applies again', async () => {
		const { sessionId, meetingIds, at } = await plannedSession({ days: 40 })
		const [early, later] = [await enrol(sessionId, f.employees[3]!, 'enrolled', 25_000), await enrol(sessionId, f.employees[0]!, 'enrolled', 25_000)]
		// Moved forward to day 20: free cancellation until day 14.
		expect(await edit(sessionId, { meetings: [meeting(20, f.roomA, { id: meetingIds[0], ...at }), meeting(24, f.roomA, { id: meetingIds[1], ...at })], capacity: 10 })).toMatchObject({ ok: true, value: { notified: 2 } })
		// Day 13.5: six and a half days before the start, late by the unit's seven days, but inside the window.
		expect(await cancelEnrolment(ctx(new Date(NOW.getTime() + 13.5 * DAY)), { actor: employee(f.employees[3]!), enrolmentId: early })).toMatchObject({ ok: true, value: { free: true } })
		// Day 17: the window has closed.
		expect(await cancelEnrolment(ctx(new Date(NOW.getTime() + 17 * DAY)), { actor: employee(f.employees[0]!), enrolmentId: later })).toMatchObject({ ok: true, value: { free: false } })
	})

	test('a change of the note, the seats or the minimum only tells nobody', async () => {
		const { sessionId, meetingIds, at } = await plannedSession()
		const enrolled = await enrol(sessionId, f.employees[4]!, 'enrolled')
		const edited = await edit(sessionId, { meetings: [meeting(30, f.roomA, { id: meetingIds[0], ...at }), meeting(37, f.roomA, { id: meetingIds[1], ...at })], capacity: 12, minimumParticipants: 3, participantNote: 'Koffie staat klaar.' })
		expect(edited).toEqual({ ok: true, value: { notified: 0, promoted: 0 } })
		expect(await jobsFor(enrolled)).toEqual([])
		expect(await sessionRow(sessionId)).toMatchObject({ capacity: 12, minimumParticipants: 3, participantNote: 'Koffie staat klaar.' })
		// One of the minimum of three, before the start: the list and the page warn the coordinator.
		const listed = await listUnitSessions(ctx(), { actor: coordinator(), filters: { van: '' }, sort: { id: 'date', desc: false }, page: 1 })
		expect(listed.ok && listed.value.rows.find((row) => row.id === sessionId)).toMatchObject({ belowMinimum: true })
		const shown = await showSessionAdmin(ctx(), { actor: coordinator(), sessionId })
		expect(shown.ok && shown.value.belowMinimum).toMatchObject({ taken: 1, minimum: 3 })
	})

	test('bad input is refused beside its field and changes nothing: capacity below the seats given, a meeting in the past, an end before the start, another unit’s room or trainer, a room taken', async () => {
		const { sessionId, meetingIds, at } = await plannedSession()
		await enrol(sessionId, f.employees[5]!, 'enrolled')
		await enrol(sessionId, f.employees[6]!, 'enrolled')
		const before = await sessionRow(sessionId)
		const meetingsBefore = await meetingsOf(sessionId)
		const kept = (days: number, place: string, extra: { startTime?: string; endTime?: string } = {}) => meeting(days, place, { id: meetingIds[0], ...at, ...extra })
		expect(await edit(sessionId, { meetings: [kept(30, f.roomA)], capacity: 1 })).toEqual({ ok: false, kind: 'invalid', code: 'CAPACITY_BELOW_TAKEN', field: 'capacity', values: { taken: 2 } })
		expect(await edit(sessionId, { meetings: [kept(-1, f.roomA)], capacity: 10 })).toEqual({ ok: false, kind: 'invalid', code: 'MEETING_IN_PAST', field: 'meetings[0].date' })
		expect(await edit(sessionId, { meetings: [kept(30, f.roomA, { startTime: '13:00', endTime: '09:00' })], capacity: 10 })).toEqual({ ok: false, kind: 'invalid', code: 'MEETING_ENDS_BEFORE_START', field: 'meetings[0].endTime' })
		expect(await edit(sessionId, { meetings: [kept(30, f.nvwaRoom)], capacity: 10 })).toEqual({ ok: false, kind: 'not_found', code: 'ROOM_NOT_FOUND', field: 'meetings[0].place' })
		expect(await edit(sessionId, { meetings: [{ ...kept(30, f.roomA), trainerIds: [f.nvwaTrainer] }], capacity: 10 })).toEqual({ ok: false, kind: 'not_found', code: 'TRAINER_NOT_FOUND', field: 'meetings[0].trainerIds' })
		// Room B is booked by another session at that time: named beside the place.
		const other = await plannedSession({ days: 60 })
		const taken = await edit(sessionId, { meetings: [{ ...kept(60, f.roomA, other.at), trainerIds: [f.otherTrainer] }], capacity: 10 })
		expect(taken).toMatchObject({ ok: false, kind: 'conflict', code: 'ROOM_DOUBLE_BOOKED', field: 'meetings[0].place', values: { name: 'Zaal Dommel (RVO Den Haag)', course: 'Vergaderen met impact' } })
		expect(other.sessionId).not.toBe(sessionId)
		// Another unit's coordinator does not find the session at all.
		const nvwa: Actor = { userId: f.nvwaCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] }
		expect(await editSession(ctx(), { actor: nvwa, sessionId, input: { meetings: [meeting(30, 'online')], capacity: 10, onlineLink: 'https://vergader.example/x' } })).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })

		expect(await sessionRow(sessionId)).toEqual(before)
		expect(await meetingsOf(sessionId)).toEqual(meetingsBefore)
	})

	test('a session that has started can no longer be changed', async () => {
		const { sessionId, meetingIds, at } = await plannedSession({ days: 2 })
		const started = new Date(NOW.getTime() + 3 * DAY)
		expect(await edit(sessionId, { meetings: [meeting(12, f.roomA, { id: meetingIds[1], ...at })], capacity: 10 }, started)).toEqual({ ok: false, kind: 'conflict', code: 'SESSION_EDIT_STARTED' })
	})

	test('after the enrolment deadline nobody can enrol; before it they can', async () => {
		const { sessionId } = await plannedSession({ enrolmentDeadline: date(10) })
		const after = await requestEnrolment(ctx(new Date(NOW.getTime() + 11 * DAY)), { actor: employee(f.employees[7]!), sessionId, costCentre: null })
		expect(after).toEqual({ ok: false, kind: 'invalid', code: 'ENROLMENT_CLOSED', field: 'sessionId' })
		expect(await requestEnrolment(ctx(), { actor: employee(f.employees[7]!), sessionId, costCentre: null })).toMatchObject({ ok: true, value: { status: 'enrolled' } })
	})

	test('the minimum-participants scan tells each coordinator once, three days before the deadline, and not when the minimum is reached', async () => {
		const below = await plannedSession({ minimumParticipants: 3, enrolmentDeadline: date(20), days: 50 })
		await enrol(below.sessionId, f.employees[8]!, 'enrolled')
		const reached = await plannedSession({ minimumParticipants: 1, enrolmentDeadline: date(20), days: 57 })
		await enrol(reached.sessionId, f.employees[9]!, 'enrolled')
		const notices = async () => (await listMailJobs(app.db)).filter((job) => job.kind === 'minimum_not_reached')
		// Five days before the deadline: not yet.
		expect(await enqueueMinimumNotices(ctx(new Date(NOW.getTime() + 15 * DAY)), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		const threeDaysBefore = new Date(NOW.getTime() + 18 * DAY)
		expect(await enqueueMinimumNotices(ctx(threeDaysBefore), { actor: null })).toEqual({ ok: true, value: { queued: 1 } })
		expect(await enqueueMinimumNotices(ctx(new Date(threeDaysBefore.getTime() + DAY)), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		const [job] = await notices()
		expect(job).toMatchObject({ sessionId: below.sessionId, recipientUserId: f.coordinator, tenantId: f.rvo })
		expect(await sendNotification(ctx(threeDaysBefore), { actor: { tenantId: f.rvo, userId: null }, delivery, job: job! })).toEqual({ ok: true, value: 'kept' })
		const mail = await outboxMail(job!.messageKey)
		expect(mail!.subject).toBe('Minimum niet gehaald: Vergaderen met impact')
		expect(mail!.body).toContain('1 van de minimaal 3 deelnemers')
	})

	test('someone moved to another session is mailed from where to where, not a plain enrolment mail', async () => {
		const from = await plannedSession({ days: 70 })
		const to = await plannedSession({ days: 80 })
		const enrolmentId = await enrol(from.sessionId, f.employees[10]!, 'enrolled')
		const moved = await moveEnrolment(ctx(), { actor: coordinator(), enrolmentId, toSessionId: to.sessionId })
		expect(moved).toMatchObject({ ok: true, value: { status: 'enrolled', employeeName: 'e10', to: { city: 'Den Haag' } } })
		expect((await jobsFor(enrolmentId)).map((job) => job.kind)).toEqual(['enrolment_moved'])
		const [mail] = await mailsFor(enrolmentId, 'enrolment_moved')
		expect(mail).toMatch(/^Verplaatst: /)
		expect(mail).toMatch(/Van: Vergaderen met impact, .*\nNaar: Vergaderen met impact, /)
	})

	test('an online session’s link is on Mijn leren for someone with a seat, not for someone waiting', async () => {
		const planned = await planNewSession(ctx(), {
			actor: coordinator(),
			courseId: f.course,
			input: { meetings: [meeting(90, 'online')], capacity: 1, onlineLink: 'https://vergader.example/geheim-90' },
		})
		if (!planned.ok) throw new Error(planned.code)
		const sessionId = planned.value.sessionIds[0]!
		await enrol(sessionId, f.employees[11]!, 'enrolled')
		await enrol(sessionId, f.employees[12]!, 'waitlisted')
		const learning = async (userId: string) => {
			const shown = await showMyLearning(ctx(), { actor: employee(userId) })
			if (!shown.ok) throw new Error(shown.code)
			return [...shown.value.enrolled, ...shown.value.waitlisted].filter((row) => row.sessionId === sessionId).map((row) => row.onlineLink)
		}
		expect(await learning(f.employees[11]!)).toEqual(['https://vergader.example/geheim-90'])
		expect(await learning(f.employees[12]!)).toEqual([null])
	})
})

/** RVO (free cancellation until 7 days before) with a course, two rooms, trainers, a coordinator and employees; NVWA with a room and trainer of its own. */
async function plant(database: TestDatabase) {
	const db = database.db
	const [rvo, nvwa] = (
		await db
			.insert(schema.tenants)
			.values([
				{ slug: 'rvo', name: 'RVO', shortName: 'RVO', poOverrides: { approval: { mode: 'never' }, freeCancellationDays: 7 } },
				{ slug: 'nvwa', name: 'NVWA', shortName: 'NVWA' },
			])
			.returning({ id: schema.tenants.id })
	).map((row) => row.id) as [string, string]
	const person = async (tenantId: string, name: string) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name}@test.nl` }).returning({ id: schema.users.id }))[0]!.id
	const coordinator = await person(rvo, 'coordinator')
	const nvwaCoordinator = await person(nvwa, 'nvwa-coordinator')
	const employees: string[] = []
	for (let k = 0; k < 13; k++) employees.push(await person(rvo, `e${k}`))
	await db.insert(schema.roleAssignments).values([
		{ userId: coordinator, role: 'coordinator', tenantId: rvo },
		{ userId: nvwaCoordinator, role: 'coordinator', tenantId: nvwa },
	])
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: rvo, title: 'Vergaderen met impact', summary: 'S', description: 'D', form: 'classroom', durationMinutes: 420, status: 'published', visibility: 'concern', priceCents: 0 })
		.returning({ id: schema.courses.id })
	const [location, nvwaLocation] = await db
		.insert(schema.locations)
		.values([
			{ tenantId: rvo, name: 'RVO Den Haag', address: 'Prinses Beatrixlaan 2', city: 'Den Haag' },
			{ tenantId: nvwa, name: 'NVWA Utrecht', address: 'Catharijnesingel 59', city: 'Utrecht' },
		])
		.returning({ id: schema.locations.id })
	const [roomA, roomB, nvwaRoom] = await db
		.insert(schema.rooms)
		.values([
			{ tenantId: rvo, locationId: location!.id, name: 'Zaal Dommel', capacity: 20 },
			{ tenantId: rvo, locationId: location!.id, name: 'Zaal Maas', capacity: 20 },
			{ tenantId: nvwa, locationId: nvwaLocation!.id, name: 'Zaal Vecht', capacity: 20 },
		])
		.returning({ id: schema.rooms.id })
	const [trainer, otherTrainer, nvwaTrainer] = await db
		.insert(schema.trainers)
		.values([
			{ tenantId: rvo, kind: 'external', name: 'Trudy Trainer', organisation: 'Bureau', email: 'trudy@example.org' },
			{ tenantId: rvo, kind: 'external', name: 'Otto Trainer', organisation: 'Bureau', email: 'otto@example.org' },
			{ tenantId: nvwa, kind: 'external', name: 'Nina Trainer', organisation: 'Bureau', email: 'nina@example.org' },
		])
		.returning({ id: schema.trainers.id })
	return {
		rvo,
		nvwa,
		coordinator,
		nvwaCoordinator,
		employees,
		course: course!.id,
		roomA: roomA!.id,
		roomB: roomB!.id,
		nvwaRoom: nvwaRoom!.id,
		trainer: trainer!.id,
		otherTrainer: otherTrainer!.id,
		nvwaTrainer: nvwaTrainer!.id,
	}
}
