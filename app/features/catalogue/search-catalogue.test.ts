import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { EMPTY_FILTERS, type Actor, type SearchState } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { searchCataloguePage } from './search-catalogue.server.ts'
import { testContext } from '../../core/testing.ts'

// The search service with its in-process index per unit (issue 16, item 6), without the answer
// cache: each unit finds exactly what row-level security lets it read, although the units'
// indexes share the courses they have in common, and a change to the catalogue is found by the
// very next search (the catalogue version moves, the index is read anew).

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('catalogue search service on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const employeeOf = (tenantId: string): Actor => ({ userId: '00000000-0000-0000-0000-000000000000', tenantId, grants: [{ role: 'employee', tenantId }] })
	const search = async (actor: Actor | null, state: Partial<SearchState> = {}) => {
		const result = await searchCataloguePage({ ...testContext(app.db, NOW), config: { searchCacheSize: 0, publicOrigin: 'http://localhost' } }, { actor, state: { query: '', filters: EMPTY_FILTERS, sort: 'titel', page: 1, ...state }, notices: [] })
		if (!result.ok) throw new Error(result.code)
		return result.value
	}
	const titles = (view: Awaited<ReturnType<typeof search>>) => view.entries.map((e) => e.title).sort()

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('each unit finds what it may read, whichever unit searched first', async () => {
		// NVWA first: its own private course enters the shared store; RVO and a visitor must still not find it.
		expect(titles(await search(employeeOf(f.nvwa)))).toEqual(['Alleen voor de NVWA', 'Inspecteren voor RVO', 'Voor iedereen'])
		expect(titles(await search(employeeOf(f.rvo)))).toEqual(['Inspecteren voor RVO', 'Voor iedereen'])
		expect(titles(await search(null))).toEqual(['Voor iedereen'])
		// The same by words, which PostgreSQL matches under the viewer's context.
		expect(titles(await search(employeeOf(f.rvo), { query: 'alleen' }))).toEqual([])
		expect(titles(await search(employeeOf(f.nvwa), { query: 'alleen' }))).toEqual(['Alleen voor de NVWA'])
		const facets = (await search(employeeOf(f.rvo))).facets.find((facet) => facet.name === 'provider')!
		expect(facets.values.map((v) => [v.value, v.count])).toEqual([['nvwa', 2]])
	})

	test('a change to the catalogue is found by the next search', async () => {
		expect(titles(await search(employeeOf(f.rvo), { query: 'toetsen' }))).toEqual([])
		await database.asOwner((db) => db.insert(schema.courses).values(courseRow(f.nvwa, 'Toetsen voor iedereen', 'concern')))
		expect(titles(await search(employeeOf(f.rvo), { query: 'toetsen' }))).toEqual(['Toetsen voor iedereen'])
		expect(titles(await search(employeeOf(f.rvo)))).toEqual(['Inspecteren voor RVO', 'Toetsen voor iedereen', 'Voor iedereen'])
		// Closed to RVO (its one audience row): gone from RVO's index at once, still NVWA's own.
		await database.asOwner((db) => db.delete(schema.courseAudiences))
		expect(titles(await search(employeeOf(f.rvo)))).toEqual(['Toetsen voor iedereen', 'Voor iedereen'])
		expect(titles(await search(employeeOf(f.nvwa)))).toEqual(['Alleen voor de NVWA', 'Inspecteren voor RVO', 'Toetsen voor iedereen', 'Voor iedereen'])
	})

	test('a course kept from the last read is read again when it, its provider or its theme changed', async () => {
		const shown = async () => (await search(employeeOf(f.rvo))).entries.map((e) => `${e.title} | ${e.summary} | ${e.providerShortName} | ${e.themeNameNl ?? '-'}`)
		expect(await shown()).toEqual(['Toetsen voor iedereen | Toetsen voor iedereen: een cursus. | NVWA | -', 'Voor iedereen | Voor iedereen: een cursus. | NVWA | -'])
		const [theme] = await database.asOwner((db) => db.insert(schema.themes).values({ slug: 'toetsen', nameNl: 'Toetsen', nameEn: 'Testing' }).returning({ id: schema.themes.id }))
		// Every course (this fixture's few): their rows change, so does each stamp.
		await database.asOwner((db) => db.update(schema.courses).set({ summary: 'Herschreven.', themeId: theme!.id }))
		expect(await shown()).toEqual(['Toetsen voor iedereen | Herschreven. | NVWA | Toetsen', 'Voor iedereen | Herschreven. | NVWA | Toetsen'])
		await database.asOwner((db) => db.update(schema.tenants).set({ shortName: 'VWA' }))
		expect(await shown()).toEqual(['Toetsen voor iedereen | Herschreven. | VWA | Toetsen', 'Voor iedereen | Herschreven. | VWA | Toetsen'])
		await database.asOwner((db) => db.update(schema.themes).set({ nameNl: 'Toetsing' }))
		expect(await shown()).toEqual(['Toetsen voor iedereen | Herschreven. | VWA | Toetsing', 'Voor iedereen | Herschreven. | VWA | Toetsing'])
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const course = (title: string, visibility: 'concern' | 'selected') => courseRow(nvwa, title, visibility)
	const [everyone, own, forRvo] = await db
		.insert(schema.courses)
		.values([course('Voor iedereen', 'concern'), course('Alleen voor de NVWA', 'selected'), course('Inspecteren voor RVO', 'selected')])
		.returning({ id: schema.courses.id })
	await db.insert(schema.courseAudiences).values({ courseId: forRvo!.id, tenantId: rvo })
	return { nvwa, rvo, everyone: everyone!.id, own: own!.id, forRvo: forRvo!.id }
}

function courseRow(providerTenantId: string, title: string, visibility: 'concern' | 'selected') {
	return {
		providerTenantId,
		title,
		summary: `${title}: een cursus.`,
		description: 'Een cursus om te vinden.',
		form: 'elearning' as const,
		durationMinutes: 60,
		status: 'published' as const,
		visibility,
		learningGoals: 'U vindt de cursus.',
		targetAudience: 'Iedereen.',
		contactName: 'Sanne Visser',
		contactEmail: 's.visser@nvwa.example.nl',
	}
}
