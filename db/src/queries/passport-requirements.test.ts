import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { failure, insertTwoUnitsAndAProvider } from '../tenancy-fixtures.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { recomputePassports } from './passport.ts'
import {
	countPeopleRecomputedNow,
	deactivateRequirement,
	insertPersonRequirement,
	insertRequirement,
	listRequirements,
	requirementPeople,
} from './passport-requirements.ts'
import { searchUnitPeople } from './tenants.ts'

// The requirement screens' queries (ADR 031, requirement screens) and the walls behind them: the
// composite keys of migration 0039 refuse another unit's job profile or person whatever the
// service checked, and row-level security keeps a unit's requirements its own.

describe.each(await testDrivers())('passport requirements on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let bhv: string
	const now = new Date('2027-01-30T08:00:00Z')
	const as = <T>(tenantId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId: null, now }, work)
	const requirement = (tenantId: string | null, jobProfileId: string | null) => ({ tenantId, competencyId: bhv, jobProfileId, jobProfileName: null, introducedOn: '2027-01-01', graceDays: 0, createdBy: ids.users.bob })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		const [row] = await database.db.insert(schema.competencies).values({ name: 'BHV', validityMonths: 12, warningDays: 30 }).returning({ id: schema.competencies.id })
		bhv = row!.id
		await database.db.update(schema.users).set({ jobProfileId: ids.jobProfiles.rvo }).where(sql`${schema.users.id} = ${ids.users.ann}`)
		await database.db.insert(schema.competencyRequirements).values({ tenantId: null, competencyId: bhv, jobProfileName: 'Teamleider', introducedOn: '2020-01-01' })
		app = await database.connectAsApp({ maxConnections: 1 })
	})
	afterAll(() => database?.close())

	test('the database refuses a unit requirement that names another unit’s job profile, even as the owner', async () => {
		expect(await failure(as(ids.rvo, (tx) => insertRequirement(tx, requirement(ids.rvo, ids.jobProfiles.nvwa))))).toMatch(/competency_requirements_job_profile_unit_fk|violates foreign key/)
		expect(await failure(database.asOwner((db) => insertRequirement(db, requirement(ids.rvo, ids.jobProfiles.nvwa))))).toMatch(/competency_requirements_job_profile_unit_fk/)
		expect(await database.asOwner((db) => selectRows(db, sql`select id from competency_requirements where job_profile_id = ${ids.jobProfiles.nvwa}`))).toEqual([])
	})

	test('the database refuses a person requirement on another unit’s person', async () => {
		const onNina = { tenantId: ids.rvo, userId: ids.users.nina, competencyId: bhv, introducedOn: '2027-01-01', graceDays: 0, reason: null, createdBy: ids.users.bob }
		expect(await failure(database.asOwner((db) => insertPersonRequirement(db, onNina)))).toMatch(/person_requirements_user_unit_fk/)
	})

	test('a unit adds its own requirement for one of its job profiles and sees it beside the concern’s; another unit sees neither of RVO’s', async () => {
		const id = await as(ids.rvo, (tx) => insertRequirement(tx, requirement(ids.rvo, ids.jobProfiles.rvo)))
		const rvo = await as(ids.rvo, (tx) => listRequirements(tx, { tenantId: ids.rvo }))
		expect(rvo.map((row) => [row.tenantId, row.jobProfileName])).toEqual([
			[ids.rvo, 'Adviseur'],
			[null, 'Teamleider'],
		])
		const nvwa = await as(ids.nvwa, (tx) => listRequirements(tx, { tenantId: ids.nvwa }))
		expect(nvwa.map((row) => row.id)).not.toContain(id)
		// NVWA cannot deactivate RVO's requirement, nor write one for RVO.
		expect(await as(ids.nvwa, (tx) => deactivateRequirement(tx, { requirementId: id, tenantId: ids.rvo }))).toBe(false)
		expect(await failure(as(ids.nvwa, (tx) => insertRequirement(tx, requirement(ids.rvo, null))))).toMatch(/row-level security/)
		// A unit cannot write the concern's.
		expect(await failure(as(ids.rvo, (tx) => insertRequirement(tx, requirement(null, null))))).toMatch(/row-level security/)
		expect((await as(ids.rvo, (tx) => listRequirements(tx, { tenantId: ids.rvo }))).map((row) => row.id)).toContain(id)
	})

	test('adding then recomputing marks the people whose dots changed in this transaction, and deactivating makes it not required again', async () => {
		const { id, people } = await as(ids.rvo, async (tx) => {
			const id = await insertRequirement(tx, { ...requirement(ids.rvo, ids.jobProfiles.rvo), introducedOn: '2027-01-20' })
			const userIds = await requirementPeople(tx, { tenantId: ids.rvo, jobProfileId: ids.jobProfiles.rvo, jobProfileName: null })
			await recomputePassports(tx, { tenantId: ids.rvo, userIds: userIds!, today: '2027-01-30', trigger: 'requirement' })
			return { id, people: await countPeopleRecomputedNow(tx, { tenantId: ids.rvo }) }
		})
		expect(people).toBe(1)
		const status = () => database.asOwner((db) => selectRows<{ status: string }>(db, sql`select status from passport_status where user_id = ${ids.users.ann} and competency_id = ${bhv}`))
		expect(await status()).toEqual([{ status: 'red' }])
		await as(ids.rvo, async (tx) => {
			// The requirement of the test above names the same job profile: both go.
			for (const row of await listRequirements(tx, { tenantId: ids.rvo })) if (row.tenantId === ids.rvo) await deactivateRequirement(tx, { requirementId: row.id, tenantId: ids.rvo })
			expect(await deactivateRequirement(tx, { requirementId: id, tenantId: ids.rvo })).toBe(false)
			await recomputePassports(tx, { tenantId: ids.rvo, userIds: [ids.users.ann], today: '2027-01-30', trigger: 'requirement' })
		})
		expect(await status()).toEqual([{ status: 'not_required' }])
	})

	test('the person search stays in the unit and takes % literally', async () => {
		expect((await as(ids.rvo, (tx) => searchUnitPeople(tx, { tenantId: ids.rvo, query: 'van' }))).map((row) => row.name)).toEqual(['Ann van RVO', 'Bob van RVO'])
		expect(await as(ids.rvo, (tx) => searchUnitPeople(tx, { tenantId: ids.rvo, query: '%' }))).toEqual([])
		expect(await as(ids.rvo, (tx) => searchUnitPeople(tx, { tenantId: ids.rvo, query: 'Nina' }))).toEqual([])
	})
})
