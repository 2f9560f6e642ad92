-- Moodle over LTI 1.3 (ADR 014, 015), the parts drizzle-kit does not generate: FORCE, grants and
-- the narrow SECURITY DEFINER functions for the protocol steps that have no person or no unit.

ALTER TABLE lti_tools FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_resource_links FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_line_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_results FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_registration_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_message_states FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_used_token_ids FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_platform_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON lti_tools, lti_resource_links, lti_line_items TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON lti_results, lti_registration_tokens TO leerplein_app;
--> statement-breakpoint

-- The tool a service call acts for (set by withToolContext), or NULL.
CREATE OR REPLACE FUNCTION app_lti_tool_id() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('app.lti_tool_id', true), '')::uuid $$;
--> statement-breakpoint

-- Platform keys: the public halves are served as the JWKS, including keys retired within the
-- last two hours (the longest token they signed, an access token, lives one hour).
CREATE OR REPLACE FUNCTION lti_platform_public_keys() RETURNS TABLE (kid text, public_jwk jsonb)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT kid, public_jwk FROM lti_platform_keys
		WHERE retired_at IS NULL OR retired_at > now() - interval '2 hours' ORDER BY created_at DESC $$;
--> statement-breakpoint
-- The one key that signs: the portal reads it to sign and never shows, logs or audits it.
CREATE OR REPLACE FUNCTION lti_platform_signing_key() RETURNS TABLE (kid text, private_jwk jsonb)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT kid, private_jwk FROM lti_platform_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1 $$;
--> statement-breakpoint
-- First start: stores a key unless another process got there first (several portals may start at once).
CREATE OR REPLACE FUNCTION lti_insert_platform_key(key_id text, public_key jsonb, private_key jsonb) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		PERFORM pg_advisory_xact_lock(hashtext('lti_platform_keys'));
		IF NOT EXISTS (SELECT 1 FROM lti_platform_keys WHERE retired_at IS NULL) THEN
			INSERT INTO lti_platform_keys (kid, public_jwk, private_jwk) VALUES (key_id, public_key, private_key);
		END IF;
	END $$;
--> statement-breakpoint
-- Rotation: the new key signs from now on; the old one stays published until its tokens expired.
CREATE OR REPLACE FUNCTION lti_rotate_platform_key(key_id text, public_key jsonb, private_key jsonb) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		PERFORM pg_advisory_xact_lock(hashtext('lti_platform_keys'));
		DELETE FROM lti_platform_keys WHERE retired_at < now() - interval '2 hours';
		UPDATE lti_platform_keys SET retired_at = now() WHERE retired_at IS NULL;
		INSERT INTO lti_platform_keys (kid, public_jwk, private_jwk) VALUES (key_id, public_key, private_key);
	END $$;
--> statement-breakpoint

-- One-time protocol state: a launch's message hint and a Deep Linking request's data.
CREATE OR REPLACE FUNCTION lti_insert_message_state(
	state_hash text, state_kind text, tool uuid, tenant uuid, course uuid, link uuid, person uuid, deployment text, expires timestamptz
) RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		DELETE FROM lti_message_states WHERE expires_at < now();
		INSERT INTO lti_message_states (id, kind, tool_id, tenant_id, course_id, resource_link_id, user_id, deployment_id, expires_at)
		VALUES (state_hash, state_kind, tool, tenant, course, link, person, deployment, expires);
	$$;
--> statement-breakpoint
-- Taken at first use, whatever happens next, so a hint or a data value never serves twice.
CREATE OR REPLACE FUNCTION lti_take_message_state(state_hash text, state_kind text) RETURNS SETOF lti_message_states
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ DELETE FROM lti_message_states WHERE id = state_hash AND kind = state_kind RETURNING * $$;
--> statement-breakpoint
-- Records a client assertion's jti (or a response's nonce); false when the tool used it before.
CREATE OR REPLACE FUNCTION lti_use_token_id(tool uuid, token text, expires timestamptz) RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		DELETE FROM lti_used_token_ids WHERE expires_at < now() - interval '5 minutes';
		INSERT INTO lti_used_token_ids (tool_id, token_id, expires_at) VALUES (tool, token, expires) ON CONFLICT DO NOTHING;
		RETURN FOUND;
	END $$;
--> statement-breakpoint

-- A tool's service call names a course; it may act there only if one of its resources is linked
-- to that course. Returns the providing unit, whose context the call then runs in.
CREATE OR REPLACE FUNCTION lti_course_provider(tool uuid, course uuid) RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT c.provider_tenant_id FROM courses c
		WHERE c.id = course AND EXISTS (SELECT 1 FROM lti_resource_links l WHERE l.course_id = c.id AND l.tool_id = tool) $$;
