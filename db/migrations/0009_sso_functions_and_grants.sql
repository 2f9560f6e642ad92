-- Single sign-on (ADR 008), the parts drizzle-kit does not generate: FORCE, grants, and the
-- narrow SECURITY DEFINER functions for what happens before any tenant context (ADR 006).

-- A unit's provider config is public and read-only to the portal; only the migrator writes it.
GRANT SELECT ON tenant_sso_configs TO leerplein_app;
--> statement-breakpoint
ALTER TABLE tenant_sso_configs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Login attempts: no policy and no grant; the portal goes through the functions below.
ALTER TABLE sso_login_attempts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint

-- The person a unit's identity provider vouches for: the active employee with that number in
-- that unit, and nobody from another unit.
CREATE OR REPLACE FUNCTION auth_user_id_by_employee_number(tenant uuid, number text) RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT id FROM users WHERE tenant_id = tenant AND employee_number = number AND active $$;
--> statement-breakpoint

-- Starting a sign-in stores the attempt, and clears abandoned ones.
CREATE OR REPLACE FUNCTION auth_insert_sso_attempt(
	attempt_hash text, tenant uuid, state_digest text, nonce_value text, verifier text,
	redirect text, return_path text, expires timestamptz
) RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		DELETE FROM sso_login_attempts WHERE expires_at < now();
		INSERT INTO sso_login_attempts (id, tenant_id, state_hash, nonce, code_verifier, redirect_uri, return_to, expires_at)
		VALUES (attempt_hash, tenant, state_digest, nonce_value, verifier, redirect, return_path, expires);
	$$;
--> statement-breakpoint

-- The provider's answer takes the attempt: deleted on first use, whatever happens next, so a
-- state, nonce or code verifier never serves twice.
CREATE OR REPLACE FUNCTION auth_take_sso_attempt(attempt_hash text) RETURNS SETOF sso_login_attempts
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ DELETE FROM sso_login_attempts WHERE id = attempt_hash RETURNING * $$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION
	auth_user_id_by_employee_number(uuid, text),
	auth_insert_sso_attempt(text, uuid, text, text, text, text, text, timestamptz),
	auth_take_sso_attempt(text)
	FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION
	auth_user_id_by_employee_number(uuid, text),
	auth_insert_sso_attempt(text, uuid, text, text, text, text, text, timestamptz),
	auth_take_sso_attempt(text)
	TO leerplein_app;
