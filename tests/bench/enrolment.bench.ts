import { sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { insertEnrolmentFixture } from '../support/enrolment-fixture.ts'
import type { Benchmark } from './harness.ts'
import { ms, perSecond, summarise } from './load.ts'
import { table } from './report.ts'

const EMPLOYEES = 1_000
const SEATS = 25
const ROUNDS = 3

/**
 * Issue 5's burst: a thousand signed-in employees (half of them from another unit) press
 * Enrol on the same 25-seat session at the same moment, through two portal processes on one
 * PostgreSQL, on top of the seeded database. Each request is the course page's no-JavaScript
 * form POST; the figures are per request, from sending it to the redirect after the enrolment.
 */
const benchmark: Benchmark = {
	id: 'enrolment',
	title: 'Enrolment burst',
	async run(ctx) {
		const fixture = await insertEnrolmentFixture(ctx.owner.db, { employees: EMPLOYEES, sessions: ROUNDS, capacity: SEATS })
		const portals = await ctx.startPortals(2)
		const rows: string[][] = []
		for (let round = 0; round < ROUNDS; round++) {
			const sessionId = fixture.sessionIds[round]!
			ctx.log(`burst ${round + 1}/${ROUNDS}: ${EMPLOYEES} requests at once`)
			const latencies: number[] = []
			let failures = 0
			const started = performance.now()
			await Promise.all(
				fixture.employees.map(async (employee, i) => {
					const portal = portals[i % portals.length]!
					const sent = performance.now()
					const response = await fetch(`${portal.url}/catalogus/${fixture.courseId}`, {
						method: 'POST',
						redirect: 'manual',
						headers: { Cookie: employee.cookie, Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
						body: new URLSearchParams({ intent: 'enrol', sessionId, costCentre: '' }),
					})
					await response.arrayBuffer()
					latencies.push(performance.now() - sent)
					if (response.status !== 302) failures++
				}),
			)
			const seconds = (performance.now() - started) / 1000
			const [counts] = await selectRows<{ enrolled: string; waitlisted: string }>(
				ctx.owner.db,
				sql`select count(*) filter (where status = 'enrolled') as enrolled, count(*) filter (where status = 'waitlisted') as waitlisted
					from enrolments where session_id = ${sessionId}`,
			)
			const latency = summarise(latencies)
			rows.push([
				String(round + 1),
				`${seconds.toFixed(1)} s`,
				perSecond(EMPLOYEES / seconds),
				ms(latency.p50),
				ms(latency.p95),
				ms(latency.p99),
				`${counts!.enrolled} / ${counts!.waitlisted}`,
				String(failures),
			])
		}
		return [
			`${EMPLOYEES} signed-in employees (half from another unit) POST the enrolment form for one ${SEATS}-seat session at the same moment, spread over two portal processes on one PostgreSQL with the seeded data; ${ROUNDS} bursts, each at a fresh session. Throughput is requests answered per second of the whole burst; latency is per request, send to redirect. "Seats" is enrolled / waitlisted afterwards (must be ${SEATS} / ${EMPLOYEES - SEATS}).`,
			'',
			table(['burst', 'duration', 'throughput', 'p50', 'p95', 'p99', 'seats', 'failures'], rows),
		].join('\n')
	},
}

export default benchmark
