import type { DatabaseClient } from '@leerplein/db'
import type { TestDatabase } from '@leerplein/db/testing'
import type { ServiceContext } from '../../app/core/service.server.ts'
import { startJobWorker } from '../../app/server/jobs.ts'
import { pollUntil } from './poll.ts'
import { startSmtpServer, type TestSmtpServer } from './smtp.ts'

// The set-up the mail integration tests share: the job worker as the portal runs it (pg-boss, the
// mail job, nodemailer) on the test database's app role, sending to a real SMTP server, with the
// test's clock. PostgreSQL only: the worker polls on connections of its own.

/** A logger that says nothing: the tests assert on mails and rows, not on log lines. */
export const silentLogger = { info() {}, warn() {}, error() {}, debug() {}, child: () => silentLogger } as unknown as ServiceContext['logger']

export type MailWorker = {
	/** The app role's connection the worker runs on; services under test use it too. */
	app: DatabaseClient
	smtp: TestSmtpServer
	boss: Awaited<ReturnType<typeof startJobWorker>>
	/** What a job or a request gives a service: the app role, the silent logger and the test's clock. */
	context: () => ServiceContext
	/** Queues a scheduled job (a scan) as its schedule would, and waits until the worker has finished it. */
	runScheduled: (queue: string) => Promise<void>
	stop: () => Promise<void>
}

/** Starts the worker on `database` (seed it first: the worker's connections obey row-level security). */
export async function startMailWorker(database: TestDatabase, clock: ServiceContext['clock']): Promise<MailWorker> {
	const app = await database.connectAsApp({ maxConnections: 4 })
	const smtp = await startSmtpServer()
	const boss = await startJobWorker(app, { logger: silentLogger, clock, env: { SMTP_URL: smtp.url, JOB_POLL_SECONDS: '0.5', PUBLIC_URL: 'https://leerplein.example.nl' } })
	return {
		app,
		smtp,
		boss,
		context: () => ({ db: app.db, logger: silentLogger, clock, requestId: null, clientIp: null }),
		async runScheduled(queue) {
			const id = await boss.send(queue, {})
			await pollUntil(async () => (await boss.getJobById(queue, id!))?.state === 'completed', { message: `the ${queue} job to finish` })
		},
		async stop() {
			await boss.stop({ graceful: false, wait: true, close: false })
			await smtp.close()
			await app.close()
		},
	}
}
