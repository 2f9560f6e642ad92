import type { DatabaseClient } from '@leerplein/db'
import { recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor, EnrolmentStatus } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { showTeam } from './show-team.server.ts'

// A manager's team page (issue 18, item 5) against a real database under row-level security, on
// PGlite and PostgreSQL: the counts per person equal what the enrolments say when counted
// directly as the owner, another manager's people and another unit's never appear, the budget
// is the unit's yearly budget minus the ledger of this year, and only a manager gets in.

const DAY = 86_400_000
const NOW = new Date('2030-05-01T08:00:00Z')
const at = (days: number) => new Date(NOW.getTime() + days * DAY)
const sort = { id: 'name', desc: false } as const

describe.each(await testDrivers())('a manager’s team page on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const manager = (): Actor => ({ userId: f.manager, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }, { role: 'manager', tenantId: f.rvo }] })
	const show = (actor: Actor, extra: Partial<Parameters<typeof showTeam>[1]> = {}) => showTeam(ctx(), { actor, filters: {}, sort, page: 1, memberId: null, ...extra })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 4 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	/** The four counts of each person, counted directly from the enrolments as the owner (past every policy). */
	async function directCounts(userIds: string[]) {
		const [enrolments, sessions] = await database.asOwner((db) => Promise.all([db.select().from(schema.enrolments), db.select().from(schema.sessions)]))
		const sessionOf = new Map(sessions.map((session) => [session.id, session]))
		const rows = enrolments.filter((row) => userIds.includes(row.userId)).map((row) => ({ ...row, startsAt: sessionOf.get(row.sessionId)!.startsAt, endsAt: sessionOf.get(row.sessionId)!.endsAt }))
		const yearAgo = new Date('2029-05-01T08:00:00Z')
		const counts = new Map(userIds.map((id) => [id, { upcoming: 0, waiting: 0, completed: 0, cancelled: 0 }]))
		for (const row of rows) {
			const c = counts.get(row.userId)!
			const ahead = row.startsAt > NOW
			if (row.status === 'enrolled' && ahead) c.upcoming++
			else if ((row.status === 'awaiting_approval' || row.status === 'approved' || row.status === 'waitlisted') && ahead) c.waiting++
			else if ((row.status === 'attended' || row.status === 'completed') && row.endsAt > yearAgo && row.endsAt <= NOW) c.completed++
			else if (row.status === 'cancelled' && row.updatedAt > yearAgo && row.updatedAt <= NOW) c.cancelled++
		}
		return counts
	}

	test('counts each person’s upcoming, waiting, completed and cancelled learning as the enrolments say, and only the manager’s own active people', async () => {
		const result = await show(manager())
		if (!result.ok) throw new Error(result.code)
		expect(result.value.rows.map((row) => row.name)).toEqual(['Ans', 'Bert', 'Cor'])
		expect(result.value.total).toBe(3)
		expect(result.value.pages).toBe(1)
		const direct = await directCounts([f.ans, f.bert, f.cor])
		for (const row of result.value.rows) expect({ upcoming: row.upcoming, waiting: row.waiting, completed: row.completed, cancelled: row.cancelled }, row.name).toEqual(direct.get(row.id))
		// The planted facts, so the direct count above is not trivially zero.
		expect(result.value.rows.find((row) => row.name === 'Ans')).toMatchObject({ upcoming: 3, waiting: 2, completed: 2, cancelled: 1 })
		// Another manager's person, an inactive one, and a person of another unit with the same manager id never appear.
		const names = result.value.rows.map((row) => row.name)
		for (const other of ['Eva (ander team)', 'Dirk (uit dienst)', 'Nico (NVWA)']) expect(names).not.toContain(other)
	})

	test('sorts by a count on the server and filters on name', async () => {
		const byUpcoming = await show(manager(), { sort: { id: 'upcoming', desc: true } })
		expect(byUpcoming.ok && byUpcoming.value.rows.map((row) => [row.name, row.upcoming])).toEqual([
			['Ans', 3],
			['Cor', 1],
			['Bert', 0],
		])
		const filtered = await show(manager(), { filters: { q: 'er' } })
		expect(filtered.ok && filtered.value.rows.map((row) => row.name)).toEqual(['Bert'])
		expect(filtered.ok && filtered.value.teamSize).toBe(3)
	})

	test('one person’s list names the course, date and status of each enrolment the counts count', async () => {
		const result = await show(manager(), { memberId: f.ans })
		if (!result.ok) throw new Error(result.code)
		expect(result.value.member?.name).toBe('Ans')
		expect(result.value.member?.learning.map((row) => [row.group, row.status, row.courseTitle])).toEqual([
			['upcoming', 'enrolled', 'Eigen opleiding'],
			['upcoming', 'enrolled', 'Toezicht in de praktijk'],
			['upcoming', 'enrolled', 'Eigen opleiding'],
			['waiting', 'waitlisted', 'Toezicht in de praktijk'],
			['waiting', 'awaiting_approval', 'Eigen opleiding'],
			['completed', 'completed', 'Eigen opleiding'],
			['completed', 'attended', 'Eigen opleiding'],
			['cancelled', 'cancelled', 'Eigen opleiding'],
		])
	})

	test('another manager’s person, another unit’s, or someone made up is not found; nothing of them is read', async () => {
		for (const memberId of [f.eva, f.nico, f.dirk, f.employee, '0190a5c0-0000-7000-8000-000000000000']) {
			expect(await show(manager(), { memberId }), memberId).toEqual({ ok: false, kind: 'not_found', code: 'TEAM_MEMBER_NOT_FOUND' })
		}
		// The other manager sees only Eva, never Ans, Bert or Cor.
		const other = await show({ userId: f.otherManager, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.rvo }] })
		expect(other.ok && other.value.rows.map((row) => row.name)).toEqual(['Eva (ander team)'])
		expect(await show({ userId: f.otherManager, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.rvo }] }, { memberId: f.ans })).toMatchObject({ ok: false, kind: 'not_found' })
	})

	test('an employee without the manager role, a coordinator, or a manager of another unit is refused', async () => {
		const refused = { ok: false, kind: 'forbidden', code: 'FORBIDDEN' }
		expect(await show({ userId: f.employee, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })).toEqual(refused)
		expect(await show({ userId: f.coordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })).toEqual(refused)
		// The manager's id as a manager of NVWA: a grant in another unit opens nothing here.
		expect(await show({ userId: f.manager, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.nvwa }] })).toEqual(refused)
	})

	test('the team’s budget this year is the unit’s yearly budget per person minus the ledger of this year, the approvals inbox’s reckoning', async () => {
		const result = await show(manager())
		if (!result.ok) throw new Error(result.code)
		// 3 people × € 1.000; Ans € 400 committed and € 100 released, Bert € 250; next year's € 300 and Eva's € 900 not counted.
		expect(result.value.budget).toEqual({ year: 2030, people: 3, totalCents: 300_000, committedCents: 55_000, remainingCents: 245_000 })
	})

	test('the team’s dots are the passport matrix’s counts of the team', async () => {
		// RVO requires one competency of everyone, and nobody holds it: a red dot for each of the three (not Eva's, nor Dirk's).
		const result = await show(manager())
		expect(result.ok && result.value.passport).toEqual({ red: 3, orange: 0, green: 0 })
	})

	test('a team of more than 50 is paged, 50 at a time', async () => {
		const big: Actor = { userId: f.bigManager, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.rvo }] }
		const first = await show(big)
		expect(first.ok && { rows: first.value.rows.length, total: first.value.total, pages: first.value.pages, first: first.value.rows[0]?.name }).toEqual({ rows: 50, total: 51, pages: 2, first: 'lid-00' })
		const second = await show(big, { page: 2 })
		expect(second.ok && second.value.rows.map((row) => row.name)).toEqual(['lid-50'])
		const descending = await show(big, { sort: { id: 'name', desc: true } })
		expect(descending.ok && descending.value.rows[0]?.name).toBe('lid-50')
	})

	test('a manager with nobody in their team gets an empty team', async () => {
		const result = await show({ userId: f.employee, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.rvo }] })
		expect(result.ok && { size: result.value.teamSize, rows: result.value.rows, budget: result.value.budget.totalCents }).toEqual({ size: 0, rows: [], budget: 0 })
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db, { rvo: { poOverrides: { yearlyBudgetCents: 100_000 } } })
	const [manager, otherManager, coordinator, employee] = await insertPeople(db, rvo, ['Mark Manager', 'Olga Manager', 'Rob Coördinator', 'Sam Medewerker'])
	const person = async (tenantId: string, name: string, managerId: string, active = true) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name.replace(/\W/g, '.')}@test.nl`, managerId, active }).returning({ id: schema.users.id }))[0]!.id
	const ans = await person(rvo, 'Ans', manager!)
	const bert = await person(rvo, 'Bert', manager!)
	const cor = await person(rvo, 'Cor', manager!)
	const dirk = await person(rvo, 'Dirk (uit dienst)', manager!, false)
	const eva = await person(rvo, 'Eva (ander team)', otherManager!)
	// Another unit's person whose manager id is RVO's manager (a data error): never part of the team.
	const nico = await person(nvwa, 'Nico (NVWA)', manager!)
	await db.insert(schema.roleAssignments).values([
		{ userId: manager!, role: 'manager', tenantId: rvo },
		{ userId: otherManager!, role: 'manager', tenantId: rvo },
		{ userId: coordinator!, role: 'coordinator', tenantId: rvo },
	])
	const course = async (tenantId: string, title: string) =>
		(
			await db
				.insert(schema.courses)
				.values({ providerTenantId: tenantId, title, summary: 'S', description: 'D', form: 'classroom', durationMinutes: 120, status: 'published', visibility: 'concern', priceCents: 0 })
				.returning({ id: schema.courses.id })
		)[0]!.id
	const toezicht = await course(nvwa, 'Toezicht in de praktijk')
	const eigen = await course(rvo, 'Eigen opleiding')
	const session = async (tenantId: string, courseId: string, days: number) =>
		(
			await db
				.insert(schema.sessions)
				.values({ tenantId, courseId, startsAt: at(days), endsAt: new Date(at(days).getTime() + 7_200_000), capacity: 20 })
				.returning({ id: schema.sessions.id })
		)[0]!.id
	// Ahead: in 10 and 20 days (NVWA's and RVO's); past: 30 days ago, 200 days ago, 400 days ago (outside the 12 months).
	const soonNvwa = await session(nvwa, toezicht, 20)
	const soonRvo = await session(rvo, eigen, 10)
	const laterRvo = await session(rvo, eigen, 40)
	const recent = await session(rvo, eigen, -30)
	const halfYear = await session(rvo, eigen, -200)
	const longAgo = await session(rvo, eigen, -400)
	const enrol = async (userId: string, sessionId: string, status: EnrolmentStatus, updatedAt = at(-1)) =>
		(await db.insert(schema.enrolments).values({ tenantId: rvo, sessionId, userId, status, updatedAt }).returning({ id: schema.enrolments.id }))[0]!.id
	// Ans: 3 upcoming (one next year), 2 waiting, 2 completed (a third too long ago), 1 cancelled (another too long ago), a declined one counted nowhere.
	const ansCommitted = await enrol(ans, soonNvwa, 'enrolled')
	await enrol(ans, soonRvo, 'enrolled')
	await enrol(ans, laterRvo, 'awaiting_approval')
	await enrol(ans, recent, 'completed')
	await enrol(ans, halfYear, 'attended')
	await enrol(ans, longAgo, 'completed')
	await enrol(ans, recent, 'cancelled', at(-20))
	await enrol(ans, halfYear, 'cancelled', at(-390))
	await enrol(ans, halfYear, 'declined')
	// A waitlisted place for Ans in NVWA's session needs another session: the one-active-per-session rule.
	await enrol(ans, await session(nvwa, toezicht, 25), 'waitlisted')
	// Bert: only the past: a no-show, and an enrolment for a session that has begun (neither upcoming nor completed).
	const bertCommitted = await enrol(bert, recent, 'no_show')
	await enrol(bert, await session(rvo, eigen, -0.01), 'enrolled')
	// Cor: one upcoming; Eva (another manager's) and Nico (another unit's) have plenty.
	await enrol(cor, soonRvo, 'enrolled')
	const evaCommitted = await enrol(eva, soonRvo, 'enrolled')
	await enrol(eva, laterRvo, 'waitlisted')
	await enrol(dirk, soonRvo, 'enrolled')
	await db.insert(schema.enrolments).values({ tenantId: nvwa, sessionId: soonNvwa, userId: nico, status: 'enrolled' })
	const nextYear = await enrol(ans, await session(rvo, eigen, 300), 'enrolled')
	await db.insert(schema.budgetLedger).values([
		{ tenantId: rvo, userId: ans, enrolmentId: ansCommitted, year: 2030, kind: 'commit', amountCents: 40_000 },
		{ tenantId: rvo, userId: ans, enrolmentId: ansCommitted, year: 2030, kind: 'release', amountCents: -10_000 },
		{ tenantId: rvo, userId: bert, enrolmentId: bertCommitted, year: 2030, kind: 'commit', amountCents: 25_000 },
		{ tenantId: rvo, userId: ans, enrolmentId: nextYear, year: 2031, kind: 'commit', amountCents: 30_000 },
		{ tenantId: rvo, userId: eva, enrolmentId: evaCommitted, year: 2030, kind: 'commit', amountCents: 90_000 },
	])
	// A manager of 51 people: one more than a page.
	const [bigManager] = await insertPeople(db, rvo, ['Grote Manager'])
	for (let index = 0; index < 51; index++) await person(rvo, `lid-${String(index).padStart(2, '0')}`, bigManager!)
	const [competency] = await db.insert(schema.competencies).values({ name: 'Veilig werken', validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
	await db.insert(schema.competencyRequirements).values({ tenantId: rvo, competencyId: competency!.id, introducedOn: '2020-01-01' })
	await recomputePassports(db, { tenantId: rvo, today: '2030-05-01', trigger: 'requirement' })
	return { nvwa, rvo, bigManager: bigManager!, manager: manager!, otherManager: otherManager!, coordinator: coordinator!, employee: employee!, ans, bert, cor, dirk, eva, nico }
}
