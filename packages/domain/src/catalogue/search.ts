import { fail, ok, type Result } from '../result.ts'
import { COURSE_FORMS, LANGUAGES, type CourseForm, type Language } from './course.ts'
import { MAX_PAGE, parsePage, type PageError } from './paging.ts'

// Catalogue search (issue 4, ADR 010): what the URL of /catalogus may say, and how a typed
// query becomes groups of alternatives (synonyms) for the database to match.

/** Longer queries are cut here (and the page says so): nobody types more, and it bounds the work. */
export const MAX_QUERY_LENGTH = 120
/** Words beyond this many are ignored (and the page says so). */
export const MAX_QUERY_WORDS = 8
/** At most this many values per filter are honoured, so a crafted URL cannot build a huge query. */
export const MAX_FILTER_VALUES = 20
/** The period facet offers this many months from the current one. */
export const PERIOD_MONTHS = 12

/** Course forms as the URL and the page name them (Dutch, readable). */
export const FORM_SLUGS: Record<CourseForm, string> = {
	classroom: 'klassikaal',
	elearning: 'e-learning',
	blended: 'blended',
	webinar: 'webinar',
}

export const COST_VALUES = ['gratis', 'betaald'] as const
export type CostValue = (typeof COST_VALUES)[number]

/** Duration buckets, by upper bound in minutes (inclusive); the last one is open-ended. */
export const DURATION_BUCKETS = [
	{ key: 'kort', maxMinutes: 60 },
	{ key: 'dagdeel', maxMinutes: 240 },
	{ key: 'dag', maxMinutes: 480 },
	{ key: 'meerdaags', maxMinutes: null },
] as const
export type DurationBucket = (typeof DURATION_BUCKETS)[number]['key']

export function durationBucketOf(minutes: number): DurationBucket {
	for (const bucket of DURATION_BUCKETS) if (bucket.maxMinutes === null || minutes <= bucket.maxMinutes) return bucket.key
	return 'meerdaags'
}

