import { randomUUID } from 'node:crypto'
import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { getOwnCourse } from '@leerplein/db/catalogue'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, insertNvwaAndRvo, type TestDatabase, testDrivers } from '@leerplein/db/testing'
import { courseInputSchema, type Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { changeCourseStatus } from './change-course-status.server.ts'
import { saveCourse } from './save-course.server.ts'
import { testContext } from '../../core/testing.ts'

// The course form's services against a real database: a new course is a draft with its
// audiences, a coordinator publishes and archives it explicitly (audited), and another unit's
// course is not found.

const NOW = new Date('2030-05-01T08:00:00Z')

describe.each(await testDrivers())('course services on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = () => testContext(app.db, NOW)
	const coordinatorOf = (userId: string, tenantId: string): Actor => ({ userId, tenantId, grants: [{ role: 'coordinator', tenantId }] })
	const input = (fields: Record<string, unknown> = {}) =>
		courseInputSchema.parse({
			title: 'Toezicht op voedselveiligheid in de keten',
			summary: 'Hoe u risico’s in de voedselketen herkent en aanpakt.',
			description: 'In deze training oefent u met inspecties in de voedselketen, van boer tot bord.',
			themeId: f.theme,
			form: 'classroom',
			language: 'nl',
			durationMinutes: '240',
			priceEuros: '0',
			visibility: 'selected',
			audienceTenantIds: [f.rvo],
			learningGoals: 'U herkent de grootste risico’s in de keten.\nU bereidt een inspectie voor.',
			targetAudience: 'Inspecteurs en hun teamleiders.',
			prerequisites: 'Een jaar ervaring als inspecteur.',
			keywords: 'voedselveiligheid, inspectie',
			contactName: 'Sanne Visser',
			contactEmail: 's.visser@nvwa.example.nl',
			...fields,
		})
	const auditOf = async (courseId: string) =>
		(await database.asOwner((db) => db.select().from(schema.auditLog)))
			.filter((row) => row.objectId === courseId)
			.sort((a, b) => a.id - b.id)
			.map(({ action, before, after }) => ({ action, before, after }))
	const courseRow = async (courseId: string) => (await database.asOwner((db) => db.select({ id: schema.courses.id, status: schema.courses.status, title: schema.courses.title }).from(schema.courses))).find((row) => row.id === courseId)
	const save = (actor: Actor, fields: Record<string, unknown> = {}, courseId: string | null = null) => saveCourse(ctx(), { actor, courseId, input: input(fields), despiteDuplicates: true })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('a new course is a draft with every field of the form, opened to the units chosen, and audited', async () => {
		const nvwa = coordinatorOf(f.nvwaCoordinator, f.nvwa)
		const saved = await save(nvwa)
		expect(saved).toMatchObject({ ok: true, value: { kind: 'saved' } })
		const courseId = saved.ok && saved.value.kind === 'saved' ? saved.value.courseId : ''
		const course = await withTenantContext(app.db, { tenantId: f.nvwa, userId: f.nvwaCoordinator }, (tx) => getOwnCourse(tx, { tenantId: f.nvwa, courseId }))
		expect(course).toMatchObject({
			status: 'draft',
			visibility: 'selected',
			audienceTenantIds: [f.rvo],
			keywords: ['voedselveiligheid', 'inspectie'],
			targetAudience: 'Inspecteurs en hun teamleiders.',
			contactEmail: 's.visser@nvwa.example.nl',
		})
		expect((await auditOf(courseId)).map((row) => row.action)).toEqual(['course.create'])
	})

	test('an edit opened to the whole concern drops the units; a unit that does not exist is refused beside the field', async () => {
		const nvwa = coordinatorOf(f.nvwaCoordinator, f.nvwa)
		const saved = await save(nvwa, { title: 'Etiketten lezen voor inspecteurs' })
		const courseId = saved.ok && saved.value.kind === 'saved' ? saved.value.courseId : ''
		expect(await save(nvwa, { title: 'Etiketten lezen voor inspecteurs', visibility: 'concern' }, courseId)).toMatchObject({ ok: true })
		const audiences = (await database.asOwner((db) => db.select().from(schema.courseAudiences))).filter((row) => row.courseId === courseId)
		expect(audiences).toEqual([])
		const unknown = await save(nvwa, { title: 'Etiketten lezen voor inspecteurs', audienceTenantIds: [randomUUID()] }, courseId)
		expect(unknown).toEqual({ ok: false, kind: 'invalid', code: 'COURSE_AUDIENCE_UNITS_REQUIRED', field: 'audienceTenantIds' })
	})

	test('a draft is published and archived only explicitly, each audited; publishing twice is a conflict', async () => {
		const nvwa = coordinatorOf(f.nvwaCoordinator, f.nvwa)
		const saved = await save(nvwa, { title: 'Monsters nemen in de praktijk' })
		const courseId = saved.ok && saved.value.kind === 'saved' ? saved.value.courseId : ''
		expect(await changeCourseStatus(ctx(), { actor: nvwa, courseId, change: 'publish' })).toEqual({ ok: true, value: { status: 'published' } })
		expect(await changeCourseStatus(ctx(), { actor: nvwa, courseId, change: 'publish' })).toMatchObject({ ok: false, kind: 'conflict', code: 'COURSE_ALREADY_PUBLISHED' })
		// Saving the form again leaves it published: the form has no status any more.
		expect(await save(nvwa, { title: 'Monsters nemen in de praktijk' }, courseId)).toMatchObject({ ok: true })
		expect((await courseRow(courseId))?.status).toBe('published')
		expect(await changeCourseStatus(ctx(), { actor: nvwa, courseId, change: 'archive' })).toEqual({ ok: true, value: { status: 'archived' } })
		const audit = await auditOf(courseId)
		expect(audit.map((entry) => entry.action)).toEqual(['course.create', 'course.publish', 'course.update', 'course.archive'])
		expect(audit[1]).toMatchObject({ before: { status: 'draft' }, after: { status: 'published' } })
	})

	test('an incomplete draft is not published: it needs learning goals, an audience and a contact', async () => {
		const nvwa = coordinatorOf(f.nvwaCoordinator, f.nvwa)
		const saved = await save(nvwa, { title: 'Half af: hygiënecodes', learningGoals: '', contactName: '', contactEmail: '' })
		const courseId = saved.ok && saved.value.kind === 'saved' ? saved.value.courseId : ''
		expect(await changeCourseStatus(ctx(), { actor: nvwa, courseId, change: 'publish' })).toMatchObject({ ok: false, kind: 'invalid', code: 'COURSE_INCOMPLETE' })
		expect((await auditOf(courseId)).map((entry) => entry.action)).toEqual(['course.create'])
	})

	test('a merged course is neither published nor archived', async () => {
		const nvwa = coordinatorOf(f.nvwaCoordinator, f.nvwa)
		expect(await changeCourseStatus(ctx(), { actor: nvwa, courseId: f.mergedCourse, change: 'publish' })).toMatchObject({ ok: false, kind: 'conflict', code: 'COURSE_STATUS_MERGED' })
		expect(await changeCourseStatus(ctx(), { actor: nvwa, courseId: f.mergedCourse, change: 'archive' })).toMatchObject({ ok: false, kind: 'conflict', code: 'COURSE_STATUS_MERGED' })
	})

	test("another unit's course is not found, and an employee may not publish at all", async () => {
		const saved = await save(coordinatorOf(f.nvwaCoordinator, f.nvwa), { title: 'Alleen van de NVWA' })
		const courseId = saved.ok && saved.value.kind === 'saved' ? saved.value.courseId : ''
		const rvoCoordinator = coordinatorOf(f.rvoCoordinator, f.rvo)
		expect(await changeCourseStatus(ctx(), { actor: rvoCoordinator, courseId, change: 'publish' })).toMatchObject({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
		expect(await save(rvoCoordinator, { title: 'Overgenomen door RVO' }, courseId)).toMatchObject({ ok: false, kind: 'not_found', code: 'COURSE_NOT_FOUND' })
		const employee: Actor = { userId: f.nvwaEmployee, tenantId: f.nvwa, grants: [{ role: 'employee', tenantId: f.nvwa }] }
		expect(await changeCourseStatus(ctx(), { actor: employee, courseId, change: 'publish' })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await courseRow(courseId)).toEqual({ id: courseId, status: 'draft', title: 'Alleen van de NVWA' })
	})
})

/** NVWA and RVO, a coordinator in each, an NVWA employee and a theme. Written as the owner. */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [nvwaCoordinator, rvoCoordinator, nvwaEmployee] = await db
		.insert(schema.users)
		.values([
			{ tenantId: nvwa, employeeNumber: 'c1', name: 'Coördinator NVWA', email: 'coordinator@nvwa.test' },
			{ tenantId: rvo, employeeNumber: 'c2', name: 'Coördinator RVO', email: 'coordinator@rvo.test' },
			{ tenantId: nvwa, employeeNumber: 'e1', name: 'Medewerker NVWA', email: 'employee@nvwa.test' },
		])
		.returning({ id: schema.users.id })
	await db.insert(schema.roleAssignments).values([
		{ userId: nvwaCoordinator!.id, role: 'coordinator', tenantId: nvwa },
		{ userId: rvoCoordinator!.id, role: 'coordinator', tenantId: rvo },
	])
	const [theme] = await db.insert(schema.themes).values({ slug: 'toezicht', nameNl: 'Toezicht', nameEn: 'Supervision' }).returning({ id: schema.themes.id })
	// A complete course the concern administrator merged into another (written directly: the merge is not this test's subject).
	const [mergedCourse] = await db
		.insert(schema.courses)
		.values({
			providerTenantId: nvwa,
			title: 'Opgegaan in een andere cursus',
			summary: 'Een samengevoegde cursus.',
			description: 'Deze cursus is samengevoegd met een andere cursus.',
			form: 'classroom',
			durationMinutes: 60,
			status: 'merged',
			learningGoals: 'U kent de regels.',
			targetAudience: 'Iedereen.',
			contactName: 'Sanne Visser',
			contactEmail: 's.visser@nvwa.example.nl',
		})
		.returning({ id: schema.courses.id })
	return { nvwa, rvo, mergedCourse: mergedCourse!.id, nvwaCoordinator: nvwaCoordinator!.id, rvoCoordinator: rvoCoordinator!.id, nvwaEmployee: nvwaEmployee!.id, theme: theme!.id }
}
