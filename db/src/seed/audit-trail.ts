import { sql } from 'drizzle-orm'
import type { Database } from '../client.ts'

// A few rows of the audit trail for the demo (issue 22, item 2; ADR 049), so /beheer/logboek shows
// an admin change read as before and after, and a collapsed refusal, before anyone has acted. They
// agree with the seeded data: in each unit, its first coordinator (by employee number) raised the
// seats of the unit's earliest planned session by two, to what it holds now, two days ago; and the
// concern saw three refused sign-ins of one unknown account within a minute, yesterday.

export async function writeAuditTrail(db: Database, now: Date) {
	const at = now.toISOString()
	await db.execute(sql`
		with coordinator as (
			select distinct on (r.tenant_id) r.tenant_id, r.user_id
			from role_assignments r join users u on u.id = r.user_id
			where r.role = 'coordinator' order by r.tenant_id, u.employee_number
		),
		session as (
			select distinct on (s.tenant_id) s.tenant_id, s.id, s.capacity
			from sessions s where s.status = 'planned' and s.capacity > 2 order by s.tenant_id, s.starts_at, s.id
		)
		insert into audit_log (at, tenant_id, actor_user_id, action, object_type, object_id, result, origin, before, after)
		select ${at}::timestamptz - interval '2 days', s.tenant_id, c.user_id, 'session.capacity', 'session', s.id::text, 'success', '10.0.0.1',
			jsonb_build_object('capacity', s.capacity - 2), jsonb_build_object('capacity', s.capacity)
		from session s join coordinator c on c.tenant_id = s.tenant_id`)
	await db.execute(sql`
		insert into audit_log (at, tenant_id, actor_user_id, action, object_type, object_id, result, origin, after, collapse_key, occurrences, first_seen_at, last_seen_at)
		values (${at}::timestamptz - interval '1 day', null, null, 'auth.sign_in', 'user', null, 'denied', '203.0.113.7', '{"reason": "unknown_account"}'::jsonb,
			'sign-in:203.0.113.7', 3, ${at}::timestamptz - interval '1 day', ${at}::timestamptz - interval '1 day' + interval '40 seconds')`)
}
