import type { PGlite } from '@electric-sql/pglite'
import { sql, type SQL } from 'drizzle-orm'
import PgBoss from 'pg-boss'
import type { Sql } from 'postgres'
import { APP_ROLE, selectRows, type Database, type DatabaseClient } from '../client.ts'

/**
 * The job queue is pg-boss on our own database (ADR 012). Jobs are enqueued with our drizzle
 * transaction as pg-boss's "db", so a job exists exactly when the business change that caused
 * it commits. The worker reaches the database through the same kind of adapter: on PGlite
 * through the portal's one in-process connection, on PostgreSQL through our postgres.js pool.
 */

export const JOB_SCHEMA = 'pgboss'

/** Notification mails; retried with back-off, and idempotent by message key (outbox_mails). */
export const MAIL_QUEUE = 'mail'
/** A scheduled scan that enqueues the 7-day and 1-day reminders. */
export const REMINDER_QUEUE = 'reminders'
/** The scheduled Moodle web-services completion sync (activities completed without a grade). */
export const MOODLE_SYNC_QUEUE = 'moodle-completion-sync'
/** The hourly housekeeping that removes sessions past their idle or absolute expiry (ADR 007). */
export const SESSION_PURGE_QUEUE = 'session-purge'
/** The concern-wide duplicate scan a concern administrator asked for (ADR 019). */
export const DUPLICATE_SCAN_QUEUE = 'duplicate-scan'
/** A daily scan that tells coordinators of sessions below their minimum shortly before the deadline (ADR 029). */
export const MINIMUM_PARTICIPANTS_QUEUE = 'minimum-participants'
/** The nightly passport consistency check: recomputes every dot and reports drift (ADR 031). */
export const PASSPORT_CONSISTENCY_QUEUE = 'passport-consistency'
/** The daily scan that queues the passport reminders: before expiry, and when a dot turned red (ADR 031). */
export const PASSPORT_REMINDER_QUEUE = 'passport-reminders'
/** One unit's dots recomputed after a concern-wide requirement was added or deactivated (ADR 031, requirement screens). */
export const PASSPORT_REQUIREMENT_QUEUE = 'passport-requirement-recompute'
/** The daily removal of xAPI statements stored longer ago than their unit keeps them (ADR 039, "Privacy"). */
export const XAPI_RETENTION_QUEUE = 'xapi-retention'
/** Every minute: the people a crashed or restarted portal left on a unit's xAPI rule backlog (ADR 039). */
export const XAPI_RULE_SWEEP_QUEUE = 'xapi-rule-sweep'
/** Every ten minutes: invitations to evaluate a course, and their reminders, for the attended and completed (ADR 041). */
export const EVALUATION_MAIL_QUEUE = 'evaluation-mails'
/** Daily at 07:00 (Europe/Amsterdam): cards to self whose return day has come, mailed back to their person (ADR 042). */
export const SELF_CARD_RETURN_QUEUE = 'self-card-returns'
/** Hourly: each learner's daily digest of practice questions due, at their hour (Europe/Amsterdam), once a day (ADR 047). */
export const PRACTICE_DIGEST_QUEUE = 'practice-digests'
/** The monthly scan that mails each unit's coordinators the report of the month before (ADR 043, addendum). */
export const UNIT_REPORT_QUEUE = 'unit-report-mails'
/** A bulk decision of the approvals inbox too large to take inside a request (ADR 038). */
export const BULK_DECISION_QUEUE = 'bulk-decision'
/**
 * The dead-letter queue of bulk decisions: pg-boss puts a copy of a bulk-decision job here (same
 * data) when it gives up on it, after its last retry failed or expired. Its worker ends the batch
 * as failed, so the page stops saying it is running.
 */
export const BULK_DECISION_FAILED_QUEUE = 'bulk-decision-failed'

export type MailKind =
	/** Seated or waitlisted: the mail says which, as it stands when the mail is written. */
	| 'enrolment_seated'
	| 'enrolment_confirmed'
	| 'enrolment_waitlisted'
	| 'enrolment_promoted'
	| 'approval_requested'
	| 'enrolment_approved'
	| 'enrolment_declined'
	| 'enrolment_cancelled'
	| 'session_cancelled'
	| 'reminder_7_days'
	| 'reminder_1_day'
	/** The session's date, time or place changed: what it was, what it is, and free cancellation (`changeId`). */
	| 'session_changed'
	/** The providing unit moved the person to another session (`fromSessionId`: where from). */
	| 'enrolment_moved'

/**
 * What a mail job carries: enough to find the enrolment in its unit's tenant context, and the
 * idempotency key. Ids only: the mail is written from the database when it is sent.
 */
