import { randomUUID } from 'node:crypto'
import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, listMailJobs, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { addParticipant } from './add-participant.server.ts'
import { showParticipantOptions } from './show-participant-options.server.ts'
import { testContext } from '../../core/testing.ts'

// A coordinator adds an employee of the unit to one of the unit's sessions, on their behalf
// (issue 14, item 6): the employee's own request under their unit's rules, said before the click,
// audited as the coordinator's act; never a person or a session of another unit.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('adding a participant on their behalf, on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const coordinator = (): Actor => ({ userId: f.coordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })
	const inRvo = <T>(work: Parameters<typeof withTenantContext<T>>[2]) => withTenantContext(app.db, { tenantId: f.rvo, userId: null }, work)
	const enrolmentsOf = async (userId: string) =>
		(await database.asOwner((db) => db.select({ id: schema.enrolments.id, status: schema.enrolments.status, sessionId: schema.enrolments.sessionId, userId: schema.enrolments.userId }).from(schema.enrolments)))
			.filter((row) => row.userId === userId)
			.map(({ id, status, sessionId }) => ({ id, status, sessionId }))

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('the page says what adding each person found will do, under their unit’s rules, before the click', async () => {
		const shown = await showParticipantOptions(ctx(), { actor: coordinator(), sessionId: f.expensiveSession, query: 'medewerker' })
		expect(shown.ok && shown.value.people.map((person) => [person.name, person.alreadyIn, person.preview.kind, person.firstApprover])).toEqual([
			['medewerker een', false, 'needs_approval', 'manager'],
			['medewerker twee', false, 'needs_approval', 'manager'],
		])
		expect(shown.ok && shown.value.people[0]!.preview).toMatchObject({ approvalReason: 'above_price', priceCents: 60_000 })
		// Only the unit's own people: NVWA's employee is never offered, even to a search for their name.
		const other = await showParticipantOptions(ctx(), { actor: coordinator(), sessionId: f.cheapSession, query: 'nvwa' })
		expect(other.ok && other.value.people).toEqual([])
	})

	test('below the approval threshold the employee is seated at once, the budget committed, the mail queued and the act audited as the coordinator’s', async () => {
		const added = await addParticipant(ctx(), { actor: coordinator(), sessionId: f.cheapSession, employeeId: f.one })
		expect(added).toMatchObject({ ok: true, value: { status: 'enrolled' } })
		const enrolmentId = added.ok ? added.value.enrolmentId : ''
		expect(await enrolmentsOf(f.one)).toEqual([{ id: enrolmentId, status: 'enrolled', sessionId: f.cheapSession }])
		const ledger = await inRvo((tx) => tx.select({ enrolmentId: schema.budgetLedger.enrolmentId, amount: schema.budgetLedger.amountCents }).from(schema.budgetLedger))
		expect(ledger.filter((row) => row.enrolmentId === enrolmentId).map((row) => row.amount)).toEqual([10_000])
		expect((await listMailJobs(app.db)).filter((job) => job.enrolmentId === enrolmentId).map((job) => job.kind)).toEqual(['enrolment_seated'])
		const audited = await database.asOwner((db) => db.select({ action: schema.auditLog.action, objectId: schema.auditLog.objectId, actor: schema.auditLog.actorUserId, after: schema.auditLog.after }).from(schema.auditLog))
		expect(audited.filter((row) => row.action === 'enrolment.request' && row.objectId === enrolmentId).map(({ actor, after }) => ({ actor, after }))).toEqual([
			{ actor: f.coordinator, after: { status: 'approved', onBehalfOf: f.one } },
		])
		const shown = await showParticipantOptions(ctx(), { actor: coordinator(), sessionId: f.cheapSession, query: 'medewerker een' })
		expect(shown.ok && shown.value.people.map((person) => person.alreadyIn)).toEqual([true])
	})

	test('above the threshold the request waits for the employee’s manager, who is asked by mail', async () => {
		const added = await addParticipant(ctx(), { actor: coordinator(), sessionId: f.expensiveSession, employeeId: f.two })
		expect(added).toMatchObject({ ok: true, value: { status: 'awaiting_approval' } })
		const enrolmentId = added.ok ? added.value.enrolmentId : ''
		expect((await listMailJobs(app.db)).filter((job) => job.enrolmentId === enrolmentId).map((job) => [job.kind, job.recipientUserId])).toEqual([['approval_requested', f.manager]])
	})

	test('someone already on the list is refused by name of the rule, and nothing is added', async () => {
		const again = await addParticipant(ctx(), { actor: coordinator(), sessionId: f.cheapSession, employeeId: f.one })
		expect(again).toMatchObject({ ok: false, kind: 'conflict', code: 'PARTICIPANT_ALREADY_IN' })
		expect(await enrolmentsOf(f.one)).toHaveLength(1)
	})

	test('another unit’s person is not the unit’s to add, even one the session already lists; another unit’s session is not found; nothing changes', async () => {
		const before = await enrolmentsOf(f.nvwaEmployee)
		expect(await addParticipant(ctx(), { actor: coordinator(), sessionId: f.expensiveSession, employeeId: f.nvwaEmployee })).toMatchObject({ ok: false, code: 'PERSON_NOT_IN_UNIT' })
		expect(await addParticipant(ctx(), { actor: coordinator(), sessionId: f.cheapSession, employeeId: randomUUID() })).toMatchObject({ ok: false, code: 'PERSON_NOT_IN_UNIT' })
		expect(await addParticipant(ctx(), { actor: coordinator(), sessionId: f.nvwaSession, employeeId: f.three })).toMatchObject({ ok: false, kind: 'not_found', code: 'SESSION_NOT_FOUND' })
		expect(await showParticipantOptions(ctx(), { actor: coordinator(), sessionId: f.nvwaSession, query: 'medewerker' })).toMatchObject({ ok: false, code: 'SESSION_NOT_FOUND' })
		expect(await enrolmentsOf(f.nvwaEmployee)).toEqual(before)
		expect(await enrolmentsOf(f.three)).toEqual([])
	})

	test('a manager is no coordinator: neither the page nor the act', async () => {
		const manager: Actor = { userId: f.manager, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.rvo }] }
		expect(await addParticipant(ctx(), { actor: manager, sessionId: f.cheapSession, employeeId: f.three })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await showParticipantOptions(ctx(), { actor: manager, sessionId: f.cheapSession, query: 'medewerker' })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await enrolmentsOf(f.three)).toEqual([])
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db, { nvwa: { poOverrides: {} }, rvo: { poOverrides: { approval: { mode: 'above_price', thresholdCents: 50_000 } } } })
	const person = async (tenantId: string, name: string, managerId?: string) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name.replace(/ /g, '.')}@test.nl`, costCentre: 'KP-1', managerId }).returning({ id: schema.users.id }))[0]!.id
	const manager = await person(rvo, 'leidinggevende')
	const coordinator = await person(rvo, 'coordinator')
	const [one, two, three] = [await person(rvo, 'medewerker een', manager), await person(rvo, 'medewerker twee', manager), await person(rvo, 'collega drie', manager)]
	const nvwaEmployee = await person(nvwa, 'nvwa medewerker')
	await db.insert(schema.roleAssignments).values([
		{ userId: manager, role: 'manager', tenantId: rvo },
		{ userId: coordinator, role: 'coordinator', tenantId: rvo },
	])
	const course = async (tenantId: string, title: string, priceCents: number) =>
		(
			await db
				.insert(schema.courses)
				.values({ providerTenantId: tenantId, title, summary: 'Samenvatting', description: 'Beschrijving', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern', priceCents })
				.returning({ id: schema.courses.id })
		)[0]!.id
	const session = async (tenantId: string, courseId: string) =>
		(
			await db
				.insert(schema.sessions)
				.values({ tenantId, courseId, startsAt: new Date(NOW.getTime() + 20 * DAY), endsAt: new Date(NOW.getTime() + 20 * DAY + 7_200_000), capacity: 10 })
				.returning({ id: schema.sessions.id })
		)[0]!.id
	const cheapSession = await session(rvo, await course(rvo, 'Goedkope cursus', 10_000))
	const expensiveSession = await session(rvo, await course(rvo, 'Dure cursus', 60_000))
	const nvwaSession = await session(nvwa, await course(nvwa, 'NVWA-cursus', 0))
	// NVWA's employee already follows RVO's expensive session: RVO may read their name there, and still may not add them.
	await db.insert(schema.enrolments).values({ tenantId: nvwa, sessionId: expensiveSession, userId: nvwaEmployee, status: 'enrolled', queueNumber: 1 })
	return { nvwa, rvo, manager, coordinator, one, two, three, nvwaEmployee, cheapSession, expensiveSession, nvwaSession }
}
