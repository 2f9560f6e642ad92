import type { DatabaseClient } from '@leerplein/db'
import {
	BULK_DECISION_FAILED_QUEUE,
	BULK_DECISION_QUEUE,
	createJobQueue,
	DUPLICATE_SCAN_QUEUE,
	MAIL_QUEUE,
	EVALUATION_MAIL_QUEUE,
	SELF_CARD_RETURN_QUEUE,
	PRACTICE_DIGEST_QUEUE,
	UNIT_REPORT_QUEUE,
	MINIMUM_PARTICIPANTS_QUEUE,
	MOODLE_SYNC_QUEUE,
	PASSPORT_CONSISTENCY_QUEUE,
	PASSPORT_REMINDER_QUEUE,
	PASSPORT_REQUIREMENT_QUEUE,
	REMINDER_QUEUE,
	SESSION_PURGE_QUEUE,
	XAPI_RETENTION_QUEUE,
	XAPI_RULE_SWEEP_QUEUE,
	type BulkDecisionJob,
	type DuplicateScanJob,
	type MailJob,
	type PassportRequirementJob,
} from '@leerplein/db/jobs'
import nodemailer from 'nodemailer'
import type PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import { enqueueMinimumNotices } from '../features/notifications/enqueue-minimum-notices.server.ts'
import { enqueueEvaluationMails } from '../features/effect/enqueue-evaluation-mails.server.ts'
import { enqueueSelfCardReturns } from '../features/effect/enqueue-self-card-returns.server.ts'
import { enqueuePracticeDigests } from '../features/practice/enqueue-practice-digests.server.ts'
import { enqueueUnitReportMails } from '../features/reports/enqueue-unit-report-mails.server.ts'
import { enqueueReminders } from '../features/notifications/enqueue-reminders.server.ts'
import { runDuplicateScan } from '../features/deduplication/run-duplicate-scan.server.ts'
import { sendNotification, type MailDelivery } from '../features/notifications/send-notification.server.ts'
import { purgeExpiredSessions } from '../features/identity/purge-expired-sessions.server.ts'
import { purgeBulkJobs } from '../features/enrolment/purge-bulk-jobs.server.ts'
import { abandonBulkDecision } from '../features/enrolment/abandon-bulk-decision.server.ts'
import { runBulkDecision } from '../features/enrolment/run-bulk-decision.server.ts'
import { checkPassportConsistency } from '../features/passport/check-passport-consistency.server.ts'
import { recomputeUnitForConcernRequirement } from '../features/passport/add-requirement.server.ts'
import { enqueuePassportReminders } from '../features/passport/enqueue-passport-reminders.server.ts'
import { applyXapiRetention } from '../features/xapi/privacy.server.ts'
import { sweepXapiRuleBacklogs } from '../features/xapi/rule-backlog.server.ts'
import { syncMoodleCompletions } from '../features/lti/sync-moodle-completions.server.ts'
import { secretsKeyFromEnv } from '../core/secret-box.server.ts'
import type { Clock } from '../core/clock.ts'

/** Where mail goes: `SMTP_URL` (e.g. smtp://mail.example.nl:587), or nowhere but the outbox table (the demo). */
export function mailDeliveryFromEnv(env: Record<string, string | undefined>): MailDelivery {
	const url = env.SMTP_URL?.trim()
	// Timeouts well inside the job's 30-second expiry, so a hung server fails the attempt instead.
	const transport = url ? nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 }) : null
	const publicUrl = env.PUBLIC_URL?.trim()
	return { transport, from: env.MAIL_FROM?.trim() || 'Leerplein <noreply@leerplein.local>', portalUrl: publicUrl ? new URL(publicUrl).origin : null }
}

/**
 * Runs the job handlers on `client` (the app role): notification mails, the hourly reminder
 * scan, the daily minimum-participants scan, the hourly purge of expired sessions, the Moodle web-services completion sync (every 30 minutes, `MOODLE_SYNC_CRON`), the nightly passport consistency check, the nightly xAPI retention, the minute's sweep of the xAPI rule backlog, the daily passport reminders, the recompute of every unit after a concern requirement changed, bulk decisions of the approvals inbox, and the
 * concern-wide duplicate scans administrators ask for. In the embedded demo this runs inside the portal process; in production as
 * `pnpm --filter @leerplein/portal worker`, as many processes as needed (pg-boss hands each job to one).
 */
