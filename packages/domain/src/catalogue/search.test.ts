import { describe, expect, test } from 'vitest'
import {
	askedQueryOf,
	dutchDayOf,
	MAX_ASKED_QUERY_LENGTH,
	durationBucketOf,
	dutchMonthOf,
	expandQuery,
	markedSegments,
	MAX_QUERY_LENGTH,
	monthsFrom,
	normaliseSearchText,
	parseSearchState,
	parseSynonymInput,
	queryWords,
	searchStateToQueryString,
	type QueryParameters,
	toggleFilter,
	withCorrections,
	type SearchState,
} from './search.ts'

import { ENGLISH_DUTCH_GLOSSARY } from './english-glossary.ts'
/** A query string as the parser reads it (the domain has no URLSearchParams: no DOM, no Node). */
function params(query: string): QueryParameters {
	const pairs = query
		.split('&')
		.filter((part) => part !== '')
		.map((part) => {
			const [name, value = ''] = part.split('=')
			const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '))
			return [decode(name!), decode(value)] as const
		})
	return { getAll: (name) => pairs.filter(([n]) => n === name).map(([, v]) => v), get: (name) => pairs.find(([n]) => n === name)?.[1] ?? null }
}

const parse = (query: string) => {
	const result = parseSearchState(params(query))
	if (!result.ok) throw new Error(result.code)
	return result.value
}

describe('parseSearchState', () => {
	test('reads the query, every filter, the sort and the page', () => {
		const { state, notices } = parse(
			'q=+Integriteit++in+de+praktijk+&vorm=klassikaal&vorm=webinar&thema=integriteit&aanbieder=rvo&plaats=Utrecht&periode=2027-01&taal=nl&kosten=gratis&duur=dag&sorteer=datum&pagina=3',
		)
		expect(notices).toEqual([])
		expect(state).toEqual({
			query: 'Integriteit in de praktijk',
			filters: {
				providers: ['rvo'],
				forms: ['classroom', 'webinar'],
				themes: ['integriteit'],
				cities: ['Utrecht'],
				months: ['2027-01'],
				languages: ['nl'],
				costs: ['gratis'],
				durations: ['dag'],
			},
			sort: 'datum',
			page: 3,
		})
	})

	test('defaults: relevance with a query, title without one, page 1', () => {
		expect(parse('q=avg').state.sort).toBe('relevantie')
		expect(parse('').state).toMatchObject({ query: '', sort: 'titel', page: 1 })
	})

	test('ignores unknown filter values and sorts, and says which', () => {
		const { state, notices } = parse('vorm=hologram&taal=fr&kosten=duur&duur=eeuwig&periode=2027-13&thema=<script>&sorteer=random&vorm=e-learning')
		expect(state.filters.forms).toEqual(['elearning'])
		expect(state.filters.languages).toEqual([])
		expect(state.filters.themes).toEqual([])
		expect(state.sort).toBe('titel')
		expect(notices).toEqual(
			expect.arrayContaining([
				{ kind: 'FILTER_IGNORED', parameter: 'vorm', value: 'hologram' },
				{ kind: 'FILTER_IGNORED', parameter: 'taal', value: 'fr' },
				{ kind: 'FILTER_IGNORED', parameter: 'kosten', value: 'duur' },
				{ kind: 'FILTER_IGNORED', parameter: 'duur', value: 'eeuwig' },
				{ kind: 'FILTER_IGNORED', parameter: 'periode', value: '2027-13' },
				{ kind: 'FILTER_IGNORED', parameter: 'thema', value: '<script>' },
				{ kind: 'SORT_IGNORED', value: 'random' },
			]),
		)
	})

	test('cuts a very long query and too many words, and says so', () => {
		const long = parse(`q=${'a'.repeat(5000)}`)
		expect(long.state.query).toHaveLength(MAX_QUERY_LENGTH)
		expect(long.notices).toEqual([{ kind: 'QUERY_TRUNCATED', maxLength: MAX_QUERY_LENGTH }])
		const wordy = parse(`q=${'woord '.repeat(20)}`)
		expect(wordy.state.query.split(' ')).toHaveLength(8)
		expect(wordy.notices).toEqual([{ kind: 'TOO_MANY_WORDS', maxWords: 8 }])
	})

	test('keeps SQL and HTML in the query as plain text, without control characters', () => {
		expect(parse(`q=${encodeURIComponent("'; drop table courses; -- <b>x</b>\u0000")}`).state.query).toBe("'; drop table courses; -- <b>x</b>")
	})

	test('rejects a page that is not a positive number; a far page is for the service to answer', () => {
		expect(parseSearchState(params('pagina=abc'))).toEqual({ ok: false, code: 'PAGE_NOT_A_NUMBER' })
		expect(parse('pagina=9999').state.page).toBe(9999)
		expect(parse('pagina=99999999').state.page).toBe(10_001)
		expect(parseSearchState(params('pagina=0'))).toEqual({ ok: false, code: 'PAGE_OUT_OF_RANGE' })
	})

	test('caps the number of values per filter', () => {
		const many = Array.from({ length: 30 }, (_, i) => `plaats=stad${i}`).join('&')
		const { state, notices } = parse(many)
		expect(state.filters.cities).toHaveLength(20)
		expect(notices).toHaveLength(10)
	})
})

