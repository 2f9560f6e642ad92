import { listAuditTrail, type AuditTrailCursor, type AuditTrailFilters, type AuditTrailRow } from '@leerplein/db/audit'
import { listTenants } from '@leerplein/db/tenants'
import { can, fieldChanges, type FieldChange } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'
import { inTenant, refuse, type Actor, type Failure, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { AUDIT_RESULTS, type TrailFilters } from './trail-filters.ts'

// The readable audit trail (issue 22, item 2; ADR 049): who did what, when, to what, with what
// result, and for an admin change the fields before and after. The concern administrator reads
// every unit's rows; a unit's coordinator their own unit's. audit_trail_page (migration 0063)
// decides the same again in the database.

export { TRAIL_EXPORT_CAP } from './trail-filters.ts'
export const TRAIL_PAGE_SIZE = 50

export type TrailRow = AuditTrailRow & { changes: FieldChange[] }

export type AuditTrail = {
	/** Whose rows: every unit's (the concern administrator) or the reader's own unit's. */
	scope: 'concern' | 'unit'
	rows: TrailRow[]
	/** The cursor of the next (older) page, or null when this is the last. */
	next: string | null
	/** The units to pick from (the concern's reader only). */
	units: { id: string; name: string }[]
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CURSOR = /^((\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}\.\d{6}Z)_(\d{1,15})$/
const MAX_TEXT = 200

/** A real calendar day, in years PostgreSQL and a person mean (year 0000 is none to PostgreSQL). */
const isDay = (value: string) =>
	DAY.test(value) && value >= '1900-01-01' && value <= '2999-12-31' && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)

/** The cursor as the URL carries it (`na`): the last row's time to the microsecond and its id. */
export const cursorOf = (row: Pick<AuditTrailRow, 'atKey' | 'id'>) => `${row.atKey}_${row.id}`

function parseCursor(value: string | null): ServiceResult<AuditTrailCursor | null> {
	if (value === null) return { ok: true, value: null }
	const match = CURSOR.exec(value)
	if (!match || !isDay(match[2]!) || Number.isNaN(Date.parse(match[1]!))) return refuse('invalid', 'AUDIT_CURSOR_INVALID')
	return { ok: true, value: { at: match[1]!, id: Number(match[3]) } }
}

/** The URL's filters as the query takes them; a day that is none, a period backwards, an unknown result or unit refused beside its field. */
export function checkTrailFilters(filters: TrailFilters): ServiceResult<AuditTrailFilters> {
	const invalid = (code: ErrorCode, field: keyof TrailFilters): Failure => refuse('invalid', code, { field })
	for (const field of ['wie', 'actie', 'objecttype', 'object'] as const) {
		if ((filters[field]?.length ?? 0) > MAX_TEXT) return invalid('AUDIT_FILTER_TOO_LONG', field)
	}
	if (filters.van !== null && !isDay(filters.van)) return invalid('AUDIT_DAY_INVALID', 'van')
	if (filters.tot !== null && !isDay(filters.tot)) return invalid('AUDIT_DAY_INVALID', 'tot')
	if (filters.van !== null && filters.tot !== null && filters.tot < filters.van) return invalid('AUDIT_TO_BEFORE_FROM', 'tot')
	if (filters.resultaat !== null && !(AUDIT_RESULTS as readonly string[]).includes(filters.resultaat)) return invalid('AUDIT_RESULT_UNKNOWN', 'resultaat')
	if (filters.onderdeel !== null && !UUID.test(filters.onderdeel)) return invalid('UNIT_UNKNOWN', 'onderdeel')
	return {
		ok: true,
		value: {
			tenantId: filters.onderdeel,
			who: filters.wie,
			action: filters.actie,
			from: filters.van,
			to: filters.tot,
			objectType: filters.objecttype,
			objectId: filters.object,
			result: filters.resultaat as AuditTrailFilters['result'],
		},
	}
}

/** Whose rows the actor reads: every unit's, their own unit's, or none (null). */
export function trailScopeOf(actor: Actor): 'concern' | 'unit' | null {
	if (can(actor, 'read', { kind: 'audit_trail', tenantId: null })) return 'concern'
	if (can(actor, 'read', { kind: 'audit_trail', tenantId: actor.tenantId })) return 'unit'
	return null
}

/**
 * One page of the trail for the filters, newest first, after the cursor `na`; each row with the
 * fields its change altered. With `limit` (the export) more rows in one go.
 */
export async function showAuditTrail(
	ctx: ServiceContext,
	{ actor, filters, after = null, limit = TRAIL_PAGE_SIZE }: { actor: Actor; filters: TrailFilters; after?: string | null; limit?: number },
): Promise<ServiceResult<AuditTrail>> {
	const scope = trailScopeOf(actor)
	if (scope === null) return refuse('forbidden', 'FORBIDDEN')
	const checked = checkTrailFilters(filters)
	if (!checked.ok) return checked
	const cursor = parseCursor(after)
	if (!cursor.ok) return cursor
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			// One row more than asked tells whether another page follows.
			const [rows, tenants] = await Promise.all([
				listAuditTrail(tx, { filters: checked.value, cursor: cursor.value, limit: limit + 1 }),
				scope === 'concern' ? listTenants(tx) : Promise.resolve([]),
			])
			const page = rows.slice(0, limit)
			const last = page.at(-1)
			return {
				scope,
				rows: page.map((row) => ({ ...row, changes: row.before === null && row.after === null ? [] : fieldChanges(row.before, row.after) })),
				next: rows.length > limit && last ? cursorOf(last) : null,
				units: tenants.map(({ id, name }) => ({ id, name })),
			}
		},
		{ readOnly: true },
	)
}