export type EnrolmentMailJob = {
	kind: MailKind
	tenantId: string
	enrolmentId: string
	messageKey: string
	recipientUserId?: string
	/** session_changed: the session_changes row the mail tells about. */
	changeId?: string
	/** enrolment_moved: the session the person was moved from. */
	fromSessionId?: string
}

/** A notice about a session to one of the providing unit's coordinators (no enrolment): its minimum is not reached. */
export type SessionNoticeJob = { kind: 'minimum_not_reached'; tenantId: string; sessionId: string; recipientUserId: string; messageKey: string; enrolmentId?: never }

/** A passport reminder (a passport_reminders row) to the employee or to their manager. */
export type PassportReminderJob = { kind: 'passport_reminder'; tenantId: string; reminderId: string; recipientUserId: string; messageKey: string; enrolmentId?: never }

/** A certificate an employee sent in, awaiting review: a notice to their manager (ADR 031, evidence on a screen). */
export type CertificateSubmittedJob = { kind: 'certificate_submitted'; tenantId: string; uploadId: string; recipientUserId: string; messageKey: string; enrolmentId?: never }

/**
 * A message a coordinator of the providing unit wrote to the selected people of a session (ADR 030
 * addendum). Unlike the other jobs it carries its text: the message exists nowhere else, and the
 * queue row lives only until the outbox holds the mail as sent. `tenantId` is the person's unit.
 */
export type ParticipantMessageJob = {
	kind: 'participant_message'
	tenantId: string
	enrolmentId: string
	messageKey: string
	subject: string
	message: string
	senderName: string
	senderUnit: string
	recipientUserId?: never
}

/** An invitation to evaluate a course, or one of its two reminders (`mail` 1, 2 or 3; ADR 041), to the participant. */
export type EvaluationMailJob = { kind: 'evaluation_invitation'; tenantId: string; invitationId: string; mail: number; recipientUserId: string; messageKey: string; enrolmentId?: never }

/** A card to self mailed back to its person on its return day (ADR 042). */
export type SelfCardReturnJob = { kind: 'self_card_return'; tenantId: string; cardId: string; recipientUserId: string; messageKey: string; enrolmentId?: never }

/** The unit's report of one month (`YYYY-MM`) to one of its coordinators, on the first of the next (ADR 043, addendum). */
export type UnitReportJob = { kind: 'unit_report'; tenantId: string; month: string; recipientUserId: string; messageKey: string; enrolmentId?: never }

/** A learner's digest of the day (`YYYY-MM-DD`, Amsterdam): how many practice questions are due per course (ADR 047). */
export type PracticeDigestJob = { kind: 'practice_digest'; tenantId: string; day: string; recipientUserId: string; messageKey: string; enrolmentId?: never }

export type MailJob = EnrolmentMailJob | SessionNoticeJob | PassportReminderJob | CertificateSubmittedJob | ParticipantMessageJob | EvaluationMailJob | SelfCardReturnJob | UnitReportJob | PracticeDigestJob

/** A unit to recompute after a change of the concern's requirement `requirementId`, in that unit's own context. */
export type PassportRequirementJob = { tenantId: string; requirementId: string }

/** A bulk decision to work through: its row in bulk_jobs, and the person in whose tenant context and with whose rights it runs. */
export type BulkDecisionJob = { jobId: string; tenantId: string; userId: string }

/** A duplicate scan to run: its row in duplicate_scans, and the administrator in whose tenant context it runs. */
export type DuplicateScanJob = { scanId: string; tenantId: string; userId: string }

type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>

/** pg-boss's "bring your own database" interface over a drizzle database or transaction. */
export function drizzleExecutor(db: Database): { executeSql: ExecuteSql } {
	return {
		async executeSql(text, values = []) {
			return { rows: await selectRows<unknown>(db, withParameters(text, values)) }
		},
	}
}

/** `$1`-style SQL and its values as a drizzle query, each value a bind parameter. */
function withParameters(text: string, values: unknown[]): SQL {
	const parts = text.split(/\$(\d+)/)
	const chunks: SQL[] = []
	parts.forEach((part, index) => {
		if (index % 2 === 0) chunks.push(sql.raw(part))
		else chunks.push(sql`${serialise(values[Number(part) - 1])}`)
	})
	return sql.join(chunks, sql.raw(''))
}

function serialise(value: unknown): unknown {
	if (value === undefined) return null
	if (value instanceof Date) return value.toISOString()
	// Arrays are PostgreSQL arrays (job ids); other objects are jsonb (job data).
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value)
	return value
}

