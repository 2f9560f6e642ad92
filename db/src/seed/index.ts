import { sql } from 'drizzle-orm'
import { normaliseSearchText } from '@leerplein/domain'
import type { Database } from '../client.ts'
import { isDatabaseEmpty } from '../queries/health.ts'
import { courseAudiences, courses, themes } from '../schema/catalogue.ts'
import { searchSynonyms } from '../schema/search.ts'
import { SEARCH_SYNONYMS } from './content/synonyms.ts'
import { Random } from './prng.ts'
import { enrolments, locations, sessions } from '../schema/logistics.ts'
import { jobProfiles, roleAssignments, users } from '../schema/people.ts'
import { meetingLinks, meetingTrainers, rooms, sessionMeetings, trainers } from '../schema/planning.ts'
import { tenants } from '../schema/tenants.ts'
import { PERSONA_DETAILS } from './content/personas.ts'
import { renderCourseText } from './course-text.ts'
import { batchSizeFor, chunked, insertBatches } from './insert.ts'
import { planCourses, type CoursePlan } from './plan-courses.ts'
import { enrolmentBatches } from './plan-enrolments.ts'
import { planOrganisation, type Organisation } from './plan-organisation.ts'
import { planPlanning, type PlanningPlan } from './plan-planning.ts'
import { planSessions, type PlannedSession } from './plan-sessions.ts'
import { parseSeedScale, type SeedScale } from './scales.ts'
import { writeEvaluations } from './evaluations.ts'
import { writeUnitBranding } from './branding.ts'
import { writeExperts } from './experts.ts'
import { writeInterventions } from './interventions.ts'
import { writeAuditTrail } from './audit-trail.ts'
import { writePracticeDecks } from './practice.ts'
import { writePassport } from './passport.ts'

export { parseSeedScale }
export type { SeedScale }

export type SeedProgress = (step: string, done: number, total: number) => void

export type SeedSummary = {
	tenants: number
	users: number
	courses: number
	sessions: number
	meetings: number
	rooms: number
	trainers: number
	enrolments: number
	locations: number
	themes: number
	durationMs: number
}

export type DemoPersona = { key: string; email: string; name: string; employeeNumber: string; tenantSlug: string | null; roles: string[] }

/**
 * Well-known demo personas so tests and the demo sign-in can find them, in every scale.
 * `tenantSlug` is the unit the persona acts in; it is null for the concern administrator,
 * who acts for the whole concern (and whose home unit is Kerndepartement).
 */
export const DEMO_PERSONAS: DemoPersona[] = PERSONA_DETAILS.map((persona) => ({
	key: persona.key,
	email: persona.email,
	name: persona.name,
	employeeNumber: persona.employeeNumber,
	tenantSlug: persona.slot === 'concern_admin' || persona.slot === 'privacy_officer' ? null : persona.homeUnitSlug,
	roles: [...persona.roles],
}))

/**
 * Ground truth for dedup tests: the seeded near-duplicate clusters, as lists of course
 * ids. Pure and deterministic: it recomputes the same catalogue plan the seed inserts.
 */
export function seededDuplicateClusters(scale: SeedScale): string[][] {
	const { courses: planned, clusters } = planCourses(scale)
	return clusters.map((members) => members.map((index) => planned[index]!.id))
}

/**
 * Fills an empty database with deterministic demo data: the same scale and `now` always
 * give the same rows and ids. Everything is written in one transaction, so a failed run
 * leaves the database empty.
 */
