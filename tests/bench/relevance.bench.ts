import { sql } from 'drizzle-orm'
import MiniSearch from 'minisearch'
import { selectRows } from '@leerplein/db'
import { courseVisibleTo } from '@leerplein/db/catalogue'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import type { Benchmark } from './harness.ts'
import { KIND_DESCRIPTIONS, RELEVANCE_KINDS, RELEVANCE_QUERIES, type RelevanceKind, type RelevanceQuery } from './relevance-queries.ts'
import { table } from './report.ts'

/** Ranks beyond this count as not found (MRR@10, as the issue measures). */
const DEPTH = 10

type Course = { title: string; summary: string; description: string; keywords: string[] }
type Answer = { query: RelevanceQuery; titles: string[] }
type Engine = { name: string; answers: Answer[] }

/**
 * Words that say nothing about the subject: question words, filler, and the words for
 * "course". A query whose other words occur in the catalogue has something to answer with.
 */
const FILLER = new Set(
	'hoe wat wie waar wanneer waarom welke welk ik je jij u we wij mijn mij me jouw uw een de het en of met van voor aan op in om bij naar over als er dat die dit deze zijn is ben wordt moet mag kan kun wil doe doen ga gaat maak goede goed beter leren cursus cursussen training trainingen opleiding opleidingen leergang iemand iets how to the a an of for and with my i do course training'.split(' '),
)

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const contentWords = (query: string) => fold(query).split(/[^\p{L}\p{N}&]+/u).filter((word) => word.length >= 3 && !FILLER.has(word))

/** 1-based rank of the first expected title within the first DEPTH, or null. */
function rankOf({ query, titles }: Answer): number | null {
	const index = titles.slice(0, DEPTH).findIndex((title) => query.expected.test(title))
	return index < 0 ? null : index + 1
}

type Figures = { count: number; firstHits: number; mrr: number; empty: number }

function figures(answers: Answer[]): Figures {
	const ranks = answers.map(rankOf)
	return {
		count: answers.length,
		firstHits: ranks.filter((rank) => rank === 1).length,
		mrr: answers.length === 0 ? 0 : ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / answers.length,
		empty: answers.filter((answer) => answer.titles.length === 0).length,
	}
}

const percent = (part: number, whole: number) => `${whole === 0 ? '0' : ((100 * part) / whole).toFixed(0)}%`
const firstHitCell = (f: Figures) => `${f.firstHits}/${f.count} (${percent(f.firstHits, f.count)})`
const emptyCell = (f: Figures) => `${f.empty} (${percent(f.empty, f.count)})`

/** MiniSearch as the issue set it up, over the same visible catalogue: about ten lines. */
function miniSearchOver(courses: Course[]) {
	const index = new MiniSearch<Course & { id: number }>({
		fields: ['title', 'summary', 'description', 'keywords'],
		storeFields: ['title'],
		extractField: (document, field) => (field === 'keywords' ? document.keywords.join(' ') : String(document[field as keyof typeof document])),
		searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'OR', boost: { title: 2 } },
	})
	index.addAll(courses.map((course, id) => ({ ...course, id })))
	return (query: string) => index.search(query).slice(0, DEPTH).map((result) => String(result.title))
}

/**
 * Relevance (issue 16, item 7): the query set of relevance-queries.ts through Leerplein's own
 * search — the JSON route of /catalogus, as a signed-in employee of one unit, result cache off —
 * and through MiniSearch over the very same visible catalogue. On the default seed, which the
 * queries were written for. Not timing-sensitive: machine load does not move these figures.
 */
