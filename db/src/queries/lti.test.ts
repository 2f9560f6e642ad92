import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext, withToolContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, testLtiTool, type TestDatabase } from '../testing.ts'
import {
	getLineItem,
	getScoreContext,
	getToolAccess,
	getPlatformSigningKey,
	insertFirstPlatformKey,
	insertLineItem,
	insertLtiTool,
	insertMessageState,
	insertPartCompletion,
	insertRegistrationToken,
	getToolWebServices,
	listLineItems,
	listMyOnlinePartProgress,
	listSyncableOnlineParts,
	onlinePartCompleted,
	recordWebServicesSync,
	saveToolWebServices,
	listPlatformPublicKeys,
	registerToolWithToken,
	rotatePlatformKey,
	storeScore,
	takeMessageState,
	useToolTokenId,
} from './lti.ts'
import { completeEnrolmentFromScore, enrolmentStatusesForTool, isEnrolledInCourse, listCourseInstructorsForTool, listCourseMembersForTool } from './lti-enrolments.ts'

const key = (kid: string) => ({ kid, publicJwk: { kty: 'RSA', kid, n: 'n', e: 'AQAB' }, privateJwk: { kty: 'RSA', kid, d: 'secret' } })
const tool = testLtiTool

// The LTI tables run as the portal does: leerplein_app, in a person's or a tool's context.
describe.each(await testDrivers())('LTI queries on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: { rvo: string; nvwa: string; ann: string; nel: string; piet: string; admin: string; coordinator: string; course: string; otherCourse: string; moodle: string; other: string; link: string }

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo, nvwa] = await db
			.insert(schema.tenants)
			.values([
				{ slug: 'rvo', name: 'RVO', shortName: 'RVO' },
				{ slug: 'nvwa', name: 'NVWA', shortName: 'NVWA', poOverrides: { shareContactDetailsWithTools: true } },
			])
			.returning()
		const [ann, nel, admin, coordinator, piet] = await db
			.insert(schema.users)
			.values([
				{ tenantId: rvo!.id, employeeNumber: '1', name: 'Ann', email: 'ann@rvo.test' },
				{ tenantId: nvwa!.id, employeeNumber: '2', name: 'Nel', email: 'nel@nvwa.test' },
				{ tenantId: rvo!.id, employeeNumber: '3', name: 'Ad', email: 'ad@rvo.test' },
				{ tenantId: rvo!.id, employeeNumber: '4', name: 'Co', email: 'co@rvo.test' },
				{ tenantId: rvo!.id, employeeNumber: '5', name: 'Piet', email: 'piet@rvo.test' },
			])
			.returning()
		await db.insert(schema.roleAssignments).values([
			{ userId: admin!.id, role: 'concern_admin', tenantId: null },
			{ userId: coordinator!.id, role: 'coordinator', tenantId: rvo!.id },
		])
		const [course, otherCourse] = await db
			.insert(schema.courses)
			.values([
				{ providerTenantId: rvo!.id, title: 'Veilig online', summary: 's', description: 'd', form: 'elearning', durationMinutes: 60, status: 'published' },
				{ providerTenantId: rvo!.id, title: 'Ander', summary: 's', description: 'd', form: 'elearning', durationMinutes: 60, status: 'published' },
			])
			.returning()
		const [session] = await db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date('2026-12-01T09:00Z'), endsAt: new Date('2026-12-01T17:00Z'), capacity: 10 })
			.returning()
		await db.insert(schema.enrolments).values([
			{ tenantId: rvo!.id, sessionId: session!.id, userId: ann!.id, status: 'enrolled' },
			{ tenantId: nvwa!.id, sessionId: session!.id, userId: nel!.id, status: 'waitlisted' },
			{ tenantId: rvo!.id, sessionId: session!.id, userId: piet!.id, status: 'enrolled' },
		])
		const [moodle, other] = await db.insert(schema.ltiTools).values([tool('Moodle', 'moodle'), tool('Ander', 'other')]).returning()
		const [link] = await db
			.insert(schema.ltiResourceLinks)
			.values({ tenantId: rvo!.id, courseId: course!.id, toolId: moodle!.id, deploymentId: '1', title: 'Module', custom: { id: 'uuid' }, passMarkPercent: 60 })
			.returning()
		ids = {
			rvo: rvo!.id,
			nvwa: nvwa!.id,
			ann: ann!.id,
			nel: nel!.id,
			piet: piet!.id,
			admin: admin!.id,
			coordinator: coordinator!.id,
			course: course!.id,
			otherCourse: otherCourse!.id,
			moodle: moodle!.id,
			other: other!.id,
			link: link!.id,
		}
		app = await database.connectAsApp()
	})
	afterAll(() => database?.close())

	const asTool = <T>(toolId: string, work: (tx: Database) => Promise<T>) => withToolContext(app.db, { tenantId: ids.rvo, toolId }, work)

	test('the first key is stored once; rotation keeps the old key published but signs with the new one', async () => {
		await insertFirstPlatformKey(app.db, key('k1'))
		await insertFirstPlatformKey(app.db, key('k-late'))
		expect((await getPlatformSigningKey(app.db))?.kid).toBe('k1')
		await rotatePlatformKey(app.db, key('k2'))
		expect((await getPlatformSigningKey(app.db))?.kid).toBe('k2')
		expect((await listPlatformPublicKeys(app.db)).map((k) => k.kid)).toEqual(['k2', 'k1'])
		expect(JSON.stringify(await listPlatformPublicKeys(app.db))).not.toContain('secret')
		expect(await failure(selectRows(app.db, sql`select * from lti_platform_keys`))).toMatch(/permission denied/)
	})

	test('only a concern administrator registers a tool', async () => {
		const coordinatorTry = withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.coordinator }, (tx) => insertLtiTool(tx, tool('X', 'x')))
		expect(await failure(coordinatorTry)).toMatch(/row-level security/)
		const made = await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.admin }, (tx) => insertLtiTool(tx, tool('Y', 'y')))
		expect(made.clientId).toBe('y')
	})

	test('a registration token registers one tool, once', async () => {
		await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.admin }, (tx) =>
			insertRegistrationToken(tx, { id: 'token-hash', createdBy: ids.admin, expiresAt: new Date(Date.now() + 600_000), toolRegistrationUrl: 'https://moodle.test/enrol/lti/register.php' }),
		)
		const toolId = '0190a0b0-0000-7000-8000-00000000abcd'
		const registration = { ...tool('Dyn', 'dyn'), id: toolId }
		expect(await registerToolWithToken(app.db, { tokenHash: 'token-hash', tool: registration })).toBe(toolId)
		expect(await registerToolWithToken(app.db, { tokenHash: 'token-hash', tool: { ...registration, id: '0190a0b0-0000-7000-8000-00000000abce', clientId: 'dyn2' } })).toBeNull()
		expect(await registerToolWithToken(app.db, { tokenHash: 'unknown', tool: { ...registration, clientId: 'dyn3' } })).toBeNull()
	})

	test('a message state serves once; a token id is accepted once per tool', async () => {
		const state = { id: 'hint-hash', kind: 'launch' as const, toolId: ids.moodle, tenantId: ids.rvo, courseId: ids.course, resourceLinkId: ids.link, userId: ids.ann, deploymentId: '1', expiresAt: new Date(Date.now() + 60_000) }
		await insertMessageState(app.db, state)
		expect(await takeMessageState(app.db, { id: 'hint-hash', kind: 'deep_linking' })).toBeNull()
		expect(await takeMessageState(app.db, { id: 'hint-hash', kind: 'launch' })).toMatchObject({ userId: ids.ann, resourceLinkId: ids.link })
		expect(await takeMessageState(app.db, { id: 'hint-hash', kind: 'launch' })).toBeNull()
		const expiresAt = new Date(Date.now() + 60_000)
		expect(await useToolTokenId(app.db, { toolId: ids.moodle, tokenId: 'jti-1', expiresAt })).toBe(true)
		expect(await useToolTokenId(app.db, { toolId: ids.moodle, tokenId: 'jti-1', expiresAt })).toBe(false)
		expect(await useToolTokenId(app.db, { toolId: ids.other, tokenId: 'jti-1', expiresAt })).toBe(true)
	})

	test('a tool serves only courses its resources are linked to', async () => {
		expect(await getToolAccess(app.db, { toolId: ids.moodle, courseId: ids.course })).toMatchObject({ tool: { id: ids.moodle }, providerTenantId: ids.rvo })
		expect(await getToolAccess(app.db, { toolId: ids.other, courseId: ids.course })).toMatchObject({ tool: { id: ids.other }, providerTenantId: null })
		expect(await getToolAccess(app.db, { toolId: ids.moodle, courseId: ids.otherCourse })).toMatchObject({ providerTenantId: null })
		expect(await getToolAccess(app.db, { toolId: ids.moodle, courseId: null })).toMatchObject({ providerTenantId: null })
	})

	test("in a tool context a tool sees its own line items and never another tool's", async () => {
		const item = await asTool(ids.moodle, (tx) => insertLineItem(tx, { tenantId: ids.rvo, courseId: ids.course, toolId: ids.moodle, label: 'Quiz', scoreMaximum: 10, tag: 'quiz' }))
		expect(await failure(asTool(ids.other, (tx) => insertLineItem(tx, { tenantId: ids.rvo, courseId: ids.course, toolId: ids.moodle, label: 'Forged', scoreMaximum: 1 })))).toMatch(
			/row-level security/,
		)
		expect(await asTool(ids.other, (tx) => getLineItem(tx, { courseId: ids.course, lineItemId: item.id }))).toBeNull()
		expect((await asTool(ids.moodle, (tx) => listLineItems(tx, { filter: { courseId: ids.course, tag: 'quiz' }, page: 1, pageSize: 10 }))).items).toHaveLength(1)
		// Another unit sees nothing of it either.
		expect(await withTenantContext(app.db, { tenantId: ids.nvwa, userId: null }, (tx) => getLineItem(tx, { courseId: ids.course, lineItemId: item.id }))).toBeNull()
	})

	test('enrolments: launch check in the employee context, members and completion only in a serving tool context', async () => {
		expect(await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.ann }, (tx) => isEnrolledInCourse(tx, { courseId: ids.course, userId: ids.ann }))).toBe(true)
		expect(await withTenantContext(app.db, { tenantId: ids.nvwa, userId: ids.nel }, (tx) => isEnrolledInCourse(tx, { courseId: ids.course, userId: ids.nel }))).toBe(false)
		expect(await asTool(ids.moodle, (tx) => enrolmentStatusesForTool(tx, { courseId: ids.course, userId: ids.nel }))).toEqual(['waitlisted'])
		expect(await asTool(ids.other, (tx) => enrolmentStatusesForTool(tx, { courseId: ids.course, userId: ids.ann }))).toEqual([])
		expect((await asTool(ids.moodle, (tx) => listCourseMembersForTool(tx, { courseId: ids.course }))).map((m) => m.userId).sort()).toEqual([ids.ann, ids.piet].sort())
		expect(await asTool(ids.other, (tx) => listCourseMembersForTool(tx, { courseId: ids.course }))).toEqual([])
		expect(await withTenantContext(app.db, { tenantId: ids.rvo, userId: null }, (tx) => completeEnrolmentFromScore(tx, { courseId: ids.course, userId: ids.ann }))).toEqual([])
		expect(await asTool(ids.moodle, (tx) => completeEnrolmentFromScore(tx, { courseId: ids.course, userId: ids.nel }))).toEqual([])
		const closed = await asTool(ids.moodle, (tx) => completeEnrolmentFromScore(tx, { courseId: ids.course, userId: ids.ann }))
		expect(closed).toEqual([{ enrolmentId: expect.any(String), tenantId: ids.rvo, previousStatus: 'enrolled' }])
		expect(await asTool(ids.moodle, (tx) => completeEnrolmentFromScore(tx, { courseId: ids.course, userId: ids.ann }))).toEqual([])
	})

	test("NRPS instructors are the providing unit's coordinators, only for a tool that serves the course", async () => {
		expect((await asTool(ids.moodle, (tx) => listCourseInstructorsForTool(tx, { courseId: ids.course }))).map((m) => m.userId)).toEqual([ids.coordinator])
		expect(await asTool(ids.other, (tx) => listCourseInstructorsForTool(tx, { courseId: ids.course }))).toEqual([])
		expect(await asTool(ids.moodle, (tx) => listCourseInstructorsForTool(tx, { courseId: ids.otherCourse }))).toEqual([])
	})

	test("web-services settings: the administrator writes them, the tool reads and updates only its own, nobody else sees them", async () => {
		const asAdmin = <T>(work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.admin }, work)
		const settings = { toolId: ids.moodle, baseUrl: 'https://moodle.test', tokenCiphertext: 'cipher', tokenLastFour: 'abcd', issuer: 'https://leerplein.test' }
		const byCoordinator = withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.coordinator }, (tx) => saveToolWebServices(tx, settings))
		expect(await failure(byCoordinator)).toMatch(/row-level security/)
		await asAdmin((tx) => saveToolWebServices(tx, settings))
		expect(await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.coordinator }, (tx) => getToolWebServices(tx, { toolId: ids.moodle }))).toBeNull()
		expect(await asTool(ids.other, (tx) => getToolWebServices(tx, { toolId: ids.moodle }))).toBeNull()
		const at = new Date('2026-11-23T10:00:00Z')
		await asTool(ids.moodle, (tx) => recordWebServicesSync(tx, { toolId: ids.moodle, at, status: 'ok', message: '1 afgerond', completed: 1 }))
		expect(await asAdmin((tx) => getToolWebServices(tx, { toolId: ids.moodle }))).toMatchObject({ lastSyncAt: at, lastSyncStatus: 'ok', lastSyncCompleted: 1, tokenLastFour: 'abcd' })
		// A new token forgets the last sync.
		await asAdmin((tx) => saveToolWebServices(tx, { ...settings, tokenLastFour: 'wxyz' }))
		expect(await asAdmin((tx) => getToolWebServices(tx, { toolId: ids.moodle }))).toMatchObject({ lastSyncAt: null, tokenLastFour: 'wxyz' })
	})

	test('an ungraded completion is recorded once, by the serving tool, and shows in the employee\'s progress', async () => {
		await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.coordinator }, (tx) =>
			tx.update(schema.ltiResourceLinks).set({ moodleCourseId: 2, moodleActivityId: 101 }).where(sql`id = ${ids.link}`),
		)
		expect(await asTool(ids.moodle, (tx) => listSyncableOnlineParts(tx, { tenantId: ids.rvo, toolId: ids.moodle }))).toEqual([
			{ id: ids.link, courseId: ids.course, moodleCourseId: 2, moodleActivityId: 101 },
		])
		expect(await asTool(ids.other, (tx) => listSyncableOnlineParts(tx, { tenantId: ids.rvo, toolId: ids.moodle }))).toEqual([])
		const completion = { resourceLinkId: ids.link, userId: ids.ann, tenantId: ids.rvo, toolId: ids.moodle, completedAt: new Date('2026-11-20T12:00:00Z') }
		expect(await failure(asTool(ids.other, (tx) => insertPartCompletion(tx, completion)))).toMatch(/row-level security/)
		expect(await asTool(ids.moodle, (tx) => onlinePartCompleted(tx, { resourceLinkId: ids.link, userId: ids.ann }))).toBe(false)
		expect(await asTool(ids.moodle, (tx) => insertPartCompletion(tx, completion))).toBe(true)
		expect(await asTool(ids.moodle, (tx) => insertPartCompletion(tx, completion))).toBe(false)
		expect(await asTool(ids.moodle, (tx) => onlinePartCompleted(tx, { resourceLinkId: ids.link, userId: ids.ann }))).toBe(true)
		const progress = await withTenantContext(app.db, { tenantId: ids.rvo, userId: ids.ann }, (tx) => listMyOnlinePartProgress(tx, { userId: ids.ann }))
		expect(progress).toEqual([{ courseId: ids.course, resourceLinkId: ids.link, title: 'Module', score: null, completedAt: completion.completedAt }])
		expect(await withTenantContext(app.db, { tenantId: ids.nvwa, userId: ids.nel }, (tx) => listMyOnlinePartProgress(tx, { userId: ids.ann }))).toEqual([])
	})

	test('a score: read its context, then store it with the completion, the closed enrolment and the audit row, in one statement each', async () => {
		const item = await asTool(ids.moodle, (tx) => insertLineItem(tx, { tenantId: ids.rvo, courseId: ids.course, toolId: ids.moodle, resourceLinkId: ids.link, label: 'Toets', scoreMaximum: 10 }))
		const target = { tenantId: ids.rvo, toolId: ids.moodle, courseId: ids.course, lineItemId: item.id, userId: ids.piet }
		const score = (at: string, completesPart: boolean) => ({
			scoreGiven: 8,
			scoreMaximum: 10,
			activityProgress: 'Completed',
			gradingProgress: 'FullyGraded',
			comment: null,
			timestamp: new Date(at),
			completesPart,
			closeEnrolmentsFrom: completesPart ? (['enrolled', 'attended'] as const) : [],
			audit: { origin: '127.0.0.1', requestId: 'req-1' },
		})

		expect(await getScoreContext(app.db, target)).toEqual({ passMark: 60, courseForm: 'elearning', enrolmentStatuses: ['enrolled'], stored: null })
		expect(await getScoreContext(app.db, { ...target, toolId: ids.other })).toBeNull()
		expect(await getScoreContext(app.db, { ...target, courseId: ids.otherCourse })).toBeNull()

		expect(await storeScore(app.db, target, score('2026-05-01T10:00:00.123Z', false))).toEqual({ stored: true, completedPart: false, completedEnrolments: 0 })
		expect(await storeScore(app.db, target, score('2026-05-01T11:00:00Z', true))).toEqual({ stored: true, completedPart: true, completedEnrolments: 1 })
		// A newer score keeps the first completion and closes nothing twice; an equal or older one is never stored.
		expect(await storeScore(app.db, target, score('2026-05-01T12:00:00Z', true))).toEqual({ stored: true, completedPart: false, completedEnrolments: 0 })
		expect(await storeScore(app.db, target, score('2026-05-01T12:00:00Z', true))).toMatchObject({ stored: false })
		expect(await storeScore(app.db, target, score('2026-05-01T09:00:00Z', false))).toMatchObject({ stored: false })

		const context = await getScoreContext(app.db, target)
		expect(context?.enrolmentStatuses).toEqual(['completed'])
		expect(context?.stored?.timestamp).toEqual(new Date('2026-05-01T12:00:00Z'))
		expect(context?.stored?.completedAt).toBeInstanceOf(Date)
		const audit = await withTenantContext(app.db, { tenantId: ids.rvo, userId: null }, (tx) =>
			selectRows<{ tenant_id: string; after: { userId: string; completedEnrolments: number } }>(
				tx,
				sql`select tenant_id, after from audit_log where action = 'lti.online_part_completed' and object_id = ${item.id}`,
			),
		)
		expect(audit).toEqual([{ tenant_id: ids.rvo, after: expect.objectContaining({ userId: ids.piet, completedEnrolments: 1 }) }])
		// Another tool cannot store a score on this line item: row-level security holds inside the function.
		expect(await failure(storeScore(app.db, { ...target, toolId: ids.other }, score('2026-06-01T00:00:00Z', false)))).toMatch(/row-level security/)
	})
})

async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise
		return 'no error'
	} catch (error) {
		const cause = (error as { cause?: { message?: string } }).cause
		return `${(error as Error).message} ${cause?.message ?? ''}`
	}
}
