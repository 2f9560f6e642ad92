import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { listPassport } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { importEvidence } from './import-evidence.server.ts'
import { testContext } from '../../core/testing.ts'

// Importing another system's history (issue 15, item 3): checked row by row with nothing stored,
// then imported once — the dots green before the service returns, a second import adds nothing,
// and another unit's people are never found.

const NOW = new Date('2026-12-03T10:00:00Z')

describe.each(await testDrivers())('the evidence import on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const coordinator = (): Actor => ({ userId: f.coordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] })
		// Read in a unit's context: the tables' row-level security is forced, also for their owner on PGlite.
	const inUnit = <T,>(tenantId: string, work: Parameters<typeof withTenantContext<T>>[2]) => withTenantContext(app.db, { tenantId, userId: null }, work)
	const evidenceCount = async () => (await inUnit(f.rvo, (tx) => tx.select().from(schema.passportEvidence))).length + (await inUnit(f.nvwa, (tx) => tx.select().from(schema.passportEvidence))).length
	const csv = () =>
		[
			'Medewerker;Bekwaamheid;Datum',
			`${f.annNumber};eerste hulp;7-3-2026`,
			`ann@rvo.test;Eerste hulp;2026-03-07`,
			`${f.ninaNumber};Eerste hulp;7-3-2026`,
			`${f.annNumber};Bestaat niet;7-3-2026`,
			`${f.annNumber};Eerste hulp;31-02-2026`,
			`${f.annNumber};Eerste hulp;4-12-2026`,
		].join('\n')

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('checking says per row what would happen and stores nothing', async () => {
		const checked = await importEvidence(ctx(), { actor: coordinator(), csv: csv(), commit: false })
		expect(checked.ok && checked.value.rows.map((row) => [row.line, row.outcome])).toEqual([
			[2, 'OK'],
			[3, 'DUPLICATE_ROW'],
			[4, 'PERSON_NOT_FOUND'],
			[5, 'COMPETENCY_NOT_FOUND'],
			[6, 'DATE_INVALID'],
			[7, 'DATE_IN_FUTURE'],
		])
		expect(checked).toMatchObject({ ok: true, value: { valid: 1, refused: 5, imported: null } })
		// Another unit's person is named only as typed, never by their name.
		expect(checked.ok && checked.value.rows[2]!.personName).toBeNull()
		expect(await evidenceCount()).toBe(0)
	})

	test('importing stores the valid row once and the dot is green when the service returns; again, nothing is new', async () => {
		const imported = await importEvidence(ctx(), { actor: coordinator(), csv: csv(), commit: true })
		expect(imported).toMatchObject({ ok: true, value: { imported: 1 } })
		const passport = await inUnit(f.rvo, (tx) => listPassport(tx, { userId: f.ann }))
		expect(passport).toEqual([expect.objectContaining({ name: 'Eerste hulp', status: 'green', validUntil: '2028-03-07' })])
		const trail = (await inUnit(f.rvo, (tx) => tx.select().from(schema.auditLog))).filter((row) => row.action === 'passport.import')
		expect(trail).toEqual([expect.objectContaining({ tenantId: f.rvo, after: { rows: 6, imported: 1, refused: 5 } })])

		const again = await importEvidence(ctx(), { actor: coordinator(), csv: csv(), commit: true })
		expect(again).toMatchObject({ ok: false, code: 'IMPORT_NOTHING_NEW', field: 'csv' })
		const checked = await importEvidence(ctx(), { actor: coordinator(), csv: csv(), commit: false })
		expect(checked.ok && checked.value.rows[0]!.outcome).toBe('IMPORTED_BEFORE')
		expect(await evidenceCount()).toBe(1)
	})

	test('a file without the columns, an empty one, a binary one and a manager are refused', async () => {
		expect(await importEvidence(ctx(), { actor: coordinator(), csv: 'naam;wat\nAnn;BHV', commit: false })).toMatchObject({ ok: false, code: 'IMPORT_COLUMNS_MISSING', field: 'csv' })
		expect(await importEvidence(ctx(), { actor: coordinator(), csv: '  \n', commit: false })).toMatchObject({ ok: false, code: 'IMPORT_EMPTY' })
		expect(await importEvidence(ctx(), { actor: coordinator(), csv: 'PK\u0003\u0004binary', commit: false })).toMatchObject({ ok: false, code: 'IMPORT_UNREADABLE' })
		const manager: Actor = { userId: f.ann, tenantId: f.rvo, grants: [{ role: 'manager', tenantId: f.rvo }] }
		expect(await importEvidence(ctx(), { actor: manager, csv: csv(), commit: true })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
		expect(await evidenceCount()).toBe(1)
	})

	test('an optional column niveau: a level by name or number is stored with the evidence, an unknown level and a level for a competency without levels are refused per row', async () => {
		const levelled = [
			'medewerker;bekwaamheid;datum;niveau',
			`${f.casNumber};Data-analyse;1-3-2026;Gevorderd`,
			`${f.casNumber};Data-analyse;2-3-2026;4`,
			`${f.casNumber};Eerste hulp;3-3-2026;2`,
			`${f.casNumber};Data-analyse;4-3-2026;`,
			`${f.casNumber};Data-analyse;5-3-2026;Meester`,
		].join('\n')
		const checked = await importEvidence(ctx(), { actor: coordinator(), csv: levelled, commit: false })
		expect(checked.ok && checked.value.rows.map((row) => [row.line, row.outcome, row.levelNumber])).toEqual([
			[2, 'OK', 2],
			[3, 'LEVEL_UNKNOWN', null],
			[4, 'LEVEL_WITHOUT_LEVELS', null],
			[5, 'OK', null],
			[6, 'LEVEL_UNKNOWN', null],
		])
		// The page names the levels to choose from beside an unknown one.
		expect(checked.ok && checked.value.rows[1]!.levelNames).toEqual(['Basis', 'Gevorderd', 'Expert'])
		expect(await evidenceCount()).toBe(1)

		const imported = await importEvidence(ctx(), { actor: coordinator(), csv: levelled, commit: true })
		expect(imported).toMatchObject({ ok: true, value: { imported: 2, refused: 3 } })
		const stored = await inUnit(f.rvo, (tx) => tx.select({ occurredOn: schema.passportEvidence.occurredOn, level: schema.passportEvidence.level }).from(schema.passportEvidence))
		expect(stored.filter((row) => row.occurredOn !== '2026-03-07').sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))).toEqual([
			{ occurredOn: '2026-03-01', level: 2 },
			{ occurredOn: '2026-03-04', level: null },
		])
		// Cas needs level 2 and holds it: green, at level 2.
		const passport = await inUnit(f.rvo, (tx) => listPassport(tx, { userId: f.cas }))
		expect(passport).toEqual([expect.objectContaining({ name: 'Data-analyse', status: 'green', level: 2 })])
	})
})

