import autocannon from 'autocannon'

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number }

/** Percentiles of latencies in milliseconds (nearest rank). */
export function summarise(samplesMs: number[]): LatencySummary {
	const sorted = [...samplesMs].sort((a, b) => a - b)
	const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
	const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length)
	return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted.at(-1) ?? Number.NaN, mean }
}

export type LoadRequest = {
	path: string
	method?: 'GET' | 'POST'
	headers?: Record<string, string>
	body?: string
	/** Builds each request anew before it is sent (a fresh body per request, e.g. new statements). */
	setupRequest?: autocannon.Request['setupRequest']
}

export type LoadResult = {
	connections: number
	durationSeconds: number
	requests: number
	requestsPerSecond: number
	latency: LatencySummary
	/** Responses outside 2xx/3xx, and connection errors and timeouts. */
	failures: number
	statusCodes: Record<string, number>
}

/**
 * HTTP load with autocannon: `connections` clients, each sending the next request of the
 * mix as soon as the previous answer arrived, for `durationSeconds` after a warm-up. Every
 * response time is kept, for exact percentiles (autocannon's own report has no p95).
 */
export async function load(
	baseUrl: string,
	mix: LoadRequest[],
	{ connections, durationSeconds, warmupSeconds = 3, headers = {} }: { connections: number; durationSeconds: number; warmupSeconds?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
	if (mix.length === 0) throw new Error('load: the request mix is empty')
	const requests = mix.map((request) => ({ ...request, method: request.method ?? 'GET', headers: { ...headers, ...request.headers } }))
	if (warmupSeconds > 0) await runAutocannon(baseUrl, requests, connections, warmupSeconds)
	return runAutocannon(baseUrl, requests, connections, durationSeconds)
}

async function runAutocannon(baseUrl: string, requests: autocannon.Request[], connections: number, durationSeconds: number): Promise<LoadResult> {
	const latencies: number[] = []
	const statusCodes: Record<string, number> = {}
	let failures = 0
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon({ url: baseUrl, connections, duration: durationSeconds, requests, timeout: 30 }, (error, finished) =>
			error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
		)
		instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
			latencies.push(responseTimeMs)
			statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1
			if (statusCode >= 400) failures++
		})
		instance.on('reqError', () => failures++)
	})
	failures += result.timeouts
	return {
		connections,
		durationSeconds,
		requests: latencies.length,
		requestsPerSecond: latencies.length / durationSeconds,
		latency: summarise(latencies),
		failures,
		statusCodes,
	}
}

/** Runs `task` `times` times, one after another, and summarises how long each took. */
export async function timeSerially(times: number, task: (i: number) => Promise<unknown>): Promise<LatencySummary> {
	const samples: number[] = []
	for (let i = 0; i < times; i++) {
		const started = performance.now()
		await task(i)
		samples.push(performance.now() - started)
	}
	return summarise(samples)
}

/** Runs `task` `times` times over `concurrency` workers and summarises each run's duration. */
export async function timeConcurrently(times: number, concurrency: number, task: (i: number) => Promise<unknown>) {
	const samples: number[] = []
	let next = 0
	const started = performance.now()
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < times) {
				const i = next++
				const t0 = performance.now()
				await task(i)
				samples.push(performance.now() - t0)
			}
		}),
	)
	const seconds = (performance.now() - started) / 1000
	return { latency: summarise(samples), perSecond: times / seconds, seconds }
}

/**
 * Starts `times` runs of `task` at a steady `perSecond`, whether or not earlier runs have answered
 * (an open loop: independent systems do not wait for each other's answers), and summarises each
 * run's duration: the latency users meet at that load, where a closed loop measures saturation.
 */
export async function timeAtRate(times: number, perSecond: number, task: (i: number) => Promise<unknown>) {
	const samples: number[] = []
	const runs: Promise<void>[] = []
	const started = performance.now()
	for (let i = 0; i < times; i++) {
		const wait = started + (i * 1000) / perSecond - performance.now()
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
		runs.push(
			(async () => {
				const t0 = performance.now()
				await task(i)
				samples.push(performance.now() - t0)
			})(),
		)
	}
	await Promise.all(runs)
	const seconds = (performance.now() - started) / 1000
	return { latency: summarise(samples), perSecond: times / seconds, seconds }
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '–')
export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`
