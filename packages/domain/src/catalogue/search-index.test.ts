import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { COURSE_FORMS, LANGUAGES } from './course.ts'
import { durationBucketOf, type CostValue } from './search.ts'
import { buildCatalogueIndex, searchCatalogueIndex, topInOrder, type IndexedCourse, type IndexSearchFilters, type IndexSearchInput, type TextMatch } from './search-index.ts'

const NOW = new Date('2026-12-06T10:00:00Z')
const DAY = 86_400_000
const NO_FILTERS: IndexSearchFilters = { providerIds: [], forms: [], themeIds: [], cities: [], months: [], languages: [], costs: [], durations: [] }

function course(id: string, fields: Partial<IndexedCourse> = {}): IndexedCourse {
	return {
		id,
		title: `Cursus ${id}`,
		summary: '',
		form: 'classroom',
		language: 'nl',
		durationMinutes: 120,
		priceCents: 0,
		providerId: 'rvo',
		providerName: 'RVO',
		providerShortName: 'RVO',
		themeId: null,
		themeNameNl: null,
		themeNameEn: null,
		sortTitle: `cursus ${id}`,
		sessionStarts: [],
		calendar: [],
		...fields,
	}
}

const search = (courses: IndexedCourse[], input: Partial<IndexSearchInput> = {}) =>
	searchCatalogueIndex(buildCatalogueIndex(courses), {
		matches: null,
		filters: NO_FILTERS,
		sort: 'titel',
		limit: 20,
		offset: 0,
		now: NOW,
		currentMonth: '2026-12',
		periodEndMonth: '2027-12',
		...input,
	})
const counts = (result: ReturnType<typeof search>, facet: string) =>
	Object.fromEntries(result.facets.filter((f) => f.facet === facet).map((f) => [f.value, f.count]))

