CREATE TABLE "search_query_stats" (
	"day" date NOT NULL,
	"query" text NOT NULL,
	"searches" integer DEFAULT 1 NOT NULL,
	"zero_results" integer DEFAULT 0 NOT NULL,
	"partial_matches" integer DEFAULT 0 NOT NULL,
	"last_result_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "search_query_stats_day_query_pk" PRIMARY KEY("day","query"),
	CONSTRAINT "search_query_stats_query_length" CHECK (length("search_query_stats"."query") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "search_query_stats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "search_query_stats_concern_admin_read" ON "search_query_stats" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin'));--> statement-breakpoint
-- hand-written below
-- Search analytics (ADR 037): concern-wide counts without personal data. Anyone who searches
-- (visitors too) counts through the function below only; the portal may read (the policy admits
-- only a concern administrator) and never write the table directly. FORCE like its neighbours.
ALTER TABLE search_query_stats FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON search_query_stats TO leerplein_app;
--> statement-breakpoint
-- Counts one search of `asked` (normalised, 1–100 characters) on `asked_day`: one statement, so
-- concurrent portal processes never lose a count.
CREATE OR REPLACE FUNCTION record_search_query(asked_day date, asked text, result_count integer, partial boolean)
	RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		INSERT INTO search_query_stats AS s (day, query, searches, zero_results, partial_matches, last_result_count)
		VALUES (asked_day, asked, 1, CASE WHEN result_count = 0 THEN 1 ELSE 0 END, CASE WHEN partial THEN 1 ELSE 0 END, result_count)
		ON CONFLICT (day, query) DO UPDATE SET
			searches = s.searches + 1,
			zero_results = s.zero_results + excluded.zero_results,
			partial_matches = s.partial_matches + excluded.partial_matches,
			last_result_count = excluded.last_result_count
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION record_search_query(date, text, integer, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION record_search_query(date, text, integer, boolean) TO leerplein_app;
