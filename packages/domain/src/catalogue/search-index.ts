import { COURSE_FORMS, LANGUAGES, type CourseForm, type Language } from './course.ts'
import { COST_VALUES, DURATION_BUCKETS, durationBucketOf, type CostValue, type SearchSort } from './search.ts'

// The catalogue as one portal process holds it for search (issue 16, item 6; ADR 010 addendum):
// the courses one viewer may see, with every facet value coded as a small number, so filters,
// the eight facet counts, ordering and paging are one pass over typed arrays instead of a query
// that materialises every visible course. Which courses match the typed words, and how well,
// stays with PostgreSQL's text search (its stemmer and GIN index); this module gets those as
// `matches` and does the rest.

/** What a catalogue entry shows of a course: a row of the catalogue, a search result. */
export type CatalogueCard = {
	id: string
	title: string
	summary: string
	form: CourseForm
	language: Language
	durationMinutes: number
	priceCents: number
	providerName: string
	providerShortName: string
	themeNameNl: string | null
	themeNameEn: string | null
}

/** One visible, published course, as the search shows and filters it. */
export type IndexedCourse = CatalogueCard & {
	providerId: string
	themeId: string | null
	/** The normalised title: the sort key, compared by code unit as PostgreSQL's "C" collation compares it. */
	sortTitle: string
	/** Session starts, milliseconds since the epoch. */
	sessionStarts: number[]
	/** 'YYYY-MM city' per session ('YYYY-MM ' when online), as `courses.session_calendar` keeps it. */
	calendar: string[]
}

/** How well a course matches the typed words (see `SearchResultEntry.tier`); higher weight, literal and rank rank first. */
export type TextMatch = { tier: number; weight: number; literal: boolean; rank: number }

export type IndexFacetName = 'provider' | 'form' | 'theme' | 'city' | 'month' | 'language' | 'cost' | 'duration'
export type IndexFacetCount = { facet: IndexFacetName; value: string; count: number }

export type IndexSearchFilters = {
	providerIds: string[]
	forms: CourseForm[]
	themeIds: string[]
	cities: string[]
	months: string[]
	languages: Language[]
	costs: CostValue[]
	durations: string[]
}

export type IndexSearchInput = {
	/** Per course id, how it matches the typed words; null when nothing was typed (every course takes part). */
	matches: ReadonlyMap<string, TextMatch> | null
	filters: IndexSearchFilters
	sort: SearchSort
	limit: number
	offset: number
	now: Date
	/** 'YYYY-MM' of now, Dutch time: the period and place facets look from here on. */
	currentMonth: string
	/** The month after the last one the period facet offers. */
	periodEndMonth: string
}

export type IndexSearchEntry = { course: IndexedCourse; tier: number; nextSessionAt: string | null }
export type IndexSearchResult = { total: number; entries: IndexSearchEntry[]; facets: IndexFacetCount[] }

export type CatalogueIndex = {
	/** In title order (normalised title, then id): a course's position is its place in "sorted by title". */
	courses: IndexedCourse[]
	positionOf: ReadonlyMap<string, number>
	providers: string[]
	themes: string[]
	provider: Uint16Array
	/** 0: no theme; n: themes[n - 1]. */
	theme: Uint16Array
	form: Uint8Array
	language: Uint8Array
	cost: Uint8Array
	duration: Uint8Array
	/** The latest session start (ms), -Infinity when none. */
	lastStart: Float64Array
	/** Per course its calendar split: months[i][j] with cities[i][j]. */
	months: string[][]
	cities: string[][]
}

const DURATION_KEYS = DURATION_BUCKETS.map((b) => b.key as string)
const costOf = (priceCents: number) => (priceCents > 0 ? 'betaald' : 'gratis')

/** Codes the courses once; the index answers any number of searches until the catalogue changes. */
export function buildCatalogueIndex(rows: readonly IndexedCourse[]): CatalogueIndex {
	const courses = [...rows].sort((a, b) => compareCodeUnits(a.sortTitle, b.sortTitle) || compareCodeUnits(a.id, b.id))
	const n = courses.length
	const providers: string[] = []
	const themes: string[] = []
	const codeOf = (list: string[], codes: Map<string, number>, value: string) => {
		let code = codes.get(value)
		if (code === undefined) {
			code = list.push(value) - 1
			codes.set(value, code)
		}
		return code
	}
	const providerCodes = new Map<string, number>()
	const themeCodes = new Map<string, number>()
	const index: CatalogueIndex = {
		courses,
		positionOf: new Map(courses.map((c, i) => [c.id, i])),
		providers,
		themes,
		provider: new Uint16Array(n),
		theme: new Uint16Array(n),
		form: new Uint8Array(n),
		language: new Uint8Array(n),
		cost: new Uint8Array(n),
		duration: new Uint8Array(n),
		lastStart: new Float64Array(n),
		months: [],
		cities: [],
	}
	courses.forEach((c, i) => {
		index.provider[i] = codeOf(providers, providerCodes, c.providerId)
		index.theme[i] = c.themeId === null ? 0 : codeOf(themes, themeCodes, c.themeId) + 1
		index.form[i] = COURSE_FORMS.indexOf(c.form)
		index.language[i] = LANGUAGES.indexOf(c.language)
		index.cost[i] = COST_VALUES.indexOf(costOf(c.priceCents))
		index.duration[i] = DURATION_KEYS.indexOf(durationBucketOf(c.durationMinutes))
		index.lastStart[i] = c.sessionStarts.length === 0 ? -Infinity : Math.max(...c.sessionStarts)
		index.months.push(c.calendar.map((entry) => entry.slice(0, 7)))
		index.cities.push(c.calendar.map((entry) => entry.slice(8)))
	})
	return index
}

