import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import { enqueueMail, MAIL_QUEUE } from '../jobs/queue.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import {
	allocateSeats,
	commitBudget,
	committedBudget,
	insertEnrolment,
	lockSessionForEnrolment,
	nextQueueNumber,
	promoteWaitlist,
	releaseBudget,
	updateEnrolment,
} from './enrolments.ts'

describe.each(await testDrivers())('enrolment queries on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertUnits>>
	const as = <T>(tenantId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId: null }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertUnits(database.db)
		app = await database.connectAsApp({ maxConnections: 20 })
	})
	afterAll(() => database?.close())

	/** Seats one employee the way the service does: lock, count, then enrolled or waitlisted. */
	async function seat(tenantId: string, userId: string, sessionId: string) {
		return as(tenantId, async (tx) => {
			const lock = await lockSessionForEnrolment(tx, { sessionId })
			const free = lock!.waiting === 0 && lock!.seatsTaken < lock!.capacity
			return insertEnrolment(tx, {
				tenantId,
				userId,
				sessionId,
				status: free ? 'enrolled' : 'waitlisted',
				queueNumber: await nextQueueNumber(tx),
			})
		})
	}

	test('under the session lock, concurrent requests from two units never take more seats than there are', async () => {
		const sessionId = ids.sessions[0]!
		const people = [...ids.rvoPeople.slice(0, 5).map((userId) => [ids.rvo, userId]), ...ids.acmPeople.map((userId) => [ids.acm, userId])] as const
		const rows = await Promise.all(people.map(([tenantId, userId]) => seat(tenantId!, userId!, sessionId)))
		expect(rows.filter((row) => row.status === 'enrolled')).toHaveLength(3)
		// Arrival order is the order of the queue numbers: the first three got the seats.
		const byArrival = [...rows].sort((a, b) => a.queueNumber! - b.queueNumber!)
		expect(byArrival.map((row) => row.status)).toEqual([...Array(3).fill('enrolled'), ...Array(people.length - 3).fill('waitlisted')])
		const lock = await as(ids.rvo, (tx) => lockSessionForEnrolment(tx, { sessionId }))
		expect(lock).toMatchObject({ capacity: 3, seatsTaken: 3, waiting: people.length - 3, status: 'planned' })
	})

	test('a freed seat goes to the first waitlisted person, whatever their unit, and to nobody else', async () => {
		const sessionId = ids.sessions[1]!
		const first = await seat(ids.rvo, ids.rvoPeople[0]!, sessionId)
		const second = await seat(ids.acm, ids.acmPeople[0]!, sessionId)
		const third = await seat(ids.rvo, ids.rvoPeople[1]!, sessionId)
		expect([first.status, second.status, third.status]).toEqual(['enrolled', 'waitlisted', 'waitlisted'])
		// An RVO employee cancels; the ACM employee waiting first is promoted in the same transaction.
		const promoted = await as(ids.rvo, async (tx) => {
			await lockSessionForEnrolment(tx, { sessionId })
			await updateEnrolment(tx, { enrolmentId: first.id, from: 'enrolled', set: { status: 'cancelled' } })
			return promoteWaitlist(tx, { sessionId })
		})
		expect(promoted).toEqual([{ enrolmentId: second.id, tenantId: ids.acm, userId: ids.acmPeople[0] }])
		// No free seat, no promotion.
		expect(await as(ids.rvo, (tx) => promoteWaitlist(tx, { sessionId }))).toEqual([])
	})

	test('promotion never happens in a cancelled session', async () => {
		const sessionId = ids.sessions[2]!
		await seat(ids.rvo, ids.rvoPeople[0]!, sessionId)
		await seat(ids.rvo, ids.rvoPeople[1]!, sessionId)
		await as(ids.nvwa, (tx) => tx.update(schema.sessions).set({ status: 'cancelled', capacity: 5 }).where(eq(schema.sessions.id, sessionId)))
		expect(await as(ids.nvwa, (tx) => promoteWaitlist(tx, { sessionId }))).toEqual([])
	})

	test('the budget ledger commits once and releases once, and only for an enrolment that ended', async () => {
		const sessionId = ids.sessions[3]!
		const userId = ids.rvoPeople[2]!
		const enrolment = await seat(ids.rvo, userId, sessionId)
		const entry = { tenantId: ids.rvo, userId, enrolmentId: enrolment.id, year: 2030, amountCents: 40_000, costCentre: 'RVO-1' }
		await as(ids.rvo, async (tx) => {
			await commitBudget(tx, entry)
			await commitBudget(tx, entry)
		})
		expect(await as(ids.rvo, (tx) => committedBudget(tx, { userId, year: 2030 }))).toBe(40_000)
		// Still enrolled: nothing may be released.
		await expect(as(ids.rvo, (tx) => releaseBudget(tx, { enrolmentId: enrolment.id }))).rejects.toThrow()
		await as(ids.rvo, (tx) => updateEnrolment(tx, { enrolmentId: enrolment.id, from: 'enrolled', set: { status: 'cancelled' } }))
		// A third unit may not release it; the providing unit may (it cancels sessions).
		await expect(as(ids.acm, (tx) => releaseBudget(tx, { enrolmentId: enrolment.id }))).rejects.toThrow()
		expect(await as(ids.nvwa, (tx) => releaseBudget(tx, { enrolmentId: enrolment.id }))).toBe(40_000)
		expect(await as(ids.rvo, (tx) => releaseBudget(tx, { enrolmentId: enrolment.id }))).toBe(0)
		expect(await as(ids.rvo, (tx) => committedBudget(tx, { userId, year: 2030 }))).toBe(0)
		// Another unit sees none of the ledger.
		expect(await as(ids.acm, (tx) => selectRows(tx, sql`select * from budget_ledger`))).toEqual([])
	})

	test('allocate_seats seats the pending requests of a session in arrival order: seats while free and nobody waits, then the waitlist', async () => {
		const sessionId = ids.sessions[5]!
		const pending = [ids.acmPeople[6]!, ids.acmPeople[7]!, ids.rvoPeople[5]!]
		for (const [i, userId] of pending.entries()) {
			const tenantId = userId === ids.rvoPeople[5] ? ids.rvo : ids.acm
			await as(tenantId, (tx) =>
				insertEnrolment(tx, { tenantId, userId, sessionId, status: 'approved', requestedAt: new Date(Date.UTC(2030, 0, 1, 9, 0, i)) }),
			)
		}
		const seats = await allocateSeats(app.db, { sessionId })
		expect(seats.map((seat) => [seat.userId, seat.status])).toEqual([
			[pending[0], 'enrolled'],
			[pending[1], 'enrolled'],
			[pending[2], 'waitlisted'],
		])
		expect(seats[0]!.queueNumber).toBeLessThan(seats[1]!.queueNumber)
		// Nothing pending any more: a second call seats nobody.
		expect(await allocateSeats(app.db, { sessionId })).toEqual([])
	})

	test('a mail job exists exactly when the transaction that enqueued it commits', async () => {
		const job = (key: string) => ({ kind: 'enrolment_confirmed' as const, tenantId: ids.rvo, enrolmentId: ids.rvoPeople[0]!, messageKey: key })
		await as(ids.rvo, (tx) => enqueueMail(tx, job('committed')))
		await expect(
			as(ids.rvo, async (tx) => {
				await enqueueMail(tx, job('rolled-back'))
				throw new Error('the enrolment failed')
			}),
		).rejects.toThrow('the enrolment failed')
		const rows = await selectRows<{ key: string }>(database.db, sql`select data->>'messageKey' as key from pgboss.job where name = ${MAIL_QUEUE}`)
		expect(rows.map((row) => row.key)).toEqual(['committed'])
	})
})

