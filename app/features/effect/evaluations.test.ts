import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { EvaluationMailJob } from '@leerplein/db/jobs'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { completeEnrolment } from '../enrolment/complete-enrolment.server.ts'
import { showMyLearning } from '../enrolment/show-my-learning.server.ts'
import { sendNotification } from '../notifications/send-notification.server.ts'
import { answerEvaluation } from './answer-evaluation.server.ts'
import { enqueueEvaluationMails } from './enqueue-evaluation-mails.server.ts'
import { exportEvaluationAnswers, showEvaluationResults } from './show-evaluation-results.server.ts'
import { showEvaluation } from './show-evaluation.server.ts'
import { showUnitEvaluations } from './show-unit-evaluations.server.ts'

// Course evaluations (issue 18, item 1; ADR 041): an invitation when a participant completes,
// whatever path got them there; an answer stored without the person; the providing unit sees
// nothing of the answers below five; the invitation mail and at most two reminders, once each.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('course evaluations, on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now = NOW) => testContext(app.db, now)
	const employee = (userId: string): Actor => ({ userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })
	const nvwaCoordinator = (): Actor => ({ userId: f.nvwaCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const rvoCoordinator = (): Actor => ({ userId: f.rvoCoordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })
	// The evaluations; each completion's follow-up, dated weeks ahead, is follow-up.test.ts's (ADR 045).
	const invitations = async () =>
		(
			await database.asOwner((db) =>
				db
					.select({ id: schema.evaluationInvitations.id, kind: schema.evaluationInvitations.kind, userId: schema.evaluationInvitations.userId, tenantId: schema.evaluationInvitations.tenantId, answeredAt: schema.evaluationInvitations.answeredAt, invitedAt: schema.evaluationInvitations.invitedAt })
					.from(schema.evaluationInvitations),
			)
		)
			.filter((row) => row.kind === 'evaluation')
			.map(({ kind: _kind, ...row }) => row)
	const invitationOf = async (userId: string) => (await invitations()).find((row) => row.userId === userId)!.id
	const evaluationMails = async () => (await listMailJobs(app.db)).filter((job): job is EvaluationMailJob => job.kind === 'evaluation_invitation')

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('completing invites the participant once, in their own unit, dated by the service clock; someone who never attended is not invited', async () => {
		for (const person of f.people) expect(await completeEnrolment(ctx(), { actor: { tenantId: f.rvo, userId: null }, enrolmentId: f.enrolmentOf.get(person)!, source: 'lti' })).toEqual({ ok: true, value: 'completed' })
		// NVWA's own employee in NVWA's session: invited in NVWA; completing again changes nothing.
		for (let again = 0; again < 2; again++) expect(await completeEnrolment(ctx(), { actor: { tenantId: f.nvwa, userId: null }, enrolmentId: f.nvwaEnrolment, source: 'lti' })).toMatchObject({ ok: true })
		const rows = await invitations()
		expect(rows).toHaveLength(f.people.length + 1)
		expect(rows.filter((row) => row.userId === f.nvwaEmployee).map((row) => row.tenantId)).toEqual([f.nvwa])
		expect(rows.filter((row) => f.people.includes(row.userId)).every((row) => row.tenantId === f.rvo && row.answeredAt === null)).toBe(true)
		// The one still enrolled (never attended) is not invited.
		expect(rows.some((row) => row.userId === f.absent)).toBe(false)
		const dated = await invitations()
		expect(dated.find((row) => row.userId === f.people[0])!.invitedAt.toISOString()).toBe(NOW.toISOString())
	})

	test('the participant sees the task on "Mijn leren" and the form; another person, or another unit, finds nothing', async () => {
		const [first, second] = f.people as [string, string]
		const learning = await showMyLearning(ctx(), { actor: employee(first) })
		expect(learning.ok && learning.value.evaluations.map((row) => row.courseTitle)).toEqual(['Toezicht in de praktijk'])
		const invitationId = await invitationOf(first)
		expect(await showEvaluation(ctx(), { actor: employee(first), invitationId })).toMatchObject({ ok: true, value: { invitation: { id: invitationId, answeredAt: null }, form: { version: 'concern-2026-1' } } })
		expect(await showEvaluation(ctx(), { actor: employee(second), invitationId })).toMatchObject({ ok: false, kind: 'not_found', code: 'EVALUATION_NOT_FOUND' })
		expect(await showEvaluation(ctx(), { actor: { ...nvwaCoordinator(), userId: first }, invitationId })).toMatchObject({ ok: false, code: 'EVALUATION_NOT_FOUND' })
	})

	test('a wrong answer is refused beside its question and stores nothing; a right one is stored once, without the person', async () => {
		const [first] = f.people as [string]
		const invitationId = await invitationOf(first)
		expect(await answerEvaluation(ctx(), { actor: employee(first), invitationId, submitted: { trainer: '7', best: 'Veel' } })).toMatchObject({ ok: false, kind: 'invalid', code: 'EVALUATION_OUT_OF_RANGE', field: 'trainer' })
		expect(await answerEvaluation(ctx(), { actor: employee(first), invitationId, submitted: { best: '  ' } })).toMatchObject({ ok: false, code: 'EVALUATION_NOTHING_ANSWERED' })
		expect(await database.asOwner((db) => db.select().from(schema.evaluationResponses))).toEqual([])
		// Someone else's invitation is not theirs to answer.
		expect(await answerEvaluation(ctx(), { actor: employee(f.people[1]!), invitationId, submitted: { trainer: '1' } })).toMatchObject({ ok: false, code: 'EVALUATION_NOT_FOUND' })

		expect(await answerEvaluation(ctx(), { actor: employee(first), invitationId, submitted: { content_useful: '5', trainer: '4', recommend: '9', best: 'De casussen' } })).toMatchObject({ ok: true })
		expect(await answerEvaluation(ctx(), { actor: employee(first), invitationId, submitted: { content_useful: '1' } })).toMatchObject({ ok: false, kind: 'conflict', code: 'EVALUATION_ANSWERED' })
		const stored = await database.asOwner((db) => db.select().from(schema.evaluationResponses))
		expect(stored).toHaveLength(1)
		// Nothing in the row points back to a person: no user, no enrolment, no time of day.
		expect(Object.keys(stored[0]!).sort()).toEqual(['answeredMonth', 'answers', 'courseId', 'formVersion', 'id', 'providerTenantId', 'sessionId'])
		expect(stored[0]).toMatchObject({ providerTenantId: f.nvwa, answeredMonth: '2030-05-01', answers: { content_useful: 5, trainer: 4, recommend: 9, best: 'De casussen' } })
		const audited = await database.asOwner((db) => db.select({ action: schema.auditLog.action, objectId: schema.auditLog.objectId, after: schema.auditLog.after }).from(schema.auditLog))
		expect(audited.filter((row) => row.objectId === invitationId).map(({ action, after }) => ({ action, after }))).toEqual([{ action: 'evaluation.answered', after: null }])
		// The task is gone from "Mijn leren".
		const learning = await showMyLearning(ctx(), { actor: employee(first) })
		expect(learning.ok && learning.value.evaluations).toEqual([])
	})

	test('the providing unit sees only the number below five answers, then the summary; another unit does not find the course', async () => {
		const results = () => showEvaluationResults(ctx(), { actor: nvwaCoordinator(), courseId: f.course })
		expect(await results()).toMatchObject({ ok: true, value: { summary: { shown: false, responses: 1, needed: 5 } } })
		expect(await exportEvaluationAnswers(ctx(), { actor: nvwaCoordinator(), courseId: f.course })).toMatchObject({ ok: false, kind: 'invalid', code: 'EVALUATION_TOO_FEW' })
		for (const [index, person] of f.people.slice(1, 4).entries()) {
			expect(await answerEvaluation(ctx(), { actor: employee(person), invitationId: await invitationOf(person), submitted: { content_useful: String(index + 2), recommend: '5' } })).toMatchObject({ ok: true })
		}
		const four = await results()
		expect(four).toMatchObject({ ok: true, value: { summary: { shown: false, responses: 4 } } })
		expect(JSON.stringify(four)).not.toContain('De casussen')
		const fifth = f.people[4]!
		expect(await answerEvaluation(ctx(), { actor: employee(fifth), invitationId: await invitationOf(fifth), submitted: { content_useful: '4', improve: 'Meer pauzes' } })).toMatchObject({ ok: true })
		const five = await results()
		expect(five.ok && five.value.summary.shown).toBe(true)
		if (!five.ok || !five.value.summary.shown) return
		const byId = new Map(five.value.summary.items.map((item) => [item.id, item]))
		// 5, 2, 3, 4, 4 → 18 / 5 = 3.6
		expect(byId.get('content_useful')).toMatchObject({ answered: 5, mean: 3.6 })
		// 9, 5, 5, 5: one promoter, three detractors of four → −50
		expect(byId.get('recommend')).toMatchObject({ answered: 4, netPromoterScore: -50 })
		expect(byId.get('best')).toMatchObject({ answers: ['De casussen'] })
		expect(byId.get('improve')).toMatchObject({ answers: ['Meer pauzes'] })
		// The export: five rows of answers only, one column per question.
		const exported = await exportEvaluationAnswers(ctx(), { actor: nvwaCoordinator(), courseId: f.course })
		expect(exported.ok && exported.value.rows).toHaveLength(5)
		expect(exported.ok && exported.value.rows.every((row) => row.length === exported.value.form.items.length)).toBe(true)
		expect(await exportEvaluationAnswers(ctx(), { actor: rvoCoordinator(), courseId: f.course })).toMatchObject({ ok: false, code: 'COURSE_NOT_FOUND' })
		// RVO's coordinator: not their unit's course.
		expect(await showEvaluationResults(ctx(), { actor: rvoCoordinator(), courseId: f.course })).toMatchObject({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
		// And by SQL in RVO's context, the responses are not there at all.
		const seen = await withTenantContext(app.db, { tenantId: f.rvo, userId: f.rvoCoordinator }, (tx) => tx.select().from(schema.evaluationResponses))
		expect(seen).toEqual([])
	})

	test("the providing unit's overview: its evaluated courses, summed by the database, the same numbers as the course's page; another unit sees none of them", async () => {
		const overview = await showUnitEvaluations(ctx(), { actor: nvwaCoordinator(), period: '12' })
		expect(overview).toMatchObject({ ok: true, value: { fromMonth: '2029-06-01' } })
		const [row] = overview.ok ? overview.value.rows : []
		// Statements answered: 5, 4 (first), 2, 3, 4 (content_useful), 4 → (5 + 4 + 2 + 3 + 4 + 4) / 6 = 3.67.
		// Five of the eight participants (seven of RVO, one of NVWA) answered; no follow-up is due yet (ADR 045).
		expect(row).toMatchObject({ courseId: f.course, courseTitle: 'Toezicht in de praktijk', responses: 5, shown: true, netPromoterScore: -50, rate: { invited: 8, answered: 5 }, followUpResponses: 0, followUpRate: { invited: 0, answered: 0 } })
		expect(row!.shown && row!.statementMean).toBeCloseTo(22 / 6, 10)
		const rvo = await showUnitEvaluations(ctx(), { actor: rvoCoordinator(), period: 'alles' })
		expect(rvo).toMatchObject({ ok: true, value: { rows: [], fromMonth: null } })
		// A year later the last 12 months hold none of the answers, only the follow-ups that went out twelve weeks after (late July 2030), unanswered.
		const later = await showUnitEvaluations(ctx(new Date('2031-06-15T08:00:00Z')), { actor: nvwaCoordinator(), period: '12' })
		expect(later).toMatchObject({ ok: true, value: { rows: [{ courseId: f.course, responses: 0, shown: false, rate: { invited: 0 }, followUpRate: { invited: 8, answered: 0 } }], fromMonth: '2030-07-01' } })
		expect(await showUnitEvaluations(ctx(new Date('2032-06-15T08:00:00Z')), { actor: nvwaCoordinator(), period: '12' })).toMatchObject({ ok: true, value: { rows: [] } })
		expect(await showUnitEvaluations(ctx(), { actor: employee(f.people[0]!), period: '12' })).toMatchObject({ ok: false, kind: 'forbidden' })
	})

	test('the invitation mail at once, a reminder after one week and after two, never twice and never after an answer', async () => {
		const unanswered = f.people.slice(5)
		expect(await enqueueEvaluationMails(ctx(), { actor: null })).toEqual({ ok: true, value: { queued: unanswered.length + 1 } })
		// The next run finds nothing owed.
		expect(await enqueueEvaluationMails(ctx(new Date(NOW.getTime() + DAY)), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		expect(await enqueueEvaluationMails(ctx(new Date(NOW.getTime() + 7 * DAY)), { actor: null })).toEqual({ ok: true, value: { queued: unanswered.length + 1 } })
		// A scan that missed the second week's run sends one mail, not two; afterwards nothing more.
		expect(await enqueueEvaluationMails(ctx(new Date(NOW.getTime() + 30 * DAY)), { actor: null })).toEqual({ ok: true, value: { queued: unanswered.length + 1 } })
		expect(await enqueueEvaluationMails(ctx(new Date(NOW.getTime() + 60 * DAY)), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		const mails = await evaluationMails()
		const answered = new Set(f.people.slice(0, 5))
		expect(mails.some((mail) => answered.has(mail.recipientUserId))).toBe(false)
		expect(mails.filter((mail) => mail.recipientUserId === unanswered[0]).map((mail) => mail.mail)).toEqual([1, 2, 3])

		// The mail as written: the course, the link, and anonymity said plainly; nothing for an answered evaluation.
		const job = mails.find((mail) => mail.recipientUserId === unanswered[0] && mail.mail === 2)!
		const delivery = { transport: null, from: 'leerplein@test.nl', portalUrl: 'https://leerplein.test' }
		expect(await sendNotification(ctx(), { actor: { tenantId: f.rvo, userId: null }, delivery, job })).toEqual({ ok: true, value: 'kept' })
		const kept = (await database.asOwner((db) => db.select({ key: schema.outboxMails.messageKey, subject: schema.outboxMails.subject, body: schema.outboxMails.body }).from(schema.outboxMails))).find((row) => row.key === job.messageKey)
		expect(kept!.subject).toBe('Herinnering: hoe was Toezicht in de praktijk?')
		expect(kept!.body).toContain(`https://leerplein.test/mijn-leren/evaluatie/${job.invitationId}`)
		expect(kept!.body).toContain('anoniem')
		await answerEvaluation(ctx(), { actor: employee(unanswered[0]!), invitationId: job.invitationId, submitted: { trainer: '3' } })
		const late = mails.find((mail) => mail.recipientUserId === unanswered[0] && mail.mail === 3)!
		expect(await sendNotification(ctx(), { actor: { tenantId: f.rvo, userId: null }, delivery, job: late })).toEqual({ ok: true, value: 'nothing_to_send' })
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const person = async (tenantId: string, name: string) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name.replace(/ /g, '.')}@test.nl`, costCentre: 'KP-1' }).returning({ id: schema.users.id }))[0]!.id
	const nvwaCoordinator = await person(nvwa, 'nvwa coordinator')
	const rvoCoordinator = await person(rvo, 'rvo coordinator')
	await db.insert(schema.roleAssignments).values([
		{ userId: nvwaCoordinator, role: 'coordinator', tenantId: nvwa },
		{ userId: rvoCoordinator, role: 'coordinator', tenantId: rvo },
	])
	const [course] = await db
		.insert(schema.courses)
		.values({ providerTenantId: nvwa, title: 'Toezicht in de praktijk', summary: 'Samenvatting', description: 'Beschrijving', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern' })
		.returning({ id: schema.courses.id })
	const [session] = await db
		.insert(schema.sessions)
		.values({ tenantId: nvwa, courseId: course!.id, startsAt: new Date(NOW.getTime() - 2 * DAY), endsAt: new Date(NOW.getTime() - 2 * DAY + 7_200_000), capacity: 20 })
		.returning({ id: schema.sessions.id })
	const people: string[] = []
	for (const index of [1, 2, 3, 4, 5, 6, 7]) people.push(await person(rvo, `medewerker ${index}`))
	const nvwaEmployee = await person(nvwa, 'nvwa medewerker')
	const absent = await person(rvo, 'afwezige')
	const enrol = async (tenantId: string, userId: string, queueNumber: number) =>
		(await db.insert(schema.enrolments).values({ tenantId, sessionId: session!.id, userId, status: 'enrolled', queueNumber }).returning({ id: schema.enrolments.id }))[0]!.id
	const enrolmentOf = new Map<string, string>()
	for (const [index, userId] of people.entries()) enrolmentOf.set(userId, await enrol(rvo, userId, index + 1))
	const nvwaEnrolment = await enrol(nvwa, nvwaEmployee, 20)
	await enrol(rvo, absent, 21)
	return { nvwa, rvo, nvwaCoordinator, rvoCoordinator, course: course!.id, people, nvwaEmployee, absent, enrolmentOf, nvwaEnrolment }
}
