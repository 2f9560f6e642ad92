import {
	durationBucketOf,
	dutchMonthOf,
	EMPTY_FILTERS,
	expandQuery,
	isCourseVisibleTo,
	markedSegments,
	monthsFrom,
	queryWords,
	buildWordIndex,
	withCorrections,
	withWordForms,
	type CourseStatus,
	type SearchFilters,
	type SearchSort,
} from '@leerplein/domain'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import { errorCode } from '../retry.ts'
import * as schema from '../schema/index.ts'
import { seedDatabase } from '../seed/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { analyseSearchWords, catalogueSearchVersion, marksFrom, searchCatalogue, searchVocabulary, type CatalogueSearchFilters, type FacetName } from './search.ts'
import { deleteSynonym, listSynonyms, saveSynonym } from './search-synonyms.ts'

const NOW = new Date('2026-11-23T10:00:00Z')
const CURRENT_MONTH = dutchMonthOf(NOW)
const MONTHS = monthsFrom(CURRENT_MONTH, 13)

type GroundCourse = {
	id: string
	provider: string
	status: CourseStatus
	visibility: 'concern' | 'selected'
	audiences: string[]
	form: string
	theme: string | null
	language: string
	cost: string
	duration: string
	calendar: { month: string; city: string }[]
}

// Facet counts and visibility, checked against ground truth read as the owner and computed
// here in TypeScript, on the small seed (150 courses, nine units), on both drivers.
describe.each(await testDrivers())('catalogue search on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let tenants: { id: string; slug: string }[]
	let ground: GroundCourse[]
	let admin: { id: string; tenant_id: string }
	let coordinator: { id: string; tenant_id: string }
	/** Course ids whose document matches a plain query, read as the owner without RLS. */
	const textMatches = new Map<string, Set<string>>()
	const QUERIES = ['integriteit', 'leidinggevenden', 'avg']

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		await seedDatabase(database.db, { scale: 'small', now: NOW })
		tenants = await database.db.select({ id: schema.tenants.id, slug: schema.tenants.slug }).from(schema.tenants)
		ground = await readGround(database.db)
		for (const q of QUERIES) {
			const rows = await selectRows<{ id: string }>(
				database.db,
				sql`select id from courses where search_document @@ plainto_tsquery('public.dutch_unaccent', ${q})`,
			)
			textMatches.set(q, new Set(rows.map((r) => r.id)))
		}
		const people = await selectRows<{ id: string; tenant_id: string; role: string }>(
			database.db,
			sql`select u.id, u.tenant_id, r.role from users u join role_assignments r on r.user_id = u.id where r.role in ('concern_admin', 'coordinator') order by u.id limit 50`,
		)
		admin = people.find((p) => p.role === 'concern_admin')!
		coordinator = people.find((p) => p.role === 'coordinator')!
		app = await database.connectAsApp()
	}, 180_000)
	afterAll(() => database?.close())

	const search = async (
		viewer: string | null,
		{
			query = '',
			filters = {},
			sort = 'titel',
			limit = 500,
			offset = 0,
			matching = 'all',
		}: { query?: string; filters?: Partial<CatalogueSearchFilters>; sort?: SearchSort; limit?: number; offset?: number; matching?: 'all' | 'most' } = {},
	) => {
		const synonyms = await withTenantContext(app.db, { tenantId: viewer, userId: null }, (tx) => listSynonyms(tx))
		const analysis = await analyseSearchWords(app.db, queryWords(query))
		const { groups, correctedQuery } = withCorrections(expandQuery(query, synonyms), analysis.words)
		return withTenantContext(app.db, { tenantId: viewer, userId: null }, (tx) =>
			searchCatalogue(tx, {
				viewerTenantId: viewer,
				query,
				groups,
				correctedQuery,
				filters: { ...EMPTY_FILTERS, providerIds: [], themeIds: [], ...filters } as CatalogueSearchFilters,
				sort,
				limit,
				offset,
				now: NOW,
				currentMonth: CURRENT_MONTH,
				periodEndMonth: MONTHS.at(-1)!,
				matching,
			}),
		)
	}

	/** What a viewer may find: published, and concern-wide or opened to their unit (never drafts, not even their own). */
	const findable = (viewer: string | null) =>
		ground.filter(
			(c) =>
				c.status === 'published' &&
				isCourseVisibleTo(
					{ providerTenantId: c.provider, status: c.status, visibility: c.visibility === 'concern' ? { scope: 'concern' } : { scope: 'selected', tenantIds: c.audiences } },
					viewer === null ? null : { tenantId: viewer, grants: [{ role: 'employee', tenantId: viewer }] },
				),
		)

	test('the seed has what these tests need: selected courses, drafts, sessions in several cities', () => {
		expect(ground.some((c) => c.visibility === 'selected' && c.status === 'published')).toBe(true)
		expect(ground.some((c) => c.status !== 'published')).toBe(true)
		expect(new Set(ground.flatMap((c) => c.calendar.map((e) => e.city)).filter(Boolean)).size).toBeGreaterThan(3)
	})

	test('per unit, finds exactly the published courses that unit may see; selected courses only for their audiences', async () => {
		for (const viewer of [null, ...tenants.map((t) => t.id)]) {
			const result = await search(viewer)
			const expected = findable(viewer).map((c) => c.id)
			expect(result.total).toBe(expected.length)
			expect(result.entries.map((e) => e.id).sort()).toEqual([...expected].sort())
		}
		const selected = ground.find((c) => c.visibility === 'selected' && c.status === 'published')!
		const outsider = tenants.find((t) => t.id !== selected.provider && !selected.audiences.includes(t.id))!
		expect((await search(outsider.id)).entries.map((e) => e.id)).not.toContain(selected.id)
		expect((await search(selected.audiences[0]!)).entries.map((e) => e.id)).toContain(selected.id)
		// The same by a text search, which takes another path (the GIN index behind catalogue_text_matches).
		const words = await withTenantContext(app.db, { tenantId: selected.provider, userId: null }, (tx) =>
			selectRows<{ title: string }>(tx, sql`select title from courses where id = ${selected.id}`),
		)
		const byTitle = (viewer: string) => search(viewer, { query: words[0]!.title, sort: 'relevantie' }).then((r) => r.entries.map((e) => e.id))
		expect(await byTitle(selected.provider)).toContain(selected.id)
		expect(await byTitle(selected.audiences[0]!)).toContain(selected.id)
		expect(await byTitle(outsider.id)).not.toContain(selected.id)
	})

	const FILTER_CASES: { name: string; query?: string; filters: Partial<SearchFilters & CatalogueSearchFilters> }[] = [
		{ name: 'no filters', filters: {} },
		{ name: 'a query', query: 'integriteit', filters: {} },
		{ name: 'a query and a form', query: 'leidinggevenden', filters: { forms: ['classroom', 'blended'] } },
		{ name: 'cost and duration', filters: { costs: ['gratis'], durations: ['dagdeel', 'dag'] } },
		{ name: 'language and a month', filters: { languages: ['nl'], months: [MONTHS[1]!, MONTHS[2]!] } },
		{ name: 'a city', filters: { cities: ['Utrecht', 'Den Haag'] } },
		{ name: 'a city and a month', filters: { cities: ['Utrecht'], months: [MONTHS[0]!, MONTHS[1]!, MONTHS[2]!] } },
	]

	test.each(FILTER_CASES)('facet counts equal a direct count: $name', async ({ query, filters }) => {
		const themeIds = [...new Set(ground.map((c) => c.theme).filter((t): t is string => t !== null))]
		const providerIds = tenants.map((t) => t.id)
		const cases = [
			{ ...filters },
			{ ...filters, themeIds: themeIds.slice(0, 2) },
			{ ...filters, providerIds: providerIds.slice(0, 3) },
		]
		for (const viewer of [null, tenants[0]!.id, tenants[4]!.id]) {
			for (const f of cases) {
				const result = await search(viewer, { query: query ?? '', filters: f })
				const expected = expectedFacets(findable(viewer), query ? textMatches.get(query)! : null, f)
				expect(result.total).toBe(expected.total)
				const actual = new Map(result.facets.map((x) => [`${x.facet}|${x.value}`, x.count]))
				expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected.counts].sort()))
			}
		}
	})

	function expectedFacets(courses: GroundCourse[], matches: Set<string> | null, f: Partial<CatalogueSearchFilters>) {
		const pool = matches ? courses.filter((c) => matches.has(c.id)) : courses
		const upcoming = (c: GroundCourse) => c.calendar.filter((e) => e.month >= CURRENT_MONTH)
		const calendarOk = (c: GroundCourse) =>
			(!f.months?.length && !f.cities?.length) ||
			upcoming(c).some((e) => (!f.months?.length || f.months.includes(e.month)) && (!f.cities?.length || f.cities.includes(e.city)))
		const tests: Record<string, (c: GroundCourse) => boolean> = {
			provider: (c) => !f.providerIds?.length || f.providerIds.includes(c.provider),
			form: (c) => !f.forms?.length || (f.forms as string[]).includes(c.form),
			theme: (c) => !f.themeIds?.length || (c.theme !== null && f.themeIds.includes(c.theme)),
			language: (c) => !f.languages?.length || (f.languages as string[]).includes(c.language),
			cost: (c) => !f.costs?.length || (f.costs as string[]).includes(c.cost),
			duration: (c) => !f.durations?.length || f.durations.includes(c.duration),
			calendar: calendarOk,
		}
		const passesAllBut = (c: GroundCourse, except: string) => Object.entries(tests).every(([name, ok]) => name === except || ok(c))
		const counts = new Map<string, number>()
		const add = (facet: FacetName, value: string) => counts.set(`${facet}|${value}`, (counts.get(`${facet}|${value}`) ?? 0) + 1)
		for (const c of pool) {
			if (passesAllBut(c, 'provider')) add('provider', c.provider)
			if (passesAllBut(c, 'form')) add('form', c.form)
			if (passesAllBut(c, 'theme') && c.theme) add('theme', c.theme)
			if (passesAllBut(c, 'language')) add('language', c.language)
			if (passesAllBut(c, 'cost')) add('cost', c.cost)
			if (passesAllBut(c, 'duration')) add('duration', c.duration)
			if (passesAllBut(c, 'calendar')) {
				const entries = upcoming(c)
				const months = new Set(entries.filter((e) => e.month < MONTHS.at(-1)! && (!f.cities?.length || f.cities.includes(e.city))).map((e) => e.month))
				for (const month of months) add('month', month)
				const cities = new Set(entries.filter((e) => e.city !== '' && (!f.months?.length || f.months.includes(e.month))).map((e) => e.city))
				for (const city of cities) add('city', city)
			}
		}
		return { total: pool.filter((c) => passesAllBut(c, '')).length, counts }
	}

	test('pages through results in a stable order, and past the end is empty with the total kept', async () => {
		const all = await search(null, { limit: 500 })
		const first = await search(null, { limit: 10, offset: 0 })
		const second = await search(null, { limit: 10, offset: 10 })
		expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.entries.slice(0, 20).map((e) => e.id))
		const beyond = await search(null, { limit: 10, offset: 99_990 })
		expect(beyond.entries).toEqual([])
		expect(beyond.total).toBe(all.total)
	})

	test('sorts by title, by first session date, and by relevance with exact titles first', async () => {
		const byTitle = (await search(null, { sort: 'titel' })).entries.map((e) => e.title.toLowerCase())
		expect(byTitle.length).toBeGreaterThan(10)
		const byDate = (await search(null, { sort: 'datum' })).entries
		const dates = byDate.filter((e) => e.nextSessionAt).map((e) => new Date(e.nextSessionAt!).getTime())
		expect(dates).toEqual([...dates].sort((a, b) => a - b))
		expect(byDate.findIndex((e) => !e.nextSessionAt)).toBeGreaterThanOrEqual(dates.length)
		const relevant = (await search(null, { query: 'integriteit', sort: 'relevantie' })).entries
		expect(relevant.length).toBeGreaterThan(0)
		expect(relevant.map((e) => e.tier)).toEqual([...relevant.map((e) => e.tier)].sort((a, b) => a - b))
	})

	test('stems, accents, synonyms and typos', async () => {
		const titles = async (query: string) => (await search(null, { query, sort: 'relevantie', limit: 5 })).entries.map((e) => e.title)
		expect((await titles('integriteit'))[0]).toMatch(/integriteit/i)
		expect((await titles('integritijt'))[0]).toMatch(/integriteit/i)
		const analysis = await analyseSearchWords(app.db, ['integritijt', 'integriteit', 'de', 'xyzzyq'])
		expect(analysis.words).toEqual([
			{ word: 'integritijt', known: false, corrections: expect.arrayContaining(['integriteit']), stopWord: false, lexeme: 'integritijt' },
			{ word: 'integriteit', known: true, corrections: [], stopWord: false, lexeme: 'integriteit' },
			// A stop word has no stem.
			{ word: 'de', known: true, corrections: [], stopWord: true, lexeme: null },
			{ word: 'xyzzyq', known: false, corrections: [], stopWord: false, lexeme: 'xyzzyq' },
		])
		expect((await search(null, { query: 'xyzzyq' })).total).toBe(0)
	})

	test('SQL and HTML in a query are only words', async () => {
		for (const query of ["'; drop table courses; --", '<script>alert(1)</script>', "integriteit' or 1=1 --", '\\', '&&||!:*']) {
			const result = await search(null, { query })
			expect(result.total).toBeGreaterThanOrEqual(0)
		}
		expect((await search(null)).total).toBeGreaterThan(0)
	})

	test('only a concern administrator writes synonyms (RLS), every edit is audited and moves the cache version', async () => {
		const asPerson = <T>(person: { id: string; tenant_id: string }, work: (tx: Database) => Promise<T>) =>
			withTenantContext(app.db, { tenantId: person.tenant_id, userId: person.id }, work)
		const v0 = await catalogueSearchVersion(app.db)
		const created = await asPerson(admin, (tx) => saveSynonym(tx, { id: null, synonym: { term: 'kwp', expansions: ['omgevingswet'] }, actorId: admin.id }))
		expect(created.ok).toBe(true)
		const v1 = await catalogueSearchVersion(app.db)
		expect(v1).toBeGreaterThan(v0)
		const id = created.ok ? created.id : ''
		expect(await asPerson(admin, (tx) => saveSynonym(tx, { id, synonym: { term: 'kwp', expansions: ['veilig thuiswerken'] }, actorId: admin.id }))).toEqual({ ok: true, id })
		expect((await listSynonyms(app.db)).find((s) => s.id === id)?.expansions).toEqual(['veilig thuiswerken'])
		expect(await catalogueSearchVersion(app.db)).toBeGreaterThan(v1)
		expect(await asPerson(admin, (tx) => saveSynonym(tx, { id: null, synonym: { term: 'kwp', expansions: ['x'] }, actorId: admin.id }))).toEqual({ ok: false, code: 'SYNONYM_TERM_TAKEN' })

		// A coordinator's context cannot write, whatever the application would send.
		await expect(asPerson(coordinator, (tx) => tx.insert(schema.searchSynonyms).values({ term: 'hack', expansions: ['x'] }))).rejects.toThrow()
		const touched = await asPerson(coordinator, (tx) => tx.update(schema.searchSynonyms).set({ expansions: ['hacked'] }).where(eq(schema.searchSynonyms.id, id)).returning())
		expect(touched).toEqual([])
		expect(await asPerson(coordinator, (tx) => deleteSynonym(tx, { id, actorId: coordinator.id }))).toBe(false)

		expect(await asPerson(admin, (tx) => deleteSynonym(tx, { id, actorId: admin.id }))).toBe(true)
		const audit = await asPerson(admin, (tx) =>
			selectRows<{ action: string }>(tx, sql`select action from audit_log where object_id = ${id} order by id`),
		)
		// The audit rows of concern-wide changes have no unit, so a unit's context cannot read them back: count as the owner where possible.
		if (driver === 'postgres') {
			const rows = await selectRows<{ action: string }>(database.db, sql`select action from audit_log where object_id = ${id} order by id`)
			expect(rows.map((r) => r.action)).toEqual(['search_synonym.create', 'search_synonym.update', 'search_synonym.delete'])
		} else {
			expect(audit).toEqual([])
		}
	})

	test('keeps documents, calendars and the cache version right when data changes', async () => {
		const owner = database.db
		// On PGlite the one connection is the app role now; these changes need the owner: only on PostgreSQL.
		if (driver === 'pglite') return
		const before = await catalogueSearchVersion(app.db)
		const course = ground.find((c) => c.status === 'published' && c.visibility === 'concern' && c.theme)!
		await owner.update(schema.themes).set({ nameNl: 'Zeldzaamwoordthema' }).where(eq(schema.themes.id, course.theme!))
		const renamed = await search(null, { query: 'zeldzaamwoordthema' })
		expect(renamed.entries.map((e) => e.id)).toContain(course.id)
		const [location] = await owner.select().from(schema.locations).limit(1)
		const tenant = location!.tenantId
		await owner.insert(schema.sessions).values({
			tenantId: tenant,
			courseId: course.id,
			startsAt: new Date('2027-03-10T09:00:00Z'),
			endsAt: new Date('2027-03-10T12:00:00Z'),
			capacity: 10,
			locationId: location!.id,
		})
		const [row] = await owner.select({ calendar: schema.courses.sessionCalendar }).from(schema.courses).where(eq(schema.courses.id, course.id))
		expect(row!.calendar).toContain(`2027-03|${location!.city}`)
		expect(await catalogueSearchVersion(app.db)).toBeGreaterThan(before)
	})

	// Last: it adds courses the ground truth above does not know.
	test('a word only in the learning goals or the target audience finds the course, ranked below a course with it in the title', async () => {
		const base = { providerTenantId: coordinator.tenant_id, summary: 'Een cursus voor de zoektest.', description: 'Deze cursus bestaat alleen voor de zoektest van de leerdoelen.', form: 'classroom' as const, durationMinutes: 120, status: 'published' as const, visibility: 'concern' as const }
		const [inTitle, inGoals, inAudience] = await withTenantContext(app.db, { tenantId: coordinator.tenant_id, userId: coordinator.id }, (tx) =>
			tx
				.insert(schema.courses)
				.values([
					{ ...base, title: 'Kwartiermaken voor nieuwe teams' },
					{ ...base, title: 'Samenwerken in de keten', learningGoals: 'U kunt kwartiermaken voor een nieuw team.\nU kent de valkuilen.' },
					{ ...base, title: 'Regie op de uitvoering', targetAudience: 'Ketenregisseurs en hun leidinggevenden.' },
				])
				.returning({ id: schema.courses.id }),
		)
		const found = (await search(null, { query: 'kwartiermaken', sort: 'relevantie' })).entries.map((e) => e.id)
		expect(found.filter((id) => id === inTitle!.id || id === inGoals!.id)).toEqual([inTitle!.id, inGoals!.id])
		expect((await search(null, { query: 'ketenregisseurs' })).entries.map((e) => e.id)).toEqual([inAudience!.id])
		// The weights themselves: the goals count at D (which PostgreSQL does not print), the title at A.
		const [weights] = await selectRows<{ goals: string; title: string }>(
			database.db,
			sql`select (select search_document from courses where id = ${inGoals!.id})::text as goals, (select search_document from courses where id = ${inTitle!.id})::text as title`,
		)
		expect(weights!.goals).toMatch(/'kwartiermak':\d+(?![\dABC])/)
		expect(weights!.title).toMatch(/'kwartiermak':\d+A/)
	})

	test('a misspelt word found only in the learning goals or the target audience gets its correction; a draft\'s goals never do, and changed goals add their words', async () => {
		const base = { providerTenantId: coordinator.tenant_id, title: 'Werken in de regio', summary: 'Een cursus voor de correctietest.', description: 'Deze cursus bestaat alleen voor de correctietest.', form: 'classroom' as const, durationMinutes: 120, visibility: 'concern' as const }
		const [published] = await withTenantContext(app.db, { tenantId: coordinator.tenant_id, userId: coordinator.id }, (tx) =>
			tx
				.insert(schema.courses)
				.values([
					{ ...base, status: 'published' as const, learningGoals: 'U kunt een kwartiernota opstellen.', targetAudience: 'Dijkgraafbeambten en hun teams.' },
					{ ...base, status: 'draft' as const, learningGoals: 'U beheerst de schaduwboekhouding.' },
				])
				.returning({ id: schema.courses.id }),
		)
		const corrections = async (word: string) => (await analyseSearchWords(app.db, [word])).words[0]!.corrections
		expect(await corrections('kwartiernoota')).toContain('kwartiernota')
		expect(await corrections('dijkgraafbeamten')).toContain('dijkgraafbeambten')
		expect(await corrections('schaduwboekhoudng')).not.toContain('schaduwboekhouding')
		await withTenantContext(app.db, { tenantId: coordinator.tenant_id, userId: coordinator.id }, (tx) =>
			tx.update(schema.courses).set({ learningGoals: 'U leidt het ploegleidersoverleg.' }).where(eq(schema.courses.id, published!.id)),
		)
		expect(await corrections('ploegleidersoverlg')).toContain('ploegleidersoverleg')
	})

	test('the database refuses a contact with a name and no address, or an address and no name (blank is empty)', async () => {
		const base = { providerTenantId: coordinator.tenant_id, title: 'Contact zonder adres', summary: 'S', description: 'D', form: 'classroom' as const, durationMinutes: 60 }
		const insert = (contact: { contactName: string; contactEmail: string }) =>
			withTenantContext(app.db, { tenantId: coordinator.tenant_id, userId: coordinator.id }, (tx) => tx.insert(schema.courses).values({ ...base, ...contact }).returning({ id: schema.courses.id }))
		const refusedWith = async (contact: { contactName: string; contactEmail: string }) => {
			try {
				await insert(contact)
				return 'accepted'
			} catch (error) {
				return errorCode(error) ?? errorCode((error as { cause?: unknown }).cause) ?? String(error)
			}
		}
		expect(await refusedWith({ contactName: 'Anna de Wit', contactEmail: '' })).toBe('23514')
		expect(await refusedWith({ contactName: '  ', contactEmail: 'anna@rvo.nl' })).toBe('23514')
		expect(await insert({ contactName: 'Anna de Wit', contactEmail: 'anna@rvo.nl' })).toHaveLength(1)
		expect(await insert({ contactName: ' ', contactEmail: '' })).toHaveLength(1)
	})

	// Adds courses the ground truth above does not know, like the test before it.
	test('when no course has every word, "most" matching finds the courses with the most words, a rare word above a common one', async () => {
		const base = { providerTenantId: coordinator.tenant_id, summary: 'Een cursus voor de zoektest.', description: 'Deze cursus bestaat alleen voor de zoektest van het gedeeltelijk zoeken.', form: 'classroom' as const, durationMinutes: 120, status: 'published' as const, visibility: 'concern' as const }
		const [twoWords, rareWord] = await withTenantContext(app.db, { tenantId: coordinator.tenant_id, userId: coordinator.id }, (tx) =>
			tx
				.insert(schema.courses)
				.values([
					{ ...base, title: 'Onderwaterlassen en xylofoonstemmen' },
					{ ...base, title: 'Xylofoonstemmen in de praktijk' },
				])
				.returning({ id: schema.courses.id }),
		)
		const query = 'xylofoonstemmen onderwaterlassen toezicht'
		expect((await search(null, { query, sort: 'relevantie' })).total).toBe(0)

		const most = await search(null, { query, sort: 'relevantie', matching: 'most', limit: 5000 })
		expect(most.entries.slice(0, 2).map((e) => e.id)).toEqual([twoWords!.id, rareWord!.id])
		expect(most.entries.slice(0, 2).map((e) => e.tier)).toEqual([9, 10])
		// Every visible course with any of the words, and no other: 'toezicht' alone is enough.
		const visible = new Set(findable(null).map((c) => c.id))
		const anyWord = await selectRows<{ id: string }>(
			database.db,
			sql`select id from courses where status = 'published' and search_document @@ (plainto_tsquery('public.dutch_unaccent', 'xylofoonstemmen') || plainto_tsquery('public.dutch_unaccent', 'onderwaterlassen') || plainto_tsquery('public.dutch_unaccent', 'toezicht'))`,
		)
		const expected = anyWord.map((r) => r.id).filter((id) => visible.has(id) || id === twoWords!.id || id === rareWord!.id)
		expect(expected.length).toBeGreaterThan(2)
		expect(most.total).toBe(expected.length)
		expect(most.entries.map((e) => e.id).sort()).toEqual([...expected].sort())
		// The facets count the same courses.
		expect(most.facets.filter((f) => f.facet === 'form').reduce((sum, f) => sum + f.count, 0)).toBe(expected.length)
	})

	test('marks the matched words of title and summary: a stemmed form, an accent, a synonym, a typo correction; the rest unchanged', async () => {
		const title = 'Vergaderingen, Coördinatie en trombonereparatie'
		const summary = 'Wie vergaderen moet, leert hier notuleren en coördineren — ook bij de trombonereparatie.'
		const [course] = await withTenantContext(app.db, { tenantId: coordinator.tenant_id, userId: coordinator.id }, (tx) =>
			tx
				.insert(schema.courses)
				.values({ providerTenantId: coordinator.tenant_id, title, summary, description: 'Een cursus voor de markeertest.', form: 'classroom', durationMinutes: 60, status: 'published', visibility: 'concern' })
				.returning({ id: schema.courses.id }),
		)
		const saved = await withTenantContext(app.db, { tenantId: admin.tenant_id, userId: admin.id }, (tx) =>
			saveSynonym(tx, { id: null, synonym: { term: 'vergaderkunst', expansions: ['notuleren'] }, actorId: admin.id }),
		)
		if (!saved.ok) throw new Error(saved.code)
		try {
			const marked = async (query: string) => {
				const result = await search(null, { query, sort: 'relevantie' })
				const entry = result.entries.find((e) => e.id === course!.id)
				expect(entry, query).toBeDefined()
				const titleSegments = markedSegments(entry!.title, entry!.titleMarks)
				const summarySegments = markedSegments(entry!.summary, entry!.summaryMarks)
				// Marking never changes the text.
				expect(titleSegments.map((s) => s.text).join('')).toBe(title)
				expect(summarySegments.map((s) => s.text).join('')).toBe(summary)
				const words = (segments: typeof titleSegments) => segments.filter((s) => s.marked).map((s) => s.text)
				return { title: words(titleSegments), summary: words(summarySegments), corrected: result }
			}
			// A stemmed form: "vergadering" is the stem of both "Vergaderingen" and "vergaderen".
			expect(await marked('vergadering')).toMatchObject({ title: ['Vergaderingen'], summary: ['vergaderen'] })
			// Accents and case: typed without, marked with; "coördineren" is another stem.
			expect(await marked('COORDINATIE')).toMatchObject({ title: ['Coördinatie'], summary: [] })
			// A synonym marks what it stands for.
			expect(await marked('vergaderkunst')).toMatchObject({ title: [], summary: ['notuleren'] })
			// A typo marks the correction that matched, and every typed word is marked.
			expect(await marked('trombonereparatei')).toMatchObject({ title: ['trombonereparatie'], summary: ['trombonereparatie'] })
			expect(await marked('vergadering trombonereparatie')).toMatchObject({
				title: ['Vergaderingen', 'trombonereparatie'],
				summary: ['vergaderen', 'trombonereparatie'],
			})
			// "Most" matching marks the words a course has.
			const most = await search(null, { query: 'coordinatie onderwaterzingen', sort: 'relevantie', matching: 'most' })
			const partial = most.entries.find((e) => e.id === course!.id)!
			expect(markedSegments(partial.title, partial.titleMarks).filter((s) => s.marked).map((s) => s.text)).toEqual(['Coördinatie'])
			// No query, no marks.
			const browsing = (await search(null, { limit: 500 })).entries.find((e) => e.id === course!.id)!
			expect([browsing.titleMarks, browsing.summaryMarks]).toEqual([[], []])
		} finally {
			await withTenantContext(app.db, { tenantId: admin.tenant_id, userId: admin.id }, (tx) => deleteSynonym(tx, { id: saved.id, actorId: admin.id }))
		}
	})

	// Adds courses the ground truth above does not know, like the tests before it.
	test('word forms, compounds, completions and acronyms learned from the catalogue; a draft teaches nothing', async () => {
		const base = { providerTenantId: coordinator.tenant_id, summary: 'Een cursus voor de woordvormtest.', form: 'classroom' as const, durationMinutes: 120, visibility: 'concern' as const }
		const [family, compound, acronym] = await withTenantContext(app.db, { tenantId: coordinator.tenant_id, userId: coordinator.id }, (tx) =>
			tx
				.insert(schema.courses)
				.values([
					{ ...base, status: 'published' as const, title: 'Zeefkalibreren in de praktijk', description: 'Over het zeefkalibreren en de zeefkalibraties.' },
					{ ...base, status: 'published' as const, title: 'Dijkvergaderingen leiden', description: 'Effectief dijkvergaderen met goede stemtechnieken.' },
					{ ...base, status: 'published' as const, title: 'Werken met de kwelwaterbalansmethodiek', description: 'Volgens de landelijke kwelwater balans methodiek. De kwelwaterbalans; ook bij de polderwaterverdeling.' },
					{ ...base, status: 'draft' as const, title: 'Geheim concept', description: 'De vertrouwelijke zwaluwstaartberekening.' },
				])
				.returning({ id: schema.courses.id }),
		)
		// Index time: the clauses of published, concern-wide courses, never of a draft.
		const vocabulary = await searchVocabulary(app.db)
		expect(vocabulary.phrases).toContain('de kwelwaterbalans')
		expect(vocabulary.phrases.some((p) => p.includes('zwaluwstaart'))).toBe(false)
		const index = buildWordIndex(vocabulary.words, vocabulary.phrases.map((p) => queryWords(p).join(' ')))

		const find = async (query: string) => {
			const analysis = await analyseSearchWords(app.db, queryWords(query))
			const groups = withWordForms(withCorrections(expandQuery(query, []), analysis.words).groups, analysis.words, index)
			return withTenantContext(app.db, { tenantId: null, userId: null }, (tx) =>
				searchCatalogue(tx, {
					viewerTenantId: null,
					query,
					groups,
					correctedQuery: null,
					filters: { ...EMPTY_FILTERS, providerIds: [], themeIds: [] } as CatalogueSearchFilters,
					sort: 'relevantie',
					limit: 20,
					offset: 0,
					now: NOW,
					currentMonth: CURRENT_MONTH,
					periodEndMonth: MONTHS.at(-1)!,
				}),
			)
		}
		const first = async (query: string) => (await find(query)).entries[0]?.id
		// Verb and noun of one family; a compound typed finds its parts apart; a half-typed word completes.
		expect(await first('zeefkalibratie')).toBe(family!.id)
		expect(await first('dijkvergadertechnieken')).toBe(compound!.id)
		expect(await first('kwelwaterbalansm')).toBe(acronym!.id)
		// An acronym the catalogue spells out, and a draft's words stay unknown.
		expect(index.acronyms.get('lkbm')).toContain('landelijke kwelwater balans methodiek')
		expect(await first('lkbm')).toBe(acronym!.id)
		expect((await find('zwaluwstaartberekening')).total).toBe(0)
		// Bad input is only words.
		expect((await find("')) | drop table courses; --")).total).toBeGreaterThanOrEqual(0)
	})
})

