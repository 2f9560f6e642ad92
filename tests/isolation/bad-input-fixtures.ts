import { and, eq, notInArray } from 'drizzle-orm'
import { createDatabase } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import type { BadInputFixtures } from './bad-input.ts'
import type { Persona } from './probes.ts'

// The rows and sessions the bad-input test and the fuzz test aim their requests with (tests/isolation/bad-input.ts).

/** A persona's session cookie, signed in through the sign-in form. */
export async function signIn(portal: { url: string }, persona: Persona): Promise<string> {
	const response = await fetch(`${portal.url}/inloggen`, {
		method: 'POST',
		headers: { Origin: portal.url },
		body: new URLSearchParams({ intent: 'persona', persona }),
		redirect: 'manual',
	})
	const cookie = response.headers.get('set-cookie')?.split(';')[0]
	if (response.status !== 302 || !cookie) throw new Error(`could not sign in as ${persona}: ${response.status}`)
	return cookie
}

/** RVO's course with three sessions, the RVO employee's enrolment, another's request awaiting approval, a tool and an online part. */
export async function plantFixtures(ownerUrl: string): Promise<BadInputFixtures> {
	const owner = await createDatabase({ driver: 'postgres', url: ownerUrl, migrationUrl: ownerUrl }, { role: 'migrator' })
	try {
		const [rvo] = await owner.db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, 'rvo'))
		const [theme] = await owner.db.select({ id: schema.themes.id }).from(schema.themes).limit(1)
		const course = (title: string) => ({
			providerTenantId: rvo!.id,
			themeId: theme!.id,
			title,
			summary: `${title}.`,
			description: 'Alleen voor de test van slechte invoer.',
			form: 'classroom' as const,
			durationMinutes: 120,
			status: 'published' as const,
			visibility: 'concern' as const,
		})
		const [shared, other, toEdit] = await owner.db
			.insert(schema.courses)
			.values([course('Slechte invoer herkennen (test)'), course('Slechte invoer weigeren (test)'), course('Slechte invoer bewerken (test)')])
			.returning({ id: schema.courses.id })
		const start = Date.now() + 40 * 86_400_000
		const [session, openSession, sessionToCancel] = await owner.db
			.insert(schema.sessions)
			.values([0, 1, 2].map((week) => ({ tenantId: rvo!.id, courseId: shared!.id, startsAt: new Date(start + week * 7 * 86_400_000), endsAt: new Date(start + week * 7 * 86_400_000 + 3_600_000), capacity: 10 })))
			.returning({ id: schema.sessions.id })
		const personaEmails = DEMO_PERSONAS.map((persona) => persona.email)
		const employeeEmail = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')!.email
		const [employee] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, employeeEmail))
		const [colleague] = await owner.db
			.select({ id: schema.users.id })
			.from(schema.users)
			.where(and(eq(schema.users.tenantId, rvo!.id), notInArray(schema.users.email, personaEmails)))
			.limit(1)
		const [enrolment, awaiting] = await owner.db
			.insert(schema.enrolments)
			.values([
				{ tenantId: rvo!.id, sessionId: session!.id, userId: employee!.id, status: 'enrolled', queueNumber: 1 },
				{ tenantId: rvo!.id, sessionId: session!.id, userId: colleague!.id, status: 'awaiting_approval', approvalStep: 'manager' },
			])
			.returning({ id: schema.enrolments.id })
		const [tool] = await owner.db
			.insert(schema.ltiTools)
			.values({
				name: 'Moodle (test van slechte invoer)',
				clientId: 'slechte-invoer',
				deploymentIds: ['1'],
				loginUrl: 'https://moodle.slechte-invoer.invalid/enrol/lti/login.php',
				targetLinkUri: 'https://moodle.slechte-invoer.invalid/enrol/lti/launch.php',
				deepLinkingUrl: 'https://moodle.slechte-invoer.invalid/enrol/lti/launch_deeplink.php',
				redirectUris: ['https://moodle.slechte-invoer.invalid/enrol/lti/launch.php'],
				jwksUrl: 'https://moodle.slechte-invoer.invalid/enrol/lti/jwks.php',
			})
			.returning({ id: schema.ltiTools.id })
		const [part] = await owner.db
			.insert(schema.ltiResourceLinks)
			.values({ tenantId: rvo!.id, courseId: shared!.id, toolId: tool!.id, deploymentId: '1', title: 'Online module (test van slechte invoer)' })
			.returning({ id: schema.ltiResourceLinks.id })
		// A session taught by RVO's manager persona, an internal trainer (issue 14), at night: the seed books him by day.
		const markEmail = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-manager')!.email
		const [mark] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, markEmail))
		const [trainer] = await owner.db.select({ id: schema.trainers.id }).from(schema.trainers).where(and(eq(schema.trainers.tenantId, rvo!.id), eq(schema.trainers.userId, mark!.id)))
		const night = new Date(Math.floor(start / 86_400_000) * 86_400_000 + 86_400_000 + 2 * 3_600_000)
		const [trainerSession] = await owner.db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: shared!.id, startsAt: night, endsAt: new Date(night.getTime() + 3_600_000), capacity: 10 })
			.returning({ id: schema.sessions.id })
		const [meeting] = await owner.db
			.insert(schema.sessionMeetings)
			.values({ tenantId: rvo!.id, sessionId: trainerSession!.id, startsAt: night, endsAt: new Date(night.getTime() + 3_600_000), online: true })
			.returning({ id: schema.sessionMeetings.id })
		await owner.db.insert(schema.meetingTrainers).values({ meetingId: meeting!.id, trainerId: trainer!.id, tenantId: rvo!.id, startsAt: night, endsAt: new Date(night.getTime() + 3_600_000), cancelled: false })
		const [trainerEnrolment] = await owner.db
			.insert(schema.enrolments)
			.values({ tenantId: rvo!.id, sessionId: trainerSession!.id, userId: employee!.id, status: 'enrolled', queueNumber: 1 })
			.returning({ id: schema.enrolments.id })
		const [competency] = await owner.db.select({ id: schema.competencies.id }).from(schema.competencies).where(eq(schema.competencies.active, true)).limit(1)
		const [upload] = await owner.db
			.insert(schema.passportUploads)
			.values({
				tenantId: rvo!.id,
				userId: employee!.id,
				competencyId: competency!.id,
				obtainedOn: '2020-01-01',
				fileName: 'slechte-invoer.pdf',
				contentType: 'application/pdf',
				byteSize: 9,
				content: Buffer.from('%PDF-1.4\n'),
			})
			.returning({ id: schema.passportUploads.id })
		const [evidence] = await owner.db
			.insert(schema.passportEvidence)
			.values({ tenantId: rvo!.id, userId: employee!.id, competencyId: competency!.id, sourceKind: 'import', sourceRef: 'slechte-invoer', occurredAt: new Date('2020-01-01T12:00:00Z'), occurredOn: '2020-01-01' })
			.returning({ id: schema.passportEvidence.id })
		// Levels (ADR 031, addendum on levels): a concern competency with two, and one without.
		const [levelled, levelless] = await owner.db
			.insert(schema.competencies)
			.values([
				{ name: 'Slechte invoer met niveaus (test)', validityMonths: 24, warningDays: 60, levels: ['Basis', 'Gevorderd'] },
				{ name: 'Slechte invoer zonder niveaus (test)', validityMonths: 24, warningDays: 60 },
			])
			.returning({ id: schema.competencies.id })
		const [levelledUpload, levellessUpload] = await owner.db
			.insert(schema.passportUploads)
			.values(
				[levelled!, levelless!].map((one) => ({
					tenantId: rvo!.id,
					userId: employee!.id,
					competencyId: one.id,
					obtainedOn: '2020-01-01',
					fileName: 'slechte-invoer.pdf',
					contentType: 'application/pdf',
					byteSize: 9,
					content: Buffer.from('%PDF-1.4\n'),
				})),
			)
			.returning({ id: schema.passportUploads.id })
		// A finished bulk decision of RVO's coordinator persona (ADR 038): its status page takes no form.
		const coordinatorEmail = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-coordinator')!.email
		const [coordinator] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, coordinatorEmail))
		const [bulkJob] = await owner.db
			.insert(schema.bulkJobs)
			.values({ tenantId: rvo!.id, requestedBy: coordinator!.id, kind: 'approve', status: 'done', total: 0, finishedAt: new Date() })
			.returning({ id: schema.bulkJobs.id })
		// An evaluation invitation of the RVO employee (ADR 041): a bad answer must leave it unanswered.
		const [evaluation] = await owner.db
			.insert(schema.evaluationInvitations)
			.values({ tenantId: rvo!.id, userId: employee!.id, enrolmentId: enrolment!.id, courseId: shared!.id, sessionId: session!.id, invitedAt: new Date() })
			.returning({ id: schema.evaluationInvitations.id })
		// A course the RVO employee completed a month ago, without a card to self yet (ADR 042): bad input must write none.
		const [pastSession] = await owner.db
			.insert(schema.sessions)
			.values({ tenantId: rvo!.id, courseId: shared!.id, startsAt: new Date(Date.now() - 30 * 86_400_000), endsAt: new Date(Date.now() - 30 * 86_400_000 + 3_600_000), capacity: 10 })
			.returning({ id: schema.sessions.id })
		const [completedEnrolment] = await owner.db
			.insert(schema.enrolments)
			.values({ tenantId: rvo!.id, sessionId: pastSession!.id, userId: employee!.id, status: 'completed', queueNumber: 1 })
			.returning({ id: schema.enrolments.id })
		// An intervention of RVO with the RVO manager persona's team trained (ADR 044): bad input must change neither.
		const managerEmail = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-manager')!.email
		const [manager] = await owner.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, managerEmail))
		const [intervention] = await owner.db
			.insert(schema.interventions)
			.values({ tenantId: rvo!.id, name: 'Slechte invoer weigeren', firstMonth: '2026-03-01', lastMonth: '2026-03-01', monthsBefore: 3, monthsAfter: 3, measureName: 'Fouten', better: 'lower', createdAt: new Date(), updatedAt: new Date() })
			.returning({ id: schema.interventions.id })
		await owner.db.insert(schema.interventionTeams).values({ tenantId: rvo!.id, interventionId: intervention!.id, managerId: manager!.id })
		// An RVO colleague's own request to be erased, open for the privacy officer (ADR 054).
		const [erasureRequest] = await owner.db
			.insert(schema.erasureRequests)
			.values({ tenantId: rvo!.id, personId: colleague!.id, requestedBy: colleague!.id, requestedAt: new Date() })
			.returning({ id: schema.erasureRequests.id })
		return {
			erasureRequest: { id: erasureRequest!.id, tenantId: rvo!.id },
			intervention: intervention!,
			teamId: manager!.id,
			completedEnrolment: completedEnrolment!,
			evaluation: evaluation!,
			bulkJob: bulkJob!,
			levelledUpload: levelledUpload!,
			levellessUpload: levellessUpload!,
			levelled: levelled!,
			levelless: levelless!,
			employeeEmail,
			evidence: { id: evidence!.id, userId: employee!.id },
			upload: upload!,
			competencyId: competency!.id,
			trainerSession: { id: trainerSession!.id, meetingId: meeting!.id, enrolmentId: trainerEnrolment!.id },
			course: shared!,
			otherCourse: other!,
			courseToEdit: toEdit!,
			themeId: theme!.id,
			session: session!,
			openSession: openSession!,
			sessionToCancel: sessionToCancel!,
			enrolment: enrolment!,
			awaitingApproval: awaiting!,
			tool: tool!,
			onlinePart: part!,
		}
	} finally {
		await owner.close()
	}
}
