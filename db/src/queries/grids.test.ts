import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import { seedDatabase } from '../seed/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { APPROVAL_SORTS, listApprovalInbox, listApprovalInboxIds, type ApprovalFilter, type ApprovalInbox } from './approval-inbox.ts'
import { listOwnCourses, OWN_COURSE_SORTS, type OwnCourseFilter } from './course-admin.ts'
import { listUnitSessionsPage, UNIT_SESSION_SORTS, type UnitSessionFilter } from './session-list.ts'

// The grids of issue 14 filter, sort and page in the database, as the portal's role under
// row-level security. Each is checked against the seed read directly as the owner: the total
// for every filter, and the pages, walked to the end, against one direct ORDER BY.

const NOW = new Date('2026-11-23T10:00:00Z')
const DAY = 86_400_000

describe.each(await testDrivers())('server-side grids on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let units: { id: string; slug: string }[]
	const owner = <T>(work: (db: Database) => Promise<T>) => database.asOwner(work)
	const count = async (query: ReturnType<typeof sql>) => Number((await owner((db) => selectRows<{ n: string | number }>(db, query)))[0]!.n)
	const ids = async (query: ReturnType<typeof sql>) => (await owner((db) => selectRows<{ id: string }>(db, query))).map((row) => row.id)
	const asUnit = <T>(tenantId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId: null }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		await seedDatabase(database.db, { scale: 'small', now: NOW })
		units = await selectRows<{ id: string; slug: string }>(database.db, sql`select id, slug from tenants order by slug`)
		app = await database.connectAsApp()
	}, 240_000)

	afterAll(async () => {
		await app?.close()
		await database?.close()
	})

	describe('the approvals inbox', () => {
		/** The direct WHERE for an inbox and a filter, written out by hand. */
		function where(inbox: ApprovalInbox, filter: ApprovalFilter) {
			const parts = [sql`e.tenant_id = ${inbox.tenantId}`, sql`e.status = 'awaiting_approval'`]
			if (inbox.managerId) parts.push(sql`u.manager_id = ${inbox.managerId}`)
			if (inbox.step) parts.push(sql`e.approval_step = ${inbox.step}`)
			if (filter.step) parts.push(sql`e.approval_step = ${filter.step}`)
			if (filter.courseId) parts.push(sql`s.course_id = ${filter.courseId}`)
			if (filter.startsFrom) parts.push(sql`s.starts_at >= ${filter.startsFrom.toISOString()}`)
			if (filter.startsBefore) parts.push(sql`s.starts_at < ${filter.startsBefore.toISOString()}`)
			if (filter.requestedBefore) parts.push(sql`e.requested_at <= ${filter.requestedBefore.toISOString()}`)
			if (filter.search) parts.push(sql`(position(lower(${filter.search}) in lower(u.name)) > 0 or position(lower(${filter.search}) in lower(c.title)) > 0)`)
			return sql.join(parts, sql` and `)
		}
		const from = sql`from enrolments e join users u on u.id = e.user_id join sessions s on s.id = e.session_id join courses c on c.id = s.course_id`

		test('every unit: the total for each filter equals a direct count, and the seed has requests to filter', async () => {
			let seen = 0
			for (const unit of units) {
				const inbox: ApprovalInbox = { tenantId: unit.id, managerId: null, step: null }
				const [sample] = await owner((db) => selectRows<{ course_id: string; name: string; starts_at: Date; requested_at: Date }>(db, sql`select s.course_id, u.name, s.starts_at, e.requested_at ${from} where ${where(inbox, {})} order by e.id limit 1`))
				const filters: ApprovalFilter[] = [{}, { step: 'manager' }, { step: 'coordinator' }, { requestedBefore: new Date(NOW.getTime() - 14 * DAY) }, { startsFrom: NOW, startsBefore: new Date(NOW.getTime() + 60 * DAY) }]
				if (sample) {
					filters.push({ courseId: sample.course_id }, { search: sample.name.split(' ')[0]! }, { search: 'management' }, { search: '100%_' })
				}
				for (const filter of filters) {
					const expected = await count(sql`select count(*) as n ${from} where ${where(inbox, filter)}`)
					const { total } = await asUnit(unit.id, (tx) => listApprovalInbox(tx, { inbox, filter, sort: 'requested', direction: 'asc', limit: 10, offset: 0 }))
					expect(total, `${unit.slug} ${JSON.stringify(filter)}`).toBe(expected)
					const all = await asUnit(unit.id, (tx) => listApprovalInboxIds(tx, { inbox, filter, limit: 5000 }))
					expect(all.length).toBe(expected)
					seen += expected
				}
			}
			expect(seen).toBeGreaterThan(0)
		})

		test("a manager's inbox is their team at the manager step, filtered the same way", async () => {
			const managers = await owner((db) =>
				selectRows<{ tenant_id: string; manager_id: string }>(db, sql`select e.tenant_id, u.manager_id from enrolments e join users u on u.id = e.user_id where e.status = 'awaiting_approval' and u.manager_id is not null group by 1, 2 order by count(*) desc limit 3`),
			)
			expect(managers.length).toBeGreaterThan(0)
			for (const manager of managers) {
				const inbox: ApprovalInbox = { tenantId: manager.tenant_id, managerId: manager.manager_id, step: 'manager' }
				for (const filter of [{}, { requestedBefore: new Date(NOW.getTime() - 7 * DAY) }] satisfies ApprovalFilter[]) {
					const expected = await count(sql`select count(*) as n ${from} where ${where(inbox, filter)}`)
					const { total } = await asUnit(manager.tenant_id, (tx) => listApprovalInbox(tx, { inbox, filter, sort: 'requested', direction: 'asc', limit: 10, offset: 0 }))
					expect(total).toBe(expected)
				}
			}
		})

		test('each sort, both ways, pages through exactly the direct ORDER BY', async () => {
			const [busiest] = await owner((db) => selectRows<{ tenant_id: string }>(db, sql`select tenant_id from enrolments where status = 'awaiting_approval' group by 1 order by count(*) desc limit 1`))
			const inbox: ApprovalInbox = { tenantId: busiest!.tenant_id, managerId: null, step: null }
			const column = { requested: sql`e.requested_at`, employee: sql`u.name`, course: sql`c.title`, date: sql`s.starts_at`, price: sql`e.price_cents` }
			for (const sort of APPROVAL_SORTS) {
				for (const direction of ['asc', 'desc'] as const) {
					const expected = await ids(sql`select e.id ${from} where ${where(inbox, {})} order by ${column[sort]} ${sql.raw(direction)}, e.requested_at asc, e.id asc`)
					const pages: string[] = []
					for (let offset = 0; offset < expected.length + 7; offset += 7) {
						const { rows } = await asUnit(inbox.tenantId, (tx) => listApprovalInbox(tx, { inbox, filter: {}, sort, direction, limit: 7, offset }))
						pages.push(...rows.map((row) => row.id))
					}
					expect(pages, `${sort} ${direction}`).toEqual(expected)
				}
			}
		})

		test("another unit's requests are not in the grid, whatever the inbox names", async () => {
			const [a, b] = units
			const inboxOfB: ApprovalInbox = { tenantId: b!.id, managerId: null, step: null }
			const { total } = await asUnit(a!.id, (tx) => listApprovalInbox(tx, { inbox: inboxOfB, filter: {}, sort: 'requested', direction: 'asc', limit: 10, offset: 0 }))
			expect(total).toBe(0)
		})
	})

	describe("the unit's sessions", () => {
		function where(tenantId: string, filter: UnitSessionFilter) {
			const parts = [sql`s.tenant_id = ${tenantId}`]
			if (filter.status) parts.push(sql`s.status = ${filter.status}`)
			if (filter.courseId) parts.push(sql`s.course_id = ${filter.courseId}`)
			if (filter.endsFrom) parts.push(sql`s.ends_at >= ${filter.endsFrom.toISOString()}`)
			if (filter.startsBefore) parts.push(sql`s.starts_at < ${filter.startsBefore.toISOString()}`)
			if (filter.trainerId) parts.push(sql`s.id in (select m.session_id from session_meetings m join meeting_trainers mt on mt.meeting_id = m.id where mt.trainer_id = ${filter.trainerId})`)
			if (filter.search) {
				const words = filter.search.toLowerCase()
				parts.push(sql`(position(${words} in lower(c.title)) > 0 or position(${words} in lower(coalesce(l.city, ''))) > 0 or position(${words} in lower(coalesce(l.name, ''))) > 0
					or s.id in (select m.session_id from session_meetings m join meeting_trainers mt on mt.meeting_id = m.id join trainers t on t.id = mt.trainer_id where position(${words} in lower(t.name)) > 0))`)
			}
			return sql.join(parts, sql` and `)
		}
		const from = sql`from sessions s join courses c on c.id = s.course_id left join locations l on l.id = s.location_id`

		test('every unit: the total for each filter equals a direct count', async () => {
			let seen = 0
			for (const unit of units) {
				const [trainer] = await owner((db) => selectRows<{ id: string; name: string }>(db, sql`select t.id, t.name from trainers t where t.tenant_id = ${unit.id} and exists (select 1 from meeting_trainers mt where mt.trainer_id = t.id) order by t.id limit 1`))
				const [city] = await owner((db) => selectRows<{ city: string }>(db, sql`select l.city from sessions s join locations l on l.id = s.location_id where s.tenant_id = ${unit.id} order by s.id limit 1`))
				const filters: UnitSessionFilter[] = [
					{},
					{ status: 'planned' },
					{ status: 'cancelled' },
					{ endsFrom: new Date(NOW.getTime() - 7 * DAY) },
					{ endsFrom: NOW, startsBefore: new Date(NOW.getTime() + 30 * DAY) },
					{ search: 'training' },
					...(trainer ? [{ trainerId: trainer.id }, { search: trainer.name.split(' ').at(-1)! }] : []),
					...(city ? [{ search: city.city, status: 'planned' as const }] : []),
				]
				for (const filter of filters) {
					const expected = await count(sql`select count(*) as n ${from} where ${where(unit.id, filter)}`)
					const { total, rows } = await asUnit(unit.id, (tx) => listUnitSessionsPage(tx, { tenantId: unit.id, filter, sort: 'date', direction: 'asc', limit: 50, offset: 0 }))
					expect(total, `${unit.slug} ${JSON.stringify(filter)}`).toBe(expected)
					expect(rows.length).toBe(Math.min(50, expected))
					seen += expected
				}
			}
			expect(seen).toBeGreaterThan(0)
		})

		test('each sort, both ways, pages through exactly the direct ORDER BY', async () => {
			const [busiest] = await owner((db) => selectRows<{ tenant_id: string }>(db, sql`select tenant_id from sessions group by 1 order by count(*) desc limit 1`))
			const unit = { id: busiest!.tenant_id }
			const filter: UnitSessionFilter = {}
			const taken = sql`(select count(*) from enrolments e where e.session_id = s.id and e.status in ('enrolled', 'attended', 'no_show', 'completed'))`
			const waiting = sql`(select count(*) from enrolments e where e.session_id = s.id and e.status = 'waitlisted')`
			const column = { date: sql`s.starts_at`, course: sql`c.title`, place: sql`l.city`, capacity: sql`s.capacity`, taken, waiting, status: sql`s.status` }
			for (const sort of UNIT_SESSION_SORTS) {
				for (const direction of ['asc', 'desc'] as const) {
					const expected = await ids(sql`select s.id ${from} where ${where(unit.id, filter)} order by ${column[sort]} ${sql.raw(direction)} nulls last, s.starts_at asc, s.id asc`)
					expect(expected.length).toBeGreaterThan(20)
					const pages: string[] = []
					for (let offset = 0; offset < expected.length; offset += 20) {
						const { rows } = await asUnit(unit.id, (tx) => listUnitSessionsPage(tx, { tenantId: unit.id, filter, sort, direction, limit: 20, offset }))
						pages.push(...rows.map((row) => row.id))
					}
					expect(pages, `${sort} ${direction}`).toEqual(expected)
				}
			}
		})
	})

	test('the seat counts follow every change of enrolments: inserted, changed in status, moved, deleted (migration 0046)', async () => {
		const mismatches = sql`select count(*) as n from (
				select coalesce(k.taken, 0) as kept_taken, coalesce(k.waiting, 0) as kept_waiting,
					(select count(*) from enrolments e where e.session_id = s.id and e.status in ('enrolled', 'attended', 'no_show', 'completed')) as taken,
					(select count(*) from enrolments e where e.session_id = s.id and e.status = 'waitlisted') as waiting
				from sessions s left join session_seat_counts k on k.session_id = s.id
			) counts where kept_taken <> taken or kept_waiting <> waiting`
		expect(await count(mismatches)).toBe(0)
		const untouched = sql`not exists (select 1 from meeting_attendance m where m.enrolment_id = e.id) and not exists (select 1 from budget_ledger b where b.enrolment_id = e.id)`
		await owner(async (db) => {
			// Statuses changed in one statement: cancelled, waitlisted, waitlisted back to enrolled.
			await db.execute(sql`update enrolments set status = 'cancelled' where id in (select id from enrolments where status = 'enrolled' order by id limit 5)`)
			await db.execute(sql`update enrolments set status = 'waitlisted' where id in (select id from enrolments where status = 'enrolled' order by id desc limit 3)`)
			await db.execute(sql`update enrolments set status = 'enrolled' where id in (select id from enrolments where status = 'waitlisted' order by id limit 1)`)
			// Moved to another session of its unit where the person has no active enrolment.
			await db.execute(sql`update enrolments e set session_id = target.id from (
					select e2.id as enrolment_id, s2.id from enrolments e2 join sessions s1 on s1.id = e2.session_id
					join sessions s2 on s2.tenant_id = s1.tenant_id and s2.id <> s1.id and s2.status = 'planned'
					where e2.status = 'enrolled' and not exists (select 1 from meeting_attendance m where m.enrolment_id = e2.id)
						and not exists (select 1 from enrolments o where o.session_id = s2.id and o.user_id = e2.user_id)
					order by e2.id, s2.id limit 1
				) target where e.id = target.enrolment_id`)
			// Deleted, and a new one inserted.
			await db.execute(sql`delete from enrolments e where e.id = (select e.id from enrolments e where e.status = 'enrolled' and ${untouched} order by e.id limit 1)`)
			await db.execute(sql`insert into enrolments (id, tenant_id, session_id, user_id, status)
				select gen_random_uuid(), u.tenant_id, s.id, u.id, 'enrolled' from sessions s join users u on u.tenant_id = s.tenant_id
				where s.status = 'planned' and not exists (select 1 from enrolments o where o.session_id = s.id and o.user_id = u.id)
				order by s.id, u.id limit 2`)
		})
		expect(await count(mismatches)).toBe(0)
		// And the grid, as the portal's role, shows them.
		const [busiest] = await owner((db) => selectRows<{ tenant_id: string }>(db, sql`select tenant_id from sessions group by 1 order by count(*) desc limit 1`))
		const { rows } = await asUnit(busiest!.tenant_id, (tx) => listUnitSessionsPage(tx, { tenantId: busiest!.tenant_id, filter: {}, sort: 'taken', direction: 'desc', limit: 20, offset: 0 }))
		for (const row of rows) {
			const taken = await count(sql`select count(*) as n from enrolments e where e.session_id = ${row.id} and e.status in ('enrolled', 'attended', 'no_show', 'completed')`)
			const waiting = await count(sql`select count(*) as n from enrolments e where e.session_id = ${row.id} and e.status = 'waitlisted'`)
			expect({ taken: row.taken, waiting: row.waiting }).toEqual({ taken, waiting })
		}
	})

	describe("the unit's courses", () => {
		function where(tenantId: string, filter: OwnCourseFilter) {
			const parts = [sql`c.provider_tenant_id = ${tenantId}`, sql`c.status <> 'merged'`]
			if (filter.status) parts.push(sql`c.status = ${filter.status}`)
			if (filter.form) parts.push(sql`c.form = ${filter.form}`)
			if (filter.search) parts.push(sql`position(lower(${filter.search}) in lower(c.title)) > 0`)
			return sql.join(parts, sql` and `)
		}

		test('every unit: the total for each filter equals a direct count, and each sort pages through the direct ORDER BY', async () => {
			for (const unit of units) {
				const filters: OwnCourseFilter[] = [{}, { status: 'published' }, { status: 'draft' }, { form: 'classroom' }, { search: 'integriteit' }, { search: 'o', form: 'elearning' }]
				for (const filter of filters) {
					const expected = await count(sql`select count(*) as n from courses c where ${where(unit.id, filter)}`)
					const { total } = await asUnit(unit.id, (tx) => listOwnCourses(tx, { tenantId: unit.id, filter, sort: 'updated', direction: 'desc', limit: 25, offset: 0 }))
					expect(total, `${unit.slug} ${JSON.stringify(filter)}`).toBe(expected)
				}
			}
			const unit = units[0]!
			const sessionsOf = sql`(select count(*) from sessions s where s.course_id = c.id)`
			const column = { title: sql`c.title`, status: sql`c.status`, updated: sql`c.updated_at`, sessions: sessionsOf }
			for (const sort of OWN_COURSE_SORTS) {
				for (const direction of ['asc', 'desc'] as const) {
					const expected = await ids(sql`select c.id from courses c where ${where(unit.id, {})} order by ${column[sort]} ${sql.raw(direction)}, c.id asc`)
					const pages: string[] = []
					for (let offset = 0; offset < expected.length; offset += 9) {
						const { rows } = await asUnit(unit.id, (tx) => listOwnCourses(tx, { tenantId: unit.id, sort, direction, limit: 9, offset }))
						pages.push(...rows.map((row) => row.id))
					}
					expect(pages, `${sort} ${direction}`).toEqual(expected)
				}
			}
		})
	})
})