export async function seedDatabase(
	db: Database,
	options: { scale: SeedScale; now: Date; onProgress?: SeedProgress },
): Promise<SeedSummary> {
	const started = performance.now()
	const { scale, now } = options
	const progress = options.onProgress ?? (() => {})

	if (!(await isDatabaseEmpty(db))) throw new Error('The database already has units; the seed only fills an empty database.')

	const organisation = planOrganisation(scale)
	const catalogue = planCourses(scale)
	const plannedSessions = planSessions(scale, { now, catalogue, organisation })
	const planning = planPlanning(scale, { sessions: plannedSessions, catalogue, organisation })

	const written = await db.transaction(async (tx) => {
		// The search columns and word list are rebuilt once at the end, not batch by batch (ADR 010).
		await tx.execute(sql`alter table courses disable trigger user`)
		await tx.execute(sql`alter table sessions disable trigger user`)
		await writeOrganisation(tx, organisation, now, progress)
		await writeCatalogue(tx, catalogue, organisation, now, progress)
		await writeSearchSynonyms(tx, now, progress)
		const at = (ms: number) => new Date(ms)
		await insertBatches(
			tx,
			sessions,
			chunked(plannedSessions, batchSizeFor(10), (session) => ({
				id: session.id,
				tenantId: organisation.tenants[session.tenantIndex]!.id,
				courseId: catalogue.courses[session.courseIndex]!.id,
				startsAt: at(session.startsAtMs),
				endsAt: at(session.endsAtMs),
				locationId: session.locationIndex === null ? null : organisation.locations[session.locationIndex]!.id,
				capacity: session.capacity,
				status: session.status,
				minimumParticipants: session.minimumParticipants,
				enrolmentDeadline: session.enrolmentDeadlineMs === null ? null : at(session.enrolmentDeadlineMs),
				createdAt: at(session.createdAtMs),
			})),
			(done) => progress('sessions', done, plannedSessions.length),
		)
		await writePlanning(tx, { planning, sessions: plannedSessions, organisation }, progress)
		await tx.execute(sql`alter table courses enable trigger user`)
		await tx.execute(sql`alter table sessions enable trigger user`)
		progress('search index', 0, 1)
		await tx.execute(sql`select rebuild_catalogue_search()`)
		progress('search index', 1, 1)
		const enrolmentTotal = plannedSessions.reduce((sum, session) => sum + session.enrolmentCount, 0)
		const count = await insertBatches(
			tx,
			enrolments,
			enrolmentBatches({ now, sessions: plannedSessions, courses: catalogue.courses, organisation }, batchSizeFor(7)),
			(done) => progress('enrolments', done, enrolmentTotal),
		)
		await writeLogisticsBookkeeping(tx)
		progress('budgets', 1, 1)
		await writeAttendance(tx, now)
		progress('attendance', 1, 1)
		await writeEvaluations(tx, now)
		progress('evaluations', 1, 1)
		await writeInterventions(tx, now)
		progress('interventions', 1, 1)
		await writeAuditTrail(tx, now)
		progress('audit trail', 1, 1)
		await writePracticeDecks(tx, now)
		progress('practice decks', 1, 1)
		await writePassport(tx, { now, scale, tenantIds: organisation.tenants.map((tenant) => tenant.id) }, progress)
		await writeExperts(tx, now)
		progress('experts', 1, 1)
		await writeUnitBranding(tx, now)
		progress('branding', 1, 1)
		return count
	})
	// Fresh statistics for the planner, and for the duplicate look-up's choice of rare title words
	// (migration 0024): PGlite has no autovacuum, and PostgreSQL's would come minutes later.
	progress('statistics', 0, 1)
	await db.execute(sql`analyze`)
	progress('statistics', 1, 1)

	return {
		tenants: organisation.tenants.length,
		users: organisation.users.length,
		courses: catalogue.courses.length,
		sessions: plannedSessions.length,
		meetings: planning.meetings.length,
		rooms: planning.rooms.length,
		trainers: planning.trainers.length,
		enrolments: written,
		locations: organisation.locations.length,
		themes: organisation.themes.length,
		durationMs: Math.round(performance.now() - started),
	}
}

/**
 * Marks per meeting that agree with the enrolments written (ADR 028): present at every meeting
 * that has begun for an attended or completed enrolment, absent for a no-show; registered by the
 * meeting's internal trainer, else the unit's first coordinator, when the meeting ended.
 */
