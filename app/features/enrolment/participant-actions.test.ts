import { randomUUID } from 'node:crypto'
import type { DatabaseClient } from '@leerplein/db'
import type { ParticipantMessageJob } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor, EnrolmentStatus } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sendNotification } from '../notifications/send-notification.server.ts'
import { cancelParticipants } from './cancel-participants.server.ts'
import { mailParticipants } from './mail-participants.server.ts'
import { moveParticipants } from './move-participants.server.ts'
import { previewParticipantAction } from './preview-participant-action.server.ts'
import { testContext } from '../../core/testing.ts'

// Bulk actions on a session's participants (issue 14 item 6), against a real database and the real
// job queue, on PGlite and PostgreSQL: each person's own outcome, a refusal named on its row and
// the rest saved, forged ids of another unit refused without a name, and 300 people in one go.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('bulk actions on a session’s participants on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const coordinator = (): Actor => ({ userId: f.coordinator, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] })
	const otherCoordinator = (): Actor => ({ userId: f.rvoCoordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	/** Statuses read directly as the owner, past every policy. */
	const enrolments = () => database.asOwner((db) => db.select({ id: schema.enrolments.id, status: schema.enrolments.status, sessionId: schema.enrolments.sessionId }).from(schema.enrolments))
	const statuses = async (ids: string[]) => new Map((await enrolments()).filter((row) => ids.includes(row.id)).map((row) => [row.id, row]))
	const auditRows = async (action: string) => (await database.asOwner((db) => db.select().from(schema.auditLog))).filter((row) => row.action === action)

	test('cancels the ticked people with one reason: a row the rules refuse is named, a forged id of another unit is refused without a name, the rest saved', async () => {
		const { enrolled, waitlisted, attended } = f.small
		const ids = [enrolled[0]!, attended, f.otherUnitEnrolment, waitlisted]
		const preview = await previewParticipantAction(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: ids })
		expect(preview).toMatchObject({ ok: true, value: { notOnList: 1, move: null } })
		expect(preview.ok && preview.value.people.map((p) => p.name).sort()).toEqual(['Ans', 'Bert', 'Dirk'])

		const result = await cancelParticipants(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: ids, reason: 'De trainer is ziek' })
		expect(result).toMatchObject({
			ok: true,
			value: [
				{ enrolmentId: enrolled[0], name: 'Ans', result: { ok: true } },
				{ enrolmentId: attended, name: 'Dirk', result: { ok: false, kind: 'conflict' } },
				{ enrolmentId: f.otherUnitEnrolment, name: null, result: { ok: false, kind: 'not_found', code: 'ENROLMENT_NOT_FOUND' } },
				{ enrolmentId: waitlisted, name: 'Bert', result: { ok: true } },
			],
		})
		const after = await statuses([...enrolled, waitlisted, attended, f.otherUnitEnrolment])
		expect(after.get(enrolled[0]!)?.status).toBe('cancelled')
		expect(after.get(waitlisted)?.status).toBe('cancelled')
		expect(after.get(attended)?.status).toBe('attended')
		expect(after.get(f.otherUnitEnrolment)?.status).toBe('enrolled')
		const jobs = await listMailJobs(app.db)
		// The waitlisted person went first: not promoted to Ans's seat and then cancelled.
		expect(jobs.filter((job) => job.kind === 'enrolment_promoted')).toEqual([])
		const cancelMails = jobs.filter((job) => job.kind === 'enrolment_cancelled').map((job) => job.enrolmentId)
		expect(cancelMails.sort()).toEqual([enrolled[0], waitlisted].sort())
		const [batch] = await auditRows('session.participants_cancel')
		expect(batch).toMatchObject({ tenantId: f.nvwa, objectId: f.small.id, after: { reason: 'De trainer is ziek', refused: [attended, f.otherUnitEnrolment] } })
	})

	test('another unit’s coordinator finds the session not there, and nothing is read, changed or mailed', async () => {
		const before = (await listMailJobs(app.db)).length
		for (const run of [
			() => cancelParticipants(ctx(), { actor: otherCoordinator(), sessionId: f.small.id, enrolmentIds: [f.small.enrolled[1]!], reason: 'Weg ermee' }),
			() => mailParticipants(ctx(), { actor: otherCoordinator(), sessionId: f.small.id, enrolmentIds: [f.small.enrolled[1]!], subject: 'Hallo', message: 'Een bericht' }),
			() => moveParticipants(ctx(), { actor: otherCoordinator(), sessionId: f.small.id, enrolmentIds: [f.small.enrolled[1]!], toSessionId: f.target.id }),
			() => previewParticipantAction(ctx(), { actor: otherCoordinator(), sessionId: f.small.id, enrolmentIds: [f.small.enrolled[1]!] }),
		]) {
			expect(await run()).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })
		}
		expect((await statuses([f.small.enrolled[1]!])).get(f.small.enrolled[1]!)?.status).toBe('enrolled')
		expect((await listMailJobs(app.db)).length).toBe(before)
	})

	test('refuses an empty selection and one larger than a batch before reading anything', async () => {
		expect(await cancelParticipants(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: [], reason: 'Reden' })).toEqual({ ok: false, kind: 'invalid', code: 'PARTICIPANTS_NOT_SELECTED', field: 'ids' })
		const tooMany = Array.from({ length: 1001 }, () => randomUUID())
		expect(await mailParticipants(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: tooMany, subject: 'Hallo', message: 'Bericht' })).toEqual({
			ok: false,
			kind: 'invalid',
			code: 'PARTICIPANTS_NOT_SELECTED',
			field: 'ids',
		})
	})

	test('mails the ticked people, one queued mail each with the audit row; a forged id gets nothing; the mail names the session and the sender', async () => {
		const ids = [f.small.enrolled[1]!, f.otherUnitEnrolment]
		const result = await mailParticipants(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: ids, subject: 'Parkeren', message: 'Parkeer op P2, {{name}} blijft staan.' })
		expect(result).toEqual({
			ok: true,
			value: [
				{ enrolmentId: f.small.enrolled[1], name: 'Cor', result: { ok: true, value: 'queued' } },
				{ enrolmentId: f.otherUnitEnrolment, name: null, result: { ok: false, kind: 'not_found', code: 'ENROLMENT_NOT_FOUND' } },
			],
		})
		const jobs = (await listMailJobs(app.db)).filter((job): job is ParticipantMessageJob => job.kind === 'participant_message')
		expect(jobs.map((job) => job.enrolmentId)).toEqual([f.small.enrolled[1]])
		const [batch] = await auditRows('session.participants_mail')
		expect(batch).toMatchObject({ actorUserId: f.coordinator, objectId: f.small.id, after: { subject: 'Parkeren', recipients: [f.small.enrolled[1]], refused: [f.otherUnitEnrolment] } })
		// Without SMTP the worker keeps the mail in the outbox: as written, in the person's unit.
		const sent = await sendNotification(ctx(), { actor: { tenantId: jobs[0]!.tenantId, userId: null }, delivery: { transport: null, from: 'leerplein@test.nl' }, job: jobs[0]! })
		expect(sent).toEqual({ ok: true, value: 'kept' })
		const mail = (await database.asOwner((db) => db.select().from(schema.outboxMails))).find((row) => row.messageKey === jobs[0]!.messageKey)
		expect(mail).toMatchObject({ toAddress: 'Cor@test.nl', subject: 'Toezicht in de praktijk: Parkeren' })
		expect(mail!.body).toContain('Beste Cor,')
		expect(mail!.body).toContain('Nina Coördinator (Nederlandse Voedsel- en Warenautoriteit) stuurt u dit bericht')
		expect(mail!.body).toContain('Toezicht in de praktijk, ')
		expect(mail!.body).toContain('Kantoor Utrecht, Utrecht')
		// The coordinator's text is sent as written: a placeholder in it stays a placeholder.
		expect(mail!.body).toContain('Parkeer op P2, {{name}} blijft staan.')
	})

	test('moves the ticked people: the preview says who fits, who goes to the waitlist and who is refused, exactly as the move then does; a forged id is refused without a name', async () => {
		const ids = [...f.movers, f.small.attended, f.otherUnitEnrolment]
		const preview = await previewParticipantAction(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: ids, toSessionId: f.target.id })
		expect(preview).toMatchObject({ ok: true, value: { notOnList: 1, move: { toSessionId: f.target.id, free: 1, seated: 1, waitlisted: 1, refused: 1 } } })
		// In the list's order: Dirk (already attended) cannot move, Eva gets the one free seat, Frits waits.
		const forecast = preview.ok ? preview.value.move!.forecast : []
		expect(forecast).toEqual([
			{ id: f.small.attended, outcome: 'ENROLMENT_TRANSITION_NOT_ALLOWED' },
			{ id: f.movers[0], outcome: 'enrolled' },
			{ id: f.movers[1], outcome: 'waitlisted' },
		])
		expect(await previewParticipantAction(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: ids, toSessionId: f.otherUnitSession })).toEqual({
			ok: false,
			kind: 'invalid',
			code: 'MOVE_TARGET_INVALID',
			field: 'toSessionId',
		})
		const result = await moveParticipants(ctx(), { actor: coordinator(), sessionId: f.small.id, enrolmentIds: ids, toSessionId: f.target.id })
		expect(result).toMatchObject({
			ok: true,
			value: [
				{ enrolmentId: f.movers[0], name: 'Eva', result: { ok: true, value: { status: 'enrolled' } } },
				{ enrolmentId: f.movers[1], name: 'Frits', result: { ok: true, value: { status: 'waitlisted' } } },
				{ enrolmentId: f.small.attended, name: 'Dirk', result: { ok: false, code: 'ENROLMENT_TRANSITION_NOT_ALLOWED' } },
				{ enrolmentId: f.otherUnitEnrolment, name: null, result: { ok: false, code: 'ENROLMENT_NOT_FOUND' } },
			],
		})
		// The forecast is the outcome: the same rule, person for person.
		const outcomes = new Map(result.ok ? result.value.map((row) => [row.enrolmentId, row.result.ok ? row.result.value.status : row.result.code]) : [])
		expect(forecast.map((row) => [row.id, outcomes.get(row.id)])).toEqual(forecast.map((row) => [row.id, row.outcome]))
		const after = await statuses([...f.movers, f.otherUnitEnrolment])
		expect(f.movers.map((id) => after.get(id)?.sessionId)).toEqual([f.target.id, f.target.id])
		expect(after.get(f.otherUnitEnrolment)?.sessionId).toBe(f.otherUnitSession)
	})

	test('"all that match" is resolved on the server to exactly the people the page lists for the filter, within the asker\'s own session', async () => {
		// The filter of the large session's page: deelnemer-000 … deelnemer-009, beyond any page of ticks.
		const preview = await previewParticipantAction(ctx(), { actor: coordinator(), sessionId: f.large.id, matching: { deelnemer: 'DEELNEMER-00' } })
		expect(preview.ok && preview.value.people.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, index) => `deelnemer-00${index}`))
		expect(preview).toMatchObject({ ok: true, value: { notOnList: 0, move: null } })
		// No filter: everyone on the large session's list.
		const everyone = await previewParticipantAction(ctx(), { actor: coordinator(), sessionId: f.large.id, matching: {} })
		expect(everyone.ok && everyone.value.people.map((p) => p.id)).toEqual(f.large.enrolled)
		// Matching nobody is refused beside the selection.
		expect(await previewParticipantAction(ctx(), { actor: coordinator(), sessionId: f.large.id, matching: { deelnemer: 'niemand' } })).toEqual({
			ok: false,
			kind: 'invalid',
			code: 'PARTICIPANTS_NOT_SELECTED',
			field: 'ids',
		})
		// Another unit's coordinator resolves nothing: the session is not found, nothing is mailed.
		const before = (await listMailJobs(app.db)).length
		expect(await mailParticipants(ctx(), { actor: otherCoordinator(), sessionId: f.large.id, matching: {}, subject: 'Hallo', message: 'Een bericht' })).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })
		expect(await previewParticipantAction(ctx(), { actor: otherCoordinator(), sessionId: f.large.id, matching: {} })).toEqual({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })
		expect((await listMailJobs(app.db)).length).toBe(before)
		// Mailing all that match (no preview): resolved at sending, one mail each; Hans Corver, awaiting approval, is on no list and left out.
		const mailed = await mailParticipants(ctx(), { actor: coordinator(), sessionId: f.small.id, matching: { deelnemer: 'COR' }, subject: 'Parkeren', message: 'Parkeer op P2.' })
		expect(mailed).toEqual({ ok: true, value: [{ enrolmentId: f.small.enrolled[1], name: 'Cor', result: { ok: true, value: 'queued' } }] })
		expect((await listMailJobs(app.db)).filter((job) => job.enrolmentId === f.small.awaiting)).toEqual([])
		const [batch] = (await auditRows('session.participants_mail')).filter((row) => (row.after as { subject?: string }).subject === 'Parkeren' && (row.after as { message?: string }).message === 'Parkeer op P2.')
		expect(batch).toMatchObject({ objectId: f.small.id, after: { recipients: [f.small.enrolled[1]], refused: [] } })
	})

	test('cancels 300 participants in one go, each reported on their own row, and mails them all at once', async () => {
		const forged = [f.otherUnitEnrolment, randomUUID()]
		const ids = [...f.large.enrolled, ...forged]
		const mailed = await mailParticipants(ctx(), { actor: coordinator(), sessionId: f.large.id, enrolmentIds: ids, subject: 'Locatie gewijzigd', message: 'Zie de nieuwe zaal.' })
		expect(mailed.ok && mailed.value.filter((row) => row.result.ok).length).toBe(300)
		const result = await cancelParticipants(ctx(), { actor: coordinator(), sessionId: f.large.id, enrolmentIds: ids, reason: 'Vervalt door de verbouwing' })
		expect(result.ok).toBe(true)
		if (!result.ok) return
		expect(result.value.map((row) => row.enrolmentId)).toEqual(ids)
		expect(result.value.filter((row) => row.result.ok).map((row) => row.enrolmentId)).toEqual(f.large.enrolled)
		expect(result.value.filter((row) => !row.result.ok)).toEqual(forged.map((enrolmentId) => ({ enrolmentId, name: null, result: { ok: false, kind: 'not_found', code: 'ENROLMENT_NOT_FOUND' } })))
		// Counted directly: every one of the 300 cancelled, nobody else; one cancellation mail and one message each.
		const inLarge = (await enrolments()).filter((row) => row.sessionId === f.large.id)
		expect({ cancelled: inLarge.filter((row) => row.status === 'cancelled').length, other: inLarge.filter((row) => row.status !== 'cancelled').length }).toEqual({ cancelled: 300, other: 0 })
		const large = new Set(f.large.enrolled)
		const jobs = (await listMailJobs(app.db)).filter((job) => job.enrolmentId && large.has(job.enrolmentId))
		expect(jobs.filter((job) => job.kind === 'enrolment_cancelled').length).toBe(300)
		expect(jobs.filter((job) => job.kind === 'participant_message').length).toBe(300)
		const audited = (await auditRows('enrolment.cancel')).filter((row) => row.objectId !== null && large.has(row.objectId))
		expect(audited.length).toBe(300)
		expect((await statuses([f.otherUnitEnrolment])).get(f.otherUnitEnrolment)?.status).toBe('enrolled')
	}, 300_000)
})

