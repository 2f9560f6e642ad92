import { sql } from 'drizzle-orm'
import type { Database } from '../client.ts'

// The course evaluations' demo data (issue 18, item 6; ADR 041), written as the trigger and the
// mail scan would have left them: an invitation for every attendance or completion of the last
// half year, answered by about six in ten within a week, the mails of the others counted as sent;
// and an anonymous response for each answer. Each course has a quality of its own, so the results
// differ between courses; a course with few participants stays below five responses and shows
// only its count. Pseudo-random choices hash the (deterministic) ids; dates derive from `now`.
// The responses' ids are random, as the portal's: a derived id would tie an answer to its enrolment.
// Then each invitation's follow-up twelve weeks on (ADR 045), answered by about four in ten of those due.

const FORM_VERSION = 'concern-2026-1'
const BEST = ['De praktijkvoorbeelden uit ons eigen werk.', 'De uitwisseling met collega’s van andere onderdelen.', 'De oefeningen met casussen.', 'Een trainer die de stof helder uitlegde.', 'Ik kan het direct toepassen.']
const IMPROVE = ['Meer tijd om te oefenen.', 'Minder theorie, meer praktijk.', 'De informatie vooraf kwam laat.', 'De dag was lang; liever twee dagdelen.', 'Meer voorbeelden uit de uitvoering.']

export async function writeEvaluations(db: Database, now: Date) {
	const at = now.toISOString()
	await db.execute(sql`
		insert into evaluation_invitations (id, tenant_id, user_id, enrolment_id, course_id, session_id, invited_at, mails_sent, last_mailed_at, answered_at)
		select md5('evaluation-invitation:' || e.id::text)::uuid, e.tenant_id, e.user_id, e.id, s.course_id, s.id, s.ends_at,
			case when answered then 1 else 1 + (${at}::timestamptz - s.ends_at >= interval '7 days')::int + (${at}::timestamptz - s.ends_at >= interval '14 days')::int end,
			s.ends_at,
			case when answered then least(${at}::timestamptz, s.ends_at + (abs(hashtext('evaluation-day:' || e.id::text)) % 7) * interval '1 day' + interval '2 hours') end
		from enrolments e
		join sessions s on s.id = e.session_id
		cross join lateral (select abs(hashtext('evaluation-answered:' || e.id::text)) % 100 < 60 as answered) a
		where e.status in ('attended', 'completed') and s.ends_at <= ${at}::timestamptz and s.ends_at > ${at}::timestamptz - interval '183 days'`)
	await db.execute(sql`
		insert into evaluation_responses (provider_tenant_id, course_id, session_id, answered_month, form_version, answers)
		select c.provider_tenant_id, i.course_id, i.session_id, date_trunc('month', i.answered_at at time zone 'Europe/Amsterdam')::date, ${FORM_VERSION},
			jsonb_strip_nulls(jsonb_build_object(
				${sql.raw(STATEMENTS.map((item) => `'${item}', ${rating(item)}`).join(',\n\t\t\t\t'))},
				'recommend', least(10, greatest(0, round(2 * q.base + (abs(hashtext('recommend:' || i.id::text)) % 7) - 3)))::int,
				'best', case when abs(hashtext('best:' || i.id::text)) % 10 < 3 then ${sql.raw(textArray(BEST))}[1 + abs(hashtext('best-text:' || i.id::text)) % ${BEST.length}] end,
				'improve', case when abs(hashtext('improve:' || i.id::text)) % 10 < 3 then ${sql.raw(textArray(IMPROVE))}[1 + abs(hashtext('improve-text:' || i.id::text)) % ${IMPROVE.length}] end
			))
		from evaluation_invitations i
		join courses c on c.id = i.course_id
		-- A course's quality: a mean rating of 3, 3.5 or 4 before each person's own spread.
		cross join lateral (select 3 + (abs(hashtext('course-quality:' || c.id::text)) % 3) * 0.5 as base) q
		where i.answered_at is not null and i.kind = 'evaluation'`)
	await writeFollowUps(db, now)
}

