import { isCourseVisibleTo, isUnpublishedCourseVisibleTo, type CourseStatus, type CourseViewer } from '@leerplein/domain'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { courseVisibleTo, getCourse, listCatalogue, listUpcomingSessions } from './catalogue.ts'

const NOW = new Date('2026-11-23T10:00:00Z')
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000)

// The queries run as the portal does: as leerplein_app, in a tenant context (null: a visitor).
describe.each(await testDrivers())('catalogue queries on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertCatalogue>>
	/** Per unit and role: what the domain rule shows, and what the query twin selects when RLS is not in the way. */
	const expected = new Map<string, { domain: string[]; queryTwin: string[] }>()
	const ROLES = ['employee', 'coordinator'] as const
	const viewer = (tenantId: string, role: (typeof ROLES)[number]): CourseViewer => ({ tenantId, grants: [{ role: 'employee', tenantId }, ...(role === 'coordinator' ? [{ role, tenantId }] : [])] })

	const as = <T>(viewerTenantId: string | null, work: (tx: Database) => Promise<T>) =>
		withTenantContext(app.db, { tenantId: viewerTenantId, userId: null }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertCatalogue(database)
		// Ground truth is read as the owner, before (on PGlite) the connection becomes the app role.
		const all = await database.db.select().from(schema.courses)
		const audiences = await database.db.select().from(schema.courseAudiences)
		for (const unit of [ids.nvwa, ids.rvo, ids.acm]) {
			for (const role of ROLES) {
				const domain = all.filter((course) =>
					isCourseVisibleTo(
						{
							providerTenantId: course.providerTenantId,
							status: course.status as CourseStatus,
							visibility:
								course.visibility === 'concern'
									? { scope: 'concern' }
									: { scope: 'selected', tenantIds: audiences.filter((a) => a.courseId === course.id).map((a) => a.tenantId) },
						},
						viewer(unit, role),
					),
				)
				const unpublished = isUnpublishedCourseVisibleTo({ providerTenantId: unit }, viewer(unit, role))
				const queryTwin = await database.db.select({ id: schema.courses.id }).from(schema.courses).where(courseVisibleTo(unit, { unpublished }))
				expected.set(`${unit}/${role}`, { domain: domain.map((c) => c.id).sort(), queryTwin: queryTwin.map((c) => c.id).sort() })
			}
		}
		app = await database.connectAsApp()
	})
	afterAll(() => database?.close())

	test('lists published concern-wide courses newest first, with the providing unit', async () => {
		const { entries, total } = await as(null, (tx) => listCatalogue(tx, { viewerTenantId: null, limit: 10, offset: 0 }))
		expect(entries.map((e) => e.title)).toEqual(['Schrijven voor het web', 'Integriteit in de praktijk'])
		expect(entries[1]).toMatchObject({ providerName: 'Nederlandse Voedsel- en Warenautoriteit', themeNameNl: 'Integriteit' })
		expect(total).toBe(2)
	})

	test('pages through the catalogue', async () => {
		const second = await as(null, (tx) => listCatalogue(tx, { viewerTenantId: null, limit: 1, offset: 1 }))
		expect(second.entries.map((e) => e.title)).toEqual(['Integriteit in de praktijk'])
		expect(second.total).toBe(2)
	})

	test("shows a unit the courses opened to it, not another unit's; its own drafts and archived courses only to its coordinators", async () => {
		const rvo = await as(ids.rvo, (tx) => listCatalogue(tx, { viewerTenantId: ids.rvo, limit: 10, offset: 0 }))
		expect(rvo.entries.map((e) => e.title).sort()).toEqual(['Integriteit in de praktijk', 'Schrijven voor het web', 'Toezicht op voedselveiligheid'])
		const acm = await as(ids.acm, (tx) => listCatalogue(tx, { viewerTenantId: ids.acm, limit: 10, offset: 0 }))
		expect(acm.entries.map((e) => e.title).sort()).toEqual(['Integriteit in de praktijk', 'Schrijven voor het web'])
		const nvwaEmployee = await as(ids.nvwa, (tx) => listCatalogue(tx, { viewerTenantId: ids.nvwa, limit: 10, offset: 0 }))
		expect(nvwaEmployee.total).toBe(3)
		const nvwaCoordinator = await as(ids.nvwa, (tx) => listCatalogue(tx, { viewerTenantId: ids.nvwa, unpublished: true, limit: 10, offset: 0 }))
		expect(nvwaCoordinator.total).toBe(5)
	})

	test('the SQL visibility rule agrees with the domain rule for every course, unit and role; row-level security with the widest view in a unit', async () => {
		for (const unit of [ids.nvwa, ids.rvo, ids.acm]) {
			for (const role of ROLES) {
				const { domain, queryTwin } = expected.get(`${unit}/${role}`)!
				expect(queryTwin).toEqual(domain)
			}
			// The policies are the unit's wall: within it, who sees the unpublished courses is the service's.
			const throughPolicy = await as(unit, (tx) => tx.select({ id: schema.courses.id }).from(schema.courses))
			expect(throughPolicy.map((c) => c.id).sort()).toEqual(expected.get(`${unit}/coordinator`)!.domain)
		}
	})

	test('finds a visible course and hides an invisible or unknown one', async () => {
		expect(await as(null, (tx) => getCourse(tx, { viewerTenantId: null, unpublished: false, courseId: ids.integrity }))).toMatchObject({
			title: 'Integriteit in de praktijk',
			keywords: ['integriteit', 'ethiek'],
		})
		expect(await as(ids.acm, (tx) => getCourse(tx, { viewerTenantId: ids.acm, unpublished: false, courseId: ids.selectedForRvo }))).toBeNull()
		expect(await as(null, (tx) => getCourse(tx, { viewerTenantId: null, unpublished: false, courseId: ids.draft }))).toBeNull()
		expect(await as(null, (tx) => getCourse(tx, { viewerTenantId: null, unpublished: false, courseId: '0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3d' }))).toBeNull()
	})

	test("finds the own unit's draft and archived course for its coordinators only", async () => {
		for (const courseId of [ids.draft, ids.archived]) {
			expect(await as(ids.nvwa, (tx) => getCourse(tx, { viewerTenantId: ids.nvwa, unpublished: false, courseId }))).toBeNull()
			expect(await as(ids.nvwa, (tx) => getCourse(tx, { viewerTenantId: ids.nvwa, unpublished: true, courseId }))).toMatchObject({ providerTenantId: ids.nvwa })
			expect(await as(ids.rvo, (tx) => getCourse(tx, { viewerTenantId: ids.rvo, unpublished: true, courseId }))).toBeNull()
		}
	})

	test('lists upcoming planned sessions soonest first, counting only seat-holding enrolments, also for a visitor', async () => {
		const sessions = await as(null, (tx) => listUpcomingSessions(tx, { courseId: ids.integrity, now: NOW }))
		expect(sessions.map((s) => s.id)).toEqual([ids.soonSession, ids.laterSession])
		expect(sessions[0]).toMatchObject({ capacity: 2, seatsTaken: 2, city: 'Utrecht', providerShortName: 'NVWA' })
		expect(sessions[1]).toMatchObject({ seatsTaken: 0, city: null })
	})

	test('lets an employee hold only one active enrolment per session', async () => {
		const enrol = (status: 'enrolled' | 'cancelled') =>
			as(ids.rvo, (tx) => tx.insert(schema.enrolments).values({ tenantId: ids.rvo, sessionId: ids.laterSession, userId: ids.employee, status }))
		await enrol('cancelled')
		await enrol('enrolled')
		await expect(enrol('enrolled')).rejects.toThrow()
		const rows = await as(ids.rvo, (tx) => tx.select().from(schema.enrolments).where(eq(schema.enrolments.sessionId, ids.laterSession)))
		expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'enrolled'])
	})
})