describe('searchStateToQueryString', () => {
	test('one canonical URL per search: sorted values, defaults left out, and it reads back the same', () => {
		const a = parse('vorm=webinar&vorm=klassikaal&q=avg&sorteer=relevantie&pagina=1')
		const b = parse('q=avg&vorm=klassikaal&vorm=webinar')
		expect(searchStateToQueryString(a.state)).toBe('q=avg&vorm=klassikaal&vorm=webinar')
		expect(searchStateToQueryString(b.state)).toBe(searchStateToQueryString(a.state))
		const round = parse(searchStateToQueryString(parse('q=x&thema=juridisch&sorteer=titel&pagina=2').state))
		expect(round.state).toEqual(parse('q=x&thema=juridisch&sorteer=titel&pagina=2').state)
	})

	test('toggling a filter adds or removes the value and goes back to page 1', () => {
		const state: SearchState = { ...parse('q=avg&pagina=3').state }
		const on = toggleFilter(state, 'forms', 'webinar')
		expect(on.filters.forms).toEqual(['webinar'])
		expect(on.page).toBe(1)
		expect(toggleFilter(on, 'forms', 'webinar').filters.forms).toEqual([])
	})
})

describe('query words and synonyms', () => {
	test('normalises case and accents', () => {
		expect(normaliseSearchText('  Coördinator   Financiën ')).toBe('coordinator financien')
		expect(queryWords('P&O-adviseur, e-learning; "AVG"!')).toEqual(['p&o-adviseur', 'e-learning', 'avg'])
	})

	const synonyms = [
		{ term: 'avg', expansions: ['algemene verordening gegevensbescherming', 'privacy'] },
		{ term: 'p&o', expansions: ['hr', 'personeelszaken'] },
	]

	test('expands an abbreviation into its meanings, and a meaning back into the abbreviation', () => {
		expect(expandQuery('AVG training', synonyms)).toEqual([
			{ text: 'avg', alternatives: ['algemene verordening gegevensbescherming', 'privacy'], single: false },
			{ text: 'training', alternatives: [], single: true },
		])
		expect(expandQuery('algemene verordening gegevensbescherming', synonyms)).toEqual([
			{ text: 'algemene verordening gegevensbescherming', alternatives: ['avg', 'privacy'], single: false },
		])
		expect(expandQuery('P&O', synonyms)[0]!.alternatives).toEqual(['hr', 'personeelszaken'])
	})

	test('a translation works one way: English finds the Dutch words, Dutch keeps its own (word forms, typo repair)', () => {
		expect(expandQuery('negotiation skills', synonyms, ENGLISH_DUTCH_GLOSSARY)).toEqual([
			{ text: 'negotiation skills', alternatives: ['onderhandelen', 'onderhandelingsvaardigheden'], single: false },
		])
		expect(expandQuery('First aid', synonyms, ENGLISH_DUTCH_GLOSSARY)[0]!.alternatives).toEqual(['bhv', 'eerste hulp', 'ehbo'])
		expect(expandQuery('onderhandelen', synonyms, ENGLISH_DUTCH_GLOSSARY)).toEqual([{ text: 'onderhandelen', alternatives: [], single: true }])
		// The administrator's synonyms and a translation of the same phrase add up.
		expect(expandQuery('gdpr', [{ term: 'gdpr', expansions: ['privacy'] }], ENGLISH_DUTCH_GLOSSARY)[0]!.alternatives).toEqual(['algemene verordening gegevensbescherming', 'avg', 'privacy'])
	})

	test('the glossary translates only English: no Dutch query is touched by it, and no entry is empty', () => {
		for (const entry of ENGLISH_DUTCH_GLOSSARY) {
			expect(entry.expansions.length).toBeGreaterThan(0)
			expect(entry.expansions).not.toContain(entry.term)
		}
		for (const dutch of ['privacy', 'feedback', 'coaching', 'budget', 'integriteit', 'toezicht', 'leiderschap']) {
			expect(expandQuery(dutch, [], ENGLISH_DUTCH_GLOSSARY)).toEqual([{ text: dutch, alternatives: [], single: true }])
		}
	})

	test('words without synonyms stay single, eligible for typo repair', () => {
		expect(expandQuery('projectmanagment', [])).toEqual([{ text: 'projectmanagment', alternatives: [], single: true }])
		expect(expandQuery('', synonyms)).toEqual([])
	})

	test('validates a synonym entry from the admin form', () => {
		expect(parseSynonymInput(' WOO ', 'Wet open overheid, openbaarheid\nWob')).toEqual({
			ok: true,
			value: { term: 'woo', expansions: ['wet open overheid', 'openbaarheid', 'wob'] },
		})
		expect(parseSynonymInput('', 'x')).toEqual({ ok: false, code: 'SYNONYM_TERM_REQUIRED' })
		expect(parseSynonymInput('avg', ' , ')).toEqual({ ok: false, code: 'SYNONYM_EXPANSIONS_REQUIRED' })
		expect(parseSynonymInput('avg', 'AVG')).toEqual({ ok: false, code: 'SYNONYM_EXPANSION_IS_TERM' })
		expect(parseSynonymInput('x'.repeat(61), 'y')).toEqual({ ok: false, code: 'SYNONYM_TERM_TOO_LONG' })
		expect(parseSynonymInput('a', Array.from({ length: 11 }, (_, i) => `w${i}`).join(','))).toEqual({ ok: false, code: 'SYNONYM_TOO_MANY_EXPANSIONS' })
	})
})

