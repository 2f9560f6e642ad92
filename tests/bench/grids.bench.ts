import { sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import type { Benchmark } from './harness.ts'
import { ms, perSecond } from './load.ts'
import { table } from './report.ts'

/** Issue 14's target for a grid page: p95 at 10 connections. */
const TARGET_P95_MS = 100

/**
 * The grid pages of issue 14 on the large seed: the approvals inbox and the unit's sessions, as
 * the unit's coordinator opens them — the first page, a filtered one, another sort, a later
 * page — each a full server render through the portal (guard, session, row-level security, the
 * page of rows and the total counted by the database).
 */
const benchmark: Benchmark = {
	id: 'grids',
	title: 'Grid pages (approvals inbox, sessions)',
	async run(ctx) {
		// RVO's coordinator, a demo persona in every scale.
		const persona = DEMO_PERSONAS.find((candidate) => candidate.key === 'rvo-coordinator')!
		const [coordinator] = await selectRows<{ id: string; tenant_id: string }>(ctx.owner.db, sql`select id, tenant_id from users where email = ${persona.email}`)
		const tenantId = coordinator!.tenant_id
		const [counts] = await selectRows<{ awaiting: string; sessions: string }>(
			ctx.owner.db,
			sql`select (select count(*) from enrolments where tenant_id = ${tenantId} and status = 'awaiting_approval') as awaiting, (select count(*) from sessions where tenant_id = ${tenantId}) as sessions`,
		)
		const [course] = await selectRows<{ id: string; word: string }>(
			ctx.owner.db,
			sql`select c.id, split_part(c.title, ' ', 1) as word from enrolments e join sessions s on s.id = e.session_id join courses c on c.id = s.course_id
				where e.tenant_id = ${tenantId} and e.status = 'awaiting_approval' group by c.id, c.title order by count(*) desc limit 1`,
		)
		const cookie = await ctx.sessionCookie(coordinator!.id)
		const [portal] = await ctx.startPortals(1)
		const word = encodeURIComponent(course?.word ?? 'training')
		const grids = [
			{
				name: 'approvals inbox',
				mix: [
					{ path: '/goedkeuringen' },
					{ path: '/goedkeuringen?wacht=14' },
					{ path: '/goedkeuringen?sorteer=-price' },
					{ path: `/goedkeuringen?q=${word}&sorteer=employee` },
					...(course ? [{ path: `/goedkeuringen?opleiding=${course.id}` }] : []),
					{ path: '/goedkeuringen?pagina=3&sorteer=date' },
				],
			},
			{
				name: 'sessions',
				mix: [
					{ path: '/uitvoeringen' },
					{ path: '/uitvoeringen?van=&sorteer=-taken' },
					{ path: `/uitvoeringen?q=${word}` },
					{ path: '/uitvoeringen?stand=cancelled&van=' },
					{ path: '/uitvoeringen?pagina=5&sorteer=course' },
					{ path: '/uitvoeringen?van=2026-01-01&tot=2026-03-31&sorteer=-date' },
				],
			},
		]
		const rows: string[][] = []
		for (const grid of grids) {
			ctx.log(`${grid.name} at 10 connections`)
			const result = await ctx.load(portal!.url, grid.mix, { connections: 10, durationSeconds: 15, headers: { cookie } })
			rows.push([
				grid.name,
				perSecond(result.requestsPerSecond),
				ms(result.latency.p50),
				ms(result.latency.p95),
				ms(result.latency.p99),
				result.latency.p95 <= TARGET_P95_MS ? `≤ ${TARGET_P95_MS} ms: met` : `≤ ${TARGET_P95_MS} ms: **not met**`,
				String(result.failures),
			])
		}
		return [
			`${persona.name}, coordinator of RVO (${counts!.awaiting} requests awaiting approval, ${counts!.sessions} sessions) opens each grid page in a mix of the first page, filters, another sort and a later page (${grids.map((grid) => grid.mix.length).join(' and ')} URLs), one portal process, 10 connections, 15 s per grid after a 3 s warm-up. Every request is a full server render.`,
			'',
			table(['grid', 'throughput', 'p50', 'p95', 'p99', 'target (p95)', 'failures'], rows),
		].join('\n')
	},
}

export default benchmark
