import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'

/** Per table of the personal-data register, the person's rows as the database holds them (JSON). */
export type PersonalData = Record<string, Record<string, unknown>[]>

/**
 * Everything Leerplein holds about the person in the verified context (ADR 053): the database's
 * `privacy_export` walks the register past the row policies, for that person alone.
 */
export async function exportPersonalData(db: Database, { userId }: { userId: string }): Promise<PersonalData> {
	const [row] = await selectRows<{ data: PersonalData }>(db, sql`select privacy_export(${userId}::uuid) as data`)
	return row?.data ?? {}
}
