import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { countSelfCardOutcomes } from '@leerplein/db/effect'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { SelfCardReturnJob } from '@leerplein/db/jobs'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { completeEnrolment } from '../enrolment/complete-enrolment.server.ts'
import { sendNotification } from '../notifications/send-notification.server.ts'
import { changeSelfCardReturnDate } from './change-self-card-date.server.ts'
import { enqueueSelfCardReturns } from './enqueue-self-card-returns.server.ts'
import { reviewSelfCard } from './review-self-card.server.ts'
import { showEvaluationResults } from './show-evaluation-results.server.ts'
import { showSelfCard } from './show-self-card.server.ts'
import { writeSelfCard } from './write-self-card.server.ts'

// Cards to self (issue 18, item 2; ADR 042): written once for a course one took part in, read by
// its person only, mailed back once on its return day, looked back on once; the providing unit
// sees counts only, and only from five reviewed cards.

const NOW = new Date('2030-05-01T08:00:00Z')
const RETURN_DAY = new Date('2030-08-01T05:00:00Z') // 07:00 in Amsterdam, the scan's hour

describe.each(await testDrivers())('cards to self, on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = (now = NOW) => testContext(app.db, now)
	const employee = (userId: string): Actor => ({ userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })
	const nvwaCoordinator = (): Actor => ({ userId: f.nvwaCoordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const cardMails = async () => (await listMailJobs(app.db)).filter((job): job is SelfCardReturnJob => job.kind === 'self_card_return')
	const write = (person: string, actions: (string | undefined)[], returnOn?: string, now = NOW) =>
		writeSelfCard(ctx(now), { actor: employee(person), enrolmentId: f.enrolmentOf.get(person)!, actions, returnOn })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
		for (const person of f.people) await completeEnrolment(ctx(), { actor: { tenantId: f.rvo, userId: null }, enrolmentId: f.enrolmentOf.get(person)!, source: 'lti' })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('a participant writes their card once, coming back three months on; a too long action is refused beside its field and nothing is stored', async () => {
		const [first] = f.people as [string]
		expect(await write(first, ['Goed', 'a'.repeat(501)])).toMatchObject({ ok: false, kind: 'invalid', code: 'SELF_CARD_TOO_LONG', field: 'action2' })
		expect(await write(first, ['', '  '])).toMatchObject({ ok: false, kind: 'invalid', code: 'SELF_CARD_NO_ACTIONS' })
		expect(await write(first, ['Goed'], '2030-04-30')).toMatchObject({ ok: false, code: 'SELF_CARD_DATE_PAST', field: 'returnOn' })
		expect(await database.asOwner((db) => db.select().from(schema.selfCards))).toEqual([])

		expect(await write(first, [' Elke week een casus bespreken ', '', 'Collega vragen mee te kijken'])).toMatchObject({ ok: true })
		expect(await write(first, ['Nog een kaart'])).toMatchObject({ ok: false, kind: 'conflict', code: 'SELF_CARD_WRITTEN' })
		const shown = await showSelfCard(ctx(), { actor: employee(first), enrolmentId: f.enrolmentOf.get(first)! })
		expect(shown).toMatchObject({
			ok: true,
			value: {
				due: false,
				card: {
					returnOn: '2030-08-01',
					mailedAt: null,
					actions: [
						{ position: 1, text: 'Elke week een casus bespreken', outcome: null },
						{ position: 2, text: 'Collega vragen mee te kijken', outcome: null },
					],
				},
			},
		})
		const audited = (await database.asOwner((db) => db.select({ action: schema.auditLog.action, after: schema.auditLog.after }).from(schema.auditLog))).filter((row) => row.action === 'self_card.written')
		// The audit says a card was written, never what is on it.
		expect(audited).toEqual([{ action: 'self_card.written', after: null }])
	})

	test('only its person finds the card; an enrolment not attended gets none', async () => {
		const [first, second] = f.people as [string, string]
		const enrolmentId = f.enrolmentOf.get(first)!
		expect(await showSelfCard(ctx(), { actor: employee(second), enrolmentId })).toMatchObject({ ok: false, kind: 'not_found', code: 'SELF_CARD_NOT_FOUND' })
		expect(await showSelfCard(ctx(), { actor: { ...nvwaCoordinator(), userId: first }, enrolmentId })).toMatchObject({ ok: false, code: 'SELF_CARD_NOT_FOUND' })
		expect(await writeSelfCard(ctx(), { actor: employee(second), enrolmentId, actions: ['Van een ander'] })).toMatchObject({ ok: false, code: 'SELF_CARD_NOT_FOUND' })
		expect(await showSelfCard(ctx(), { actor: employee(f.absent), enrolmentId: f.absentEnrolment })).toMatchObject({ ok: false, kind: 'not_found', code: 'SELF_CARD_NOT_ATTENDED' })
		expect(await writeSelfCard(ctx(), { actor: employee(f.absent), enrolmentId: f.absentEnrolment, actions: ['Toch'] })).toMatchObject({ ok: false, code: 'SELF_CARD_NOT_ATTENDED' })
	})

	test('the return day is moved between today and twelve months on; looking back waits for it', async () => {
		const [first, second] = f.people as [string, string]
		await write(second, ['Feedback vragen'])
		const enrolmentId = f.enrolmentOf.get(second)!
		expect(await changeSelfCardReturnDate(ctx(), { actor: employee(second), enrolmentId, returnOn: '2030-04-30' })).toMatchObject({ ok: false, code: 'SELF_CARD_DATE_PAST', field: 'returnOn' })
		expect(await changeSelfCardReturnDate(ctx(), { actor: employee(second), enrolmentId, returnOn: '2031-05-02' })).toMatchObject({ ok: false, code: 'SELF_CARD_DATE_TOO_FAR' })
		expect(await changeSelfCardReturnDate(ctx(), { actor: employee(second), enrolmentId, returnOn: '2030-09-15' })).toEqual({ ok: true, value: { returnOn: '2030-09-15' } })
		expect(await changeSelfCardReturnDate(ctx(), { actor: employee(first), enrolmentId, returnOn: '2030-09-16' })).toMatchObject({ ok: false, code: 'SELF_CARD_NOT_FOUND' })
		expect(await reviewSelfCard(ctx(), { actor: employee(first), enrolmentId: f.enrolmentOf.get(first)!, submitted: { outcome1: 'done', outcome2: 'done' } })).toMatchObject({ ok: false, kind: 'conflict', code: 'SELF_CARD_NOT_DUE' })
	})

	test('on its return day the daily scan mails the card back once, listing the actions and the link; not the moved one, nor an inactive person', async () => {
		const [first, , third, fourth] = f.people as [string, string, string, string]
		await write(third, ['Planning maken'])
		await write(fourth, ['Niet meer actief'])
		// (The third prefers English; the fourth has left: planted so.)
		const dayBefore = new Date(RETURN_DAY.getTime() - 86_400_000)
		expect(await enqueueSelfCardReturns(ctx(dayBefore), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		// Two scans at once: each card counts once.
		const both = await Promise.all([enqueueSelfCardReturns(ctx(RETURN_DAY), { actor: null }), enqueueSelfCardReturns(ctx(RETURN_DAY), { actor: null })])
		expect(both.map((scan) => (scan.ok ? scan.value.queued : -1)).reduce((sum, queued) => sum + queued, 0)).toBe(2)
		expect(await enqueueSelfCardReturns(ctx(new Date(RETURN_DAY.getTime() + 86_400_000)), { actor: null })).toEqual({ ok: true, value: { queued: 0 } })
		const mails = await cardMails()
		expect(mails.map((mail) => mail.recipientUserId).sort()).toEqual([first, third].sort())

		const delivery = { transport: null, from: 'leerplein@test.nl', portalUrl: 'https://leerplein.test' }
		const kept = async (key: string) => (await database.asOwner((db) => db.select({ key: schema.outboxMails.messageKey, subject: schema.outboxMails.subject, body: schema.outboxMails.body }).from(schema.outboxMails))).find((row) => row.key === key)!
		const toFirst = mails.find((mail) => mail.recipientUserId === first)!
		expect(await sendNotification(ctx(RETURN_DAY), { actor: { tenantId: f.rvo, userId: null }, delivery, job: toFirst })).toEqual({ ok: true, value: 'kept' })
		const dutch = await kept(toFirst.messageKey)
		expect(dutch.subject).toBe('Uw kaart aan jezelf: Toezicht in de praktijk')
		expect(dutch.body).toContain('1. Elke week een casus bespreken\n2. Collega vragen mee te kijken')
		expect(dutch.body).toContain(`https://leerplein.test/mijn-leren/kaart/${f.enrolmentOf.get(first)}`)
		const toThird = mails.find((mail) => mail.recipientUserId === third)!
		await sendNotification(ctx(RETURN_DAY), { actor: { tenantId: f.rvo, userId: null }, delivery, job: toThird })
		expect((await kept(toThird.messageKey)).subject).toBe('Your card to self: Toezicht in de praktijk')
		// Once mailed, the day no longer moves.
		expect(await changeSelfCardReturnDate(ctx(RETURN_DAY), { actor: employee(first), enrolmentId: f.enrolmentOf.get(first)!, returnOn: '2030-12-01' })).toMatchObject({ ok: false, code: 'SELF_CARD_MAILED' })
	})

	test('back, the person says what became of each action, once; a missing outcome is refused beside its action', async () => {
		const [first] = f.people as [string]
		const enrolmentId = f.enrolmentOf.get(first)!
		const review = (submitted: Record<string, string>) => reviewSelfCard(ctx(RETURN_DAY), { actor: employee(first), enrolmentId, submitted })
		expect(await review({ outcome1: 'done' })).toMatchObject({ ok: false, kind: 'invalid', code: 'SELF_CARD_OUTCOME_REQUIRED', field: 'outcome2' })
		expect(await review({ outcome1: 'done', outcome2: 'partly', note2: 'x'.repeat(501) })).toMatchObject({ ok: false, code: 'SELF_CARD_NOTE_TOO_LONG', field: 'note2' })
		expect(await review({ outcome1: 'done', outcome2: 'partly', note2: ' Twee keer gedaan ' })).toMatchObject({ ok: true })
		expect(await review({ outcome1: 'not_done', outcome2: 'not_done' })).toMatchObject({ ok: false, kind: 'conflict', code: 'SELF_CARD_REVIEWED' })
		const shown = await showSelfCard(ctx(RETURN_DAY), { actor: employee(first), enrolmentId })
		expect(shown.ok && shown.value.card?.actions.map(({ outcome, outcomeNote }) => ({ outcome, outcomeNote }))).toEqual([
			{ outcome: 'done', outcomeNote: null },
			{ outcome: 'partly', outcomeNote: 'Twee keer gedaan' },
		])
	})

	test('the providing unit sees the number of reviewed cards, and the actions per outcome only from five; another unit gets nothing', async () => {
		const results = async () => {
			const shown = await showEvaluationResults(ctx(RETURN_DAY), { actor: nvwaCoordinator(), courseId: f.course })
			return shown.ok ? shown.value.selfCards : null
		}
		expect(await results()).toEqual({ shown: false, reviewedCards: 1, needed: 5 })
		for (const person of f.people.slice(4, 8)) {
			await write(person, ['Eén', 'Twee'], '2030-05-01')
			expect(await reviewSelfCard(ctx(), { actor: employee(person), enrolmentId: f.enrolmentOf.get(person)!, submitted: { outcome1: 'done', outcome2: 'not_done' } })).toMatchObject({ ok: true })
		}
		// Five reviewed: 1 + 4 done, 1 partly, 4 not done.
		expect(await results()).toEqual({ shown: true, reviewedCards: 5, done: 5, partly: 1, notDone: 4 })
		// RVO's people wrote the cards, but RVO does not provide the course: the function answers nothing.
		expect(await withTenantContext(app.db, { tenantId: f.rvo, userId: f.rvoCoordinator }, (tx) => countSelfCardOutcomes(tx, { courseId: f.course }))).toBeNull()
		// And by SQL in NVWA's context, the cards themselves are not there at all.
		expect(await withTenantContext(app.db, { tenantId: f.nvwa, userId: f.nvwaCoordinator }, (tx) => tx.select().from(schema.selfCards))).toEqual([])
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const person = async (tenantId: string, name: string, extra: { active?: boolean; preferredLanguage?: 'en' } = {}) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name.replace(/ /g, '.')}@test.nl`, costCentre: 'KP-1', ...extra }).returning({ id: schema.users.id }))[0]!.id
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
		.values({ tenantId: nvwa, courseId: course!.id, startsAt: new Date(NOW.getTime() - 2 * 86_400_000), endsAt: new Date(NOW.getTime() - 2 * 86_400_000 + 7_200_000), capacity: 20 })
		.returning({ id: schema.sessions.id })
	const people: string[] = []
	for (const index of [1, 2, 3, 4, 5, 6, 7, 8]) people.push(await person(rvo, `medewerker ${index}`, index === 3 ? { preferredLanguage: 'en' } : index === 4 ? { active: false } : {}))
	const absent = await person(rvo, 'afwezige')
	const enrol = async (userId: string, queueNumber: number) =>
		(await db.insert(schema.enrolments).values({ tenantId: rvo, sessionId: session!.id, userId, status: 'enrolled', queueNumber }).returning({ id: schema.enrolments.id }))[0]!.id
	const enrolmentOf = new Map<string, string>()
	for (const [index, userId] of people.entries()) enrolmentOf.set(userId, await enrol(userId, index + 1))
	const absentEnrolment = await enrol(absent, 21)
	return { nvwa, rvo, nvwaCoordinator, rvoCoordinator, course: course!.id, people, absent, absentEnrolment, enrolmentOf }
}
