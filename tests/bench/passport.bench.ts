import { sql } from 'drizzle-orm'
import { selectRows, withTenantContext } from '@leerplein/db'
import { recomputePassports, repairPassportSummaries } from '@leerplein/db/passport'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { amsterdamDate } from '@leerplein/domain'
import type { Benchmark } from './harness.ts'
import { ms, perSecond } from './load.ts'
import { table } from './report.ts'

/** Issue 15's targets for the matrix pages: p95 at 10 connections. */
const TEAM_TARGET_P95_MS = 100
const UNIT_TARGET_P95_MS = 300

/**
 * The quality passport (issue 15): recomputing one person's dots after new evidence, as the
 * settle step does before a transaction commits (target p95 ≤ 20 ms), and the nightly full
 * recompute of every unit (target ≤ 10 s for 560,000 cells), both as the portal's role under
 * row-level security, on the seeded competencies, requirements and evidence. Then the matrix
 * pages as users open them through the portal: a manager's team (target p95 ≤ 100 ms) and a
 * coordinator's whole unit (target p95 ≤ 300 ms), at 10 connections.
 */
const benchmark: Benchmark = {
	id: 'passport',
	title: 'Quality passport recompute',
	async run(ctx) {
		const today = amsterdamDate(new Date())
		const people = await selectRows<{ id: string; tenant_id: string }>(
			ctx.owner.db,
			sql`select distinct s.user_id as id, s.tenant_id from passport_status s order by 1 limit 500`,
		)
		const app = await ctx.asApp({ maxConnections: 1 })
		ctx.log(`recompute one person, ${people.length} people`)
		const one = await ctx.timeSerially(300, (i) => {
			const person = people[i % people.length]!
			return withTenantContext(app.db, { tenantId: person.tenant_id, userId: null }, (tx) =>
				recomputePassports(tx, { tenantId: person.tenant_id, userIds: [person.id], today, trigger: 'evidence' }),
			)
		})
		const units = await selectRows<{ id: string }>(ctx.owner.db, sql`select id from tenants order by slug`)
		ctx.log('full recompute of every unit')
		const started = performance.now()
		let cells = 0
		let drift = 0
		for (const unit of units) {
			// As the nightly check does: the dots, then the summaries beside them counted again.
			const checked = await withTenantContext(app.db, { tenantId: unit.id, userId: null }, async (tx) => {
				const dots = await recomputePassports(tx, { tenantId: unit.id, today, trigger: 'consistency' })
				return { ...dots, summaryDrift: await repairPassportSummaries(tx) }
			})
			cells += checked.cells
			drift += checked.drift + checked.summaryDrift
		}
		const full = performance.now() - started

		// The matrix pages: the busiest team's manager, and RVO's coordinator persona for the whole unit.
		const [manager] = await selectRows<{ id: string; team: number }>(
			ctx.owner.db,
			sql`select m.id, count(*)::int as team from users m join users u on u.manager_id = m.id and u.active
				join role_assignments r on r.user_id = m.id and r.role = 'manager'
				group by m.id order by count(*) desc, m.id limit 1`,
		)
		const persona = DEMO_PERSONAS.find((candidate) => candidate.key === 'rvo-coordinator')!
		const [coordinator] = await selectRows<{ id: string; unit: number }>(
			ctx.owner.db,
			sql`select c.id, (select count(*)::int from users u where u.tenant_id = c.tenant_id and u.active) as unit from users c where c.email = ${persona.email}`,
		)
		const [competency] = await selectRows<{ id: string }>(
			ctx.owner.db,
			sql`select s.competency_id as id from passport_status s join users c on c.tenant_id = s.tenant_id and c.email = ${persona.email}
				where s.status = 'red' group by s.competency_id order by count(*) desc limit 1`,
		)
		const [portal] = await ctx.startPortals(1)
		const pages = [
			{
				name: `team matrix (${manager!.team} people)`,
				target: TEAM_TARGET_P95_MS,
				cookie: await ctx.sessionCookie(manager!.id),
				mix: [{ path: '/paspoorten?wie=team' }, { path: '/paspoorten?wie=team&stand=red' }, { path: '/paspoorten?wie=team&sorteer=name' }],
			},
			{
				name: `unit matrix (${coordinator!.unit} people)`,
				target: UNIT_TARGET_P95_MS,
				cookie: await ctx.sessionCookie(coordinator!.id),
				mix: [
					{ path: '/paspoorten' },
					{ path: '/paspoorten?stand=red' },
					...(competency ? [{ path: `/paspoorten?bekwaamheid=${competency.id}&stand=red` }] : []),
					{ path: '/paspoorten?q=de&sorteer=name' },
					{ path: '/paspoorten?pagina=10' },
				],
			},
		]
		const pageRows: string[][] = []
		for (const page of pages) {
			ctx.log(`${page.name} at 10 connections`)
			const result = await ctx.load(portal!.url, page.mix, { connections: 10, durationSeconds: 15, headers: { cookie: page.cookie } })
			pageRows.push([
				page.name,
				perSecond(result.requestsPerSecond),
				ms(result.latency.p50),
				ms(result.latency.p95),
				result.latency.p95 <= page.target ? `≤ ${page.target} ms: met` : `≤ ${page.target} ms: **not met**`,
				String(result.failures),
			])
		}
		return [
			`Recompute of one person's dots in their unit's context (one transaction each, 300 runs over ${people.length} people), and the nightly check over every unit (the dots, then the matrix's summaries counted again), serially, as \`leerplein_app\`.`,
			'',
			table(
				['measure', 'figure', 'target'],
				[
					['one person, p50', ms(one.p50), ''],
					['one person, p95', ms(one.p95), '≤ 20 ms'],
					[`all units (${cells} cells, drift ${drift})`, ms(full), '≤ 10 s for 560,000 cells'],
				],
			),
			'',
			'The matrix pages through one portal process, 10 connections, 15 s each after a 3 s warm-up, in a mix of the first page, a colour, one competency, a name search and a later page. Every request is a full server render (guard, session, row-level security, the page of people, their dots and the counts per competency).',
			'',
			table(['page', 'throughput', 'p50', 'p95', 'target (p95)', 'failures'], pageRows),
		].join('\n')
	},
}
export default benchmark
