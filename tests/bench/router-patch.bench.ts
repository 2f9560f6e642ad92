import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PortalProcess } from '../support/portal.ts'
import type { Benchmark, BenchContext } from './harness.ts'
import { ms, perSecond, type LoadResult } from './load.ts'
import { table } from './report.ts'

/**
 * Does `patches/@remix-run__router@1.23.3.patch` earn its place (ADR 020)? It makes the router's
 * server build flatten and rank the routes once per route array, and compile each route pattern
 * once, instead of at every match. Measured two ways, each against the upstream file (the
 * installed package with the patch reversed, in a temporary directory):
 *
 * 1. In this process: `matchRoutes` on the portal's real route tree, taken from the built server
 *    (app/build/server), the way Remix calls it for every request.
 * 2. Over HTTP: two processes of the same built portal on the same database, one as installed
 *    (patched) and one started with a `--require` hook that resolves `@remix-run/router` to the
 *    upstream copy, loaded at the same time, so whatever else the shared machine does falls on
 *    both alike. Besides throughput and latency, each run reads each portal's own CPU time from
 *    /proc: the CPU a request costs, which is what the patch claims to save.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const appDir = join(repoRoot, 'app')
const PATCH_KEY = '@remix-run/router@1.23.3'

const SOME_ID = '0d4f7a3e-1111-4222-8333-944445555666'
/** Real portal URLs, from the home page to a deep LTI service path and one that matches nothing but the catch-all. */
const MATCHED_PATHS = [
	'/',
	'/catalogus',
	`/catalogus/${SOME_ID}`,
	'/mijn-leren',
	'/inloggen',
	'/beheer/cursussen',
	`/uitvoeringen/${SOME_ID}`,
	`/lti/ags/${SOME_ID}/lineitems/${SOME_ID}/results`,
	'/healthz',
	'/bestaat-niet',
]
const MATCH_ROUNDS = 8
const MATCH_CALLS = 5_000

/** Light requests, where routing is the largest share: an anonymous page (two small queries) and the health check (one). */
const HTTP_PATHS = ['/inloggen', '/healthz']
const ROUNDS = 4
const CONNECTIONS = 5
const SECONDS = 8
const WARMUP_SECONDS = 3

type Router = { matchRoutes: (routes: RouteNode[], location: string) => unknown[] | null }
type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children: RouteNode[] }
type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
type Variant = 'patched' | 'upstream'

const benchmark: Benchmark = {
	id: 'router-patch',
	title: 'Patched @remix-run/router (route matching)',
	async run(ctx) {
		const patchFile = patchFileOf(PATCH_KEY)
		const upstream = prepareUpstreamRouter(patchFile)
		try {
			const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(', ')
			const matching = await timeMatchRoutes(upstream.file, ctx)
			const http = await measureHttp(upstream.hook, ctx)
			return [
				`Load average of the machine when the measurements started: ${loadAtStart} (${os.cpus().length} cores).`,
				'',
				'The HTTP requests below read nothing that grows with the seed (the units, their sign-in providers, one ping), so the small seed serves as well as the large: `npm run bench -- router-patch --scale=small`.',
				'',
				`The portal as built, with \`${patchFile}\` applied ("patched") and with the upstream @remix-run/router 1.23.3 ("upstream": the installed package with the patch reversed, loaded through a \`--require\` hook).`,
				'',
				`**Route matching in-process**: \`matchRoutes\` on the built portal's ${matching.routes} routes, for a mix of ${MATCHED_PATHS.length} real URLs; ${MATCH_ROUNDS} alternating rounds of ${MATCH_CALLS.toLocaleString('en-US')} calls each, median per call. Remix matches every request at least twice against the same route arrays (its own route match, then the data router's query).`,
				'',
				table(
					['variant', 'per call', 'saved per call'],
					[
						['upstream', micros(matching.upstream), ''],
						['patched', micros(matching.patched), `${micros(matching.upstream - matching.patched)} (${percent(matching.patched / matching.upstream - 1)})`],
					],
				),
				'',
				`**Over HTTP**: two portal processes of the same build on the same database, loaded at the same time (one autocannon each, ${CONNECTIONS} connections), anonymous GETs; ${ROUNDS} runs of ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up; medians of the runs. "CPU per request" is the portal process's own user + system time divided by the requests it answered.`,
				'',
				table(
					['path', 'variant', 'throughput', 'p50', 'p95', 'CPU per request', 'failures'],
					http.flatMap(({ path, patched, upstream: unpatched }) => [
						[path, 'upstream', perSecond(unpatched.perSecond), ms(unpatched.p50), ms(unpatched.p95), cpu(unpatched.cpuMs), String(unpatched.failures)],
						[path, 'patched', perSecond(patched.perSecond), ms(patched.p50), ms(patched.p95), cpu(patched.cpuMs), String(patched.failures)],
						[
							path,
							'patched vs upstream',
							percent(patched.perSecond / unpatched.perSecond - 1),
							percent(patched.p50 / unpatched.p50 - 1),
							percent(patched.p95 / unpatched.p95 - 1),
							percent(patched.cpuMs / unpatched.cpuMs - 1),
							'',
						],
					]),
				),
				'',
				`Each run, patched / upstream (throughput; CPU per request): ${http
					.map(({ path, runs }) => `${path}: ${runs.map((run) => `${perSecond(run.patched.perSecond)} / ${perSecond(run.upstream.perSecond)}; ${cpu(run.patched.cpuMs)} / ${cpu(run.upstream.cpuMs)}`).join(' — ')}`)
					.join('. ')}.`,
			].join('\n')
		} finally {
			upstream.remove()
		}
	},
}

