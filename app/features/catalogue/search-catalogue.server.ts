import { withTenantContext, type Database } from '@leerplein/db'
import {
	analyseSearchWords,
	catalogueSearchVersion,
	listSynonyms,
	listThemes,
	readIndexedCourses,
	readVisibleCourseStamps,
	recordSearchQuery,
	searchCatalogueWith,
	searchVocabulary,
	type CatalogueSearchResult,
	type FacetName,
	type SearchResultEntry,
} from '@leerplein/db/catalogue'
import { listTenants } from '@leerplein/db/tenants'
import {
	COST_VALUES,
	COURSE_FORMS,
	DURATION_BUCKETS,
	ENGLISH_DUTCH_GLOSSARY,
	FORM_SLUGS,
	FILTER_PARAMETERS,
	LANGUAGES,
	PERIOD_MONTHS,
	askedQueryOf,
	buildCatalogueIndex,
	buildWordIndex,
	correctedQueryOf,
	dutchDayOf,
	dutchMonthOf,
	expandQuery,
	monthsFrom,
	pageCount,
	pageWindow,
	queryWords,
	searchStateToQueryString,
	withCorrections,
	withWordForms,
	type CatalogueIndex,
	type CourseForm,
	type IndexedCourse,
	type SearchNotice,
	type SearchState,
	type Synonym,
	type WordIndex,
} from '@leerplein/domain'
import { createCache, type Cache } from '../../core/cache.server.ts'
import { succeed, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export const SEARCH_PAGE_SIZE = 20

/** Facets in the order the page shows them. */
export const FACET_ORDER: FacetName[] = ['form', 'theme', 'provider', 'city', 'month', 'language', 'cost', 'duration']

export type FacetValue = { value: string; count: number; selected: boolean; label: string; labelEn: string }
export type Facet = { name: FacetName; parameter: string; values: FacetValue[] }

export type CatalogueSearchView = {
	/** The canonical query string of this search (shareable; the cache key). */
	canonical: string
	state: SearchState
	total: number
	page: number
	pages: number
	/** Asked for a page after the last one: the page is empty and offers the way back. */
	pageOutOfRange: boolean
	entries: SearchResultEntry[]
	facets: Facet[]
	notices: SearchNotice[]
	/** The query with its typos repaired, when that changed anything. */
	didYouMean: string | null
	/** No course matched every word, so these match most of them (best first); the page says so. */
	partialMatch: boolean
	/** Every theme, to browse by when nothing was found. */
	themes: { slug: string; nameNl: string; nameEn: string }[]
}

type Vocabulary = {
	version: number
	synonyms: Synonym[]
	tenants: { id: string; slug: string; name: string; shortName: string }[]
	themes: { id: string; slug: string; nameNl: string; nameEn: string }[]
	/** The catalogue's words related: families, compound parts, acronyms (issue 16). */
	wordIndex: WordIndex
}

/** The search's context: a service context, and how many answers this process keeps (`SEARCH_CACHE_SIZE`; 0 keeps none). */
export type SearchContext = ServiceContext & { config: { searchCacheSize: number } }

/**
 * Answers are cached per process, keyed by the catalogue version (ADR 010): any change to
 * courses, sessions, audiences, themes, unit names or synonyms moves the version, so a cached
 * answer is never stale. Entries also expire after five minutes, because "upcoming" moves with
 * time. A repeated search costs one tiny query (the version): no word analysis, no search. The
 * same search asked again while it is being answered waits for that answer.
 */
const ANSWER_TTL_MS = 5 * 60_000
/** The whole answer but the notices of parsing the URL, which belong to each request. */
type Answer = Omit<CatalogueSearchView, 'notices'> & { vocabularyNotices: SearchNotice[] }
/** Made at the first search, with the process's size and clock; none when the size is 0. */
let answers: { size: number; cache: Cache<Answer> } | null = null
/** The newest catalogue version seen: answers of older versions can never be asked for again. */
let newestVersion = -1
/** Per database, the synonyms, units and themes of the newest version a search read them at. */
const vocabularies = new WeakMap<Database, Cache<Vocabulary>>()

function answerCache(ctx: SearchContext): Cache<Answer> | null {
	const size = ctx.config.searchCacheSize
	if (size === 0) return null
	if (answers?.size !== size) answers = { size, cache: createCache<Answer>({ name: 'catalogue-search', max: size, ttlMs: ANSWER_TTL_MS, clock: ctx.clock }) }
	return answers.cache
}

function vocabularyAt(db: Database, version: number): Promise<Vocabulary> {
	let cache = vocabularies.get(db)
	if (cache === undefined) {
		cache = createCache<Vocabulary>({ name: 'catalogue-search-vocabulary', max: 1 })
		vocabularies.set(db, cache)
	}
	return cache.getOrLoad(String(version), async () => {
		const [synonyms, tenants, themes, vocabulary] = await Promise.all([listSynonyms(db), listTenants(db), listThemes(db), searchVocabulary(db)])
		return { version, synonyms, tenants, themes, wordIndex: buildWordIndex(vocabulary.words, vocabulary.phrases) }
	})
}

/**
 * Each unit's in-process index of the courses it may find (issue 16, item 6; ADR 010 addendum),
 * for the newest catalogue version: filters, facet counts and paging never go to PostgreSQL.
 * When the version moves, the next search of each unit reads which courses it may find now
 * (under its own tenant context: row-level security decides) with their stamps, and reads again
 * only the courses whose stamp changed; the rows are shared by the units' indexes (a course's
 * row is the same for every unit that may see it). Concurrent searches share one read.
 */
type StampedCourse = { stamp: string; course: IndexedCourse }
type IndexStore = {
	version: number
	/** The courses read or confirmed at this version. */
	courses: Map<string, StampedCourse>
	/** Those of the version before, to confirm by their stamps instead of reading them again. */
	previous: Map<string, StampedCourse>
	byViewer: Map<string, Promise<CatalogueIndex>>
}
/** Per database (a process has one; a test may have two), its newest store. */
const indexStores = new WeakMap<Database, IndexStore>()

function indexFor(db: Database, version: number, viewerTenantId: string | null): Promise<CatalogueIndex> {
	const newest = indexStores.get(db)
	const store: IndexStore =
		newest !== undefined && newest.version >= version ? newest : { version, courses: new Map(), previous: newest?.courses ?? new Map(), byViewer: new Map() }
	if (store !== newest) indexStores.set(db, store)
	const key = viewerTenantId ?? '-'
	let index = store.byViewer.get(key)
	if (index === undefined) {
		index = withTenantContext(db, { tenantId: viewerTenantId, userId: null }, async (tx) => {
			const visible = await readVisibleCourseStamps(tx, viewerTenantId)
			const changed = new Map<string, string>()
			for (const { id, stamp } of visible) {
				const known = store.courses.get(id) ?? store.previous.get(id)
				if (known?.stamp === stamp) store.courses.set(id, known)
				else changed.set(id, stamp)
			}
			for (const course of await readIndexedCourses(tx, viewerTenantId, [...changed.keys()])) store.courses.set(course.id, { stamp: changed.get(course.id)!, course })
			return buildCatalogueIndex(visible.flatMap(({ id }) => store.courses.get(id)?.course ?? []))
		})
		store.byViewer.set(key, index)
		// A failed read is not kept: the next search tries again.
		index.catch(() => store.byViewer.get(key) === index && store.byViewer.delete(key))
	}
	return index
}

/**
 * One search of the catalogue as the viewer's unit may see it (a visitor: `actor` null): results,
 * total, the eight facets with counts, typo repair and "did you mean". Unknown filter values are
 * dropped and reported; a page past the end is answered with an empty page that says so.
 * `record`: count it in the search analytics (ADR 037), also when the answer was cached.
 */
export async function searchCataloguePage(
	ctx: SearchContext,
	{ actor, state: requested, notices: parseNotices, record = false }: { actor: Actor | null; state: SearchState; notices: SearchNotice[]; record?: boolean },
): Promise<ServiceResult<CatalogueSearchView>> {
	const now = ctx.clock.now()
	const viewerTenantId = actor?.tenantId ?? null
	const version = await catalogueSearchVersion(ctx.db)
	const cache = answerCache(ctx)
	if (version > newestVersion) {
		newestVersion = version
		cache?.clear()
	}
	const key = `${version}|${viewerTenantId ?? '-'}|${dutchMonthOf(now)}|${searchStateToQueryString(requested)}`
	const answer = cache
		? await cache.getOrLoad(key, () => answerSearch(ctx.db, { version, viewerTenantId, requested, now }))
		: await answerSearch(ctx.db, { version, viewerTenantId, requested, now })
	const { vocabularyNotices, ...view } = answer
	if (record) await recordSearch(ctx, view, now)
	return succeed({ ...view, notices: [...parseNotices, ...vocabularyNotices] })
}

/**
 * Counts a search in the search analytics (ADR 037): only the first page of a search with words
 * (paging on, or only filters, is not another question), normalised and without anything personal.
 * Its own statement outside the search's transaction; a failure is logged, never the searcher's problem.
 */
async function recordSearch(ctx: SearchContext, view: Omit<CatalogueSearchView, 'notices'>, now: Date): Promise<void> {
	const query = askedQueryOf(view.state.query)
	if (query === null || view.state.page !== 1) return
	try {
		await recordSearchQuery(ctx.db, { day: dutchDayOf(now), query, resultCount: view.total, partialMatch: view.partialMatch })
	} catch (error) {
		ctx.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'search analytics: a search was not counted')
	}
}

