import { dutchMonthOf, EMPTY_FILTERS, expandQuery, monthsFrom, queryWords, withCorrections } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseClient } from '../client.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, DEFAULT_SEED_AT, testDrivers, type TestDatabase } from '../testing.ts'
import { analyseSearchWords, searchCatalogue, type CatalogueSearchFilters } from './search.ts'
import { listSynonyms } from './search-synonyms.ts'

const NOW = DEFAULT_SEED_AT

/**
 * The relevance suite (issue 4): Dutch queries on the default seed, each with the title the
 * first result must have, or one of the first three. A pattern matches a title, so any of
 * the units' versions of the same course counts.
 */
type Case = { query: string; first?: RegExp; top3?: RegExp; kind: 'exact' | 'word' | 'stem' | 'typo' | 'accent' | 'abbreviation' | 'multi-word' | 'english' }

export const RELEVANCE_CASES: Case[] = [
	// The whole title as typed: that course first.
	{ kind: 'exact', query: 'Integriteit in de praktijk', first: /^Integriteit in de praktijk$/ },
	{ kind: 'exact', query: 'situationeel leidinggeven', first: /situationeel leidinggeven/i },
	{ kind: 'exact', query: 'Werken met de Woo in 90 minuten', first: /^Werken met de Woo in 90 minuten$/ },
	{ kind: 'exact', query: 'Microsoft Teams', first: /^Microsoft Teams/ },
	// One word that names a subject.
	{ kind: 'word', query: 'integriteit', first: /integriteit/i },
	{ kind: 'word', query: 'excel', first: /excel/i },
	{ kind: 'word', query: 'powerpoint', first: /powerpoint/i },
	{ kind: 'word', query: 'omgevingswet', first: /omgevingswet/i },
	{ kind: 'word', query: 'mindfulness', first: /mindfulness/i },
	{ kind: 'word', query: 'cybersecurity', first: /cybersecurity/i },
	{ kind: 'word', query: 'rijksbegroting', first: /rijksbegroting/i },
	{ kind: 'word', query: 'dierenwelzijn', first: /dierenwelzijn/i },
	{ kind: 'word', query: 'prince2', first: /prince2/i },
	{ kind: 'word', query: 'scrum', first: /scrum master/i },
	// Stems: another form of the word in the title.
	{ kind: 'stem', query: 'vergaderingen', first: /vergaderingen effectief leiden/i },
	{ kind: 'stem', query: 'vergadering', top3: /vergader/i },
	{ kind: 'stem', query: 'klokkenluiders', first: /klokkenluidersregeling/i },
	{ kind: 'stem', query: 'datalek', first: /datalekken/i },
	{ kind: 'stem', query: 'algoritme', first: /algoritmen/i },
	{ kind: 'stem', query: 'onderhandeling', top3: /onderhandelen/i },
	// Accents: typed without, or with where the title has none.
	{ kind: 'accent', query: 'coordinatie', first: /coördinatie/i },
	{ kind: 'accent', query: 'financiele kennis', first: /financiële kennis/i },
	{ kind: 'accent', query: 'casuistiek', top3: /casuïstiek/i },
	{ kind: 'accent', query: 'Interdepartementale coördinatie', first: /interdepartementale coördinatie/i },
	// Typos.
	{ kind: 'typo', query: 'projectmanagment', first: /projectmanagement/i },
	{ kind: 'typo', query: 'integritijt', first: /integriteit/i },
	{ kind: 'typo', query: 'intergriteit', first: /integriteit/i },
	{ kind: 'typo', query: 'exel', first: /excel/i },
	{ kind: 'typo', query: 'powerpiont', first: /powerpoint/i },
	{ kind: 'typo', query: 'stakholdermanagement', first: /stakeholdermanagement/i },
	{ kind: 'typo', query: 'aanbestedingsreht', first: /aanbestedingsrecht/i },
	{ kind: 'typo', query: 'onderhandellen', first: /onderhandelen/i },
	{ kind: 'typo', query: 'klokenluiders', first: /klokkenluidersregeling/i },
	// Abbreviations and synonyms (the concern's synonym list).
	{ kind: 'abbreviation', query: 'AVG', first: /\bAVG\b/ },
	{ kind: 'abbreviation', query: 'algemene verordening gegevensbescherming', top3: /\bAVG\b/ },
	{ kind: 'abbreviation', query: 'BIO', first: /\bBIO\b/ },
	{ kind: 'abbreviation', query: 'Woo', first: /\bWoo\b/ },
	{ kind: 'abbreviation', query: 'wet open overheid', first: /\bWoo\b/ },
	{ kind: 'abbreviation', query: 'P&O', first: /P&O|HR/ },
	{ kind: 'abbreviation', query: 'BHV', first: /bedrijfshulpverlening/i },
	{ kind: 'abbreviation', query: 'AI', top3: /kunstmatige intelligentie|artificial intelligence/i },
	{ kind: 'abbreviation', query: 'omzetbelasting', first: /btw/i },
	// Several words.
	{ kind: 'multi-word', query: 'leidinggeven op afstand', first: /leidinggeven op afstand/i },
	{ kind: 'multi-word', query: 'agile werken leidinggevenden', first: /agile werken voor leidinggevenden/i },
	{ kind: 'multi-word', query: 'helder schrijven', first: /helder schrijven/i },
	{ kind: 'multi-word', query: 'bezwaar en beroep', first: /bezwaar en beroep/i },
	{ kind: 'multi-word', query: 'veilig thuiswerken', first: /veilig thuiswerken/i },
	{ kind: 'multi-word', query: 'python data-analyse', first: /python voor data-analyse/i },
	{ kind: 'multi-word', query: 'omgaan met agressie', first: /omgaan met agressie/i },
	{ kind: 'multi-word', query: 'sociale veiligheid', first: /sociale veiligheid/i },
	// English courses are found in English.
	{ kind: 'english', query: 'stakeholder management', first: /stakeholder management/i },
]

