import { randomUUID } from 'node:crypto'
import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { PASSPORT_REQUIREMENT_QUEUE, type PassportRequirementJob } from '@leerplein/db/jobs'
import { listPassport } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, finishJob, insertNvwaAndRvo, listQueuedJobs, type TestDatabase, testDrivers } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { addConcernRequirement, addPersonRequirement, addUnitRequirement, recomputeUnitForConcernRequirement } from './add-requirement.server.ts'
import { deactivateConcernRequirement, deactivatePersonRequirement, deactivateUnitRequirement } from './deactivate-requirement.server.ts'
import { testContext } from '../../core/testing.ts'

// The requirement screens' services (ADR 031, requirement screens): a unit's own and a person
// requirement recompute the dots they touch before the service returns; the concern's enqueues a
// recompute per unit, which the worker runs. Every act is audited; another unit's job profile,
// person or requirement is refused and changes nothing.

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('requirement services on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const dotOf = async (tenantId: string, userId: string) =>
		(await withTenantContext(app.db, { tenantId, userId: null }, (tx) => listPassport(tx, { userId }))).find((dot) => dot.competencyId === f.bhv)?.status ?? null
	const audits = (action: string, objectId: string) => database.asOwner(async (db) => (await db.select().from(schema.auditLog)).filter((row) => row.action === action && row.objectId === objectId))
	const requirementRows = () => database.asOwner((db) => db.select().from(schema.competencyRequirements))
	const requirementJobs = () => database.asOwner((db) => listQueuedJobs<PassportRequirementJob>(db, PASSPORT_REQUIREMENT_QUEUE))
	/** What the worker does with each queued job. */
	const runRequirementJobs = async () => {
		const jobs = await requirementJobs()
		const results = []
		for (const job of jobs) {
			results.push(await recomputeUnitForConcernRequirement(ctx(), job.data))
			await database.asOwner((db) => finishJob(db, job.id))
		}
		return results
	}
	let coordinator: Actor
	let nvwaCoordinator: Actor
	let admin: Actor

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		coordinator = { userId: f.bob, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] }
		nvwaCoordinator = { userId: f.nora, tenantId: f.nvwa, grants: [{ role: 'coordinator', tenantId: f.nvwa }] }
		admin = { userId: f.admin, tenantId: f.rvo, grants: [{ role: 'concern_admin', tenantId: null }] }
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	let unitRequirement = ''
	test('a coordinator adds a requirement for one job profile: that person’s dot is red when the service returns, others untouched, audited', async () => {
		const added = await addUnitRequirement(ctx(), { actor: coordinator, competencyId: f.bhv, jobProfileId: f.rvoAdviser, introducedOn: '2030-04-01', graceDays: 0 })
		expect(added).toMatchObject({ ok: true, value: { changedPeople: 1 } })
		unitRequirement = added.ok ? added.value.id : ''
		expect(await dotOf(f.rvo, f.ann)).toBe('red')
		expect(await dotOf(f.rvo, f.tim)).toBeNull()
		expect(await audits('passport.requirement.create', unitRequirement)).toEqual([expect.objectContaining({ tenantId: f.rvo, actorUserId: f.bob, before: null, after: expect.objectContaining({ jobProfileId: f.rvoAdviser, changedPeople: 1 }) })])
		const history = await database.asOwner((db) => db.select().from(schema.passportStatusHistory))
		expect(history.filter((row) => row.userId === f.ann).map((row) => [row.toStatus, row.trigger])).toEqual([['red', 'requirement']])
	})

	test('another unit’s job profile and a retired competency are refused beside their field, and nothing is stored', async () => {
		const before = (await requirementRows()).length
		expect(await addUnitRequirement(ctx(), { actor: coordinator, competencyId: f.bhv, jobProfileId: f.nvwaInspector, introducedOn: '2030-04-01', graceDays: 0 })).toMatchObject({
			ok: false,
			kind: 'invalid',
			code: 'JOB_PROFILE_NOT_FOUND',
			field: 'jobProfileId',
		})
		expect(await addUnitRequirement(ctx(), { actor: coordinator, competencyId: f.retired, jobProfileId: null, introducedOn: '2030-04-01', graceDays: 0 })).toMatchObject({
			ok: false,
			code: 'COMPETENCY_INACTIVE',
			field: 'competencyId',
		})
		expect(await addUnitRequirement(ctx(), { actor: coordinator, competencyId: randomUUID(), jobProfileId: null, introducedOn: '2030-04-01', graceDays: 0 })).toMatchObject({ ok: false, code: 'COMPETENCY_NOT_FOUND' })
		expect(await addUnitRequirement(ctx(), { actor: nvwaCoordinator, competencyId: f.bhv, jobProfileId: f.rvoAdviser, introducedOn: '2030-04-01', graceDays: 0 })).toMatchObject({ ok: false, code: 'JOB_PROFILE_NOT_FOUND' })
		expect(await addUnitRequirement(ctx(), { actor: admin, competencyId: f.bhv, jobProfileId: null, introducedOn: '2030-04-01', graceDays: 0 })).toMatchObject({ ok: false, kind: 'forbidden' })
		// A minimum level the competency lacks, or on a competency without levels: beside the level.
		for (const [competencyId, minLevel, code] of [
			[f.inspection, 4, 'LEVEL_INVALID'],
			[f.bhv, 1, 'LEVEL_WITHOUT_LEVELS'],
		] as const) {
			expect(await addUnitRequirement(ctx(), { actor: coordinator, competencyId, jobProfileId: null, introducedOn: '2030-04-01', graceDays: 0, minLevel })).toMatchObject({ ok: false, kind: 'invalid', code, field: 'minLevel' })
			expect(await addPersonRequirement(ctx(), { actor: coordinator, userId: f.ann, competencyId, introducedOn: '2030-04-01', graceDays: 0, minLevel, reason: null })).toMatchObject({ ok: false, code, field: 'minLevel' })
			expect(await addConcernRequirement(ctx(), { actor: admin, competencyId, jobProfileName: null, introducedOn: '2030-04-01', graceDays: 0, minLevel })).toMatchObject({ ok: false, code, field: 'minLevel' })
		}
		expect((await requirementRows()).length).toBe(before)
	})

	test('a minimum level is stored with the requirement and read back with the competency’s level names', async () => {
		const added = await addUnitRequirement(ctx(), { actor: coordinator, competencyId: f.inspection, jobProfileId: f.rvoAdviser, introducedOn: '2030-04-01', graceDays: 0, minLevel: 2 })
		expect(added).toMatchObject({ ok: true, value: { changedPeople: 1 } })
		const id = added.ok ? added.value.id : ''
		expect((await requirementRows()).find((row) => row.id === id)).toMatchObject({ minLevel: 2 })
		const inspectionDot = (await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => listPassport(tx, { userId: f.ann }))).find((dot) => dot.competencyId === f.inspection)
		expect(inspectionDot).toMatchObject({ status: 'red', level: null, levels: ['Basis', 'Gevorderd', 'Expert'], cause: { kind: 'missing', requiredLevel: 2 } })
		expect(await deactivateUnitRequirement(ctx(), { actor: coordinator, requirementId: id })).toMatchObject({ ok: true })
	})

	test('another unit cannot deactivate the requirement; its own coordinator can, once, and the dot is not required again', async () => {
		expect(await deactivateUnitRequirement(ctx(), { actor: nvwaCoordinator, requirementId: unitRequirement })).toMatchObject({ ok: false, kind: 'not_found' })
		expect(await dotOf(f.rvo, f.ann)).toBe('red')
		expect(await deactivateUnitRequirement(ctx(), { actor: coordinator, requirementId: unitRequirement })).toEqual({ ok: true, value: { changedPeople: 1 } })
		expect(await dotOf(f.rvo, f.ann)).toBe('not_required')
		expect(await deactivateUnitRequirement(ctx(), { actor: coordinator, requirementId: unitRequirement })).toMatchObject({ ok: false, kind: 'not_found' })
		expect((await requirementRows()).find((row) => row.id === unitRequirement)).toMatchObject({ active: false })
		expect(await audits('passport.requirement.deactivate', unitRequirement)).toEqual([expect.objectContaining({ before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false }) })])
	})

	test('a person requirement: on one of the unit’s people it turns their dot red with grace counted; on another unit’s person it is refused', async () => {
		const added = await addPersonRequirement(ctx(), { actor: coordinator, userId: f.tim, competencyId: f.bhv, introducedOn: '2030-04-01', graceDays: 10, reason: 'Werkt in het lab' })
		expect(added).toMatchObject({ ok: true, value: { changedPeople: 1 } })
		expect(await dotOf(f.rvo, f.tim)).toBe('red')
		expect(await addPersonRequirement(ctx(), { actor: coordinator, userId: f.nora, competencyId: f.bhv, introducedOn: '2030-04-01', graceDays: 0, reason: null })).toMatchObject({
			ok: false,
			code: 'PERSON_NOT_IN_UNIT',
			field: 'userId',
		})
		const id = added.ok ? added.value.id : ''
		expect(await deactivatePersonRequirement(ctx(), { actor: nvwaCoordinator, id })).toMatchObject({ ok: false, kind: 'not_found' })
		expect(await deactivatePersonRequirement(ctx(), { actor: coordinator, id })).toEqual({ ok: true, value: { changedPeople: 1 } })
		expect(await dotOf(f.rvo, f.tim)).toBe('not_required')
	})

	test('a concern requirement by job-profile name: one job per unit, enqueued with it; run, they turn the Teamleiders of every unit red', async () => {
		expect(await addConcernRequirement(ctx(), { actor: coordinator, competencyId: f.bhv, jobProfileName: 'Teamleider', introducedOn: '2030-04-01', graceDays: 0 })).toMatchObject({ ok: false, kind: 'forbidden' })
		const added = await addConcernRequirement(ctx(), { actor: admin, competencyId: f.bhv, jobProfileName: 'Teamleider', introducedOn: '2030-04-01', graceDays: 0 })
		expect(added).toMatchObject({ ok: true, value: { queuedUnits: 2 } })
		const id = added.ok ? added.value.id : ''
		expect((await requirementJobs()).map((job) => job.data).sort((a, b) => a.tenantId.localeCompare(b.tenantId))).toEqual(
			[{ tenantId: f.rvo, requirementId: id }, { tenantId: f.nvwa, requirementId: id }].sort((a, b) => a.tenantId.localeCompare(b.tenantId)),
		)
		// Until the worker runs, the dots are as they were.
		expect(await dotOf(f.nvwa, f.nora)).toBeNull()
		expect(await runRequirementJobs()).toEqual([
			{ ok: true, value: { changedPeople: 1 } },
			{ ok: true, value: { changedPeople: 1 } },
		])
		expect(await dotOf(f.rvo, f.tim)).toBe('red')
		expect(await dotOf(f.nvwa, f.nora)).toBe('red')
		expect(await dotOf(f.rvo, f.ann)).toBe('not_required')
		expect(await audits('passport.requirement.create', id)).toEqual([expect.objectContaining({ tenantId: null, actorUserId: f.admin })])

		expect(await deactivateUnitRequirement(ctx(), { actor: coordinator, requirementId: id })).toMatchObject({ ok: false, kind: 'not_found' })
		expect(await deactivateConcernRequirement(ctx(), { actor: admin, requirementId: id })).toEqual({ ok: true, value: { queuedUnits: 2 } })
		await runRequirementJobs()
		expect(await dotOf(f.nvwa, f.nora)).toBe('not_required')
		expect(await dotOf(f.rvo, f.tim)).toBe('not_required')
	})
})

