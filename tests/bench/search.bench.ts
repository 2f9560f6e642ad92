import os from 'node:os'
import { sql } from 'drizzle-orm'
import { selectRows, withTenantContext, type Database } from '@leerplein/db'
import { analyseSearchWords, listSynonyms, listThemes, readCatalogueIndex, searchCatalogueWith, searchVocabulary, type CatalogueSearchFilters } from '@leerplein/db/catalogue'
import { listTenants } from '@leerplein/db/tenants'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import {
	buildWordIndex,
	correctedQueryOf,
	dutchMonthOf,
	ENGLISH_DUTCH_GLOSSARY,
	expandQuery,
	monthsFrom,
	pageWindow,
	parseSearchState,
	PERIOD_MONTHS,
	queryWords,
	withCorrections,
	withWordForms,
	searchCatalogueIndex,
	type CatalogueIndex,
	type IndexSearchInput,
	type SearchState,
	type Synonym,
	type WordIndex,
} from '@leerplein/domain'
import type { Benchmark, BenchContext } from './harness.ts'
import { ms, perSecond, type LoadResult, type LatencySummary } from './load.ts'
import { table } from './report.ts'

// The realistic mix: what employees type (one word, two words, with typos) and what they click
// (filters without a query), in the proportions of the issue's four kinds.
const ONE_WORD = ['integriteit', 'excel', 'avg', 'leiderschap', 'projectmanagement', 'presenteren', 'woo', 'privacy', 'agile', 'omgevingswet', 'toezicht', 'schrijven', 'onderhandelen', 'mindfulness', 'cybersecurity', 'coaching', 'bio', 'rijksbegroting', 'feedback', 'vergaderingen']
const TWO_WORDS = ['integriteit leidinggevenden', 'helder schrijven', 'agile werken', 'veilig thuiswerken', 'sociale veiligheid', 'moreel beraad', 'power bi', 'europees recht', 'financiële kennis', 'omgaan met werkdruk', 'projectmatig werken', 'crisis communicatie', 'kunstmatige intelligentie', 'bezwaar beroep', 'datagedreven toezicht']
const TYPOS = ['projectmanagment', 'integritijt', 'exel', 'powerpiont', 'onderhandellen', 'stakholdermanagement', 'aanbestedingsreht', 'klokenluiders', 'leiderchap', 'presenteeren']
const FILTERS = [
	'vorm=klassikaal',
	'vorm=e-learning',
	'vorm=webinar&kosten=gratis',
	'thema=integriteit',
	'thema=leiderschap&vorm=klassikaal',
	'thema=digitale-vaardigheden&duur=kort',
	'plaats=Utrecht',
	'plaats=Den%20Haag&vorm=klassikaal',
	'taal=en',
	'kosten=gratis&duur=dagdeel',
	'aanbieder=rvo',
	'aanbieder=nvwa&thema=toezicht-handhaving',
	'sorteer=datum',
	'pagina=2',
	'thema=juridisch&sorteer=datum',
]

function searchMix(month: string): string[] {
	const periods = monthsFrom(month, 4).slice(1).map((m) => `periode=${m}`)
	return [
		...ONE_WORD.map((q) => `q=${encodeURIComponent(q)}`),
		...ONE_WORD.slice(0, 6).map((q) => `q=${encodeURIComponent(q)}&vorm=klassikaal`),
		...TWO_WORDS.map((q) => `q=${encodeURIComponent(q)}`),
		...TYPOS.map((q) => `q=${encodeURIComponent(q)}`),
		...FILTERS,
		...periods,
		`${periods[0]}&plaats=Utrecht`,
		'',
	]
}

type Vocabulary = { synonyms: Synonym[]; tenants: { id: string; slug: string }[]; themes: { id: string; slug: string }[]; wordIndex: WordIndex }