describe.each(await testDrivers())('search relevance on the default seed, %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient

	beforeAll(async () => {
		// The default seed on PGlite takes about two minutes on a quiet machine, and has taken four
		// under CI's load; it is made once for the run, for this file and the duplicate scan's.
		database = await createTestDatabase(driver, { seed: 'default' })
		app = await database.connectAsApp()
	}, 600_000)
	afterAll(() => database?.close())

	async function titlesFor(query: string): Promise<string[]> {
		const currentMonth = dutchMonthOf(NOW)
		const synonyms = await withTenantContext(app.db, { tenantId: null, userId: null }, (tx) => listSynonyms(tx))
		const analysis = await analyseSearchWords(app.db, queryWords(query))
		const { groups, correctedQuery } = withCorrections(expandQuery(query, synonyms), analysis.words)
		const result = await withTenantContext(app.db, { tenantId: null, userId: null }, (tx) =>
			searchCatalogue(tx, {
				viewerTenantId: null,
				query,
				groups,
				correctedQuery,
				filters: { ...EMPTY_FILTERS, providerIds: [], themeIds: [] } as CatalogueSearchFilters,
				sort: 'relevantie',
				limit: 3,
				offset: 0,
				now: NOW,
				currentMonth,
				periodEndMonth: monthsFrom(currentMonth, 13).at(-1)!,
			}),
		)
		return result.entries.map((e) => e.title)
	}

	test('covers at least 40 queries of every kind', () => {
		expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(40)
		for (const kind of ['stem', 'typo', 'accent', 'abbreviation', 'multi-word'] as const) {
			expect(RELEVANCE_CASES.filter((c) => c.kind === kind).length).toBeGreaterThanOrEqual(4)
		}
	})

	test.each(RELEVANCE_CASES)('$kind: "$query"', async ({ query, first, top3 }) => {
		const titles = await titlesFor(query)
		if (first) expect(titles[0], `first of ${JSON.stringify(titles)}`).toMatch(first)
		if (top3) expect(titles.some((title) => top3.test(title)), `top 3 ${JSON.stringify(titles)}`).toBe(true)
	})
})
