import { eq } from 'drizzle-orm'
import type { Database } from './client.ts'
import * as schema from './schema/index.ts'

// Fixtures of the row-level-security tests (tenancy.test.ts, second-wall.test.ts): raw data,
// written as the owner, and how a refused query reads.

/** The database's message of a refused query (drizzle wraps it in `cause`), or 'it did not fail'. */
export async function failure(attempt: Promise<unknown>): Promise<string> {
	try {
		await attempt
	} catch (error) {
		return ((error as { cause?: Error }).cause ?? (error as Error)).message
	}
	return 'it did not fail'
}

export function courseRow(providerTenantId: string, title: string) {
	return { providerTenantId, title, summary: title, description: title, form: 'classroom' as const, durationMinutes: 60 }
}

/** Three units: RVO and ACM employees follow sessions that NVWA and ACM provide. Written as the owner. */
export async function insertTwoUnitsAndAProvider(db: Database) {
	const [nvwa, rvo, acm] = (
		await db
			.insert(schema.tenants)
			.values([
				{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' },
				{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
				{ slug: 'acm', name: 'Autoriteit Consument & Markt', shortName: 'ACM' },
			])
			.returning({ id: schema.tenants.id })
	).map((t) => t.id) as [string, string, string]
	const [nvwaProfile, rvoProfile] = await db
		.insert(schema.jobProfiles)
		.values([{ tenantId: nvwa, name: 'Inspecteur' }, { tenantId: rvo, name: 'Adviseur' }, { tenantId: acm, name: 'Jurist' }])
		.returning({ id: schema.jobProfiles.id })
	const person = (tenantId: string, name: string, email: string) => ({ tenantId, employeeNumber: email, name, email })
	const [nina, ann, bob, carl] = await db
		.insert(schema.users)
		.values([
			person(nvwa, 'Nina van NVWA', 'nina@nvwa.test'),
			person(rvo, 'Ann van RVO', 'ann@rvo.test'),
			person(rvo, 'Bob van RVO', 'bob@rvo.test'),
			person(acm, 'Carl van ACM', 'carl@acm.test'),
		])
		.returning({ id: schema.users.id })
	const [bobCoordinator] = await db
		.insert(schema.roleAssignments)
		.values([
			{ userId: bob!.id, role: 'coordinator', tenantId: rvo },
			{ userId: carl!.id, role: 'coordinator', tenantId: acm },
			{ userId: nina!.id, role: 'concern_admin', tenantId: null },
		])
		.returning({ id: schema.roleAssignments.id })
	const [open, forRvo, , draft, rvoDraft] = await db
		.insert(schema.courses)
		.values([
			{ ...courseRow(nvwa, 'Open voor iedereen'), status: 'published', visibility: 'concern' },
			{ ...courseRow(nvwa, 'Alleen voor RVO'), status: 'published', visibility: 'selected' },
			{ ...courseRow(nvwa, 'Alleen voor ACM'), status: 'published', visibility: 'selected' },
			{ ...courseRow(nvwa, 'Concept van NVWA'), status: 'draft' },
			{ ...courseRow(rvo, 'Concept van RVO'), status: 'draft' },
		])
		.returning({ id: schema.courses.id })
	const forAcm = (await db.select({ id: schema.courses.id }).from(schema.courses).where(eq(schema.courses.title, 'Alleen voor ACM')))[0]!
	await db.insert(schema.courseAudiences).values([
		{ courseId: forRvo!.id, tenantId: rvo },
		{ courseId: forAcm.id, tenantId: acm },
	])
	const session = (tenantId: string, courseId: string) => ({
		tenantId,
		courseId,
		startsAt: new Date('2026-12-01T09:00:00Z'),
		endsAt: new Date('2026-12-01T12:00:00Z'),
		capacity: 10,
	})
	const [nvwaOpen, acmOpen] = await db
		.insert(schema.sessions)
		.values([session(nvwa, open!.id), session(acm, open!.id), session(nvwa, draft!.id)])
		.returning({ id: schema.sessions.id })
	const [annEnrolment, carlEnrolment] = await db
		.insert(schema.enrolments)
		.values([
			{ tenantId: rvo, sessionId: nvwaOpen!.id, userId: ann!.id, status: 'enrolled' },
			{ tenantId: acm, sessionId: acmOpen!.id, userId: carl!.id, status: 'enrolled' },
		])
		.returning({ id: schema.enrolments.id })
	await db.insert(schema.auditLog).values([
		{ tenantId: rvo, action: 'rvo.settings.updated', objectType: 'tenant', result: 'success' },
		{ tenantId: acm, action: 'acm.settings.updated', objectType: 'tenant', result: 'success' },
	])
	await db.insert(schema.authSessions).values({
		id: 'hash-of-anns-token',
		userId: ann!.id,
		expiresAt: new Date('2026-12-01T10:00:00Z'),
		absoluteExpiresAt: new Date('2026-12-01T18:00:00Z'),
		idleTimeoutSeconds: 1800,
	})
	return {
		nvwa,
		rvo,
		acm,
		users: { nina: nina!.id, ann: ann!.id, bob: bob!.id, carl: carl!.id },
		jobProfiles: { nvwa: nvwaProfile!.id, rvo: rvoProfile!.id },
		roles: { bobCoordinator: bobCoordinator!.id },
		courses: { open: open!.id, forRvo: forRvo!.id, draft: draft!.id, rvoDraft: rvoDraft!.id },
		sessions: { nvwaOpen: nvwaOpen!.id, acmOpen: acmOpen!.id },
		enrolments: { ann: annEnrolment!.id, carl: carlEnrolment!.id },
	}
}
