import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertElearningOnTool, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import type { Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testContext } from '../../core/testing.ts'
import { setLtiToolActive } from './set-lti-tool-active.server.ts'
import { setOnlinePartPassMarks } from './set-online-part-pass-marks.server.ts'

// Issue 22, item 2: changing an online part's pass mark and switching a learning tool off are admin
// changes, so their audit rows hold the value before and after (ADR 049).

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('the audit rows of learning-tool changes on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: { rvo: string; coordinator: string; admin: string; courseId: string; resourceLinkId: string; toolId: string }
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
		const [coordinator, admin] = await insertPeople(database.db, rvo, ['Rik Coördinator', 'Els Beheerder'])
		await database.db.insert(schema.roleAssignments).values([
			{ userId: coordinator!, role: 'coordinator', tenantId: rvo },
			{ userId: admin!, role: 'concern_admin', tenantId: null },
		])
		const course = await insertElearningOnTool(database.db, { providerTenantId: rvo, title: 'Veilig e-mailen', passMarkPercent: 70 })
		f = { rvo, coordinator: coordinator!, admin: admin!, courseId: course.courseId, resourceLinkId: course.resourceLinkId, toolId: course.tool.id }
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('a pass mark changed by the providing unit’s coordinator: 70 before, 80 after', async () => {
		const actor: Actor = { userId: f.coordinator, tenantId: f.rvo, grants: [{ role: 'coordinator', tenantId: f.rvo }] }
		expect(await setOnlinePartPassMarks(ctx(), { actor, courseId: f.courseId, parts: [{ resourceLinkId: f.resourceLinkId, passMarkPercent: 80 }] })).toEqual({ ok: true, value: null })
		expect(await auditOf(f.resourceLinkId)).toMatchObject([{ action: 'lti.online_part_pass_mark_set', before: { passMarkPercent: 70 }, after: { passMarkPercent: 80 } }])
	})

	test('a tool switched off by the concern administrator: active before, inactive after', async () => {
		const actor: Actor = { userId: f.admin, tenantId: f.rvo, grants: [{ role: 'concern_admin', tenantId: null }] }
		expect((await setLtiToolActive(ctx(), { actor, toolId: f.toolId, active: false })).ok).toBe(true)
		expect(await auditOf(f.toolId)).toMatchObject([{ action: 'lti.tool_deactivated', before: { name: 'Moodle', active: true }, after: { name: 'Moodle', active: false } }])
	})
})