// One bit per filter; a course counts in a facet when it passes every filter but that facet's own.
const PROVIDER = 1
const FORM = 2
const THEME = 4
const LANGUAGE = 8
const COST = 16
const DURATION = 32
const CALENDAR = 64

/**
 * One search over the index: the page (ordered as asked), the total, and the counts of the
 * eight facets, each counted over the courses that pass every other filter, exactly as the
 * SQL search counted them (a course once per month and city, however many sessions fall there).
 */
export function searchCatalogueIndex(index: CatalogueIndex, input: IndexSearchInput): IndexSearchResult {
	const { filters, matches } = input
	const accept = (active: boolean, all: readonly string[], chosen: readonly string[]) => (active ? all.map((value) => chosen.includes(value)) : null)
	const providerOk = accept(filters.providerIds.length > 0, index.providers, filters.providerIds)
	const themeOk = filters.themeIds.length > 0 ? [false, ...index.themes.map((id) => filters.themeIds.includes(id))] : null
	const formOk = accept(filters.forms.length > 0, COURSE_FORMS, filters.forms)
	const languageOk = accept(filters.languages.length > 0, LANGUAGES, filters.languages)
	const costOk = accept(filters.costs.length > 0, COST_VALUES, filters.costs)
	const durationOk = accept(filters.durations.length > 0, DURATION_KEYS, filters.durations)
	const { currentMonth, periodEndMonth } = input
	const monthMatches = (month: string) => filters.months.length === 0 || filters.months.includes(month)
	const cityMatches = (city: string) => filters.cities.length === 0 || filters.cities.includes(city)
	const calendarActive = filters.months.length > 0 || filters.cities.length > 0

	// Counts per code (facets of fixed values) and per month or place; a place or month counts a
	// course once, however many of its sessions fall there (`lastCounted` remembers the course).
	const providerCounts = new Int32Array(index.providers.length)
	const formCounts = new Int32Array(COURSE_FORMS.length)
	const themeCounts = new Int32Array(index.themes.length + 1)
	const languageCounts = new Int32Array(LANGUAGES.length)
	const costCounts = new Int32Array(COST_VALUES.length)
	const durationCounts = new Int32Array(DURATION_KEYS.length)
	const monthCounts = new Map<string, { count: number; lastCounted: number }>()
	const cityCounts = new Map<string, { count: number; lastCounted: number }>()
	const countOnce = (counts: Map<string, { count: number; lastCounted: number }>, key: string, course: number) => {
		const entry = counts.get(key)
		if (entry === undefined) counts.set(key, { count: 1, lastCounted: course })
		else if (entry.lastCounted !== course) {
			entry.count++
			entry.lastCounted = course
		}
	}
	const hits: number[] = []

	const visit = (i: number) => {
		let failed = 0
		if (providerOk && !providerOk[index.provider[i]!]) failed |= PROVIDER
		if (formOk && !formOk[index.form[i]!]) failed |= FORM
		if (themeOk && !themeOk[index.theme[i]!]) failed |= THEME
		if (languageOk && !languageOk[index.language[i]!]) failed |= LANGUAGE
		if (costOk && !costOk[index.cost[i]!]) failed |= COST
		if (durationOk && !durationOk[index.duration[i]!]) failed |= DURATION
		const months = index.months[i]!
		const cities = index.cities[i]!
		if (calendarActive) {
			let some = false
			for (let j = 0; j < months.length && !some; j++) some = months[j]! >= currentMonth && monthMatches(months[j]!) && cityMatches(cities[j]!)
			if (!some) failed |= CALENDAR
		}
		// Only a course that fails at most one filter counts anywhere.
		if (failed !== 0 && (failed & (failed - 1)) !== 0) return
		if (failed === 0) hits.push(i)
		if ((failed & ~PROVIDER) === 0) providerCounts[index.provider[i]!]!++
		if ((failed & ~FORM) === 0) formCounts[index.form[i]!]!++
		if ((failed & ~THEME) === 0) themeCounts[index.theme[i]!]!++
		if ((failed & ~LANGUAGE) === 0) languageCounts[index.language[i]!]!++
		if ((failed & ~COST) === 0) costCounts[index.cost[i]!]!++
		if ((failed & ~DURATION) === 0) durationCounts[index.duration[i]!]!++
		if ((failed & ~CALENDAR) === 0)
			for (let j = 0; j < months.length; j++) {
				const month = months[j]!
				if (month < currentMonth) continue
				const city = cities[j]!
				if (month < periodEndMonth && cityMatches(city)) countOnce(monthCounts, month, i)
				if (city !== '' && monthMatches(month)) countOnce(cityCounts, city, i)
			}
	}
	if (matches === null) for (let i = 0; i < index.courses.length; i++) visit(i)
	else
		for (const id of matches.keys()) {
			const i = index.positionOf.get(id)
			// A course that changed between reading the index and matching the words: the catalogue version has moved, the next search reads it anew.
			if (i !== undefined) visit(i)
		}

	const now = input.now.getTime()
	const page = topInOrder(hits, input.offset + input.limit, comparatorFor(index, input.sort, matches, now)).slice(input.offset)
	const facetsOut: IndexFacetCount[] = []
	const out = (facet: IndexFacetName, counts: Int32Array, valueOf: (code: number) => string | undefined) =>
		counts.forEach((count, code) => {
			const value = valueOf(code)
			if (count > 0 && value !== undefined) facetsOut.push({ facet, value, count })
		})
	out('provider', providerCounts, (code) => index.providers[code])
	out('form', formCounts, (code) => COURSE_FORMS[code])
	// Code 0 is "no theme": never a facet value.
	out('theme', themeCounts, (code) => (code === 0 ? undefined : index.themes[code - 1]))
	out('language', languageCounts, (code) => LANGUAGES[code])
	out('cost', costCounts, (code) => COST_VALUES[code])
	out('duration', durationCounts, (code) => DURATION_KEYS[code])
	for (const [value, { count }] of monthCounts) facetsOut.push({ facet: 'month', value, count })
	for (const [value, { count }] of cityCounts) facetsOut.push({ facet: 'city', value, count })

	return {
		total: hits.length,
		entries: page.map((i) => {
			const course = index.courses[i]!
			const next = nextStartOf(course, now)
			return { course, tier: matches?.get(course.id)?.tier ?? 0, nextSessionAt: next === null ? null : new Date(next).toISOString() }
		}),
		facets: facetsOut,
	}
}

