import { timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import type { Logger } from 'pino'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { countJobQueues, type DatabaseClient } from '@leerplein/db'

// Prometheus metrics at /metrics (issue 22, item 5; ADR 049): request latency per Remix route,
// the job queues' depth and the age of their oldest waiting job, the database pool's size and
// the default process metrics. Outside the session and tenant machinery: no cookie is read, no
// transaction opened but the one queue count a scrape asks for.

/** What a request is labelled by when no route set one (static files, a request refused before Remix). */
export const OTHER_ROUTE = 'other'

export type Metrics = {
	registry: Registry
	/** First middleware: times every request and records it under `res.locals.metricsRoute` when it finishes. */
	timeRequests: (req: Request, res: Response, next: NextFunction) => void
	/** The handler of GET /metrics, behind its token. */
	serve: (req: Request, res: Response) => Promise<void>
}

export function createMetrics({ database, token, logger }: { database: DatabaseClient; token: string | null; logger: Logger }): Metrics {
	const registry = new Registry()
	collectDefaultMetrics({ register: registry })

	const latency = new Histogram({
		name: 'leerplein_http_request_duration_seconds',
		help: 'Time from a request arriving to its response finishing, by Remix route id (never the URL), method and status.',
		labelNames: ['route', 'method', 'status'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry],
	})

	const queueDepth = new Gauge({
		name: 'leerplein_job_queue_depth',
		help: 'Jobs per queue and state: created (waiting or scheduled), retry (waiting after a failure), active (being worked).',
		labelNames: ['queue', 'state'] as const,
		registers: [registry],
	})
	const queueAge = new Gauge({
		name: 'leerplein_job_queue_oldest_waiting_seconds',
		help: 'How long the oldest job that could run now has waited, per queue (0 when none waits): a stuck or missing worker shows here.',
		labelNames: ['queue'] as const,
		registers: [registry],
	})
	const scrapeErrors = new Counter({
		name: 'leerplein_metrics_collect_errors_total',
		help: 'Scrapes whose job-queue figures could not be read from the database.',
		registers: [registry],
	})
	new Gauge({
		name: 'leerplein_db_pool_max_connections',
		help: 'The most connections this process opens to the database (postgres.js `max`; 1 for the embedded database). postgres.js reports no use of its pool.',
		registers: [registry],
		collect() {
			this.set(database.config.driver === 'postgres' ? (database.config.maxConnections ?? 10) : 1)
		},
	})
	// The queue figures are read at scrape time, one grouped query over pg-boss's job table.
	new Gauge({
		name: 'leerplein_job_queue_scrape_seconds',
		help: 'Time the last scrape took to count the job queues.',
		registers: [registry],
		async collect() {
			const started = performance.now()
			try {
				const rows = await countJobQueues(database.db)
				queueDepth.reset()
				queueAge.reset()
				const oldest = new Map<string, number>()
				for (const row of rows) {
					queueDepth.set({ queue: row.queue, state: row.state }, row.jobs)
					if (row.state !== 'active') oldest.set(row.queue, Math.max(oldest.get(row.queue) ?? 0, row.oldestWaitingSeconds ?? 0))
				}
				for (const [queue, seconds] of oldest) queueAge.set({ queue }, seconds)
			} catch (error) {
				scrapeErrors.inc()
				logger.warn({ err: error }, 'metrics: the job queues could not be counted')
			}
			this.set((performance.now() - started) / 1000)
		},
	})

	const expected = token ? Buffer.from(`Bearer ${token}`) : null
	const authorised = (header: string | undefined) => {
		if (!expected || !header) return false
		const given = Buffer.from(header)
		return given.length === expected.length && timingSafeEqual(given, expected)
	}

	return {
		registry,
		timeRequests(req, res, next) {
			const started = process.hrtime.bigint()
			res.on('finish', () => {
				const route = typeof res.locals.metricsRoute === 'string' ? res.locals.metricsRoute : OTHER_ROUTE
				const method = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(req.method) ? req.method : 'OTHER'
				latency.observe({ route, method, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9)
			})
			next()
		},
		async serve(req, res) {
			res.locals.metricsRoute = '/metrics'
			res.setHeader('Cache-Control', 'no-store')
			// Off without a token; a wrong or missing token looks the same as off, so the endpoint is not advertised.
			if (!authorised(req.get('authorization'))) {
				res.status(404).type('text/plain').send('Not Found')
				return
			}
			res.type(registry.contentType).send(await registry.metrics())
		},
	}
}
