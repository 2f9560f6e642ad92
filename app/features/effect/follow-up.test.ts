import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { EvaluationMailJob } from '@leerplein/db/jobs'
import { FOLLOW_UP_EVALUATION, followUpDueAt, MANAGER_EVALUATION, type Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { completeEnrolment } from '../enrolment/complete-enrolment.server.ts'
import { showMyLearning } from '../enrolment/show-my-learning.server.ts'
import { sendNotification } from '../notifications/send-notification.server.ts'
import { answerEvaluation } from './answer-evaluation.server.ts'
import { enqueueEvaluationMails } from './enqueue-evaluation-mails.server.ts'
import { setFollowUpWeeks } from './set-follow-up-weeks.server.ts'
import { exportEvaluationAnswers, showEvaluationResults } from './show-evaluation-results.server.ts'
import { showEvaluation } from './show-evaluation.server.ts'

// The follow-up (issue 18, item 1; ADR 045): made at completion, dated the course's weeks ahead;
// nobody's task, page or mail before then; answered anonymously like the evaluation; the providing
// unit sees its results from five and the response rate of both, counted across units.

const DAY = 86_400_000
const NOW = new Date('2030-03-04T08:00:00Z')

describe.each(await testDrivers())('the follow-up, on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now = NOW) => testContext(app.db, now)
	const employee = (userId: string): Actor => ({ userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })
	const nvwaCoordinator = (): Actor => ({ userId: f.nvwaCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const rvoCoordinator = (): Actor => ({ userId: f.rvoCoordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })
	const followUps = async () => (await database.asOwner((db) => db.select().from(schema.evaluationInvitations))).filter((row) => row.kind === 'follow_up')
	const followUpOf = async (userId: string) => (await followUps()).find((row) => row.userId === userId)!
	const complete = (userId: string, now = NOW) => completeEnrolment(ctx(now), { actor: { tenantId: f.rvo, userId: null }, enrolmentId: f.enrolmentOf.get(userId)!, source: 'lti' })
	const due = followUpDueAt(NOW, 12)
	const afterDue = new Date(due.getTime() + 60_000)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('completing makes one follow-up per person, dated twelve weeks on by default, in their own unit; no manager is asked unless the course says so', async () => {
		for (const person of f.people.slice(0, 7)) expect(await complete(person)).toEqual({ ok: true, value: 'completed' })
		expect(await complete(f.people[0]!)).toMatchObject({ ok: true })
		const rows = await followUps()
		expect(rows).toHaveLength(7)
		expect((await database.asOwner((db) => db.select().from(schema.evaluationInvitations))).filter((row) => row.kind === 'manager')).toEqual([])
		expect(rows.every((row) => row.tenantId === f.rvo && row.invitedAt.toISOString() === due.toISOString() && row.mailsSent === 0 && row.answeredAt === null)).toBe(true)
		expect(due.toISOString()).toBe('2030-05-27T08:00:00.000Z')
	})

	test('the coordinator sets the weeks of their own course, within 4–52, audited; it applies to later completions', async () => {
		const set = (weeks: string, actor = nvwaCoordinator()) => setFollowUpWeeks(ctx(), { actor, courseId: f.course, weeks })
		expect(await set('3')).toMatchObject({ ok: false, kind: 'invalid', code: 'FOLLOW_UP_WEEKS_TOO_FEW', field: 'weeks' })
		expect(await set('53')).toMatchObject({ ok: false, code: 'FOLLOW_UP_WEEKS_TOO_MANY', field: 'weeks' })
		expect(await set('zes')).toMatchObject({ ok: false, code: 'FOLLOW_UP_WEEKS_NOT_A_NUMBER', field: 'weeks' })
		// Another unit's coordinator does not find the course; nothing changed.
		expect(await set('6', rvoCoordinator())).toMatchObject({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
		expect(await showEvaluationResults(ctx(), { actor: nvwaCoordinator(), courseId: f.course })).toMatchObject({ ok: true, value: { course: { followUpWeeks: 12 } } })
		expect(await set(' 6 ')).toEqual({ ok: true, value: { weeks: 6, managerQuestionnaire: false } })
		expect(await showEvaluationResults(ctx(), { actor: nvwaCoordinator(), courseId: f.course })).toMatchObject({ ok: true, value: { course: { followUpWeeks: 6 } } })
		const audited = await database.asOwner((db) => db.select({ action: schema.auditLog.action, objectId: schema.auditLog.objectId, before: schema.auditLog.before, after: schema.auditLog.after }).from(schema.auditLog))
		expect(audited.filter((row) => row.action === 'course.follow_up_weeks')).toEqual([
			{ action: 'course.follow_up_weeks', objectId: f.course, before: { followUpWeeks: 12, managerQuestionnaire: false }, after: { followUpWeeks: 6, managerQuestionnaire: false } },
		])
		// The eighth completes a day later: six weeks on. Those invited before keep their day.
		const late = f.people[7]!
		expect(await complete(late, new Date(NOW.getTime() + DAY))).toMatchObject({ ok: true })
		expect((await followUpOf(late)).invitedAt.toISOString()).toBe(followUpDueAt(new Date(NOW.getTime() + DAY), 6).toISOString())
		expect((await followUpOf(f.people[0]!)).invitedAt.toISOString()).toBe(due.toISOString())
		expect(await set('12')).toMatchObject({ ok: true })
	})

	test('before its day the follow-up is no task, no page, no answer and no mail', async () => {
		const [first] = f.people as [string]
		const followUp = await followUpOf(first)
		const dayBefore = new Date(due.getTime() - DAY)
		const learning = await showMyLearning(ctx(dayBefore), { actor: employee(first) })
		expect(learning.ok && learning.value.evaluations.map((row) => row.kind)).toEqual(['evaluation'])
		expect(await showEvaluation(ctx(dayBefore), { actor: employee(first), invitationId: followUp.id })).toMatchObject({ ok: false, code: 'EVALUATION_NOT_FOUND' })
		expect(await answerEvaluation(ctx(dayBefore), { actor: employee(first), invitationId: followUp.id, submitted: { applied: '5' } })).toMatchObject({ ok: false, code: 'EVALUATION_NOT_FOUND' })
		// Not even evaluation_submit itself takes it early (the database's clock is the service's).
		const early = await withTenantContext(app.db, { tenantId: f.rvo, userId: first }, (tx) => tx.execute(`select evaluation_submit('${followUp.id}'::uuid, 'follow-up-2026-1', '{"applied":5}'::jsonb) as stored`))
		expect(JSON.stringify(early)).toContain('false')
		// The scan the day before mails none of the seven twelve-week follow-ups; the eighth's six weeks ran out in April: one mail, the invitation (though the reminders' days passed too).
		expect(await enqueueEvaluationMails(ctx(dayBefore), { actor: null })).toMatchObject({ ok: true })
		const mailed = (await listMailJobs(app.db)).filter((job): job is EvaluationMailJob => job.kind === 'evaluation_invitation')
		const late = await followUpOf(f.people[7]!)
		const twelveWeeks = new Set((await followUps()).filter((row) => row.id !== late.id).map((row) => row.id))
		expect(mailed.filter((job) => twelveWeeks.has(job.invitationId))).toEqual([])
		expect(mailed.filter((job) => job.invitationId === late.id).map((job) => job.mail)).toEqual([1])
	})

	test('on its day: a task on "Mijn leren", one mail (then at most two reminders), the follow-up form, answered once without the person', async () => {
		const [first, second] = f.people as [string, string]
		const followUp = await followUpOf(first)
		const learning = await showMyLearning(ctx(afterDue), { actor: employee(first) })
		expect(learning.ok && learning.value.evaluations.filter((row) => row.kind === 'follow_up').map((row) => row.id)).toEqual([followUp.id])
		expect(await showEvaluation(ctx(afterDue), { actor: employee(first), invitationId: followUp.id })).toMatchObject({ ok: true, value: { invitation: { kind: 'follow_up' }, form: { version: FOLLOW_UP_EVALUATION.version } } })
		expect(await showEvaluation(ctx(afterDue), { actor: employee(second), invitationId: followUp.id })).toMatchObject({ ok: false, code: 'EVALUATION_NOT_FOUND' })

		const before = (await listMailJobs(app.db)).length
		expect(await enqueueEvaluationMails(ctx(afterDue), { actor: null })).toEqual({ ok: true, value: { queued: 7 } })
		expect(await enqueueEvaluationMails(ctx(new Date(afterDue.getTime() + DAY)), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		const jobs = (await listMailJobs(app.db)).slice(before) as EvaluationMailJob[]
		expect(jobs.filter((job) => job.recipientUserId === first).map((job) => [job.invitationId, job.mail])).toEqual([[followUp.id, 1]])
		const delivery = { transport: null, from: 'leerplein@test.nl', portalUrl: 'https://leerplein.test' }
		const job = jobs.find((mail) => mail.recipientUserId === first)!
		expect(await sendNotification(ctx(afterDue), { actor: { tenantId: f.rvo, userId: null }, delivery, job })).toEqual({ ok: true, value: 'kept' })
		const kept = (await database.asOwner((db) => db.select({ key: schema.outboxMails.messageKey, subject: schema.outboxMails.subject, body: schema.outboxMails.body }).from(schema.outboxMails))).find((row) => row.key === job.messageKey)
		expect(kept!.subject).toBe('Hebt u Toezicht in de praktijk toegepast?')
		expect(kept!.body).toContain(`https://leerplein.test/mijn-leren/evaluatie/${followUp.id}`)
		expect(kept!.body).toContain('anoniem')

		// The evaluation's questions are not the follow-up's: answering only those is answering nothing.
		expect(await answerEvaluation(ctx(afterDue), { actor: employee(first), invitationId: followUp.id, submitted: { trainer: '5' } })).toMatchObject({ ok: false, code: 'EVALUATION_NOTHING_ANSWERED' })
		expect(await answerEvaluation(ctx(afterDue), { actor: employee(first), invitationId: followUp.id, submitted: { applied: '6' } })).toMatchObject({ ok: false, code: 'EVALUATION_OUT_OF_RANGE', field: 'applied' })
		expect(await answerEvaluation(ctx(afterDue), { actor: employee(first), invitationId: followUp.id, submitted: { applied: '4', obstacles: 'Te weinig tijd' } })).toMatchObject({ ok: true })
		expect(await answerEvaluation(ctx(afterDue), { actor: employee(first), invitationId: followUp.id, submitted: { applied: '1' } })).toMatchObject({ ok: false, kind: 'conflict', code: 'EVALUATION_ANSWERED' })
		const stored = (await database.asOwner((db) => db.select().from(schema.evaluationResponses))).filter((row) => row.formVersion === FOLLOW_UP_EVALUATION.version)
		expect(stored).toHaveLength(1)
		expect(Object.keys(stored[0]!).sort()).toEqual(['answeredMonth', 'answers', 'courseId', 'formVersion', 'id', 'providerTenantId', 'sessionId'])
		expect(stored[0]).toMatchObject({ providerTenantId: f.nvwa, answeredMonth: '2030-05-01', answers: { applied: 4, obstacles: 'Te weinig tijd' } })
		const audited = await database.asOwner((db) => db.select({ action: schema.auditLog.action, objectId: schema.auditLog.objectId, after: schema.auditLog.after }).from(schema.auditLog))
		expect(audited.filter((row) => row.objectId === followUp.id).map(({ action, after }) => ({ action, after }))).toEqual([{ action: 'evaluation.follow_up_answered', after: null }])
		// Nothing more is mailed to who answered; a reminder a week on to the others.
		const reminded = (await listMailJobs(app.db)).length
		expect(await enqueueEvaluationMails(ctx(new Date(afterDue.getTime() + 7 * DAY)), { actor: null })).toEqual({ ok: true, value: { queued: 6 } })
		expect(((await listMailJobs(app.db)).slice(reminded) as EvaluationMailJob[]).some((mail) => mail.recipientUserId === first)).toBe(false)
	})

	test('the providing unit sees the follow-up from five and the response rates counted across units; the export of the answers identifies no one', async () => {
		const results = () => showEvaluationResults(ctx(afterDue), { actor: nvwaCoordinator(), courseId: f.course })
		// Eight completed: all eight follow-ups are due (the eighth's six weeks ran out in April), one is answered; no evaluation was answered.
		expect(await results()).toMatchObject({ ok: true, value: { rate: { invited: 8, answered: 0 }, followUp: { summary: { shown: false, responses: 1, needed: 5 }, rate: { invited: 8, answered: 1 } } } })
		expect(await exportEvaluationAnswers(ctx(afterDue), { actor: nvwaCoordinator(), courseId: f.course, kind: 'follow_up' })).toMatchObject({ ok: false, code: 'EVALUATION_TOO_FEW' })
		const answers = ['Klanten', 'Collega Jansen vroeg ernaar', '', 'Rapporten']
		for (const [index, person] of f.people.slice(1, 5).entries()) {
			const followUp = await followUpOf(person)
			expect(await answerEvaluation(ctx(afterDue), { actor: employee(person), invitationId: followUp.id, submitted: { applied: String(index + 1), applied_example: answers[index] } })).toMatchObject({ ok: true })
		}
		const five = await results()
		expect(five).toMatchObject({ ok: true, value: { summary: { shown: false, responses: 0 }, followUp: { summary: { shown: true, responses: 5 }, rate: { invited: 8, answered: 5 } } } })
		const applied = five.ok && five.value.followUp.summary.shown ? five.value.followUp.summary.items.find((item) => item.id === 'applied') : null
		// 4, 1, 2, 3, 4 → 14 / 5
		expect(applied).toMatchObject({ answered: 5, mean: 2.8, distribution: [1, 1, 1, 2, 0] })

		const exported = await exportEvaluationAnswers(ctx(afterDue), { actor: nvwaCoordinator(), courseId: f.course, kind: 'follow_up' })
		expect(exported.ok).toBe(true)
		if (!exported.ok) return
		expect(exported.value.form.items.map((item) => item.id)).toEqual(FOLLOW_UP_EVALUATION.items.map((item) => item.id))
		expect(exported.value.rows).toHaveLength(5)
		expect(exported.value.rows.every((row) => row.length === FOLLOW_UP_EVALUATION.items.length)).toBe(true)
		// Nothing in the file points to a person: no name, address, person, enrolment, invitation, session, response id or date.
		const file = JSON.stringify(exported.value.rows)
		const people = await database.asOwner((db) => db.select({ id: schema.users.id, name: schema.users.name, email: schema.users.email, employeeNumber: schema.users.employeeNumber }).from(schema.users))
		const invitationRows = await database.asOwner((db) => db.select({ id: schema.evaluationInvitations.id, enrolmentId: schema.evaluationInvitations.enrolmentId, sessionId: schema.evaluationInvitations.sessionId }).from(schema.evaluationInvitations))
		const responseIds = (await database.asOwner((db) => db.select({ id: schema.evaluationResponses.id }).from(schema.evaluationResponses))).map((row) => row.id)
		const identifying = [...people.flatMap((p) => [p.id, p.name, p.email, p.employeeNumber]), ...invitationRows.flatMap((row) => [row.id, row.enrolmentId, row.sessionId]), ...responseIds, '2030-']
		expect(identifying.filter((value) => file.includes(value))).toEqual([])
		// Rows sorted by content, not by the order of answering (first answered: 4 with 'Te weinig tijd').
		expect(exported.value.rows.map((row) => row[0])).toEqual([1, 2, 3, 4, 4])

		// RVO (where the participants are) sees neither the course's results nor the rate.
		expect(await showEvaluationResults(ctx(afterDue), { actor: rvoCoordinator(), courseId: f.course })).toMatchObject({ ok: false, code: 'COURSE_NOT_FOUND' })
		const rvoRates = await withTenantContext(app.db, { tenantId: f.rvo, userId: f.rvoCoordinator }, (tx) => tx.execute(`select * from evaluation_response_rates('${f.course}'::uuid, null)`))
		expect(JSON.stringify(rvoRates)).not.toContain(f.course)
	})

	test("the manager's questionnaire: asked when the course says so, to the participant's manager on the follow-up's day, anonymous, results from five", async () => {
		expect(await setFollowUpWeeks(ctx(), { actor: nvwaCoordinator(), courseId: f.course, weeks: '12', managerQuestionnaire: true })).toEqual({ ok: true, value: { weeks: 12, managerQuestionnaire: true } })
		const [teun, alone] = [f.teamMember, f.people[9]!]
		expect(await complete(teun)).toMatchObject({ ok: true })
		expect(await complete(alone)).toMatchObject({ ok: true })
		const managerRows = (await database.asOwner((db) => db.select().from(schema.evaluationInvitations))).filter((row) => row.kind === 'manager')
		// Only Teun has a manager: Mira is invited, in RVO, on the follow-up's day.
		expect(managerRows.map((row) => ({ userId: row.userId, tenantId: row.tenantId, enrolmentId: row.enrolmentId, invitedAt: row.invitedAt.toISOString() }))).toEqual([
			{ userId: f.manager, tenantId: f.rvo, enrolmentId: f.enrolmentOf.get(teun), invitedAt: due.toISOString() },
		])
		const invitationId = managerRows[0]!.id
		const mira: Actor = { userId: f.manager, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }, { role: 'manager', tenantId: f.rvo }] }
		const before = await showMyLearning(ctx(), { actor: mira })
		expect(before.ok && before.value.evaluations).toEqual([])
		const learning = await showMyLearning(ctx(afterDue), { actor: mira })
		expect(learning.ok && learning.value.evaluations.map((row) => ({ kind: row.kind, participantName: row.participantName }))).toEqual([{ kind: 'manager', participantName: 'Teun Teamlid' }])
		expect(await showEvaluation(ctx(afterDue), { actor: mira, invitationId })).toMatchObject({ ok: true, value: { invitation: { kind: 'manager', participantName: 'Teun Teamlid' }, form: { version: MANAGER_EVALUATION.version } } })
		// Teun does not open his manager's questionnaire about him.
		expect(await showEvaluation(ctx(afterDue), { actor: employee(teun), invitationId })).toMatchObject({ ok: false, code: 'EVALUATION_NOT_FOUND' })

		// The scan mails Mira, with Teun's name and the course.
		const mailedBefore = (await listMailJobs(app.db)).length
		expect(await enqueueEvaluationMails(ctx(afterDue), { actor: null })).toMatchObject({ ok: true })
		const job = ((await listMailJobs(app.db)).slice(mailedBefore) as EvaluationMailJob[]).find((mail) => mail.invitationId === invitationId)!
		expect(job).toMatchObject({ recipientUserId: f.manager, mail: 1 })
		const delivery = { transport: null, from: 'leerplein@test.nl', portalUrl: 'https://leerplein.test' }
		expect(await sendNotification(ctx(afterDue), { actor: { tenantId: f.rvo, userId: null }, delivery, job })).toEqual({ ok: true, value: 'kept' })
		const kept = (await database.asOwner((db) => db.select({ key: schema.outboxMails.messageKey, subject: schema.outboxMails.subject, body: schema.outboxMails.body }).from(schema.outboxMails))).find((row) => row.key === job.messageKey)
		expect(kept!.subject).toBe('Past Teun Teamlid Toezicht in de praktijk toe?')
		expect(kept!.body).toContain(`https://leerplein.test/mijn-leren/evaluatie/${invitationId}`)

		expect(await answerEvaluation(ctx(afterDue), { actor: mira, invitationId, submitted: { manager_sees_applied: '4', manager_observations: 'Teun werkt nu met de checklist' } })).toMatchObject({ ok: true })
		const stored = (await database.asOwner((db) => db.select().from(schema.evaluationResponses))).filter((row) => row.formVersion === MANAGER_EVALUATION.version)
		expect(stored.map((row) => row.answers)).toEqual([{ manager_sees_applied: 4, manager_observations: 'Teun werkt nu met de checklist' }])
		expect(Object.keys(stored[0]!).sort()).toEqual(['answeredMonth', 'answers', 'courseId', 'formVersion', 'id', 'providerTenantId', 'sessionId'])

		// The providing unit: one of one, nothing of it shown; from five (four earlier answers planted), the summary; the export holds no one.
		const results = () => showEvaluationResults(ctx(afterDue), { actor: nvwaCoordinator(), courseId: f.course })
		expect(await results()).toMatchObject({ ok: true, value: { course: { managerQuestionnaire: true }, manager: { summary: { shown: false, responses: 1 }, rate: { invited: 1, answered: 1 } } } })
		await database.asOwner((db) =>
			db.insert(schema.evaluationResponses).values([5, 3, 2, 4].map((rating) => ({ providerTenantId: f.nvwa, courseId: f.course, sessionId: stored[0]!.sessionId, answeredMonth: '2030-05-01', formVersion: MANAGER_EVALUATION.version, answers: { manager_sees_applied: rating } }))),
		)
		const five = await results()
		const sees = five.ok && five.value.manager.summary.shown ? five.value.manager.summary.items.find((item) => item.id === 'manager_sees_applied') : null
		expect(sees).toMatchObject({ answered: 5, mean: 3.6 })
		const exported = await exportEvaluationAnswers(ctx(afterDue), { actor: nvwaCoordinator(), courseId: f.course, kind: 'manager' })
		expect(exported.ok && exported.value.rows).toHaveLength(5)
		const file = JSON.stringify(exported.ok && exported.value.rows)
		expect(['Mira', 'Teun Teamlid', f.manager, teun, invitationId, f.enrolmentOf.get(teun)!, '2030-'].filter((value) => file.includes(value))).toEqual([])
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
	for (const index of [1, 2, 3, 4, 5, 6, 7, 8]) people.push(await person(rvo, `medewerker ${index}`))
	// Two more, for the manager's questionnaire: Mira's team member, and one without a manager.
	const manager = await person(rvo, 'Mira Manager')
	const [teamMember] = await db.insert(schema.users).values({ tenantId: rvo, employeeNumber: 'tm', name: 'Teun Teamlid', email: 'teun@test.nl', costCentre: 'KP-1', managerId: manager }).returning({ id: schema.users.id })
	people.push(teamMember!.id, await person(rvo, 'zonder leidinggevende'))
	const enrolmentOf = new Map<string, string>()
	for (const [index, userId] of people.entries()) {
		enrolmentOf.set(userId, (await db.insert(schema.enrolments).values({ tenantId: rvo, sessionId: session!.id, userId, status: 'enrolled', queueNumber: index + 1 }).returning({ id: schema.enrolments.id }))[0]!.id)
	}
	return { nvwa, rvo, nvwaCoordinator, rvoCoordinator, course: course!.id, people, enrolmentOf, manager, teamMember: teamMember!.id }
}
