import type { CalendarDate } from './calendar.ts'

// Importing evidence from another system (issue 15, item 3: "a CSV import for migrating
// history"): what one row must say, and when it is refused. Reading the file and finding the
// people and competencies is the service's; this is the rule for one row's values.

/** At most this many rows per import: a unit's history in batches, each checked and shown before it is stored. */
export const IMPORT_MAX_ROWS = 5_000

/** The earliest day a certificate in an import may date from. */
export const IMPORT_EARLIEST_DAY: CalendarDate = '1970-01-01'

export type ImportRowCode = 'PERSON_MISSING' | 'COMPETENCY_MISSING' | 'DATE_INVALID' | 'DATE_IN_FUTURE' | 'DATE_TOO_OLD'

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/
// The Dutch way of writing a day: 7-3-2024, 07-03-2024, 7/3/2024 or 7.3.2024 (day first).
const DUTCH = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/

/** A day as written in a spreadsheet (ISO or Dutch, day first) as a calendar day, or null when it is no real day. */
export function parseImportDate(text: string): CalendarDate | null {
	const trimmed = text.trim()
	const iso = ISO.exec(trimmed)
	const dutch = DUTCH.exec(trimmed)
	const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : []
	if (!year || !month || !day) return null
	const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
	// A day that does not exist (31 February) comes back from Date as another day.
	const parsed = new Date(`${date}T00:00:00Z`)
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null
}

/** One row's values checked: who (an employee number or e-mail), which competency, and the day it was obtained. */
export function checkImportRow(
	row: { person: string; competency: string; date: string },
	{ today }: { today: CalendarDate },
): { ok: true; occurredOn: CalendarDate } | { ok: false; code: ImportRowCode } {
	if (row.person.trim() === '') return { ok: false, code: 'PERSON_MISSING' }
	if (row.competency.trim() === '') return { ok: false, code: 'COMPETENCY_MISSING' }
	const occurredOn = parseImportDate(row.date)
	if (!occurredOn) return { ok: false, code: 'DATE_INVALID' }
	if (occurredOn > today) return { ok: false, code: 'DATE_IN_FUTURE' }
	if (occurredOn < IMPORT_EARLIEST_DAY) return { ok: false, code: 'DATE_TOO_OLD' }
	return { ok: true, occurredOn }
}

export type ImportLevelCode = 'LEVEL_UNKNOWN' | 'LEVEL_WITHOUT_LEVELS'

/**
 * A row's level, from the optional column niveau, against its competency's level names (lowest
 * first): empty is no level (it counts as the lowest); a number ("2"), a name ("Gevorderd", any
 * case) or both as the passport writes it ("2 Gevorderd") names one. A level the competency does
 * not have is unknown; any level for a competency without levels is refused as such.
 */
export function checkImportLevel(text: string, levels: readonly string[]): { ok: true; level: number | null } | { ok: false; code: ImportLevelCode } {
	const trimmed = text.trim().replace(/\s+/g, ' ')
	if (trimmed === '') return { ok: true, level: null }
	if (levels.length === 0) return { ok: false, code: 'LEVEL_WITHOUT_LEVELS' }
	const lowered = trimmed.toLowerCase()
	const index = levels.findIndex((name, k) => [String(k + 1), name.trim().toLowerCase(), `${k + 1} ${name.trim().toLowerCase()}`].includes(lowered))
	return index < 0 ? { ok: false, code: 'LEVEL_UNKNOWN' } : { ok: true, level: index + 1 }
}