describe('facet helpers', () => {
	test('duration buckets', () => {
		expect([30, 60, 61, 240, 241, 480, 481].map(durationBucketOf)).toEqual(['kort', 'kort', 'dagdeel', 'dagdeel', 'dag', 'dag', 'meerdaags'])
	})

	test('months from a month, across a year end, in Dutch time', () => {
		expect(monthsFrom('2026-11', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
		expect(dutchMonthOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01')
	})
})

describe('withCorrections', () => {
	test('repairs unknown single words only, and spells out the corrected query', () => {
		const groups = expandQuery('avg projectmanagment cursus', [{ term: 'avg', expansions: ['privacy'] }])
		const result = withCorrections(groups, [
			{ word: 'projectmanagment', known: false, corrections: ['projectmanagement', 'procesmanagement'] },
			{ word: 'cursus', known: true, corrections: [] },
		])
		expect(result.groups.map((g) => g.corrections)).toEqual([[], ['projectmanagement', 'procesmanagement'], []])
		expect(result.correctedQuery).toBe('avg projectmanagement cursus')
	})

	test('drops stop words, which a Dutch document never matches, but keeps them in the corrected query', () => {
		const result = withCorrections(expandQuery('voor integritijt', []), [
			{ word: 'voor', known: true, corrections: [], stopWord: true },
			{ word: 'integritijt', known: false, corrections: ['integriteit'] },
		])
		expect(result.groups.map((g) => g.text)).toEqual(['integritijt'])
		expect(result.correctedQuery).toBe('voor integriteit')
	})

	test('no correction when every word is known, or nothing is near', () => {
		const groups = expandQuery('xyzzy', [])
		expect(withCorrections(groups, [{ word: 'xyzzy', known: false, corrections: [] }]).correctedQuery).toBeNull()
	})
})

describe('markedSegments', () => {
	test('cuts at character offsets (code points), marks the ranges, and joins back to the text', () => {
		const text = 'Coördinatie 🙂 en vergaderen'
		const segments = markedSegments(text, [
			[0, 11],
			[17, 27],
		])
		expect(segments).toEqual([
			{ text: 'Coördinatie', marked: true },
			{ text: ' 🙂 en ', marked: false },
			{ text: 'vergaderen', marked: true },
		])
		expect(segments.map((s) => s.text).join('')).toBe(text)
	})

	test('ignores ranges out of bounds, empty, or overlapping an earlier one; no ranges is one plain segment', () => {
		expect(markedSegments('abc def', [[4, 7], [5, 6], [2, 2], [6, 99]])).toEqual([
			{ text: 'abc ', marked: false },
			{ text: 'def', marked: true },
		])
		expect(markedSegments('abc', [])).toEqual([{ text: 'abc', marked: false }])
		expect(markedSegments('', [[0, 1]])).toEqual([])
	})
})

describe('the asked query, as the search analytics count it', () => {
	test('is the normalised words, so differently typed forms of one question count as one', () => {
		expect(askedQueryOf('  Privacy   WÉT! ')).toBe('privacy wet')
		expect(askedQueryOf('P&O-beleid')).toBe('p&o-beleid')
	})

	test('is nothing for a search without words (only filters), and cut when very long', () => {
		expect(askedQueryOf('')).toBeNull()
		expect(askedQueryOf(' ?! ')).toBeNull()
		expect(askedQueryOf('woord '.repeat(40))!.length).toBeLessThanOrEqual(MAX_ASKED_QUERY_LENGTH)
	})

	test('is counted on the Dutch day', () => {
		expect(dutchDayOf(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05')
		expect(dutchDayOf(new Date('2026-07-04T21:59:00Z'))).toBe('2026-07-04')
	})
})
