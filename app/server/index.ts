import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { pinoHttp } from 'pino-http'
import {
	createDatabase,
	databaseConfigFromEnv,
	inspectCurrentRole,
	isDatabaseEmpty,
	migrateDatabase,
	switchToAppRole,
	type Database,
} from '@leerplein/db'
import { parseSeedScale, seedDatabase } from '@leerplein/db/seed'
import { SESSION_COOKIE } from '../features/identity/cookie.ts'
import type { LeerpleinContext } from '../load-context.ts'
import { portalConfigFromEnv } from './config.ts'
import { startJobWorker } from './jobs.ts'
import { logger } from './logger.ts'
import { ensurePlatformKey, LTI_PATHS } from '../features/lti/platform.server.ts'
import { processClock } from './test-clock.ts'
import { outboundGuard } from '../core/outbound.server.ts'
import { compressResponses, serveBuiltFiles } from './compression.ts'
import { liveness, readiness } from './health.ts'
import { createMetrics, OTHER_ROUTE } from './metrics.ts'
import { routeIdMatcher } from './route-ids.ts'
import { serveCatalogue } from '../i18n/catalogue-files.server.ts'
import { allowRouteCsp, cspNonce, limitRequestBody, MAX_REQUEST_BODY_BYTES, noStoreWhenSignedIn, refuseControlCharactersInUrl, sameOriginForStateChanges, securityHeaders } from './security.ts'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 3000)
const appRoot = fileURLToPath(new URL('..', import.meta.url))

// The settings first, so a portal that may not start (PUBLIC_URL missing in production) says so before anything else.
const databaseConfig = databaseConfigFromEnv()
const config = portalConfigFromEnv(process.env, { embeddedDatabase: databaseConfig.driver === 'pglite' })
// Migrate and seed as the schema owner, then serve as leerplein_app, which obeys row-level security (ADR 006).
const migrator = await createDatabase(databaseConfig, { role: 'migrator' })
// The portal's one clock; the test harness may set it over IPC (server/test-clock.ts, tests/support/portal.ts).
const clock = processClock(process.env, { demoMode: config.demoMode, channel: process })
logger.info({ driver: migrator.config.driver, demoMode: config.demoMode }, 'database connected')
// Read OUTBOUND_ALLOW now, so a wrong value stops the start instead of the first outbound request (ADR 025).
const outboundAllow = outboundGuard().allow
if (outboundAllow.length > 0) (production && !config.demoMode ? logger.warn : logger.info).call(logger, { outboundAllow }, 'outbound requests allowed to these hosts without the https and public-address checks')
await migrateDatabase(migrator)
await seedIfEmpty(migrator.db)
const database = await switchToAppRole(migrator)
await warnIfRowLevelSecurityIsBypassed(database.db)
// The embedded database has no other process to run jobs, so the portal does; on PostgreSQL a
// separate `worker` process does, unless JOBS_IN_PROCESS says otherwise (ADR 012).
const jobsInProcess = process.env.JOBS_IN_PROCESS ? process.env.JOBS_IN_PROCESS === 'true' : database.config.driver === 'pglite'
const jobWorker = jobsInProcess ? await startJobWorker(database, { logger, clock }) : null
// The LTI platform key pair is made on first start and kept in the database (ADR 015).
await ensurePlatformKey(database.db, config.secretsKey)

const viteDevServer = production
	? undefined
	: await import('vite').then((vite) => vite.createServer({ root: appRoot, server: { middlewareMode: true } }))

// Set when a signal arrives: /readyz answers 503 from then on, so a load balancer stops sending requests.
let stopping = false

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', config.trustProxy)

// Every request is timed, by the Remix route (or the express path) that served it (ADR 049).
const metrics = createMetrics({ database, token: config.metricsToken, logger })
app.use(metrics.timeRequests)

// A request id from a trusted proxy is kept (if it looks sane), otherwise made here; it is echoed and logged.
const REQUEST_ID = /^[\w.-]{8,64}$/
app.use(
	pinoHttp({
		logger,
		genReqId(req: IncomingMessage, res: ServerResponse) {
			const incoming = req.headers['x-request-id']
			const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
			res.setHeader('x-request-id', id)
			return id
		},
		customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
	}),
)

