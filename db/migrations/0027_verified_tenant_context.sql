-- The second wall's tenant context (ADR 024). Until now every policy trusted app.tenant_id,
-- app.user_id and app.lti_tool_id, which any SQL run as leerplein_app can set for itself. Now
-- only app_enter_context() establishes a context, and only from claims MACed with a key the app
-- role cannot read; it binds what it established to this backend and this transaction with a
-- proof, and app_tenant_id() / app_user_id() / app_lti_tool_id() answer NULL unless the proof
-- matches. A forged or session-wide set_config therefore reads as "no context".

-- The key: 32 random bytes (from gen_random_uuid, PostgreSQL's strong random source, so no
-- pgcrypto is needed on PGlite), stored with its HMAC pads. Owner only: no grant, no policy.
-- The portal reads it as the owner at start (loadContextKey) and keeps it in memory.
CREATE TABLE app_context_key (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	key bytea NOT NULL,
	inner_pad bytea NOT NULL,
	outer_pad bytea NOT NULL
);
--> statement-breakpoint
ALTER TABLE app_context_key ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE app_context_key FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON app_context_key FROM PUBLIC;
--> statement-breakpoint
DO $$
DECLARE
	k bytea := sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8'));
	padded bytea;
	ipad bytea;
	opad bytea;
