import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { decideErasure } from './decide-erasure.server.ts'
import { requestErasure } from './request-erasure.server.ts'
import { showErasureQueue } from './show-erasure-queue.server.ts'
import { showErasureRequest } from './show-erasure-request.server.ts'
import { showOwnErasure } from './show-own-erasure.server.ts'

// Issue 22, item 1 (ADR 054): erasure requests through the services, as the portal's role under
// row-level security: asked by the person or by an officer on their behalf, decided by another
// officer, audited with who and the counts, never the person's name.

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('erasure requests on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: { nvwa: string; anna: Actor; bram: Actor; olga: Actor; otto: Actor; coordinator: Actor }
	const ctx = () => testContext(app.db, NOW)
	const erasureAudit = () => database.asOwner((db) => db.select().from(schema.auditLog)).then((rows) => rows.filter((row) => row.objectType === 'erasure_request').sort((a, b) => a.id - b.id))

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const { nvwa, rvo } = await insertNvwaAndRvo(database.db)
		const [anna, bram, coordinator] = await insertPeople(database.db, nvwa, ['Anna Aanvrager', 'Bram Bewaard', 'Cora Coordinator'])
		const [olga, otto] = await insertPeople(database.db, rvo, ['Olga Officer', 'Otto Officer'])
		await database.db.insert(schema.roleAssignments).values([
			{ userId: anna!, role: 'employee', tenantId: nvwa },
			{ userId: coordinator!, role: 'coordinator', tenantId: nvwa },
			{ userId: olga!, role: 'privacy_officer', tenantId: null },
			{ userId: otto!, role: 'privacy_officer', tenantId: null },
		])
		const officer = (userId: string): Actor => ({ userId, tenantId: rvo, grants: [{ role: 'employee', tenantId: rvo }, { role: 'privacy_officer', tenantId: null }] })
		f = {
			nvwa,
			anna: { userId: anna!, tenantId: nvwa, grants: [{ role: 'employee', tenantId: nvwa }] },
			bram: { userId: bram!, tenantId: nvwa, grants: [{ role: 'employee', tenantId: nvwa }] },
			coordinator: { userId: coordinator!, tenantId: nvwa, grants: [{ role: 'coordinator', tenantId: nvwa }] },
			olga: officer(olga!),
			otto: officer(otto!),
		}
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('a person asks to be erased; the officer approves after seeing the preview, and the trail names who and how many, not the person', async () => {
		const asked = await requestErasure(ctx(), { actor: f.anna, subject: { self: true } })
		expect(asked.ok).toBe(true)
		expect(await showOwnErasure(ctx(), { actor: f.anna })).toMatchObject({ ok: true, value: { requestedAt: NOW } })
		// Asking twice is the same request.
		expect(await requestErasure(ctx(), { actor: f.anna, subject: { self: true } })).toEqual(asked)
		const requestId = asked.ok ? asked.value.requestId! : ''

		const queue = await showErasureQueue(ctx(), { actor: f.olga })
		expect(queue.ok && queue.value.requests.map((request) => [request.personName, request.status])).toEqual([['Anna Aanvrager', 'requested']])
		const shown = await showErasureRequest(ctx(), { actor: f.olga, requestId })
		expect(shown.ok && shown.value.askedByMe).toBe(false)
		expect(shown.ok && shown.value.preview?.find((line) => line.table === 'users')).toMatchObject({ erasure: 'anonymise', rows: 1 })

		const decided = await decideErasure(ctx(), { actor: f.olga, requestId, decision: { approve: true } })
		expect(decided.ok && decided.value.counts?.['role_assignments.user_id']).toEqual({ erasure: 'delete', rows: 1 })
		const [entry] = (await erasureAudit()).filter((row) => row.action === 'privacy.erasure_approved')
		expect(entry).toMatchObject({ actorUserId: f.olga.userId, tenantId: null, objectId: requestId, after: { requestedBy: f.anna.userId, counts: expect.objectContaining({ 'users.id': { erasure: 'anonymise', rows: 1 } }) } })
		expect(JSON.stringify(await erasureAudit())).not.toMatch(/Anna|Aanvrager/)
		// Decided once.
		expect(await decideErasure(ctx(), { actor: f.otto, requestId, decision: { approve: true } })).toMatchObject({ ok: false, code: 'ERASURE_ALREADY_DECIDED' })
	})

	test('four eyes: the officer who asked on someone’s behalf is told another officer must decide; that one may decline with a reason', async () => {
		const asked = await requestErasure(ctx(), { actor: f.olga, subject: { self: false, unitId: f.nvwa, employeeNumber: 'Bram Bewaard' } })
		const requestId = asked.ok ? asked.value.requestId! : ''
		expect(requestId).not.toBe('')
		const shown = await showErasureRequest(ctx(), { actor: f.olga, requestId })
		expect(shown.ok && shown.value.askedByMe).toBe(true)
		expect(await decideErasure(ctx(), { actor: f.olga, requestId, decision: { approve: true } })).toMatchObject({ ok: false, kind: 'conflict', code: 'ERASURE_FOUR_EYES' })
		expect(await decideErasure(ctx(), { actor: f.olga, requestId, decision: { approve: false, reason: 'zelf' } })).toMatchObject({ ok: false, code: 'ERASURE_FOUR_EYES' })
		expect(await decideErasure(ctx(), { actor: f.otto, requestId, decision: { approve: false, reason: 'Lopende procedure' } })).toEqual({ ok: true, value: { counts: null } })
		const after = await showErasureRequest(ctx(), { actor: f.otto, requestId })
		expect(after.ok && after.value.request).toMatchObject({ status: 'declined', declineReason: 'Lopende procedure', personName: 'Bram Bewaard', decidedByName: 'Otto Officer' })
	})

	test('an unknown employee number is refused beside the field; others than the officer get nothing', async () => {
		expect(await requestErasure(ctx(), { actor: f.olga, subject: { self: false, unitId: f.nvwa, employeeNumber: 'niemand' } })).toMatchObject({ ok: false, code: 'ERASURE_PERSON_NOT_FOUND', field: 'employeeNumber' })
		for (const actor of [f.coordinator, f.bram]) {
			expect(await showErasureQueue(ctx(), { actor })).toMatchObject({ ok: false, kind: 'forbidden' })
			expect(await requestErasure(ctx(), { actor, subject: { self: false, unitId: f.nvwa, employeeNumber: 'Anna Aanvrager' } })).toMatchObject({ ok: false, kind: 'forbidden' })
			expect(await decideErasure(ctx(), { actor, requestId: '00000000-0000-4000-8000-000000000000', decision: { approve: true } })).toMatchObject({ ok: false, kind: 'forbidden' })
		}
		expect(await showErasureRequest(ctx(), { actor: f.otto, requestId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, kind: 'not_found' })
	})
})
