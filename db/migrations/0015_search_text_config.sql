-- Dutch text without accents, for catalogue search (issue 4, ADR 010) and for duplicate
-- detection, which may reuse both. unaccent() itself is only STABLE (its dictionary could be
-- changed), so indexes and stored documents go through these two fixed forms.

-- unaccent with its dictionary named explicitly, so the result depends on the argument alone.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint

-- The dutch configuration, with accents removed before stemming: "coördinator" and
-- "coordinator" become one lexeme. ASCII words need no unaccent and keep dutch's mapping.
DO $$
BEGIN
	CREATE TEXT SEARCH CONFIGURATION public.dutch_unaccent (COPY = pg_catalog.dutch);
EXCEPTION WHEN unique_violation OR duplicate_object THEN
	NULL;
END
$$;
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.dutch_unaccent
	ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.dutch_stem;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION f_unaccent(text) TO leerplein_app;
