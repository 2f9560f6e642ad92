import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SESSION_COOKIE } from '../support/enrolment-fixture.ts'
import { startPortalProcess, type PortalProcess } from '../support/portal.ts'

// Issue 14's "done when": two coordinators in two portal processes on one PostgreSQL book the
// same room (and, separately, the same trainer) for overlapping times at the same moment. The
// exclusion constraints (ADR 027) let exactly one win; the other is told which room or trainer,
// which course and when, beside the field. PGlite has one process, so this is PostgreSQL only.

const ROUNDS = Number(process.env.BOOKING_ROUNDS ?? 100)
const DAY_MS = 86_400_000

const drivers = await testDrivers()

type Fixture = {
	courseTitle: string
	courseId: string
	roomId: string
	roomName: string
	trainerId: string
	trainerName: string
	/** One trainer per coordinator who is never contested: in the room rounds only the room can collide. */
	ownTrainers: [string, string]
	cookies: [string, string]
}

/** A unit with two signed-in coordinators, a course, a room and a trainer. Written as the owner. */
async function insertBookingFixture(owner: Database): Promise<Fixture> {
	const suffix = randomBytes(3).toString('hex')
	const [unit] = await owner.insert(schema.tenants).values({ slug: `planning-${suffix}`, name: `Planning ${suffix}`, shortName: 'PLA' }).returning({ id: schema.tenants.id })
	const tenantId = unit!.id
	const courseTitle = `Vergaderen met twee coördinatoren ${suffix}`
	const [course] = await owner
		.insert(schema.courses)
		.values({ providerTenantId: tenantId, title: courseTitle, summary: 'Twee mensen, één zaal', description: 'Een opleiding die twee coördinatoren tegelijk plannen.', form: 'classroom', durationMinutes: 180, status: 'published' })
		.returning({ id: schema.courses.id })
	const [location] = await owner.insert(schema.locations).values({ tenantId, name: 'Hoofdgebouw', address: 'Plein 1', city: 'Den Haag' }).returning({ id: schema.locations.id })
	const roomName = `Zaal Gelijktijdig ${suffix}`
	const [room] = await owner.insert(schema.rooms).values({ tenantId, locationId: location!.id, name: roomName, capacity: 20 }).returning({ id: schema.rooms.id })
	const trainerName = `Tineke Tegelijk ${suffix}`
	const [trainer, ownFirst, ownSecond] = await owner
		.insert(schema.trainers)
		.values(
			[trainerName, 'Vrije trainer 1', 'Vrije trainer 2'].map((name, i) => ({ tenantId, kind: 'external' as const, name, organisation: 'Bureau Gelijktijdig', email: `trainer-${i}-${suffix}@example.org` })),
		)
		.returning({ id: schema.trainers.id })
	const coordinators = await owner
		.insert(schema.users)
		.values([0, 1].map((i) => ({ tenantId, employeeNumber: `${suffix}-${i}`, name: `Coördinator ${i}`, email: `coordinator-${suffix}-${i}@test.rijksoverheid.nl` })))
		.returning({ id: schema.users.id })
	await owner.insert(schema.roleAssignments).values(coordinators.map((user) => ({ userId: user.id, role: 'coordinator' as const, tenantId })))
	const tokens = coordinators.map(() => randomBytes(32).toString('base64url'))
	const now = Date.now()
	await owner.insert(schema.authSessions).values(
		coordinators.map((user, i) => ({
			id: createHash('sha256').update(tokens[i]!).digest('hex'),
			userId: user.id,
			expiresAt: new Date(now + 8 * 3600_000),
			absoluteExpiresAt: new Date(now + 12 * 3600_000),
			idleTimeoutSeconds: 8 * 3600,
		})),
	)
	return {
		courseTitle,
		courseId: course!.id,
		roomId: room!.id,
		roomName,
		trainerId: trainer!.id,
		trainerName,
		ownTrainers: [ownFirst!.id, ownSecond!.id],
		cookies: tokens.map((token) => `${SESSION_COOKIE}=${token}`) as [string, string],
	}
}

