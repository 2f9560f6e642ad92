import { sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import type { Benchmark } from './harness.ts'
import { ms, perSecond } from './load.ts'
import { table } from './report.ts'

/**
 * The course page (`/catalogus/{id}`): the course, its facts and its upcoming sessions with
 * free seats, for a signed-in employee. Every enrolment starts here.
 */
const benchmark: Benchmark = {
	id: 'course-page',
	title: 'Course page',
	async run(ctx) {
		const employee = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!
		const [user] = await selectRows<{ id: string }>(ctx.owner.db, sql`select id from users where email = ${employee.email}`)
		// Popular courses (many sessions) and quiet ones, all visible to the employee's unit.
		const courses = await selectRows<{ id: string }>(
			ctx.owner.db,
			sql`select c.id from courses c
				where c.status = 'published' and c.visibility = 'concern'
				order by (select count(*) from sessions s where s.course_id = c.id) desc, c.id
				limit 200`,
		)
		const cookie = await ctx.sessionCookie(user!.id)
		const [portal] = await ctx.startPortals(1)
		const mix = courses.map(({ id }) => ({ path: `/catalogus/${id}` }))

		const rows: string[][] = []
		for (const connections of [10, 50]) {
			ctx.log(`course page at ${connections} connections`)
			const result = await ctx.load(portal!.url, mix, { connections, durationSeconds: 15, headers: { cookie } })
			rows.push([
				String(connections),
				perSecond(result.requestsPerSecond),
				ms(result.latency.p50),
				ms(result.latency.p95),
				ms(result.latency.p99),
				String(result.failures),
			])
		}
		return [
			`A signed-in employee (${employee.name}) opens the pages of 200 courses (the 200 with the most sessions first), one portal process, 15 s per run after a 3 s warm-up.`,
			'',
			table(['connections', 'throughput', 'p50', 'p95', 'p99', 'failures'], rows),
		].join('\n')
	},
}

export default benchmark
