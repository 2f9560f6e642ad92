import { sql, type SQL } from 'drizzle-orm'
import { DURATION_BUCKETS, type CourseForm, type Language, type SearchSort } from '@leerplein/domain'
import { selectRows, type Database } from '../client.ts'
import { courseVisibleTo } from './catalogue.ts'

// Catalogue search (issue 4, ADR 010): one round trip answers the page of results, the total
// and the counts of all eight facets, for the courses the viewer's unit may see.

const CONFIG = sql.raw(`'public.dutch_unaccent'`)

/** What the search document must match: each group is one typed word or phrase and what counts as the same. */
export type SearchTermGroup = {
	/** As typed, normalised. */
	text: string
	/** Synonyms: equally good. */
	alternatives: string[]
	/** Known words near an unknown typed word: matches, but rank below everything typed correctly. */
	corrections: string[]
	/**
	 * Catalogue words of the same family, compounds with the word as a part, completions of a
	 * half-typed word ([a-z0-9] only): as good as the word for tiers, ranked after it within one.
	 */
	forms?: string[]
	/** A typed compound's parts: per part the words that count as it; a course with every part matches. */
	parts?: string[][]
}

export type CatalogueSearchFilters = {
	providerIds: string[]
	forms: CourseForm[]
	themeIds: string[]
	cities: string[]
	months: string[]
	languages: Language[]
	costs: ('gratis' | 'betaald')[]
	durations: string[]
}

export type CatalogueSearchInput = {
	viewerTenantId: string | null
	/** The query as typed (normalised by the database the same way as titles); '' for filters only. */
	query: string
	groups: SearchTermGroup[]
	/** The query with each unknown word replaced by its best correction; null when nothing was corrected. */
	correctedQuery: string | null
	filters: CatalogueSearchFilters
	sort: SearchSort
	limit: number
	offset: number
	now: Date
	/** 'YYYY-MM' of now, Dutch time: the period and place facets look from here on. */
	currentMonth: string
	/** The month after the last one the period facet offers. */
	periodEndMonth: string
	/**
	 * 'all': a course matches every group (the normal search). 'most': a course matches at least one
	 * group, ranked by how many and how rare the groups it matches are; asked when no course matches
	 * them all, so that a reasonable question never comes back empty (issue 16).
	 */
	matching?: 'all' | 'most'
}

export type SearchResultEntry = {
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
	nextSessionAt: string | null
	/** The words of the title the search matched: [start, end) in characters, ascending (see markedSegments). */
	titleMarks: [number, number][]
	/** The same for the summary. */
	summaryMarks: [number, number][]
	/**
	 * 0 exact title, 1 phrase in title, 2 all words in title, 3 all words anywhere; +4 when only a
	 * correction matched. Matching 'most': 8 + the number of typed words (groups) the course misses.
	 */
	tier: number
}

export type FacetName = 'provider' | 'form' | 'theme' | 'city' | 'month' | 'language' | 'cost' | 'duration'
export type FacetCount = { facet: FacetName; value: string; count: number }

export type CatalogueSearchResult = { total: number; entries: SearchResultEntry[]; facets: FacetCount[] }

const phrase = (text: string) => sql`phraseto_tsquery(${CONFIG}, ${text})`
const anyOf = (texts: string[]) => sql`(${sql.join(texts.map(phrase), sql` || `)})`
const allOf = (groups: string[][]) => sql`(${sql.join(groups.map(anyOf), sql` && `)})`

