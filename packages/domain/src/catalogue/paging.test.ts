import { describe, expect, test } from 'vitest'
import { MAX_PAGE, pageCount, pageWindow, parsePage } from './paging.ts'

describe('parsePage', () => {
	test('treats a missing page as the first page', () => {
		expect(parsePage(null)).toEqual({ ok: true, value: 1 })
		expect(parsePage(undefined)).toEqual({ ok: true, value: 1 })
		expect(parsePage('')).toEqual({ ok: true, value: 1 })
	})

	test('reads a whole page number', () => {
		expect(parsePage('7')).toEqual({ ok: true, value: 7 })
	})

	test.each(['abc', '1.5', '-2', '1e3', '0x10', ' 2 3'])('rejects %j as not a number', (raw) => {
		expect(parsePage(raw)).toEqual({ ok: false, code: 'PAGE_NOT_A_NUMBER' })
	})

	test('rejects page zero and pages beyond the maximum', () => {
		expect(parsePage('0')).toEqual({ ok: false, code: 'PAGE_OUT_OF_RANGE' })
		expect(parsePage(String(MAX_PAGE + 1))).toEqual({ ok: false, code: 'PAGE_OUT_OF_RANGE' })
		expect(parsePage('99999999999999999999')).toEqual({ ok: false, code: 'PAGE_OUT_OF_RANGE' })
	})
})

describe('pageWindow and pageCount', () => {
	test('turns a page into an offset', () => {
		expect(pageWindow(3, 20)).toEqual({ page: 3, pageSize: 20, offset: 40 })
	})

	test('counts pages, with one page for an empty list', () => {
		expect(pageCount(0, 20)).toBe(1)
		expect(pageCount(20, 20)).toBe(1)
		expect(pageCount(21, 20)).toBe(2)
	})
})