/** A URL's search as the index takes it (its filters by id, its page, this month), and its parsed state. */
function parsedSearch(vocabulary: Vocabulary, query: string): { state: SearchState; indexInput: Omit<IndexSearchInput, 'matches'> } {
	const parsed = parseSearchState(new URLSearchParams(query))
	if (!parsed.ok) throw new Error(parsed.code)
	const { state } = parsed.value
	const now = new Date()
	const currentMonth = dutchMonthOf(now)
	const window = pageWindow(state.page, 20)
	const filters: CatalogueSearchFilters = {
		...state.filters,
		providerIds: vocabulary.tenants.filter((t) => state.filters.providers.includes(t.slug)).map((t) => t.id),
		themeIds: vocabulary.themes.filter((t) => state.filters.themes.includes(t.slug)).map((t) => t.id),
	}
	return {
		state,
		indexInput: { filters, sort: state.sort, limit: window.pageSize, offset: window.offset, now, currentMonth, periodEndMonth: monthsFrom(currentMonth, PERIOD_MONTHS + 1).at(-1)! },
	}
}

/**
 * The search exactly as the portal's service runs it, without the portal and HTTP: the word
 * analysis and the text match in PostgreSQL when words were typed, the rest over the unit's index.
 */
async function engineSearch(db: Database, vocabulary: Vocabulary, index: CatalogueIndex, viewerTenantId: string, query: string) {
	const { state, indexInput } = parsedSearch(vocabulary, query)
	const typed = [...new Set(queryWords(state.query))]
	const analysis = typed.length > 0 ? await analyseSearchWords(db, typed) : { version: 0, words: [] }
	const expanded = expandQuery(state.query, vocabulary.synonyms, ENGLISH_DUTCH_GLOSSARY)
	const groups = withWordForms(withCorrections(expanded, analysis.words).groups, analysis.words, vocabulary.wordIndex)
	const correctedQuery = correctedQueryOf(expanded, groups)
	const search = (tx: Database) => searchCatalogueWith(tx, index, { ...indexInput, viewerTenantId, query: state.query, groups, correctedQuery })
	return groups.length > 0 ? withTenantContext(db, { tenantId: viewerTenantId, userId: null }, search) : search(db)
}

/** Filters, facet counts and the page alone, over the index (what a search without words costs in the process). */
function indexOnly(vocabulary: Vocabulary, index: CatalogueIndex, query: string) {
	return searchCatalogueIndex(index, { ...parsedSearch(vocabulary, query).indexInput, matches: null })
}

const row = (label: string, result: LoadResult) => [
	label,
	String(result.connections),
	perSecond(result.requestsPerSecond),
	ms(result.latency.p50),
	ms(result.latency.p95),
	ms(result.latency.p99),
	String(result.failures),
]

const LOAD_HEADER = ['what', 'connections', 'throughput', 'p50', 'p95', 'p99', 'failures']

async function measureRoute(ctx: BenchContext, url: string, paths: string[], cookie: string, label: string, runs: number[]) {
	const rows: string[][] = []
	const results: LoadResult[] = []
	for (const connections of runs) {
		ctx.log(`${label} at ${connections} connections`)
		const result = await ctx.load(url, paths.map((path) => ({ path })), { connections, durationSeconds: 15, headers: { cookie } })
		rows.push(row(label, result))
		results.push(result)
	}
	return { rows, results }
}

/**
 * Catalogue search on the large seed (issue 4): the JSON route of search-as-you-type and the
 * server-rendered /catalogus page, with the result cache on (the normal case: popular searches
 * repeat) and off (every request queries PostgreSQL), and the raw SQL of the same mix.
 */