/** Only plain catalogue words go into to_tsquery's syntax. */
const PLAIN_WORD = /^[a-z0-9]+$/
/** A word form or compound part list as one tsquery ('a | b', '(a | b) & (c | d)'); null when there is none. */
export function formsQueryText(group: Pick<SearchTermGroup, 'forms' | 'parts'>, withParts = true): string | null {
	const words = (list: string[]) => list.filter((w) => PLAIN_WORD.test(w))
	const alternatives: string[] = []
	const forms = words(group.forms ?? [])
	if (forms.length > 0) alternatives.push(forms.join(' | '))
	const parts = withParts ? (group.parts ?? []).map(words) : []
	if (parts.length >= 2 && parts.every((p) => p.length > 0)) alternatives.push(parts.map((p) => `(${p.join(' | ')})`).join(' & '))
	return alternatives.length > 0 ? alternatives.map((a) => `(${a})`).join(' | ') : null
}
/** A group: its phrases (as typed, synonyms, and when asked corrections) or its word forms. */
function groupQuery(group: SearchTermGroup, texts: string[], withParts = true): SQL {
	const forms = formsQueryText(group, withParts)
	return forms === null ? anyOf(texts) : sql`(${anyOf(texts)} || to_tsquery(${CONFIG}, ${forms}))`
}

/** 0 exact title, 1 the phrase in the title, 2 every word in the title, 3 every word anywhere. */
function tierFor(normalised: SQL, query: SQL): SQL {
	return sql`case
		when courses.search_title = ${normalised} then 0
		when strpos(' ' || courses.search_title || ' ', ' ' || ${normalised} || ' ') > 0 then 1
		when ts_filter(courses.search_document, '{a}') @@ ${query} then 2
		else 3 end`
}

/**
 * Where a title or summary has a word the search matched: ts_headline over the whole text, with
 * private-use characters around each matched word (never HTML), read back as ranges by
 * `marksFrom`. ts_headline parses the text with the search document's own parser and
 * dictionaries, so stems, accents and case count as the search counts them, and with every
 * word highlighted it gives the text back whole. Measured on the default seed: about 0.1 ms for
 * a page of 20 (a per-word to_tsvector in SQL cost ten times as much).
 */