export const SEARCH_SORTS = ['relevantie', 'datum', 'titel'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

export type SearchFilters = {
	/** Providing units, by slug. */
	providers: string[]
	forms: CourseForm[]
	/** Themes, by slug. */
	themes: string[]
	/** Cities with an upcoming session. */
	cities: string[]
	/** Months ('YYYY-MM') with a planned session. */
	months: string[]
	languages: Language[]
	costs: CostValue[]
	durations: DurationBucket[]
}

export type SearchState = {
	query: string
	filters: SearchFilters
	sort: SearchSort
	page: number
}

/** Something the page should tell the user about their URL, without failing the search. */
export type SearchNotice =
	| { kind: 'QUERY_TRUNCATED'; maxLength: number }
	| { kind: 'TOO_MANY_WORDS'; maxWords: number }
	| { kind: 'FILTER_IGNORED'; parameter: string; value: string }
	| { kind: 'SORT_IGNORED'; value: string }

/** The URL parameter of each filter. */
export const FILTER_PARAMETERS = {
	providers: 'aanbieder',
	forms: 'vorm',
	themes: 'thema',
	cities: 'plaats',
	months: 'periode',
	languages: 'taal',
	costs: 'kosten',
	durations: 'duur',
} as const satisfies Record<keyof SearchFilters, string>

export const EMPTY_FILTERS: SearchFilters = {
	providers: [],
	forms: [],
	themes: [],
	cities: [],
	months: [],
	languages: [],
	costs: [],
	durations: [],
}

/** What the query string holds: every value of every parameter, in order. */
export type QueryParameters = { getAll: (name: string) => string[]; get: (name: string) => string | null }

const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const formBySlug = new Map(COURSE_FORMS.map((form) => [FORM_SLUGS[form], form]))

/**
 * Reads the search state from a query string. Only a malformed page fails (the route answers
 * 400 with a message); everything else is repaired, and each repair is reported as a notice:
 * a search page must always show something useful.
 */
export function parseSearchState(params: QueryParameters): Result<{ state: SearchState; notices: SearchNotice[] }, PageError> {
	// A page far past any end is answered like any page past the end (empty, with the way back).
	const rawPage = params.get('pagina')?.trim() ?? ''
	const page = /^\d{1,12}$/.test(rawPage) && Number(rawPage) > MAX_PAGE ? ok(MAX_PAGE + 1) : parsePage(rawPage)
	if (!page.ok) return page
	const notices: SearchNotice[] = []

	let query = (params.get('q') ?? '').replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim()
	if (query.length > MAX_QUERY_LENGTH) {
		query = query.slice(0, MAX_QUERY_LENGTH).trim()
		notices.push({ kind: 'QUERY_TRUNCATED', maxLength: MAX_QUERY_LENGTH })
	}
	if (query.split(' ').length > MAX_QUERY_WORDS) {
		query = query.split(' ').slice(0, MAX_QUERY_WORDS).join(' ')
		notices.push({ kind: 'TOO_MANY_WORDS', maxWords: MAX_QUERY_WORDS })
	}

	function values<T extends string>(parameter: string, accept: (value: string) => T | null): T[] {
		const accepted: T[] = []
		for (const raw of params.getAll(parameter)) {
			const value = raw.trim()
			if (value === '') continue
			const parsed = accept(value)
			if (parsed === null || accepted.length >= MAX_FILTER_VALUES) {
				notices.push({ kind: 'FILTER_IGNORED', parameter, value: value.slice(0, 60) })
			} else if (!accepted.includes(parsed)) {
				accepted.push(parsed)
			}
		}
		return accepted.sort()
	}
	const oneOf =
		<T extends string>(allowed: readonly T[]) =>
		(value: string): T | null =>
			(allowed as readonly string[]).includes(value) ? (value as T) : null

	const filters: SearchFilters = {
		providers: values(FILTER_PARAMETERS.providers, (v) => (SLUG.test(v) ? v : null)),
		forms: values(FILTER_PARAMETERS.forms, (v) => formBySlug.get(v) ?? null),
		themes: values(FILTER_PARAMETERS.themes, (v) => (SLUG.test(v) ? v : null)),
		cities: values(FILTER_PARAMETERS.cities, (v) => (v.length <= 60 && !/[\p{Cc}|]/u.test(v) ? v : null)),
		months: values(FILTER_PARAMETERS.months, (v) => (MONTH.test(v) ? v : null)),
		languages: values(FILTER_PARAMETERS.languages, oneOf(LANGUAGES)),
		costs: values(FILTER_PARAMETERS.costs, oneOf(COST_VALUES)),
		durations: values(
			FILTER_PARAMETERS.durations,
			oneOf(DURATION_BUCKETS.map((bucket) => bucket.key)),
		),
	}

	const rawSort = params.get('sorteer')?.trim() ?? ''
	let sort: SearchSort = query === '' ? 'titel' : 'relevantie'
	if (rawSort !== '') {
		if ((SEARCH_SORTS as readonly string[]).includes(rawSort)) sort = rawSort as SearchSort
		else notices.push({ kind: 'SORT_IGNORED', value: rawSort.slice(0, 60) })
	}
	return ok({ state: { query, filters, sort, page: page.value }, notices })
}

/** The default sort: relevance needs a query; without one the catalogue reads alphabetically. */
export function defaultSort(query: string): SearchSort {
	return query === '' ? 'titel' : 'relevantie'
}

/**
 * The canonical parameters of a state: the same search is always the same URL (sorted values,
 * defaults left out), so links are shareable and the cache has one key per search.
 */
export function searchStateToPairs(state: SearchState): [string, string][] {
	const pairs: [string, string][] = []
	if (state.query !== '') pairs.push(['q', state.query])
	for (const key of Object.keys(FILTER_PARAMETERS) as (keyof SearchFilters)[]) {
		const values = key === 'forms' ? state.filters.forms.map((form) => FORM_SLUGS[form]) : state.filters[key]
		for (const value of [...values].sort()) pairs.push([FILTER_PARAMETERS[key], value])
	}
	if (state.sort !== defaultSort(state.query)) pairs.push(['sorteer', state.sort])
	if (state.page !== 1) pairs.push(['pagina', String(state.page)])
	return pairs
}

/** The canonical query string (without '?'), as `searchStateToPairs`, percent-encoded. */
export function searchStateToQueryString(state: SearchState): string {
	return searchStateToPairs(state)
		.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
		.join('&')
}

/** The same state with one filter value switched on or off, back on page 1. */
export function toggleFilter<K extends keyof SearchFilters>(state: SearchState, key: K, value: SearchFilters[K][number]): SearchState {
	const current = state.filters[key] as string[]
	const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value].sort()
	return { ...state, page: 1, filters: { ...state.filters, [key]: next } }
}