/**
 * NVWA provides a course with sessions at a location; RVO's employees take them. A small session
 * (capacity 3: two enrolled, one already marked attended, one waitlisted, two to move), a target
 * session of the same course with one free seat, a large session with 300 enrolled, and an RVO
 * session of RVO's own course with one enrolment: the forged id.
 */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db, { nvwa: { poOverrides: { approval: { mode: 'never' } } }, rvo: { poOverrides: { approval: { mode: 'never' } } } })
	const people = (tenantId: string, names: string[]) => insertPeople(db, tenantId, names)
	const [coordinator] = await people(nvwa, ['Nina Coördinator'])
	const [rvoCoordinator, ...employees] = await people(rvo, ['Rob Coördinator', 'Ans', 'Bert', 'Cor', 'Dirk', 'Eva', 'Frits', 'Gijs', 'Hans Corver'])
	const many = await people(
		rvo,
		Array.from({ length: 300 }, (_, index) => `deelnemer-${String(index).padStart(3, '0')}`),
	)
	await db.insert(schema.roleAssignments).values([
		{ userId: coordinator!, role: 'coordinator', tenantId: nvwa },
		{ userId: rvoCoordinator!, role: 'coordinator', tenantId: rvo },
	])
	const [location] = await db.insert(schema.locations).values({ tenantId: nvwa, name: 'Kantoor Utrecht', address: 'Straat 1', city: 'Utrecht' }).returning({ id: schema.locations.id })
	const course = async (tenantId: string, title: string) =>
		(
			await db
				.insert(schema.courses)
				.values({ providerTenantId: tenantId, title, summary: 'S', description: 'D', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern', priceCents: 0 })
				.returning({ id: schema.courses.id })
		)[0]!.id
	const toezicht = await course(nvwa, 'Toezicht in de praktijk')
	const eigen = await course(rvo, 'Eigen opleiding')
	const session = async (tenantId: string, courseId: string, days: number, capacity: number) =>
		(
			await db
				.insert(schema.sessions)
				.values({ tenantId, courseId, locationId: tenantId === nvwa ? location!.id : null, startsAt: new Date(NOW.getTime() + days * DAY), endsAt: new Date(NOW.getTime() + days * DAY + 7_200_000), capacity })
				.returning({ id: schema.sessions.id })
		)[0]!.id
	const small = await session(nvwa, toezicht, 14, 5)
	const target = await session(nvwa, toezicht, 21, 2)
	const largeSession = await session(nvwa, toezicht, 28, 400)
	const otherUnitSession = await session(rvo, eigen, 14, 10)
	let queue = 0
	const enrol = async (sessionId: string, userIds: string[], status: EnrolmentStatus) =>
		(
			await db
				.insert(schema.enrolments)
				.values(userIds.map((userId) => ({ tenantId: rvo, sessionId, userId, status, queueNumber: ++queue })))
				.returning({ id: schema.enrolments.id })
		).map((row) => row.id)
	const [ans, bert, cor, dirk, eva, frits, gijs, hans] = employees as [string, string, string, string, string, string, string, string]
	// The target has one seat taken (Gijs) and one free.
	await enrol(target, [gijs], 'enrolled')
	return {
		nvwa,
		rvo,
		coordinator: coordinator!,
		rvoCoordinator: rvoCoordinator!,
		small: {
			id: small,
			enrolled: await enrol(small, [ans, cor], 'enrolled'),
			attended: (await enrol(small, [dirk], 'attended'))[0]!,
			waitlisted: (await enrol(small, [bert], 'waitlisted'))[0]!,
			// Still awaiting approval: on neither of the page's lists.
			awaiting: (await enrol(small, [hans], 'awaiting_approval'))[0]!,
		},
		movers: await enrol(small, [eva, frits], 'enrolled'),
		target: { id: target },
		large: { id: largeSession, enrolled: await enrol(largeSession, many, 'enrolled') },
		otherUnitSession,
		otherUnitEnrolment: (await enrol(otherUnitSession, [ans], 'enrolled'))[0]!,
	}
}
