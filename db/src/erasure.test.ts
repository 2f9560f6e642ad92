import { eq, sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from './client.ts'
import { declineErasureRequest, eraseByRequest, insertErasureRequest, listErasureRequests, previewErasure } from './queries/erasure.ts'
import { countReportBudget, countReportParticipation } from './queries/reports.ts'
import * as schema from './schema/index.ts'
import { withTenantContext } from './tenancy.ts'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from './testing.ts'

const NAME = 'Erik Wisbaar'
const EMAIL = 'Erik.Wisbaar@nvwa.test'
const NUMBER = '4711001'

// Issue 22, item 1 (ADR 054): the erasure walks the personal-data register in one transaction, for
// a privacy officer who did not ask; afterwards nothing names the person and the reports add up.
describe.each(await testDrivers())('erasing a person through the register on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { nvwa: string; rvo: string; person: string; manager: string; coordinator: string; olga: string; otto: string; course: string }
	// As the owner, past the row policies (on PGlite the one connection is switched back for it).
	const owner = <T>(query: SQL) => database.asOwner((db) => selectRows<T>(db, query))
	const as = <T>(tenantId: string, userId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId }, work)
	const refusal = (work: Promise<unknown>) =>
		work.then(
			() => null,
			(error: { cause?: { message?: string }; message: string }) => error.cause?.message ?? error.message,
		)
	const report = () =>
		as(ids.nvwa, ids.coordinator, async (tx) => ({
			participation: await countReportParticipation(tx, { tenantId: ids.nvwa, fromMonth: '2030-01', toMonth: '2030-12', freeCancellationDays: 14 }),
			budget: await countReportBudget(tx, { tenantId: ids.nvwa, year: 2030 }),
		}))

	/** Every text and JSON column of every table, searched for the person's name, address and number. */
	async function whereNamed(): Promise<string[]> {
		const columns = await owner<{ table: string; column: string }>(
			sql`select c.table_name as "table", c.column_name as "column" from information_schema.columns c
				join pg_class k on k.relname = c.table_name and k.relnamespace = 'public'::regnamespace and k.relkind in ('r', 'p')
				where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
		)
		expect(columns.length).toBeGreaterThan(100)
		const found: string[] = []
		for (const { table, column } of columns) {
			const [hit] = await owner<{ needles: string[] | null }>(
				sql`select array_agg(distinct needle) as needles from ${sql.identifier(table)} t, (values (${NAME}), (${EMAIL}), (${NUMBER})) as n(needle)
					where t.${sql.identifier(column)}::text ilike '%' || needle || '%'`,
			)
			for (const needle of hit?.needles ?? []) found.push(`${table}.${column}: ${needle}`)
		}
		return found
	}

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const units = await insertNvwaAndRvo(db)
		const [manager, coordinator, colleague] = await insertPeople(db, units.nvwa, ['Mila Manager', 'Cora Coordinator', 'Tim Teamlid'])
		const [olga, otto] = await insertPeople(db, units.rvo, ['Olga Officer', 'Otto Officer'])
		const [person] = await db.insert(schema.users).values({ tenantId: units.nvwa, employeeNumber: NUMBER, name: NAME, email: EMAIL, managerId: manager! }).returning({ id: schema.users.id })
		await db.insert(schema.roleAssignments).values([
			{ userId: person!.id, role: 'employee', tenantId: units.nvwa },
			{ userId: coordinator!, role: 'coordinator', tenantId: units.nvwa },
			{ userId: olga!, role: 'privacy_officer', tenantId: null },
			{ userId: otto!, role: 'privacy_officer', tenantId: null },
		])
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: units.nvwa, title: 'Toezicht', summary: 'Samenvatting', description: 'Omschrijving', form: 'classroom', language: 'nl', durationMinutes: 180, status: 'published', visibility: 'concern', contactName: NAME, contactEmail: EMAIL })
			.returning({ id: schema.courses.id })
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: units.nvwa, courseId: course!.id, startsAt: new Date('2030-01-15T09:00:00Z'), endsAt: new Date('2030-01-15T12:00:00Z'), capacity: 20, status: 'planned' })
			.returning({ id: schema.sessions.id })
		const enrolments = await db
			.insert(schema.enrolments)
			.values([
				{ tenantId: units.nvwa, userId: person!.id, sessionId: session!.id, status: 'completed' as const },
				{ tenantId: units.nvwa, userId: colleague!, sessionId: session!.id, status: 'no_show' as const },
			])
			.returning({ id: schema.enrolments.id })
		await db.insert(schema.budgetLedger).values({ tenantId: units.nvwa, userId: person!.id, enrolmentId: enrolments[0]!.id, year: 2030, kind: 'commit', amountCents: 50_000 })
		await db.insert(schema.trainers).values({ tenantId: units.nvwa, kind: 'internal', userId: person!.id, name: NAME, email: EMAIL })
		await db.insert(schema.auditLog).values([
			{ tenantId: units.nvwa, actorUserId: person!.id, action: 'enrolment.create', objectType: 'enrolment', objectId: enrolments[0]!.id, result: 'success', after: { name: NAME } },
			{ tenantId: units.nvwa, actorUserId: coordinator!, action: 'user.update', objectType: 'user', objectId: person!.id, result: 'success', before: { email: EMAIL.toLowerCase(), employeeNumber: NUMBER } },
		])
		await db.insert(schema.outboxMails).values([
			{ tenantId: units.nvwa, messageKey: 'm-1', messageId: '<m-1@test>', toAddress: EMAIL, subject: 'Uw inschrijving', body: `Beste ${NAME}, …`, status: 'sent' },
			{ tenantId: units.nvwa, messageKey: 'm-2', messageId: '<m-2@test>', toAddress: 'Mila.Manager@test.nl', subject: `Aanvraag van ${NAME}`, body: `${NAME} (${NUMBER}) vraagt …`, status: 'sent' },
		])
		ids = { ...units, person: person!.id, manager: manager!, coordinator: coordinator!, olga: olga!, otto: otto!, course: course!.id }
		app = await database.connectAsApp({ maxConnections: 2 })
	})
	afterAll(() => database?.close())

	test('the privacy officer sees per register line what erasure would delete, anonymise or keep, and why', async () => {
		const lines = await as(ids.rvo, ids.olga, (tx) => previewErasure(tx, { personId: ids.person }))
		const line = (table: string, column: string) => lines!.find((entry) => entry.table === table && entry.column === column)
		expect(line('users', 'id')).toMatchObject({ erasure: 'anonymise', rows: 1 })
		expect(line('enrolments', 'user_id')).toMatchObject({ erasure: 'keep', rows: 1, reason: expect.stringMatching(/7 years/) })
		expect(line('outbox_mails', 'to_address')).toMatchObject({ erasure: 'delete', rows: 1 })
		expect(line('role_assignments', 'user_id')).toMatchObject({ erasure: 'delete', rows: 1 })
		expect(line('trainers', 'user_id')).toMatchObject({ erasure: 'anonymise', rows: 1 })
		// Someone unknown has no preview.
		expect(await as(ids.rvo, ids.olga, (tx) => previewErasure(tx, { personId: '00000000-0000-4000-8000-000000000000' }))).toBeNull()
	})

	test('only a privacy officer previews, lists or erases', async () => {
		expect(await refusal(as(ids.nvwa, ids.coordinator, (tx) => previewErasure(tx, { personId: ids.person })))).toMatch(/privacy officer only/)
		expect(await refusal(as(ids.nvwa, ids.coordinator, (tx) => listErasureRequests(tx)))).toMatch(/privacy officer only/)
		// A person asks for themselves only: not on another's behalf.
		expect(await refusal(as(ids.nvwa, ids.manager, (tx) => insertErasureRequest(tx, { tenantId: ids.nvwa, personId: ids.person, requestedBy: ids.manager, now: new Date() })))).toMatch(/row-level security/)
	})

	test('the officer who asked on the person’s behalf can neither approve nor decline: four eyes', async () => {
		const requestId = await as(ids.rvo, ids.olga, (tx) => insertErasureRequest(tx, { tenantId: ids.nvwa, personId: ids.person, requestedBy: ids.olga, now: new Date('2030-06-01T09:00:00Z') }))
		expect(requestId).toEqual(expect.any(String))
		expect(await refusal(as(ids.rvo, ids.olga, (tx) => eraseByRequest(tx, { requestId: requestId!, now: new Date('2030-06-02T09:00:00Z') })))).toMatch(/may not approve/)
		expect(await as(ids.rvo, ids.olga, (tx) => declineErasureRequest(tx, { requestId: requestId!, decidedBy: ids.olga, reason: 'nee', now: new Date() }))).toBe(false)
		// Asking again while one is open is the same request.
		expect(await as(ids.rvo, ids.otto, (tx) => insertErasureRequest(tx, { tenantId: ids.nvwa, personId: ids.person, requestedBy: ids.otto, now: new Date() }))).toBeNull()
		const [open] = await as(ids.rvo, ids.otto, (tx) => listErasureRequests(tx, { requestId }))
		expect(open).toMatchObject({ status: 'requested', personName: NAME, employeeNumber: NUMBER, unitName: expect.stringContaining('Voedsel'), requestedByName: 'Olga Officer' })
	})

	test('approved by another officer, the person is in no table any more and the reports still add up', async () => {
		const before = await report()
		// The search below finds the person before (so its silence afterwards means something).
		expect((await whereNamed()).length).toBeGreaterThan(8)
		const [open] = await as(ids.rvo, ids.otto, (tx) => listErasureRequests(tx))
		const counts = await as(ids.rvo, ids.otto, (tx) => eraseByRequest(tx, { requestId: open!.id, now: new Date('2030-06-02T09:00:00Z') }))
		expect(counts!['users.id']).toEqual({ erasure: 'anonymise', rows: 1 })
		expect(counts!['enrolments.user_id']).toEqual({ erasure: 'keep', rows: 1 })
		expect(counts!['outbox_mails.to_address']).toEqual({ erasure: 'delete', rows: 1 })

		expect(await whereNamed()).toEqual([])

		expect(await report()).toEqual(before)
		const [person] = await database.asOwner((db) => db.select().from(schema.users).where(eq(schema.users.id, ids.person)))
		expect(person).toMatchObject({ name: 'Verwijderde persoon', managerId: ids.manager })
		const [done] = await as(ids.rvo, ids.otto, (tx) => listErasureRequests(tx, { requestId: open!.id }))
		expect(done).toMatchObject({ status: 'erased', personName: 'Verwijderde persoon', requestedByName: 'Olga Officer', decidedByName: 'Otto Officer' })
		// A request is decided once.
		expect(await as(ids.rvo, ids.otto, (tx) => eraseByRequest(tx, { requestId: open!.id, now: new Date() }))).toBeNull()
	})
})