export function hasFilters(filters: SearchFilters): boolean {
	return Object.values(filters).some((values) => values.length > 0)
}

/** Lower case, no accents or diacritics, single spaces: how queries and synonym terms compare. */
export function normaliseSearchText(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim()
}

/**
 * The words of a query, normalised. Letters, digits and the joiners of abbreviations
 * ("p&o", "e-learning") stay together; everything else separates words.
 */
export function queryWords(query: string): string[] {
	return normaliseSearchText(query)
		.split(/[^\p{L}\p{N}&'-]+/u)
		.map((word) => word.replace(/^[&'-]+|[&'-]+$/g, ''))
		.filter((word) => word !== '')
}

/** A synonym entry: the term and what it also means (all normalised). */
export type Synonym = { term: string; expansions: string[] }

/**
 * One part of a query that must match: the words as typed (`text`), and alternatives that
 * count as the same (synonyms, both ways). `single` groups are one word, eligible for typo repair.
 */
export type QueryGroup = { text: string; alternatives: string[]; single: boolean }

/**
 * Splits a query into groups, longest synonym phrase first: "avg training" becomes
 * [avg | algemene verordening gegevensbescherming] and [training]. Every phrase in a synonym
 * entry (term or expansion) stands for all the others. A translation works one way: its term
 * (English) stands for its expansions (Dutch), not the other way round.
 */
export function expandQuery(query: string, synonyms: readonly Synonym[], translations: readonly Synonym[] = []): QueryGroup[] {
	const words = queryWords(query)
	const meanings = new Map<string, Set<string>>()
	const mean = (phrase: string, others: string[]) => {
		const set = meanings.get(phrase) ?? new Set<string>()
		for (const other of others) if (other !== phrase) set.add(other)
		meanings.set(phrase, set)
	}
	const normalised = (phrases: string[]) => phrases.map((phrase) => queryWords(phrase).join(' ')).filter((p) => p !== '')
	for (const entry of synonyms) {
		const phrases = normalised([entry.term, ...entry.expansions])
		for (const phrase of phrases) mean(phrase, phrases)
	}
	for (const entry of translations) {
		const [term] = normalised([entry.term])
		if (term !== undefined) mean(term, normalised(entry.expansions))
	}
	const longest = Math.max(1, ...[...meanings.keys()].map((phrase) => phrase.split(' ').length))
	const groups: QueryGroup[] = []
	for (let at = 0; at < words.length; ) {
		let matched = false
		for (let length = Math.min(longest, words.length - at); length >= 1; length--) {
			const phrase = words.slice(at, at + length).join(' ')
			const others = meanings.get(phrase)
			if (others) {
				groups.push({ text: phrase, alternatives: [...others].sort(), single: false })
				at += length
				matched = true
				break
			}
		}
		if (!matched) {
			groups.push({ text: words[at]!, alternatives: [], single: true })
			at += 1
		}
	}
	return groups
}

/** A synonym entry as a concern administrator types it; errors are field-specific codes. */
export type SynonymInputError = 'SYNONYM_TERM_REQUIRED' | 'SYNONYM_TERM_TOO_LONG' | 'SYNONYM_EXPANSIONS_REQUIRED' | 'SYNONYM_TOO_MANY_EXPANSIONS' | 'SYNONYM_EXPANSION_TOO_LONG' | 'SYNONYM_EXPANSION_IS_TERM'

export const MAX_SYNONYM_EXPANSIONS = 10
export const MAX_SYNONYM_LENGTH = 60

/**
 * Validates a synonym: a term and one or more expansions separated by commas or new lines,
 * stored normalised (so "Woo" and "WOO" are one term).
 */
export function parseSynonymInput(term: string, expansions: string): Result<Synonym, SynonymInputError> {
	const normalisedTerm = normaliseSearchText(term)
	if (queryWords(normalisedTerm).length === 0) return fail('SYNONYM_TERM_REQUIRED')
	if (normalisedTerm.length > MAX_SYNONYM_LENGTH) return fail('SYNONYM_TERM_TOO_LONG')
	const list = [
		...new Set(
			expansions
				.split(/[,\n;]/)
				.map(normaliseSearchText)
				.filter((value) => queryWords(value).length > 0),
		),
	]
	if (list.length === 0) return fail('SYNONYM_EXPANSIONS_REQUIRED')
	if (list.length > MAX_SYNONYM_EXPANSIONS) return fail('SYNONYM_TOO_MANY_EXPANSIONS')
	if (list.some((value) => value.length > MAX_SYNONYM_LENGTH)) return fail('SYNONYM_EXPANSION_TOO_LONG')
	if (list.includes(normalisedTerm)) return fail('SYNONYM_EXPANSION_IS_TERM')
	return ok({ term: normalisedTerm, expansions: list })
}

/** 'YYYY-MM' months from `month` on, `count` of them. */
export function monthsFrom(month: string, count: number): string[] {
	const [year, m] = month.split('-').map(Number) as [number, number]
	return Array.from({ length: count }, (_, i) => {
		const index = year * 12 + (m - 1) + i
		return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
	})
}

/** Asked queries are kept (for the search analytics) at most this long; the rest is cut. */
export const MAX_ASKED_QUERY_LENGTH = 100

/**
 * How an asked query is counted in the search analytics: its words, normalised, single spaces,
 * cut at MAX_ASKED_QUERY_LENGTH characters; null for a search without words (only filters),
 * which is not counted. "Privacy  Wet" and "privacy wet" are one query.
 */
export function askedQueryOf(query: string): string | null {
	const words = queryWords(query).join(' ').slice(0, MAX_ASKED_QUERY_LENGTH).trim()
	return words === '' ? null : words
}

/** The day ('YYYY-MM-DD') of an instant in Dutch time. */
export function dutchDayOf(instant: Date): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
	const part = (type: string) => parts.find((p) => p.type === type)!.value
	return `${part('year')}-${part('month')}-${part('day')}`
}

/** The month ('YYYY-MM') of an instant in Dutch time. */
export function dutchMonthOf(instant: Date): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).formatToParts(instant)
	return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`
}

/** What the database knows of one typed word: is its stem in the catalogue, and if not, what is near. */
export type WordAnalysis = { word: string; known: boolean; corrections: string[]; stopWord?: boolean; lexeme?: string | null }

export type CorrectedGroups = {
	groups: (QueryGroup & { corrections: string[] })[]
	/** The query with every unknown word replaced by its nearest known word; null when all words were known. */
	correctedQuery: string | null
}

/**
 * Adds typo repair: a one-word group whose stem the catalogue does not know also matches the
 * known words nearest to it. Synonym groups and known words are left alone.
 */
export function withCorrections(groups: readonly QueryGroup[], analysis: readonly WordAnalysis[]): CorrectedGroups {
	const byWord = new Map(analysis.map((a) => [a.word, a]))
	let corrected = false
	// A stop word alone ("de", "voor") matches nothing in a Dutch document: leave it out.
	const repaired = groups.filter((group) => !(group.single && byWord.get(group.text)?.stopWord)).map((group) => {
		const found = group.single ? byWord.get(group.text) : undefined
		const corrections = found && !found.known ? found.corrections : []
		if (corrections.length > 0) corrected = true
		return { ...group, corrections }
	})
	return {
		groups: repaired,
		correctedQuery: corrected ? groups.map((g) => repaired.find((r) => r.text === g.text)?.corrections[0] ?? g.text).join(' ') : null,
	}
}

/** A stretch of a title or summary, marked when it is a word the search matched (issue 16). */
export type MarkedSegment = { text: string; marked: boolean }

/**
 * Cuts a text into marked and unmarked segments at the given ranges: [start, end) offsets in
 * characters (code points, as the database counts them), ascending. Ranges out of bounds or
 * overlapping an earlier one are ignored, so the segments always join to the text unchanged.
 * Touching marked ranges stay separate segments: each matched word is its own mark.
 */
export function markedSegments(text: string, marks: readonly (readonly [number, number])[]): MarkedSegment[] {
	const characters = Array.from(text)
	const segments: MarkedSegment[] = []
	let at = 0
	const add = (from: number, to: number, marked: boolean) => {
		if (to > from) segments.push({ text: characters.slice(from, to).join(''), marked })
	}
	for (const [start, end] of marks) {
		if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > characters.length) continue
		add(at, start, false)
		add(start, end, true)
		at = end
	}
	add(at, characters.length, false)
	return segments
}
