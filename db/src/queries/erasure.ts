import { and, eq, ne, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { erasureRequests } from '../schema/privacy.ts'

// Erasure requests (issue 22, item 1; ADR 054). The officer's reads and the erasure itself go
// through definer functions of migration 0069, which check the privacy officer role themselves.

export type ErasureLine = { table: string; column: string; erasure: 'delete' | 'anonymise' | 'keep'; reason: string; rows: number }
export type ErasureCounts = Record<string, { erasure: string; rows: number }>

export type ErasureRequestRow = {
	id: string
	personId: string
	personName: string
	employeeNumber: string
	unitName: string
	status: 'requested' | 'declined' | 'erased'
	requestedBy: string
	requestedByName: string
	requestedAt: Date
	decidedByName: string | null
	decidedAt: Date | null
	declineReason: string | null
	counts: ErasureCounts | null
}

/** Records a request to erase the person; asking again while one is open gives that one (null: it exists). */
export async function insertErasureRequest(
	db: Database,
	{ tenantId, personId, requestedBy, now }: { tenantId: string; personId: string; requestedBy: string; now: Date },
): Promise<string | null> {
	const [row] = await db
		.insert(erasureRequests)
		.values({ tenantId, personId, requestedBy, requestedAt: now })
		.onConflictDoNothing({ target: erasureRequests.personId, where: sql`status = 'requested'` })
		.returning({ id: erasureRequests.id })
	return row?.id ?? null
}

/** The person's own open request, if any (they read their own rows). */
export async function getOwnOpenErasureRequest(db: Database, { personId }: { personId: string }): Promise<{ id: string; requestedAt: Date } | null> {
	const [row] = await db
		.select({ id: erasureRequests.id, requestedAt: erasureRequests.requestedAt })
		.from(erasureRequests)
		.where(and(eq(erasureRequests.personId, personId), eq(erasureRequests.status, 'requested')))
	return row ?? null
}

type RawRequest = {
	id: string
	person_id: string
	person_name: string
	employee_number: string
	unit_name: string
	status: ErasureRequestRow['status']
	requested_by: string
	requested_by_name: string
	requested_at: Date | string
	decided_by_name: string | null
	decided_at: Date | string | null
	decline_reason: string | null
	counts: ErasureCounts | null
}

const toRequest = (row: RawRequest): ErasureRequestRow => ({
	id: row.id,
	personId: row.person_id,
	personName: row.person_name,
	employeeNumber: row.employee_number,
	unitName: row.unit_name,
	status: row.status,
	requestedBy: row.requested_by,
	requestedByName: row.requested_by_name,
	requestedAt: new Date(row.requested_at),
	decidedByName: row.decided_by_name,
	decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
	declineReason: row.decline_reason,
	counts: row.counts,
})

/** The privacy officer's queue (open first), or one request; for the privacy officer only. */
export async function listErasureRequests(db: Database, { requestId = null }: { requestId?: string | null } = {}): Promise<ErasureRequestRow[]> {
	const rows = await selectRows<RawRequest>(db, sql`select * from privacy_erasure_requests(${requestId}::uuid)`)
	return rows.map(toRequest)
}

/** Per register line, what erasing the person would do (null: no such person); for the privacy officer only. */
export async function previewErasure(db: Database, { personId }: { personId: string }): Promise<ErasureLine[] | null> {
	const [row] = await selectRows<{ lines: ErasureLine[] | null }>(db, sql`select privacy_erasure_preview(${personId}::uuid) as lines`)
	return row?.lines ?? null
}

/**
 * Erases the person of an open request, approved by the officer of the context (not the one who
 * asked); null when the request is not open (any more: decided by another officer meanwhile).
 */
export async function eraseByRequest(db: Database, { requestId, now }: { requestId: string; now: Date }): Promise<ErasureCounts | null> {
	const [row] = await selectRows<{ counts: ErasureCounts | null }>(db, sql`select privacy_erase(${requestId}::uuid, ${now.toISOString()}::timestamptz) as counts`)
	return row?.counts ?? null
}

/** Declines an open request with a reason; false when it is not open or the officer asked it themselves. */
export async function declineErasureRequest(
	db: Database,
	{ requestId, decidedBy, reason, now }: { requestId: string; decidedBy: string; reason: string; now: Date },
): Promise<boolean> {
	const rows = await db
		.update(erasureRequests)
		.set({ status: 'declined', decidedBy, decidedAt: now, declineReason: reason })
		.where(and(eq(erasureRequests.id, requestId), eq(erasureRequests.status, 'requested'), ne(erasureRequests.requestedBy, decidedBy)))
		.returning({ id: erasureRequests.id })
	return rows.length === 1
}

/** A person of the unit by employee number, for a request on their behalf; for the privacy officer only. */
export async function findPersonByEmployeeNumber(db: Database, { tenantId, employeeNumber }: { tenantId: string; employeeNumber: string }): Promise<string | null> {
	const [row] = await selectRows<{ id: string | null }>(db, sql`select privacy_find_person(${tenantId}::uuid, ${employeeNumber}) as id`)
	return row?.id ?? null
}
