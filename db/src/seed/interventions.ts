import { sql } from 'drizzle-orm'
import type { Database } from '../client.ts'

// A worked intervention for the demo (issue 18, item 3; ADR 044), so the effect page shows
// something real: in RVO, the eight teams with the most people (by their manager's employee
// number, for a stable choice), the first four trained in a two-month course on checking cases
// that ended a month before the windows' end; the measure, errors found afterwards in the process
// per team per month, falls by about three and a half for the trained teams and drifts a little
// for all. Every value derives from the ids and `now` by hashing: the same seed, the same numbers.

export const DEMO_INTERVENTION_ID = '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

export async function writeInterventions(db: Database, now: Date) {
	const at = now.toISOString()
	// The training's two months start seven months back; five months before it and five after it are compared.
	await db.execute(sql`
		with unit as (select id from tenants where slug = 'rvo'),
		course as (select c.id from courses c, unit where c.provider_tenant_id = unit.id and c.status = 'published' order by c.title, c.id limit 1)
		insert into interventions (id, tenant_id, name, course_id, description, first_month, last_month, months_before, months_after, measure_name, better, measure_source, created_at, updated_at)
		select ${DEMO_INTERVENTION_ID}::uuid, unit.id, 'Training zaakcontrole voor vier teams', (select id from course),
			'Twee dagdelen over het controleren van aanvragen, met casussen uit het eigen werk. Vier teams volgden haar; vier vergelijkbare teams nog niet.',
			(date_trunc('month', ${at}::timestamptz at time zone 'Europe/Amsterdam') - interval '7 months')::date,
			(date_trunc('month', ${at}::timestamptz at time zone 'Europe/Amsterdam') - interval '6 months')::date,
			5, 5, 'Fouten die later in het proces worden gevonden', 'lower', 'csv', ${at}::timestamptz, ${at}::timestamptz
		from unit`)
	await db.execute(sql`
		with teams as (
			select u.manager_id, row_number() over (order by count(*) desc, m.employee_number) as rank
			from users u join users m on m.id = u.manager_id and m.tenant_id = u.tenant_id
			where u.tenant_id = (select tenant_id from interventions where id = ${DEMO_INTERVENTION_ID}::uuid) and u.active
			group by u.manager_id, m.employee_number
			order by rank limit 8
		)
		insert into intervention_teams (tenant_id, intervention_id, manager_id)
		select i.tenant_id, i.id, t.manager_id from teams t, interventions i where i.id = ${DEMO_INTERVENTION_ID}::uuid and t.rank <= 4`)
	await db.execute(sql`
		with i as (select * from interventions where id = ${DEMO_INTERVENTION_ID}::uuid),
		teams as (
			select u.manager_id, row_number() over (order by count(*) desc, m.employee_number) as rank
			from users u join users m on m.id = u.manager_id and m.tenant_id = u.tenant_id
			where u.tenant_id = (select tenant_id from i) and u.active
			group by u.manager_id, m.employee_number
			order by rank limit 8
		),
		months as (
			select generate_series((select first_month from i) - interval '5 months', (select last_month from i) + interval '5 months', interval '1 month')::date as month
		)
		insert into intervention_measure_values (tenant_id, intervention_id, manager_id, month, value, source)
		select i.tenant_id, i.id, t.manager_id, mo.month,
			greatest(0, round(
				-- each team's own level, 8 to 13 errors a month
				8 + abs(hashtext('intervention-team:' || t.manager_id::text)) % 6
				-- a month's chance, −1 to +1
				+ (abs(hashtext('intervention-month:' || t.manager_id::text || mo.month::text)) % 5 - 2) * 0.5
				-- a slight rise for everyone over the period
				+ 0.1 * extract(month from age(mo.month, (select first_month from i) - interval '5 months'))
				-- the training: about 3.5 fewer for the trained teams after it, half of that during it
				- case when t.rank <= 4 and mo.month > i.last_month then 3.5 when t.rank <= 4 and mo.month >= i.first_month then 1.75 else 0 end
			)), 'csv'
		from i, teams t, months mo`)
}
