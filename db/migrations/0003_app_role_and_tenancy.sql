-- Row-level security, part 1 (ADR 006): the role the portal runs as, the tenant context it
-- reads, the few SECURITY DEFINER functions that may look past a tenant, the grants, and FORCE
-- on every table. The policies themselves are declared beside their tables in src/schema/ and
-- generated into the next migration.

-- Roles belong to the whole server, not to one database, so this must be re-runnable in every
-- new database, including by migrations running in parallel (hence the caught unique_violation).
-- LOGIN is granted by operations (or the test harness), never here.
DO $$
BEGIN
	CREATE ROLE leerplein_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
	NULL;
END
$$;
--> statement-breakpoint

-- The tenant context, set per transaction with set_config(..., true). Missing or empty means
-- NULL, and NULL matches no row: the policies fail closed.
CREATE OR REPLACE FUNCTION app_tenant_id() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint

-- The audience policy needs "is this my unit's course?" while the course policy needs the
-- audiences: asking through RLS both ways would recurse, so this one question skips RLS.
CREATE OR REPLACE FUNCTION app_provides_course(course uuid) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT EXISTS (SELECT 1 FROM courses WHERE id = course AND provider_tenant_id = app_tenant_id()) $$;
--> statement-breakpoint

-- Free seats are public on a course page, but the enrolments behind them are private to the
-- employee's and the providing unit: hand out the count, never the rows.
CREATE OR REPLACE FUNCTION session_seats_taken(session uuid, seat_holding enrolment_status[]) RETURNS integer
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT count(*)::integer FROM enrolments WHERE session_id = session AND status = ANY (seat_holding) $$;
--> statement-breakpoint

-- Sign-in and session checks happen before any tenant is known, so the portal never touches
-- auth_sessions directly (RLS denies it) and reaches it only through these narrow functions.
CREATE OR REPLACE FUNCTION auth_session(session_hash text) RETURNS SETOF auth_sessions
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT * FROM auth_sessions WHERE id = session_hash $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_insert_session(
	session_hash text, person uuid, idle_until timestamptz, absolute_until timestamptz,
	idle_seconds integer, ip text, agent text, created timestamptz
) RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		INSERT INTO auth_sessions (id, user_id, expires_at, absolute_expires_at, idle_timeout_seconds, ip_address, user_agent, created_at)
		VALUES (session_hash, person, idle_until, absolute_until, idle_seconds, ip, agent, coalesce(created, now()))
	$$;
--> statement-breakpoint
-- Sliding never goes past the absolute lifetime, whatever the caller asks.
CREATE OR REPLACE FUNCTION auth_extend_session(session_hash text, idle_until timestamptz) RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ UPDATE auth_sessions SET expires_at = least(idle_until, absolute_expires_at) WHERE id = session_hash $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_delete_session(session_hash text) RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ DELETE FROM auth_sessions WHERE id = session_hash $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_delete_sessions_of_user(person uuid) RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ WITH deleted AS (DELETE FROM auth_sessions WHERE user_id = person RETURNING 1) SELECT count(*)::integer FROM deleted $$;
--> statement-breakpoint
-- Who is signed in, with all their roles: a person may hold roles in several units.
CREATE OR REPLACE FUNCTION auth_person(person uuid)
	RETURNS TABLE (user_id uuid, tenant_id uuid, name text, email text, active boolean, grants jsonb)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT u.id, u.tenant_id, u.name, u.email, u.active,
			coalesce(jsonb_agg(jsonb_build_object('role', r.role, 'tenantId', r.tenant_id)) FILTER (WHERE r.id IS NOT NULL), '[]'::jsonb)
		FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id
		WHERE u.id = person
		GROUP BY u.id
	$$;
--> statement-breakpoint
-- Demo personas and SSO find the person across all units by e-mail address.
CREATE OR REPLACE FUNCTION auth_user_id_by_email(address text) RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT id FROM users WHERE email = lower(address) AND active $$;
--> statement-breakpoint

-- Functions are executable by PUBLIC by default; the ones that skip RLS are for the portal only.
REVOKE ALL ON FUNCTION
	app_provides_course(uuid), session_seats_taken(uuid, enrolment_status[]), auth_session(text),
	auth_insert_session(text, uuid, timestamptz, timestamptz, integer, text, text, timestamptz),
	auth_extend_session(text, timestamptz), auth_delete_session(text), auth_delete_sessions_of_user(uuid),
	auth_person(uuid), auth_user_id_by_email(text)
	FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION
	app_provides_course(uuid), session_seats_taken(uuid, enrolment_status[]), auth_session(text),
	auth_insert_session(text, uuid, timestamptz, timestamptz, integer, text, text, timestamptz),
	auth_extend_session(text, timestamptz), auth_delete_session(text), auth_delete_sessions_of_user(uuid),
	auth_person(uuid), auth_user_id_by_email(text)
	TO leerplein_app;
--> statement-breakpoint

-- Table privileges: the policies decide which rows, these decide which verbs. Units and themes
-- are maintained by the migrator; the audit log is append-only; auth_sessions gets nothing.
GRANT USAGE ON SCHEMA public TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON tenants TO leerplein_app;
--> statement-breakpoint
GRANT SELECT ON themes TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
	job_profiles, users, role_assignments, courses, course_audiences, locations, sessions, enrolments
	TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO leerplein_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_log_id_seq TO leerplein_app;
--> statement-breakpoint

-- FORCE: the table owner obeys the policies too, so running the portal as the owner by mistake
-- does not switch isolation off (only superusers and BYPASSRLS roles, i.e. the migrator, skip them).
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE themes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE job_profiles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE role_assignments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE courses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE course_audiences FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE locations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE enrolments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE auth_sessions FORCE ROW LEVEL SECURITY;
