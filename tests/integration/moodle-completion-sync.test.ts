import { randomBytes } from 'node:crypto'
import type { DatabaseClient } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { createTestDatabase, testDrivers, type TestDatabase } from '@leerplein/db/testing'
import { moodleLtiUsername } from '@leerplein/moodle'
import { and, eq } from 'drizzle-orm'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { syncMoodleCompletions } from '../../app/features/lti/sync-moodle-completions.server.ts'
import { sealSecret } from '../../app/core/secret-box.server.ts'
import type { ServiceContext } from '../../app/core/service.server.ts'
import { moodleHandlers, moodleSite } from '../mocks/moodle.ts'

// The web-services fallback sync (issue 6): Moodle never sends completion without a grade over AGS,
// so the scheduled job reads activity completion through Moodle's REST web services (msw, in
// Moodle's documented shapes) and completes parts and enrolments through the same rules as a score.

const ISSUER = 'https://leerplein.test'
// msw answers for moodle.test, a name no DNS knows: the outbound guard lets it through by name,
// as OUTBOUND_ALLOW does in development (read at the guard's first use, ADR 025).
process.env.OUTBOUND_ALLOW = 'moodle.test'
const site = moodleSite('https://moodle.test', 'ws-token-0123456789')
const server = setupServer(...moodleHandlers(site))
const secretsKey = randomBytes(32)
const now = new Date('2026-11-23T12:00:00Z')
// The sync logs nothing itself; a silent logger stands in for pino.
const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent } as unknown as ServiceContext['logger']

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
	site.calls.length = 0
	site.forbiddenUsers.clear()
})
afterAll(() => server.close())

