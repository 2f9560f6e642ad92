import { describe, expect, test } from 'vitest'
import { checkImportLevel, checkImportRow, parseImportDate } from './evidence-import.ts'

describe('an imported row', () => {
	test.each([
		['2024-03-07', '2024-03-07'],
		['2024-3-7', '2024-03-07'],
		['7-3-2024', '2024-03-07'],
		['07-03-2024', '2024-03-07'],
		['7/3/2024', '2024-03-07'],
		['7.3.2024', '2024-03-07'],
		[' 29-02-2024 ', '2024-02-29'],
		['29-02-2023', null],
		['31-04-2024', null],
		['2024-13-01', null],
		['03/07/24', null],
		['gisteren', null],
		['', null],
	])('the day %j reads as %j', (text, expected) => {
		expect(parseImportDate(text)).toBe(expected)
	})

	const today = '2026-12-03'
	test.each([
		[{ person: 'E123', competency: 'BHV', date: '3-12-2026' }, { ok: true, occurredOn: '2026-12-03' }],
		[{ person: ' ', competency: 'BHV', date: '2026-01-01' }, { ok: false, code: 'PERSON_MISSING' }],
		[{ person: 'E123', competency: '', date: '2026-01-01' }, { ok: false, code: 'COMPETENCY_MISSING' }],
		[{ person: 'E123', competency: 'BHV', date: '30-02-2026' }, { ok: false, code: 'DATE_INVALID' }],
		[{ person: 'E123', competency: 'BHV', date: '4-12-2026' }, { ok: false, code: 'DATE_IN_FUTURE' }],
		[{ person: 'E123', competency: 'BHV', date: '31-12-1969' }, { ok: false, code: 'DATE_TOO_OLD' }],
	])('%j is %j', (row, expected) => {
		expect(checkImportRow(row, { today })).toEqual(expected)
	})
})

describe("an imported row's level", () => {
	const LEVELS = ['Basis', 'Gevorderd', 'Expert']
	test.each([
		['', LEVELS, { ok: true, level: null }],
		['  ', [], { ok: true, level: null }],
		['1', LEVELS, { ok: true, level: 1 }],
		['3', LEVELS, { ok: true, level: 3 }],
		['gevorderd', LEVELS, { ok: true, level: 2 }],
		[' Expert ', LEVELS, { ok: true, level: 3 }],
		['2 Gevorderd', LEVELS, { ok: true, level: 2 }],
		['2  gevorderd', LEVELS, { ok: true, level: 2 }],
		['3 Gevorderd', LEVELS, { ok: false, code: 'LEVEL_UNKNOWN' }],
		['4', LEVELS, { ok: false, code: 'LEVEL_UNKNOWN' }],
		['0', LEVELS, { ok: false, code: 'LEVEL_UNKNOWN' }],
		['02', LEVELS, { ok: false, code: 'LEVEL_UNKNOWN' }],
		['Meester', LEVELS, { ok: false, code: 'LEVEL_UNKNOWN' }],
		['1', [], { ok: false, code: 'LEVEL_WITHOUT_LEVELS' }],
		['Basis', [], { ok: false, code: 'LEVEL_WITHOUT_LEVELS' }],
	])('%j against %j is %j', (text, levels, expected) => {
		expect(checkImportLevel(text, levels)).toEqual(expected)
	})
})