export async function startJobWorker(
	client: DatabaseClient,
	{ logger, clock, env = process.env }: { logger: Logger; clock: Clock; env?: Record<string, string | undefined> },
): Promise<PgBoss> {
	const delivery = mailDeliveryFromEnv(env)
	const boss = createJobQueue(client, {
		// Faster polling in tests; a few seconds of mail latency is fine in production.
		...(env.JOB_POLL_SECONDS ? { pollingIntervalSeconds: Number(env.JOB_POLL_SECONDS) } : {}),
		// Expired (crashed) jobs are retried after maintenance notices them.
		...(env.JOB_MAINTENANCE_SECONDS ? { maintenanceIntervalSeconds: Number(env.JOB_MAINTENANCE_SECONDS) } : {}),
	})
	boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
	await boss.start()
	await boss.work<MailJob>(MAIL_QUEUE, { batchSize: 1 }, async ([job]) => {
		if (!job) return
		const outcome = await sendNotification(
			{ db: client.db, logger, clock, requestId: job.id, clientIp: null },
			{ actor: { tenantId: job.data.tenantId, userId: null }, delivery, job: job.data },
		)
		logger.info({ jobId: job.id, kind: job.data.kind, messageKey: job.data.messageKey, outcome: outcome.ok ? outcome.value : outcome.code }, 'notification')
	})
	await boss.work(REMINDER_QUEUE, async ([job]) => {
		const reminders = await enqueueReminders({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(reminders.ok ? { count: reminders.value.queued } : { code: reminders.code }, 'reminders enqueued')
	})
	await boss.schedule(REMINDER_QUEUE, '0 * * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(EVALUATION_MAIL_QUEUE, async ([job]) => {
		const evaluations = await enqueueEvaluationMails({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(evaluations.ok ? { count: evaluations.value.queued } : { code: evaluations.code }, 'evaluation mails enqueued')
	})
	// Every ten minutes: an attended person is invited while the course is fresh.
	await boss.schedule(EVALUATION_MAIL_QUEUE, '*/10 * * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(SELF_CARD_RETURN_QUEUE, async ([job]) => {
		const cards = await enqueueSelfCardReturns({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(cards.ok ? { count: cards.value.queued } : { code: cards.code }, 'cards to self enqueued')
	})
	// Daily at 07:00, like the passport reminders: a card comes back on a day, in the morning.
	await boss.schedule(SELF_CARD_RETURN_QUEUE, '0 7 * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(PRACTICE_DIGEST_QUEUE, async ([job]) => {
		const digests = await enqueuePracticeDigests({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(digests.ok ? { count: digests.value.queued } : { code: digests.code }, 'practice digests enqueued')
	})
	// Hourly: each learner's digest goes at the hour they chose (08:00 by default), once a day (ADR 047).
	await boss.schedule(PRACTICE_DIGEST_QUEUE, '0 * * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(UNIT_REPORT_QUEUE, async ([job]) => {
		const reports = await enqueueUnitReportMails({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(reports.ok ? reports.value : { code: reports.code }, 'monthly unit reports enqueued')
	})
	// At 07:00 on the first of the month: last month's report at the start of a working day.
	await boss.schedule(UNIT_REPORT_QUEUE, '0 7 1 * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(MINIMUM_PARTICIPANTS_QUEUE, async ([job]) => {
		const notices = await enqueueMinimumNotices({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(notices.ok ? { count: notices.value.queued } : { code: notices.code }, 'minimum-participants notices enqueued')
	})
	// Every morning: a coordinator hears it at the start of a working day.
	await boss.schedule(MINIMUM_PARTICIPANTS_QUEUE, '0 7 * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(SESSION_PURGE_QUEUE, async ([job]) => {
		const purged = await purgeExpiredSessions({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(purged.ok ? { removed: purged.value.removed } : { code: purged.code }, 'expired sessions purged')
		// The same hourly housekeeping removes bulk decisions finished longer ago than their retention (ADR 038).
		const bulk = await purgeBulkJobs({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(bulk.ok ? { removed: bulk.value.removed } : { code: bulk.code }, 'finished bulk decisions purged')
	})
	await boss.schedule(SESSION_PURGE_QUEUE, '15 * * * *', {}, { tz: 'Europe/Amsterdam' })
	const secretsKey = secretsKeyFromEnv(env.SECRETS_KEY)
	await boss.work(MOODLE_SYNC_QUEUE, async ([job]) => {
		// The scheduled sync runs as no one, in the job's own service context.
		const ctx = { db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }
		const synced = await syncMoodleCompletions(ctx, { actor: null, secretsKey })
		// Per tool: the outcome and Moodle's error code, never the token.
		if (synced.ok) for (const report of synced.value) logger.info(report, 'moodle completion sync')
	})
	// Moodle's own grade sync runs every 30 minutes; the fallback keeps the same pace.
	await boss.schedule(MOODLE_SYNC_QUEUE, env.MOODLE_SYNC_CRON?.trim() || '*/30 * * * *', {}, { tz: 'Europe/Amsterdam' })
	// One scan at a time per worker (there is only ever one queued); it yields between slices, so mail keeps flowing.
	await boss.work<DuplicateScanJob>(DUPLICATE_SCAN_QUEUE, { batchSize: 1 }, async ([job]) => {
		if (!job) return
		const { scanId, tenantId, userId } = job.data
		const result = await runDuplicateScan({ db: client.db, logger, clock, requestId: job.id, clientIp: null }, { actor: { tenantId, userId }, scanId })
		logger.info({ jobId: job.id, scanId, ...(result.ok ? result.value : result) }, 'duplicate scan')
	})
	await boss.work(PASSPORT_CONSISTENCY_QUEUE, async ([job]) => {
		const checked = await checkPassportConsistency({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(checked.ok ? { drift: checked.value.drift, cells: checked.value.units.reduce((sum, unit) => sum + unit.cells, 0) } : { code: checked.code }, 'passport consistency')
	})
	// At night, after the day has turned in Amsterdam: dots due to turn orange or red today do.
	await boss.schedule(PASSPORT_CONSISTENCY_QUEUE, '30 2 * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(XAPI_RETENTION_QUEUE, async ([job]) => {
		const applied = await applyXapiRetention({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(applied.ok ? { statements: applied.value.statements, units: applied.value.units.filter((unit) => unit.statements > 0) } : { code: applied.code }, 'xapi retention applied')
	})
	// At night, after the passport check (the evidence stays, only its statements go).
	await boss.schedule(XAPI_RETENTION_QUEUE, '45 2 * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(XAPI_RULE_SWEEP_QUEUE, async ([job]) => {
		const swept = await sweepXapiRuleBacklogs({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		// Only when a portal left people behind: normally the backlog is weighed right after each batch.
		if (!swept.ok || swept.value > 0) logger.info(swept.ok ? { people: swept.value } : { code: swept.code }, 'xapi rule backlog swept')
	})
	await boss.schedule(XAPI_RULE_SWEEP_QUEUE, '* * * * *', {}, { tz: 'Europe/Amsterdam' })
	await boss.work(PASSPORT_REMINDER_QUEUE, async ([job]) => {
		const queued = await enqueuePassportReminders({ db: client.db, logger, clock, requestId: job?.id ?? null, clientIp: null }, { actor: null })
		logger.info(queued.ok ? queued.value : { code: queued.code }, 'passport reminders enqueued')
	})
	// Every morning, after the night's check has turned the day's dots: the people hear it at the start of a working day.
	await boss.schedule(PASSPORT_REMINDER_QUEUE, '0 7 * * *', {}, { tz: 'Europe/Amsterdam' })
	// A concern requirement added or deactivated: each unit's dots within seconds, in that unit's own context.
	await boss.work<PassportRequirementJob>(PASSPORT_REQUIREMENT_QUEUE, { batchSize: 1 }, async ([job]) => {
		if (!job) return
		const recomputed = await recomputeUnitForConcernRequirement({ db: client.db, logger, clock, requestId: job.id, clientIp: null }, job.data)
		logger.info({ jobId: job.id, ...job.data, ...(recomputed.ok ? recomputed.value : { code: recomputed.code }) }, 'passport requirement recompute')
	})
	// A bulk decision too large for a request, in its approver's own context (ADR 038); one batch at a time per worker.
	await boss.work<BulkDecisionJob>(BULK_DECISION_QUEUE, { batchSize: 1 }, async ([job]) => {
		if (!job) return
		const run = await runBulkDecision({ db: client.db, logger, clock, requestId: job.id, clientIp: null }, job.data)
		logger.info({ jobId: job.id, bulkJobId: job.data.jobId, ...(run.ok ? run.value : { code: run.code }) }, 'bulk decision')
	})
	// pg-boss gave up on a bulk decision (its dead letter): the batch ends as failed, its rows not reached named.
	await boss.work<BulkDecisionJob>(BULK_DECISION_FAILED_QUEUE, { batchSize: 1 }, async ([job]) => {
		if (!job) return
		const ended = await abandonBulkDecision({ db: client.db, logger, clock, requestId: job.id, clientIp: null }, job.data)
		logger.warn({ jobId: job.id, bulkJobId: job.data.jobId, ...(ended.ok ? ended.value : { code: ended.code }) }, 'bulk decision given up')
	})
	logger.info({ smtp: delivery.transport !== null }, 'job worker started')
	return boss
}
