import type { TFunction } from 'i18next'
import type { FieldChange } from '@leerplein/domain'
import { formatMoment } from '../../utils/format.ts'
import type { TrailRow } from './show-audit-trail.server.ts'
import { actionLabel } from './strings.ts'

// The trail's rows in words, built once for the page and for the CSV and XLSX (ADR 049), so the
// two cannot differ.

export type ReadableChange = { field: string; before: string; after: string }

export type ReadableRow = {
	id: number
	when: string
	unit: string
	actor: string
	actorEmail: string
	action: string
	actionCode: string
	objectType: string
	objectId: string
	result: string
	resultCode: TrailRow['result']
	/** "3 keer, van … tot …" for a collapsed refusal, else empty. */
	occurrences: string
	count: number
	/** Whether `changes` compares two states (an update) or lists what a row recorded (a creation, a refusal's details). */
	compares: boolean
	changes: ReadableChange[]
	origin: string
	requestId: string
}

/** A JSON value as a person reads it: text as itself, the rest as JSON; nothing as the "(empty)" word. */
function valueText(value: unknown, none: string): string {
	if (value === undefined || value === null || value === '') return none
	return typeof value === 'string' ? value : JSON.stringify(value)
}

function readableChanges(changes: FieldChange[], none: string): ReadableChange[] {
	return changes.map(({ field, before, after }) => ({ field: field || '—', before: valueText(before, none), after: valueText(after, none) }))
}

const RESULT_KEYS = { success: 'auditTrail.resultSuccess', denied: 'auditTrail.resultDenied', failed: 'auditTrail.resultFailed' } as const

export function readableRows(rows: TrailRow[], t: TFunction, language: string): ReadableRow[] {
	const none = t('auditTrail.none')
	return rows.map((row) => ({
		id: row.id,
		when: formatMoment(row.at, language),
		unit: row.tenantName ?? t('auditTrail.concern'),
		actor: row.actorName ?? t('auditTrail.system'),
		actorEmail: row.actorEmail ?? '',
		action: actionLabel(row.action, language),
		actionCode: row.action,
		objectType: row.objectType,
		objectId: row.objectId ?? '',
		result: t(RESULT_KEYS[row.result]),
		resultCode: row.result,
		occurrences:
			row.occurrences > 1
				? t('auditTrail.occurrences', {
						count: row.occurrences,
						first: formatMoment(row.firstSeenAt ?? row.at, language),
						last: formatMoment(row.lastSeenAt ?? row.at, language),
					})
				: '',
		count: row.occurrences,
		compares: row.before !== null && row.after !== null,
		changes: readableChanges(row.changes, none),
		origin: row.origin ?? '',
		requestId: row.requestId ?? '',
	}))
}

/** The rows as cells for a spreadsheet: one line each, the changes as "field: before → after" lines in one cell. */
export function trailTable(rows: ReadableRow[], t: TFunction): { header: string[]; rows: string[][] } {
	return {
		header: [
			t('auditTrail.columnWhen'),
			t('auditTrail.columnUnit'),
			t('auditTrail.columnActor'),
			t('auditTrail.columnEmail'),
			t('auditTrail.columnAction'),
			t('auditTrail.columnActionCode'),
			t('auditTrail.columnObjectType'),
			t('auditTrail.columnObjectId'),
			t('auditTrail.columnResult'),
			t('auditTrail.columnOccurrences'),
			t('auditTrail.columnChanges'),
		],
		rows: rows.map((row) => [
			row.when,
			row.unit,
			row.actor,
			row.actorEmail,
			row.action,
			row.actionCode,
			row.objectType,
			row.objectId,
			row.result,
			String(row.count),
			row.changes.map((change) => `${change.field}: ${change.before} → ${change.after}`).join('\n'),
		]),
	}
}