async function writeAttendance(db: Database, now: Date) {
	await db.execute(sql`
		insert into meeting_attendance (meeting_id, enrolment_id, session_id, tenant_id, present, registered_by_user_id, registered_at)
		select m.id, e.id, e.session_id, m.tenant_id, e.status in ('attended', 'completed'),
			coalesce(
				(select min(tr.user_id::text)::uuid from meeting_trainers mt join trainers tr on tr.id = mt.trainer_id where mt.meeting_id = m.id and tr.user_id is not null),
				(select min(r.user_id::text)::uuid from role_assignments r where r.tenant_id = m.tenant_id and r.role = 'coordinator')
			),
			m.ends_at
		from enrolments e
		join session_meetings m on m.session_id = e.session_id and not m.cancelled and m.starts_at <= ${now.toISOString()}::timestamptz
		where e.status in ('attended', 'completed', 'no_show')`)
}

/**
 * What the enrolment rules keep beside each enrolment, derived from the enrolments written:
 * a cost centre per team, the price charged, arrival order, the manager step for open
 * requests, and the budget ledger (a commitment for everything approved, released again for a
 * no-show where the providing unit does not charge no-shows). Ids are derived, so it stays
 * deterministic.
 */
async function writeLogisticsBookkeeping(db: Database) {
	await db.execute(sql`
		update users u set cost_centre = t.short_name || '-' || (1000 + abs(hashtext(coalesce(u.manager_id, u.id)::text)) % 9000)::text
		from tenants t where t.id = u.tenant_id`)
	await db.execute(sql`
		update enrolments e set
			price_cents = c.price_cents,
			cost_centre = case when e.status in ('awaiting_approval', 'declined') then null else u.cost_centre end,
			approval_step = case when e.status = 'awaiting_approval' then 'manager'::approval_step end
		from sessions s, courses c, users u
		where s.id = e.session_id and c.id = s.course_id and u.id = e.user_id`)
	await db.execute(sql`
		with ordered as (
			select id, row_number() over (order by requested_at, id) as n from enrolments
			where status in ('enrolled', 'waitlisted', 'attended', 'no_show', 'completed'))
		update enrolments e set queue_number = o.n from ordered o where o.id = e.id`)
	await db.execute(sql`select setval('enrolment_queue', (select coalesce(max(queue_number), 0) + 1 from enrolments), false)`)
	await db.execute(sql`
		insert into budget_ledger (id, tenant_id, user_id, enrolment_id, year, kind, amount_cents, cost_centre, created_at)
		select e.id, e.tenant_id, e.user_id, e.id, extract(year from s.starts_at at time zone 'Europe/Amsterdam')::int,
			'commit', e.price_cents, e.cost_centre, e.requested_at
		from enrolments e join sessions s on s.id = e.session_id
		where e.price_cents > 0 and e.status in ('enrolled', 'waitlisted', 'attended', 'no_show', 'completed')`)
	await db.execute(sql`
		insert into budget_ledger (id, tenant_id, user_id, enrolment_id, year, kind, amount_cents, cost_centre, created_at)
		select md5(l.enrolment_id::text || ':release')::uuid, l.tenant_id, l.user_id, l.enrolment_id, l.year, 'release',
			-l.amount_cents, l.cost_centre, e.updated_at
		from budget_ledger l
		join enrolments e on e.id = l.enrolment_id
		join sessions s on s.id = e.session_id
		join tenants p on p.id = s.tenant_id
		where e.status = 'no_show' and coalesce(p.po_overrides->>'noShowPolicy', (select c.po_defaults->>'noShowPolicy' from concern_settings c)) <> 'charge'`)
}

