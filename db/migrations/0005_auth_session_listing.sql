-- A person's own sessions (the account page) and housekeeping of expired ones; like the other
-- auth_* functions these look past row-level security, narrowly (ADR 006, ADR 007).
CREATE OR REPLACE FUNCTION auth_sessions_of_user(person uuid) RETURNS SETOF auth_sessions
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT * FROM auth_sessions WHERE user_id = person $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_delete_expired_sessions(moment timestamptz) RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		WITH deleted AS (DELETE FROM auth_sessions WHERE expires_at <= moment OR absolute_expires_at <= moment RETURNING 1)
		SELECT count(*)::integer FROM deleted
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION auth_sessions_of_user(uuid), auth_delete_expired_sessions(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_sessions_of_user(uuid), auth_delete_expired_sessions(timestamptz) TO leerplein_app;