test('marksFrom reads the marked ranges back in characters, and gives none when the marked text is not the original', () => {
	expect(marksFrom('Coördinatie en 🙂 vergaderen', '\uE000Coördinatie\uE001 en 🙂 \uE000vergaderen\uE001')).toEqual([
		[0, 11],
		[17, 27],
	])
	expect(marksFrom('abc', 'abc')).toEqual([])
	expect(marksFrom('abc', null)).toEqual([])
	expect(marksFrom('abc', '\uE000abd\uE001')).toEqual([])
	expect(marksFrom('a\uE000b', '\uE000a\uE001\uE000b')).toEqual([])
})

async function readGround(db: Database): Promise<GroundCourse[]> {
	const rows = await db.select().from(schema.courses)
	const audiences = await db.select().from(schema.courseAudiences)
	const sessions = await selectRows<{ course_id: string; starts_at: string | Date; city: string | null }>(
		db,
		sql`select s.course_id, s.starts_at, l.city from sessions s left join locations l on l.id = s.location_id where s.status = 'planned'`,
	)
	return rows.map((c) => ({
		id: c.id,
		provider: c.providerTenantId,
		status: c.status as CourseStatus,
		visibility: c.visibility as 'concern' | 'selected',
		audiences: audiences.filter((a) => a.courseId === c.id).map((a) => a.tenantId),
		form: c.form,
		theme: c.themeId,
		language: c.language,
		cost: c.priceCents > 0 ? 'betaald' : 'gratis',
		duration: durationBucketOf(c.durationMinutes),
		calendar: sessions
			.filter((s) => s.course_id === c.id)
			.map((s) => ({ month: dutchMonthOf(new Date(s.starts_at)), city: s.city ?? '' })),
	}))
}
