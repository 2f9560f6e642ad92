import { sql } from 'drizzle-orm'
import { selectRows, withTenantContext } from '@leerplein/db'
import { recomputePassports } from '@leerplein/db/passport'
import { amsterdamDate } from '@leerplein/domain'
import type { Benchmark } from './harness.ts'
import { ms } from './load.ts'
import { table } from './report.ts'

/**
 * The quality passport (issue 15): recomputing one person's dots after new evidence, as the
 * settle step does before a transaction commits (target p95 ≤ 20 ms), and the nightly full
 * recompute of every unit (target ≤ 10 s for 560,000 cells), both as the portal's role under
 * row-level security, on the seeded competencies, requirements and evidence.
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
		for (const unit of units) {
			cells += (await withTenantContext(app.db, { tenantId: unit.id, userId: null }, (tx) => recomputePassports(tx, { tenantId: unit.id, today, trigger: 'consistency' }))).cells
		}
		const full = performance.now() - started
		return [
			`Recompute of one person's dots in their unit's context (one transaction each, 300 runs over ${people.length} people), and the nightly check over every unit, serially, as \`leerplein_app\`.`,
			'',
			table(
				['measure', 'figure', 'target'],
				[
					['one person, p50', ms(one.p50), ''],
					['one person, p95', ms(one.p95), '≤ 20 ms'],
					[`all units (${cells} cells)`, ms(full), '≤ 10 s for 560,000 cells'],
				],
			),
		].join('\n')
	},
}
export default benchmark