async function writeOrganisation(db: Database, organisation: Organisation, now: Date, progress: SeedProgress) {
	const createdAt = (ageMs: number) => new Date(now.getTime() - ageMs)
	const { tenants: plannedTenants } = organisation

	await insertBatches(
		db,
		tenants,
		[
			plannedTenants.map((tenant) => ({
				id: tenant.id,
				slug: tenant.slug,
				name: tenant.name,
				shortName: tenant.shortName,
				poOverrides: tenant.poOverrides,
				createdAt: createdAt(tenant.ageMs),
			})),
		],
		(done) => progress('tenants', done, plannedTenants.length),
	)
	await insertBatches(db, themes, [organisation.themes], (done) => progress('themes', done, organisation.themes.length))
	await insertBatches(
		db,
		jobProfiles,
		chunked(organisation.jobProfiles, batchSizeFor(4), (profile) => ({
			id: profile.id,
			tenantId: plannedTenants[profile.tenantIndex]!.id,
			name: profile.name,
			createdAt: createdAt(profile.ageMs),
		})),
		(done) => progress('job profiles', done, organisation.jobProfiles.length),
	)
	await insertBatches(
		db,
		locations,
		chunked(organisation.locations, batchSizeFor(6), (location) => ({
			id: location.id,
			tenantId: plannedTenants[location.tenantIndex]!.id,
			name: location.name,
			address: location.address,
			city: location.city,
			createdAt: createdAt(location.ageMs),
		})),
		(done) => progress('locations', done, organisation.locations.length),
	)
	// Managers precede their teams in the plan, so each batch only refers to users already written.
	await insertBatches(
		db,
		users,
		chunked(organisation.users, batchSizeFor(10), (user) => ({
			id: user.id,
			tenantId: plannedTenants[user.tenantIndex]!.id,
			employeeNumber: user.employeeNumber,
			name: user.name,
			email: user.email,
			jobProfileId: organisation.jobProfiles[user.jobProfileIndex]!.id,
			managerId: user.managerIndex === null ? null : organisation.users[user.managerIndex]!.id,
			preferredLanguage: user.preferredLanguage,
			active: user.active,
			createdAt: createdAt(user.ageMs),
		})),
		(done) => progress('users', done, organisation.users.length),
	)
	await insertBatches(
		db,
		roleAssignments,
		chunked(organisation.roles, batchSizeFor(5), (role) => ({
			id: role.id,
			userId: organisation.users[role.userIndex]!.id,
			role: role.role,
			tenantId: role.tenantIndex === null ? null : plannedTenants[role.tenantIndex]!.id,
			createdAt: createdAt(role.ageMs),
		})),
		(done) => progress('roles', done, organisation.roles.length),
	)
}

async function writeCatalogue(db: Database, catalogue: CoursePlan, organisation: Organisation, now: Date, progress: SeedProgress) {
	const themeIds = new Map(organisation.themes.map((theme) => [theme.slug, theme.id]))
	const planned = catalogue.courses
	await insertBatches(
		db,
		courses,
		// Descriptions are long: smaller batches keep each statement a reasonable size.
		chunked(planned, 500, (course) => {
			const createdAt = new Date(now.getTime() - course.ageMs)
			// A course was last edited a while after it was created (a fifth of its life later).
			const updatedAt = new Date(now.getTime() - Math.round(course.ageMs * 0.8))
			return {
				id: course.id,
				providerTenantId: organisation.tenants[course.providerIndex]!.id,
				...renderCourseText(course),
				themeId: themeIds.get(course.topic.theme)!,
				form: course.form,
				language: course.language,
				durationMinutes: course.durationMinutes,
				priceCents: course.priceCents,
				visibility: course.visibility,
				status: course.status,
				createdAt,
				updatedAt,
			}
		}),
		(done) => progress('courses', done, planned.length),
	)
	const audiences = planned.flatMap((course) =>
		course.audienceIndexes.map((tenantIndex) => ({ courseId: course.id, tenantId: organisation.tenants[tenantIndex]!.id })),
	)
	await insertBatches(db, courseAudiences, chunked(audiences, batchSizeFor(2), (row) => row), (done) =>
		progress('course audiences', done, audiences.length),
	)
}

