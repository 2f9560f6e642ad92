import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { addLocation, saveRoom, setRoomActive } from './manage-rooms.server.ts'
import { saveTrainer, setTrainerActive } from './manage-trainers.server.ts'

// Issue 22, item 2: a unit's rooms and trainers are admin changes, so their audit rows hold the
// fields before and after (ADR 049), which the audit trail shows field by field.

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('the audit rows of rooms and trainers on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let coordinator: Actor
	const ctx = () => testContext(app.db, NOW)
	const auditOf = async (objectId: string) => {
		const rows = await database.asOwner((db) =>
			db.select({ id: schema.auditLog.id, objectId: schema.auditLog.objectId, action: schema.auditLog.action, before: schema.auditLog.before, after: schema.auditLog.after }).from(schema.auditLog),
		)
		return rows.filter((row) => row.objectId === objectId).sort((a, b) => a.id - b.id)
	}

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const { rvo } = await insertNvwaAndRvo(database.db)
		const [userId] = await insertPeople(database.db, rvo, ['Rik Coördinator'])
		await database.db.insert(schema.roleAssignments).values({ userId: userId!, role: 'coordinator', tenantId: rvo })
		coordinator = { userId: userId!, tenantId: rvo, grants: [{ role: 'coordinator', tenantId: rvo }] }
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('changing a room records its fields before and after; deactivating it, active before and after', async () => {
		const location = await addLocation(ctx(), { actor: coordinator, input: { name: 'Hoofdkantoor', address: 'Prinses Beatrixlaan 2', city: 'Den Haag' } })
		if (!location.ok) throw new Error(location.code)
		const input = { locationId: location.value.locationId, name: 'Zaal 1', capacity: 12, wheelchairAccessible: true, hearingLoop: false }
		const created = await saveRoom(ctx(), { actor: coordinator, input })
		if (!created.ok) throw new Error(created.code)
		const { roomId } = created.value
		expect((await saveRoom(ctx(), { actor: coordinator, input: { ...input, id: roomId, capacity: 16 } })).ok).toBe(true)
		expect((await setRoomActive(ctx(), { actor: coordinator, roomId, active: false })).ok).toBe(true)
		const rows = await auditOf(roomId)
		expect(rows.map((row) => row.action)).toEqual(['room.create', 'room.update', 'room.deactivate'])
		expect(rows[0]!.before).toBeNull()
		expect(rows[1]).toMatchObject({ before: { name: 'Zaal 1', capacity: 12 }, after: { name: 'Zaal 1', capacity: 16 } })
		expect(rows[2]).toMatchObject({ before: { active: true }, after: { active: false } })
	})

	test('changing a trainer records the fields before and after; reactivating one, active before and after', async () => {
		const input = { kind: 'external' as const, name: 'Anna de Vries', organisation: 'Bureau Leren', email: 'anna@bureau.test' }
		const created = await saveTrainer(ctx(), { actor: coordinator, input })
		if (!created.ok) throw new Error(created.code)
		const { trainerId } = created.value
		expect((await saveTrainer(ctx(), { actor: coordinator, input: { ...input, id: trainerId, organisation: 'Bureau Leren & Doen' } })).ok).toBe(true)
		expect((await setTrainerActive(ctx(), { actor: coordinator, trainerId, active: false })).ok).toBe(true)
		expect((await setTrainerActive(ctx(), { actor: coordinator, trainerId, active: true })).ok).toBe(true)
		const rows = await auditOf(trainerId)
		expect(rows.map((row) => row.action)).toEqual(['trainer.create', 'trainer.update', 'trainer.deactivate', 'trainer.activate'])
		expect(rows[1]).toMatchObject({ before: { organisation: 'Bureau Leren' }, after: { organisation: 'Bureau Leren & Doen' } })
		expect(rows[3]).toMatchObject({ before: { active: false }, after: { active: true } })
	})
})