/** The raw connection of a client, for pg-boss's own multi-statement SQL (its schema and maintenance). */
export function clientExecutor(client: DatabaseClient): { executeSql: ExecuteSql } {
	const raw = (client.db as unknown as { $client: PGlite | Sql }).$client
	if (client.config.driver === 'pglite') {
		const pglite = raw as PGlite
		return {
			async executeSql(text, values = []) {
				if (values.length > 0) return { rows: (await pglite.query(text, values.map(serialise))).rows }
				const results = await pglite.exec(text)
				return { rows: results.at(-1)?.rows ?? [] }
			},
		}
	}
	const postgres = raw as Sql
	return {
		async executeSql(text, values = []) {
			if (values.length > 0) return { rows: [...(await postgres.unsafe(text, values.map(serialise) as never[]))] }
			// pg-boss sends its own BEGIN ... COMMIT as one text: it needs a connection of its own.
			const connection = await postgres.reserve()
			try {
				const result = (await connection.unsafe(text).simple()) as unknown as unknown[]
				const last = Array.isArray(result[0]) || result.length === 0 ? result.at(-1) : result
				return { rows: Array.isArray(last) ? [...last] : [] }
			} finally {
				connection.release()
			}
		},
	}
}

const QUEUE_OPTIONS = {
	// A mail that fails (SMTP down) is retried with back-off for about an hour. A worker that died
	// mid-job leaves it active; after 30 seconds (well past the SMTP timeouts) it counts as failed and is retried.
	[MAIL_QUEUE]: { name: MAIL_QUEUE, retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: 30 },
	[REMINDER_QUEUE]: { name: REMINDER_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
	// A failed run is not retried: the next scheduled run reads everything again, and Moodle's errors are recorded per tool.
	[MOODLE_SYNC_QUEUE]: { name: MOODLE_SYNC_QUEUE, retryLimit: 0, expireInSeconds: 900 },
	// Not retried: the next hourly run removes what this one left.
	[SESSION_PURGE_QUEUE]: { name: SESSION_PURGE_QUEUE, retryLimit: 0, expireInSeconds: 300 },
	// A scan of 50,000 courses takes about half a minute; a worker that died mid-scan leaves the job
	// active, and after the expiry it is tried once more (from the start). Sooner than that the
	// administrator may start a new one: the report counts a scan without progress as stalled.
	[DUPLICATE_SCAN_QUEUE]: { name: DUPLICATE_SCAN_QUEUE, retryLimit: 1, retryDelay: 10, expireInSeconds: 1800 },
	// Like the reminders: a notice already queued is not queued again, so a retry is harmless.
	[MINIMUM_PARTICIPANTS_QUEUE]: { name: MINIMUM_PARTICIPANTS_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
	// Not retried: the next night reads everything again; dots change with evidence, not with this run.
	[PASSPORT_CONSISTENCY_QUEUE]: { name: PASSPORT_CONSISTENCY_QUEUE, retryLimit: 0, expireInSeconds: 1800 },
	// A retry is harmless: the ledger holds every reminder queued, and none is queued twice.
	[PASSPORT_REMINDER_QUEUE]: { name: PASSPORT_REMINDER_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 1800 },
	// A retry is harmless: a recompute writes only what differs from the facts.
	[PASSPORT_REQUIREMENT_QUEUE]: { name: PASSPORT_REQUIREMENT_QUEUE, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 600 },
	// Not retried: the next night deletes what this one left, and each unit's deletion is one transaction.
	[XAPI_RETENTION_QUEUE]: { name: XAPI_RETENTION_QUEUE, retryLimit: 0, expireInSeconds: 1800 },
	// Not retried: the next minute's sweep takes what this one left.
	[XAPI_RULE_SWEEP_QUEUE]: { name: XAPI_RULE_SWEEP_QUEUE, retryLimit: 0, expireInSeconds: 300 },
	// Not retried: the next run (ten minutes on) reads everything again; a mail is counted with its queueing.
	[EVALUATION_MAIL_QUEUE]: { name: EVALUATION_MAIL_QUEUE, retryLimit: 0, expireInSeconds: 600 },
	// Retried like the passport reminders: a card is marked mailed with its queueing, so a retry sends nothing twice.
	[SELF_CARD_RETURN_QUEUE]: { name: SELF_CARD_RETURN_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 1800 },
	[UNIT_REPORT_QUEUE]: { name: UNIT_REPORT_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 1800 },
	// Not retried: the next hour's scan reads everything again; a digest is marked with its queueing, once a day.
	[PRACTICE_DIGEST_QUEUE]: { name: PRACTICE_DIGEST_QUEUE, retryLimit: 0, expireInSeconds: 1800 },
	// Created before the queue that names it as its dead letter (a foreign key in pg-boss's queue table).
	// A retry is harmless: ending a batch only marks the rows still pending.
	[BULK_DECISION_FAILED_QUEUE]: { name: BULK_DECISION_FAILED_QUEUE, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
	// A retry is harmless: each row's outcome is written with its change, and a retry skips rows done.
	// 1000 rows take well under ten minutes; a worker that died is presumed so after fifteen. When the
	// last attempt fails or expires, pg-boss copies the job to the dead-letter queue.
	[BULK_DECISION_QUEUE]: { name: BULK_DECISION_QUEUE, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 900, deadLetter: BULK_DECISION_FAILED_QUEUE },
} as const

/**
 * Installs or upgrades pg-boss's schema and our queues, as the schema owner, and lets the portal's
 * role use them. Runs after the migrations at every start (pg-boss skips what is current).
 */
export async function installJobQueue(client: DatabaseClient): Promise<void> {
	if (client.role !== 'migrator') throw new Error('install the job queue as the schema owner')
	const boss = new PgBoss({ db: clientExecutor(client), schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: true })
	boss.on('error', () => {})
	await boss.start()
	for (const options of Object.values(QUEUE_OPTIONS)) {
		const existing = await boss.getQueue(options.name)
		// A queue created before it had a dead letter gets one; the jobs sent from then on carry it.
		if (existing) {
			const deadLetter = 'deadLetter' in options ? options.deadLetter : undefined
			if (deadLetter && existing.deadLetter !== deadLetter) await boss.updateQueue(options.name, options)
			continue
		}
		// Several processes may start at once: a queue another one just created is fine.
		await boss.createQueue(options.name, options).catch(async (error: unknown) => {
			if (!(await boss.getQueue(options.name))) throw error
		})
	}
	await boss.stop({ graceful: false, wait: true, close: false })
	// The queue holds no tenant data (ids and keys only), so it is outside row-level security.
	await client.db.execute(sql.raw(`grant usage on schema ${JOB_SCHEMA} to ${APP_ROLE}`))
	await client.db.execute(sql.raw(`grant select, insert, update, delete on all tables in schema ${JOB_SCHEMA} to ${APP_ROLE}`))
}

// A pg-boss that only ever sends through the transaction it is given.
const sender = new PgBoss({
	db: {
		executeSql: () => Promise.reject(new Error('enqueue with a transaction')),
	},
	schema: JOB_SCHEMA,
})

/**
 * Enqueues a mail in `tx`, the transaction of the change that causes it: no mail for a
 * rolled-back change, no change without its mail.
 */
export async function enqueueMail(tx: Database, job: MailJob, { startAfter }: { startAfter?: Date } = {}): Promise<void> {
	await sender.send(MAIL_QUEUE, job, { db: drizzleExecutor(tx), singletonKey: job.messageKey, ...(startAfter ? { startAfter } : {}) } as PgBoss.SendOptions)
}

/**
 * Enqueues a mail unless one with the same message key is queued or in the outbox already, for a
 * scan that sees the same fact again (the reminders). pg-boss's singleton key alone does not stop a
 * second job in a standard queue; the advisory lock makes two scans at once take turns on a key.
 * Returns whether it enqueued.
 */
export async function enqueueMailOnce(tx: Database, job: MailJob): Promise<boolean> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${job.messageKey}))`)
	const [seen] = await selectRows<{ found: boolean }>(
		tx,
		sql`select exists (select 1 from ${sql.raw(JOB_SCHEMA)}.job where name = ${MAIL_QUEUE} and singleton_key = ${job.messageKey})
			or exists (select 1 from outbox_mails where message_key = ${job.messageKey}) as found`,
	)
	if (seen?.found) return false
	await enqueueMail(tx, job)
	return true
}

/** Enqueues a duplicate scan in `tx`, the transaction that records the scan as queued (one job per scan). */
export async function enqueueDuplicateScan(tx: Database, job: DuplicateScanJob): Promise<void> {
	await sender.send(DUPLICATE_SCAN_QUEUE, job, { db: drizzleExecutor(tx), singletonKey: job.scanId } as PgBoss.SendOptions)
}

/** Enqueues a bulk decision in `tx`, the transaction that queues its batch (one job per batch). */
export async function enqueueBulkDecision(tx: Database, job: BulkDecisionJob): Promise<void> {
	await sender.send(BULK_DECISION_QUEUE, job, { db: drizzleExecutor(tx), singletonKey: job.jobId } as PgBoss.SendOptions)
}

/** Enqueues one unit's recompute in `tx`, the transaction that changes the concern's requirement: no job for a rolled-back change. */
export async function enqueuePassportRequirementRecompute(tx: Database, job: PassportRequirementJob): Promise<void> {
	await sender.send(PASSPORT_REQUIREMENT_QUEUE, job, { db: drizzleExecutor(tx) } as PgBoss.SendOptions)
}

/** A worker-side pg-boss on the portal's (app-role) connection. */
export function createJobQueue(client: DatabaseClient, options: Partial<PgBoss.ConstructorOptions> = {}): PgBoss {
	return new PgBoss({ db: clientExecutor(client), schema: JOB_SCHEMA, migrate: false, ...options } as PgBoss.ConstructorOptions)
}