const FOLLOW_UP_VERSION = 'follow-up-2026-1'
const EXAMPLES = ['Ik gebruik de checklist nu bij elke aanvraag.', 'In het teamoverleg bespreken we lastige gevallen zoals in de training.', 'Ik stel meer open vragen in gesprekken.']
const OBSTACLES = ['Te weinig tijd naast het gewone werk.', 'Mijn collega’s werken nog op de oude manier.', 'Het systeem ondersteunt de nieuwe werkwijze nog niet.']

// The follow-ups (ADR 045) as the trigger and the scan would leave them: one per evaluation
// invitation, twelve weeks (the default) after it; those whose day has come were mailed, and about
// four in ten answered within a week, with an anonymous response of the follow-up's form.
async function writeFollowUps(db: Database, now: Date) {
	const at = now.toISOString()
	await db.execute(sql`
		insert into evaluation_invitations (id, tenant_id, user_id, enrolment_id, course_id, session_id, kind, invited_at, mails_sent, last_mailed_at, answered_at)
		select md5('follow-up-invitation:' || i.enrolment_id::text)::uuid, i.tenant_id, i.user_id, i.enrolment_id, i.course_id, i.session_id, 'follow_up', d.due,
			case when d.due > ${at}::timestamptz then 0 when answered then 1 else 1 + (${at}::timestamptz - d.due >= interval '7 days')::int + (${at}::timestamptz - d.due >= interval '14 days')::int end,
			case when d.due <= ${at}::timestamptz then d.due end,
			case when answered and d.due <= ${at}::timestamptz then least(${at}::timestamptz, d.due + (abs(hashtext('follow-up-day:' || i.id::text)) % 7) * interval '1 day' + interval '3 hours') end
		from evaluation_invitations i
		cross join lateral (select i.invited_at + interval '12 weeks' as due) d
		cross join lateral (select abs(hashtext('follow-up-answered:' || i.id::text)) % 100 < 40 as answered) a
		where i.kind = 'evaluation'`)
	await db.execute(sql`
		insert into evaluation_responses (provider_tenant_id, course_id, session_id, answered_month, form_version, answers)
		select c.provider_tenant_id, i.course_id, i.session_id, date_trunc('month', i.answered_at at time zone 'Europe/Amsterdam')::date, ${FOLLOW_UP_VERSION},
			jsonb_strip_nulls(jsonb_build_object(
				${sql.raw(FOLLOW_UP_STATEMENTS.map((item) => `'${item}', ${rating(item)}`).join(',\n\t\t\t\t'))},
				'applied_example', case when abs(hashtext('example:' || i.id::text)) % 10 < 3 then ${sql.raw(textArray(EXAMPLES))}[1 + abs(hashtext('example-text:' || i.id::text)) % ${EXAMPLES.length}] end,
				'obstacles', case when abs(hashtext('obstacles:' || i.id::text)) % 10 < 3 then ${sql.raw(textArray(OBSTACLES))}[1 + abs(hashtext('obstacles-text:' || i.id::text)) % ${OBSTACLES.length}] end
			))
		from evaluation_invitations i
		join courses c on c.id = i.course_id
		cross join lateral (select 3 + (abs(hashtext('course-quality:' || c.id::text)) % 3) * 0.5 - 0.5 as base) q
		where i.answered_at is not null and i.kind = 'follow_up'`)
}

const FOLLOW_UP_STATEMENTS = ['applied', 'applied_often', 'work_improved', 'support'] as const

const STATEMENTS = ['content_useful', 'applicable', 'trainer', 'organisation', 'expectations'] as const

/** A statement's rating, 1–5: the course's quality plus a spread of −1.2…1.2 per person and statement; one in ten skips it. */
function rating(item: (typeof STATEMENTS)[number] | (typeof FOLLOW_UP_STATEMENTS)[number]): string {
	const hash = (salt: string) => `abs(hashtext('${salt}:' || i.id::text))`
	return `case when ${hash(`${item}-skip`)} % 10 = 0 then null else least(5, greatest(1, round(q.base + (${hash(item)} % 5 - 2) * 0.6)))::int end`
}

/** A Postgres text array literal of fixed demo texts (no input reaches it). */
function textArray(texts: readonly string[]): string {
	return `(array[${texts.map((text) => `'${text.replace(/'/g, "''")}'`).join(', ')}]::text[])`
}