/** RVO and NVWA, each with a Teamleider; RVO's Ann is an Adviseur. Written as the owner. */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [nvwaInspector, nvwaLead, rvoAdviser, rvoLead] = (
		await db
			.insert(schema.jobProfiles)
			.values([
				{ tenantId: nvwa, name: 'Inspecteur' },
				{ tenantId: nvwa, name: 'Teamleider' },
				{ tenantId: rvo, name: 'Adviseur' },
				{ tenantId: rvo, name: 'Teamleider' },
			])
			.returning({ id: schema.jobProfiles.id })
	).map((row) => row.id) as [string, string, string, string]
	const [bob, ann, tim, nora, admin] = (
		await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo, employeeNumber: 'b', name: 'Bob Coördinator', email: 'bob@rvo.test' },
				{ tenantId: rvo, employeeNumber: 'a', name: 'Ann Adviseur', email: 'ann@rvo.test', jobProfileId: rvoAdviser },
				{ tenantId: rvo, employeeNumber: 't', name: 'Tim Teamleider', email: 'tim@rvo.test', jobProfileId: rvoLead },
				{ tenantId: nvwa, employeeNumber: 'n', name: 'Nora Teamleider', email: 'nora@nvwa.test', jobProfileId: nvwaLead },
				{ tenantId: rvo, employeeNumber: 'x', name: 'Beheerder', email: 'admin@concern.test' },
			])
			.returning({ id: schema.users.id })
	).map((row) => row.id) as [string, string, string, string, string]
	await db.insert(schema.roleAssignments).values([
		{ userId: bob, role: 'coordinator', tenantId: rvo },
		{ userId: nora, role: 'coordinator', tenantId: nvwa },
		{ userId: admin, role: 'concern_admin', tenantId: null },
	])
	const [bhv, retired, inspection] = (
		await db
			.insert(schema.competencies)
			.values([
				{ name: 'BHV', validityMonths: 12, warningDays: 30 },
				{ name: 'Oude bekwaamheid', validityMonths: 12, active: false },
				{ name: 'Inspectie', validityMonths: 24, levels: ['Basis', 'Gevorderd', 'Expert'] },
			])
			.returning({ id: schema.competencies.id })
	).map((row) => row.id) as [string, string, string]
	return { nvwa, rvo, nvwaInspector, rvoAdviser, bob, ann, tim, nora, admin, bhv, retired, inspection }
}
