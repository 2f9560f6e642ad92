import type { Request, Response } from 'express'
import type { Logger } from 'pino'
import { pingDatabase, type Database } from '@leerplein/db'

// Liveness and readiness (issue 22, item 5; ADR 049), outside Remix and the session machinery:
// /healthz says the process runs (a supervisor restarts it when not); /readyz says it can serve
// (the database answers, and it is not shutting down), so a load balancer sends it requests.

/** A database that does not answer within this long is as good as unreachable to a load balancer. */
const READY_TIMEOUT_MS = 2_000

export function liveness(_req: Request, res: Response) {
	res.locals.metricsRoute = '/healthz'
	res.setHeader('Cache-Control', 'no-store')
	res.json({ status: 'ok' })
}

export function readiness({ db, logger, stopping }: { db: Database; logger: Logger; stopping: () => boolean }) {
	return async (_req: Request, res: Response) => {
		res.locals.metricsRoute = '/readyz'
		res.setHeader('Cache-Control', 'no-store')
		if (stopping()) {
			res.status(503).json({ status: 'stopping', database: 'not checked' })
			return
		}
		let timer: NodeJS.Timeout | undefined
		try {
			await Promise.race([
				pingDatabase(db),
				new Promise((_, reject) => {
					timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS)
				}),
			])
			res.json({ status: 'ok', database: 'ok' })
		} catch (error) {
			logger.error({ err: error }, 'readiness: database unreachable')
			res.status(503).json({ status: 'unavailable', database: 'unreachable' })
		} finally {
			clearTimeout(timer)
		}
	}
}
