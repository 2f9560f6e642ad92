-- A unit's report counts (ADR 043, addendum): the enrolments of the unit's own sessions, counted
-- past the enrolments' policies. Under them, each enrolment of another unit's employee is judged
-- by the provider's `exists` over sessions: 4.4 s at p95 for RVO's twelve months on the large
-- seed, 84 ms without. The function counts only for the unit of the verified context, and only
-- when the caller names that same unit; it returns sums, never a person.
CREATE OR REPLACE FUNCTION report_participation(p_tenant uuid, p_from date, p_to date, p_course uuid, p_theme uuid, p_free_days int)
	RETURNS TABLE (month text, course_id uuid, course_title text, participants int, completed int, no_shows int, cancellations int, late_cancellations int, waiting int)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT to_char(s.starts_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM'), c.id, c.title,
			count(*) FILTER (WHERE e.status IN ('enrolled', 'attended', 'no_show', 'completed'))::int,
			count(*) FILTER (WHERE e.status IN ('attended', 'completed'))::int,
			count(*) FILTER (WHERE e.status = 'no_show')::int,
			count(*) FILTER (WHERE e.status = 'cancelled')::int,
			count(*) FILTER (WHERE e.status = 'cancelled'
				AND e.updated_at > s.starts_at - make_interval(days => p_free_days)
				AND (e.free_cancellation_until IS NULL OR e.updated_at >= e.free_cancellation_until))::int,
			count(*) FILTER (WHERE e.status = 'waitlisted')::int
		FROM sessions s
		JOIN courses c ON c.id = s.course_id
		JOIN enrolments e ON e.session_id = s.id
		WHERE p_tenant = app_tenant_id() AND s.tenant_id = p_tenant AND s.status = 'planned'
			AND s.starts_at >= p_from::timestamp AT TIME ZONE 'Europe/Amsterdam'
			AND s.starts_at < (p_to + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam'
			AND (p_course IS NULL OR c.id = p_course)
			AND (p_theme IS NULL OR c.theme_id = p_theme)
		GROUP BY GROUPING SETS ((to_char(s.starts_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')), (c.id, c.title))
		ORDER BY 1 NULLS LAST, 3, 2
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_participation(uuid, date, date, uuid, uuid, int) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION report_participation(uuid, date, date, uuid, uuid, int) TO leerplein_app;
--> statement-breakpoint
-- The concern's report (ADR 043, addendum): per providing unit, the same sums over the period,
-- each unit's late cancellations by its own free period (given by the caller, in the order of
-- the units). Only a concern administrator gets an answer; sums, never a person.
CREATE OR REPLACE FUNCTION report_unit_participation(p_from date, p_to date, p_tenants uuid[], p_free_days int[])
	RETURNS TABLE (tenant_id uuid, participants int, completed int, no_shows int, cancellations int, late_cancellations int, waiting int)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT s.tenant_id,
			count(*) FILTER (WHERE e.status IN ('enrolled', 'attended', 'no_show', 'completed'))::int,
			count(*) FILTER (WHERE e.status IN ('attended', 'completed'))::int,
			count(*) FILTER (WHERE e.status = 'no_show')::int,
			count(*) FILTER (WHERE e.status = 'cancelled')::int,
			count(*) FILTER (WHERE e.status = 'cancelled'
				AND e.updated_at > s.starts_at - make_interval(days => r.free_days)
				AND (e.free_cancellation_until IS NULL OR e.updated_at >= e.free_cancellation_until))::int,
			count(*) FILTER (WHERE e.status = 'waitlisted')::int
		FROM unnest(p_tenants, p_free_days) AS r(tenant_id, free_days)
		JOIN sessions s ON s.tenant_id = r.tenant_id
		JOIN enrolments e ON e.session_id = s.id
		WHERE app_is_concern_admin() AND s.status = 'planned'
			AND s.starts_at >= p_from::timestamp AT TIME ZONE 'Europe/Amsterdam'
			AND s.starts_at < (p_to + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam'
		GROUP BY s.tenant_id
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_unit_participation(date, date, uuid[], int[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION report_unit_participation(date, date, uuid[], int[]) TO leerplein_app;
