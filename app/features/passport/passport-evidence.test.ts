import { randomUUID } from 'node:crypto'
import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { listPassport, listPassportHistory, recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, type TestDatabase, testDrivers } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { correctEvidence } from './correct-evidence.server.ts'
import { revokeEvidence } from './revoke-evidence.server.ts'
import { showPersonPassport } from './show-person-passport.server.ts'
import { testContext } from '../../core/testing.ts'

// One person's evidence through the real services (ADR 031, evidence on a screen): their manager
// and their unit's coordinators read it, nobody of another unit finds them, a coordinator revokes
// or corrects a piece once, with a reason and an audit row, and the dot has changed when the
// service returns.

/** 10:00 in Amsterdam on 1 May 2030. */
const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('evidence on a person’s passport on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const actor = (userId: string, tenantId: string, grants: Actor['grants'] = []): Actor => ({ userId, tenantId, grants: [{ role: 'employee', tenantId }, ...grants] })
	const dotOf = async (userId: string) => (await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => listPassport(tx, { userId })))[0]
	const evidenceOf = async (userId: string) => (await database.asOwner((db) => db.select().from(schema.passportEvidence))).filter((row) => row.userId === userId)
	const auditsOf = (action: string) => database.asOwner(async (db) => (await db.select().from(schema.auditLog)).filter((row) => row.action === action))
	let manager: Actor, otherManager: Actor, coordinator: Actor, nvwaCoordinator: Actor, employee: Actor

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
		manager = actor(f.mark, f.rvo, [{ role: 'manager', tenantId: f.rvo }])
		otherManager = actor(f.otherManager, f.rvo, [{ role: 'manager', tenantId: f.rvo }])
		coordinator = actor(f.carla, f.rvo, [{ role: 'coordinator', tenantId: f.rvo }])
		nvwaCoordinator = actor(f.nvwaCoordinator, f.nvwa, [{ role: 'coordinator', tenantId: f.nvwa }])
		employee = actor(f.bas, f.rvo)
		// The owner wrote the evidence without marks: fill the dots as the nightly check would.
		await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => recomputePassports(tx, { tenantId: f.rvo, userIds: [f.eva, f.bas, f.carla], today: '2030-05-01', trigger: 'requirement' }))
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('her manager reads her dots and every piece of evidence, but may change none; the coordinator may', async () => {
		const seen = await showPersonPassport(ctx(), { actor: manager, userId: f.eva })
		expect(seen).toMatchObject({ ok: true, value: { person: { id: f.eva, name: 'Eva Jansen' }, mayChange: false, dots: [{ name: 'BHV', status: 'green' }] } })
		expect(seen.ok && seen.value.evidence.map((piece) => [piece.sourceKind, piece.sourceRef, piece.occurredOn, piece.recordedByName, piece.revokedAt])).toEqual([['import', 'csv:2030-03-01', '2030-03-01', 'Carla Visser', null]])
		expect(await showPersonPassport(ctx(), { actor: coordinator, userId: f.eva })).toMatchObject({ ok: true, value: { mayChange: true } })
	})

	test('another manager of the unit, an employee and another unit’s coordinator do not find her; a coordinator finds nobody of another unit', async () => {
		for (const someone of [otherManager, employee, nvwaCoordinator]) {
			expect(await showPersonPassport(ctx(), { actor: someone, userId: f.eva })).toEqual({ ok: false, kind: 'not_found', code: 'PASSPORT_PERSON_NOT_FOUND' })
		}
		expect(await showPersonPassport(ctx(), { actor: coordinator, userId: f.nvwaEmployee })).toEqual({ ok: false, kind: 'not_found', code: 'PASSPORT_PERSON_NOT_FOUND' })
	})

	test('nobody but the unit’s coordinator revokes: her manager, another unit, a piece named under another person, and the coordinator’s own piece are not found; nothing changes', async () => {
		const revoke = (who: Actor, userId: string, evidenceId: string) => revokeEvidence(ctx(), { actor: who, userId, evidenceId, reason: 'Aanval' })
		const notFound = { ok: false, kind: 'not_found', code: 'EVIDENCE_NOT_FOUND' }
		expect(await revoke(manager, f.eva, f.evaPiece)).toEqual(notFound)
		expect(await revoke(nvwaCoordinator, f.eva, f.evaPiece)).toEqual(notFound)
		expect(await revoke(coordinator, f.bas, f.evaPiece)).toEqual(notFound)
		expect(await revoke(coordinator, f.carla, f.carlaPiece)).toEqual(notFound)
		expect(await revoke(coordinator, f.nvwaEmployee, f.nvwaPiece)).toEqual(notFound)
		expect(await revoke(coordinator, f.eva, randomUUID())).toEqual(notFound)
		expect((await evidenceOf(f.eva)).every((piece) => piece.revokedAt === null)).toBe(true)
		expect(await auditsOf('passport.evidence.revoke')).toEqual([])
	})

	test('the coordinator revokes her only piece with a reason: the dot is red when the service returns, the history says why, the audit keeps the reason; a second revoke is a conflict', async () => {
		expect(await revokeEvidence(ctx(), { actor: coordinator, userId: f.eva, evidenceId: f.evaPiece, reason: 'Verkeerde persoon geïmporteerd' })).toEqual({ ok: true, value: { evidenceId: f.evaPiece } })
		expect(await dotOf(f.eva)).toMatchObject({ status: 'red', cause: { kind: 'missing' } })
		expect(await evidenceOf(f.eva)).toEqual([expect.objectContaining({ id: f.evaPiece, revokedAt: NOW, revokedBy: f.carla, revokedReason: 'Verkeerde persoon geïmporteerd', supersededBy: null })])
		const history = await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => listPassportHistory(tx, { userId: f.eva }))
		expect(history[0]).toMatchObject({ fromStatus: 'green', toStatus: 'red', trigger: 'evidence' })
		expect(await auditsOf('passport.evidence.revoke')).toEqual([
			expect.objectContaining({ actorUserId: f.carla, tenantId: f.rvo, objectId: f.evaPiece, after: expect.objectContaining({ reason: 'Verkeerde persoon geïmporteerd', userId: f.eva }) }),
		])
		const seen = await showPersonPassport(ctx(), { actor: manager, userId: f.eva })
		expect(seen.ok && seen.value.evidence[0]).toMatchObject({ revokedByName: 'Carla Visser', revokedReason: 'Verkeerde persoon geïmporteerd' })

		expect(await revokeEvidence(ctx(), { actor: coordinator, userId: f.eva, evidenceId: f.evaPiece, reason: 'Nog eens' })).toEqual({ ok: false, kind: 'conflict', code: 'EVIDENCE_ALREADY_REVOKED' })
		expect(await auditsOf('passport.evidence.revoke')).toHaveLength(1)
		expect((await evidenceOf(f.eva))[0]!.revokedReason).toBe('Verkeerde persoon geïmporteerd')
	})

	test('a corrected day ahead or unchanged is refused beside the day, and nothing is written', async () => {
		const correct = (occurredOn: string) => correctEvidence(ctx(), { actor: coordinator, userId: f.bas, evidenceId: f.basPiece, occurredOn, reason: 'Verkeerde datum' })
		expect(await correct('2030-05-02')).toEqual({ ok: false, kind: 'invalid', code: 'EVIDENCE_DAY_FUTURE', field: 'occurredOn' })
		expect(await correct('2029-04-01')).toEqual({ ok: false, kind: 'invalid', code: 'EVIDENCE_DAY_UNCHANGED', field: 'occurredOn' })
		expect(await correctEvidence(ctx(), { actor: manager, userId: f.bas, evidenceId: f.basPiece, occurredOn: '2030-04-01', reason: 'x' })).toEqual({ ok: false, kind: 'not_found', code: 'EVIDENCE_NOT_FOUND' })
		expect(await evidenceOf(f.bas)).toHaveLength(1)
		expect(await dotOf(f.bas)).toMatchObject({ status: 'red', cause: { kind: 'expired' } })
	})

	test('the coordinator corrects the day of an import: a new piece supersedes the old in one transaction, audited with the reason, and the dot is green; the old piece changes no more', async () => {
		const corrected = await correctEvidence(ctx(), { actor: coordinator, userId: f.bas, evidenceId: f.basPiece, occurredOn: '2030-04-01', reason: 'Importbestand had het jaar verkeerd' })
		expect(corrected.ok).toBe(true)
		const correctionId = corrected.ok ? corrected.value.evidenceId : ''
		const pieces = await evidenceOf(f.bas)
		expect(pieces.find((piece) => piece.id === f.basPiece)).toMatchObject({ supersededBy: correctionId, revokedAt: null })
		expect(pieces.find((piece) => piece.id === correctionId)).toMatchObject({ sourceKind: 'import', sourceRef: `correction:${f.basPiece}`, occurredOn: '2030-04-01', recordedBy: f.carla, supersededBy: null })
		// 12 months from 1 April 2030.
		expect(await dotOf(f.bas)).toMatchObject({ status: 'green', validUntil: '2031-04-01' })
		expect(await auditsOf('passport.evidence.supersede')).toEqual([
			expect.objectContaining({
				actorUserId: f.carla,
				objectId: f.basPiece,
				before: expect.objectContaining({ occurredOn: '2029-04-01' }),
				after: expect.objectContaining({ occurredOn: '2030-04-01', supersededBy: correctionId, reason: 'Importbestand had het jaar verkeerd' }),
			}),
		])
		const seen = await showPersonPassport(ctx(), { actor: coordinator, userId: f.bas })
		expect(seen.ok && seen.value.evidence.find((piece) => piece.id === f.basPiece)).toMatchObject({ supersededBy: correctionId, supersededByOn: '2030-04-01' })

		expect(await correctEvidence(ctx(), { actor: coordinator, userId: f.bas, evidenceId: f.basPiece, occurredOn: '2030-03-01', reason: 'Nog eens' })).toEqual({ ok: false, kind: 'conflict', code: 'EVIDENCE_ALREADY_SUPERSEDED' })
		expect(await revokeEvidence(ctx(), { actor: coordinator, userId: f.bas, evidenceId: f.basPiece, reason: 'Toch niet' })).toEqual({ ok: false, kind: 'conflict', code: 'EVIDENCE_ALREADY_SUPERSEDED' })
		expect(await evidenceOf(f.bas)).toHaveLength(2)
	})

	test('the portal role can neither delete evidence nor bring a revoked piece back', async () => {
		await expect(withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.delete(schema.passportEvidence))).rejects.toThrow()
		await expect(
			withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.update(schema.passportEvidence).set({ revokedAt: null, revokedBy: null, revokedReason: null })),
		).rejects.toThrow()
		expect((await evidenceOf(f.eva))[0]!.revokedAt).toEqual(NOW)
	})
})

