import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { searchExpertDirectory } from '@leerplein/db/experts'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { saveExpertEntry } from './save-expert.server.ts'
import { searchExperts, type ExpertSearch } from './search-experts.server.ts'
import { setExpertAvailability } from './set-expert-availability.server.ts'
import { showOwnExpert } from './show-own-expert.server.ts'
import { stopBeingExpert } from './stop-being-expert.server.ts'

// The experts directory (issue 20, item 1; ADR 048): a person makes themselves available, pauses,
// resumes and opts out, alone and audited; every signed-in person of every unit finds the available
// experts by theme, unit and words (the catalogue's stems and synonyms), with verified competencies
// marked, and nothing else of the person.

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('the experts directory, on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const rvoPerson = (userId: string): Actor => ({ userId, tenantId: f.rvo, grants: [{ role: 'employee', tenantId: f.rvo }] })
	const nvwaPerson = (userId: string): Actor => ({ userId, tenantId: f.nvwa, grants: [{ role: 'employee', tenantId: f.nvwa }] })
	const find = async (actor: Actor, search: Partial<ExpertSearch> = {}) => {
		const found = await searchExperts(ctx(), { actor, search: { query: '', theme: '', unit: '', page: 1, ...search } })
		if (!found.ok) throw new Error(found.code)
		return found.value
	}
	const names = async (actor: Actor, search: Partial<ExpertSearch> = {}) => (await find(actor, search)).experts.map((e) => e.name)
	const audited = () =>
		database.asOwner((db) =>
			db.select({ action: schema.auditLog.action, objectId: schema.auditLog.objectId, before: schema.auditLog.before, after: schema.auditLog.after }).from(schema.auditLog).orderBy(schema.auditLog.id),
		)
	const anna = { description: 'Ik help bij vragen over de algemene verordening gegevensbescherming en bij aanbestedingen.', contact: 'Teams: Anna Jansen' }

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('an employee makes themselves available; a colleague of another unit finds them by theme, by a word in any form and by a synonym, with the verified competency marked and nothing else of the person', async () => {
		const saved = await saveExpertEntry(ctx(), { actor: rvoPerson(f.anna), ...anna, themeIds: [f.privacy, f.procurement], competencyIds: [f.avg, f.tender] })
		expect(saved).toEqual({ ok: true, value: { created: true } })
		const bob = nvwaPerson(f.bob)
		expect(await names(bob, { theme: 'privacy' })).toEqual(['Anna Jansen'])
		expect(await names(bob, { theme: 'veiligheid' })).toEqual([])
		// Dutch stems: "aanbesteding" finds "aanbestedingen"; the concern's synonym "avg" finds the words it stands for.
		expect(await names(bob, { query: 'aanbesteding' })).toEqual(['Anna Jansen'])
		expect(await names(bob, { query: 'AVG' })).toEqual(['Anna Jansen'])
		expect(await names(bob, { query: 'jansen' })).toEqual(['Anna Jansen'])
		expect(await names(bob, { query: 'brandweer' })).toEqual([])
		const [entry] = (await find(bob, { query: 'avg' })).experts
		expect(entry).toEqual({
			userId: f.anna,
			name: 'Anna Jansen',
			unitName: 'Rijksdienst voor Ondernemend Nederland',
			unitSlug: 'rvo',
			description: anna.description,
			contact: anna.contact,
			themes: [
				{ slug: 'inkoop', nameNl: 'Inkoop en aanbesteden', nameEn: 'Procurement' },
				{ slug: 'privacy', nameNl: 'Privacy en gegevensbescherming', nameEn: 'Privacy and data protection' },
			],
			// Green in her passport: verified; declared without it: self-declared.
			competencies: [
				{ name: 'AVG-basis', verified: true },
				{ name: 'Europees aanbesteden', verified: false },
			],
		})
		expect(JSON.stringify(entry)).not.toContain('@test.nl')
		expect((await audited()).filter((row) => row.action === 'expert.create')).toEqual([
			{ action: 'expert.create', objectId: f.anna, before: null, after: { themeIds: [f.privacy, f.procurement].sort(), competencyIds: [f.avg, f.tender].sort() } },
		])
	})

	test('words with no expert having them all find those with some of them; unit filter and unknown filters', async () => {
		await saveExpertEntry(ctx(), { actor: nvwaPerson(f.bob), description: 'Voedselveiligheid en inspecties in slachthuizen.', contact: 'bob@nvwa', themeIds: [f.safety], competencyIds: [] })
		const partial = await find(rvoPerson(f.anna), { query: 'slachthuizen aanbestedingen' })
		expect(partial.partialMatch).toBe(true)
		expect(partial.experts.map((e) => e.name).sort()).toEqual(['Anna Jansen', 'Bob de Boer'])
		expect(await names(rvoPerson(f.anna), { unit: 'nvwa' })).toEqual(['Bob de Boer'])
		const unknown = await find(rvoPerson(f.anna), { unit: 'bestaat-niet', theme: 'ook-niet' })
		expect(unknown.ignored).toEqual(['theme', 'unit'])
		expect(unknown.total).toBe(2)
		// A page past the end is empty but knows the total.
		const past = await find(rvoPerson(f.anna), { page: 5 })
		expect({ total: past.total, shown: past.experts.length }).toEqual({ total: 2, shown: 0 })
	})

	test('bad input is refused beside its field and nothing is stored', async () => {
		const actor = rvoPerson(f.carla)
		const base = { description: 'Kan helpen', contact: 'tel 1234', themeIds: [f.privacy], competencyIds: [] }
		expect(await saveExpertEntry(ctx(), { actor, ...base, description: '   ' })).toMatchObject({ ok: false, kind: 'invalid', code: 'EXPERT_DESCRIPTION_REQUIRED', field: 'description' })
		expect(await saveExpertEntry(ctx(), { actor, ...base, description: 'a'.repeat(501) })).toMatchObject({ code: 'EXPERT_DESCRIPTION_TOO_LONG', field: 'description' })
		expect(await saveExpertEntry(ctx(), { actor, ...base, contact: 'b'.repeat(201) })).toMatchObject({ code: 'EXPERT_CONTACT_TOO_LONG', field: 'contact' })
		expect(await saveExpertEntry(ctx(), { actor, ...base, themeIds: [] })).toMatchObject({ code: 'EXPERT_THEME_REQUIRED', field: 'themeIds' })
		expect(await saveExpertEntry(ctx(), { actor, ...base, themeIds: [f.anna] })).toMatchObject({ code: 'EXPERT_CHOICE_UNKNOWN', field: 'themeIds' })
		expect(await saveExpertEntry(ctx(), { actor, ...base, competencyIds: [f.retired] })).toMatchObject({ code: 'EXPERT_CHOICE_UNKNOWN', field: 'competencyIds' })
		const own = await showOwnExpert(ctx(), { actor })
		expect(own.ok && own.value.entry).toBe(null)
	})

	test('pausing hides the expert from the directory and resuming lists them again; each once, audited; changing the entry keeps the pause', async () => {
		const actor = rvoPerson(f.anna)
		const bob = nvwaPerson(f.bob)
		expect(await setExpertAvailability(ctx(), { actor, available: false })).toEqual({ ok: true, value: null })
		expect(await names(bob, { theme: 'privacy' })).toEqual([])
		expect(await setExpertAvailability(ctx(), { actor, available: false })).toMatchObject({ ok: false, kind: 'conflict', code: 'EXPERT_ALREADY_PAUSED' })
		await saveExpertEntry(ctx(), { actor, ...anna, themeIds: [f.privacy], competencyIds: [] })
		expect(await names(bob, { theme: 'privacy' })).toEqual([])
		expect(await setExpertAvailability(ctx(), { actor, available: true })).toEqual({ ok: true, value: null })
		expect(await names(bob, { theme: 'privacy' })).toEqual(['Anna Jansen'])
		const actions = (await audited()).filter((row) => row.objectId === f.anna).map((row) => row.action)
		expect(actions).toEqual(['expert.create', 'expert.pause', 'expert.update', 'expert.resume'])
	})

	test('opting out deletes the entry at once, audited; doing it again finds nothing', async () => {
		const actor = rvoPerson(f.anna)
		expect(await stopBeingExpert(ctx(), { actor })).toEqual({ ok: true, value: null })
		expect(await names(nvwaPerson(f.bob), { theme: 'privacy' })).toEqual([])
		const own = await showOwnExpert(ctx(), { actor })
		expect(own.ok && own.value.entry).toBe(null)
		expect((await database.asOwner((db) => db.select().from(schema.expertThemes))).filter((row) => row.userId === f.anna)).toEqual([])
		expect(await stopBeingExpert(ctx(), { actor })).toMatchObject({ ok: false, kind: 'not_found', code: 'EXPERT_NOT_FOUND' })
		expect(await setExpertAvailability(ctx(), { actor, available: false })).toMatchObject({ ok: false, kind: 'not_found' })
		const deleted = (await audited()).filter((row) => row.action === 'expert.delete')
		expect(deleted).toEqual([{ action: 'expert.delete', objectId: f.anna, before: { themeIds: [f.privacy], competencyIds: [], paused: false }, after: null }])
	})

	test('under row-level security nobody reads or writes another’s entry, not even in their own unit, and the directory answers only a signed-in person', async () => {
		// Bob's entry exists (NVWA). A colleague of his own unit, as the app role, sees no row of it and cannot change or delete it.
		await withTenantContext(app.db, { tenantId: f.nvwa, userId: f.dirk }, async (tx) => {
			expect(await tx.select().from(schema.experts)).toEqual([])
			// Without a condition: every row the policy lets through, which is none.
			expect(await tx.update(schema.experts).set({ contact: 'gekaapt' }).returning()).toEqual([])
			expect(await tx.delete(schema.experts).returning()).toEqual([])
		})
		// Nor can anyone write an entry in another's name.
		await expect(
			withTenantContext(app.db, { tenantId: f.nvwa, userId: f.dirk }, (tx) => tx.insert(schema.experts).values({ tenantId: f.nvwa, userId: f.bob, description: 'x', contact: 'y' })),
		).rejects.toThrow()
		await expect(
			withTenantContext(app.db, { tenantId: f.rvo, userId: f.anna }, (tx) => tx.insert(schema.experts).values({ tenantId: f.nvwa, userId: f.anna, description: 'x', contact: 'y' })),
		).rejects.toThrow()
		const bobStill = (await database.asOwner((db) => db.select({ userId: schema.experts.userId, contact: schema.experts.contact }).from(schema.experts))).filter((row) => row.userId === f.bob).map(({ contact }) => ({ contact }))
		expect(bobStill).toEqual([{ contact: 'bob@nvwa' }])
		// The function publishes nothing to a context without a person (a visitor, a job).
		const everyone = { groups: [], themeId: null, tenantId: null, limit: 20, offset: 0 }
		expect((await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => searchExpertDirectory(tx, everyone))).total).toBe(0)
		expect((await withTenantContext(app.db, { tenantId: f.rvo, userId: f.anna }, (tx) => searchExpertDirectory(tx, everyone))).total).toBe(1)
	})

	test('(last: it adds experts) the directory pages by twenty, by name when no words were typed, and knows the total on every page', async () => {
		await database.asOwner(async (db) => {
			const rows = await db
				.insert(schema.users)
				.values(Array.from({ length: 22 }, (_, i) => ({ tenantId: f.nvwa, employeeNumber: `page-${i}`, name: `Pagina Expert ${String(i).padStart(2, '0')}`, email: `page-${i}@test.nl` })))
				.returning({ id: schema.users.id })
			await db.insert(schema.experts).values(rows.map((row) => ({ tenantId: f.nvwa, userId: row.id, description: 'Paginatest', contact: 'Teams' })))
			await db.insert(schema.expertThemes).values(rows.map((row) => ({ tenantId: f.nvwa, userId: row.id, themeId: f.procurement })))
		})
		const first = await find(rvoPerson(f.carla), { theme: 'inkoop' })
		expect({ total: first.total, pages: first.pages, shown: first.experts.length }).toEqual({ total: 22, pages: 2, shown: 20 })
		expect(first.experts.map((e) => e.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Pagina Expert ${String(i).padStart(2, '0')}`))
		const second = await find(rvoPerson(f.carla), { theme: 'inkoop', page: 2 })
		expect(second.experts.map((e) => e.name)).toEqual(['Pagina Expert 20', 'Pagina Expert 21'])
	})
})

async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const person = async (tenantId: string, name: string) =>
		(await db.insert(schema.users).values({ tenantId, employeeNumber: name, name, email: `${name.replace(/ /g, '.')}@test.nl` }).returning({ id: schema.users.id }))[0]!.id
	const anna = await person(rvo, 'Anna Jansen')
	const carla = await person(rvo, 'Carla Smit')
	const bob = await person(nvwa, 'Bob de Boer')
	const dirk = await person(nvwa, 'Dirk Visser')
	const themes = await db
		.insert(schema.themes)
		.values([
			{ slug: 'privacy', nameNl: 'Privacy en gegevensbescherming', nameEn: 'Privacy and data protection' },
			{ slug: 'inkoop', nameNl: 'Inkoop en aanbesteden', nameEn: 'Procurement' },
			{ slug: 'veiligheid', nameNl: 'Veiligheid', nameEn: 'Safety' },
		])
		.returning({ id: schema.themes.id })
	const competencies = await db
		.insert(schema.competencies)
		.values([{ name: 'AVG-basis' }, { name: 'Europees aanbesteden' }, { name: 'Oude bekwaamheid', active: false }])
		.returning({ id: schema.competencies.id })
	await db.insert(schema.searchSynonyms).values({ term: 'avg', expansions: ['algemene verordening gegevensbescherming'] })
	// Anna's passport shows AVG-basis green.
	await db.insert(schema.passportStatus).values({
		tenantId: rvo,
		userId: anna,
		competencyId: competencies[0]!.id,
		status: 'green',
		validUntil: '2031-01-01',
		cause: { kind: 'valid' } as never,
		computedOn: '2030-05-01',
	})
	return {
		nvwa,
		rvo,
		anna,
		carla,
		bob,
		dirk,
		privacy: themes[0]!.id,
		procurement: themes[1]!.id,
		safety: themes[2]!.id,
		avg: competencies[0]!.id,
		tender: competencies[1]!.id,
		retired: competencies[2]!.id,
	}
}
