import type { CalendarMonth, TeamMonthValue } from './difference-in-differences.ts'

// An intervention and its measure (issue 18, item 3; ADR 044), the rules around the calculation
// of ADR 040: the period and its windows, reading a measure from a CSV file (every row checked,
// each fault named with its line), and the monthly series of each group for the chart. Pure.

/** The most months a window before or after the intervention may span. */
export const INTERVENTION_MAX_WINDOW = 24
/** The most rows one measure file may hold: 200 teams for three years. */
export const MEASURE_MAX_ROWS = 7_200

export type InterventionPeriod = { firstMonth: CalendarMonth; lastMonth: CalendarMonth; monthsBefore: number; monthsAfter: number }

export type InterventionPeriodCode = 'INTERVENTION_MONTH_INVALID' | 'INTERVENTION_PERIOD_INVALID' | 'INTERVENTION_WINDOW_INVALID'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** `month` moved by `by` months: `addMonthsTo('2026-11', 3)` is `2027-02`. */
export function addMonthsTo(month: CalendarMonth, by: number): CalendarMonth {
	const [year, number] = month.split('-').map(Number) as [number, number]
	const index = year * 12 + (number - 1) + by
	return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Every month from `from` to `to`, both included (none when `to` is before `from`). */
export function monthsFromTo(from: CalendarMonth, to: CalendarMonth): CalendarMonth[] {
	const months: CalendarMonth[] = []
	for (let month = from; month <= to; month = addMonthsTo(month, 1)) months.push(month)
	return months
}

/** The period checked: real months, the last not before the first, each window 1–24 whole months; which field is wrong. */
export function checkInterventionPeriod(
	period: InterventionPeriod,
): { ok: true } | { ok: false; code: InterventionPeriodCode; field: 'firstMonth' | 'lastMonth' | 'monthsBefore' | 'monthsAfter' } {
	if (!MONTH.test(period.firstMonth)) return { ok: false, code: 'INTERVENTION_MONTH_INVALID', field: 'firstMonth' }
	if (!MONTH.test(period.lastMonth)) return { ok: false, code: 'INTERVENTION_MONTH_INVALID', field: 'lastMonth' }
	if (period.lastMonth < period.firstMonth) return { ok: false, code: 'INTERVENTION_PERIOD_INVALID', field: 'lastMonth' }
	for (const field of ['monthsBefore', 'monthsAfter'] as const) {
		const months = period[field]
		if (!Number.isInteger(months) || months < 1 || months > INTERVENTION_MAX_WINDOW) return { ok: false, code: 'INTERVENTION_WINDOW_INVALID', field }
	}
	return { ok: true }
}

/** The months the comparison reads: the window before, the intervention itself and the window after. */
export function interventionWindow(period: InterventionPeriod): { fromMonth: CalendarMonth; toMonth: CalendarMonth } {
	return { fromMonth: addMonthsTo(period.firstMonth, -period.monthsBefore), toMonth: addMonthsTo(period.lastMonth, period.monthsAfter) }
}

/** Where a month lies: in the window before, during the intervention, after, or outside the windows. */
export function monthPhase(period: InterventionPeriod, month: CalendarMonth): 'before' | 'during' | 'after' | 'outside' {
	const { fromMonth, toMonth } = interventionWindow(period)
	if (month < fromMonth || month > toMonth) return 'outside'
	if (month < period.firstMonth) return 'before'
	return month > period.lastMonth ? 'after' : 'during'
}

export type MeasureRowCode =
	| 'MEASURE_ROW_COLUMNS'
	| 'MEASURE_ROW_TEAM_MISSING'
	| 'MEASURE_ROW_TEAM_UNKNOWN'
	| 'MEASURE_ROW_MONTH_INVALID'
	| 'MEASURE_ROW_VALUE_INVALID'
	| 'MEASURE_ROW_DUPLICATE'

/** A fault of one line of the file (1 is the header), with the text as it was there. */
export type MeasureRowError = { line: number; code: MeasureRowCode; text: string }

export type MeasureFileCode = 'MEASURE_FILE_EMPTY' | 'MEASURE_FILE_HEADER' | 'MEASURE_FILE_TOO_LONG' | 'MEASURE_FILE_ROWS'

export type MeasureFileResult =
	| { ok: true; values: TeamMonthValue[] }
	| { ok: false; code: Exclude<MeasureFileCode, 'MEASURE_FILE_ROWS'> }
	| { ok: false; code: 'MEASURE_FILE_ROWS'; errors: MeasureRowError[] }

const HEADERS = { team: ['team', 'teamleider', 'manager'], month: ['maand', 'month'], value: ['waarde', 'value'] } as const

/** A CSV line split into fields: comma or semicolon (as a Dutch spreadsheet writes), double quotes around a field, "" inside one. */
export function splitCsvLine(line: string, separator: ',' | ';'): string[] {
	const fields: string[] = []
	let field = ''
	let quoted = false
	for (let i = 0; i < line.length; i++) {
		const c = line[i]!
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				field += '"'
				i++
			} else if (c === '"') quoted = false
			else field += c
		} else if (c === '"' && field.trim() === '') {
			quoted = true
			field = ''
		} else if (c === separator) {
			fields.push(field.trim())
			field = ''
		} else field += c
	}
	fields.push(field.trim())
	return fields
}

/** A month as written in a spreadsheet: `2026-03`, `2026-3`, `03-2026`, `3/2026`; null when it is no month. */
export function parseMeasureMonth(text: string): CalendarMonth | null {
	const t = text.trim()
	const iso = /^(\d{4})[-/](\d{1,2})$/.exec(t)
	const dutch = /^(\d{1,2})[-/](\d{4})$/.exec(t)
	const [year, month] = iso ? [iso[1], iso[2]] : dutch ? [dutch[2], dutch[1]] : []
	if (!year || !month) return null
	const value = `${year}-${month.padStart(2, '0')}`
	return MONTH.test(value) ? value : null
}

