import { sql, type SQL } from 'drizzle-orm'
import {
	buildCatalogueIndex,
	type CatalogueCard,
	searchCatalogueIndex,
	type CatalogueIndex,
	type IndexedCourse,
	type IndexFacetCount,
	type IndexFacetName,
	type IndexSearchFilters,
	type IndexSearchInput,
	type TextMatch,
} from '@leerplein/domain'
import { selectRows, type Database } from '../client.ts'
import { courseVisibleTo } from './catalogue.ts'

// Catalogue search (issue 4, ADR 010; issue 16): PostgreSQL matches the typed words (stemmer, GIN
// index, tiers, rank) and marks them on the page; filters, the eight facet counts and paging run
// over the viewer's in-process index (`@leerplein/domain` search-index).

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

export type CatalogueSearchFilters = IndexSearchFilters

/** A search: the typed words as groups, and the index's part (filters, order, page, the calendar's months). */
export type CatalogueSearchInput = Omit<IndexSearchInput, 'matches'> & {
	viewerTenantId: string | null
	/** The query as typed (normalised by the database the same way as titles); '' for filters only. */
	query: string
	groups: SearchTermGroup[]
	/** The query with each unknown word replaced by its best correction; null when nothing was corrected. */
	correctedQuery: string | null
	/**
	 * 'all': a course matches every group (the normal search). 'most': a course matches at least one
	 * group, ranked by how many and how rare the groups it matches are; asked when no course matches
	 * them all, so that a reasonable question never comes back empty (issue 16).
	 */
	matching?: 'all' | 'most'
}

