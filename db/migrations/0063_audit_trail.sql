CREATE INDEX "audit_log_at_id_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- The readable audit trail (issue 22, item 2; ADR 049). One page of rows, newest first, paged by
-- (at, id) after the last row of the previous page. Who may read what is decided here, past the
-- row policies, for two readers only:
--   * a concern administrator (app_is_concern_admin): every unit's rows and the concern's own
--     (tenant_id null: sign-ins that failed before a unit was known, concern settings);
--   * a coordinator of the unit in the tenant context: that unit's rows only.
-- Anyone else gets no rows. The actor's name and e-mail come from users past its own-unit policy,
-- only for rows the reader may see: a person from another unit who acted in this unit is named.
-- p_who matches the actor's name or e-mail (its % and _ are literal); p_action an action or its
-- group ('session' matches 'session.cancel'); p_from and p_to are Amsterdam days, both included.
CREATE OR REPLACE FUNCTION audit_trail_page(
	p_tenant uuid, p_who text, p_action text, p_from date, p_to date, p_object_type text, p_object_id text, p_result text,
	p_after_at timestamptz, p_after_id bigint, p_limit int
)
	RETURNS TABLE (
		id bigint, at timestamptz, at_key text, tenant_id uuid, tenant_name text, actor_user_id uuid, actor_name text, actor_email text,
		action text, object_type text, object_id text, result text, origin text, request_id text, before jsonb, after jsonb,
		occurrences int, first_seen_at timestamptz, last_seen_at timestamptz
	)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		WITH reader AS (
			SELECT app_is_concern_admin() AS concern,
				EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = app_user_id() AND r.role = 'coordinator' AND r.tenant_id = app_tenant_id()) AS coordinator,
				app_tenant_id() AS unit
		)
		SELECT a.id, a.at, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), a.tenant_id, t.name, a.actor_user_id, u.name, u.email,
			a.action, a.object_type, a.object_id, a.result, a.origin, a.request_id, a.before, a.after,
			a.occurrences, a.first_seen_at, a.last_seen_at
		FROM reader, audit_log a
		LEFT JOIN tenants t ON t.id = a.tenant_id
		LEFT JOIN users u ON u.id = a.actor_user_id
		WHERE (reader.concern OR (reader.coordinator AND a.tenant_id = reader.unit))
			AND (p_tenant IS NULL OR a.tenant_id = p_tenant)
			AND (p_who IS NULL OR u.name ILIKE '%' || replace(replace(replace(p_who, '\', '\\'), '%', '\%'), '_', '\_') || '%'
				OR u.email ILIKE '%' || replace(replace(replace(p_who, '\', '\\'), '%', '\%'), '_', '\_') || '%')
			AND (p_action IS NULL OR a.action = p_action OR a.action LIKE replace(replace(replace(p_action, '\', '\\'), '%', '\%'), '_', '\_') || '.%')
			AND (p_from IS NULL OR a.at >= p_from::timestamp AT TIME ZONE 'Europe/Amsterdam')
			AND (p_to IS NULL OR a.at < (p_to + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')
			AND (p_object_type IS NULL OR a.object_type = p_object_type)
			AND (p_object_id IS NULL OR a.object_id = p_object_id)
			AND (p_result IS NULL OR a.result = p_result)
			AND (p_after_at IS NULL OR (a.at, a.id) < (p_after_at, p_after_id))
		ORDER BY a.at DESC, a.id DESC
		LIMIT least(greatest(p_limit, 1), 10001)
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_trail_page(uuid, text, text, date, date, text, text, text, timestamptz, bigint, int) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_trail_page(uuid, text, text, date, date, text, text, text, timestamptz, bigint, int) TO leerplein_app;