/** A value as written: `12`, `-3` (or `'-3`, as our own exports write it), `4.5`, and with a semicolon file also `4,5`; null when it is no finite number. */
export function parseMeasureValue(text: string, separator: ',' | ';'): number | null {
	// A leading apostrophe is how Leerplein's own CSV files keep a negative number from being read as a formula.
	const trimmed = text.trim().replace(/^'(?=-)/, '')
	const t = separator === ';' ? trimmed.replace(',', '.') : trimmed
	if (!/^-?\d+(\.\d+)?$/.test(t)) return null
	const value = Number(t)
	return Number.isFinite(value) ? value : null
}

/**
 * A measure file read whole: a header naming the columns team, maand and waarde (in any order; the
 * English team, month, value too), then one row per team per month. A team is named as the caller
 * knows it (`teams`: the manager's employee number → the team id). Every faulty row is reported
 * with its line number and reason, and then no value is returned: a file is taken whole or not at
 * all. Blank lines are skipped.
 */
export function readMeasureCsv(text: string, { teams }: { teams: ReadonlyMap<string, string> }): MeasureFileResult {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
	const headerIndex = lines.findIndex((line) => line.trim() !== '')
	if (headerIndex < 0) return { ok: false, code: 'MEASURE_FILE_EMPTY' }
	const header = lines[headerIndex]!
	const separator = header.includes(';') ? ';' : ','
	const names = splitCsvLine(header, separator).map((name) => name.toLowerCase())
	const column = (key: keyof typeof HEADERS) => names.findIndex((name) => (HEADERS[key] as readonly string[]).includes(name))
	const at = { team: column('team'), month: column('month'), value: column('value') }
	if (at.team < 0 || at.month < 0 || at.value < 0) return { ok: false, code: 'MEASURE_FILE_HEADER' }
	const rows = lines.slice(headerIndex + 1).map((line, k) => ({ line: headerIndex + 2 + k, text: line })).filter((row) => row.text.trim() !== '')
	if (rows.length === 0) return { ok: false, code: 'MEASURE_FILE_EMPTY' }
	if (rows.length > MEASURE_MAX_ROWS) return { ok: false, code: 'MEASURE_FILE_TOO_LONG' }

	const errors: MeasureRowError[] = []
	const values: TeamMonthValue[] = []
	const seen = new Map<string, number>()
	for (const row of rows) {
		const fields = splitCsvLine(row.text, separator)
		const fail = (code: MeasureRowCode) => errors.push({ line: row.line, code, text: row.text.trim() })
		if (fields.length !== names.length) {
			fail('MEASURE_ROW_COLUMNS')
			continue
		}
		const team = fields[at.team]!
		if (team === '') {
			fail('MEASURE_ROW_TEAM_MISSING')
			continue
		}
		const teamId = teams.get(team)
		if (!teamId) {
			fail('MEASURE_ROW_TEAM_UNKNOWN')
			continue
		}
		const month = parseMeasureMonth(fields[at.month]!)
		if (!month) {
			fail('MEASURE_ROW_MONTH_INVALID')
			continue
		}
		const value = parseMeasureValue(fields[at.value]!, separator)
		if (value === null) {
			fail('MEASURE_ROW_VALUE_INVALID')
			continue
		}
		const key = `${teamId}|${month}`
		if (seen.has(key)) {
			fail('MEASURE_ROW_DUPLICATE')
			continue
		}
		seen.set(key, row.line)
		values.push({ teamId, month, value })
	}
	return errors.length > 0 ? { ok: false, code: 'MEASURE_FILE_ROWS', errors } : { ok: true, values }
}

/** One month of the chart: each group's mean over its teams with a value that month, and how many teams that is. */
export type GroupMonth = {
	month: CalendarMonth
	phase: 'before' | 'during' | 'after'
	trained: { mean: number | null; teams: number }
	comparison: { mean: number | null; teams: number }
}

/** The series the chart draws: every month of the windows, trained and comparison teams' means (null where no team reported). */
export function groupSeries(values: readonly TeamMonthValue[], trainedTeamIds: Iterable<string>, period: InterventionPeriod): GroupMonth[] {
	const trained = new Set(trainedTeamIds)
	const { fromMonth, toMonth } = interventionWindow(period)
	const sums = new Map<string, { sum: number; teams: number }>()
	for (const value of values) {
		const key = `${trained.has(value.teamId) ? 'trained' : 'comparison'}|${value.month}`
		const entry = sums.get(key) ?? { sum: 0, teams: 0 }
		entry.sum += value.value
		entry.teams += 1
		sums.set(key, entry)
	}
	const of = (group: 'trained' | 'comparison', month: CalendarMonth) => {
		const entry = sums.get(`${group}|${month}`)
		return entry ? { mean: entry.sum / entry.teams, teams: entry.teams } : { mean: null, teams: 0 }
	}
	return monthsFromTo(fromMonth, toMonth).map((month) => ({
		month,
		phase: monthPhase(period, month) as GroupMonth['phase'],
		trained: of('trained', month),
		comparison: of('comparison', month),
	}))
}

/** The values the calculation reads: those inside the windows (and the intervention's own months, which it leaves out itself). */
export function valuesInWindow(values: readonly TeamMonthValue[], period: InterventionPeriod): TeamMonthValue[] {
	return values.filter((value) => monthPhase(period, value.month) !== 'outside')
}
