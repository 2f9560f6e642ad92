import type { LoaderFunctionArgs } from '@remix-run/node'
import { pingDatabase } from '../core/health.server.ts'

/** For load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export async function loader({ context }: LoaderFunctionArgs) {
	const headers = { 'Cache-Control': 'no-store' }
	try {
		await pingDatabase(context.db)
		return Response.json({ status: 'ok', database: 'ok' }, { headers })
	} catch (error) {
		context.logger.error({ err: error }, 'health check: database unreachable')
		return Response.json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers })
	}
}
