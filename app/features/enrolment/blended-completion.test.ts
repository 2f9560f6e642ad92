import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { storeScore } from '@leerplein/db/lti'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertElearningOnTool, insertNvwaAndRvo, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { scoreSchema } from '../lti/protocol.server.ts'
import { recordLtiScore } from '../lti/record-lti-score.server.ts'
import { settleBlendedCompletion } from './settle-blended-completion.server.ts'
import { moveCoursePart } from '../lti/move-course-part.server.ts'
import { setCompletionRule } from '../lti/set-completion-rule.server.ts'
import type { ToolAccess } from '../lti/tool-context.server.ts'
import { registerMeetingAttendance } from '../sessions/register-meeting-attendance.server.ts'
import { showMyLearning } from './show-my-learning.server.ts'
import { testContext } from '../../core/testing.ts'

// A blended programme (ADR 033) against a real database on both drivers: NVWA's course is a
// classroom meeting and a Moodle module. An RVO employee's enrolment completes only when both are
// done — attended first and then the module's passing score, or the other way round — through the
// real attendance register and the real AGS score path, each deciding in its own transaction.

const NOW = new Date('2030-05-10T12:00:00Z')

describe.each(await testDrivers())('a blended programme completes in either order on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const coordinator = (): Actor => ({ userId: f.coordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const statusOf = async (enrolmentId: string) =>
		(await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.select({ id: schema.enrolments.id, status: schema.enrolments.status }).from(schema.enrolments))).find((row) => row.id === enrolmentId)?.status
	const attend = (enrolmentId: string) => registerMeetingAttendance(ctx(), { actor: coordinator(), sessionId: f.session, meetingId: f.meeting, marks: [{ enrolmentId, present: true }] })
	const score = (userId: string, scoreGiven: number) =>
		recordLtiScore(ctx(), {
			actor: f.tool,
			lineItemId: f.lineItem,
			score: scoreSchema.parse({ userId, scoreGiven, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date(NOW.getTime() - 60_000 + scoreGiven).toISOString() }),
		})

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('attended first: the enrolment waits at attended, and the passing score completes it', async () => {
		expect(await attend(f.first.enrolment)).toMatchObject({ ok: true, value: { saved: [{ enrolmentId: f.first.enrolment, status: 'attended' }], refused: [] } })
		expect(await score(f.first.userId, 80)).toMatchObject({ ok: true, value: { decision: 'store', completedPart: true, completedEnrolments: 1 } })
		expect(await statusOf(f.first.enrolment)).toBe('completed')
	})

	test('the module first: a passing score leaves the enrolment enrolled, and attendance completes it', async () => {
		expect(await score(f.second.userId, 80)).toMatchObject({ ok: true, value: { decision: 'store', completedPart: true, completedEnrolments: 0 } })
		expect(await statusOf(f.second.enrolment)).toBe('enrolled')
		expect(await attend(f.second.enrolment)).toMatchObject({ ok: true, value: { saved: [{ enrolmentId: f.second.enrolment, status: 'completed' }], refused: [] } })
		expect(await statusOf(f.second.enrolment)).toBe('completed')
	})

	test('a score under the pass mark is no completed part: attended stays attended', async () => {
		expect(await attend(f.third.enrolment)).toMatchObject({ ok: true, value: { saved: [{ status: 'attended' }] } })
		expect(await score(f.third.userId, 40)).toMatchObject({ ok: true, value: { completedPart: false, completedEnrolments: 0 } })
		expect(await statusOf(f.third.enrolment)).toBe('attended')
	})

	test('the completion is audited in the employee\'s unit, and it writes the course\'s passport evidence', async () => {
		const trail = (await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.select().from(schema.auditLog))).filter((row) => row.action === 'enrolment.complete.blended')
		expect(trail.map((row) => row.objectId).sort()).toEqual([f.first.enrolment, f.second.enrolment].sort())
		expect(trail.every((row) => row.tenantId === f.rvo)).toBe(true)
		const evidence = await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.select().from(schema.passportEvidence))
		expect(evidence.filter((row) => row.sourceKind === 'course_completion').map((row) => row.sourceRef).sort()).toEqual([f.first.enrolment, f.second.enrolment].sort())
	})

	// Deterministic, on PostgreSQL: the score's transaction has stored the score, locked the enrolment
	// and read it not yet attended; attendance arrives before it commits. Without the lock the
	// attendance would read the uncommitted score as missing and both would miss the completion.
	test.skipIf(driver !== 'postgres')('attendance arriving while a score\'s transaction has decided but not committed waits for it, then completes the enrolment', async () => {
		const racer = f.racers[0]!
		let decided = () => {}
		const hasDecided = new Promise<void>((resolve) => (decided = resolve))
		let commit = () => {}
		const mayCommit = new Promise<void>((resolve) => (commit = resolve))
		const target = { tenantId: f.nvwa, toolId: f.tool.toolId, courseId: f.course, lineItemId: f.lineItem, userId: racer.userId }
		const scored = storeScore(
			app.db,
			target,
			{ scoreGiven: 90, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded', comment: null, timestamp: NOW, completesPart: true, closeEnrolmentsFrom: [], audit: { origin: null, requestId: null }, now: NOW },
			async (tx) => {
				const completed = await settleBlendedCompletion(ctx(), tx, { courseId: f.course, userId: racer.userId })
				decided()
				await mayCommit
				return completed
			},
		)
		await hasDecided
		const attended = attend(racer.enrolment)
		// The attendance's update of the enrolment waits for the score's lock (seen from the owner's connection), or has finished.
		let finished = false
		void attended.finally(() => (finished = true))
		await waitForALockWait(database, () => finished)
		commit()
		expect(await scored).toMatchObject({ stored: true, completedPart: true, completedEnrolments: 0 })
		expect(await attended).toMatchObject({ ok: true, value: { saved: [{ enrolmentId: racer.enrolment, status: 'completed' }] } })
		expect(await statusOf(racer.enrolment)).toBe('completed')
	})

	test('the coordinator sets a rule of at least one of the two parts (three is refused beside the field): it is retroactive, and the module alone completes an enrolment', async () => {
		const coordinatorSets = (minParts: number | null) => setCompletionRule(ctx(), { actor: coordinator(), courseId: f.course, minParts })
		expect(await coordinatorSets(3)).toEqual({ ok: false, kind: 'invalid', code: 'COMPLETION_RULE_OUT_OF_RANGE', field: 'minParts', values: { parts: 2 } })
		expect(await statusOf(f.third.enrolment)).toBe('attended')
		// In the rule's own transaction: the third (attended, module failed) meets one of two at once; nobody else does.
		expect(await coordinatorSets(1)).toEqual({ ok: true, value: { completed: 1 } })
		expect(await statusOf(f.third.enrolment)).toBe('completed')
		expect(await statusOf(f.fourth.enrolment)).toBe('enrolled')
		const trail = (await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.select().from(schema.auditLog))).filter((row) => row.action === 'enrolment.complete.blended')
		expect(trail.map((row) => row.objectId)).toContain(f.third.enrolment)
		// The same rule again changes nothing and completes nobody.
		expect(await coordinatorSets(1)).toEqual({ ok: true, value: { completed: 0 } })
		expect(await score(f.fourth.userId, 90)).toMatchObject({ ok: true, value: { completedPart: true, completedEnrolments: 1 } })
		expect(await statusOf(f.fourth.enrolment)).toBe('completed')
	})

	test('under one of two parts, a no-show whose module is passed completes: the classroom part is one part not done', async () => {
		const absent = await registerMeetingAttendance(ctx(), { actor: coordinator(), sessionId: f.session, meetingId: f.meeting, marks: [{ enrolmentId: f.noShow.enrolment, present: false }] })
		expect(absent).toMatchObject({ ok: true, value: { saved: [{ enrolmentId: f.noShow.enrolment, status: 'no_show' }], refused: [] } })
		expect(await score(f.noShow.userId, 90)).toMatchObject({ ok: true, value: { completedPart: true, completedEnrolments: 1 } })
		expect(await statusOf(f.noShow.enrolment)).toBe('completed')
	})

	test('the coordinator moves the classroom part after the module: the order is stored and audited, and the first part cannot go up', async () => {
		expect(await moveCoursePart(ctx(), { actor: coordinator(), courseId: f.course, part: 'classroom', direction: 'up' })).toEqual({ ok: false, kind: 'conflict', code: 'PART_CANNOT_MOVE' })
		expect(await moveCoursePart(ctx(), { actor: coordinator(), courseId: f.course, part: 'classroom', direction: 'down' })).toEqual({ ok: true, value: null })
		const trail = (await withTenantContext(app.db, { tenantId: f.nvwa, userId: null }, (tx) => tx.select().from(schema.auditLog))).filter((row) => row.action === 'course.part_order_set')
		expect(trail.map((row) => [row.before, row.after])).toEqual([[{ classroomIndex: 0, online: [f.resourceLink] }, { classroomIndex: 1, online: [f.resourceLink] }]])
		// An employee of another unit may not.
		const employee: Actor = { userId: f.third.userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] }
		expect(await moveCoursePart(ctx(), { actor: employee, courseId: f.course, part: 'classroom', direction: 'up' })).toMatchObject({ ok: false })
	})

	test('"Mijn leren" shows the progress per part of a blended enrolment', async () => {
		const employee: Actor = { userId: f.third.userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] }
		const shown = await showMyLearning(ctx(), { actor: employee })
		const enrolment = shown.ok ? [...shown.value.history, ...shown.value.enrolled].find((row) => row.id === f.third.enrolment) : undefined
		expect(enrolment?.blended).toEqual({
			// In the course's order: the module first, then the classroom part.
			parts: [
				{ kind: 'online', id: f.resourceLink, title: 'Hygiëne online', completed: false, done: false },
				{ kind: 'classroom', state: 'attended', done: true },
			],
			done: 1,
			required: 1,
			met: true,
		})
	})

	test('"Mijn leren" of a completed enrolment tells from the marks whether the session was attended', async () => {
		const classroomOf = async (person: { userId: string; enrolment: string }) => {
			const shown = await showMyLearning(ctx(), { actor: { userId: person.userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] } })
			const enrolment = shown.ok ? [...shown.value.history, ...shown.value.enrolled].find((row) => row.id === person.enrolment) : undefined
			return { status: enrolment?.status, classroom: enrolment?.blended?.parts.find((part) => part.kind === 'classroom') }
		}
		expect(await classroomOf(f.first)).toEqual({ status: 'completed', classroom: { kind: 'classroom', state: 'attended', done: true } })
		// Completed by the module alone under the rule of one of two: not attended.
		expect(await classroomOf(f.fourth)).toEqual({ status: 'completed', classroom: { kind: 'classroom', state: 'pending', done: false } })
	})
})

