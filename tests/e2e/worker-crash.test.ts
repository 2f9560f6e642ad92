import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { eq, sql } from 'drizzle-orm'
import { selectRows, withTenantContext } from '@leerplein/db'
import { enqueueMail, MAIL_QUEUE } from '@leerplein/db/jobs'
import { schema } from '@leerplein/db/schema'
import { allowAppRoleLogin, createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { insertEnrolmentFixture, type EnrolmentFixture } from '../support/enrolment-fixture.ts'
import { pollUntil } from '../support/poll.ts'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts'

const appDir = fileURLToPath(new URL('../../app', import.meta.url))
const drivers = await testDrivers()

// A worker process killed with SIGKILL in the middle of sending a mail (ADR 012). The SMTP
// server has read the whole message but the worker never hears the 250, so neither the outbox
// nor the queue learn that it went out. After a restart the job expires, is retried, and the
// mail goes out again with the same Message-ID: nothing lost, and the second copy is the same
// message, which mail clients fold. A mail whose sending was recorded is never sent again.
describe.skipIf(!drivers.includes('postgres'))('a job worker killed mid-job', () => {
	let database: TestDatabase
	let smtp: TestSmtpServer
	let fixture: EnrolmentFixture
	const workers: ChildProcess[] = []

	beforeAll(async () => {
		smtp = await startSmtpServer()
		database = await createTestDatabase('postgres')
		// Employees 0 and 2 are of one unit (the fixture alternates units), as a retried mail's job is.
		fixture = await insertEnrolmentFixture(database.db, { employees: 3, sessions: 1, capacity: 5 })
		await allowAppRoleLogin()
	})
	afterAll(async () => {
		for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL')
		await smtp?.close()
		await database?.close()
	})

	function startWorker(): ChildProcess {
		const worker = spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], {
			cwd: appDir,
			env: {
				...process.env,
				NODE_ENV: 'production',
				LOG_LEVEL: 'warn',
				DATABASE_URL: database.appUrl!,
				MIGRATION_DATABASE_URL: database.url!,
				SMTP_URL: smtp.url,
				JOB_POLL_SECONDS: '0.5',
				JOB_MAINTENANCE_SECONDS: '1',
			},
			stdio: 'ignore',
		})
		workers.push(worker)
		return worker
	}

	/** Enqueues the mail of a new enrolment of `employee`; returns the enrolment's id. */
	async function enqueue(employee: EnrolmentFixture['employees'][number], messageKey: string): Promise<string> {
		const [enrolment] = await database.db
			.insert(schema.enrolments)
			.values({ tenantId: employee.tenantId, sessionId: fixture.sessionIds[0]!, userId: employee.userId, status: 'enrolled' })
			.returning({ id: schema.enrolments.id })
		await withTenantContext(database.db, { tenantId: employee.tenantId, userId: null }, (tx) =>
			enqueueMail(tx, { kind: 'enrolment_confirmed', tenantId: employee.tenantId, enrolmentId: enrolment!.id, messageKey }),
		)
		return enrolment!.id
	}

	/** Waits until a worker has finished the mail job of `enrolmentId`, one way or the other; its final state. */
	function finishedJob(enrolmentId: string): Promise<string> {
		let seen: unknown = 'no job'
		return pollUntil(
			async () => {
				const [job] = await selectRows<{ state: string; output: unknown }>(database.db, sql`select state, output from pgboss.job where name = ${MAIL_QUEUE} and data->>'enrolmentId' = ${enrolmentId}`)
				seen = job ?? 'no job'
				return job && ['completed', 'failed', 'cancelled'].includes(job.state) ? job.state : null
			},
			{ timeoutMs: 60_000, intervalMs: 250, message: () => `the mail job of enrolment ${enrolmentId} was not finished: ${JSON.stringify(seen)}` },
		)
	}

	test('the mail is retried after the crash and delivered as one message; a recorded mail is not sent again', async () => {
		const employee = fixture.employees[0]!
		const [{ email }] = (await database.db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, employee.userId))) as [{ email: string }]
		let worker = startWorker()
		// Kill the worker the moment the server has the whole message, before it answers.
		const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.once('exit', (_code, signal) => resolve(signal)))
		smtp.onData(async () => {
			smtp.onData(null)
			worker.kill('SIGKILL')
			await exited
		})
		await enqueue(employee, 'crash-test')
		expect(await exited).toBe('SIGKILL')
		expect(smtp.mails).toHaveLength(1)

		worker = startWorker()
		await pollUntil(async () => (await outbox('crash-test'))?.status === 'sent', { timeoutMs: 90_000, intervalMs: 250, message: 'the mail was not sent after the restart' })
		const delivered = smtp.mails.filter((mail) => mail.to.includes(email))
		// Not lost: delivered; not a different mail twice: every copy is the same message.
		expect(delivered.length).toBeGreaterThanOrEqual(1)
		expect(new Set(delivered.map((mail) => mail.messageId)).size).toBe(1)
		expect((await outbox('crash-test'))!.attempts).toBe(2)

		// A second job for the same message key (a retry after the mail was recorded) sends nothing.
		const before = smtp.mails.length
		const second = await enqueue(fixture.employees[2]!, 'crash-test')
		// Only once the worker has done the job does "nothing was sent" mean something.
		expect(await finishedJob(second)).toBe('completed')
		expect(smtp.mails.length).toBe(before)
		worker.kill('SIGTERM')
	}, 180_000)

	async function outbox(messageKey: string) {
		return (await database.db.select().from(schema.outboxMails).where(eq(schema.outboxMails.messageKey, messageKey)))[0]
	}
})