const MARK_START = '\uE000'
const MARK_END = '\uE001'
const HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`
const headline = (text: SQL) => sql`case when numnode(terms.query) = 0 then null else ts_headline(${CONFIG}, ${text}, terms.query, ${HEADLINE_OPTIONS}) end`

/** The [start, end) character ranges between the marks of `headline`; none when the text is not the original with marks added. */
export function marksFrom(original: string, marked: string | null): [number, number][] {
	if (!marked || original.includes(MARK_START) || original.includes(MARK_END)) return []
	const ranges: [number, number][] = []
	let at = 0
	let start: number | null = null
	let plain = ''
	for (const character of marked) {
		if (character === MARK_START && start === null) start = at
		else if (character === MARK_END && start !== null) {
			if (at > start) ranges.push([start, at])
			start = null
		} else {
			plain += character
			at++
		}
	}
	return plain === original && start === null ? ranges : []
}

const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`}::text[]`

export async function searchCatalogue(db: Database, input: CatalogueSearchInput): Promise<CatalogueSearchResult> {
	const { filters } = input
	const now = sql`${input.now.toISOString()}::timestamptz`
	const searching = input.groups.length > 0
	const every = (queries: SQL[]) => sql`(${sql.join(queries, sql` && `)})`
	// As typed (with synonyms): ranks first within a tier.
	const literal = allOf(input.groups.map((g) => [g.text, ...g.alternatives]))
	// With word forms (families, compounds, completions): counts as typed for the tiers. A typed
	// compound found only as its parts apart counts as "every word anywhere" (tier 3).
	const exact = every(input.groups.map((g) => groupQuery(g, [g.text, ...g.alternatives], false)))
	const apart = every(input.groups.map((g) => groupQuery(g, [g.text, ...g.alternatives])))
	const full = every(input.groups.map((g) => groupQuery(g, [g.text, ...g.alternatives, ...g.corrections])))
	const corrected = input.correctedQuery
	const best = every(input.groups.map((g) => (g.corrections.length > 0 ? anyOf([g.corrections[0]!]) : groupQuery(g, [g.text, ...g.alternatives]))))

	const duration = sql.raw(
		`case ${DURATION_BUCKETS.filter((b) => b.maxMinutes !== null)
			.map((b) => `when courses.duration_minutes <= ${b.maxMinutes} then '${b.key}'`)
			.join(' ')} else '${DURATION_BUCKETS.at(-1)!.key}' end`,
	)
	const when = (active: boolean, condition: SQL) => (active ? condition : sql`true`)
	const calendarActive = filters.months.length > 0 || filters.cities.length > 0
	const monthMatches = (entry: SQL) => when(filters.months.length > 0, sql`left(${entry}, 7) = any(${textArray(filters.months)})`)
	const cityMatches = (entry: SQL) => when(filters.cities.length > 0, sql`substr(${entry}, 9) = any(${textArray(filters.cities)})`)

	const most = searching && input.matching === 'most'
	const groupQueries = input.groups.map((g) => groupQuery(g, [g.text, ...g.alternatives, ...g.corrections]))
	// A group's weight is its rarity: a course that matches the one unusual word of a question ranks
	// above one that matches a word half the catalogue has. Each count is one look-up in the GIN index.
	const groupWeights = groupQueries.map((query) => sql`(1.0 / ln(2 + (select count(*) from catalogue_text_matches(${query}))))`)
	const matchedGroups = sql`(${sql.join(
		groupQueries.map((query) => sql`(courses.search_document @@ ${query})::int`),
		sql` + `,
	)})`
	const matchedWeight = sql`(${sql.join(
		groupQueries.map((query, i) => sql`case when courses.search_document @@ ${query} then ${groupWeights[i]!} else 0 end`),
		sql` + `,
	)})`
	const tier = !searching
		? sql`0`
		: most
			? sql`8 + ${input.groups.length} - ${matchedGroups}`
			: sql`case when courses.search_document @@ ${exact} then ${tierFor(sql`search_normalise(${input.query})`, exact)}
			when courses.search_document @@ ${apart} then 3
			else 4 + ${corrected ? tierFor(sql`search_normalise(${corrected})`, best) : sql`3`} end`
	const rank = !searching || input.sort !== 'relevantie' ? sql`0::real` : sql`ts_rank(courses.search_document, ${most ? sql.join(groupQueries, sql` || `) : full})`
	// Which words a course matches weighs more than whether it has a session coming up.
	const weight = most && input.sort === 'relevantie' ? sql`round((${matchedWeight})::numeric, 3)` : sql`0::numeric`
	const candidates = most ? sql`(${sql.join(groupQueries, sql` || `)})` : full
	const order = {
		relevantie: sql`p.tier, p.weight desc, p.literal desc, p.has_upcoming desc, p.rank desc, p.sort_title, p.id`,
		datum: sql`p.next_at nulls last, p.sort_title, p.id`,
		titel: sql`p.sort_title, p.id`,
	}[input.sort]

	const flags = {
		p_provider: when(filters.providerIds.length > 0, sql`courses.provider_tenant_id = any(${`{${filters.providerIds.join(',')}}`}::uuid[])`),
		p_form: when(filters.forms.length > 0, sql`courses.form::text = any(${textArray(filters.forms)})`),
		p_theme: when(filters.themeIds.length > 0, sql`courses.theme_id = any(${`{${filters.themeIds.join(',')}}`}::uuid[])`),
		p_language: when(filters.languages.length > 0, sql`courses.language::text = any(${textArray(filters.languages)})`),
		p_cost: when(filters.costs.length > 0, sql`(case when courses.price_cents > 0 then 'betaald' else 'gratis' end) = any(${textArray(filters.costs)})`),
		p_duration: when(filters.durations.length > 0, sql`(${duration}) = any(${textArray(filters.durations)})`),
		p_calendar: when(
			calendarActive,
			sql`exists (select 1 from unnest(courses.session_calendar) e where e >= ${input.currentMonth} and ${monthMatches(sql`e`)} and ${cityMatches(sql`e`)})`,
		),
	}
	type Flag = keyof typeof flags
	const flagNames = Object.keys(flags) as Flag[]
	const allBut = (...except: Flag[]) => sql.raw(flagNames.filter((f) => !except.includes(f)).join(' and '))

	type Entry = Omit<SearchResultEntry, 'titleMarks' | 'summaryMarks'> & { titleMarked: string | null; summaryMarked: string | null }
	const rows = await selectRows<{ total: number; entries: Entry[] | null; facets: FacetCount[] | null }>(
		db,
		sql`
		with matched as materialized (
			select courses.id, courses.provider_tenant_id as provider, courses.form::text as form, courses.theme_id as theme,
				courses.language::text as language,
				case when courses.price_cents > 0 then 'betaald' else 'gratis' end as cost,
				${duration} as duration,
				courses.session_calendar as calendar,
				courses.search_title collate "C" as sort_title,
				coalesce(courses.session_starts[cardinality(courses.session_starts)] >= ${now}, false) as has_upcoming,
				${input.sort === 'datum' ? sql`(select min(s) from unnest(courses.session_starts) s where s >= ${now})` : sql`null::timestamptz`} as next_at,
				${tier} as tier,
				${rank} as rank,
				${weight} as weight,
				${searching && input.sort === 'relevantie' ? sql`courses.search_document @@ ${literal}` : sql`true`} as literal,
				${sql.join(
					flagNames.map((name) => sql`${flags[name]} as ${sql.raw(name)}`),
					sql`, `,
				)}
			from courses
			where courses.status = 'published' and ${courseVisibleTo(input.viewerTenantId, { unpublished: false })}
				${searching ? sql`and courses.id in (select catalogue_text_matches(${candidates}))` : sql``}
		),
		-- Read twice (the count, the page), but filtering the materialised rows again costs less than copying them.
		hits as not materialized (select * from matched where ${allBut()}),
		-- What the page marks: any word of the typed words, their synonyms and their corrections.
		terms as materialized (select ${searching ? sql.join(groupQueries, sql` || `) : sql`''::tsquery`} as query),
		page as (select * from hits p order by ${order} limit ${input.limit} offset ${input.offset}),
		facets as (
			select 'provider' as facet, provider::text as value, count(*) as n from matched where ${allBut('p_provider')} group by provider
			union all select 'form', form, count(*) from matched where ${allBut('p_form')} group by form
			union all select 'theme', theme::text, count(*) from matched where theme is not null and ${allBut('p_theme')} group by theme
			union all select 'language', language, count(*) from matched where ${allBut('p_language')} group by language
			union all select 'cost', cost, count(*) from matched where ${allBut('p_cost')} group by cost
			union all select 'duration', duration, count(*) from matched where ${allBut('p_duration')} group by duration
			-- A course counts once per month and city, however many of its sessions fall there.
			union all select 'month', left(e, 7), count(distinct id) from matched, unnest(calendar) e
				where e >= ${input.currentMonth} and e < ${input.periodEndMonth} and ${cityMatches(sql`e`)} and ${allBut('p_calendar')} group by 2
			union all select 'city', substr(e, 9), count(distinct id) from matched, unnest(calendar) e
				where e >= ${input.currentMonth} and substr(e, 9) <> '' and ${monthMatches(sql`e`)} and ${allBut('p_calendar')} group by 2
		)
		select
			(select count(*) from hits)::integer as total,
			(select json_agg(json_build_object(
				'id', c.id, 'title', c.title, 'summary', c.summary, 'form', c.form, 'language', c.language,
				'durationMinutes', c.duration_minutes, 'priceCents', c.price_cents,
				'providerName', u.name, 'providerShortName', u.short_name, 'themeNameNl', t.name_nl, 'themeNameEn', t.name_en,
				'nextSessionAt', (select min(s) from unnest(c.session_starts) s where s >= ${now}),
				'titleMarked', ${searching ? headline(sql`c.title`) : sql`null`},
				'summaryMarked', ${searching ? headline(sql`c.summary`) : sql`null`},
				'tier', p.tier) order by ${order})
				from page p join courses c on c.id = p.id join tenants u on u.id = c.provider_tenant_id left join themes t on t.id = c.theme_id
				cross join terms
			) as entries,
			(select json_agg(json_build_object('facet', facet, 'value', value, 'count', n)) from facets) as facets`,
	)
	const row = rows[0]!
	return {
		total: Number(row.total),
		entries: (parseJson(row.entries) ?? []).map(({ titleMarked, summaryMarked, ...entry }) => ({
			...entry,
			titleMarks: marksFrom(entry.title, titleMarked),
			summaryMarks: marksFrom(entry.summary, summaryMarked),
		})),
		facets: (parseJson(row.facets) ?? []).map((f) => ({ ...f, count: Number(f.count) })),
	}
}

/** postgres.js hands json columns back parsed; be lenient if a driver returns text. */
function parseJson<T>(value: T | string | null): T | null {
	return typeof value === 'string' ? (JSON.parse(value) as T) : value
}

export type SearchWordAnalysis = { word: string; known: boolean; corrections: string[]; stopWord: boolean; lexeme: string | null }

/** Below this trigram similarity a known word is no longer taken for what was meant. */
export const CORRECTION_SIMILARITY = 0.3

/**
 * The cache version, and for each typed word whether the catalogue knows its stem and, if
 * not, up to three known words it may be a typo of (most similar first, common words
 * preferred on near-ties). Words of two letters or fewer, and stop words, count as known.
 */
export async function analyseSearchWords(db: Database, words: string[]): Promise<{ version: number; words: SearchWordAnalysis[] }> {
	const rows = await selectRows<{ version: number | string; words: SearchWordAnalysis[] | string | null }>(
		db,
		sql`
		select (select version from catalogue_search_state where id = 1) as version,
			(select json_agg(json_build_object('word', a.word, 'known', a.known, 'corrections', a.corrections, 'stopWord', a.stop_word, 'lexeme', a.lexeme) order by a.ordinality)
			from (
				select w.word, w.ordinality, k.known, numnode(plainto_tsquery(${CONFIG}, w.word)) = 0 as stop_word,
					(select l.lexeme from unnest(to_tsvector(${CONFIG}, w.word)) l limit 1) as lexeme,
					case when k.known then array[]::text[] else array(
						select s.word from search_words s
						where s.word % w.word and similarity(s.word, w.word) >= ${CORRECTION_SIMILARITY}
						order by similarity(s.word, w.word) + 0.02 * ln(s.documents + 1) desc, s.word
						limit 3)
					end as corrections
				from unnest(${textArray(words)}) with ordinality as w(word, ordinality)
				cross join lateral (
					select length(w.word) <= 2
						or numnode(plainto_tsquery(${CONFIG}, w.word)) = 0
						or exists (select 1 from search_words s where s.lexeme in (select l.lexeme from unnest(to_tsvector(${CONFIG}, w.word)) l))
						as known
				) k
			) a) as words`,
	)
	const row = rows[0]
	return { version: Number(row?.version ?? 0), words: parseJson(row?.words ?? null) ?? [] }
}

/** Just the cache version: every change to what a search can show moves it. */
export async function catalogueSearchVersion(db: Database): Promise<number> {
	const [row] = await selectRows<{ version: number | string }>(db, sql`select version from catalogue_search_state where id = 1`)
	return Number(row?.version ?? 0)
}

/**
 * The catalogue's words with their stems, and its clauses of two or more words (both of the
 * published, concern-wide courses only): what the portal relates word forms and learns acronyms
 * from, once per catalogue version (issue 16).
 */
export async function searchVocabulary(db: Database): Promise<{ words: { word: string; lexeme: string; documents: number }[]; phrases: string[] }> {
	const [words, phrases] = await Promise.all([
		selectRows<{ word: string; lexeme: string; documents: number | string }>(db, sql`select word, lexeme, documents from search_words`),
		selectRows<{ phrase: string }>(db, sql`select phrase from search_phrases order by documents desc, phrase`),
	])
	return { words: words.map((w) => ({ ...w, documents: Number(w.documents) })), phrases: phrases.map((p) => p.phrase) }
}