async function answerSearch(
	db: Database,
	{ version, viewerTenantId, requested, now }: { version: number; viewerTenantId: string | null; requested: SearchState; now: Date },
): Promise<Answer> {
	const notices: SearchNotice[] = []
	// Public tables only (no tenant context needed): the typed words. Filters alone ask nothing.
	const typed = [...new Set(queryWords(requested.query))]
	const analysed = typed.length > 0 ? (await analyseSearchWords(db, typed)).words : []
	const [words, index] = await Promise.all([vocabularyAt(db, version), indexFor(db, version, viewerTenantId)])

	const known = <T extends { slug: string; id: string }>(list: T[], slugs: string[], parameter: string) =>
		slugs.flatMap((slug) => {
			const found = list.find((item) => item.slug === slug)
			if (!found) notices.push({ kind: 'FILTER_IGNORED', parameter, value: slug })
			return found ? [found] : []
		})
	const providers = known(words.tenants, requested.filters.providers, FILTER_PARAMETERS.providers)
	const themes = known(words.themes, requested.filters.themes, FILTER_PARAMETERS.themes)
	const state: SearchState = {
		...requested,
		filters: { ...requested.filters, providers: providers.map((p) => p.slug), themes: themes.map((t) => t.slug) },
	}

	const expanded = expandQuery(state.query, words.synonyms, ENGLISH_DUTCH_GLOSSARY)
	// Typo repair, then word forms, compounds, completions and acronyms from the catalogue (issue 16).
	const groups = withWordForms(withCorrections(expanded, analysed).groups, analysed, words.wordIndex)
	const correctedQuery = correctedQueryOf(expanded, groups)
	const currentMonth = dutchMonthOf(now)
	const months = monthsFrom(currentMonth, PERIOD_MONTHS + 1)
	const window = pageWindow(state.page, SEARCH_PAGE_SIZE)
	// Matching words reads courses: row-level security sees the same viewer as the query's own
	// visibility filter. Filters alone are answered by the index, without a transaction.
	const inViewerContext = <T,>(work: (tx: Database) => Promise<T>) => (groups.length > 0 ? withTenantContext(db, { tenantId: viewerTenantId, userId: null }, work) : work(db))
	const search = (matching: 'all' | 'most', asked = groups) => inViewerContext((tx) =>
		searchCatalogueWith(tx, index, {
			matching,
			viewerTenantId,
			query: state.query,
			groups: asked,
			correctedQuery,
			filters: {
				providerIds: providers.map((p) => p.id),
				themeIds: themes.map((t) => t.id),
				forms: state.filters.forms,
				cities: state.filters.cities,
				months: state.filters.months,
				languages: state.filters.languages,
				costs: state.filters.costs,
				durations: state.filters.durations,
			},
			sort: state.sort,
			limit: window.pageSize,
			offset: window.offset,
			now,
			currentMonth,
			periodEndMonth: months.at(-1)!,
		}),
	)
	// All words first; only when no course has them all, the courses with the most of them (a second
	// query that only empty answers pay for), so a longer question never comes back empty.
	const everyWord = await search('all')
	// A typed compound counts as its parts here ("agressiebeheersing": agressie, beheersing).
	const mostGroups = groups.flatMap((g) => (g.parts.length > 0 ? g.parts.map((part) => ({ text: part[0]!, alternatives: [], single: false, corrections: [], forms: part, parts: [] })) : [g]))
	const partialMatch = everyWord.total === 0 && mostGroups.length > 1
	const result = partialMatch ? await search('most', mostGroups) : everyWord

	const pages = pageCount(result.total, SEARCH_PAGE_SIZE)
	return {
		canonical: searchStateToQueryString(state),
		state,
		total: result.total,
		page: state.page,
		pages,
		pageOutOfRange: state.page > pages,
		entries: result.entries,
		facets: facetsOf(result, state, words, months.slice(0, PERIOD_MONTHS)),
		vocabularyNotices: notices,
		didYouMean: correctedQuery,
		partialMatch: partialMatch && result.total > 0,
		themes: words.themes.map(({ slug, nameNl, nameEn }) => ({ slug, nameNl, nameEn })),
	}
}