const benchmark: Benchmark = {
	id: 'relevance',
	title: 'Search relevance',
	scale: 'default',
	async run(ctx) {
		const employee = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!
		const [user] = await selectRows<{ id: string; tenant_id: string }>(ctx.owner.db, sql`select id, tenant_id from users where email = ${employee.email}`)
		const courses: Course[] = await ctx.owner.db
			.select({ title: schema.courses.title, summary: schema.courses.summary, description: schema.courses.description, keywords: schema.courses.keywords })
			.from(schema.courses)
			.where(courseVisibleTo(user!.tenant_id, { unpublished: false }))
		ctx.log(`${courses.length} courses visible to ${employee.name}`)

		// The instrument first: a query whose expected course is not in the catalogue measures nothing.
		const unanswerable = RELEVANCE_QUERIES.filter(({ expected }) => !courses.some((course) => expected.test(course.title)))
		if (unanswerable.length > 0) {
			throw new Error(`The expected course of ${unanswerable.length} relevance queries is not in the seeded catalogue: ${unanswerable.map((q) => `"${q.query}" (${q.expected})`).join('; ')}`)
		}

		const [portal] = await ctx.startPortals(1, { env: { SEARCH_CACHE_SIZE: '0' } })
		const cookie = await ctx.sessionCookie(user!.id)
		const leerplein: Answer[] = []
		for (const query of RELEVANCE_QUERIES) {
			const response = await fetch(`${portal!.url}/catalogus/zoeken?q=${encodeURIComponent(query.query)}`, { headers: { cookie } })
			if (!response.ok) throw new Error(`"${query.query}": HTTP ${response.status}`)
			const view = (await response.json()) as { entries: { title: string }[] }
			leerplein.push({ query, titles: view.entries.map((entry) => entry.title) })
		}
		ctx.log('asked Leerplein every query')
		const miniSearch = miniSearchOver(courses)
		const baseline: Answer[] = RELEVANCE_QUERIES.map((query) => ({ query, titles: miniSearch(query.query) }))
		const engines: Engine[] = [
			{ name: 'Leerplein', answers: leerplein },
			{ name: 'MiniSearch', answers: baseline },
		]

		const folded = courses.map((course) => fold([course.title, course.summary, course.description, ...course.keywords].join(' ')))
		const answerable = (query: string) => contentWords(query).some((word) => folded.some((text) => text.includes(word)))
		const emptyLeerplein = leerplein.filter((answer) => answer.titles.length === 0)
		const emptyButAnswerable = emptyLeerplein.filter((answer) => answerable(answer.query.query))
		const [ours, theirs] = engines.map((engine) => figures(engine.answers)) as [Figures, Figures]
		const margin = (100 * (ours.firstHits - theirs.firstHits)) / ours.count
		const verdict = (ok: boolean) => (ok ? 'met' : 'not met')
		const kindCount = (kind: RelevanceKind) => RELEVANCE_QUERIES.filter((q) => q.kind === kind).length

		return [
			`${RELEVANCE_QUERIES.length} queries (\`tests/bench/relevance-queries.ts\`, written the way employees ask and independently of how the engine behaves) over the ${courses.length} courses of the default seed that ${employee.name} (RVO) may see. **Leerplein**: the JSON route of /catalogus (\`/catalogus/zoeken?q=…\`), signed in as her, result cache off (\`SEARCH_CACHE_SIZE=0\`), one portal process. **MiniSearch** ${'`minisearch`'} over the same courses: fields title, summary, description and keywords; fuzzy 0.2, prefix, combineWith OR, title boost 2. A hit is a result whose title matches the query's expected pattern (any unit's copy, Dutch or English); the rank is that of the first hit within the first ${DEPTH}. Relevance does not depend on machine load.`,
			'',
			table(
				['engine', 'first hit', `MRR@${DEPTH}`, 'empty answers'],
				engines.map((engine) => {
					const f = figures(engine.answers)
					return [engine.name, firstHitCell(f), f.mrr.toFixed(2), emptyCell(f)]
				}),
			),
			'',
			'Targets of issue 16:',
			'',
			table(
				['target', 'measured', ''],
				[
					['first-hit rate ≥ baseline + 15 points', `${percent(ours.firstHits, ours.count)} vs ${percent(theirs.firstHits, theirs.count)} (${margin >= 0 ? '+' : ''}${margin.toFixed(0)} points)`, verdict(margin >= 15)],
					['no empty answer where a course matches a content word of the query', `${emptyButAnswerable.length} such empty answers`, verdict(emptyButAnswerable.length === 0)],
				],
			),
			'',
			'By kind of query:',
			'',
			table(
				['kind', 'queries', 'Leerplein first hit', 'MRR', 'empty', 'MiniSearch first hit', 'MRR', 'empty'],
				RELEVANCE_KINDS.map((kind) => {
					const [a, b] = engines.map((engine) => figures(engine.answers.filter((answer) => answer.query.kind === kind))) as [Figures, Figures]
					return [`${kind}: ${KIND_DESCRIPTIONS[kind]}`, String(kindCount(kind)), firstHitCell(a), a.mrr.toFixed(2), emptyCell(a), firstHitCell(b), b.mrr.toFixed(2), emptyCell(b)]
				}),
			),
			'',
			`Queries Leerplein answers with nothing (${emptyLeerplein.length}); "answerable" when a visible course contains one of its content words (question words and filler such as "hoe", "ik", "cursus" aside):`,
			'',
			emptyLeerplein.length === 0
				? 'None.'
				: table(
						['query', 'kind', 'answerable', 'MiniSearch rank'],
						emptyLeerplein.map((answer) => {
							const rank = rankOf(baseline.find((b) => b.query === answer.query)!)
							return [`\`${answer.query.query}\``, answer.query.kind, answerable(answer.query.query) ? 'yes' : 'no', rank ? String(rank) : '–']
						}),
					),
			'',
			'<details><summary>Every query: rank of the first expected course (– not in the first 10)</summary>',
			'',
			table(
				['query', 'kind', 'Leerplein', 'MiniSearch', 'Leerplein first result'],
				RELEVANCE_QUERIES.map((query, i) => {
					const ourRank = rankOf(leerplein[i]!)
					const theirRank = rankOf(baseline[i]!)
					return [`\`${query.query}\``, query.kind, ourRank ? String(ourRank) : leerplein[i]!.titles.length === 0 ? 'empty' : '–', theirRank ? String(theirRank) : '–', leerplein[i]!.titles[0] ?? '']
				}),
			),
			'',
			'</details>',
		].join('\n')
	},
}

export default benchmark
