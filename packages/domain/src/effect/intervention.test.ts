import { describe, expect, test } from 'vitest'
import { differenceInDifferences } from './difference-in-differences.ts'
import {
	addMonthsTo,
	checkInterventionPeriod,
	groupSeries,
	interventionWindow,
	monthPhase,
	monthsFromTo,
	parseMeasureMonth,
	parseMeasureValue,
	readMeasureCsv,
	splitCsvLine,
	valuesInWindow,
	type InterventionPeriod,
} from './intervention.ts'

const PERIOD: InterventionPeriod = { firstMonth: '2026-03', lastMonth: '2026-04', monthsBefore: 2, monthsAfter: 2 }
const TEAMS = new Map([
	['M001', 'team-a'],
	['M002', 'team-b'],
	['M003', 'team-x'],
])

describe('months', () => {
	test.each([
		['2026-11', 3, '2027-02'],
		['2026-01', -1, '2025-12'],
		['2026-03', -14, '2025-01'],
		['2026-12', 0, '2026-12'],
	])('%s moved by %i is %s', (month, by, expected) => expect(addMonthsTo(month, by)).toBe(expected))

	test('from and to, both included; none when backwards', () => {
		expect(monthsFromTo('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
		expect(monthsFromTo('2026-02', '2026-01')).toEqual([])
	})

	test('the window and each month’s phase', () => {
		expect(interventionWindow(PERIOD)).toEqual({ fromMonth: '2026-01', toMonth: '2026-06' })
		expect(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].map((m) => monthPhase(PERIOD, m))).toEqual([
			'outside',
			'before',
			'before',
			'during',
			'during',
			'after',
			'after',
			'outside',
		])
	})
})

describe('checkInterventionPeriod', () => {
	test.each([
		[{}, { ok: true }],
		[{ firstMonth: '2026-13' }, { ok: false, code: 'INTERVENTION_MONTH_INVALID', field: 'firstMonth' }],
		[{ lastMonth: 'maart' }, { ok: false, code: 'INTERVENTION_MONTH_INVALID', field: 'lastMonth' }],
		[{ lastMonth: '2026-02' }, { ok: false, code: 'INTERVENTION_PERIOD_INVALID', field: 'lastMonth' }],
		[{ lastMonth: '2026-03' }, { ok: true }],
		[{ monthsBefore: 0 }, { ok: false, code: 'INTERVENTION_WINDOW_INVALID', field: 'monthsBefore' }],
		[{ monthsAfter: 25 }, { ok: false, code: 'INTERVENTION_WINDOW_INVALID', field: 'monthsAfter' }],
		[{ monthsAfter: 1.5 }, { ok: false, code: 'INTERVENTION_WINDOW_INVALID', field: 'monthsAfter' }],
		[{ monthsBefore: 24, monthsAfter: 1 }, { ok: true }],
	])('%j → %j', (change, expected) => expect(checkInterventionPeriod({ ...PERIOD, ...change })).toEqual(expected))
})

describe('reading a value and a month as a spreadsheet writes them', () => {
	test.each([
		['2026-03', '2026-03'],
		['2026-3', '2026-03'],
		['03-2026', '2026-03'],
		['3/2026', '2026-03'],
		[' 2026-12 ', '2026-12'],
		['2026-13', null],
		['13-2026', null],
		['2026-03-01', null],
		['maart 2026', null],
		['', null],
	])('month %j → %j', (text, expected) => expect(parseMeasureMonth(text)).toBe(expected))

	test.each([
		['12', ',', 12],
		['-3', ',', -3],
		["'-3", ';', -3],
		["'3", ';', null],
		['4.5', ',', 4.5],
		['4,5', ';', 4.5],
		['4,5', ',', null],
		['1e3', ',', null],
		['', ',', null],
		['twaalf', ',', null],
		['12 fouten', ',', null],
	])('value %j (separator %s) → %j', (text, separator, expected) => expect(parseMeasureValue(text, separator as ',' | ';')).toBe(expected))

	test.each([
		['a,b,c', ',', ['a', 'b', 'c']],
		['"M001","2026-03","4"', ',', ['M001', '2026-03', '4']],
		['"Team ""A"", Utrecht",2026-03,4', ',', ['Team "A", Utrecht', '2026-03', '4']],
		['M001;2026-03;4,5', ';', ['M001', '2026-03', '4,5']],
		[' M001 , 2026-03 ,', ',', ['M001', '2026-03', '']],
	])('line %j → %j', (line, separator, expected) => expect(splitCsvLine(line, separator as ',' | ';')).toEqual(expected))
})

describe('readMeasureCsv', () => {
	test('reads every row, in any column order, semicolons and a byte-order mark too', () => {
		expect(readMeasureCsv('team,maand,waarde\nM001,2026-01,10\nM002,2026-01,8\n\nM001,2026-05,6\n', { teams: TEAMS })).toEqual({
			ok: true,
			values: [
				{ teamId: 'team-a', month: '2026-01', value: 10 },
				{ teamId: 'team-b', month: '2026-01', value: 8 },
				{ teamId: 'team-a', month: '2026-05', value: 6 },
			],
		})
		expect(readMeasureCsv('\uFEFFWaarde;Maand;Team\r\n4,5;03-2026;M003\r\n', { teams: TEAMS })).toEqual({
			ok: true,
			values: [{ teamId: 'team-x', month: '2026-03', value: 4.5 }],
		})
	})

	test.each([
		['', 'MEASURE_FILE_EMPTY'],
		['\n\n', 'MEASURE_FILE_EMPTY'],
		['team,maand,waarde\n', 'MEASURE_FILE_EMPTY'],
		['team,month\nM001,2026-01', 'MEASURE_FILE_HEADER'],
		['M001,2026-01,10\nM002,2026-01,8', 'MEASURE_FILE_HEADER'],
	])('the file %j is refused as a whole: %s', (text, code) => expect(readMeasureCsv(text, { teams: TEAMS })).toEqual({ ok: false, code }))

	test('a file of more than 7,200 rows is refused', () => {
		const rows = Array.from({ length: 7_201 }, () => 'M001,2026-01,1').join('\n')
		expect(readMeasureCsv(`team,maand,waarde\n${rows}`, { teams: TEAMS })).toEqual({ ok: false, code: 'MEASURE_FILE_TOO_LONG' })
	})

	test('every faulty row is named with its line and reason, and then nothing is read', () => {
		const file = [
			'team,maand,waarde',
			'M001,2026-01,10',
			'M001,2026-01,11',
			',2026-01,3',
			'M999,2026-01,3',
			'M002,januari,3',
			'M002,2026-02,drie',
			'M002,2026-02',
			'',
			'M003,2026-02,-1.25',
		].join('\n')
		expect(readMeasureCsv(file, { teams: TEAMS })).toEqual({
			ok: false,
			code: 'MEASURE_FILE_ROWS',
			errors: [
				{ line: 3, code: 'MEASURE_ROW_DUPLICATE', text: 'M001,2026-01,11' },
				{ line: 4, code: 'MEASURE_ROW_TEAM_MISSING', text: ',2026-01,3' },
				{ line: 5, code: 'MEASURE_ROW_TEAM_UNKNOWN', text: 'M999,2026-01,3' },
				{ line: 6, code: 'MEASURE_ROW_MONTH_INVALID', text: 'M002,januari,3' },
				{ line: 7, code: 'MEASURE_ROW_VALUE_INVALID', text: 'M002,2026-02,drie' },
				{ line: 8, code: 'MEASURE_ROW_COLUMNS', text: 'M002,2026-02' },
			],
		})
	})
})

describe('groupSeries and valuesInWindow', () => {
	const values = [
		{ teamId: 'team-a', month: '2026-01', value: 10 },
		{ teamId: 'team-b', month: '2026-01', value: 6 },
		{ teamId: 'team-x', month: '2026-01', value: 9 },
		{ teamId: 'team-a', month: '2026-05', value: 4 },
		{ teamId: 'team-x', month: '2026-05', value: 9 },
		{ teamId: 'team-a', month: '2025-06', value: 100 },
	]

	test('each month of the windows, each group’s mean over the teams that reported, null where none did', () => {
		const series = groupSeries(values, ['team-a', 'team-b'], PERIOD)
		expect(series.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'])
		expect(series[0]).toEqual({ month: '2026-01', phase: 'before', trained: { mean: 8, teams: 2 }, comparison: { mean: 9, teams: 1 } })
		expect(series[1]).toEqual({ month: '2026-02', phase: 'before', trained: { mean: null, teams: 0 }, comparison: { mean: null, teams: 0 } })
		expect(series[2]!.phase).toBe('during')
		expect(series[4]).toEqual({ month: '2026-05', phase: 'after', trained: { mean: 4, teams: 1 }, comparison: { mean: 9, teams: 1 } })
	})

	test('a value outside the windows does not reach the calculation', () => {
		expect(valuesInWindow(values, PERIOD)).toHaveLength(5)
		const inside = differenceInDifferences({ values: valuesInWindow(values, PERIOD), trainedTeamIds: ['team-a'], intervention: PERIOD, better: 'lower' })
		const all = differenceInDifferences({ values, trainedTeamIds: ['team-a'], intervention: PERIOD, better: 'lower' })
		expect(inside.ok && inside.value.trained.meanBefore).toBe(10)
		expect(all.ok && all.value.trained.meanBefore).toBe(55)
	})
})