/**
 * RVO: Eva (manager Mark) holds BHV (12 months) from an import of 1 March 2030 that Carla, a
 * coordinator, recorded; Bas's import of 1 April 2029 has lapsed; Carla holds it herself. NVWA: an
 * employee with a piece of their own, and a coordinator. Everyone in the concern needs BHV.
 */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [mark, otherManager, carla, nvwaCoordinator, nvwaEmployee] = (
		await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo, employeeNumber: 'm1', name: 'Mark de Boer', email: 'mark@rvo.test' },
				{ tenantId: rvo, employeeNumber: 'm2', name: 'Andere manager', email: 'manager2@rvo.test' },
				{ tenantId: rvo, employeeNumber: 'c1', name: 'Carla Visser', email: 'carla@rvo.test' },
				{ tenantId: nvwa, employeeNumber: 'c2', name: 'Coördinator NVWA', email: 'coordinator@nvwa.test' },
				{ tenantId: nvwa, employeeNumber: 'e9', name: 'Medewerker NVWA', email: 'employee@nvwa.test' },
			])
			.returning({ id: schema.users.id })
	).map((row) => row.id) as [string, string, string, string, string]
	const [eva, bas] = (
		await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo, employeeNumber: 'e1', name: 'Eva Jansen', email: 'eva@rvo.test', managerId: mark },
				{ tenantId: rvo, employeeNumber: 'e2', name: 'Bas Bakker', email: 'bas@rvo.test', managerId: mark },
			])
			.returning({ id: schema.users.id })
	).map((row) => row.id) as [string, string]
	await db.insert(schema.roleAssignments).values([
		{ userId: mark, role: 'manager', tenantId: rvo },
		{ userId: otherManager, role: 'manager', tenantId: rvo },
		{ userId: carla, role: 'coordinator', tenantId: rvo },
		{ userId: nvwaCoordinator, role: 'coordinator', tenantId: nvwa },
	])
	const [bhv] = await db.insert(schema.competencies).values({ name: 'BHV', validityMonths: 12, warningDays: 30 }).returning({ id: schema.competencies.id })
	await db.insert(schema.competencyRequirements).values({ tenantId: null, competencyId: bhv!.id, introducedOn: '2029-01-01', graceDays: 0 })
	const piece = (tenantId: string, userId: string, day: string) => ({
		tenantId,
		userId,
		competencyId: bhv!.id,
		sourceKind: 'import' as const,
		sourceRef: `csv:${day}`,
		occurredAt: new Date(`${day}T12:00:00Z`),
		occurredOn: day,
		recordedBy: tenantId === rvo ? carla : nvwaCoordinator,
	})
	const [evaPiece, basPiece, carlaPiece, nvwaPiece] = (
		await db
			.insert(schema.passportEvidence)
			.values([piece(rvo, eva, '2030-03-01'), piece(rvo, bas, '2029-04-01'), piece(rvo, carla, '2030-01-15'), piece(nvwa, nvwaEmployee, '2030-02-01')])
			.returning({ id: schema.passportEvidence.id })
	).map((row) => row.id) as [string, string, string, string]
	return { nvwa, rvo, mark, otherManager, carla, nvwaCoordinator, nvwaEmployee, eva, bas, evaPiece, basPiece, carlaPiece, nvwaPiece }
}
