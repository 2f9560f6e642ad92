CREATE INDEX "audit_log_at_id_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- The readable audit trail (issue 22, item 2; ADR 049). One page of rows, newest first, paged by
-- (at, id) after the last row of the previous page. Who may read what is decided here, past the
-- row policies, for two readers only:
--   * a concern administrator (app_is_concern_admin): every unit's rows and the concern's own
--     (tenant_id null: sign-ins that failed before a unit was known, concern settings), or one
--     unit's when p_tenant names it;
--   * a coordinator of the unit in the tenant context: that unit's rows only (another p_tenant: none).
-- Anyone else gets no rows. The actor's name and e-mail come from users past its own-unit policy,
-- only for rows the reader may see: a person from another unit who acted in this unit is named.
-- p_who matches the actor's name or e-mail (its % and _ are literal); p_action an action or its
-- group ('session' matches 'session.cancel'); p_from and p_to are Amsterdam days, both included.
-- The query is put together from the filters given, so each combination gets a plan of its own
-- (a unit's page walks its (tenant_id, at) index, the concern's the (at, id) one: hence NULLS LAST,
-- as the indexes are built, though at is never null); every value is a parameter ($1…$12), never
-- text in the query.
CREATE OR REPLACE FUNCTION audit_trail_page(
	p_tenant uuid, p_who text, p_action text, p_from date, p_to date, p_object_type text, p_object_id text, p_result text,
	p_after_at timestamptz, p_after_id bigint, p_limit int
)
	RETURNS TABLE (
		id bigint, at timestamptz, at_key text, tenant_id uuid, tenant_name text, actor_user_id uuid, actor_name text, actor_email text,
		action text, object_type text, object_id text, result text, origin text, request_id text, before jsonb, after jsonb,
		occurrences int, first_seen_at timestamptz, last_seen_at timestamptz
	)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	#variable_conflict use_column
	DECLARE
		v_tenant uuid;
		v_where text := '';
		v_who text := '%' || replace(replace(replace(p_who, '\', '\\'), '%', '\%'), '_', '\_') || '%';
		v_group text := replace(replace(replace(p_action, '\', '\\'), '%', '\%'), '_', '\_') || '.%';
	BEGIN
		IF app_is_concern_admin() THEN
			v_tenant := p_tenant;
		ELSIF EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = app_user_id() AND r.role = 'coordinator' AND r.tenant_id = app_tenant_id()) THEN
			IF p_tenant IS NOT NULL AND p_tenant IS DISTINCT FROM app_tenant_id() THEN
				RETURN;
			END IF;
			v_tenant := app_tenant_id();
		ELSE
			RETURN;
		END IF;
		IF v_tenant IS NOT NULL THEN v_where := v_where || ' AND a.tenant_id = $1'; END IF;
		IF p_who IS NOT NULL THEN v_where := v_where || ' AND (u.name ILIKE $2 OR u.email ILIKE $2)'; END IF;
		IF p_action IS NOT NULL THEN v_where := v_where || ' AND (a.action = $3 OR a.action LIKE $4)'; END IF;
		IF p_from IS NOT NULL THEN v_where := v_where || ' AND a.at >= $5::timestamp AT TIME ZONE ''Europe/Amsterdam'''; END IF;
		IF p_to IS NOT NULL THEN v_where := v_where || ' AND a.at < ($6 + 1)::timestamp AT TIME ZONE ''Europe/Amsterdam'''; END IF;
		IF p_object_type IS NOT NULL THEN v_where := v_where || ' AND a.object_type = $7'; END IF;
		IF p_object_id IS NOT NULL THEN v_where := v_where || ' AND a.object_id = $8'; END IF;
		IF p_result IS NOT NULL THEN v_where := v_where || ' AND a.result = $9'; END IF;
		IF p_after_at IS NOT NULL THEN v_where := v_where || ' AND (a.at, a.id) < ($10, $11)'; END IF;
		RETURN QUERY EXECUTE
			'SELECT a.id, a.at, to_char(a.at AT TIME ZONE ''UTC'', ''YYYY-MM-DD"T"HH24:MI:SS.US"Z"''), a.tenant_id, t.name, a.actor_user_id, u.name, u.email,
				a.action, a.object_type, a.object_id, a.result, a.origin, a.request_id, a.before, a.after,
				a.occurrences, a.first_seen_at, a.last_seen_at
			FROM audit_log a
			LEFT JOIN tenants t ON t.id = a.tenant_id
			LEFT JOIN users u ON u.id = a.actor_user_id
			WHERE true' || v_where || '
			ORDER BY a.at DESC NULLS LAST, a.id DESC NULLS LAST
			LIMIT $12'
			USING v_tenant, v_who, p_action, v_group, p_from, p_to, p_object_type, p_object_id, p_result, p_after_at, coalesce(p_after_id, 0),
				least(greatest(p_limit, 1), 10001);
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_trail_page(uuid, text, text, date, date, text, text, text, timestamptz, bigint, int) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_trail_page(uuid, text, text, date, date, text, text, text, timestamptz, bigint, int) TO leerplein_app;