/** Every facet value that has results, plus every selected one (even at zero), in a sensible order. */
function facetsOf(result: CatalogueSearchResult, state: SearchState, words: Vocabulary, months: string[]): Facet[] {
	const counts = new Map(result.facets.map((f) => [`${f.facet}|${f.value}`, f.count]))
	const count = (facet: FacetName, value: string) => counts.get(`${facet}|${value}`) ?? 0
	const shown = (values: FacetValue[]) => values.filter((v) => v.count > 0 || v.selected)
	const { filters } = state
	const fixed = (name: FacetName, values: readonly string[], selected: readonly string[], parameter: string, valueOf = (v: string) => v): Facet => ({
		name,
		parameter,
		values: shown(values.map((v) => ({ value: valueOf(v), count: count(name, v), selected: selected.includes(v), label: v, labelEn: v }))),
	})
	const cities = [...new Set([...result.facets.filter((f) => f.facet === 'city').map((f) => f.value), ...filters.cities])]
		.map((city) => ({ value: city, count: count('city', city), selected: filters.cities.includes(city), label: city, labelEn: city }))
		.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nl'))

	const facets: Record<FacetName, Facet> = {
		form: fixed('form', COURSE_FORMS, filters.forms, FILTER_PARAMETERS.forms, (form) => FORM_SLUGS[form as CourseForm]),
		theme: {
			name: 'theme',
			parameter: FILTER_PARAMETERS.themes,
			values: shown(
				[...words.themes]
					.sort((a, b) => a.nameNl.localeCompare(b.nameNl, 'nl'))
					.map((t) => ({ value: t.slug, count: count('theme', t.id), selected: filters.themes.includes(t.slug), label: t.nameNl, labelEn: t.nameEn })),
			),
		},
		provider: {
			name: 'provider',
			parameter: FILTER_PARAMETERS.providers,
			values: shown(
				words.tenants.map((t) => ({ value: t.slug, count: count('provider', t.id), selected: filters.providers.includes(t.slug), label: t.name, labelEn: t.name })),
			),
		},
		city: { name: 'city', parameter: FILTER_PARAMETERS.cities, values: shown(cities) },
		month: fixed('month', [...new Set([...months, ...filters.months])].sort(), filters.months, FILTER_PARAMETERS.months),
		language: fixed('language', LANGUAGES, filters.languages, FILTER_PARAMETERS.languages),
		cost: fixed('cost', COST_VALUES, filters.costs, FILTER_PARAMETERS.costs),
		duration: fixed('duration', DURATION_BUCKETS.map((b) => b.key), filters.durations, FILTER_PARAMETERS.durations),
	}
	return FACET_ORDER.map((name) => facets[name])
}
