-- The second wall, part 2 (ADR 024): the SECURITY DEFINER functions that act for someone the
-- tenant context cannot name (before sign-in, or the platform itself) take a claim the portal
-- signed with the context key, binding their decisive arguments: creating a session for a person,
-- reading a person with their roles, and reading or replacing the platform's signing key.
-- SQL run as leerplein_app cannot make such a claim.

-- Whether `mac` is the key's HMAC of 'claim|expires_ms' and has not expired. Owner only.
CREATE OR REPLACE FUNCTION app_verify_claim(claim text, expires_ms bigint, mac text) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT coalesce(mac IS NOT NULL AND expires_ms IS NOT NULL
		AND expires_ms >= (extract(epoch from clock_timestamp()) * 1000)::bigint
		AND app_context_mac(claim || '|' || expires_ms::text) = mac, false) $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_verify_claim(text, bigint, text) FROM PUBLIC;
--> statement-breakpoint
DROP FUNCTION auth_insert_session(text, uuid, timestamptz, timestamptz, integer, text, text, timestamptz);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_insert_session(
	session_hash text, person uuid, idle_until timestamptz, absolute_until timestamptz,
	idle_seconds integer, ip text, agent text, created timestamptz, claim_expires_ms bigint, claim_mac text
) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim(concat_ws('|', 'session', session_hash, person::text), claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'session refused: unsigned' USING ERRCODE = '28000';
		END IF;
		INSERT INTO auth_sessions (id, user_id, expires_at, absolute_expires_at, idle_timeout_seconds, ip_address, user_agent, created_at)
		VALUES (session_hash, person, idle_until, absolute_until, idle_seconds, ip, agent, coalesce(created, now()));
	END
	$$;
--> statement-breakpoint
DROP FUNCTION auth_person(uuid);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_person(person uuid, claim_expires_ms bigint, claim_mac text)
	RETURNS TABLE (user_id uuid, tenant_id uuid, name text, email text, active boolean, grants jsonb)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT u.id, u.tenant_id, u.name, u.email, u.active,
			coalesce(jsonb_agg(jsonb_build_object('role', r.role, 'tenantId', r.tenant_id)) FILTER (WHERE r.id IS NOT NULL), '[]'::jsonb)
		FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id
		WHERE u.id = person AND app_verify_claim('person|' || person::text, claim_expires_ms, claim_mac)
		GROUP BY u.id
	$$;
--> statement-breakpoint
DROP FUNCTION lti_platform_signing_key();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_platform_signing_key(claim_expires_ms bigint, claim_mac text) RETURNS TABLE (kid text, private_jwk jsonb)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT kid, private_jwk FROM lti_platform_keys
		WHERE retired_at IS NULL AND app_verify_claim('platform-signing-key', claim_expires_ms, claim_mac)
		ORDER BY created_at DESC LIMIT 1 $$;
--> statement-breakpoint
DROP FUNCTION lti_insert_platform_key(text, jsonb, jsonb);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_insert_platform_key(key_id text, public_key jsonb, private_key jsonb, claim_expires_ms bigint, claim_mac text) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim('platform-key|' || key_id, claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'platform key refused: unsigned' USING ERRCODE = '28000';
		END IF;
		PERFORM pg_advisory_xact_lock(hashtext('lti_platform_keys'));
		IF NOT EXISTS (SELECT 1 FROM lti_platform_keys WHERE retired_at IS NULL) THEN
			INSERT INTO lti_platform_keys (kid, public_jwk, private_jwk) VALUES (key_id, public_key, private_key);
		END IF;
	END $$;
--> statement-breakpoint
DROP FUNCTION lti_rotate_platform_key(text, jsonb, jsonb);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_rotate_platform_key(key_id text, public_key jsonb, private_key jsonb, claim_expires_ms bigint, claim_mac text) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim('platform-key|' || key_id, claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'platform key refused: unsigned' USING ERRCODE = '28000';
		END IF;
		PERFORM pg_advisory_xact_lock(hashtext('lti_platform_keys'));
		DELETE FROM lti_platform_keys WHERE retired_at < now() - interval '2 hours';
		UPDATE lti_platform_keys SET retired_at = now() WHERE retired_at IS NULL;
		INSERT INTO lti_platform_keys (kid, public_jwk, private_jwk) VALUES (key_id, public_key, private_key);
	END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION
	auth_insert_session(text, uuid, timestamptz, timestamptz, integer, text, text, timestamptz, bigint, text),
	auth_person(uuid, bigint, text), lti_platform_signing_key(bigint, text),
	lti_insert_platform_key(text, jsonb, jsonb, bigint, text), lti_rotate_platform_key(text, jsonb, jsonb, bigint, text)
	FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION
	auth_insert_session(text, uuid, timestamptz, timestamptz, integer, text, text, timestamptz, bigint, text),
	auth_person(uuid, bigint, text), lti_platform_signing_key(bigint, text),
	lti_insert_platform_key(text, jsonb, jsonb, bigint, text), lti_rotate_platform_key(text, jsonb, jsonb, bigint, text)
	TO leerplein_app;
--> statement-breakpoint
DROP FUNCTION auth_sessions_of_user(uuid);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_sessions_of_user(person uuid, claim_expires_ms bigint, claim_mac text) RETURNS SETOF auth_sessions
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT * FROM auth_sessions WHERE user_id = person AND app_verify_claim('sessions-of|' || person::text, claim_expires_ms, claim_mac) $$;
--> statement-breakpoint
DROP FUNCTION auth_delete_sessions_of_user(uuid);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_delete_sessions_of_user(person uuid, claim_expires_ms bigint, claim_mac text) RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		deleted integer;
	BEGIN
		IF NOT app_verify_claim('sessions-of|' || person::text, claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'sign-out refused: unsigned' USING ERRCODE = '28000';
		END IF;
		DELETE FROM auth_sessions WHERE user_id = person;
		GET DIAGNOSTICS deleted = ROW_COUNT;
		RETURN deleted;
	END $$;
--> statement-breakpoint
DROP FUNCTION auth_user_id_by_email(text);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_user_id_by_email(address text, claim_expires_ms bigint, claim_mac text) RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT id FROM users WHERE email = lower(address) AND active
		AND app_verify_claim('user-by-email|' || address, claim_expires_ms, claim_mac) $$;
--> statement-breakpoint
DROP FUNCTION auth_user_id_by_employee_number(uuid, text);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_user_id_by_employee_number(tenant uuid, number text, claim_expires_ms bigint, claim_mac text) RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT id FROM users WHERE tenant_id = tenant AND employee_number = number AND active
		AND app_verify_claim('user-by-employee-number|' || tenant::text || '|' || number, claim_expires_ms, claim_mac) $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION auth_sessions_of_user(uuid, bigint, text), auth_delete_sessions_of_user(uuid, bigint, text),
	auth_user_id_by_email(text, bigint, text), auth_user_id_by_employee_number(uuid, text, bigint, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_sessions_of_user(uuid, bigint, text), auth_delete_sessions_of_user(uuid, bigint, text),
	auth_user_id_by_email(text, bigint, text), auth_user_id_by_employee_number(uuid, text, bigint, text) TO leerplein_app;
