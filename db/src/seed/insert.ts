import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core'
import type { Database } from '../client.ts'

/** PostgreSQL allows 65,535 bind parameters per statement; stay well below it. */
const MAX_PARAMETERS = 60_000
const MAX_ROWS = 1_000

/** Rows per multi-row insert for a table with this many columns. */
export function batchSizeFor(columns: number): number {
	return Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns))
}

/**
 * Inserts rows in multi-row statements and reports after each one. Takes batches (an
 * array of rows, or a generator of batches for tables too large to hold in memory).
 */
export async function insertBatches<T extends PgTable>(
	db: Database,
	table: T,
	batches: Iterable<PgInsertValue<T>[]>,
	report: (inserted: number) => void,
): Promise<number> {
	let inserted = 0
	for (const rows of batches) {
		if (rows.length === 0) continue
		await db.insert(table).values(rows)
		inserted += rows.length
		report(inserted)
	}
	return inserted
}

/** Splits an array into batches, mapping each row only when its batch is written. */
export function* chunked<S, R>(items: readonly S[], size: number, map: (item: S, index: number) => R): Generator<R[]> {
	for (let start = 0; start < items.length; start += size) {
		yield items.slice(start, start + size).map((item, k) => map(item, start + k))
	}
}
