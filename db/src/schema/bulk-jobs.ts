import { sql } from 'drizzle-orm'
import { check, index, integer, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { users } from './people.ts'
import { appTenantId, appUserId } from './tenancy.ts'
import { tenants } from './tenants.ts'

// Bulk work as a background job (ADR 038): a batch above a few dozen rows is queued here by the
// request and worked through by the job worker in the initiator's own tenant context, row by row.

export type BulkJobKind = 'approve' | 'decline'
export type BulkJobStatus = 'queued' | 'running' | 'done' | 'failed'

/**
 * Only the person who started a batch sees it, in their own unit: a manager's batch of their
 * team is not the coordinators' business, and the reason typed for declining stays with its writer.
 * The worker runs in that person's context, so it passes the same policy.
 */
function initiatorOnly(name: string) {
	const initiator = sql`tenant_id = ${appTenantId} and requested_by = ${appUserId}`
	return pgPolicy(name, { for: 'all', using: initiator, withCheck: initiator })
}

/** One batch: what was asked (the decision and its reason), by whom, and how far it got. */
export const bulkJobs = pgTable(
	'bulk_jobs',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		requestedBy: uuid()
			.notNull()
			.references(() => users.id),
		kind: text().$type<BulkJobKind>().notNull(),
		/** The reason for declining, which the employees read in their mail. */
		reason: text(),
		status: text().$type<BulkJobStatus>().notNull().default('queued'),
		total: integer().notNull(),
		requestedAt: createdAt(),
		startedAt: timestamp({ withTimezone: true }),
		finishedAt: timestamp({ withTimezone: true }),
	},
	(t) => [
		check('bulk_jobs_kind', sql`${t.kind} in ('approve', 'decline')`),
		check('bulk_jobs_status', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
		// Retention: the hourly purge removes batches finished more than 30 days ago.
		index().on(t.finishedAt),
		// The inbox lists the asker's latest batches (the policy's columns, then the newest first).
		index().on(t.tenantId, t.requestedBy, t.requestedAt.desc()),
		initiatorOnly('bulk_jobs_initiator'),
	],
)

/**
 * One row of a batch and its outcome. The outcome is written in the same transaction as the
 * row's own change, so a retried job skips what an earlier attempt did (never approved twice,
 * never mailed twice); a refused row records its code in a transaction of its own.
 */
export const bulkJobRows = pgTable(
	'bulk_job_rows',
	{
		jobId: uuid()
			.notNull()
			.references(() => bulkJobs.id, { onDelete: 'cascade' }),
		/** The order the rows are worked in (the preview's order). */
		position: integer().notNull(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		requestedBy: uuid()
			.notNull()
			.references(() => users.id),
		/** No foreign key: a forged id is kept, and reported as not found. */
		enrolmentId: uuid().notNull(),
		/** Name and course as the inbox showed them when the batch was queued; null for an id not in the inbox. */
		employeeName: text(),
		courseTitle: text(),
		/** null while pending; 'ok' with the new status, or 'failed' with the error code. */
		result: text().$type<'ok' | 'failed'>(),
		outcome: text(),
		doneAt: timestamp({ withTimezone: true }),
	},
	(t) => [
		primaryKey({ columns: [t.jobId, t.position] }),
		check('bulk_job_rows_result', sql`${t.result} in ('ok', 'failed')`),
		initiatorOnly('bulk_job_rows_initiator'),
	],
)
