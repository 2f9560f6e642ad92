import { amsterdamDate } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import type { Database } from '../client.ts'
import { recomputePassports } from '../queries/passport.ts'
import { competencies, competencyRequirements } from '../schema/passport.ts'
import { COMPETENCIES } from './content/competencies.ts'
import { MANAGEMENT_PROFILES } from './content/units.ts'
import { writePassportUploads } from './passport-uploads.ts'
import { Random } from './prng.ts'
import type { SeedProgress } from './index.ts'
import type { SeedScale } from './scales.ts'

const MANAGEMENT = Object.values(MANAGEMENT_PROFILES)

/**
 * The quality passport's demo data (issue 15): ~40 concern competencies, the concern's
 * requirements (for everyone, and for the management profiles by name), each unit's own
 * requirements per job profile, two courses granting each competency, evidence from the seeded
 * attendances and completions of those courses, five years of imported history, certificates
 * sent in (pending, approved, rejected; `passport-uploads.ts`), and the statuses the domain
 * computes from them. Every colour occurs: lapsed, expiring, missing, a recent requirement still
 * in its grace period. Levels (ADR 031, addendum on levels): a few competencies have them; some
 * units' requirements for them ask a minimum level, the two courses that grant one grant the
 * lowest and the highest level, and imported history and approved certificates carry a level —
 * below the minimum for some, so a red "level too low" occurs. Deterministic: pseudo-random choices hash the
 * (deterministic) ids, and every date derives from `now`.
 *
 * At the `large` scale everyone also holds, from five years of history (earlier roles,
 * training taken of their own accord), every competency they do not need: the full matrix of
 * ~14,000 people × ~40 competencies that issue 15's benchmarks recompute and page through.
 */
