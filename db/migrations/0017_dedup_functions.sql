-- Deduplication (issue 4, ADR 011), part 1: what the generated migration after this one needs.

-- f_unaccent(text), which the generated migration after this one needs, is defined by the
-- search migration 0015.

-- Is the signed-in person a concern administrator? Policies ask it, and role_assignments is
-- itself under RLS (own unit only), so this one question skips RLS.
CREATE OR REPLACE FUNCTION app_is_concern_admin() RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT EXISTS (SELECT 1 FROM role_assignments WHERE user_id = app_user_id() AND role = 'concern_admin') $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_is_concern_admin() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_is_concern_admin() TO leerplein_app;
