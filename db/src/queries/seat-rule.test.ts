import { freeSeats, seatIsFreeFor, SEAT_HOLDING_STATUSES, type EnrolmentStatus } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { allocateSeats, lockSessionForEnrolment, promoteWaitlist } from './enrolments.ts'

// The seat rule lives twice on purpose: in the domain (seatIsFreeFor, SEAT_HOLDING_STATUSES,
// freeSeats), which the services apply under the session lock, and in SQL (allocate_seats,
// promote_waitlist, lock_session_for_enrolment, migration 0011), which must decide inside one
// statement holding that lock so a burst of requests never waits on a round trip. These cases
// hold the two together: change one without the other and a case here fails.

type Case = { name: string; capacity: number; holding: EnrolmentStatus[]; waiting: number }

const CASES: Case[] = [
	{ name: 'an empty session', capacity: 3, holding: [], waiting: 0 },
	{ name: 'seats left', capacity: 3, holding: ['enrolled', 'attended'], waiting: 0 },
	{ name: 'every seat-holding status counts', capacity: 5, holding: [...SEAT_HOLDING_STATUSES], waiting: 0 },
	{ name: 'full', capacity: 3, holding: ['no_show', 'completed', 'enrolled'], waiting: 0 },
	{ name: 'a free seat, but someone waits ahead', capacity: 4, holding: ['enrolled', 'enrolled'], waiting: 1 },
	{ name: 'capacity lowered below the seats taken', capacity: 2, holding: ['enrolled', 'enrolled', 'attended', 'enrolled'], waiting: 2 },
]

/** Statuses that hold no seat and wait for none: they must not count either way. */
const NOISE: EnrolmentStatus[] = ['requested', 'awaiting_approval', 'declined', 'cancelled']

describe.each(await testDrivers())('the SQL seat rule matches the domain rule on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let tenantId: string
	const sessions = new Map<string, { sessionId: string; pendingId: string }>()
	const as = <T>(work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId: null }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [unit] = await db.insert(schema.tenants).values({ slug: 'nvwa', name: 'NVWA', shortName: 'NVWA' }).returning({ id: schema.tenants.id })
		tenantId = unit!.id
		const people = (
			await db
				.insert(schema.users)
				.values(Array.from({ length: 12 }, (_, i) => ({ tenantId, employeeNumber: `p${i}`, name: `Persoon ${i}`, email: `p${i}@test.nl` })))
				.returning({ id: schema.users.id })
		).map((row) => row.id)
		const [course] = await db
			.insert(schema.courses)
			.values({ providerTenantId: tenantId, title: 'Toezicht', summary: 'S', description: 'D', form: 'classroom', durationMinutes: 60, status: 'published', visibility: 'concern' })
			.returning({ id: schema.courses.id })
		let queue = 0
		for (const c of CASES) {
			const [session] = await db
				.insert(schema.sessions)
				.values({ tenantId, courseId: course!.id, startsAt: new Date('2030-03-01T09:00:00Z'), endsAt: new Date('2030-03-01T12:00:00Z'), capacity: c.capacity })
				.returning({ id: schema.sessions.id })
			const statuses: EnrolmentStatus[] = [...c.holding, ...Array<EnrolmentStatus>(c.waiting).fill('waitlisted'), ...NOISE]
			await db.insert(schema.enrolments).values(statuses.map((status, i) => ({ tenantId, sessionId: session!.id, userId: people[i]!, status, queueNumber: ++queue })))
			// The newcomer: approved, no place yet.
			const [pending] = await db
				.insert(schema.enrolments)
				.values({ tenantId, sessionId: session!.id, userId: people[statuses.length]!, status: 'approved' })
				.returning({ id: schema.enrolments.id })
			sessions.set(c.name, { sessionId: session!.id, pendingId: pending!.id })
		}
		app = await database.connectAsApp({ maxConnections: 2 })
	})
	afterAll(() => database?.close())

	test.each(CASES)('$name: counted, seated and promoted as the domain says', async (c) => {
		const { sessionId, pendingId } = sessions.get(c.name)!
		const lock = await as((tx) => lockSessionForEnrolment(tx, { sessionId }))
		expect(lock).toMatchObject({ capacity: c.capacity, seatsTaken: c.holding.length, waiting: c.waiting })

		const seatFree = seatIsFreeFor(c.capacity, c.holding.length, c.waiting)
		expect(await allocateSeats(app.db, { sessionId })).toMatchObject([{ enrolmentId: pendingId, status: seatFree ? 'enrolled' : 'waitlisted' }])

		// A waitlist that could move up does so by exactly the free seats, and no further.
		const taken = c.holding.length + (seatFree ? 1 : 0)
		const waiting = c.waiting + (seatFree ? 0 : 1)
		const promoted = await as((tx) => promoteWaitlist(tx, { sessionId }))
		expect(promoted).toHaveLength(Math.min(waiting, freeSeats(c.capacity, taken)))
	})
})
