import { clusterDuplicates, createDuplicateScan } from '@leerplein/domain'
import { eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from '../client.ts'
import { courses } from '../schema/catalogue.ts'
import { courseOfferings } from '../schema/deduplication.ts'
import { sessions } from '../schema/logistics.ts'
import { users } from '../schema/people.ts'
import { tenants } from '../schema/tenants.ts'
import { DEMO_PERSONAS, seedDatabase, seededDuplicateClusters } from '../seed/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import {
	courseRedirectTarget,
	dismissDuplicatePair,
	findDuplicateCandidateVersions,
	getDuplicateCourses,
	joinCourse,
	listDismissedPairs,
	listPublishedDuplicateCourses,
	listCourseMerges,
	listCourseOfferings,
	mergeCourse,
	undoCourseMerge,
} from './duplicates.ts'

type Person = { userId: string; tenantId: string }

describe.each(await testDrivers())('duplicate detection and merging on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let admin: Person
	let rvoCoordinator: Person
	let nvwaCoordinator: Person
	const clusters = seededDuplicateClusters('small')

	const as = <T>(person: Person, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, person, work)
	/** drizzle wraps the database's error; the message raised by the function is in its cause. */
	const failure = (promise: Promise<unknown>) =>
		promise.then(
			() => 'no error',
			(error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
		)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		await seedDatabase(database.db, { scale: 'small', now: new Date('2026-03-02T08:00:00Z') })
		const person = async (key: string): Promise<Person> => {
			const email = DEMO_PERSONAS.find((persona) => persona.key === key)!.email
			const [row] = await database.db.select({ userId: users.id, tenantId: users.tenantId }).from(users).where(eq(users.email, email))
			return row!
		}
		admin = await person('concern-admin')
		rvoCoordinator = await person('rvo-coordinator')
		nvwaCoordinator = await person('nvwa-coordinator')
		app = await database.connectAsApp()
	}, 180_000)
	afterAll(() => database?.close())

	test('the title index proposes the other members of every seeded cluster as candidates', async () => {
		const titles = await as(admin, (tx) => getDuplicateCourses(tx, { courseIds: clusters.flat() }))
		const titleOf = new Map(titles.map((course) => [course.id, course.title]))
		for (const cluster of clusters) {
			const [first, ...others] = cluster as [string, ...string[]]
			const candidates = await as(admin, (tx) => findDuplicateCandidateVersions(tx, { title: titleOf.get(first)!, excludeCourseId: first }))
			expect(candidates.map((course) => course.id)).toEqual(expect.arrayContaining(others))
		}
	})

	test('the concern-wide scan finds the seeded clusters', async () => {
		const found = await as(admin, async (tx) => {
			const dismissed = await listDismissedPairs(tx)
			const scan = createDuplicateScan(await listPublishedDuplicateCourses(tx), { skipPair: (a, b) => dismissed.has(`${a}|${b}`) })
			while (scan.step(100) < scan.total);
			return clusterDuplicates(scan.pairs())
		})
		const truth = new Set(clusters.flatMap((members) => members.flatMap((a) => members.filter((b) => a < b).map((b) => `${a}|${b}`))))
		const reported = found.flatMap(({ courseIds }) => courseIds.flatMap((a) => courseIds.filter((b) => a < b).map((b) => `${a}|${b}`)))
		const right = reported.filter((pair) => truth.has(pair)).length
		expect(right / truth.size).toBeGreaterThanOrEqual(0.9)
		expect(right / reported.length).toBeGreaterThanOrEqual(0.9)
	})

	test('a pair judged "not a duplicate" is never proposed again', async () => {
		const [a, b] = clusters[0]! as [string, string]
		await as(admin, (tx) => dismissDuplicatePair(tx, { courseIds: [b, a], userId: admin.userId }))
		expect(await as(admin, (tx) => listDismissedPairs(tx))).toContain(a < b ? `${a}|${b}` : `${b}|${a}`)
		const [title] = await as(admin, (tx) => getDuplicateCourses(tx, { courseIds: [a] }))
		const candidates = await as(admin, (tx) => findDuplicateCandidateVersions(tx, { title: title!.title, excludeCourseId: a }))
		expect(candidates.map((course) => course.id)).not.toContain(b)
		// Judging again changes nothing; a coordinator may not judge at all.
		await as(admin, (tx) => dismissDuplicatePair(tx, { courseIds: [a, b], userId: admin.userId }))
		await expect(as(rvoCoordinator, (tx) => dismissDuplicatePair(tx, { courseIds: clusters[1]! as [string, string], userId: rvoCoordinator.userId }))).rejects.toThrow()
	})

	test('a merge moves sessions and offerings to the canonical course, redirects, and undo restores exactly', async () => {
		const [canonicalId, mergedId] = clusters[1]! as [string, string]
		const snapshot = async (db: Database) => {
			const rows = await selectRows<{ id: string; course_id: string }>(db, sql`select id, course_id from sessions where course_id in (${canonicalId}, ${mergedId}) order by id`)
			const [merged] = await db.select({ status: courses.status, updatedAt: courses.updatedAt, into: courses.mergedIntoCourseId }).from(courses).where(eq(courses.id, mergedId))
			const offerings = await db.select().from(courseOfferings).where(inArray(courseOfferings.courseId, [canonicalId, mergedId]))
			return { sessions: rows, merged, offerings: offerings.map((o) => `${o.tenantId}:${o.courseId}`).sort() }
		}
		// On PGlite the owner client is the app role after connectAsApp, so read as the admin there.
		const read = () => (driver === 'pglite' ? as(admin, (tx) => snapshot(tx)) : snapshot(database.db))
		const before = await read()
		const [mergedCourse] = await as(admin, (tx) => getDuplicateCourses(tx, { courseIds: [mergedId] }))
		const mergedSessions = before.sessions.filter((session) => session.course_id === mergedId).map((session) => session.id)

		const mergeId = '0197a000-0000-7000-8000-000000000001'
		await as(admin, (tx) => mergeCourse(tx, { mergeId, canonicalId, mergedId }))
		const after = await read()
		expect(after.merged).toMatchObject({ status: 'merged', into: canonicalId })
		expect(after.sessions.filter((session) => session.course_id === mergedId)).toEqual([])
		expect(after.sessions.filter((session) => mergedSessions.includes(session.id)).every((session) => session.course_id === canonicalId)).toBe(true)
		expect(after.offerings).toContain(`${mergedCourse!.providerTenantId}:${canonicalId}`)
		// Old URLs lead to the canonical course, for anyone (the merged course itself is no longer listed).
		expect(await withTenantContext(app.db, { tenantId: null, userId: null }, (tx) => courseRedirectTarget(tx, { courseId: mergedId }))).toBe(canonicalId)
		expect(await withTenantContext(app.db, { tenantId: null, userId: null }, (tx) => courseRedirectTarget(tx, { courseId: canonicalId }))).toBeNull()
		const offerings = await withTenantContext(app.db, { tenantId: null, userId: null }, (tx) => listCourseOfferings(tx, { courseId: canonicalId }))
		expect(offerings.map((offering) => offering.tenantId)).toContain(mergedCourse!.providerTenantId)
		const [record] = await as(admin, (tx) => listCourseMerges(tx, { mergeIds: [mergeId] }))
		expect(record).toMatchObject({ canonicalCourseId: canonicalId, mergedCourseId: mergedId, movedSessions: mergedSessions.length, undoneAt: null })

		// Twice is refused: the merged course is no longer published.
		await expect(as(admin, (tx) => mergeCourse(tx, { mergeId: '0197a000-0000-7000-8000-000000000002', canonicalId, mergedId }))).rejects.toThrow()

		await as(admin, (tx) => undoCourseMerge(tx, { mergeId }))
		expect(await read()).toEqual(before)
		await expect(as(admin, (tx) => undoCourseMerge(tx, { mergeId }))).rejects.toThrow()
	})

	test('only a concern administrator can merge or undo, whatever SQL a coordinator sends', async () => {
		const [canonicalId, mergedId] = clusters[2]! as [string, string]
		expect(await failure(as(rvoCoordinator, (tx) => mergeCourse(tx, { mergeId: '0197a000-0000-7000-8000-000000000003', canonicalId, mergedId })))).toMatch(/concern administrator/)
		expect(await failure(as(nvwaCoordinator, (tx) => undoCourseMerge(tx, { mergeId: '0197a000-0000-7000-8000-000000000001' })))).toMatch(/concern administrator/)
		await expect(as(rvoCoordinator, (tx) => tx.execute(sql`update courses set status = 'merged' where id = ${mergedId}`))).resolves.toBeDefined()
		// The update above touched no row of another unit: RLS hides them from a coordinator's writes.
		const [course] = await as(admin, (tx) => getDuplicateCourses(tx, { courseIds: [mergedId] }))
		const rvo = (await database.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'rvo')))[0]
		if (course!.providerTenantId !== rvo?.id) expect(course!.status).toBe('published')
	})

	test('a unit joins a course of another unit for itself, never in another unit\'s name', async () => {
		const [courseId] = clusters[2]! as [string]
		expect(await as(rvoCoordinator, (tx) => joinCourse(tx, { tenantId: rvoCoordinator.tenantId, courseId, userId: rvoCoordinator.userId }))).toBe(true)
		expect(await as(rvoCoordinator, (tx) => joinCourse(tx, { tenantId: rvoCoordinator.tenantId, courseId, userId: rvoCoordinator.userId }))).toBe(false)
		await expect(as(rvoCoordinator, (tx) => joinCourse(tx, { tenantId: nvwaCoordinator.tenantId, courseId, userId: rvoCoordinator.userId }))).rejects.toThrow()
		const offerings = await withTenantContext(app.db, { tenantId: null, userId: null }, (tx) => listCourseOfferings(tx, { courseId }))
		expect(offerings.map((offering) => offering.shortName)).toEqual(['RVO'])
		// With the offering, the unit may plan its own sessions of the shared course.
		const [existing] = await as(admin, (tx) => tx.select().from(sessions).where(eq(sessions.courseId, courseId)).limit(1))
		if (existing) {
			await as(rvoCoordinator, (tx) =>
				tx.insert(sessions).values({ tenantId: rvoCoordinator.tenantId, courseId, startsAt: existing.startsAt, endsAt: existing.endsAt, capacity: 12 }),
			)
		}
	})
})