/** The starting list of search synonyms (content/synonyms.ts), stored normalised as the admin page does. */
async function writeSearchSynonyms(db: Database, now: Date, progress: SeedProgress) {
	const random = Random.stream('search-synonyms')
	const rows = SEARCH_SYNONYMS.map(({ term, expansions }) => ({
		id: random.uuid(0),
		term: normaliseSearchText(term),
		expansions: expansions.map(normaliseSearchText),
		createdAt: now,
		updatedAt: now,
	}))
	await insertBatches(db, searchSynonyms, [rows], (done) => progress('search synonyms', done, rows.length))
}

/** Rooms, trainers, and every session's meetings with their room, trainers and (online) link. */
async function writePlanning(
	db: Database,
	{ planning, sessions: plannedSessions, organisation }: { planning: PlanningPlan; sessions: PlannedSession[]; organisation: Organisation },
	progress: SeedProgress,
) {
	const tenantId = (index: number) => organisation.tenants[index]!.id
	await insertBatches(
		db,
		rooms,
		chunked(planning.rooms, batchSizeFor(8), (room) => ({
			id: room.id,
			tenantId: tenantId(room.tenantIndex),
			locationId: organisation.locations[room.locationIndex]!.id,
			name: room.name,
			capacity: room.capacity,
			wheelchairAccessible: room.wheelchairAccessible,
			hearingLoop: room.hearingLoop,
			accessibilityNote: room.accessibilityNote,
		})),
		(done) => progress('rooms', done, planning.rooms.length),
	)
	await insertBatches(
		db,
		trainers,
		chunked(planning.trainers, batchSizeFor(7), (trainer) => ({
			id: trainer.id,
			tenantId: tenantId(trainer.tenantIndex),
			kind: trainer.kind,
			userId: trainer.userIndex === null ? null : organisation.users[trainer.userIndex]!.id,
			name: trainer.name,
			organisation: trainer.organisation,
			email: trainer.email,
		})),
		(done) => progress('trainers', done, planning.trainers.length),
	)
	const sessionOf = (meeting: PlanningPlan['meetings'][number]) => plannedSessions[meeting.sessionIndex]!
	await insertBatches(
		db,
		sessionMeetings,
		chunked(planning.meetings, batchSizeFor(9), (meeting) => ({
			id: meeting.id,
			tenantId: tenantId(sessionOf(meeting).tenantIndex),
			sessionId: sessionOf(meeting).id,
			startsAt: new Date(meeting.startsAtMs),
			endsAt: new Date(meeting.endsAtMs),
			roomId: meeting.roomIndex === null ? null : planning.rooms[meeting.roomIndex]!.id,
			online: meeting.online,
			cancelled: meeting.cancelled,
			createdAt: new Date(sessionOf(meeting).createdAtMs),
		})),
		(done) => progress('meetings', done, planning.meetings.length),
	)
	const booked = planning.meetings.flatMap((meeting) => meeting.trainerIndexes.map((trainerIndex) => ({ meeting, trainerIndex })))
	await insertBatches(
		db,
		meetingTrainers,
		chunked(booked, batchSizeFor(6), ({ meeting, trainerIndex }) => ({
			meetingId: meeting.id,
			trainerId: planning.trainers[trainerIndex]!.id,
			tenantId: tenantId(sessionOf(meeting).tenantIndex),
			startsAt: new Date(meeting.startsAtMs),
			endsAt: new Date(meeting.endsAtMs),
			cancelled: meeting.cancelled,
		})),
		(done) => progress('trainer bookings', done, booked.length),
	)
	const online = planning.meetings.filter((meeting) => meeting.online)
	await insertBatches(
		db,
		meetingLinks,
		chunked(online, batchSizeFor(3), (meeting) => ({
			meetingId: meeting.id,
			tenantId: tenantId(sessionOf(meeting).tenantIndex),
			url: `https://vergaderen.example/${meeting.id}`,
		})),
		(done) => progress('meeting links', done, online.length),
	)
}
