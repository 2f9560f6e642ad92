import { randomUUID } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { pino } from 'pino'
import type { ServiceContext } from './service.server.ts'

/**
 * The service context a test calls a service with: the test's database connection (usually the
 * app role's, so the policies apply), its clock, a silent logger, a fresh request id, and the
 * client address the audit log records (`null`: a job, not a request).
 */
export function testContext(db: Database, now: Date, { clientIp = '127.0.0.1' }: { clientIp?: string | null } = {}): ServiceContext {
	return { db, logger: pino({ level: 'silent' }), clock: { now: () => now }, requestId: randomUUID(), clientIp }
}
