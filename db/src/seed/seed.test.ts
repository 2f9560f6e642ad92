import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDatabase, type DatabaseClient } from '../client.ts'
import { migrateDatabase } from '../migrate.ts'
import { courses } from '../schema/catalogue.ts'
import { roleAssignments, users } from '../schema/people.ts'
import { tenants } from '../schema/tenants.ts'
import { recomputePassports } from '../queries/passport.ts'
import { checkAccentColour, checkLogoFile, differenceInDifferences, valuesInWindow } from '@leerplein/domain'
import { DEMO_INTERVENTION_ID } from './interventions.ts'
import { DEMO_PERSONAS, seedDatabase, seededDuplicateClusters, type SeedSummary } from './index.ts'

describe('seeding the small scale into a fresh database', () => {
	let client: DatabaseClient
	let summary: SeedSummary
	const steps = new Set<string>()

	async function rows<T>(query: SQL): Promise<T[]> {
		const result = (await client.db.execute(query)) as unknown as T[] | { rows: T[] }
		return Array.isArray(result) ? result : result.rows
	}

	beforeAll(async () => {
		client = await createDatabase({ driver: 'pglite', dataDir: null }, { role: 'migrator' })
		await migrateDatabase(client)
		summary = await seedDatabase(client.db, {
			scale: 'small',
			now: new Date('2025-06-02T08:00:00Z'),
			onProgress: (step) => steps.add(step),
		})
	}, 120_000)

	afterAll(async () => {
		// PGlite keeps the process alive until it is closed.
		await client?.close()
	})

	test('creates the nine units with their names', async () => {
		const units = await client.db.select({ slug: tenants.slug, name: tenants.name, shortName: tenants.shortName }).from(tenants).orderBy(asc(tenants.slug))
		expect(units).toEqual([
			{ slug: 'acm', name: 'Autoriteit Consument & Markt', shortName: 'ACM' },
			{ slug: 'at', name: 'Agentschap Telecom', shortName: 'Agentschap Telecom' },
			{ slug: 'cpb', name: 'Centraal Planbureau', shortName: 'CPB' },
			{ slug: 'dictu', name: 'Dienst ICT Uitvoering', shortName: 'DICTU' },
			{ slug: 'kd', name: 'Kerndepartement', shortName: 'Kerndepartement' },
			{ slug: 'nea', name: 'Nederlandse Emissieautoriteit', shortName: 'NEa' },
			{ slug: 'nvwa', name: 'Nederlandse Voedsel- en Warenautoriteit', shortName: 'NVWA' },
			{ slug: 'rvo', name: 'Rijksdienst voor Ondernemend Nederland', shortName: 'RVO' },
			{ slug: 'sodm', name: 'Staatstoezicht op de Mijnen', shortName: 'SodM' },
		])
	})

	test('seeds the quality passport: ~40 competencies, requirements in all nine units, every colour, and statuses that a recompute confirms', async () => {
		const [counted] = await rows<{ competencies: number; units: number; links: number }>(
			sql`select (select count(*) from competencies)::int as competencies,
				(select count(distinct tenant_id) from competency_requirements where tenant_id is not null)::int as units,
				(select count(*) from course_competencies)::int as links`,
		)
		expect(counted).toEqual({ competencies: 40, units: 9, links: 80 })
		const colours = await rows<{ status: string }>(sql`select distinct status::text from passport_status order by 1`)
		expect(colours.map((row) => row.status)).toEqual(['green', 'not_required', 'orange', 'red'])
		const causes = await rows<{ kind: string }>(sql`select distinct cause->>'kind' as kind from passport_status order by 1`)
		expect(causes.map((row) => row.kind)).toEqual(expect.arrayContaining(['expired', 'expiring', 'grace', 'missing', 'valid']))
		const sources = await rows<{ kind: string }>(sql`select distinct source_kind::text as kind from passport_evidence order by 1`)
		expect(sources.map((row) => row.kind)).toEqual(expect.arrayContaining(['import']))
		for (const { id } of await client.db.select({ id: tenants.id }).from(tenants)) {
			const report = await recomputePassports(client.db, { tenantId: id, today: '2025-06-02', trigger: 'consistency' })
			expect(report.drift).toBe(0)
			expect(report.cells).toBeGreaterThan(0)
		}
		expect(steps.has('competencies')).toBe(true)
	})

	test('seeds levels: a few competencies with named levels, requirements asking a minimum, courses and evidence granting one, and a red dot for a level too low', async () => {
		const levelled = await rows<{ name: string; levels: string[] }>(sql`select name, levels from competencies where cardinality(levels) > 0 order by name`)
		expect(levelled).toEqual([
			{ name: 'Data-analyse met Python', levels: ['Basis', 'Gevorderd', 'Expert'] },
			{ name: 'Inspectietechnieken', levels: ['Basis', 'Gevorderd', 'Expert'] },
			{ name: 'Projectmatig werken', levels: ['Foundation', 'Practitioner'] },
			{ name: 'Toegankelijkheid (WCAG)', levels: ['Bewust', 'Toetser', 'Expert-toetser'] },
		])
		const [counted] = await rows<{ minimums: number; grants: string; evidence: number; uploads: number }>(
			sql`select (select count(*) from competency_requirements where min_level is not null)::int as minimums,
				(select string_agg(distinct grants_level::text, ',' order by grants_level::text) from course_competencies) as grants,
				(select count(*) from passport_evidence where level is not null)::int as evidence,
				(select count(*) from passport_uploads where level is not null)::int as uploads`,
		)
		expect(counted!.minimums).toBeGreaterThan(0)
		expect(counted!.grants).toBe('1,2,3')
		expect(counted!.evidence).toBeGreaterThan(0)
		// Levels only on competencies that have them (the database's trigger stands behind this too).
		const [stray] = await rows<{ count: number }>(
			sql`select count(*)::int as count from passport_evidence e join competencies c on c.id = e.competency_id where e.level is not null and e.level > cardinality(c.levels)`,
		)
		expect(stray!.count).toBe(0)
		const [tooLow] = await rows<{ count: number }>(
			sql`select count(*)::int as count from passport_status where status = 'red' and cause->>'kind' = 'level_too_low' and (cause->>'heldLevel')::int < (cause->>'requiredLevel')::int`,
		)
		expect(tooLow!.count).toBeGreaterThan(0)
	})

	test('seeds certificates sent in, pending, approved and rejected in every unit, as valid PDF or PNG files; an approved one counts as upload evidence; the demo personas sent none', async () => {
		const perUnit = await rows<{ tenant_id: string; pending: number; approved: number; rejected: number }>(
			sql`select tenant_id, count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'approved')::int as approved,
				count(*) filter (where status = 'rejected')::int as rejected from passport_uploads group by tenant_id`,
		)
		expect(perUnit).toHaveLength(9)
		expect(perUnit.every((unit) => unit.pending > 0 && unit.approved > 0 && unit.rejected > 0)).toBe(true)
		const files = await rows<{ content_type: string; head: string }>(sql`select distinct content_type, encode(substring(content from 1 for 5), 'escape') as head from passport_uploads order by 1`)
		expect(files.map((file) => file.content_type)).toEqual(['application/pdf', 'image/png'])
		expect(files[0]!.head).toBe('%PDF-')
		const [unmatched] = await rows<{ count: number }>(
			sql`select count(*)::int as count from passport_uploads u left join passport_evidence e on e.id = u.evidence_id and e.source_kind = 'upload' and e.source_ref = u.id::text
				where u.status = 'approved' and e.id is null`,
		)
		expect(unmatched!.count).toBe(0)
		const [personas] = await rows<{ count: number }>(sql`select count(*)::int as count from passport_uploads u join users p on p.id = u.user_id where p.email = any(${`{${DEMO_PERSONAS.map((persona) => persona.email).join(',')}}`}::text[])`)
		expect(personas!.count).toBe(0)
		// The RVO manager persona has certificates of his team to review.
		const mark = DEMO_PERSONAS.find((persona) => persona.key === 'rvo-manager')!
		const [review] = await rows<{ count: number }>(
			sql`select count(*)::int as count from passport_uploads u join users p on p.id = u.user_id join users m on m.id = p.manager_id where m.email = ${mark.email} and u.status = 'pending'`,
		)
		expect(review!.count).toBeGreaterThan(0)
	})

	test('seeds an admin change per unit with its before and after, agreeing with the session it names, and one collapsed refusal (ADR 049)', async () => {
		const changes = await rows<{ tenant_id: string; before: number; after: number; capacity: number; coordinator: boolean }>(
			sql`select a.tenant_id, (a.before->>'capacity')::int as before, (a.after->>'capacity')::int as after, s.capacity,
					exists (select 1 from role_assignments r where r.user_id = a.actor_user_id and r.role = 'coordinator' and r.tenant_id = a.tenant_id) as coordinator
				from audit_log a join sessions s on s.id::text = a.object_id where a.action = 'session.capacity'`,
		)
		expect(changes).toHaveLength(9)
		expect(changes.every((row) => row.after === row.capacity && row.before === row.capacity - 2 && row.coordinator)).toBe(true)
		const [refusal] = await rows<{ occurrences: number; tenant_id: string | null }>(sql`select occurrences, tenant_id from audit_log where action = 'auth.sign_in' and result = 'denied'`)
		expect(refusal).toEqual({ occurrences: 3, tenant_id: null })
	})

	test('reports what it wrote and its progress per step', async () => {
		const [counted] = await rows<{ users: number; courses: number; sessions: number; enrolments: number }>(
			sql`select (select count(*) from users)::int as users, (select count(*) from courses)::int as courses,
			           (select count(*) from sessions)::int as sessions, (select count(*) from enrolments)::int as enrolments`,
		)
		expect(counted).toEqual({ users: summary.users, courses: summary.courses, sessions: summary.sessions, enrolments: summary.enrolments })
		expect(summary.courses).toBe(150)
		expect(summary.enrolments).toBeGreaterThan(1_000)
		expect([...steps]).toEqual(expect.arrayContaining(['tenants', 'users', 'courses', 'sessions', 'enrolments']))
	})

	test('seeds practice decks on three courses, the learners’ cards in their own units, and a review history with FSRS’s predictions', async () => {
		const [decks] = await rows<{ courses: number; questions: number; strays: number; reviews: number; predicted: number; wrong: number }>(
			sql`select (select count(distinct course_id) from practice_questions)::int as courses, (select count(*) from practice_questions)::int as questions,
			           (select count(*) from practice_cards c join users u on u.id = c.user_id where u.tenant_id <> c.tenant_id)::int as strays,
			           (select count(*) from practice_reviews)::int as reviews, (select count(*) from practice_reviews where predicted_recall is not null)::int as predicted,
			           (select count(*) from practice_reviews where not correct)::int as wrong`,
		)
		expect(decks).toMatchObject({ courses: 3, questions: 18, strays: 0 })
		expect(decks!.reviews).toBeGreaterThan(100)
		expect(decks!.predicted).toBeGreaterThan(0)
		expect(decks!.wrong).toBeGreaterThan(0)
	})

	test('never seats more people in a session than it has seats', async () => {
		const overbooked = await rows<{ id: string }>(
			sql`select s.id from sessions s
			    join enrolments e on e.session_id = s.id and e.status in ('enrolled', 'attended', 'no_show', 'completed')
			    group by s.id, s.capacity having count(*) > s.capacity`,
		)
		expect(overbooked).toEqual([])
	})

	test('keeps the enrolment bookkeeping consistent: a commitment for every approved paid enrolment, a cost centre and arrival order', async () => {
		const [check] = await rows<{ uncommitted: number; stray: number; no_queue: number; no_cost_centre: number; no_step: number }>(
			sql`select
				(select count(*) from enrolments e where e.price_cents > 0 and e.status in ('enrolled', 'waitlisted', 'attended', 'no_show', 'completed')
					and not exists (select 1 from budget_ledger l where l.enrolment_id = e.id and l.kind = 'commit'))::int as uncommitted,
				(select count(*) from budget_ledger l join enrolments e on e.id = l.enrolment_id
					where e.status in ('awaiting_approval', 'declined', 'cancelled'))::int as stray,
				(select count(*) from enrolments where status in ('enrolled', 'waitlisted') and queue_number is null)::int as no_queue,
				(select count(*) from enrolments where status = 'enrolled' and cost_centre is null)::int as no_cost_centre,
				(select count(*) from enrolments where status = 'awaiting_approval' and approval_step is null)::int as no_step`,
		)
		expect(check).toEqual({ uncommitted: 0, stray: 0, no_queue: 0, no_cost_centre: 0, no_step: 0 })
	})

	test('plans sessions on working days at 09:00, 09:30 or 13:00 Amsterdam time, with a place only when held on site', async () => {
		const starts = await rows<{ start: string }>(
			sql`select distinct to_char(starts_at at time zone 'Europe/Amsterdam', 'HH24:MI') as start from sessions order by 1`,
		)
		expect(starts.map((row) => row.start)).toEqual(['09:00', '09:30', '13:00'])
		const [odd] = await rows<{ weekend: number; misplaced: number }>(
			sql`select count(*) filter (where extract(isodow from s.starts_at at time zone 'Europe/Amsterdam') > 5)::int as weekend,
			           count(*) filter (where (c.form in ('classroom', 'blended')) <> (s.location_id is not null)
			                               or s.tenant_id <> c.provider_tenant_id)::int as misplaced
			    from sessions s join courses c on c.id = s.course_id`,
		)
		expect(odd).toEqual({ weekend: 0, misplaced: 0 })
	})

	test('writes minimums and deadlines that the page can warn about: RVO has a session short of its minimum before its deadline', async () => {
		const [rvo] = await rows<{ with_minimum: number; short: number; out_of_range: number }>(
			sql`select count(*) filter (where s.minimum_participants is not null)::int as with_minimum,
			           count(*) filter (where s.minimum_participants > (select count(*) from enrolments e where e.session_id = s.id and e.status in ('enrolled', 'attended', 'no_show', 'completed'))
			                              and s.enrolment_deadline > ${'2025-06-02T08:00:00Z'}::timestamptz)::int as short,
			           count(*) filter (where s.minimum_participants > s.capacity or s.enrolment_deadline >= s.starts_at)::int as out_of_range
			    from sessions s join tenants t on t.id = s.tenant_id where t.slug = 'rvo'`,
		)
		expect(rvo!.with_minimum).toBeGreaterThan(0)
		expect(rvo!.short).toBeGreaterThan(0)
		expect(rvo!.out_of_range).toBe(0)
	})

	test('gives every session meetings that span it exactly, classroom ones in a room of its location with a trainer of its unit', async () => {
		const [check] = await rows<{ without: number; span: number; misplaced: number; foreign_trainer: number; meetings: number; booked: number }>(
			sql`select
				(select count(*)::int from sessions s where not exists (select 1 from session_meetings m where m.session_id = s.id)) as without,
				(select count(*)::int from sessions s join lateral (select min(starts_at) as f, max(ends_at) as l from session_meetings m where m.session_id = s.id) x on true
					where x.f <> s.starts_at or x.l <> s.ends_at) as span,
				(select count(*)::int from session_meetings m join sessions s on s.id = m.session_id join rooms r on r.id = m.room_id where r.location_id <> s.location_id) as misplaced,
				(select count(*)::int from meeting_trainers mt join trainers t on t.id = mt.trainer_id where t.tenant_id <> mt.tenant_id) as foreign_trainer,
				(select count(*)::int from session_meetings) as meetings,
				(select count(*)::int from session_meetings m where m.room_id is not null) as booked`,
		)
		expect(check).toMatchObject({ without: 0, span: 0, misplaced: 0, foreign_trainer: 0 })
		expect(check!.meetings).toBeGreaterThan(summary.sessions)
		expect(check!.booked).toBeGreaterThan(0)
	})

	test('writes attendance marks that agree with the enrolments: the rule of ADR 028 gives each its status back', async () => {
		const [check] = await rows<{ marks: number; disagree: number; unmarked: number }>(
			sql`select
				(select count(*)::int from meeting_attendance) as marks,
				(select count(*)::int from meeting_attendance a join enrolments e on e.id = a.enrolment_id where a.present <> (e.status in ('attended', 'completed'))) as disagree,
				(select count(*)::int from enrolments e where e.status in ('attended', 'completed', 'no_show') and not exists (select 1 from meeting_attendance a where a.enrolment_id = e.id)) as unmarked`,
		)
		expect(check!.marks).toBeGreaterThan(0)
		expect(check).toMatchObject({ disagree: 0, unmarked: 0 })
	})

	test('seeds course evaluations as the trigger and the mail scan would leave them: invitations for the last half year, about six in ten answered, anonymous responses that differ per course; each one\'s follow-up twelve weeks on, about four in ten of those due answered', async () => {
		const [check] = await rows<{ invitations: number; answered: number; responses: number; stranger: number; overdue: number; courses_shown: number; means: number; follow_ups: number; follow_ups_due: number; follow_ups_answered: number; follow_up_responses: number; early: number }>(
			sql`select
				(select count(*)::int from evaluation_invitations where kind = 'evaluation') as invitations,
				(select count(*)::int from evaluation_invitations where kind = 'evaluation' and answered_at is not null) as answered,
				(select count(*)::int from evaluation_responses where form_version = 'concern-2026-1') as responses,
				-- the follow-ups (ADR 045): one per evaluation, twelve weeks on; none answered or mailed before its day
				(select count(*)::int from evaluation_invitations where kind = 'follow_up') as follow_ups,
				(select count(*)::int from evaluation_invitations where kind = 'follow_up' and invited_at <= timestamptz '2025-06-02T08:00:00Z') as follow_ups_due,
				(select count(*)::int from evaluation_invitations where kind = 'follow_up' and answered_at is not null) as follow_ups_answered,
				(select count(*)::int from evaluation_responses where form_version = 'follow-up-2026-1') as follow_up_responses,
				(select count(*)::int from evaluation_invitations f join evaluation_invitations e on e.enrolment_id = f.enrolment_id and e.kind = 'evaluation'
					where f.kind = 'follow_up' and (f.invited_at <> e.invited_at + interval '12 weeks' or (f.invited_at > timestamptz '2025-06-02T08:00:00Z' and (f.mails_sent > 0 or f.answered_at is not null)))) as early,
				-- an invitation for someone who never attended or completed
				(select count(*)::int from evaluation_invitations i join enrolments e on e.id = i.enrolment_id where e.status not in ('attended', 'completed') or e.user_id <> i.user_id) as stranger,
				-- an unanswered invitation still owed a mail (the scan would mail everyone at the first start)
				(select count(*)::int from evaluation_invitations where answered_at is null and invited_at <= timestamptz '2025-06-02T08:00:00Z' and mails_sent < 1 + ((timestamptz '2025-06-02T08:00:00Z' - invited_at) >= interval '7 days')::int + ((timestamptz '2025-06-02T08:00:00Z' - invited_at) >= interval '14 days')::int) as overdue,
				(select count(*)::int from (select course_id from evaluation_responses where form_version = 'concern-2026-1' group by course_id having count(*) >= 5) shown) as courses_shown,
				(select count(distinct round(avg_useful, 1))::int from (select avg((answers->>'content_useful')::numeric) as avg_useful from evaluation_responses where form_version = 'concern-2026-1' group by course_id having count(*) >= 5) m) as means`,
		)
		expect(check!.invitations).toBeGreaterThan(50)
		expect(check!.answered / check!.invitations).toBeGreaterThan(0.45)
		expect(check!.answered / check!.invitations).toBeLessThan(0.75)
		expect(check).toMatchObject({ responses: check!.answered, stranger: 0, overdue: 0 })
		expect(check!.courses_shown).toBeGreaterThan(0)
		expect(check!.means).toBeGreaterThan(1)
		expect(check).toMatchObject({ follow_ups: check!.invitations, follow_up_responses: check!.follow_ups_answered, early: 0 })
		expect(check!.follow_ups_due).toBeGreaterThan(0)
		expect(check!.follow_ups_answered / check!.follow_ups_due).toBeGreaterThan(0.25)
		expect(check!.follow_ups_answered / check!.follow_ups_due).toBeLessThan(0.55)
	})

	test('seeds a worked intervention in RVO: four trained and four comparison teams, eleven months each, a favourable effect by the domain’s own calculation', async () => {
		const [intervention] = await rows<{ first_month: string; last_month: string; months_before: number; months_after: number; better: 'lower' | 'higher'; slug: string }>(
			sql`select to_char(i.first_month, 'YYYY-MM') as first_month, to_char(i.last_month, 'YYYY-MM') as last_month, i.months_before, i.months_after, i.better, t.slug
				from interventions i join tenants t on t.id = i.tenant_id where i.id = ${DEMO_INTERVENTION_ID}::uuid`,
		)
		expect(intervention).toMatchObject({ first_month: '2024-11', last_month: '2024-12', months_before: 5, months_after: 5, better: 'lower', slug: 'rvo' })
		const trained = (await rows<{ manager_id: string }>(sql`select manager_id from intervention_teams where intervention_id = ${DEMO_INTERVENTION_ID}::uuid`)).map((row) => row.manager_id)
		const values = (
			await rows<{ manager_id: string; month: string; value: number }>(
				sql`select manager_id, to_char(month, 'YYYY-MM') as month, value from intervention_measure_values where intervention_id = ${DEMO_INTERVENTION_ID}::uuid`,
			)
		).map((row) => ({ teamId: row.manager_id, month: row.month, value: row.value }))
		expect(trained).toHaveLength(4)
		expect(new Set(values.map((value) => value.teamId)).size).toBe(8)
		expect(values).toHaveLength(8 * 12)
		const period = { firstMonth: intervention!.first_month, lastMonth: intervention!.last_month, monthsBefore: intervention!.months_before, monthsAfter: intervention!.months_after }
		const result = differenceInDifferences({ values: valuesInWindow(values, period), trainedTeamIds: trained, intervention: period, better: intervention!.better })
		if (!result.ok) throw new Error(result.code)
		expect(result.value.verdict).toEqual({ status: 'effect', reasons: ['decrease'], better: 'lower', favourable: true })
		expect(result.value.trained.teams).toBe(4)
		expect(result.value.comparison.teams).toBe(4)
		expect(result.value.estimate!.difference).toBeLessThan(-2.5)
		expect(result.value.estimate!.difference).toBeGreaterThan(-4.5)
	})

	test('gives every user the employee role in their own unit', async () => {
		const [missing] = await rows<{ n: number }>(
			sql`select count(*)::int as n from users u where not exists (
			      select 1 from role_assignments r where r.user_id = u.id and r.role = 'employee' and r.tenant_id = u.tenant_id)`,
		)
		expect(missing?.n).toBe(0)
	})

	test('makes a concern administrator and a privacy officer, who act for no unit', async () => {
		const concernRoles = await client.db
			.select({ role: roleAssignments.role, tenantId: roleAssignments.tenantId })
			.from(roleAssignments)
			.where(inArray(roleAssignments.role, ['concern_admin', 'privacy_officer']))
			.orderBy(roleAssignments.role)
		expect(concernRoles).toEqual([
			{ role: 'concern_admin', tenantId: null },
			{ role: 'privacy_officer', tenantId: null },
		])
	})

	test('creates every demo persona with their roles', async () => {
		const found = await client.db
			.select({ email: users.email, role: roleAssignments.role })
			.from(users)
			.innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
			.where(inArray(users.email, DEMO_PERSONAS.map((persona) => persona.email)))
		for (const persona of DEMO_PERSONAS) {
			const roles = found.filter((row) => row.email === persona.email).map((row) => row.role)
			expect(roles.sort()).toEqual([...persona.roles].sort())
		}
	})

	test("seeds three units' own look (ADR 052): an accent that passes the contrast rule and an SVG logo each; the others keep the concern look", async () => {
		const brandings = await rows<{ unit: string; accent: string; type: string; logo: Uint8Array }>(
			sql`select t.slug as unit, b.accent_colour as accent, b.logo_type as type, b.logo from tenant_brandings b join tenants t on t.id = b.tenant_id order by t.slug`,
		)
		expect(brandings.map((b) => [b.unit, b.accent, b.type])).toEqual([
			['dictu', '#275937', 'image/svg+xml'],
			['nvwa', '#a90061', 'image/svg+xml'],
			['rvo', '#42145f', 'image/svg+xml'],
		])
		for (const branding of brandings) {
			expect(checkAccentColour(branding.accent).ok, branding.unit).toBe(true)
			expect(checkLogoFile(new Uint8Array(branding.logo)), branding.unit).toEqual({ ok: true, value: { type: 'image/svg+xml' } })
		}
	})

	test('seeds experts in every unit on common themes, one paused per unit, none of them a demo persona, some competencies verified in the passport', async () => {
		const perUnit = await rows<{ unit: string; experts: number; paused: number; personas: number }>(
			sql`select t.slug as unit, count(*)::int as experts, count(*) filter (where e.paused_at is not null)::int as paused,
					count(*) filter (where u.email like 'demo.%')::int as personas
				from experts e join tenants t on t.id = e.tenant_id join users u on u.id = e.user_id group by t.slug order by t.slug`,
		)
		expect(perUnit).toHaveLength(9)
		for (const unit of perUnit) expect(unit).toEqual({ unit: unit.unit, experts: 6, paused: 1, personas: 0 })
		const [counted] = await rows<{ withoutTheme: number; verified: number }>(
			sql`select (select count(*) from experts e where not exists (select 1 from expert_themes et where et.user_id = e.user_id))::int as "withoutTheme",
				(select count(*) from expert_competencies ec join passport_status ps on ps.user_id = ec.user_id and ps.competency_id = ec.competency_id and ps.status in ('green', 'orange'))::int as verified`,
		)
		expect(counted!.withoutTheme).toBe(0)
		expect(counted!.verified).toBeGreaterThan(0)
	})

	test('inserts every course of the duplicate ground truth', async () => {
		const ids = seededDuplicateClusters('small').flat()
		const present = await client.db.select({ id: courses.id }).from(courses).where(inArray(courses.id, ids))
		expect(present).toHaveLength(ids.length)
	})

	test('refuses to seed a database that already has units', async () => {
		await expect(seedDatabase(client.db, { scale: 'small', now: new Date() })).rejects.toThrow(/already has units/)
	})
})