const benchmark: Benchmark = {
	id: 'search',
	title: 'Catalogue search',
	async run(ctx) {
		const employee = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!
		const [user] = await selectRows<{ id: string; tenant_id: string }>(ctx.owner.db, sql`select id, tenant_id from users where email = ${employee.email}`)
		// The template is copied from a seeded database: give the planner fresh statistics, as autovacuum would.
		await ctx.owner.db.execute(sql`analyze`)
		const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(', ')
		const month = dutchMonthOf(new Date())
		const queries = searchMix(month)
		const cookie = await ctx.sessionCookie(user!.id)

		// Raw SQL: the same two statements the service sends (word analysis, then the one search query), as the app role under RLS.
		const app = await ctx.asApp({ maxConnections: 10 })
		const vocabulary: Vocabulary = {
			synonyms: await listSynonyms(app.db),
			tenants: await listTenants(app.db),
			themes: await listThemes(app.db),
			// Related once per catalogue version, as the service does (issue 16).
			wordIndex: await searchVocabulary(app.db).then((v) => buildWordIndex(v.words, v.phrases)),
		}
		// The unit's index, read and coded as a portal does after each catalogue change (the one wait
		// a change gives the next searcher), five times over.
		ctx.log('reading the index')
		const readIndex = () => withTenantContext(app.db, { tenantId: user!.tenant_id, userId: null }, (tx) => readCatalogueIndex(tx, user!.tenant_id))
		const indexReads = await ctx.timeSerially(5, () => readIndex())
		const index = await readIndex()
		const search = (q: string) => engineSearch(app.db, vocabulary, index, user!.tenant_id, q)
		ctx.log('engine, serially')
		for (const q of queries) await search(q)
		const raw = await ctx.timeSerially(queries.length * 2, (i) => search(queries[i % queries.length]!))
		const filtersOnly = queries.filter((q) => !q.startsWith('q='))
		const rawByKind = new Map<string, LatencySummary>()
		for (const [kind, list] of [
			['one word', queries.filter((q) => ONE_WORD.some((w) => q === `q=${encodeURIComponent(w)}`))],
			['two words', queries.filter((q) => TWO_WORDS.some((w) => q === `q=${encodeURIComponent(w)}`))],
			['typo', queries.filter((q) => TYPOS.some((w) => q === `q=${encodeURIComponent(w)}`))],
			['one word and a filter', queries.filter((q) => q.startsWith('q=') && q.includes('&'))],
			['filters only', filtersOnly],
		] as const) {
			rawByKind.set(kind, await ctx.timeSerially(list.length * 3, (i) => search(list[i % list.length]!)))
		}
		const inProcess = await ctx.timeSerially(filtersOnly.length * 5, async (i) => indexOnly(vocabulary, index, filtersOnly[i % filtersOnly.length]!))
		ctx.log('engine, 10 concurrent')
		const rawConcurrent = await ctx.timeConcurrently(queries.length * 2, 10, (i) => search(queries[i % queries.length]!))
		await app.close()

		const json = queries.map((q) => `/catalogus/zoeken?${q}`)
		const page = queries.map((q) => `/catalogus?${q}`)
		const [cached] = await ctx.startPortals(1)
		// Popular searches repeat: each search of the mix has been asked once before the measurement.
		ctx.log('asking each search of the mix once')
		await ctx.timeConcurrently(json.length, 4, (i) => fetch(`${cached!.url}${json[i]}`, { headers: { cookie } }).then((r) => r.arrayBuffer()))
		const jsonCached = await measureRoute(ctx, cached!.url, json, cookie, 'JSON route, cache on', [50, 10, 1])
		const pageCached = await measureRoute(ctx, cached!.url, page, cookie, '/catalogus page, cache on', [50, 10])
		await cached!.stop()
		const [uncached] = await ctx.startPortals(1, { env: { SEARCH_CACHE_SIZE: '0' } })
		// The first search reads the unit's index (measured above); the measured runs start after it.
		const firstSearch = await ctx.timeSerially(1, () => fetch(`${uncached!.url}${json[0]}`, { headers: { cookie } }).then((r) => r.arrayBuffer()))
		const jsonCold = await measureRoute(ctx, uncached!.url, json, cookie, 'JSON route, cache off', [50, 10, 1])
		const pageCold = await measureRoute(ctx, uncached!.url, page, cookie, '/catalogus page, cache off', [50, 10])
		// A coordinator edits one course: the next search reads which courses RVO may find with their
		// stamps, and reads only the changed one again.
		ctx.log('searching after a change to one course')
		const [edited] = await selectRows<{ id: string }>(ctx.owner.db, sql`select id from courses where status = 'published' and visibility = 'concern' order by id limit 1`)
		const afterChange = await ctx.timeSerially(5, async (i) => {
			await ctx.owner.db.execute(sql`update courses set summary = ${`Bijgewerkt (${i}).`} where id = ${edited!.id}`)
			await fetch(`${uncached!.url}${json[i % json.length]}`, { headers: { cookie } }).then((r) => r.arrayBuffer())
		})

		const [json50, json10, json1] = jsonCached.results
		const [cold50, cold10, cold1] = jsonCold.results
		const [page50] = pageCold.results
		const verdict = (ok: boolean) => (ok ? 'met' : 'not met')
		const filtersRaw = rawByKind.get('filters only')!
		return [
			`Load average of the machine when the measurements started: ${loadAtStart} (2 cores).`,
			'',
			`A signed-in employee (${employee.name}, RVO) searches the large catalogue: a mix of ${queries.length} searches — ${ONE_WORD.length + 6} one-word (6 of them with a filter), ${TWO_WORDS.length} two-word, ${TYPOS.length} with a typo, ${queries.length - ONE_WORD.length - 6 - TWO_WORDS.length - TYPOS.length} with filters only (form, theme, city, period, language, cost, duration, provider, sorting, page 2). One portal process, 15 s per run after a 3 s warm-up; load generator, portal and PostgreSQL share the machine.`,
			'',
			'"Cache off" (`SEARCH_CACHE_SIZE=0`) is what the issue 16 targets are measured with: every request runs the search. Filters, facet counts and paging run over the unit\'s in-process index (ADR 010 addendum, issue 16); typed words go to PostgreSQL (word analysis, text match, marks). "Cache on" is the portal as shipped: answers are cached per process by catalogue version, and the mix repeats, as popular searches do; each of its searches was asked once before those runs.',
			'',
			table(LOAD_HEADER, [...jsonCold.rows, ...pageCold.rows, ...jsonCached.rows, ...pageCached.rows]),
			'',
			`**The one wait the index adds:** after any change to the catalogue, the next search of each unit reads that unit's index: ${index.courses.length.toLocaleString('en')} courses for RVO, p50 ${ms(indexReads.p50)} (max ${ms(indexReads.max)}) read and coded without the portal; through the uncached portal the first search took ${ms(firstSearch.p50)}. After that, a change reads only what changed: the search right after a coordinator edits one course took p50 ${ms(afterChange.p50)} (max ${ms(afterChange.max)}, ${afterChange.count} edits) through the portal. Other units' indexes share the courses already read.`,
			'',
			'The engine without the portal and HTTP (the same calls the service makes, as the app role under row-level security, no cache), with the index read:',
			'',
			table(
				['mix', 'runs', 'p50', 'p95', 'p99'],
				[
					['all, one at a time', String(raw.count), ms(raw.p50), ms(raw.p95), ms(raw.p99)],
					...[...rawByKind].map(([kind, s]) => [`${kind}, one at a time`, String(s.count), ms(s.p50), ms(s.p95), ms(s.p99)]),
					['filters only, the index alone (in the process)', String(inProcess.count), ms(inProcess.p50), ms(inProcess.p95), ms(inProcess.p99)],
					[`all, 10 concurrent (${perSecond(rawConcurrent.perSecond)})`, String(rawConcurrent.latency.count), ms(rawConcurrent.latency.p50), ms(rawConcurrent.latency.p95), ms(rawConcurrent.latency.p99)],
				],
			),
			'',
			'Targets (issue 16, cache off; issue 4 with the cache):',
			'',
			table(
				['target', 'measured', ''],
				[
					['JSON route ≥ 500 requests/s at 50 connections, cache off', perSecond(cold50!.requestsPerSecond), verdict(cold50!.requestsPerSecond >= 500)],
					['JSON route p95 ≤ 30 ms at 10 connections, cache off', ms(cold10!.latency.p95), verdict(cold10!.latency.p95 <= 30)],
					['filters only and facet counts ≤ 15 ms p50 (in the process)', `${ms(filtersRaw.p50)}`, verdict(filtersRaw.p50 <= 15)],
					['/catalogus page ≥ 400 requests/s at 50 connections, cache off', perSecond(page50!.requestsPerSecond), verdict(page50!.requestsPerSecond >= 400)],
					['app overhead ≤ 3× the engine (p50, one at a time, cache off)', `${ms(cold1!.latency.p50)} vs ${ms(raw.p50)}`, verdict(cold1!.latency.p50 <= 3 * raw.p50)],
					['JSON route ≥ 500 requests/s at 50 connections, cache on (issue 4)', perSecond(json50!.requestsPerSecond), verdict(json50!.requestsPerSecond >= 500)],
					['JSON route p95 ≤ 50 ms at 10 connections, cache on (issue 4)', ms(json10!.latency.p95), verdict(json10!.latency.p95 <= 50)],
					['app overhead ≤ 3× the engine (p50, one at a time, cache on)', `${ms(json1!.latency.p50)} vs ${ms(raw.p50)}`, verdict(json1!.latency.p50 <= 3 * raw.p50)],
				],
			),
		].join('\n')
	},
}

export default benchmark