function nextStartOf(course: IndexedCourse, now: number): number | null {
	let next: number | null = null
	for (const start of course.sessionStarts) if (start >= now && (next === null || start < next)) next = start
	return next
}

type Comparator = (a: number, b: number) => number

/**
 * Relevance: tier, then the weight of the words matched, the words as typed, a session coming up,
 * the text rank; date: the next session (none last); title: the normalised title. Ties by title,
 * then id — the index's own order, so a position compares them.
 */
function comparatorFor(index: CatalogueIndex, sort: SearchSort, matches: ReadonlyMap<string, TextMatch> | null, now: number): Comparator {
	const byPosition: Comparator = (a, b) => a - b
	if (sort === 'titel') return byPosition
	if (sort === 'datum') {
		const next = new Map<number, number>()
		const nextOf = (i: number) => {
			let value = next.get(i)
			if (value === undefined) {
				value = nextStartOf(index.courses[i]!, now) ?? Infinity
				next.set(i, value)
			}
			return value
		}
		return (a, b) => nextOf(a) - nextOf(b) || a - b
	}
	const upcoming = (i: number) => (index.lastStart[i]! >= now ? 1 : 0)
	if (matches === null) return (a, b) => upcoming(b) - upcoming(a) || a - b
	const NONE: TextMatch = { tier: 0, weight: 0, literal: true, rank: 0 }
	const match = (i: number) => matches.get(index.courses[i]!.id) ?? NONE
	return (a, b) => {
		const x = match(a)
		const y = match(b)
		return x.tier - y.tier || y.weight - x.weight || Number(y.literal) - Number(x.literal) || upcoming(b) - upcoming(a) || y.rank - x.rank || a - b
	}
}

/** The first `k` items in `compare`'s order, sorted: a bounded max-heap, O(n log k), so a page of 20 out of 50,000 does not sort them all. */
export function topInOrder(items: readonly number[], k: number, compare: Comparator): number[] {
	if (k <= 0) return []
	if (items.length <= k) return [...items].sort(compare)
	const heap: number[] = []
	const up = (at: number) => {
		while (at > 0) {
			const parent = (at - 1) >> 1
			if (compare(heap[at]!, heap[parent]!) <= 0) return
			;[heap[at], heap[parent]] = [heap[parent]!, heap[at]!]
			at = parent
		}
	}
	const down = (at: number) => {
		for (;;) {
			const left = 2 * at + 1
			const right = left + 1
			let largest = at
			if (left < heap.length && compare(heap[left]!, heap[largest]!) > 0) largest = left
			if (right < heap.length && compare(heap[right]!, heap[largest]!) > 0) largest = right
			if (largest === at) return
			;[heap[at], heap[largest]] = [heap[largest]!, heap[at]!]
			at = largest
		}
	}
	for (const item of items) {
		if (heap.length < k) {
			heap.push(item)
			up(heap.length - 1)
		} else if (compare(item, heap[0]!) < 0) {
			heap[0] = item
			down(0)
		}
	}
	return heap.sort(compare)
}

/** Code-unit order (not locale order): what PostgreSQL's "C" collation gives for these strings. */
function compareCodeUnits(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}
