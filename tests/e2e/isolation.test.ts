import { randomUUID } from 'node:crypto'
import { and, count, eq, notInArray } from 'drizzle-orm'
import type { Database } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { testDrivers } from '@leerplein/db/testing'
import { beforeAll, describe, expect, test } from 'vitest'
import { CROSS_TENANT_PROBES, isControl, type IsolationFixtures, type Persona } from '../isolation/probes.ts'
import { ROUTE_ACCESS } from '../isolation/route-access.ts'
import { useE2E } from '../support/e2e.ts'
import { plantXapiClient } from '../support/xapi-clients.ts'

const manifest = (await import(new URL('../../app/build/server/index.js', import.meta.url).href)) as { routes: Record<string, unknown> }
const routeIds = Object.keys(manifest.routes).sort()

describe('every route says how it is isolated', () => {
	test('each route in the portal is classified, and nothing stale is', () => {
		expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(routeIds)
	})

	test('each tenant-owned route has attacks by another unit and a control by the owner', () => {
		for (const [routeId, route] of Object.entries(ROUTE_ACCESS)) {
			if (route.access !== 'tenant-owned') continue
			const probes = CROSS_TENANT_PROBES[routeId] ?? []
			expect(probes.filter((probe) => !isControl(probe)).length, routeId).toBeGreaterThan(0)
			expect(probes.filter(isControl).length, routeId).toBeGreaterThan(0)
		}
	})
})

// The probes need to plant private rows of one unit, which takes the owner's connection: PostgreSQL.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

describe.each(drivers)('the tenant-isolation matrix on %s', (driver) => {
	const e2e = useE2E({ driver, owner: true, browser: false })
	const { portal } = e2e
	let fixtures: IsolationFixtures
	const cookies = new Map<Persona, string>()

	beforeAll(async () => {
		fixtures = await plantFixtures(e2e.owner)
		for (const persona of ['rvo-employee', 'rvo-manager', 'rvo-coordinator', 'nvwa-employee', 'nvwa-coordinator', 'concern-admin', 'privacy-officer'] as const) {
			cookies.set(persona, await e2e.sessionCookie(persona))
		}
	})

	const cases = Object.entries(CROSS_TENANT_PROBES).flatMap(([routeId, probes]) =>
		probes.map((probe) => ({ label: `${routeId}: ${probe.name} (as ${probe.as ?? 'anonymous'})`, probe })),
	)

	/** What an attack must never change: each unit's identity provider, the stored courses, sessions and enrolments, the active passport requirements, the xAPI clients as named and switched, the xAPI statements (an erasure), the xAPI rules as switched, the interventions with their teams and measures, and NVWA's expert entries. */
	const storedRows = async () => {
		const { db } = e2e.owner
		const [ssoConfigs, courses, sessions, enrolments, requirements, personRequirements, xapiClients, xapiStatements, xapiRules, interventions, interventionTeams, interventionValues] = await Promise.all([
			db.select().from(schema.tenantSsoConfigs).orderBy(schema.tenantSsoConfigs.tenantId),
			db.select({ n: count() }).from(schema.courses),
			db.select({ n: count() }).from(schema.sessions),
			db.select({ n: count() }).from(schema.enrolments),
			db.select({ n: count() }).from(schema.competencyRequirements).where(eq(schema.competencyRequirements.active, true)),
			db.select({ n: count() }).from(schema.personRequirements).where(eq(schema.personRequirements.active, true)),
			db.select({ id: schema.xapiClients.id, name: schema.xapiClients.name, scopes: schema.xapiClients.scopes, active: schema.xapiClients.active }).from(schema.xapiClients).orderBy(schema.xapiClients.id),
			db.select({ n: count() }).from(schema.xapiStatements),
			db.select({ id: schema.xapiEvidenceRules.id, active: schema.xapiEvidenceRules.active }).from(schema.xapiEvidenceRules).orderBy(schema.xapiEvidenceRules.id),
			db.select({ id: schema.interventions.id, name: schema.interventions.name, updatedAt: schema.interventions.updatedAt }).from(schema.interventions).orderBy(schema.interventions.id),
			db.select({ n: count() }).from(schema.interventionTeams),
			db.select({ n: count() }).from(schema.interventionMeasureValues),
		])
		// NVWA's own look (ADR 052): no form of another unit's coordinator sets or resets it.
		const brandings = await db
			.select({ tenantId: schema.tenantBrandings.tenantId, accentColour: schema.tenantBrandings.accentColour, updatedAt: schema.tenantBrandings.updatedAt })
			.from(schema.tenantBrandings)
			.orderBy(schema.tenantBrandings.tenantId)
		// NVWA's experts (ADR 048): no form of another person changes, pauses or deletes them.
		const experts = await db
			.select({ userId: schema.experts.userId, description: schema.experts.description, contact: schema.experts.contact, pausedAt: schema.experts.pausedAt })
			.from(schema.experts)
			.where(eq(schema.experts.tenantId, fixtures.nvwaExpert.tenantId))
			.orderBy(schema.experts.userId)
		return {
			ssoConfigs,
			courses: courses[0]!.n,
			sessions: sessions[0]!.n,
			enrolments: enrolments[0]!.n,
			requirements: requirements[0]!.n,
			personRequirements: personRequirements[0]!.n,
			xapiClients,
			xapiStatements: xapiStatements[0]!.n,
			xapiRules,
			interventions,
			interventionTeams: interventionTeams[0]!.n,
			interventionValues: interventionValues[0]!.n,
			experts,
			brandings,
		}
	}

	test.each(cases)('$label', async ({ probe }) => {
		const headers: Record<string, string> = probe.as ? { Cookie: cookies.get(probe.as)! } : {}
		const form = probe.form?.(fixtures)
		const before = form && !isControl(probe) ? await storedRows() : null
		const response = await fetch(`${portal.url}${probe.path(fixtures)}`, {
			headers: form ? { ...headers, Origin: portal.url } : headers,
			redirect: 'manual',
			...(form ? { method: 'POST', body: new URLSearchParams(form) } : {}),
		})
		expect(response.status).toBe(probe.expectStatus)
		if (before) expect(await storedRows()).toEqual(before)
		if (probe.text) {
			const body = await response.text()
			if (isControl(probe)) expect(body).toContain(probe.text(fixtures))
			else expect(body).not.toContain(probe.text(fixtures))
		}
	})
})