/** NVWA provides a blended course: a classroom session of one (past) meeting and a Moodle module with pass mark 55; six RVO employees are enrolled. */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [coordinator] = await db.insert(schema.users).values({ tenantId: nvwa, employeeNumber: 'c1', name: 'Coördinator NVWA', email: 'coordinator@nvwa.test' }).returning({ id: schema.users.id })
	await db.insert(schema.roleAssignments).values({ userId: coordinator!.id, role: 'coordinator', tenantId: nvwa })
	const { courseId, tool, lineItemIds, resourceLinkId } = await insertElearningOnTool(db, { providerTenantId: nvwa, title: 'Hygiëne online', passMarkPercent: 55 })
	await db.execute(`update courses set form = 'blended', title = 'Hygiëne' where id = '${courseId}'`)
	const [session] = await db
		.insert(schema.sessions)
		.values({ tenantId: nvwa, courseId, startsAt: new Date('2030-05-01T07:00:00Z'), endsAt: new Date('2030-05-01T15:00:00Z'), capacity: 20 })
		.returning({ id: schema.sessions.id })
	const [meeting] = await db
		.insert(schema.sessionMeetings)
		.values({ tenantId: nvwa, sessionId: session!.id, startsAt: new Date('2030-05-01T07:00:00Z'), endsAt: new Date('2030-05-01T15:00:00Z'), online: false })
		.returning({ id: schema.sessionMeetings.id })
	const participant = async (k: number) => {
		const [user] = await db.insert(schema.users).values({ tenantId: rvo, employeeNumber: `e${k}`, name: `Medewerker ${k}`, email: `e${k}@rvo.test` }).returning({ id: schema.users.id })
		const [enrolment] = await db.insert(schema.enrolments).values({ tenantId: rvo, sessionId: session!.id, userId: user!.id, status: 'enrolled', queueNumber: k }).returning({ id: schema.enrolments.id })
		return { userId: user!.id, enrolment: enrolment!.id }
	}
	// Completing the course grants a permanent competency: the passport follows a blended completion too.
	const [integrity] = await db.insert(schema.competencies).values({ name: 'Hygiëne', validityMonths: null, warningDays: 0 }).returning({ id: schema.competencies.id })
	await db.insert(schema.courseCompetencies).values({ courseId, competencyId: integrity!.id })
	const access: ToolAccess = { tenantId: nvwa, userId: null, tool, toolId: tool.id, courseId, scopes: [], issuer: 'https://leerplein.test' }
	return {
		nvwa,
		rvo,
		coordinator: coordinator!.id,
		course: courseId,
		session: session!.id,
		meeting: meeting!.id,
		resourceLink: resourceLinkId,
		lineItem: lineItemIds[0]!,
		tool: access,
		first: await participant(1),
		second: await participant(2),
		third: await participant(3),
		fourth: await participant(4),
		racers: [await participant(5)],
		noShow: await participant(6),
	}
}

/** Resolves once a backend of the test database waits for a lock (PostgreSQL's own view, polled; no fixed sleep decides anything), or `done()`. */
async function waitForALockWait(database: TestDatabase, done: () => boolean): Promise<void> {
	while (!done()) {
		const rows = (await database.asOwner((db) => db.execute(`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))) as unknown as { waiting: number }[] | { rows: { waiting: number }[] }
		const waiting = Array.isArray(rows) ? rows[0]?.waiting : rows.rows[0]?.waiting
		if (waiting && waiting > 0) return
		await new Promise((resolve) => setImmediate(resolve))
	}
}