export default benchmark

/** The patch file pnpm applies for `key`, from the root package.json. */
function patchFileOf(key: string): string {
	const rootPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { pnpm?: { patchedDependencies?: Record<string, string> } }
	const file = rootPackage.pnpm?.patchedDependencies?.[key]
	if (!file) throw new Error(`package.json patches no ${key}: nothing to compare`)
	return file
}

/**
 * The upstream router beside the installed, patched one: a copy of the installed package with the
 * patch reversed, and a `--require` hook that makes a process resolve `@remix-run/router` to it.
 */
function prepareUpstreamRouter(patchFile: string): { file: string; hook: string; remove: () => void } {
	const dir = mkdtempSync(join(os.tmpdir(), 'leerplein-upstream-router-'))
	const copy = join(dir, 'router')
	cpSync(dirname(installedRouter().resolve('@remix-run/router/package.json')), copy, { recursive: true, dereference: true })
	execFileSync('git', ['apply', '--reverse', join(repoRoot, patchFile)], { cwd: copy, env: { ...process.env, GIT_CEILING_DIRECTORIES: os.tmpdir() } })
	const file = join(copy, 'dist', 'router.cjs.js')
	if (readFileSync(file, 'utf8').includes('Leerplein patch')) throw new Error(`reversing ${patchFile} left the patch in ${file}`)
	const hook = join(dir, 'use-upstream-router.cjs')
	writeFileSync(
		hook,
		[
			"const Module = require('node:module')",
			'const resolve = Module._resolveFilename',
			`Module._resolveFilename = function (request, ...rest) { return request === '@remix-run/router' ? ${JSON.stringify(file)} : resolve.call(this, request, ...rest) }`,
			'',
		].join('\n'),
	)
	return { file, hook, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Resolves modules as @remix-run/server-runtime does: it is the portal's user of the router. */
function installedRouter() {
	const fromApp = createRequire(join(appDir, 'package.json'))
	const fromNode = createRequire(fromApp.resolve('@remix-run/node'))
	return createRequire(fromNode.resolve('@remix-run/server-runtime'))
}

async function timeMatchRoutes(upstreamFile: string, ctx: BenchContext) {
	const buildFile = join(appDir, 'build', 'server', 'index.js')
	if (!existsSync(buildFile)) throw new Error('app/build/server is missing: run `npm run bench`, which builds the portal first')
	const { routes: manifest } = (await import(buildFile)) as { routes: Record<string, ManifestRoute> }
	const tree = routeTree(Object.values(manifest), undefined)
	const routers: Record<Variant, Router> = { patched: installedRouter()('@remix-run/router') as Router, upstream: createRequire(upstreamFile)(upstreamFile) as Router }
	const matchedIds = (router: Router, path: string) => JSON.stringify(router.matchRoutes(tree, path)?.map((match) => (match as { route: RouteNode }).route.id))
	for (const path of MATCHED_PATHS) {
		if (matchedIds(routers.patched, path) !== matchedIds(routers.upstream, path)) throw new Error(`the two routers match ${path} differently`)
	}
	ctx.log(`matchRoutes on ${Object.keys(manifest).length} routes, patched and upstream`)
	const samples: Record<Variant, number[]> = { patched: [], upstream: [] }
	for (let round = 0; round < MATCH_ROUNDS; round++) {
		for (const variant of round % 2 === 0 ? (['patched', 'upstream'] as const) : (['upstream', 'patched'] as const)) {
			const router = routers[variant]
			const started = performance.now()
			for (let i = 0; i < MATCH_CALLS; i++) router.matchRoutes(tree, MATCHED_PATHS[i % MATCHED_PATHS.length]!)
			samples[variant].push((performance.now() - started) / MATCH_CALLS)
		}
	}
	return { routes: Object.keys(manifest).length, patched: median(samples.patched), upstream: median(samples.upstream) }
}

/** The route tree as Remix's server runtime builds it from the manifest: children by parentId. */
function routeTree(routes: ManifestRoute[], parentId: string | undefined): RouteNode[] {
	return routes
		.filter((route) => route.parentId === parentId)
		.map(({ id, path, index, caseSensitive }) => ({ id, path, index, caseSensitive, children: routeTree(routes, id) }))
}

type Run = { perSecond: number; p50: number; p95: number; cpuMs: number; failures: number }

async function measureHttp(upstreamHook: string, ctx: BenchContext) {
	const [patchedPortal] = await ctx.startPortals(1)
	const [upstreamPortal] = await ctx.startPortals(1, { env: { NODE_OPTIONS: `--require ${upstreamHook}` } })
	const portals: Record<Variant, PortalProcess> = { patched: patchedPortal!, upstream: upstreamPortal! }
	const variants = ['patched', 'upstream'] as const
	const results = []
	for (const path of HTTP_PATHS) {
		ctx.log(`${path}: warming up both portals`)
		await Promise.all(variants.map((variant) => ctx.load(portals[variant].url, [{ path }], { connections: CONNECTIONS, durationSeconds: WARMUP_SECONDS, warmupSeconds: 0 })))
		const runs: Record<Variant, Run>[] = []
		for (let round = 0; round < ROUNDS; round++) {
			ctx.log(`${path}: round ${round + 1} of ${ROUNDS}, both portals at once`)
			const [patched, upstream] = await Promise.all([measureOne(portals.patched, path, ctx), measureOne(portals.upstream, path, ctx)])
			runs.push({ patched, upstream })
		}
		const summary = (variant: Variant) => ({
			perSecond: median(runs.map((run) => run[variant].perSecond)),
			p50: median(runs.map((run) => run[variant].p50)),
			p95: median(runs.map((run) => run[variant].p95)),
			cpuMs: median(runs.map((run) => run[variant].cpuMs)),
			failures: runs.reduce((sum, run) => sum + run[variant].failures, 0),
		})
		results.push({ path, runs, patched: summary('patched'), upstream: summary('upstream') })
	}
	return results
}

async function measureOne(portal: PortalProcess, path: string, ctx: BenchContext): Promise<Run> {
	const cpuBefore = cpuSeconds(portal.pid)
	const result: LoadResult = await ctx.load(portal.url, [{ path }], { connections: CONNECTIONS, durationSeconds: SECONDS, warmupSeconds: 0 })
	return {
		perSecond: result.requestsPerSecond,
		p50: result.latency.p50,
		p95: result.latency.p95,
		cpuMs: ((cpuSeconds(portal.pid) - cpuBefore) * 1000) / result.requests,
		failures: result.failures,
	}
}

/** A process's user + system CPU time so far (Linux /proc; clock ticks are 1/100 s there). */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
	return (Number(fields[11]) + Number(fields[12])) / 100
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const cpu = (milliseconds: number) => `${milliseconds.toFixed(2)} ms`
const micros = (milliseconds: number) => `${(milliseconds * 1000).toFixed(1)} µs`
const percent = (fraction: number) => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(1)} %`