/** NVWA's newest course, still a draft, an NVWA course opened to ACM only, a published NVWA course for everyone; RVO's own draft and archived course. */
async function plantFixtures(owner: { db: Database }): Promise<IsolationFixtures> {
	const tenants = await owner.db.select().from(schema.tenants)
	const idOf = (slug: string) => tenants.find((tenant) => tenant.slug === slug)!.id
	const course = (title: string, status: 'draft' | 'published' | 'archived', visibility: 'concern' | 'selected', provider = 'nvwa') => ({
		providerTenantId: idOf(provider),
		title,
		summary: `${title}.`,
		description: 'Alleen voor de isolatietest.',
		form: 'classroom' as const,
		durationMinutes: 120,
		status,
		visibility,
		createdAt: new Date(Date.now() + 60_000),
	})
	const [draft, acmOnly, shared] = await owner.db
		.insert(schema.courses)
		.values([
			course('Conceptopleiding van de NVWA (isolatietest)', 'draft', 'concern'),
			course('Alleen voor ACM (isolatietest)', 'published', 'selected'),
			course('Gedeelde opleiding van de NVWA (isolatietest)', 'published', 'concern'),
		])
		.returning({ id: schema.courses.id, title: schema.courses.title })
	await owner.db.insert(schema.courseAudiences).values({ courseId: acmOnly!.id, tenantId: idOf('acm') })
	// An NVWA-run session with the NVWA demo employee in it, and a request of theirs awaiting approval.
	const [open] = await owner.db
		.insert(schema.courses)
		.values(course('Toezicht op de voedselketen (isolatietest)', 'published', 'concern'))
		.returning({ id: schema.courses.id, title: schema.courses.title })
	const start = Date.now() + 40 * 86_400_000
	const [session, later] = await owner.db
		.insert(schema.sessions)
		.values([0, 1].map((week) => ({ tenantId: idOf('nvwa'), courseId: open!.id, startsAt: new Date(start + week * 7 * 86_400_000), endsAt: new Date(start + week * 7 * 86_400_000 + 3_600_000), capacity: 10 })))
		.returning({ id: schema.sessions.id })
	const persona = DEMO_PERSONAS.find((p) => p.key === 'nvwa-employee')!
	const [employee] = await owner.db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(eq(schema.users.email, persona.email))
	const [enrolled, awaiting] = await owner.db
		.insert(schema.enrolments)
		.values([
			{ tenantId: idOf('nvwa'), sessionId: session!.id, userId: employee!.id, status: 'enrolled', queueNumber: 1 },
			{ tenantId: idOf('nvwa'), sessionId: later!.id, userId: employee!.id, status: 'awaiting_approval', approvalStep: 'manager' },
		])
		.returning({ id: schema.enrolments.id })
	// An evaluation invitation of NVWA's employee (ADR 041) for that enrolment: only they may open or answer it.
	const [nvwaEvaluation] = await owner.db
		.insert(schema.evaluationInvitations)
		.values({ tenantId: idOf('nvwa'), userId: employee!.id, enrolmentId: enrolled!.id, courseId: open!.id, sessionId: session!.id, invitedAt: new Date() })
		.returning({ id: schema.evaluationInvitations.id })
	// And one anonymous response to that course: NVWA's overview lists it, RVO's never.
	await owner.db.insert(schema.evaluationResponses).values({ providerTenantId: idOf('nvwa'), courseId: open!.id, sessionId: session!.id, answeredMonth: `${new Date().toISOString().slice(0, 7)}-01`, formVersion: 'concern-2026-1', answers: { trainer: 4 } })
	// A course NVWA's employee completed a month ago, with their card to self (ADR 042): only they may open, move or look back on it.
	const [past] = await owner.db
		.insert(schema.sessions)
		.values({ tenantId: idOf('nvwa'), courseId: open!.id, startsAt: new Date(Date.now() - 30 * 86_400_000), endsAt: new Date(Date.now() - 30 * 86_400_000 + 3_600_000), capacity: 10 })
		.returning({ id: schema.sessions.id })
	const [completed] = await owner.db.insert(schema.enrolments).values({ tenantId: idOf('nvwa'), sessionId: past!.id, userId: employee!.id, status: 'completed', queueNumber: 1 }).returning({ id: schema.enrolments.id })
	const [nvwaCard] = await owner.db
		.insert(schema.selfCards)
		.values({ tenantId: idOf('nvwa'), userId: employee!.id, enrolmentId: completed!.id, courseId: open!.id, sessionId: past!.id, createdAt: new Date(), returnOn: '2099-01-01' })
		.returning({ id: schema.selfCards.id })
	const nvwaCardAction = 'Controles vaker samen met een collega doen (isolatietest)'
	await owner.db.insert(schema.selfCardActions).values({ tenantId: idOf('nvwa'), cardId: nvwaCard!.id, position: 1, text: nvwaCardAction })
	// A practice card of NVWA's employee, due now, of a question on NVWA's course (ADR 047).
	const nvwaPracticePrompt = 'Wie ziet uw oefenantwoorden? (isolatietest)'
	const [nvwaQuestion] = await owner.db
		.insert(schema.practiceQuestions)
		.values({ tenantId: idOf('nvwa'), courseId: open!.id, kind: 'true_false', prompt: nvwaPracticePrompt, options: ['true', 'false'], correctOption: 1, explanation: 'Alleen u.', createdAt: new Date(), updatedAt: new Date() })
		.returning({ id: schema.practiceQuestions.id })
	const [nvwaPracticeCard] = await owner.db
		.insert(schema.practiceCards)
		.values({ tenantId: idOf('nvwa'), userId: employee!.id, questionId: nvwaQuestion!.id, courseId: open!.id, createdAt: new Date(), due: new Date(Date.now() - 86_400_000), stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 0 })
		.returning({ id: schema.practiceCards.id })
	const nvwaOutboxSubject = 'Bevestiging voor de isolatietest'
	await owner.db.insert(schema.outboxMails).values({
		id: crypto.randomUUID(),
		tenantId: idOf('nvwa'),
		messageKey: 'isolatietest',
		messageId: '<isolatietest@leerplein.local>',
		toAddress: persona.email,
		subject: nvwaOutboxSubject,
		body: 'Alleen voor de isolatietest.',
		status: 'kept',
	})
	const [tool] = await owner.db
		.insert(schema.ltiTools)
		.values({
			name: 'Moodle (isolatietest)',
			clientId: 'isolatietest',
			deploymentIds: ['1'],
			loginUrl: 'https://moodle.isolatietest.invalid/enrol/lti/login.php',
			targetLinkUri: 'https://moodle.isolatietest.invalid/enrol/lti/launch.php',
			deepLinkingUrl: 'https://moodle.isolatietest.invalid/enrol/lti/launch_deeplink.php',
			redirectUris: ['https://moodle.isolatietest.invalid/enrol/lti/launch.php'],
			jwksUrl: 'https://moodle.isolatietest.invalid/enrol/lti/jwks.php',
		})
		.returning()
	const [part] = await owner.db
		.insert(schema.ltiResourceLinks)
		.values({ tenantId: idOf('nvwa'), courseId: draft!.id, toolId: tool!.id, deploymentId: '1', title: 'Online module van de NVWA (isolatietest)' })
		.returning()
	// RVO's own draft and archived course (issue 12), each with a session ahead; an online part of the draft.
	const [rvoDraft, rvoArchived] = await owner.db
		.insert(schema.courses)
		.values([course('Eigen conceptopleiding van RVO (isolatietest)', 'draft', 'concern', 'rvo'), course('Eigen gearchiveerde opleiding van RVO (isolatietest)', 'archived', 'concern', 'rvo')])
		.returning({ id: schema.courses.id, title: schema.courses.title })
	const [rvoDraftSession, rvoArchivedSession] = await owner.db
		.insert(schema.sessions)
		.values([rvoDraft!, rvoArchived!].map((c) => ({ tenantId: idOf('rvo'), courseId: c.id, startsAt: new Date(start), endsAt: new Date(start + 3_600_000), capacity: 10 })))
		.returning({ id: schema.sessions.id })
	const [rvoPart] = await owner.db
		.insert(schema.ltiResourceLinks)
		.values({ tenantId: idOf('rvo'), courseId: rvoDraft!.id, toolId: tool!.id, deploymentId: '1', title: 'Online module van RVO (isolatietest)' })
		.returning()
	// A room and a trainer of NVWA (issue 14).
	const [nvwaLocation] = await owner.db
		.insert(schema.locations)
		.values({ tenantId: idOf('nvwa'), name: 'NVWA Isolatiegebouw', address: 'Teststraat 1', city: 'Utrecht' })
		.returning({ id: schema.locations.id })
	const [nvwaRoom] = await owner.db
		.insert(schema.rooms)
		.values({ tenantId: idOf('nvwa'), locationId: nvwaLocation!.id, name: 'Zaal Isolatie 7', capacity: 20 })
		.returning({ id: schema.rooms.id, name: schema.rooms.name })
	const [nvwaTrainer] = await owner.db
		.insert(schema.trainers)
		.values({ tenantId: idOf('nvwa'), kind: 'external', name: 'Trainer Isolatietest', organisation: 'Bureau Isolatie', email: 'trainer@isolatie.invalid' })
		.returning({ id: schema.trainers.id, name: schema.trainers.name })
	// A session RVO's manager persona teaches as an internal trainer (issue 14): its one meeting
	// began last night (the seed books him by day), with an RVO employee enrolled.
	const mark = DEMO_PERSONAS.find((p) => p.key === 'rvo-manager')!
	const [markUser] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, mark.email))
	const [markTrainer] = await owner.db.select({ id: schema.trainers.id }).from(schema.trainers).where(eq(schema.trainers.userId, markUser!.id))
	const [taughtCourse] = await owner.db
		.insert(schema.courses)
		.values(course('Trainen met aanwezigheid (isolatietest)', 'published', 'concern', 'rvo'))
		.returning({ id: schema.courses.id, title: schema.courses.title })
	const night = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000 + 2 * 3_600_000)
	const nightEnd = new Date(night.getTime() + 3_600_000)
	const [taught] = await owner.db
		.insert(schema.sessions)
		.values({ tenantId: idOf('rvo'), courseId: taughtCourse!.id, startsAt: night, endsAt: nightEnd, capacity: 10 })
		.returning({ id: schema.sessions.id })
	const [taughtMeeting] = await owner.db
		.insert(schema.sessionMeetings)
		.values({ tenantId: idOf('rvo'), sessionId: taught!.id, startsAt: night, endsAt: nightEnd, online: true })
		.returning({ id: schema.sessionMeetings.id })
	await owner.db.insert(schema.meetingTrainers).values({ meetingId: taughtMeeting!.id, trainerId: markTrainer!.id, tenantId: idOf('rvo'), startsAt: night, endsAt: nightEnd, cancelled: false })
	const [nvwaJobProfile] = await owner.db.select({ id: schema.jobProfiles.id }).from(schema.jobProfiles).where(eq(schema.jobProfiles.tenantId, idOf('nvwa'))).limit(1)
	// NVWA's own passport requirement for that job profile, and one on the NVWA demo employee (issue 15).
	const [competency] = await owner.db.select({ id: schema.competencies.id, name: schema.competencies.name }).from(schema.competencies).where(eq(schema.competencies.active, true)).orderBy(schema.competencies.name).limit(1)
	const [nvwaRequirement] = await owner.db
		.insert(schema.competencyRequirements)
		.values({ tenantId: idOf('nvwa'), competencyId: competency!.id, jobProfileId: nvwaJobProfile!.id, introducedOn: '2030-01-01', graceDays: 0 })
		.returning({ id: schema.competencyRequirements.id })
	const nvwaPersona = DEMO_PERSONAS.find((p) => p.key === 'nvwa-employee')!
	const [nvwaPerson] = await owner.db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(eq(schema.users.email, nvwaPersona.email))
	const [nvwaErasureRequest] = await owner.db
		.insert(schema.erasureRequests)
		.values({ tenantId: idOf('nvwa'), personId: nvwaPerson!.id, requestedBy: nvwaPerson!.id, requestedAt: new Date() })
		.returning({ id: schema.erasureRequests.id })
	const [nvwaPersonRequirement] = await owner.db
		.insert(schema.personRequirements)
		.values({ tenantId: idOf('nvwa'), userId: nvwaPerson!.id, competencyId: competency!.id, introducedOn: '2030-01-01', graceDays: 0, reason: 'Isolatietest' })
		.returning({ id: schema.personRequirements.id })
	const personaEmails = DEMO_PERSONAS.map((p) => p.email)
	// RVO's manager persona's team (issue 18, item 5): their employee persona in it; an RVO person of another manager, of a name no one else in RVO has, outside it.
	const personaNamed = async (key: string) => (await owner.db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(eq(schema.users.email, DEMO_PERSONAS.find((p) => p.key === key)!.email)))[0]!
	const [rvoManager, rvoMember] = [await personaNamed('rvo-manager'), await personaNamed('rvo-employee')]
	const rvoPeople = await owner.db.select({ id: schema.users.id, name: schema.users.name, email: schema.users.email, managerId: schema.users.managerId }).from(schema.users).where(eq(schema.users.tenantId, idOf('rvo')))
	const outsider = rvoPeople.find(
		(user) => user.managerId !== null && user.managerId !== rvoManager.id && !personaEmails.includes(user.email) && rvoPeople.filter((other) => other.name === user.name).length === 1,
	)!
	const [participant] = (await owner.db.select({ id: schema.users.id, name: schema.users.name, email: schema.users.email }).from(schema.users).where(eq(schema.users.tenantId, idOf('rvo'))).limit(20)).filter(
		(user) => !personaEmails.includes(user.email),
	)
	const [taughtEnrolment] = await owner.db
		.insert(schema.enrolments)
		.values({ tenantId: idOf('rvo'), sessionId: taught!.id, userId: participant!.id, status: 'enrolled', queueNumber: 1 })
		.returning({ id: schema.enrolments.id })
	const uploadMarker = 'NVWA-certificaat-isolatie'
	const [nvwaUpload] = await owner.db
		.insert(schema.passportUploads)
		.values({
			tenantId: idOf('nvwa'),
			userId: employee!.id,
			competencyId: competency!.id,
			obtainedOn: '2020-01-01',
			fileName: 'nvwa-certificaat-isolatie.pdf',
			contentType: 'application/pdf',
			byteSize: Buffer.byteLength(`%PDF-1.4\n${uploadMarker}\n`),
			content: Buffer.from(`%PDF-1.4\n${uploadMarker}\n`),
		})
		.returning({ id: schema.passportUploads.id, fileName: schema.passportUploads.fileName })
	const [nvwaEvidence] = await owner.db
		.insert(schema.passportEvidence)
		.values({
			tenantId: idOf('nvwa'),
			userId: nvwaPerson!.id,
			competencyId: competency!.id,
			sourceKind: 'import',
			sourceRef: 'isolatietest',
			occurredAt: new Date('2020-01-01T12:00:00Z'),
			occurredOn: '2020-01-01',
		})
		.returning({ id: schema.passportEvidence.id })
	// A bulk decision NVWA's coordinator started (ADR 038), finished, naming the request it decided.
	const nvwaCoordinatorPersona = DEMO_PERSONAS.find((p) => p.key === 'nvwa-coordinator')!
	const [nvwaCoordinator] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, nvwaCoordinatorPersona.email))
	const [nvwaBulkJob] = await owner.db
		.insert(schema.bulkJobs)
		.values({ tenantId: idOf('nvwa'), requestedBy: nvwaCoordinator!.id, kind: 'decline', reason: 'Afgewezen in de isolatieproef', status: 'done', total: 1, finishedAt: new Date() })
		.returning({ id: schema.bulkJobs.id })
	await owner.db.insert(schema.bulkJobRows).values({
		jobId: nvwaBulkJob!.id,
		position: 1,
		tenantId: idOf('nvwa'),
		requestedBy: nvwaCoordinator!.id,
		enrolmentId: awaiting!.id,
		employeeName: employee!.name,
		courseTitle: open!.title,
		result: 'failed',
		outcome: 'ENROLMENT_CHANGED',
		doneAt: new Date(),
	})
	const nvwaXapiClient = await plantXapiClient(owner.db, { unit: 'nvwa', name: 'Practicumsysteem van de NVWA (isolatietest)' })
	// A statement NVWA's system stored about someone NVWA does not know (ADR 039, "People").
	const unknownAddress = 'onbekend-isolatie@nvwa.example'
	const unknownStatement = { id: randomUUID(), actor: { mbox: `mailto:${unknownAddress}` }, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: 'http://example.nl/isolatie' } }
	await owner.db.insert(schema.xapiStatements).values({
		tenantId: idOf('nvwa'),
		id: unknownStatement.id,
		clientId: nvwaXapiClient.id,
		statement: unknownStatement,
		verbId: unknownStatement.verb.id,
		actorKey: `mbox:mailto:${unknownAddress}`,
		agentKeys: [`mbox:mailto:${unknownAddress}`],
		activityId: unknownStatement.object.id,
		activityIds: [unknownStatement.object.id],
		stored: new Date(),
		timestamp: new Date(),
		authority: { account: { homePage: 'http://localhost/xapi/clients', name: nvwaXapiClient.key } },
	})
	// A statement about NVWA's evidence persona (ADR 039, "Privacy"): RVO neither downloads nor erases it.
	const personStatement = { id: randomUUID(), actor: { mbox: 'mailto:privacy-isolatie@nvwa.example' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'http://example.nl/isolatie-privacy' } }
	await owner.db.insert(schema.xapiStatements).values({
		tenantId: idOf('nvwa'),
		id: personStatement.id,
		clientId: nvwaXapiClient.id,
		statement: personStatement,
		verbId: personStatement.verb.id,
		actorKey: 'mbox:mailto:privacy-isolatie@nvwa.example',
		agentKeys: ['mbox:mailto:privacy-isolatie@nvwa.example'],
		activityId: personStatement.object.id,
		activityIds: [personStatement.object.id],
		stored: new Date(),
		timestamp: new Date(),
		authority: { account: { homePage: 'http://localhost/xapi/clients', name: nvwaXapiClient.key } },
		personId: nvwaPerson!.id,
	})
	// A rule of NVWA that turns its statements into passport evidence (ADR 039, "Statements that count").
	const nvwaXapiRuleName = 'Regel van de NVWA (isolatietest)'
	const [nvwaXapiRule] = await owner.db
		.insert(schema.xapiEvidenceRules)
		.values({ tenantId: idOf('nvwa'), name: nvwaXapiRuleName, competencyId: competency!.id, verbId: 'http://adlnet.gov/expapi/verbs/completed', activityMatch: 'id', activityPattern: 'http://example.nl/isolatie*', requiredCount: 1, periodMonths: 12, active: true })
		.returning({ id: schema.xapiEvidenceRules.id })
	// An intervention of NVWA (ADR 044): one of its teams trained, a value of the measure.
	const [nvwaManager] = await owner.db
		.select({ id: schema.users.id, employeeNumber: schema.users.employeeNumber })
		.from(schema.users)
		.where(eq(schema.users.id, (await owner.db.select({ managerId: schema.users.managerId }).from(schema.users).where(eq(schema.users.tenantId, idOf('nvwa')))).find((u) => u.managerId !== null)!.managerId!))
	const [plantedIntervention] = await owner.db
		.insert(schema.interventions)
		.values({
			tenantId: idOf('nvwa'),
			name: 'Voedselveiligheid Noord (isolatietest)',
			firstMonth: '2026-03-01',
			lastMonth: '2026-03-01',
			monthsBefore: 3,
			monthsAfter: 3,
			measureName: 'Gemiste afwijkingen bij inspecties (isolatietest)',
			better: 'lower',
			measureSource: 'csv',
			createdAt: new Date(),
			updatedAt: new Date(),
		})
		.returning({ id: schema.interventions.id, name: schema.interventions.name, measureName: schema.interventions.measureName })
	await owner.db.insert(schema.interventionTeams).values({ tenantId: idOf('nvwa'), interventionId: plantedIntervention!.id, managerId: nvwaManager!.id })
	await owner.db.insert(schema.interventionMeasureValues).values({ tenantId: idOf('nvwa'), interventionId: plantedIntervention!.id, managerId: nvwaManager!.id, month: '2026-01-01', value: 7, source: 'csv' })
	const nvwaIntervention = { ...plantedIntervention!, teamNumber: nvwaManager!.employeeNumber, managerId: nvwaManager!.id }
	// The experts directory (ADR 048): the NVWA employee is an available expert, another NVWA person a paused one.
	const [nvwaOther] = await owner.db
		.select({ id: schema.users.id })
		.from(schema.users)
		.where(and(eq(schema.users.tenantId, idOf('nvwa')), eq(schema.users.active, true), notInArray(schema.users.email, personaEmails)))
		.orderBy(schema.users.employeeNumber)
		.limit(1)
	const [expertTheme] = await owner.db.select({ id: schema.themes.id }).from(schema.themes).orderBy(schema.themes.slug).limit(1)
	const nvwaExpert = { tenantId: idOf('nvwa'), userId: employee!.id, description: 'Deskundige in de isolatietest van de NVWA', contact: 'Teams: isolatie-expert NVWA', email: persona.email }
	const nvwaPausedExpert = { userId: nvwaOther!.id, description: 'Gepauzeerde deskundige in de isolatietest' }
	for (const [userId, description, pausedAt] of [
		[nvwaExpert.userId, nvwaExpert.description, null],
		[nvwaPausedExpert.userId, nvwaPausedExpert.description, new Date()],
	] as const) {
		await owner.db
			.insert(schema.experts)
			.values({ tenantId: idOf('nvwa'), userId, description, contact: nvwaExpert.contact, pausedAt })
			.onConflictDoUpdate({ target: schema.experts.userId, set: { description, contact: nvwaExpert.contact, pausedAt } })
		await owner.db.insert(schema.expertThemes).values({ tenantId: idOf('nvwa'), userId, themeId: expertTheme!.id }).onConflictDoNothing()
	}
	// NVWA's identity provider (ADR 051), for the attacks on the settings screen to aim at: no one but the concern changes or removes it.
	await owner.db
		.insert(schema.tenantSsoConfigs)
		.values({ tenantId: idOf('nvwa'), issuer: 'https://login.nvwa.isolatietest.invalid', clientId: 'leerplein', clientSecretEnv: 'SSO_NVWA_CLIENT_SECRET', employeeNumberClaim: 'employee_id' })
		.onConflictDoNothing()
	// A row of NVWA's audit trail (ADR 049) whose details name a marker only NVWA's readers and the concern may see.
	const auditMarker = 'Logboekgeheim van de NVWA (isolatietest)'
	const [nvwaAudit] = await owner.db
		.insert(schema.auditLog)
		.values({ tenantId: idOf('nvwa'), actorUserId: nvwaManager!.id, action: 'tenant.rules.update', objectType: 'tenant', objectId: idOf('nvwa'), result: 'success', before: { note: 'oud' }, after: { note: auditMarker } })
		.returning({ id: schema.auditLog.id })
	// NVWA's own look (ADR 052): a colour and a logo text that no other unit's page or file holds.
	const nvwaBranding = { accentColour: '#4d1f3c', logoText: 'Logo van de NVWA (isolatietest)' }
	const nvwaLogo = new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 40"><text x="0" y="30">${nvwaBranding.logoText}</text></svg>`)
	const nvwaBrandingRow = { accentColour: nvwaBranding.accentColour, logo: nvwaLogo, logoType: 'image/svg+xml', updatedAt: new Date() }
	await owner.db
		.insert(schema.tenantBrandings)
		.values({ tenantId: idOf('nvwa'), ...nvwaBrandingRow })
		.onConflictDoUpdate({ target: schema.tenantBrandings.tenantId, set: nvwaBrandingRow })
	return {
		nvwaBranding,
		nvwaExpert,
		nvwaPausedExpert,
		nvwaAuditEntry: { id: nvwaAudit!.id, tenantId: idOf('nvwa'), marker: auditMarker },
		nvwaXapiRule: { id: nvwaXapiRule!.id, name: nvwaXapiRuleName },
		nvwaXapiClient: { id: nvwaXapiClient.id, name: 'Practicumsysteem van de NVWA (isolatietest)', tenantId: nvwaXapiClient.tenantId },
		nvwaUnknownXapiActor: { address: unknownAddress },
		nvwaBulkJob: { id: nvwaBulkJob!.id, employeeName: employee!.name, reason: 'Afgewezen in de isolatieproef' },
		nvwaEvidence: { id: nvwaEvidence!.id, personId: nvwaPerson!.id, personName: nvwaPerson!.name },
		rvoTeam: { memberId: rvoMember.id, memberName: rvoMember.name, outsiderId: outsider.id, outsiderName: outsider.name },
		nvwaUpload: { ...nvwaUpload!, marker: uploadMarker },
		rvoTrainerSession: { id: taught!.id, courseTitle: taughtCourse!.title, meetingId: taughtMeeting!.id, enrolmentId: taughtEnrolment!.id, participantName: participant!.name },
		nvwaRoom: nvwaRoom!,
		nvwaTrainer: nvwaTrainer!,
		nvwaLocationId: nvwaLocation!.id,
		nvwaJobProfileId: nvwaJobProfile!.id,
		nvwaEmployee: { employeeNumber: persona.employeeNumber, name: employee!.name },
		nvwaErasureRequest: { id: nvwaErasureRequest!.id, personName: nvwaPerson!.name },
		nvwaRequirement: { id: nvwaRequirement!.id, competencyName: competency!.name },
		nvwaPersonRequirement: { id: nvwaPersonRequirement!.id, personId: nvwaPerson!.id, personName: nvwaPerson!.name },
		competencyId: competency!.id,
		planDate: new Date(start + 60 * 86_400_000).toISOString().slice(0, 10),
		rvoDraftCourse: { ...rvoDraft!, sessionId: rvoDraftSession!.id },
		rvoArchivedCourse: { ...rvoArchived!, sessionId: rvoArchivedSession!.id },
		rvoDraftOnlinePart: { id: rvoPart!.id },
		nvwaDraftCourse: draft!,
		nvwaCourseForAcmOnly: acmOnly!,
		nvwaSharedCourse: shared!,
		nvwaSession: { id: session!.id, courseId: open!.id, courseTitle: open!.title },
		nvwaEnrolment: { id: enrolled!.id, employeeName: employee!.name },
		nvwaEvaluation: { id: nvwaEvaluation!.id, courseTitle: open!.title },
		nvwaSelfCard: { enrolmentId: completed!.id, courseTitle: open!.title, action: nvwaCardAction },
		nvwaIntervention,
		nvwaPracticeCard: { id: nvwaPracticeCard!.id, prompt: nvwaPracticePrompt },
		nvwaAwaitingApproval: { id: awaiting!.id, employeeName: employee!.name },
		nvwaOutboxSubject,
		nvwaOnlinePart: { id: part!.id, title: part!.title, toolId: tool!.id },
	}
}