describe.each(await testDrivers())('the Moodle completion sync on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Record<'rvo' | 'ann' | 'bob' | 'cas' | 'dirk' | 'eva' | 'elearning' | 'blended' | 'tool' | 'elearningPart' | 'blendedPart', string>
	const moodleUser = new Map<string, number>()

	const enrolmentStatus = async (userId: string, courseId: string) => {
		const [row] = await database.asOwner((db) => db
			.select({ status: schema.enrolments.status })
			.from(schema.enrolments)
			.innerJoin(schema.sessions, eq(schema.sessions.id, schema.enrolments.sessionId))
			.where(and(eq(schema.enrolments.userId, userId), eq(schema.sessions.courseId, courseId))))
		return row!.status
	}
	/** The scheduled job's run (as no one, at the test's time): the reports of the tools it synced. */
	const sync = async (key: Buffer = secretsKey) => {
		const ctx: ServiceContext = { db: app.db, logger: silent, clock: { now: () => now }, requestId: null, clientIp: null }
		const result = await syncMoodleCompletions(ctx, { actor: null, secretsKey: key })
		if (!result.ok) throw new Error(`the sync never refuses, yet: ${result.code}`)
		return result.value
	}
	const completions = () => database.asOwner((db) => db.select().from(schema.ltiPartCompletions))
	const audits = () => database.asOwner((db) => db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'lti.online_part_completed')))
	const webServices = async () => (await database.asOwner((db) => db.select().from(schema.ltiToolWebServices)))[0]!
	const complete = (userKey: keyof typeof ids, cmid: number, state: number) => {
		const key = `2:${moodleUser.get(ids[userKey])!}`
		site.completion.set(key, new Map([...(site.completion.get(key) ?? []), [cmid, state]]))
	}

	beforeAll(async () => {
		site.accounts.clear()
		site.completion.clear()
		database = await createTestDatabase(driver)
		const db = database.db
		const [rvo] = await db.insert(schema.tenants).values({ slug: 'rvo', name: 'RVO', shortName: 'RVO' }).returning()
		const people = await db
			.insert(schema.users)
			.values(['ann', 'bob', 'cas', 'dirk', 'eva'].map((name, index) => ({ tenantId: rvo!.id, employeeNumber: String(index), name, email: `${name}@rvo.test` })))
			.returning()
		const [elearning, blended] = await db
			.insert(schema.courses)
			.values([
				{ providerTenantId: rvo!.id, title: 'AVG online', summary: 's', description: 'd', form: 'elearning', durationMinutes: 60, status: 'published' },
				{ providerTenantId: rvo!.id, title: 'AVG blended', summary: 's', description: 'd', form: 'blended', durationMinutes: 60, status: 'published' },
			])
			.returning()
		const sessions = await db
			.insert(schema.sessions)
			.values([elearning!, blended!].map((course) => ({ tenantId: rvo!.id, courseId: course.id, startsAt: new Date('2026-11-01T09:00Z'), endsAt: new Date('2026-12-31T17:00Z'), capacity: 50 })))
			.returning()
		await db.insert(schema.enrolments).values([
			...people.map((person) => ({ tenantId: rvo!.id, sessionId: sessions[0]!.id, userId: person.id, status: 'enrolled' as const })),
			{ tenantId: rvo!.id, sessionId: sessions[1]!.id, userId: people[0]!.id, status: 'enrolled' as const },
		])
		const [tool] = await db
			.insert(schema.ltiTools)
			.values({
				name: 'Moodle',
				clientId: 'moodle',
				deploymentIds: ['1'],
				loginUrl: 'https://moodle.test/enrol/lti/login.php',
				targetLinkUri: 'https://moodle.test/enrol/lti/launch.php',
				redirectUris: ['https://moodle.test/enrol/lti/launch.php'],
				jwksUrl: 'https://moodle.test/enrol/lti/jwks.php',
			})
			.returning()
		const [elearningPart, blendedPart] = await db
			.insert(schema.ltiResourceLinks)
			.values([
				{ tenantId: rvo!.id, courseId: elearning!.id, toolId: tool!.id, deploymentId: '1', title: 'Richtlijn', moodleCourseId: 2, moodleActivityId: 101 },
				{ tenantId: rvo!.id, courseId: blended!.id, toolId: tool!.id, deploymentId: '1', title: 'Voorbereiding', moodleCourseId: 2, moodleActivityId: 102 },
			])
			.returning()
		await db.insert(schema.ltiToolWebServices).values({ toolId: tool!.id, baseUrl: site.baseUrl, tokenCiphertext: sealSecret(secretsKey, site.token), tokenLastFour: '6789', issuer: ISSUER })
		const [ann, bob, cas, dirk, eva] = people.map((person) => person.id) as [string, string, string, string, string]
		ids = { rvo: rvo!.id, ann, bob, cas, dirk, eva, elearning: elearning!.id, blended: blended!.id, tool: tool!.id, elearningPart: elearningPart!.id, blendedPart: blendedPart!.id }
		// Everyone but Cas has opened the part once, so Moodle has an LTI account for them.
		for (const [index, userId] of [ann, bob, dirk, eva].entries()) {
			moodleUser.set(userId, 40 + index)
			site.accounts.set(moodleLtiUsername(ISSUER, userId), 40 + index)
		}
		// Dirk already completed the part with a graded score over AGS.
		const [item] = await db.insert(schema.ltiLineItems).values({ tenantId: rvo!.id, courseId: elearning!.id, toolId: tool!.id, resourceLinkId: elearningPart!.id, label: 'Richtlijn', scoreMaximum: 1 }).returning()
		await db.insert(schema.ltiResults).values({
			lineItemId: item!.id,
			userId: dirk,
			tenantId: rvo!.id,
			toolId: tool!.id,
			scoreGiven: 1,
			scoreMaximum: 1,
			activityProgress: 'Completed',
			gradingProgress: 'FullyGraded',
			scoredAt: new Date('2026-11-20T10:00Z'),
			completedAt: new Date('2026-11-20T10:00Z'),
		})
		app = await database.connectAsApp()
	})
	afterAll(() => database?.close())

	test("Moodle's error envelope (a rejected token) is recorded for the administrator, and nothing changes", async () => {
		complete('ann', 101, 1)
		await database.asOwner((db) => db.update(schema.ltiToolWebServices).set({ tokenCiphertext: sealSecret(secretsKey, 'revoked-token') }))
		const [report] = await sync()
		expect(report).toEqual({ toolId: ids.tool, status: 'failed', message: 'invalidtoken: Invalid token - token not found', completed: 0 })
		expect(await webServices()).toMatchObject({ lastSyncAt: now, lastSyncStatus: 'failed', lastSyncMessage: 'invalidtoken: Invalid token - token not found', lastSyncCompleted: 0 })
		expect(await completions()).toEqual([])
		expect(await enrolmentStatus(ids.ann, ids.elearning)).toBe('enrolled')
		await database.asOwner((db) => db.update(schema.ltiToolWebServices).set({ tokenCiphertext: sealSecret(secretsKey, site.token) }))
	})

	test('a token sealed under another key is reported as unreadable, without calling Moodle', async () => {
		const [report] = await sync(randomBytes(32))
		expect(report).toMatchObject({ status: 'failed', message: 'token_unreadable' })
		expect(site.calls).toEqual([])
	})

	test('an error on one person part-way through changes nothing for anyone', async () => {
		complete('bob', 101, 1)
		site.forbiddenUsers.add(moodleUser.get(ids.bob)!)
		const [report] = await sync()
		expect(report).toMatchObject({ status: 'failed', message: expect.stringMatching(/^nopermissions: /) })
		expect(await completions()).toEqual([])
		expect(await enrolmentStatus(ids.ann, ids.elearning)).toBe('enrolled')
	})

	test('completion without a grade completes the part and an e-learning enrolment, once, audited; a fail, an incomplete activity, a graded completion and a person without a Moodle account are left alone', async () => {
		complete('ann', 102, 2)
		complete('eva', 101, 3)
		complete('bob', 101, 0)
		complete('dirk', 101, 1)
		const [report] = await sync()
		expect(report).toEqual({ toolId: ids.tool, status: 'ok', message: 'ok', completed: 2 })
		expect((await completions()).map((row) => [row.userId, row.resourceLinkId]).sort()).toEqual(
			[
				[ids.ann, ids.elearningPart],
				[ids.ann, ids.blendedPart],
			].sort(),
		)
		expect((await completions())[0]!.completedAt).toEqual(new Date(1_763_900_000 * 1000))
		expect(await enrolmentStatus(ids.ann, ids.elearning)).toBe('completed')
		// A blended course keeps its classroom part: the online part is done, the enrolment is not.
		expect(await enrolmentStatus(ids.ann, ids.blended)).toBe('enrolled')
		for (const other of [ids.bob, ids.cas, ids.dirk, ids.eva]) expect(await enrolmentStatus(other, ids.elearning)).toBe('enrolled')
		expect(await audits()).toHaveLength(2)
		expect((await audits()).map((row) => row.after)).toContainEqual(expect.objectContaining({ userId: ids.ann, via: 'web_services', completedEnrolments: 1 }))
		expect(await webServices()).toMatchObject({ lastSyncStatus: 'ok', lastSyncCompleted: 2 })
		// The closed enrolment is a `completed` statement in Ann's unit's xAPI store (ADR 039); the blended one, still open, is not.
		const completedStatements = async () =>
			(await database.asOwner((db) => db.select().from(schema.xapiStatements))).filter((row) => row.verbId === 'http://adlnet.gov/expapi/verbs/completed')
		expect((await completedStatements()).map((row) => [row.personId, row.activityId])).toEqual([[ids.ann, `http://localhost:3000/xapi/activities/course/${ids.elearning}`]])

		const [again] = await sync()
		expect(again).toMatchObject({ status: 'ok', completed: 0 })
		expect(await audits()).toHaveLength(2)
		expect(await completedStatements()).toHaveLength(1)
	})

	test("a blended course's enrolment completes when Moodle reports the online part of someone already attended (ADR 033)", async () => {
		const [blendedSession] = await database.asOwner((db) => db.select({ id: schema.sessions.id }).from(schema.sessions).where(eq(schema.sessions.courseId, ids.blended)))
		await database.asOwner((db) => db.insert(schema.enrolments).values({ tenantId: ids.rvo, sessionId: blendedSession!.id, userId: ids.bob, status: 'attended' }))
		complete('bob', 102, 1)
		const [report] = await sync()
		expect(report).toMatchObject({ status: 'ok', completed: 1 })
		expect(await enrolmentStatus(ids.bob, ids.blended)).toBe('completed')
		// Ann's online part was done before, her classroom part is not: still enrolled.
		expect(await enrolmentStatus(ids.ann, ids.blended)).toBe('enrolled')
		expect((await audits()).map((row) => row.after)).toContainEqual(expect.objectContaining({ userId: ids.bob, via: 'web_services', completedEnrolments: 1 }))
	})

	test('a deactivated tool is not synced', async () => {
		await database.asOwner((db) => db.update(schema.ltiTools).set({ active: false }).where(eq(schema.ltiTools.id, ids.tool)))
		expect(await sync()).toEqual([])
		expect(site.calls).toEqual([])
		await database.asOwner((db) => db.update(schema.ltiTools).set({ active: true }).where(eq(schema.ltiTools.id, ids.tool)))
	})
})
