import { sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { insertEnrolmentFixture, type EnrolmentFixture } from '../support/enrolment-fixture.ts'
import { startPortalProcess, type PortalProcess } from '../support/portal.ts'

// Issue 5's "done when": a popular session opens, a thousand people press Enrol at the same
// moment through two portal processes on one PostgreSQL. Not one seat may be given twice and
// no request may be lost. PGlite has one process and one connection, so this is PostgreSQL only.

const EMPLOYEES = 1_000
const SEATS = 25
const ROUNDS = Number(process.env.ENROLMENT_ROUNDS ?? 10)
const CANCELLATIONS = 5

const drivers = await testDrivers()

describe.skipIf(!drivers.includes('postgres'))('a thousand enrolments at once, two portal processes, one PostgreSQL', () => {
	let database: TestDatabase
	let fixture: EnrolmentFixture
	let portals: PortalProcess[]

	beforeAll(async () => {
		database = await createTestDatabase('postgres')
		fixture = await insertEnrolmentFixture(database.db, { employees: EMPLOYEES, sessions: ROUNDS, capacity: SEATS })
		portals = await Promise.all([0, 1].map(() => startPortalProcess({ ownerUrl: database.url!, appUrl: database.appUrl! }, { env: { INSECURE_COOKIES: 'false' } })))
	})
	afterAll(async () => {
		await Promise.all((portals ?? []).map((portal) => portal.stop()))
		await database?.close()
	})

	/** One POST of the course page's enrolment form, as a browser without JavaScript sends it. */
	async function enrol(portal: PortalProcess, cookie: string, sessionId: string) {
		const response = await fetch(`${portal.url}/catalogus/${fixture.courseId}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: cookie, Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'enrol', sessionId, costCentre: '' }),
		})
		await response.arrayBuffer()
		return { status: response.status, outcome: new URL(response.headers.get('location') ?? '/', portal.url).searchParams.get('resultaat') }
	}

	async function cancel(portal: PortalProcess, cookie: string, enrolmentId: string) {
		const response = await fetch(`${portal.url}/mijn-leren/${enrolmentId}/annuleren`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: cookie, Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'cancel' }),
		})
		await response.arrayBuffer()
		return response.status
	}

	type Row = { id: string; user_id: string; status: string; queue_number: string }
	const enrolmentsOf = (sessionId: string) =>
		selectRows<Row>(database.db, sql`select id, user_id, status, queue_number from enrolments where session_id = ${sessionId} order by queue_number`)

	test(`gives exactly ${SEATS} seats and a waitlist of ${EMPLOYEES - SEATS} in arrival order, ${ROUNDS} times; cancellations promote the first in line`, async () => {
		for (let round = 0; round < ROUNDS; round++) {
			const sessionId = fixture.sessionIds[round]!
			// Everyone at once, alternating between the two processes.
			const started = performance.now()
			const responses = await Promise.all(fixture.employees.map((employee, i) => enrol(portals[i % 2]!, employee.cookie, sessionId)))

			if (process.env.ENROLMENT_ROUNDS) console.log(`round ${round}: ${Math.round(performance.now() - started)} ms`)
			// Zero errors: every request was answered with the redirect after a successful enrolment.
			expect(responses.filter((r) => r.status !== 302)).toEqual([])
			expect(responses.filter((r) => r.outcome === 'enrolled')).toHaveLength(SEATS)
			expect(responses.filter((r) => r.outcome === 'waitlisted')).toHaveLength(EMPLOYEES - SEATS)

			// Zero lost: one row per request, and the database agrees with what each person was told.
			const rows = await enrolmentsOf(sessionId)
			expect(rows).toHaveLength(EMPLOYEES)
			const told = new Map(fixture.employees.map((employee, i) => [employee.userId, responses[i]!.outcome]))
			expect(rows.filter((row) => told.get(row.user_id) !== row.status)).toEqual([])
			// Arrival order: queue numbers are unique, and the first SEATS arrivals hold the seats.
			expect(new Set(rows.map((row) => row.queue_number)).size).toBe(EMPLOYEES)
			expect(rows.slice(0, SEATS).every((row) => row.status === 'enrolled')).toBe(true)
			expect(rows.slice(SEATS).every((row) => row.status === 'waitlisted')).toBe(true)

			// Some participants cancel at the same moment; the first in line take their seats.
			const leaving = rows.slice(0, CANCELLATIONS)
			const cookieOf = new Map(fixture.employees.map((employee) => [employee.userId, employee.cookie]))
			const statuses = await Promise.all(leaving.map((row, i) => cancel(portals[i % 2]!, cookieOf.get(row.user_id)!, row.id)))
			expect(statuses.every((status) => status === 302)).toBe(true)
			const after = await enrolmentsOf(sessionId)
			const promoted = rows.slice(SEATS, SEATS + CANCELLATIONS).map((row) => row.id)
			const enrolledNow = after.filter((row) => row.status === 'enrolled').map((row) => row.id)
			expect(enrolledNow).toHaveLength(SEATS)
			expect(enrolledNow).toEqual(expect.arrayContaining(promoted))
			expect(after.filter((row) => row.status === 'waitlisted')).toHaveLength(EMPLOYEES - SEATS - CANCELLATIONS)
			// The waitlist that remains is still the original arrival order.
			expect(after.filter((row) => row.status === 'waitlisted').map((row) => row.id)).toEqual(rows.slice(SEATS + CANCELLATIONS).map((row) => row.id))
		}
		// No process logged an error on the way.
		expect(portals.flatMap((portal) => portal.logs().filter((line) => line.level >= 50))).toEqual([])
	}, 900_000)
})
