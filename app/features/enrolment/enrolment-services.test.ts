import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, finishMailJobs, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor, EnrolmentStatus } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { nl } from '../../i18n/nl.ts'
import { completeEnrolment } from './complete-enrolment.server.ts'
import { decideEnrolments } from './decide-enrolment.server.ts'
import { enqueueReminders } from '../notifications/enqueue-reminders.server.ts'
import { registerMeetingAttendance } from '../sessions/register-meeting-attendance.server.ts'
import { requestEnrolment } from './request-enrolment.server.ts'
import { showCourse } from '../catalogue/show-course.server.ts'
import { testContext } from '../../core/testing.ts'

// The enrolment services against a real database and the real job queue (pg-boss), on PGlite
// and PostgreSQL: what they enqueue in their transaction, and what the state machine refuses.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('enrolment services and the mail queue on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	/** The context a request or job gives a service, with the clock set to `now`. */
	const ctx = (now: Date = NOW) => testContext(app.db, now)
	const job = { actor: null }

	// A fresh, migrated database per driver; PGlite's start-up is the slow part.
	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	/** The mail jobs in the queue, as the tests compare them. */
	const mailJobs = async () =>
		(await listMailJobs(app.db)).map((job) => ({ kind: job.kind, enrolment_id: job.enrolmentId, recipient: job.recipientUserId ?? null, key: job.messageKey }))
	// After set-up the test reads as the portal does, in a unit's context (on PGlite the owner's connection is the app role's too).
	const inUnit = <T>(tenantId: string, work: Parameters<typeof withTenantContext<T>>[2]) => withTenantContext(app.db, { tenantId, userId: null }, work)
	const statusOf = async (enrolmentId: string) =>
		(await inUnit(f.rvo, (tx) => tx.select({ id: schema.enrolments.id, status: schema.enrolments.status }).from(schema.enrolments))).find((row) => row.id === enrolmentId)?.status
	const asManager: () => Actor = () => ({ userId: f.manager, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.rvo }] })
	/** The portal itself acting in a unit (a job, an LTI score). */
	const system = (tenantId: string) => ({ tenantId, userId: null })
	const asCoordinator: () => Actor = () => ({ userId: f.coordinators[0]!, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })

	describe('approval by the manager, then the coordinator', () => {
		test("after the manager's approval every active coordinator of the unit is asked, in the same transaction", async () => {
			const decided = await decideEnrolments(ctx(), { actor: asManager(), enrolmentIds: [f.awaitingManager], decision: { decision: 'approve' } })
			expect(decided).toMatchObject({ ok: true, value: [{ enrolmentId: f.awaitingManager, result: { ok: true, value: 'awaiting_approval' } }] })
			const asked = (await mailJobs()).filter((job) => job.enrolment_id === f.awaitingManager)
			expect(asked.map((job) => [job.kind, job.recipient]).sort()).toEqual(f.coordinators.map((userId) => ['approval_requested', userId]))
			// The inactive coordinator is not asked; the employee hears nothing yet.
			expect(asked.map((job) => job.recipient)).not.toContain(f.inactiveCoordinator)
		})

		test('a request of someone without a manager on record goes straight to the coordinators, who are mailed', async () => {
			const loner: Actor = { userId: f.loner, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] }
			const requested = await requestEnrolment(ctx(), { actor: loner, sessionId: f.laterSessionId, costCentre: null })
			expect(requested).toMatchObject({ ok: true, value: { status: 'awaiting_approval' } })
			const enrolmentId = requested.ok ? requested.value.enrolmentId : ''
			const asked = (await mailJobs()).filter((job) => job.enrolment_id === enrolmentId)
			expect(asked.map((job) => [job.kind, job.recipient]).sort()).toEqual(f.coordinators.map((userId) => ['approval_requested', userId]))
		})

		test('a manager may not take the second step, and a refused decision enqueues nothing', async () => {
			const before = (await mailJobs()).length
			const decided = await decideEnrolments(ctx(), { actor: asManager(), enrolmentIds: [f.awaitingManager], decision: { decision: 'approve' } })
			expect(decided).toMatchObject({ ok: true, value: [{ enrolmentId: f.awaitingManager, result: { ok: false, kind: 'forbidden', code: 'APPROVAL_NOT_YOUR_STEP' } }] })
			expect((await mailJobs()).length).toBe(before)
		})

		test("the coordinator's approval is final: the employee is seated and told, and nobody is asked again", async () => {
			const decided = await decideEnrolments(ctx(), { actor: asCoordinator(), enrolmentIds: [f.awaitingManager], decision: { decision: 'approve' } })
			expect(decided).toMatchObject({ ok: true, value: [{ enrolmentId: f.awaitingManager, result: { ok: true, value: 'enrolled' } }] })
			const jobs = (await mailJobs()).filter((job) => job.enrolment_id === f.awaitingManager)
			expect(jobs.map((job) => job.kind)).toEqual([...f.coordinators.map(() => 'approval_requested'), 'enrolment_approved'])
		})
	})

	describe('a course of the own unit that is not published (draft or archived)', () => {
		const enrolmentsIn = async (sessionId: string) =>
			(await inUnit(f.rvo, (tx) => tx.select({ sessionId: schema.enrolments.sessionId }).from(schema.enrolments))).filter((row) => row.sessionId === sessionId)
		const asEmployee = (): Actor => ({ userId: f.employee, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })

		test('its page is not found for an employee or manager of the providing unit, as if it did not exist; its coordinators see it', async () => {
			for (const course of f.unpublished) {
				expect(await showCourse(ctx(), { actor: asEmployee(), courseId: course.id })).toEqual({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
				expect(await showCourse(ctx(), { actor: asManager(), courseId: course.id })).toEqual({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
				expect(await showCourse(ctx(), { actor: null, courseId: course.id })).toEqual({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
				expect(await showCourse(ctx(), { actor: asCoordinator(), courseId: course.id })).toMatchObject({ ok: true, value: { kind: 'course', course: { title: course.title } } })
			}
		})

		test("an employee of the providing unit cannot enrol in its sessions: the session is not found, and nothing is stored or mailed", async () => {
			const mails = (await mailJobs()).length
			for (const { sessionId } of f.unpublished) {
				expect(await requestEnrolment(ctx(), { actor: asEmployee(), sessionId, costCentre: null })).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND', field: 'sessionId' })
				expect(await enrolmentsIn(sessionId)).toEqual([])
			}
			expect((await mailJobs()).length).toBe(mails)
		})

		test('its coordinator, who sees the course, is refused too, with the reason', async () => {
			for (const { sessionId } of f.unpublished) {
				expect(await requestEnrolment(ctx(), { actor: asCoordinator(), sessionId, costCentre: null })).toEqual({ ok: false, kind: 'conflict', code: 'COURSE_NOT_PUBLISHED', field: 'sessionId' })
				expect(await enrolmentsIn(sessionId)).toEqual([])
			}
			expect(nl.errors.COURSE_NOT_PUBLISHED).toMatch(/niet gepubliceerd/)
		})
	})

	describe('the reminder scan', () => {
		const reminders = async () => (await mailJobs()).filter((job) => job.kind.startsWith('reminder_'))

		test('queues one 7-day reminder per enrolled participant, none for the waitlisted or cancelled, and none again when run again', async () => {
			const at = new Date(f.inSevenDays.getTime() - 7 * DAY + 3_600_000)
			expect(await enqueueReminders(ctx(at), job)).toEqual({ ok: true, value: { queued: 2 } })
			expect(await enqueueReminders(ctx(at), job)).toEqual({ ok: true, value: { queued: 0 } })
			// An hour later the session is still inside the scan's window: still nothing new.
			expect(await enqueueReminders(ctx(new Date(at.getTime() + 3_600_000)), job)).toEqual({ ok: true, value: { queued: 0 } })
			const queued = await reminders()
			expect(queued.map((job) => [job.kind, job.enrolment_id]).sort()).toEqual(
				[f.weekSession.enrolled[0], f.weekSession.enrolled[1]].map((id) => ['reminder_7_days', id]).sort(),
			)
			expect(queued.map((job) => job.enrolment_id)).not.toContain(f.weekSession.waitlisted)
			expect(queued.map((job) => job.enrolment_id)).not.toContain(f.weekSession.cancelled)
		})

		test('the 1-day reminder is a reminder of its own, once, also after the 7-day one was sent', async () => {
			// The 7-day reminders went out: the queue finished them and the outbox holds them.
			const sent = await reminders()
			await finishMailJobs(app.db)
			await inUnit(f.rvo, (tx) =>
				tx.insert(schema.outboxMails).values(sent.map((job) => ({ tenantId: f.rvo, messageKey: job.key, messageId: `<${job.key}>`, toAddress: 'x@test.nl', subject: 'Herinnering', body: '', status: 'sent' as const }))),
			)
			const at = new Date(f.inSevenDays.getTime() - DAY + 3_600_000)
			expect(await enqueueReminders(ctx(at), job)).toEqual({ ok: true, value: { queued: 2 } })
			expect(await enqueueReminders(ctx(at), job)).toEqual({ ok: true, value: { queued: 0 } })
			const oneDay = (await reminders()).filter((job) => job.kind === 'reminder_1_day')
			expect(oneDay.map((job) => job.enrolment_id).sort()).toEqual([...f.weekSession.enrolled].sort())
			// Each (kind, enrolment) exactly once in the queue.
			const keys = (await reminders()).map((job) => `${job.kind}:${job.enrolment_id}`)
			expect(new Set(keys).size).toBe(keys.length)
			expect(keys).toHaveLength(4)
		})
	})

	describe('completing an enrolment', () => {
		test('after attendance the enrolment is completed through the state machine, audited, and completing again is harmless', async () => {
			const provider: Actor = { userId: f.providerCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] }
			const afterStart = new Date(f.pastSession.startsAt.getTime() + 3_600_000)
			expect(
				await registerMeetingAttendance(ctx(afterStart), { actor: provider, sessionId: f.pastSession.id, meetingId: f.pastSession.meetingId, marks: [{ enrolmentId: f.pastSession.enrolled, present: true }] }),
			).toEqual({ ok: true, value: { saved: [{ enrolmentId: f.pastSession.enrolled, name: 'e2', status: 'attended' }], refused: [] } })
			expect(await statusOf(f.pastSession.enrolled)).toBe('attended')

			expect(await completeEnrolment(ctx(), { actor: system(f.rvo), enrolmentId: f.pastSession.enrolled, source: 'lti' })).toEqual({ ok: true, value: 'completed' })
			expect(await statusOf(f.pastSession.enrolled)).toBe('completed')
			// Attendance is in the providing unit's trail, completion in the employee's.
			const trail = async (tenantId: string) => (await inUnit(tenantId, (tx) => tx.select().from(schema.auditLog))).filter((row) => row.objectId === f.pastSession.enrolled)
			expect((await trail(f.nvwa)).map((row) => [row.action, row.before, row.after])).toEqual([
				['attendance.register', null, { meetingId: f.pastSession.meetingId, present: true }],
				['enrolment.attend', { status: 'enrolled' }, { status: 'attended' }],
			])
			expect((await trail(f.rvo)).map((row) => [row.action, row.before, row.after])).toEqual([['enrolment.complete.lti', { status: 'attended' }, { status: 'completed' }]])
			expect(await completeEnrolment(ctx(), { actor: system(f.rvo), enrolmentId: f.pastSession.enrolled, source: 'lti' })).toEqual({ ok: true, value: 'completed' })
		})

		test('a no-show or a cancelled enrolment cannot be completed, with a message a person understands', async () => {
			for (const enrolmentId of [f.pastSession.noShow, f.weekSession.cancelled]) {
				const before = await statusOf(enrolmentId)
				const result = await completeEnrolment(ctx(), { actor: system(f.rvo), enrolmentId, source: 'lti' })
				expect(result).toEqual({ ok: false, kind: 'conflict', code: 'ENROLMENT_TRANSITION_NOT_ALLOWED' })
				expect(await statusOf(enrolmentId)).toBe(before)
				if (!result.ok) expect(nl.errors[result.code]).toBe('Dat kan niet in de huidige stand van deze inschrijving (bijvoorbeeld: ze is al geannuleerd of afgerond).')
			}
		})

		test("another unit's enrolment is not found, not completed", async () => {
			expect(await completeEnrolment(ctx(), { actor: system(f.nvwa), enrolmentId: f.pastSession.noShow, source: 'lti' })).toEqual({ ok: false, kind: 'not_found', code: 'ENROLMENT_NOT_FOUND' })
		})
	})

	describe('attendance for several people', () => {
		const provider = (): Actor => ({ userId: f.providerCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
		const afterStart = () => new Date(f.pastSession.startsAt.getTime() + 3_600_000)

		test('saves the rows it can and names the row it cannot: an enrolment of another session is refused, the rest saved', async () => {
			const smuggled = f.weekSession.enrolled[0]!
			const result = await registerMeetingAttendance(ctx(afterStart()), {
				actor: provider(),
				sessionId: f.pastSession.id,
				meetingId: f.pastSession.meetingId,
				marks: [
					{ enrolmentId: f.pastSession.noShow, present: true },
					{ enrolmentId: smuggled, present: true },
				],
			})
			expect(result).toEqual({
				ok: true,
				value: {
					saved: [{ enrolmentId: f.pastSession.noShow, name: 'e3', status: 'attended' }],
					refused: [{ enrolmentId: smuggled, name: null, field: `attendance:${smuggled}`, kind: 'not_found', code: 'ENROLMENT_NOT_FOUND' }],
				},
			})
			// The one meeting counts in full: present there is attended (a correction of the no-show).
			expect(await statusOf(f.pastSession.noShow)).toBe('attended')
			expect(await statusOf(smuggled)).toBe('enrolled')
		})

		test("is not registered before the start, nor by another unit's coordinator", async () => {
			const before = await statusOf(f.pastSession.noShow)
			const input = { sessionId: f.pastSession.id, meetingId: f.pastSession.meetingId, marks: [{ enrolmentId: f.pastSession.noShow, present: false }] }
			expect(await registerMeetingAttendance(ctx(new Date(f.pastSession.startsAt.getTime() - 60_000)), { actor: provider(), ...input })).toEqual({
				ok: false,
				kind: 'invalid',
				code: 'MEETING_NOT_STARTED',
				field: 'meetingId',
			})
			expect(await registerMeetingAttendance(ctx(afterStart()), { actor: asCoordinator(), ...input })).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })
			expect(await statusOf(f.pastSession.noShow)).toBe(before)
		})
	})
})

/**
 * RVO (approval always, manager then coordinator) whose employees take NVWA courses: one request
 * awaiting its manager, an employee without a manager, a session a week after NOW with two enrolled, one waitlisted and one
 * cancelled, and a session that has taken place with one enrolled and one no-show.
 */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db, { nvwa: { poOverrides: { approval: { mode: 'never' } } }, rvo: { poOverrides: { approval: { mode: 'always' }, approvers: 'manager_then_coordinator' } } })
	const person = async (tenantId: string, name: string, extra: { managerId?: string; active?: boolean } = {}) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name}@test.nl`, ...extra }).returning({ id: schema.users.id }))[0]!.id
	const manager = await person(rvo, 'manager')
	const coordinators = [await person(rvo, 'coordinator-a'), await person(rvo, 'coordinator-b')].sort()
	const inactiveCoordinator = await person(rvo, 'coordinator-gone', { active: false })
	const providerCoordinator = await person(nvwa, 'nvwa-coordinator')
	const employees = await Promise.all(['e1', 'e2', 'e3', 'e4', 'e5'].map((name) => person(rvo, name, { managerId: manager })))
	const loner = await person(rvo, 'no-manager')
	await db.insert(schema.roleAssignments).values([
		{ userId: manager, role: 'manager', tenantId: rvo },
		...[...coordinators, inactiveCoordinator].map((userId) => ({ userId, role: 'coordinator' as const, tenantId: rvo })),
		{ userId: providerCoordinator, role: 'coordinator', tenantId: nvwa },
	])
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: nvwa, title: 'Toezicht in de praktijk', summary: 'S', description: 'D', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern', priceCents: 0 })
		.returning({ id: schema.courses.id })
	// RVO's own courses that are not published, each with a session ahead (issue 12).
	const unpublished = await db
		.insert(schema.courses)
		.values(
			(['draft', 'archived'] as const).map((status) => ({
				providerTenantId: rvo,
				title: `Niet gepubliceerd: ${status}`,
				summary: 'S',
				description: 'D',
				form: 'classroom' as const,
				durationMinutes: 120,
				status,
				visibility: 'concern' as const,
				priceCents: 0,
			})),
		)
		.returning({ id: schema.courses.id, title: schema.courses.title })
	const unpublishedSessions = await db
		.insert(schema.sessions)
		.values(unpublished.map((c) => ({ tenantId: rvo, courseId: c.id, startsAt: new Date(NOW.getTime() + 20 * DAY), endsAt: new Date(NOW.getTime() + 20 * DAY + 7_200_000), capacity: 10 })))
		.returning({ id: schema.sessions.id })
	const inSevenDays = new Date(NOW.getTime() + 7 * DAY)
	const pastStart = new Date(NOW.getTime() - 2 * DAY)
	const [later, week, past] = await db
		.insert(schema.sessions)
		.values([
			{ tenantId: nvwa, courseId: course!.id, startsAt: new Date(NOW.getTime() + 30 * DAY), endsAt: new Date(NOW.getTime() + 30 * DAY + 7_200_000), capacity: 10 },
			{ tenantId: nvwa, courseId: course!.id, startsAt: inSevenDays, endsAt: new Date(inSevenDays.getTime() + 7_200_000), capacity: 2 },
			{ tenantId: nvwa, courseId: course!.id, startsAt: pastStart, endsAt: new Date(pastStart.getTime() + 7_200_000), capacity: 10 },
		])
		.returning({ id: schema.sessions.id })
	// The past session's one meeting, online (attendance is registered per meeting).
	const [pastMeeting] = await db
		.insert(schema.sessionMeetings)
		.values({ tenantId: nvwa, sessionId: past!.id, startsAt: pastStart, endsAt: new Date(pastStart.getTime() + 7_200_000), online: true })
		.returning({ id: schema.sessionMeetings.id })
	let queue = 0
	const enrol = async (sessionId: string, userId: string, status: EnrolmentStatus, extra: { approvalStep?: 'manager' | 'coordinator'; approvalReason?: 'unit_always' } = {}) =>
		(
			await db
				.insert(schema.enrolments)
				.values({ tenantId: rvo, sessionId, userId, status, queueNumber: status === 'awaiting_approval' ? null : ++queue, ...extra })
				.returning({ id: schema.enrolments.id })
		)[0]!.id
	return {
		nvwa,
		rvo,
		manager,
		coordinators,
		inactiveCoordinator,
		providerCoordinator,
		loner,
		laterSessionId: later!.id,
		unpublished: unpublished.map((c, index) => ({ ...c, sessionId: unpublishedSessions[index]!.id })),
		employee: employees[0]!,
		inSevenDays,
		awaitingManager: await enrol(later!.id, employees[0]!, 'awaiting_approval', { approvalStep: 'manager', approvalReason: 'unit_always' }),
		weekSession: {
			enrolled: [await enrol(week!.id, employees[1]!, 'enrolled'), await enrol(week!.id, employees[2]!, 'enrolled')],
			waitlisted: await enrol(week!.id, employees[3]!, 'waitlisted'),
			cancelled: await enrol(week!.id, employees[4]!, 'cancelled'),
		},
		pastSession: { id: past!.id, startsAt: pastStart, meetingId: pastMeeting!.id, enrolled: await enrol(past!.id, employees[1]!, 'enrolled'), noShow: await enrol(past!.id, employees[2]!, 'no_show') },
	}
}