describe('the in-process catalogue index', () => {
	test('orders by title, then id, as the "C" collation does (code units, not the locale)', () => {
		const result = search([course('b', { sortTitle: 'zeer' }), course('a', { sortTitle: 'Zeer' }), course('c', { sortTitle: 'zeer' }), course('d', { sortTitle: 'één' })])
		expect(result.entries.map((e) => e.course.id)).toEqual(['a', 'b', 'c', 'd'])
	})

	test('counts each facet over the courses that pass every other filter', () => {
		const courses = [
			course('1', { form: 'classroom', priceCents: 0, providerId: 'rvo' }),
			course('2', { form: 'elearning', priceCents: 100, providerId: 'rvo' }),
			course('3', { form: 'elearning', priceCents: 0, providerId: 'nvwa' }),
		]
		const result = search(courses, { filters: { ...NO_FILTERS, forms: ['elearning'], costs: ['gratis'] } })
		expect(result.total).toBe(1)
		// The form facet ignores the form filter; the cost facet ignores the cost filter.
		expect(counts(result, 'form')).toEqual({ classroom: 1, elearning: 1 })
		expect(counts(result, 'cost')).toEqual({ gratis: 1, betaald: 1 })
		expect(counts(result, 'provider')).toEqual({ nvwa: 1 })
	})

	test('a course without a theme is never counted under a theme, and fails a theme filter', () => {
		const courses = [course('1', { themeId: 't1' }), course('2')]
		expect(counts(search(courses), 'theme')).toEqual({ t1: 1 })
		expect(search(courses, { filters: { ...NO_FILTERS, themeIds: ['t1'] } }).total).toBe(1)
	})

	test('months and places count a course once, from this month on, and within the period', () => {
		const courses = [
			course('1', { calendar: ['2026-11 Utrecht', '2026-12 Utrecht', '2026-12 Utrecht', '2027-01 ', '2027-12 Zwolle'] }),
			course('2', { calendar: ['2027-01 Den Haag'] }),
		]
		const all = search(courses)
		expect(counts(all, 'month')).toEqual({ '2026-12': 1, '2027-01': 2 })
		expect(counts(all, 'city')).toEqual({ Utrecht: 1, Zwolle: 1, 'Den Haag': 1 })
		// A place filter: months count only that place's sessions; places count every place (their own facet).
		const inUtrecht = search(courses, { filters: { ...NO_FILTERS, cities: ['Utrecht'] } })
		expect(inUtrecht.total).toBe(1)
		expect(counts(inUtrecht, 'month')).toEqual({ '2026-12': 1 })
		expect(counts(inUtrecht, 'city')).toEqual({ Utrecht: 1, Zwolle: 1, 'Den Haag': 1 })
		// A past session does not make a course match a place.
		expect(search([course('3', { calendar: ['2026-11 Utrecht'] })], { filters: { ...NO_FILTERS, cities: ['Utrecht'] } }).total).toBe(0)
	})

	test('relevance without words puts courses with a session coming up first; by date, the next session first and none last', () => {
		const courses = [
			course('a', { sessionStarts: [NOW.getTime() - DAY] }),
			course('b', { sessionStarts: [NOW.getTime() + 9 * DAY, NOW.getTime() + 2 * DAY] }),
			course('c'),
			course('d', { sessionStarts: [NOW.getTime() + 5 * DAY] }),
		]
		expect(search(courses, { sort: 'relevantie' }).entries.map((e) => e.course.id)).toEqual(['b', 'd', 'a', 'c'])
		const byDate = search(courses, { sort: 'datum' })
		expect(byDate.entries.map((e) => e.course.id)).toEqual(['b', 'd', 'a', 'c'])
		expect(byDate.entries[0]!.nextSessionAt).toBe(new Date(NOW.getTime() + 2 * DAY).toISOString())
		expect(byDate.entries[2]!.nextSessionAt).toBeNull()
	})

	test('with words, only the matched courses take part, ranked by tier, weight, words as typed, upcoming, rank', () => {
		const courses = ['a', 'b', 'c', 'd', 'e'].map((id) => course(id, id === 'c' ? { sessionStarts: [NOW.getTime() + DAY] } : {}))
		const matches = new Map<string, TextMatch>([
			['a', { tier: 3, weight: 0, literal: true, rank: 0.9 }],
			['b', { tier: 1, weight: 0, literal: false, rank: 0.1 }],
			['c', { tier: 1, weight: 0, literal: true, rank: 0.1 }],
			['d', { tier: 1, weight: 0, literal: true, rank: 0.5 }],
			['gone', { tier: 0, weight: 0, literal: true, rank: 1 }],
		])
		const result = search(courses, { matches, sort: 'relevantie' })
		expect(result.total).toBe(4)
		expect(result.entries.map((e) => [e.course.id, e.tier])).toEqual([
			['c', 1],
			['d', 1],
			['b', 1],
			['a', 3],
		])
	})

	test('pages: the offset skips, a page past the end is empty, the total stays', () => {
		const courses = Array.from({ length: 45 }, (_, i) => course(String(i).padStart(2, '0')))
		expect(search(courses, { offset: 40 }).entries.map((e) => e.course.id)).toEqual(['40', '41', '42', '43', '44'])
		const past = search(courses, { offset: 60 })
		expect(past.entries).toEqual([])
		expect(past.total).toBe(45)
	})

	test('facet counts and the page equal a direct computation, for any catalogue and filters', () => {
		const courseArb = fc.record({
			form: fc.constantFrom(...COURSE_FORMS),
			language: fc.constantFrom(...LANGUAGES),
			durationMinutes: fc.constantFrom(30, 120, 300, 900),
			priceCents: fc.constantFrom(0, 5000),
			providerId: fc.constantFrom('p1', 'p2', 'p3'),
			themeId: fc.constantFrom(null, 't1', 't2'),
			sortTitle: fc.constantFrom('a', 'b', 'c', 'd'),
			calendar: fc.array(fc.tuple(fc.constantFrom('2026-11', '2026-12', '2027-03', '2027-12'), fc.constantFrom('', 'Utrecht', 'Zwolle')).map(([m, c]) => `${m} ${c}`), { maxLength: 3 }),
		})
		const filtersArb = fc.record({
			providerIds: fc.subarray(['p1', 'p2']),
			forms: fc.subarray([...COURSE_FORMS]),
			themeIds: fc.subarray(['t1']),
			cities: fc.subarray(['Utrecht']),
			months: fc.subarray(['2026-12', '2027-03']),
			languages: fc.subarray([...LANGUAGES]),
			costs: fc.subarray<CostValue>(['gratis']),
			durations: fc.subarray(['kort', 'dag']),
		})
		fc.assert(
			fc.property(fc.array(courseArb, { maxLength: 30 }), filtersArb, (fields, filters) => {
				const courses = fields.map((f, i) => course(`c${String(i).padStart(2, '0')}`, f))
				const result = search(courses, { filters, limit: 100 })
				const upcoming = (c: IndexedCourse) => c.calendar.filter((e) => e.slice(0, 7) >= '2026-12')
				const tests: Record<string, (c: IndexedCourse) => boolean> = {
					provider: (c) => filters.providerIds.length === 0 || filters.providerIds.includes(c.providerId),
					form: (c) => filters.forms.length === 0 || filters.forms.includes(c.form),
					theme: (c) => filters.themeIds.length === 0 || (c.themeId !== null && filters.themeIds.includes(c.themeId)),
					language: (c) => filters.languages.length === 0 || filters.languages.includes(c.language),
					cost: (c) => filters.costs.length === 0 || filters.costs.includes(c.priceCents > 0 ? 'betaald' : 'gratis'),
					duration: (c) => filters.durations.length === 0 || filters.durations.includes(durationBucketOf(c.durationMinutes)),
					calendar: (c) =>
						(filters.months.length === 0 && filters.cities.length === 0) ||
						upcoming(c).some((e) => (filters.months.length === 0 || filters.months.includes(e.slice(0, 7))) && (filters.cities.length === 0 || filters.cities.includes(e.slice(8)))),
				}
				const passesAllBut = (c: IndexedCourse, except: string) => Object.entries(tests).every(([name, ok]) => name === except || ok(c))
				const hits = courses.filter((c) => passesAllBut(c, ''))
				expect(result.total).toBe(hits.length)
				expect(result.entries.map((e) => e.course.id)).toEqual(hits.sort((a, b) => (a.sortTitle < b.sortTitle ? -1 : a.sortTitle > b.sortTitle ? 1 : a.id < b.id ? -1 : 1)).map((c) => c.id))
				const formCounts: Record<string, number> = {}
				for (const c of courses) if (passesAllBut(c, 'form')) formCounts[c.form] = (formCounts[c.form] ?? 0) + 1
				expect(counts(result, 'form')).toEqual(formCounts)
				const monthCounts: Record<string, number> = {}
				for (const c of courses) {
					if (!passesAllBut(c, 'calendar')) continue
					const months = new Set(upcoming(c).filter((e) => e.slice(0, 7) < '2027-12' && (filters.cities.length === 0 || filters.cities.includes(e.slice(8)))).map((e) => e.slice(0, 7)))
					for (const m of months) monthCounts[m] = (monthCounts[m] ?? 0) + 1
				}
				expect(counts(result, 'month')).toEqual(monthCounts)
			}),
		)
	})

	test('topInOrder gives the first k of a full sort', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: 0, max: 60 }), (items, k) => {
				const compare = (a: number, b: number) => (a % 7) - (b % 7) || a - b
				expect(topInOrder(items, k, compare)).toEqual([...items].sort(compare).slice(0, k))
			}),
		)
	})
})