export async function writePassport(
	db: Database,
	{ now, tenantIds, scale }: { now: Date; tenantIds: readonly string[]; scale: SeedScale },
	progress: SeedProgress,
): Promise<number> {
	const today = amsterdamDate(now)
	const random = Random.stream('competencies')
	const rows = COMPETENCIES.map((competency) => ({
		id: random.uuid(0),
		name: competency.name,
		description: competency.description,
		validityMonths: competency.months,
		warningDays: competency.warningDays,
		renewalBasis: competency.basis,
		levels: [...(competency.levels ?? [])],
		createdAt: now,
		updatedAt: now,
	}))
	await db.insert(competencies).values(rows)
	const idOf = new Map(rows.map((row) => [row.name, row.id]))
	await db.insert(competencyRequirements).values(
		COMPETENCIES.filter((competency) => competency.everyone || competency.managers).flatMap((competency) =>
			(competency.everyone ? [null] : MANAGEMENT).map((jobProfileName) => ({
				id: random.uuid(0),
				tenantId: null,
				competencyId: idOf.get(competency.name)!,
				jobProfileName,
				// A recent requirement is still in its grace period for whoever lacks it: orange.
				introducedOn: competency.recent ? sql`${today}::date - 30` : '2022-01-01',
				graceDays: 90,
				createdAt: now,
			})),
		),
	)
	const concernWide = COMPETENCIES.filter((competency) => competency.everyone || competency.managers).map((competency) => competency.name)
	// Each unit's own job profiles need two or three of the other competencies, introduced over the
	// past five years; of a competency with levels, half of them ask its second level or higher.
	await db.execute(sql`
		insert into competency_requirements (id, tenant_id, competency_id, job_profile_id, introduced_on, grace_days, min_level, created_at)
		select md5('requirement:' || jp.id || ':' || c.id)::uuid, jp.tenant_id, c.id, jp.id,
			${today}::date - (abs(hashtext(jp.id::text || c.id::text)) % 1800), 60,
			case when cardinality(c.levels) > 1 and abs(hashtext(jp.id::text || c.id::text)) % 2 = 0
				then 2 + abs(hashtext(c.id::text || jp.id::text)) % (cardinality(c.levels) - 1) end,
			${now.toISOString()}::timestamptz
		from job_profiles jp cross join competencies c
		where jp.name <> all(${`{${MANAGEMENT.join(',')}}`}::text[]) and c.name <> all(${`{${concernWide.map((name) => `"${name}"`).join(',')}}`}::text[])
			and abs(hashtext(c.id::text || jp.id::text)) % 100 < 8`)
	progress('competencies', 1, 4)
	// Two published concern-wide courses with a session ahead grant each competency; of one with
	// levels, the first grants the lowest level and the second the highest.
	await db.execute(sql`
		insert into course_competencies (course_id, competency_id, grants_level, created_at)
		select course_id, competency_id, case when level_count > 0 then case when n = 1 then 1 else level_count end end, ${now.toISOString()}::timestamptz from (
			select c.id as course_id, k.id as competency_id, cardinality(k.levels) as level_count,
				row_number() over (partition by k.id order by md5(c.id::text || k.id::text)) as n
			from competencies k cross join courses c
			where c.status = 'published' and c.visibility = 'concern'
				and exists (select 1 from sessions s where s.course_id = c.id and s.status = 'planned' and s.starts_at > ${now.toISOString()}::timestamptz)
		) ranked where n <= 2`)
	// Evidence the seeded enrolments already earned, as the enrolment trigger would have written it.
	await db.execute(sql`
		insert into passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on, recorded_at, level)
		select md5('evidence:' || e.id || ':' || cc.competency_id)::uuid, e.tenant_id, e.user_id, cc.competency_id,
			(case when e.status = 'attended' then 'session_attendance' else 'course_completion' end)::evidence_source_kind,
			e.id::text, s.ends_at, (s.ends_at at time zone 'Europe/Amsterdam')::date, s.ends_at, cc.grants_level
		from enrolments e join sessions s on s.id = e.session_id join course_competencies cc on cc.course_id = s.course_id
		where e.status in ('attended', 'completed') and s.ends_at <= ${now.toISOString()}::timestamptz
		on conflict do nothing`)
	progress('competencies', 2, 4)
	// Imported history: three in four people hold each competency they need, with one to three
	// pieces of evidence spread over the past five years, so some are valid, some expiring, some lapsed.
	// At the large scale everyone holds every other competency too, with one or two pieces. On a
	// competency with levels each holder has one level, any of them: some below what they need.
	const everyCompetency =
		scale === 'large'
			? sql`union all
				select u.id, u.tenant_id, c.id, abs(hashtext(u.id::text || c.id::text)), false
				from users u cross join competencies c
				where u.active and not exists (select 1 from cells n where n.user_id = u.id and n.competency_id = c.id)`
			: sql``
	await db.execute(sql`
		with cells as (
			select u.id as user_id, u.tenant_id, r.competency_id
			from users u join competency_requirements r on r.tenant_id is null and r.job_profile_name is null
			where u.active
			union
			select u.id, u.tenant_id, r.competency_id
			from users u join job_profiles jp on jp.id = u.job_profile_id join competency_requirements r on r.tenant_id is null and r.job_profile_name = jp.name
			where u.active
			union
			select u.id, u.tenant_id, r.competency_id
			from users u join competency_requirements r on r.tenant_id = u.tenant_id and r.job_profile_id = u.job_profile_id
			where u.active
		), holders as (
			select user_id, tenant_id, competency_id, abs(hashtext(user_id::text || competency_id::text)) as h, true as needed from cells
			${everyCompetency}
		)
		insert into passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on, recorded_at, level)
		select md5('import:' || user_id || ':' || competency_id || ':' || k)::uuid, tenant_id, user_id, competency_id, 'import',
			'seed-import:' || k, day::timestamp at time zone 'Europe/Amsterdam', day, day::timestamp at time zone 'Europe/Amsterdam',
			case when cardinality(levels) > 0 then 1 + (h / 5) % cardinality(levels) end
		from holders join competencies on competencies.id = holders.competency_id, generate_series(1, case when needed then 1 + h % 3 else 1 + h % 2 end) as k,
			lateral (select ${today}::date - ((h / 7 + k * 397) % 1825)::int as day) d
		where h % 4 <> 0 or not needed`)
	// Certificates sent in: some awaiting review, some approved (their evidence counts below), one rejected per unit.
	await writePassportUploads(db, { now })
	progress('competencies', 3, 4)
	let cells = 0
	for (const tenantId of tenantIds) {
		cells += (await recomputePassports(db, { tenantId, today, trigger: 'requirement' })).cells
	}
	progress('competencies', 4, 4)
	return cells
}
