import { count, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { tenants } from '../schema/tenants.ts'

/** Throws when the database does not answer. */
export async function pingDatabase(db: Database): Promise<void> {
	await db.execute(sql`select 1`)
}

/** A database without units has not been seeded yet. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
	const [row] = await db.select({ units: count() }).from(tenants)
	return (row?.units ?? 0) === 0
}

export type JobQueueFigures = { queue: string; state: 'created' | 'retry' | 'active'; jobs: number; oldestWaitingSeconds: number | null }

/**
 * Per pg-boss queue (every queue the migration installed, zero where empty) and state, the jobs
 * not yet finished, and for the waiting ones how long the oldest that could run now has waited
 * (its start_after passed): /metrics (ADR 049).
 */
export async function countJobQueues(db: Database): Promise<JobQueueFigures[]> {
	const rows = await selectRows<{ name: string; state: JobQueueFigures['state']; jobs: number; oldest: number | null }>(
		db,
		sql`select q.name, s.state, count(j.id)::int as jobs,
				extract(epoch from now() - min(j.start_after) filter (where j.start_after <= now()))::float8 as oldest
			from pgboss.queue q
			cross join (values ('created'), ('retry'), ('active')) as s(state)
			left join pgboss.job j on j.name = q.name and j.state::text = s.state
			group by q.name, s.state order by q.name, s.state`,
	)
	return rows.map((row) => ({ queue: row.name, state: row.state, jobs: Number(row.jobs), oldestWaitingSeconds: row.oldest === null ? null : Number(row.oldest) }))
}