async function insertCatalogue({ db }: TestDatabase) {
	const [nvwa, rvo, acm] = await db
		.insert(schema.tenants)
		.values([
			{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' },
			{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
			{ slug: 'acm', name: 'Autoriteit Consument & Markt', shortName: 'ACM' },
		])
		.returning({ id: schema.tenants.id })
	const [theme] = await db.insert(schema.themes).values({ slug: 'integriteit', nameNl: 'Integriteit', nameEn: 'Integrity' }).returning()
	const course = (title: string, provider: string, createdDaysAgo: number, status: CourseStatus, visibility: 'concern' | 'selected') => ({
		title,
		providerTenantId: provider,
		summary: `${title}: samenvatting`,
		description: 'Eerste alinea.\n\nTweede alinea.',
		keywords: ['integriteit', 'ethiek'],
		themeId: theme!.id,
		form: 'classroom' as const,
		durationMinutes: 240,
		status,
		visibility,
		createdAt: days(-createdDaysAgo),
	})
	const [integrity, writing, selectedForRvo, draft, archived] = await db
		.insert(schema.courses)
		.values([
			course('Integriteit in de praktijk', nvwa!.id, 30, 'published', 'concern'),
			course('Schrijven voor het web', acm!.id, 10, 'published', 'concern'),
			course('Toezicht op voedselveiligheid', nvwa!.id, 5, 'published', 'selected'),
			course('Concept: nieuwe inspectiemethode', nvwa!.id, 1, 'draft', 'concern'),
			course('Gearchiveerd: oude inspectiemethode', nvwa!.id, 60, 'archived', 'concern'),
		])
		.returning({ id: schema.courses.id })
	await db.insert(schema.courseAudiences).values({ courseId: selectedForRvo!.id, tenantId: rvo!.id })
	const [location] = await db
		.insert(schema.locations)
		.values({ tenantId: nvwa!.id, name: 'Catharijnesingel', address: 'Catharijnesingel 59', city: 'Utrecht' })
		.returning()
	const session = (startsInDays: number, extra: Partial<typeof schema.sessions.$inferInsert> = {}) => ({
		tenantId: nvwa!.id,
		courseId: integrity!.id,
		startsAt: days(startsInDays),
		endsAt: new Date(days(startsInDays).getTime() + 4 * 3_600_000),
		capacity: 2,
		...extra,
	})
	const [soonSession, laterSession] = await db
		.insert(schema.sessions)
		.values([
			session(7, { locationId: location!.id }),
			session(40),
			session(-7, { locationId: location!.id }),
			session(14, { status: 'cancelled' }),
		])
		.returning({ id: schema.sessions.id })
	const people = await db
		.insert(schema.users)
		.values(['a', 'b', 'c'].map((n) => ({ tenantId: rvo!.id, employeeNumber: n, name: `Medewerker ${n}`, email: `${n}@rvo.test` })))
		.returning({ id: schema.users.id })
	await db.insert(schema.enrolments).values([
		{ tenantId: rvo!.id, sessionId: soonSession!.id, userId: people[0]!.id, status: 'enrolled' },
		{ tenantId: rvo!.id, sessionId: soonSession!.id, userId: people[1]!.id, status: 'enrolled' },
		{ tenantId: rvo!.id, sessionId: soonSession!.id, userId: people[2]!.id, status: 'waitlisted' },
	])
	return {
		nvwa: nvwa!.id,
		rvo: rvo!.id,
		acm: acm!.id,
		integrity: integrity!.id,
		writing: writing!.id,
		selectedForRvo: selectedForRvo!.id,
		draft: draft!.id,
		archived: archived!.id,
		soonSession: soonSession!.id,
		laterSession: laterSession!.id,
		employee: people[0]!.id,
	}
}