/** RVO (Ann, and Bob its coordinator) needs first aid, Cas data analysis at level 2; NVWA has Nina. Written as the owner. */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [, ann, bob, cas] = await db
		.insert(schema.users)
		.values([
			{ tenantId: nvwa, employeeNumber: 'N-001', name: 'Nina van NVWA', email: 'nina@nvwa.test' },
			{ tenantId: rvo, employeeNumber: 'R-001', name: 'Ann van RVO', email: 'ann@rvo.test' },
			{ tenantId: rvo, employeeNumber: 'R-002', name: 'Bob van RVO', email: 'bob@rvo.test' },
			{ tenantId: rvo, employeeNumber: 'R-003', name: 'Cas van RVO', email: 'cas@rvo.test' },
		])
		.returning({ id: schema.users.id })
	await db.insert(schema.roleAssignments).values({ userId: bob!.id, role: 'coordinator', tenantId: rvo })
	const [competency] = await db.insert(schema.competencies).values({ name: 'Eerste hulp', validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
	await db.insert(schema.personRequirements).values({ tenantId: rvo, userId: ann!.id, competencyId: competency!.id, introducedOn: '2020-01-01' })
	// Cas needs data analysis at level 2 (Gevorderd) of three.
	const [analysis] = await db.insert(schema.competencies).values({ name: 'Data-analyse', validityMonths: null, warningDays: 0, levels: ['Basis', 'Gevorderd', 'Expert'] }).returning({ id: schema.competencies.id })
	await db.insert(schema.personRequirements).values({ tenantId: rvo, userId: cas!.id, competencyId: analysis!.id, introducedOn: '2020-01-01', minLevel: 2 })
	return { nvwa, rvo, ann: ann!.id, annNumber: 'R-001', ninaNumber: 'N-001', coordinator: bob!.id, cas: cas!.id, casNumber: 'R-003' }
}