app.use(cspNonce, securityHeaders({ production }), allowRouteCsp, refuseControlCharactersInUrl, limitRequestBody(MAX_REQUEST_BODY_BYTES))
// The Deep Linking response is the tool's cross-site form post; the signed JWT and the one-time data authenticate it.
app.use(sameOriginForStateChanges(Object.values(SESSION_COOKIE), { publicOrigin: config.publicOrigin, crossSitePostPaths: [LTI_PATHS.deepLinkingReturn] }))

// Liveness, readiness and metrics: before Remix, the session and the tenant context, and before
// compression (a probe's answer is tiny); each labels its own latency.
app.get('/healthz', liveness)
app.get('/readyz', readiness({ db: database.db, logger, stopping: () => stopping }))
app.get('/metrics', (req, res, next) => void metrics.serve(req, res).catch(next))

app.use(compressResponses())

if (viteDevServer) {
	app.use(viteDevServer.middlewares)
} else {
	// Fingerprinted assets may be cached forever; everything else briefly.
	app.use('/assets', serveBuiltFiles(`${appRoot}/build/client/assets`, { immutable: true, maxAge: '1y' }))
	app.use(serveBuiltFiles(`${appRoot}/build/client`, { maxAge: '1h' }))
}

app.get('/i18n/:file', (_req, res, next) => {
	res.locals.metricsRoute = '/i18n'
	next()
}, serveCatalogue)

const build = viteDevServer
	? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
	: ((await import(new URL('../build/server/index.js', import.meta.url).href)) as ServerBuild)

// The route a request is for, by the build's route table: the latency label, never the raw URL.
const routeIdOf = typeof build === 'function' ? () => 'remix-dev' : routeIdMatcher(build.routes)
app.all(
	'*',
	(req, res, next) => {
		res.locals.metricsRoute = routeIdOf(req.path) ?? OTHER_ROUTE
		next()
	},
	noStoreWhenSignedIn(Object.values(SESSION_COOKIE)),
	createRequestHandler({
		build,
		mode: production ? 'production' : 'development',
		getLoadContext: (req, res): LeerpleinContext => ({
			cspNonce: String(res.locals.cspNonce),
			db: database.db,
			logger: req.log,
			requestId: String(req.id),
			clientIp: req.ip ?? null,
			clock,
			config,
		}),
	}),
)

const server = app.listen(port, () => {
	logger.info({ port }, `Leerplein draait op http://localhost:${port}`)
})

async function seedIfEmpty(db: Database) {
	if (!(await isDatabaseEmpty(db))) return
	const scale = parseSeedScale(process.env.SEED_SCALE)
	logger.info({ scale }, 'empty database: seeding demo data')
	let lastStep = ''
	const summary = await seedDatabase(db, {
		scale,
		now: clock.now(),
		onProgress(step, done, total) {
			if (done === total || step !== lastStep) logger.info({ step, done, total }, `seeding ${step} ${done}/${total}`)
			lastStep = step
		},
	})
	logger.info(summary, 'demo data seeded')
}

/** A one-URL setup runs the portal as the owner or a superuser: it works, but without the second wall. */
async function warnIfRowLevelSecurityIsBypassed(db: Database) {
	const role = await inspectCurrentRole(db)
	if (!role.superuser && !role.bypassRls && role.ownedTables.length === 0) {
		logger.info({ role: role.name }, 'serving as a role that obeys row-level security')
		return
	}
	logger.warn(
		{ role: role.name, superuser: role.superuser, bypassRls: role.bypassRls, ownedTables: role.ownedTables.length },
		'!! THE PORTAL RUNS AS A DATABASE ROLE THAT BYPASSES OR OWNS ROW-LEVEL SECURITY: tenant isolation rests on the application alone. Set DATABASE_URL to leerplein_app and MIGRATION_DATABASE_URL to the owner (ADR 006).',
	)
}

// PGlite must be closed to flush to disk; PostgreSQL connections should be returned.
async function shutdown(signal: string) {
	if (stopping) return
	stopping = true
	logger.info({ signal }, 'shutting down')
	server.close()
	server.closeAllConnections()
	await viteDevServer?.close()
	await jobWorker?.stop({ graceful: true, wait: true, timeout: 5_000, close: false })
	await database.close()
	process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
