import postgres from 'postgres'
import { TEST_POSTGRES_URL } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startPortal, type RunningPortal } from '../support/portal.ts'

// Issue 22, item 5 (ADR 049): /healthz is liveness only, /readyz checks the database and answers
// 503 while it cannot be reached, /metrics speaks Prometheus behind a bearer token and labels
// latency by Remix route id, never by the URL. A portal of its own on PostgreSQL: the test takes
// its database away for a moment.
const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef0123456789'

/** The value of one sample line of the exposition, or null when there is none. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
	const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`)
	const line = text.split('\n').find((row) => row.startsWith(`${name}{`) && wanted.every((label) => row.includes(label)))
	return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null
}

describe('liveness, readiness and metrics on postgres', () => {
	let portal: RunningPortal
	let admin: postgres.Sql
	const metrics = (token: string | null = METRICS_TOKEN) => fetch(`${portal.url}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })

	beforeAll(async () => {
		portal = await startPortal('postgres', { env: { METRICS_TOKEN } })
		admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
	})
	afterAll(async () => {
		await admin?.end({ timeout: 5 })
		await portal?.stop()
	})

	test('/metrics is off without the token: a missing or wrong one is a 404', async () => {
		expect((await metrics(null)).status).toBe(404)
		expect((await metrics('e2e-metrics-token-0123456789abcdef0123456788')).status).toBe(404)
		expect((await fetch(`${portal.url}/metrics`, { headers: { Authorization: METRICS_TOKEN } })).status).toBe(404)
	})

	test('counts each request under its Remix route id, never the URL, beside the job queues, the pool and the process', async () => {
		// One mail job waiting (this portal runs no worker on PostgreSQL), started a minute ago.
		const name = new URL(portal.databaseUrl!).pathname.slice(1)
		const owner = postgres(portal.databaseUrl!, { max: 1, onnotice: () => {} })
		await owner`insert into pgboss.job (name, data, start_after) values ('mail', '{}'::jsonb, now() - interval '60 seconds')`
		expect(name).toMatch(/^leerplein_test_/)
		const before = await (await metrics()).text()
		const counted = (text: string) => sample(text, 'leerplein_http_request_duration_seconds_count', { route: 'routes/catalogus._index', method: 'GET', status: '200' }) ?? 0
		// Each body read to its end, so each response has finished before /metrics is asked.
		for (const query of ['excel', 'leiderschap', 'privacy']) {
			const page = await fetch(`${portal.url}/catalogus?q=${query}`)
			expect(page.status).toBe(200)
			await page.text()
		}
		const missing = await fetch(`${portal.url}/nergens-${Date.now()}`)
		expect(missing.status).toBe(404)
		await missing.text()

		const response = await metrics()
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toContain('text/plain')
		const text = await response.text()
		expect(counted(text) - counted(before)).toBe(3)
		expect(sample(text, 'leerplein_http_request_duration_seconds_bucket', { route: 'routes/catalogus._index', le: '+Inf' })).toBeGreaterThanOrEqual(3)
		expect(sample(text, 'leerplein_http_request_duration_seconds_count', { route: 'routes/$', status: '404' })).toBeGreaterThanOrEqual(1)
		// No URL, query string or made-up path ever becomes a label.
		expect(text).not.toContain('leiderschap')
		expect(text).not.toContain('nergens-')
		expect(sample(text, 'leerplein_job_queue_depth', { queue: 'mail', state: 'created' })).toBe(1)
		expect(sample(text, 'leerplein_job_queue_depth', { queue: 'bulk-decision', state: 'active' })).toBe(0)
		expect(sample(text, 'leerplein_job_queue_oldest_waiting_seconds', { queue: 'mail' })).toBeGreaterThanOrEqual(60)
		await owner`delete from pgboss.job where name = 'mail' and data = '{}'::jsonb`
		await owner.end({ timeout: 5 })
		expect(text).toMatch(/^leerplein_metrics_collect_errors_total 0$/m)
		expect(text).toMatch(/^leerplein_db_pool_max_connections \d+$/m)
		expect(text).toMatch(/^process_cpu_user_seconds_total /m)
		expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m)
	})

	test('/readyz answers 503 while the database refuses connections and 200 again after; /healthz stays 200 throughout', async () => {
		const name = new URL(portal.databaseUrl!).pathname.slice(1)
		expect((await fetch(`${portal.url}/readyz`)).status).toBe(200)
		try {
			await admin.unsafe(`alter database ${name} allow_connections false`)
			await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`
			const ready = await fetch(`${portal.url}/readyz`)
			expect(ready.status).toBe(503)
			expect(await ready.json()).toEqual({ status: 'unavailable', database: 'unreachable' })
			const live = await fetch(`${portal.url}/healthz`)
			expect(live.status).toBe(200)
			expect(await live.json()).toEqual({ status: 'ok' })
		} finally {
			await admin.unsafe(`alter database ${name} allow_connections true`)
		}
		expect((await fetch(`${portal.url}/readyz`)).status).toBe(200)
		expect(portal.logs().some((line) => line.msg === 'readiness: database unreachable')).toBe(true)
	})
})