describe.skipIf(!drivers.includes('postgres'))('two coordinators book one room or trainer at once, two portal processes, one PostgreSQL', () => {
	let database: TestDatabase
	let fixture: Fixture
	let portals: PortalProcess[]

	beforeAll(async () => {
		database = await createTestDatabase('postgres')
		fixture = await insertBookingFixture(database.db)
		portals = await Promise.all([0, 1].map(() => startPortalProcess({ ownerUrl: database.url!, appUrl: database.appUrl! }, { env: { INSECURE_COOKIES: 'false' } })))
	}, 120_000)
	afterAll(async () => {
		await Promise.all((portals ?? []).map((portal) => portal.stop()))
		await database?.close()
	})

	/** One POST of the planning form, as a browser without JavaScript sends it. */
	async function plan(which: 0 | 1, { date, startTime, endTime, place, trainerId }: { date: string; startTime: string; endTime: string; place: string; trainerId: string }) {
		const portal = portals[which]!
		const response = await fetch(`${portal.url}/uitvoeringen/nieuw`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: fixture.cookies[which], Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				intent: 'plan',
				courseId: fixture.courseId,
				'meetings[0].date': date,
				'meetings[0].startTime': startTime,
				'meetings[0].endTime': endTime,
				'meetings[0].place': place,
				'meetings[0].trainerIds': trainerId,
				capacity: '12',
				onlineLink: 'https://vergader.example/gelijktijdig',
			}),
		})
		return { status: response.status, location: response.headers.get('location'), body: await response.text() }
	}

	/** A date `days` ahead (these portals run on the wall clock), as the form sends it. */
	const dateAhead = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)

	const bookings = (column: 'room' | 'trainer', id: string) =>
		column === 'room'
			? selectRows<{ n: number }>(database.db, sql`select count(*)::int as n from session_meetings where room_id = ${id}`)
			: selectRows<{ n: number }>(database.db, sql`select count(*)::int as n from meeting_trainers where trainer_id = ${id}`)

	for (const resource of ['room', 'trainer'] as const) {
		test(`exactly one of two simultaneous bookings of one ${resource} wins, ${ROUNDS} times; the other is told what holds it`, async () => {
			for (let round = 0; round < ROUNDS; round++) {
				// A day of its own per round (and per resource); the two plans overlap by an hour. Room
				// rounds: the same room, each side its own trainer. Trainer rounds: online, the same trainer.
				const date = dateAhead(30 + round + (resource === 'trainer' ? ROUNDS : 0))
				const place = resource === 'room' ? fixture.roomId : 'online'
				const trainerOf = (which: 0 | 1) => (resource === 'trainer' ? fixture.trainerId : fixture.ownTrainers[which])
				const results = await Promise.all([
					plan(0, { date, startTime: '09:00', endTime: '12:00', place, trainerId: trainerOf(0) }),
					plan(1, { date, startTime: '11:00', endTime: '14:00', place, trainerId: trainerOf(1) }),
				])
				expect({ round, statuses: results.map((result) => result.status).sort() }).toEqual({ round, statuses: [303, 409] })
				const won = results.find((result) => result.status === 303)!
				expect(won.location).toMatch(/\/uitvoeringen\/[0-9a-f-]{36}\?gepland=1$/)
				// The loser is told, beside the field, which room or trainer, which course, and when.
				const lost = results.find((result) => result.status === 409)!
				const name = resource === 'room' ? fixture.roomName : fixture.trainerName
				const fieldError = new RegExp(`class="field__error"[^>]*>${name}[^<]*${fixture.courseTitle} \\(`)
				expect(lost.body).toMatch(fieldError)
			}
			// And the database holds exactly one booking per round.
			const [count] = await bookings(resource, resource === 'room' ? fixture.roomId : fixture.trainerId)
			expect(count!.n).toBe(ROUNDS)
			expect(portals.flatMap((portal) => portal.logs().filter((line) => line.level >= 50))).toEqual([])
		}, 900_000)
	}
})
