// @leerplein/db/jobs — the job queue (pg-boss): queues, mail jobs, duplicate-scan jobs, and the outbox of mails kept in demo mode.
export {
	BULK_DECISION_FAILED_QUEUE,
	BULK_DECISION_QUEUE,
	clientExecutor,
	createJobQueue,
	drizzleExecutor,
	DUPLICATE_SCAN_QUEUE,
	enqueueBulkDecision,
	EVALUATION_MAIL_QUEUE,
	SELF_CARD_RETURN_QUEUE,
	PRACTICE_DIGEST_QUEUE,
	UNIT_REPORT_QUEUE,
	enqueueDuplicateScan,
	enqueueMail,
	enqueueMailOnce,
	enqueuePassportRequirementRecompute,
	installJobQueue,
	JOB_SCHEMA,
	MAIL_QUEUE,
	MINIMUM_PARTICIPANTS_QUEUE,
	MOODLE_SYNC_QUEUE,
	PASSPORT_CONSISTENCY_QUEUE,
	PASSPORT_REMINDER_QUEUE,
	PASSPORT_REQUIREMENT_QUEUE,
	REMINDER_QUEUE,
	SESSION_PURGE_QUEUE,
	XAPI_RETENTION_QUEUE,
	XAPI_RULE_SWEEP_QUEUE,
} from '../jobs/queue.ts'
export type { BulkDecisionJob, CertificateSubmittedJob, DuplicateScanJob, EnrolmentMailJob, EvaluationMailJob, MailJob, MailKind, ParticipantMessageJob, PassportReminderJob, PassportRequirementJob, PracticeDigestJob, SelfCardReturnJob, SessionNoticeJob, UnitReportJob } from '../jobs/queue.ts'
export { claimOutboxMail, listOutbox, markOutboxMailSent } from '../queries/outbox.ts'
export type { OutboxMail } from '../queries/outbox.ts'
