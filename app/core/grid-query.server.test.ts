import { describe, expect, test } from 'vitest'
import { endOfDay, gridField, readGridFilters, readGridQuery, startOfDay } from './grid-query.server.ts'

const filters = { q: gridField.text, van: gridField.day, stap: gridField.choice(['manager', 'coordinator']), id: gridField.id, wacht: gridField.days }
const read = (query: string) => readGridQuery(new Request(`http://localhost/lijst?${query}`), { filters, sorts: ['date', 'name'] as const, fallback: { id: 'date', desc: false } })

describe("a grid's query string", () => {
	test('reads filters, sort and page; a sort button sent after the hidden current sort wins', () => {
		const grid = read('q=+integriteit+&van=2026-03-01&stap=manager&wacht=7&sorteer=date&sorteer=-name&pagina=3')
		expect(grid).toEqual({ filters: { q: 'integriteit', van: '2026-03-01', stap: 'manager', wacht: 7 }, sort: { id: 'name', desc: true }, page: 3, query: 'q=integriteit&van=2026-03-01&stap=manager&wacht=7' })
	})

	test('drops filter values that make no sense instead of failing', () => {
		for (const query of ['van=2026-02-30', 'van=9999-12-31', 'van=20260301', 'van=2026-13-45', 'stap=ceo', 'id=../x', 'wacht=-1', 'wacht=abc', 'q=', `q=${'x'.repeat(500)}`]) {
			const { filters: read_ } = read(query)
			expect(Object.values(read_).filter((value) => value !== undefined && (typeof value !== 'string' || value.length > 100))).toEqual([])
		}
		expect(read(`q=${'x'.repeat(500)}`).filters.q).toHaveLength(100)
	})

	test('an unknown sort or a page that is no number is a 400', () => {
		for (const query of ['sorteer=prijs', 'pagina=twee', 'pagina=-1']) {
			try {
				read(query)
				expect.unreachable(query)
			} catch (error) {
				expect((error as { init: { status: number } }).init.status).toBe(400)
			}
		}
	})

	test('the filters a form carried read back the same', () => {
		expect(readGridFilters('q=abc&stap=coordinator&onbekend=1', filters)).toEqual({ q: 'abc', stap: 'coordinator' })
	})

	test('days are Dutch days: from midnight to the next midnight, also across the change to summer time', () => {
		expect(startOfDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z')
		expect(endOfDay('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z')
	})
})
