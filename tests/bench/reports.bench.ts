import { sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import type { Benchmark } from './harness.ts'
import { ms, perSecond } from './load.ts'
import { table } from './report.ts'

/** Issue 18's target for a report page: p95 at 10 connections, with the unit's row security applied. */
const TARGET_P95_MS = 2000

/**
 * The unit's report (issue 18, item 4; ADR 043) on the large seed, as RVO's coordinator opens it:
 * the default twelve months, the longest period (60 months), one course, one theme, and an
 * export of the course table as XLSX and ODS — each a full request through the portal (guard,
 * session, row-level security, PostgreSQL's sums, the SVG charts and tables rendered).
 */
const benchmark: Benchmark = {
	id: 'reports',
	title: 'Report pages and exports (a unit’s report over several years of history)',
	async run(ctx) {
		const persona = DEMO_PERSONAS.find((candidate) => candidate.key === 'rvo-coordinator')!
		const [coordinator] = await selectRows<{ id: string; tenant_id: string }>(ctx.owner.db, sql`select id, tenant_id from users where email = ${persona.email}`)
		const tenantId = coordinator!.tenant_id
		const [history] = await selectRows<{ sessions: number; enrolments: number; first: string; last: string }>(
			ctx.owner.db,
			sql`select count(distinct s.id)::int as sessions, count(e.id)::int as enrolments, to_char(min(s.starts_at), 'YYYY-MM') as first, to_char(max(s.starts_at), 'YYYY-MM') as last
				from sessions s left join enrolments e on e.session_id = s.id where s.tenant_id = ${tenantId}`,
		)
		const [busiest] = await selectRows<{ id: string }>(
			ctx.owner.db,
			sql`select s.course_id as id from sessions s join enrolments e on e.session_id = s.id where s.tenant_id = ${tenantId} group by s.course_id order by count(*) desc limit 1`,
		)
		const [theme] = await selectRows<{ slug: string }>(ctx.owner.db, sql`select t.slug from themes t join courses c on c.theme_id = t.id where c.provider_tenant_id = ${tenantId} group by t.slug order by count(*) desc limit 1`)
		const cookie = await ctx.sessionCookie(coordinator!.id)
		const [portal] = await ctx.startPortals(1)
		const longest = `van=${addMonths(history!.last, -59)}&tot=${history!.last}`
		const pages = [
			{ name: 'default (12 months)', mix: [{ path: '/beheer/rapportages' }] },
			{ name: 'longest period (60 months)', mix: [{ path: `/beheer/rapportages?${longest}` }] },
			{ name: 'one course, 60 months', mix: [{ path: `/beheer/rapportages?${longest}&opleiding=${busiest?.id ?? ''}` }] },
			{ name: 'one theme, 60 months', mix: [{ path: `/beheer/rapportages?${longest}&thema=${theme?.slug ?? ''}` }] },
			{
				name: 'exports (XLSX, ODS, CSV; 60 months)',
				mix: [
					{ path: `/beheer/rapportages/export?${longest}&tabel=opleidingen&formaat=xlsx` },
					{ path: `/beheer/rapportages/export?${longest}&tabel=opleidingen&formaat=ods` },
					{ path: `/beheer/rapportages/export?${longest}&tabel=maanden&formaat=csv` },
				],
			},
		]
		const rows: string[][] = []
		for (const page of pages) {
			ctx.log(`${page.name} at 10 connections`)
			const result = await ctx.load(portal!.url, page.mix, { connections: 10, durationSeconds: 15, headers: { cookie } })
			rows.push([
				page.name,
				perSecond(result.requestsPerSecond),
				ms(result.latency.p50),
				ms(result.latency.p95),
				ms(result.latency.p99),
				result.latency.p95 <= TARGET_P95_MS ? `≤ ${TARGET_P95_MS} ms: met` : `≤ ${TARGET_P95_MS} ms: **not met**`,
				String(result.failures),
			])
		}
		return [
			`${persona.name}, coordinator of RVO (${history!.sessions} sessions with ${history!.enrolments} enrolments from ${history!.first} to ${history!.last}) opens the report: the default period, the longest (60 months to ${history!.last}), one course (the busiest), one theme, and the exports; one portal process, 10 connections, 15 s each after a 3 s warm-up; every request a full server render under row-level security.`,
			'',
			table(['report', 'throughput', 'p50', 'p95', 'p99', 'target (p95)', 'failures'], rows),
		].join('\n')
	},
}

/** `YYYY-MM` plus `months` (negative: back). */
function addMonths(month: string, months: number): string {
	const [year, m] = month.split('-').map(Number) as [number, number]
	const index = year * 12 + (m - 1) + months
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

export default benchmark