async function insertUnits(db: Database) {
	const [nvwa, rvo, acm] = (
		await db
			.insert(schema.tenants)
			.values([
				{ slug: 'nvwa', name: 'NVWA', shortName: 'NVWA' },
				{ slug: 'rvo', name: 'RVO', shortName: 'RVO' },
				{ slug: 'acm', name: 'ACM', shortName: 'ACM' },
			])
			.returning({ id: schema.tenants.id })
	).map((t) => t.id) as [string, string, string]
	const people = async (tenantId: string, prefix: string, n: number) =>
		(
			await db
				.insert(schema.users)
				.values(Array.from({ length: n }, (_, i) => ({ tenantId, employeeNumber: `${prefix}${i}`, name: `${prefix} ${i}`, email: `${prefix}${i}@test.nl` })))
				.returning({ id: schema.users.id })
		).map((u) => u.id)
	const rvoPeople = await people(rvo, 'rvo', 8)
	const acmPeople = await people(acm, 'acm', 8)
	const course = (title: string) => ({
		providerTenantId: nvwa,
		title,
		summary: 'Samenvatting',
		description: 'Omschrijving',
		form: 'classroom' as const,
		language: 'nl' as const,
		durationMinutes: 180,
		status: 'published' as const,
		visibility: 'concern' as const,
	})
	const [c1, c2] = await db.insert(schema.courses).values([course('Toezicht'), course('Handhaving')]).returning({ id: schema.courses.id })
	const sessions = await db
		.insert(schema.sessions)
		.values(
			[3, 1, 1, 5, 1, 2].map((capacity) => ({
				tenantId: nvwa,
				courseId: c1!.id,
				startsAt: new Date('2030-03-01T09:00:00Z'),
				endsAt: new Date('2030-03-01T12:00:00Z'),
				capacity,
			})),
		)
		.returning({ id: schema.sessions.id })
	return { nvwa, rvo, acm, rvoPeople, acmPeople, courseId: c1!.id, otherCourseId: c2!.id, sessions: sessions.map((row) => row.id) }
}