export type SearchResultEntry = CatalogueCard & {
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

export type FacetName = IndexFacetName
export type FacetCount = IndexFacetCount

export type CatalogueSearchResult = { total: number; entries: SearchResultEntry[]; facets: FacetCount[] }

const phrase = (text: string) => sql`phraseto_tsquery(${CONFIG}, ${text})`
const anyOf = (texts: string[]) => sql`(${sql.join(texts.map(phrase), sql` || `)})`
const allOf = (groups: string[][]) => sql`(${sql.join(groups.map(anyOf), sql` && `)})`

/**
 * The typed words with their synonyms as one tsquery (dutch_unaccent): 'all' needs every group
 * (any of its phrases), 'any' one of them. The catalogue's matching for other searches over Dutch
 * text, such as the experts directory (ADR 048).
 */
export function termGroupsQuery(groups: readonly Pick<SearchTermGroup, 'text' | 'alternatives'>[], matching: 'all' | 'any' = 'all'): SQL {
	const phrases = groups.map((g) => [g.text, ...g.alternatives])
	return matching === 'all' ? allOf(phrases) : anyOf(phrases.flat())
}

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

/**
 * The courses the viewer's unit may find (published, and concern-wide, opened to the unit or its
 * own), in title order, each with a stamp that changes whenever its row, its provider's or its
 * theme's does (their row versions, `xmin`): what the in-process index holds (issue 16, item 6)
 * and which of its courses must be read again after a change. Read under the viewer's tenant
 * context: row-level security is the gate, the visibility condition the same rule said twice.
 */
export async function readVisibleCourseStamps(db: Database, viewerTenantId: string | null): Promise<{ id: string; stamp: string }[]> {
	return selectRows<{ id: string; stamp: string }>(
		db,
		sql`select courses.id, concat_ws(':', courses.xmin, u.xmin, t.xmin) as stamp
			from courses join tenants u on u.id = courses.provider_tenant_id left join themes t on t.id = courses.theme_id
			where courses.status = 'published' and ${courseVisibleTo(viewerTenantId, { unpublished: false })}
			order by courses.search_title collate "C", courses.id`,
	)
}

/** The given courses as the index holds them, those the viewer may find only. */
export async function readIndexedCourses(db: Database, viewerTenantId: string | null, ids: string[]): Promise<IndexedCourse[]> {
	if (ids.length === 0) return []
	const rows = await selectRows<Omit<IndexedCourse, 'sessionStarts'> & { sessionStarts: (number | string)[] | null }>(
		db,
		sql`select courses.id, courses.title, courses.summary, courses.form::text as "form", courses.language::text as "language", courses.duration_minutes as "durationMinutes",
				courses.price_cents as "priceCents", courses.provider_tenant_id as "providerId", u.name as "providerName", u.short_name as "providerShortName",
				courses.theme_id as "themeId", t.name_nl as "themeNameNl", t.name_en as "themeNameEn", courses.search_title as "sortTitle",
				array(select (extract(epoch from s) * 1000)::float8 from unnest(courses.session_starts) s) as "sessionStarts",
				courses.session_calendar as "calendar"
			from courses join tenants u on u.id = courses.provider_tenant_id left join themes t on t.id = courses.theme_id
			where courses.id = any(${`{${ids.join(',')}}`}::uuid[]) and courses.status = 'published' and ${courseVisibleTo(viewerTenantId, { unpublished: false })}`,
	)
	return rows.map((row) => ({
		...row,
		durationMinutes: Number(row.durationMinutes),
		priceCents: Number(row.priceCents),
		sessionStarts: (row.sessionStarts ?? []).map(Number),
		calendar: row.calendar ?? [],
	}))
}

/** Every course the viewer may find, read and coded: what a search without a kept index uses. */
export async function readCatalogueIndex(db: Database, viewerTenantId: string | null): Promise<CatalogueIndex> {
	const visible = await readVisibleCourseStamps(db, viewerTenantId)
	return buildCatalogueIndex(await readIndexedCourses(db, viewerTenantId, visible.map((course) => course.id)))
}

export type TextMatchInput = Pick<CatalogueSearchInput, 'viewerTenantId' | 'query' | 'groups' | 'correctedQuery' | 'sort' | 'matching'>

/**
 * The courses that match the typed words, with how well (tier, weight, rank): the one part of a
 * search PostgreSQL does best — the Dutch stemmer, the GIN index, phrases and ranking. Filters,
 * facets and paging are the index's (`searchCatalogueIndex`).
 */
export async function matchCatalogueText(db: Database, input: TextMatchInput): Promise<Map<string, TextMatch>> {
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
	const most = input.matching === 'most'
	const relevance = input.sort === 'relevantie'
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
	const tier = most
		? sql`8 + ${input.groups.length} - ${matchedGroups}`
		: sql`case when courses.search_document @@ ${exact} then ${tierFor(sql`search_normalise(${input.query})`, exact)}
			when courses.search_document @@ ${apart} then 3
			else 4 + ${corrected ? tierFor(sql`search_normalise(${corrected})`, best) : sql`3`} end`
	const rank = relevance ? sql`ts_rank(courses.search_document, ${most ? sql.join(groupQueries, sql` || `) : full})` : sql`0::real`
	// Which words a course matches weighs more than whether it has a session coming up.
	const weight = most && relevance ? sql`round((${matchedWeight})::numeric, 3)` : sql`0::numeric`
	const candidates = most ? sql`(${sql.join(groupQueries, sql` || `)})` : full
	const rows = await selectRows<{ id: string; tier: number | string; weight: number | string; literal: boolean; rank: number | string }>(
		db,
		sql`select courses.id, ${tier} as tier, ${weight} as weight, ${rank} as rank,
				${relevance ? sql`courses.search_document @@ ${literal}` : sql`true`} as literal
			from courses
			where courses.id in (select catalogue_text_matches(${candidates}))
				and courses.status = 'published' and ${courseVisibleTo(input.viewerTenantId, { unpublished: false })}`,
	)
	return new Map(rows.map((row) => [row.id, { tier: Number(row.tier), weight: Number(row.weight), literal: row.literal, rank: Number(row.rank) }]))
}

/** Marks the matched words in the page's titles and summaries (see `headline`); no table is read. */
async function markMatchedWords(db: Database, groups: SearchTermGroup[], courses: IndexedCourse[]): Promise<Map<string, { titleMarks: [number, number][]; summaryMarks: [number, number][] }>> {
	if (courses.length === 0 || groups.length === 0) return new Map()
	const rows = await selectRows<{ ordinality: number | string; title: string | null; summary: string | null }>(
		db,
		sql`with terms as materialized (select ${sql.join(
			groups.map((g) => groupQuery(g, [g.text, ...g.alternatives, ...g.corrections])),
			sql` || `,
		)} as query)
			select t.ordinality, ${headline(sql`t.title`)} as title, ${headline(sql`t.summary`)} as summary
			from unnest(${textArray(courses.map((c) => c.title))}, ${textArray(courses.map((c) => c.summary))}) with ordinality as t(title, summary, ordinality)
			cross join terms`,
	)
	return new Map(
		rows.map((row) => {
			const course = courses[Number(row.ordinality) - 1]!
			return [course.id, { titleMarks: marksFrom(course.title, row.title), summaryMarks: marksFrom(course.summary, row.summary) }]
		}),
	)
}

/**
 * One search with an index already read (a portal keeps one per unit and catalogue version):
 * the text match in PostgreSQL when words were typed, then filters, facets and the page from
 * the index, then the matched words marked on that page. Run in the viewer's tenant context.
 */
export async function searchCatalogueWith(db: Database, index: CatalogueIndex, input: CatalogueSearchInput): Promise<CatalogueSearchResult> {
	const searching = input.groups.length > 0
	const matches = searching ? await matchCatalogueText(db, input) : null
	const result = searchCatalogueIndex(index, {
		matches,
		filters: input.filters,
		sort: input.sort,
		limit: input.limit,
		offset: input.offset,
		now: input.now,
		currentMonth: input.currentMonth,
		periodEndMonth: input.periodEndMonth,
	})
	const marks = searching ? await markMatchedWords(db, input.groups, result.entries.map((e) => e.course)) : null
	return {
		total: result.total,
		entries: result.entries.map(({ course, tier, nextSessionAt }) => ({
			id: course.id,
			title: course.title,
			summary: course.summary,
			form: course.form,
			language: course.language,
			durationMinutes: course.durationMinutes,
			priceCents: course.priceCents,
			providerName: course.providerName,
			providerShortName: course.providerShortName,
			themeNameNl: course.themeNameNl,
			themeNameEn: course.themeNameEn,
			nextSessionAt,
			titleMarks: marks?.get(course.id)?.titleMarks ?? [],
			summaryMarks: marks?.get(course.id)?.summaryMarks ?? [],
			tier,
		})),
		facets: result.facets,
	}
}

/** One search, reading the viewer's index first (tests, tools); the portal keeps the index instead (`searchCatalogueWith`). */
export async function searchCatalogue(db: Database, input: CatalogueSearchInput): Promise<CatalogueSearchResult> {
	return searchCatalogueWith(db, await readCatalogueIndex(db, input.viewerTenantId), input)
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