BEGIN
	padded := k || decode(repeat('00', 32), 'hex');
	ipad := padded;
	opad := padded;
	FOR i IN 0..63 LOOP
		ipad := set_byte(ipad, i, get_byte(padded, i) # 54);
		opad := set_byte(opad, i, get_byte(padded, i) # 92);
	END LOOP;
	INSERT INTO app_context_key (key, inner_pad, outer_pad) VALUES (k, ipad, opad);
END
$$;
--> statement-breakpoint
-- HMAC-SHA256 by hand (RFC 2104 with the stored pads), hex: the same as Node's createHmac('sha256', key).
-- Never granted to the app role: it would be a signing oracle.
CREATE OR REPLACE FUNCTION app_context_mac(message text) RETURNS text
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT encode(sha256(k.outer_pad || sha256(k.inner_pad || convert_to(message, 'UTF8'))), 'hex') FROM app_context_key k $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_context_mac(text) FROM PUBLIC;
--> statement-breakpoint
-- What the proof binds: this backend, this transaction (its start time, to the microsecond) and the context.
CREATE OR REPLACE FUNCTION app_context_binding(tenant text, person text, tool text) RETURNS text
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$ SELECT concat_ws('|', 'proof', pg_backend_pid()::text, (extract(epoch from now()) * 1000000)::bigint::text,
		coalesce(tenant, ''), coalesce(person, ''), coalesce(tool, '')) $$;
--> statement-breakpoint
-- The one setter. The portal MACs 'context|tenant|person|tool|expires_ms' (empty for NULL) with the key;
-- a claim that does not verify, or has expired, is an error. The settings are transaction-local.
CREATE OR REPLACE FUNCTION app_enter_context(tenant uuid, person uuid, tool uuid, expires_ms bigint, mac text) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		t text := coalesce(tenant::text, '');
		p text := coalesce(person::text, '');
		l text := coalesce(tool::text, '');
	BEGIN
		IF mac IS NULL OR expires_ms IS NULL
			OR app_context_mac(concat_ws('|', 'context', t, p, l, expires_ms::text)) IS DISTINCT FROM mac THEN
			RAISE EXCEPTION 'tenant context refused' USING ERRCODE = '28000';
		END IF;
		IF expires_ms < (extract(epoch from clock_timestamp()) * 1000)::bigint THEN
			RAISE EXCEPTION 'tenant context expired' USING ERRCODE = '28000';
		END IF;
		PERFORM set_config('app.tenant_id', t, true), set_config('app.user_id', p, true), set_config('app.lti_tool_id', l, true),
			set_config('app.context_proof', app_context_mac(app_context_binding(t, p, l)), true);
	END
	$$;
--> statement-breakpoint
-- Whether the settings were established by app_enter_context in this transaction, unchanged since.
CREATE OR REPLACE FUNCTION app_context_verified() RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT coalesce(nullif(current_setting('app.context_proof', true), '') = app_context_mac(app_context_binding(
		current_setting('app.tenant_id', true), current_setting('app.user_id', true), current_setting('app.lti_tool_id', true))), false) $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_enter_context(uuid, uuid, uuid, bigint, text), app_context_verified() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_enter_context(uuid, uuid, uuid, bigint, text), app_context_verified() TO leerplein_app;
--> statement-breakpoint
-- The context the policies and functions read: NULL unless verified. Policies call these as
-- sub-selects, so the proof is checked once per query.
CREATE OR REPLACE FUNCTION app_tenant_id() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT CASE WHEN app_context_verified() THEN nullif(current_setting('app.tenant_id', true), '')::uuid END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT CASE WHEN app_context_verified() THEN nullif(current_setting('app.user_id', true), '')::uuid END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_lti_tool_id() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT CASE WHEN app_context_verified() THEN nullif(current_setting('app.lti_tool_id', true), '')::uuid END $$;
--> statement-breakpoint
-- The score path entered the tool context with set_config; now it passes the portal's signed claim.
DROP FUNCTION lti_score_context(uuid, uuid, uuid, uuid, uuid);
--> statement-breakpoint
DROP FUNCTION lti_store_score(uuid, uuid, uuid, uuid, uuid, double precision, double precision, text, text, text, timestamptz, boolean, enrolment_status[], text, text);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_score_context(tenant uuid, tool uuid, course uuid, line_item uuid, person uuid, context_expires_ms bigint, context_mac text)
	RETURNS TABLE (pass_mark integer, course_form course_form, statuses enrolment_status[], scored_at timestamptz, completed_at timestamptz)
	LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan
	AS $$
	BEGIN
		PERFORM app_enter_context(tenant, NULL, tool, context_expires_ms, context_mac);
		RETURN QUERY
			SELECT l.pass_mark_percent, c.form, ARRAY(SELECT lti_enrolment_statuses(course, person)), r.scored_at, r.completed_at
			FROM lti_line_items i
			JOIN courses c ON c.id = i.course_id
			LEFT JOIN lti_resource_links l ON l.id = i.resource_link_id
			LEFT JOIN lti_results r ON r.line_item_id = i.id AND r.user_id = person
			WHERE i.id = line_item AND i.course_id = course;
	END
	$$;;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_store_score(
	tenant uuid, tool uuid, course uuid, line_item uuid, person uuid,
	score_given double precision, score_maximum double precision, activity_progress text, grading_progress text,
	score_comment text, score_at timestamptz, completes_part boolean, close_from enrolment_status[],
	audit_origin text, audit_request_id text, context_expires_ms bigint, context_mac text)
	RETURNS TABLE (stored boolean, completed_part boolean, completed_enrolments integer)
	LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan
	AS $$
	DECLARE
		first_completed_at timestamptz;
		closed integer := 0;
	BEGIN
		PERFORM app_enter_context(tenant, NULL, tool, context_expires_ms, context_mac);
		INSERT INTO lti_results AS r (line_item_id, user_id, tenant_id, tool_id, score_given, score_maximum, activity_progress,
			grading_progress, comment, scored_at, completed_at)
		VALUES (line_item, person, tenant, tool, score_given, score_maximum, activity_progress, grading_progress, score_comment, score_at,
			CASE WHEN completes_part THEN now() END)
		ON CONFLICT (line_item_id, user_id) DO UPDATE SET
			score_given = excluded.score_given, score_maximum = excluded.score_maximum, activity_progress = excluded.activity_progress,
			grading_progress = excluded.grading_progress, comment = excluded.comment, scored_at = excluded.scored_at,
			completed_at = coalesce(r.completed_at, excluded.completed_at), updated_at = now()
		WHERE r.scored_at < excluded.scored_at
		RETURNING r.completed_at INTO first_completed_at;
		IF NOT FOUND THEN
			RETURN QUERY SELECT false, false, 0;
			RETURN;
		END IF;
		-- now() is this transaction's start: equal only when this statement set the completion.
		IF first_completed_at IS DISTINCT FROM now() THEN
			RETURN QUERY SELECT true, false, 0;
			RETURN;
		END IF;
		IF cardinality(close_from) > 0 THEN
			SELECT count(*) INTO closed FROM lti_complete_enrolments(course, person, close_from);
		END IF;
		INSERT INTO audit_log (tenant_id, action, object_type, object_id, result, origin, request_id, after)
		VALUES (tenant, 'lti.online_part_completed', 'lti_line_item', line_item::text, 'success', audit_origin, audit_request_id,
			jsonb_build_object('toolId', tool, 'userId', person, 'scoreGiven', score_given, 'scoreMaximum', score_maximum, 'completedEnrolments', closed));
		RETURN QUERY SELECT true, true, closed;
	END
	$$;;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lti_score_context(uuid, uuid, uuid, uuid, uuid, bigint, text),
	lti_store_score(uuid, uuid, uuid, uuid, uuid, double precision, double precision, text, text, text, timestamptz, boolean, enrolment_status[], text, text, bigint, text)
	FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lti_score_context(uuid, uuid, uuid, uuid, uuid, bigint, text),
	lti_store_score(uuid, uuid, uuid, uuid, uuid, double precision, double precision, text, text, text, timestamptz, boolean, enrolment_status[], text, text, bigint, text)
	TO leerplein_app;
