-- The second wall, part 3 (ADR 024): the SECURITY DEFINER functions that still took made-up values
-- from SQL run as leerplein_app now take a claim the portal signed with the context key, like those
-- of migration 0028. Without it, such SQL could fill another address's sign-in limit (lock them
-- out), spend a tool's token id or nonce before the tool does, plant a sign-in attempt or a launch
-- or Deep Linking state of its own choosing (a Deep Linking request into another unit's course),
-- or end every session at once with a far-future "now". The claim binds every argument.

-- How a claim spells a moment: milliseconds since the epoch, as the portal's Date.getTime() (the
-- portal passes toISOString(), which keeps milliseconds); '' for NULL; the text of ±infinity,
-- which no portal claim contains, rather than an error.
CREATE OR REPLACE FUNCTION app_claim_moment(moment timestamptz) RETURNS text
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$ SELECT CASE WHEN moment IS NULL THEN '' WHEN isfinite(moment) THEN floor(extract(epoch FROM moment) * 1000)::bigint::text
		ELSE moment::text END $$;
--> statement-breakpoint
DROP FUNCTION rate_limit_hit(text, integer, integer, timestamptz);
--> statement-breakpoint
-- As migration 0007, behind a claim 'rate-limit|key|window|max|moment'.
CREATE OR REPLACE FUNCTION rate_limit_hit(limit_key text, window_seconds integer, max_hits integer, moment timestamptz,
	claim_expires_ms bigint, claim_mac text)
	RETURNS TABLE (allowed boolean, retry_after_seconds integer)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		counted rate_limits;
	BEGIN
		IF NOT app_verify_claim(concat_ws('|', 'rate-limit', coalesce(limit_key, ''), coalesce(window_seconds::text, ''),
				coalesce(max_hits::text, ''), app_claim_moment(moment)), claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'rate limit refused: unsigned' USING ERRCODE = '28000';
		END IF;
		INSERT INTO rate_limits AS r (key, window_started_at, hits) VALUES (limit_key, moment, 1)
		ON CONFLICT (key) DO UPDATE SET
			window_started_at = CASE WHEN r.window_started_at <= moment - make_interval(secs => window_seconds) THEN moment ELSE r.window_started_at END,
			hits = CASE WHEN r.window_started_at <= moment - make_interval(secs => window_seconds) THEN 1 ELSE r.hits + 1 END
		RETURNING * INTO counted;
		IF random() < 0.01 THEN
			DELETE FROM rate_limits WHERE window_started_at < moment - interval '1 day';
		END IF;
		RETURN QUERY SELECT counted.hits <= max_hits,
			greatest(1, ceil(extract(epoch FROM counted.window_started_at + make_interval(secs => window_seconds) - moment)))::integer;
	END
	$$;
--> statement-breakpoint
DROP FUNCTION lti_use_token_id(uuid, text, timestamptz);
--> statement-breakpoint
-- As migration 0013, behind a claim 'token-id|tool|token|expires'.
CREATE OR REPLACE FUNCTION lti_use_token_id(tool uuid, token text, expires timestamptz, claim_expires_ms bigint, claim_mac text) RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim(concat_ws('|', 'token-id', coalesce(tool::text, ''), coalesce(token, ''), app_claim_moment(expires)),
				claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'token id refused: unsigned' USING ERRCODE = '28000';
		END IF;
		DELETE FROM lti_used_token_ids WHERE expires_at < now() - interval '5 minutes';
		INSERT INTO lti_used_token_ids (tool_id, token_id, expires_at) VALUES (tool, token, expires) ON CONFLICT DO NOTHING;
		RETURN FOUND;
	END $$;
--> statement-breakpoint
DROP FUNCTION auth_insert_sso_attempt(text, uuid, text, text, text, text, text, timestamptz);
--> statement-breakpoint
-- As migration 0009, behind a claim 'sso-attempt|hash|tenant|state|nonce|verifier|redirect|return|expires'.
CREATE OR REPLACE FUNCTION auth_insert_sso_attempt(
	attempt_hash text, tenant uuid, state_digest text, nonce_value text, verifier text,
	redirect text, return_path text, expires timestamptz, claim_expires_ms bigint, claim_mac text
) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim(concat_ws('|', 'sso-attempt', coalesce(attempt_hash, ''), coalesce(tenant::text, ''), coalesce(state_digest, ''),
				coalesce(nonce_value, ''), coalesce(verifier, ''), coalesce(redirect, ''), coalesce(return_path, ''), app_claim_moment(expires)),
				claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'sign-in attempt refused: unsigned' USING ERRCODE = '28000';
		END IF;
		DELETE FROM sso_login_attempts WHERE expires_at < now();
		INSERT INTO sso_login_attempts (id, tenant_id, state_hash, nonce, code_verifier, redirect_uri, return_to, expires_at)
		VALUES (attempt_hash, tenant, state_digest, nonce_value, verifier, redirect, return_path, expires);
	END $$;
--> statement-breakpoint
DROP FUNCTION lti_insert_message_state(text, text, uuid, uuid, uuid, uuid, uuid, text, timestamptz);
--> statement-breakpoint
-- As migration 0013, behind a claim 'message-state|hash|kind|tool|tenant|course|link|person|deployment|expires'.
CREATE OR REPLACE FUNCTION lti_insert_message_state(
	state_hash text, state_kind text, tool uuid, tenant uuid, course uuid, link uuid, person uuid, deployment text, expires timestamptz,
	claim_expires_ms bigint, claim_mac text
) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim(concat_ws('|', 'message-state', coalesce(state_hash, ''), coalesce(state_kind, ''), coalesce(tool::text, ''),
				coalesce(tenant::text, ''), coalesce(course::text, ''), coalesce(link::text, ''), coalesce(person::text, ''),
				coalesce(deployment, ''), app_claim_moment(expires)), claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'message state refused: unsigned' USING ERRCODE = '28000';
		END IF;
		DELETE FROM lti_message_states WHERE expires_at < now();
		INSERT INTO lti_message_states (id, kind, tool_id, tenant_id, course_id, resource_link_id, user_id, deployment_id, expires_at)
		VALUES (state_hash, state_kind, tool, tenant, course, link, person, deployment, expires);
	END $$;
--> statement-breakpoint
DROP FUNCTION auth_delete_expired_sessions(timestamptz);
--> statement-breakpoint
-- As migration 0005, behind a claim 'expired-sessions|moment': a made-up moment far ahead would end every session.
CREATE OR REPLACE FUNCTION auth_delete_expired_sessions(moment timestamptz, claim_expires_ms bigint, claim_mac text) RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		deleted integer;
	BEGIN
		IF NOT app_verify_claim('expired-sessions|' || app_claim_moment(moment), claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'session housekeeping refused: unsigned' USING ERRCODE = '28000';
		END IF;
		DELETE FROM auth_sessions WHERE expires_at <= moment OR absolute_expires_at <= moment;
		GET DIAGNOSTICS deleted = ROW_COUNT;
		RETURN deleted;
	END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION
	rate_limit_hit(text, integer, integer, timestamptz, bigint, text),
	lti_use_token_id(uuid, text, timestamptz, bigint, text),
	auth_insert_sso_attempt(text, uuid, text, text, text, text, text, timestamptz, bigint, text),
	lti_insert_message_state(text, text, uuid, uuid, uuid, uuid, uuid, text, timestamptz, bigint, text),
	auth_delete_expired_sessions(timestamptz, bigint, text)
	FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION
	rate_limit_hit(text, integer, integer, timestamptz, bigint, text),
	lti_use_token_id(uuid, text, timestamptz, bigint, text),
	auth_insert_sso_attempt(text, uuid, text, text, text, text, text, timestamptz, bigint, text),
	lti_insert_message_state(text, text, uuid, uuid, uuid, uuid, uuid, text, timestamptz, bigint, text),
	auth_delete_expired_sessions(timestamptz, bigint, text)
	TO leerplein_app;
