import { sql } from 'drizzle-orm'
import { selectRows, withTenantContext } from '@leerplein/db'
import { listPublishedDuplicateCourses } from '@leerplein/db/deduplication'
import { DEMO_PERSONAS, seededDuplicateClusters } from '@leerplein/db/seed'
import { clusterDuplicates, createDuplicateScan } from '@leerplein/domain'
import { pollUntil } from '../support/poll.ts'
import type { Benchmark } from './harness.ts'
import { ms, perSecond } from './load.ts'
import { table } from './report.ts'

/**
 * Deduplication (issue 4): duplicate suggestions while a coordinator writes a course (target p95
 * ≤ 100 ms), and the concern-wide duplicate scan behind the report (target ≤ 30 s).
 */
const benchmark: Benchmark = {
	id: 'dedup',
	title: 'Duplicate detection',
	async run(ctx) {
		const person = async (key: string) => {
			const { email } = DEMO_PERSONAS.find((persona) => persona.key === key)!
			const [row] = await selectRows<{ id: string; tenant_id: string }>(ctx.owner.db, sql`select id, tenant_id from users where email = ${email}`)
			return { userId: row!.id, tenantId: row!.tenant_id }
		}
		const coordinator = await person('rvo-coordinator')
		const admin = await person('concern-admin')

		// Drafts: the texts of 100 seeded near-duplicates with a reworded title, as a coordinator would type a double.
		const ids = seededDuplicateClusters(ctx.scale).flat().slice(0, 100)
		const drafts = await selectRows<{ title: string; summary: string; description: string; form: string; duration_minutes: number; theme_id: string }>(
			ctx.owner.db,
			sql`select title, summary, description, form, duration_minutes, theme_id from courses where id in ${sql`(${sql.join(
				ids.map((id) => sql`${id}::uuid`),
				sql`, `,
			)})`}`,
		)
		const mix = drafts.map((draft) => ({
			path: `/beheer/cursussen/dubbelingen?${new URLSearchParams({
				title: `${draft.title} (basis)`,
				summary: draft.summary,
				description: draft.description,
				themeId: draft.theme_id,
				form: draft.form,
				durationMinutes: String(draft.duration_minutes),
			})}`,
		}))

		// The database's part alone: the candidate look-up through the title-word index, as the portal's role.
		const app = await ctx.asApp({ maxConnections: 1 })
		const raw = await ctx.timeSerially(200, (i) =>
			withTenantContext(app.db, coordinator, (tx) => selectRows(tx, sql`select id from duplicate_candidate_ids(${`${drafts[i % drafts.length]!.title} (basis)`}, null, 40)`)),
		)

		// The concern-wide scan is a background job (ADR 019): the worker runs in this portal process.
		const [portal] = await ctx.startPortals(1, { env: { JOBS_IN_PROCESS: 'true', JOB_POLL_SECONDS: '0.5' } })
		const cookie = await ctx.sessionCookie(coordinator.userId)
		ctx.log('duplicate suggestions at 1 and 10 connections')
		const oneCoordinator = await ctx.load(portal!.url, mix, { connections: 1, durationSeconds: 10, headers: { cookie } })
		const suggestions = await ctx.load(portal!.url, mix, { connections: 10, durationSeconds: 15, headers: { cookie } })

		// The full scan, as a concern administrator asks for it on the report page: from "Nu scannen"
		// until the page shows the new result, following the progress the way the page does.
		const adminCookie = await ctx.sessionCookie(admin.userId)
		ctx.log('concern-wide duplicate scan through /beheer/dubbelingen (background job)')
		const report = async () => (await fetch(`${portal!.url}/beheer/dubbelingen`, { headers: { cookie: adminCookie } })).text()
		const started = performance.now()
		const requested = await fetch(`${portal!.url}/beheer/dubbelingen`, {
			method: 'POST',
			headers: { cookie: adminCookie, origin: portal!.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'intent=scan',
			redirect: 'manual',
		})
		if (requested.status !== 303) throw new Error(`the scan request answered ${requested.status}`)
		const html = await pollUntil(
			async () => {
				const page = await report()
				return !page.includes('<progress') && page.includes('doorzocht in') && page
			},
			{ timeoutMs: 300_000, intervalMs: 250, message: 'the scan did not finish' },
		)
		const pageMs = performance.now() - started
		const scannedCourses = /([\d.,]+) gepubliceerde cursussen doorzocht in ([\d,]+) seconden/.exec(html)
		const warmStarted = performance.now()
		await report()
		const warmMs = performance.now() - warmStarted

		// The same scan in this process, to split reading from scoring and to measure it against the seeded clusters.
		ctx.log('the scan in-process, against the seeded clusters')
		const readStarted = performance.now()
		const courses = await withTenantContext(app.db, admin, (tx) => listPublishedDuplicateCourses(tx))
		const readMs = performance.now() - readStarted
		const scanStarted = performance.now()
		const scan = createDuplicateScan(courses)
		while (scan.step(1_000) < scan.total);
		const pairs = scan.pairs()
		const scanMs = performance.now() - scanStarted
		const truth = new Set(seededDuplicateClusters(ctx.scale).flatMap((members) => members.flatMap((a) => members.filter((b) => a < b).map((b) => `${a}|${b}`))))
		const reported = clusterDuplicates(pairs).flatMap(({ courseIds }) => courseIds.flatMap((a) => courseIds.filter((b) => a < b).map((b) => `${a}|${b}`)))
		const right = reported.filter((pair) => truth.has(pair)).length

		return [
			'**Suggestions while writing a course** (`/beheer/cursussen/dubbelingen`, JSON): an RVO coordinator types the title, summary and description of one of 100 seeded near-duplicates with a reworded title; one portal process, one connection (one coordinator typing) for 10 s and 10 connections for 15 s, each after a 3 s warm-up. The raw figure is the candidate look-up alone (`duplicate_candidate_ids`: the 40 most alike titles among the courses sharing a rare title word, as `leerplein_app` in a tenant context), serially.',
			'',
			table(
				['what', 'throughput', 'p50', 'p95', 'p99', 'failures', 'target'],
				[
					['suggestions, 1 connection', perSecond(oneCoordinator.requestsPerSecond), ms(oneCoordinator.latency.p50), ms(oneCoordinator.latency.p95), ms(oneCoordinator.latency.p99), String(oneCoordinator.failures), 'p95 ≤ 100 ms'],
					['suggestions, 10 connections', perSecond(suggestions.requestsPerSecond), ms(suggestions.latency.p50), ms(suggestions.latency.p95), ms(suggestions.latency.p99), String(suggestions.failures), 'p95 ≤ 100 ms'],
					['raw candidate query', '–', ms(raw.p50), ms(raw.p95), ms(raw.p99), '0', ''],
				],
			),
			'',
			`**Concern-wide scan** of every published course, as the concern administrator asks for it on \`/beheer/dubbelingen\`: a background job in the portal process (ADR 019), from the request until the report shows the result (polled every 250 ms); the report itself then shows the stored result, one page of 25 groups. Target ≤ 30 s.`,
			'',
			table(
				['what', 'time', 'target'],
				[
					[`scan requested until its result shows (${scannedCourses?.[1] ?? '?'} courses)`, ms(pageMs), '≤ 30,000 ms'],
					['report page with the stored result', ms(warmMs), ''],
					[`in-process: reading ${courses.length.toLocaleString('en-US')} courses under RLS`, ms(readMs), ''],
					['in-process: fingerprinting, blocking and scoring', ms(scanMs), ''],
				],
			),
			'',
			`Against the seeded clusters at this scale (${truth.size.toLocaleString('en-US')} true pairs): recall ${(right / truth.size).toFixed(3)}, precision ${(reported.length ? right / reported.length : 0).toFixed(3)} (${reported.length.toLocaleString('en-US')} pairs reported). The issue's 90/90 requirement is measured on the default seed (db/src/seed/duplicate-quality.test.ts and db/src/queries/duplicates.test.ts).`,
		].join('\n')
	},
}

export default benchmark