--> statement-breakpoint
-- The predicates `(SELECT lti_tool_serves_course(…))` run once per call, not per row; `status NOT IN
-- ('declined', 'cancelled')` lets the partial unique index enrolments (session_id, user_id) find one
-- person's enrolments in a course's sessions without scanning the session's participants.
-- Participants come from every unit (and sessions of a merged course may be run by several), so
-- the tool context reads them here: only for a course its own resources are linked to.
CREATE OR REPLACE FUNCTION lti_tool_serves_course(course uuid) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT app_lti_tool_id() IS NOT NULL AND EXISTS (
		SELECT 1 FROM lti_resource_links l WHERE l.course_id = course AND l.tool_id = app_lti_tool_id()) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_course_members(course uuid, statuses enrolment_status[])
	RETURNS TABLE (user_id uuid, tenant_id uuid, name text, email text, unit_overrides jsonb, status enrolment_status)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT DISTINCT ON (u.id) u.id, u.tenant_id, u.name, u.email, t.po_overrides, e.status
		FROM enrolments e
		JOIN sessions s ON s.id = e.session_id
		JOIN users u ON u.id = e.user_id
		JOIN tenants t ON t.id = u.tenant_id
		WHERE s.course_id = course AND e.status = ANY (statuses) AND (SELECT lti_tool_serves_course(course))
		ORDER BY u.id, e.updated_at DESC
	$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_enrolment_statuses(course uuid, person uuid) RETURNS SETOF enrolment_status
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT e.status FROM sessions s JOIN enrolments e ON e.session_id = s.id
		WHERE s.course_id = course AND e.user_id = person AND e.status NOT IN ('declined', 'cancelled')
			AND (SELECT lti_tool_serves_course(course)) $$;
--> statement-breakpoint
-- A completed online part closes the person's enrolment(s) in the course that are in one of the
-- statuses the domain allows (completesEnrolment); returns what it closed, for the audit log.
CREATE OR REPLACE FUNCTION lti_complete_enrolments(course uuid, person uuid, from_statuses enrolment_status[])
	RETURNS TABLE (enrolment_id uuid, tenant_id uuid, previous_status enrolment_status)
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		WITH closing AS (
			SELECT e.id, e.tenant_id, e.status FROM sessions s JOIN enrolments e ON e.session_id = s.id
			WHERE s.course_id = course AND e.user_id = person AND e.status NOT IN ('declined', 'cancelled')
				AND e.status = ANY (from_statuses) AND (SELECT lti_tool_serves_course(course))
			FOR UPDATE OF e
		)
		UPDATE enrolments e SET status = 'completed', updated_at = now() FROM closing
		WHERE e.id = closing.id RETURNING e.id, e.tenant_id, closing.status
	$$;
--> statement-breakpoint

-- Dynamic Registration: a tool presents a one-time token before anyone is signed in. The token is
-- spent and the tool stored in one statement; NULL when the token is unknown, used or expired.
CREATE OR REPLACE FUNCTION lti_register_tool(token_hash text, tool jsonb) RETURNS uuid
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		new_id uuid;
	BEGIN
		UPDATE lti_registration_tokens SET used_at = now()
		WHERE id = token_hash AND used_at IS NULL AND expires_at > now();
		IF NOT FOUND THEN
			RETURN NULL;
		END IF;
		INSERT INTO lti_tools (id, name, client_id, deployment_ids, login_url, target_link_uri, deep_linking_url, redirect_uris,
			jwks_url, custom, scopes, share_name, share_email, registered_via)
		SELECT r.id, r.name, r.client_id, r.deployment_ids, r.login_url, r.target_link_uri, r.deep_linking_url, r.redirect_uris,
			r.jwks_url, coalesce(r.custom, '{}'), coalesce(r.scopes, '{}'), false, false, 'dynamic'
		FROM jsonb_populate_record(null::lti_tools, tool) r
		RETURNING id INTO new_id;
		UPDATE lti_registration_tokens SET tool_id = new_id WHERE id = token_hash;
		RETURN new_id;
	END $$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION
	lti_platform_public_keys(),
	lti_platform_signing_key(),
	lti_insert_platform_key(text, jsonb, jsonb),
	lti_rotate_platform_key(text, jsonb, jsonb),
	lti_insert_message_state(text, text, uuid, uuid, uuid, uuid, uuid, text, timestamptz),
	lti_take_message_state(text, text),
	lti_use_token_id(uuid, text, timestamptz),
	lti_course_provider(uuid, uuid),
	lti_tool_serves_course(uuid),
	lti_course_members(uuid, enrolment_status[]),
	lti_enrolment_statuses(uuid, uuid),
	lti_complete_enrolments(uuid, uuid, enrolment_status[]),
	lti_register_tool(text, jsonb)
	FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION
	lti_platform_public_keys(),
	lti_platform_signing_key(),
	lti_insert_platform_key(text, jsonb, jsonb),
	lti_rotate_platform_key(text, jsonb, jsonb),
	lti_insert_message_state(text, text, uuid, uuid, uuid, uuid, uuid, text, timestamptz),
	lti_take_message_state(text, text),
	lti_use_token_id(uuid, text, timestamptz),
	lti_course_provider(uuid, uuid),
	lti_tool_serves_course(uuid),
	lti_course_members(uuid, enrolment_status[]),
	lti_enrolment_statuses(uuid, uuid),
	lti_complete_enrolments(uuid, uuid, enrolment_status[]),
	lti_register_tool(text, jsonb)
	TO leerplein_app;
