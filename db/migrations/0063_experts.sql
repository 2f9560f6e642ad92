CREATE TABLE "expert_competencies" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	CONSTRAINT "expert_competencies_user_id_competency_id_pk" PRIMARY KEY("user_id","competency_id")
);
--> statement-breakpoint
ALTER TABLE "expert_competencies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "expert_themes" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	CONSTRAINT "expert_themes_user_id_theme_id_pk" PRIMARY KEY("user_id","theme_id")
);
--> statement-breakpoint
ALTER TABLE "expert_themes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "experts" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"description" text NOT NULL,
	"contact" text NOT NULL,
	"paused_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experts_user_id_pk" PRIMARY KEY("user_id"),
	CONSTRAINT "experts_description_length" CHECK (char_length("experts"."description") between 1 and 500),
	CONSTRAINT "experts_contact_length" CHECK (char_length("experts"."contact") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "experts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "expert_competencies" ADD CONSTRAINT "expert_competencies_user_id_experts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."experts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_competencies" ADD CONSTRAINT "expert_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_themes" ADD CONSTRAINT "expert_themes_user_id_experts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."experts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_themes" ADD CONSTRAINT "expert_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_tenant_id_users_id_tenant_id_fk" FOREIGN KEY ("user_id","tenant_id") REFERENCES "public"."users"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_themes_theme_id_index" ON "expert_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "experts_tenant_id_index" ON "experts" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "expert_competencies_self" ON "expert_competencies" AS PERMISSIVE FOR ALL TO public USING ("expert_competencies"."tenant_id" = (select app_tenant_id()) and "expert_competencies"."user_id" = (select app_user_id())) WITH CHECK ("expert_competencies"."tenant_id" = (select app_tenant_id()) and "expert_competencies"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "expert_themes_self" ON "expert_themes" AS PERMISSIVE FOR ALL TO public USING ("expert_themes"."tenant_id" = (select app_tenant_id()) and "expert_themes"."user_id" = (select app_user_id())) WITH CHECK ("expert_themes"."tenant_id" = (select app_tenant_id()) and "expert_themes"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "experts_self" ON "experts" AS PERMISSIVE FOR ALL TO public USING ("experts"."tenant_id" = (select app_tenant_id()) and "experts"."user_id" = (select app_user_id())) WITH CHECK ("experts"."tenant_id" = (select app_tenant_id()) and "experts"."user_id" = (select app_user_id()));--> statement-breakpoint
-- hand-written below
-- The experts directory (issue 20, ADR 048). FORCE like every tenant table: only the person
-- themselves, in their own unit, reads and writes their entry (the `_self` policies above). Opting
-- out deletes the entry, its themes and competencies at once (ON DELETE CASCADE).
ALTER TABLE experts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE expert_themes FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE expert_competencies FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (description, contact, paused_at, updated_at), DELETE ON experts TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON expert_themes TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON expert_competencies TO leerplein_app;--> statement-breakpoint
-- A theme or competency row must be the same person's entry in the same unit.
ALTER TABLE expert_themes ADD CONSTRAINT expert_themes_tenant_fk FOREIGN KEY (user_id, tenant_id) REFERENCES users (id, tenant_id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE expert_competencies ADD CONSTRAINT expert_competencies_tenant_fk FOREIGN KEY (user_id, tenant_id) REFERENCES users (id, tenant_id) ON DELETE CASCADE;--> statement-breakpoint

-- The concern-wide directory: every signed-in person (a verified context with a person) reads the
-- available experts of every unit, and of each only what the directory publishes: name, unit,
-- themes, description, contact, and the declared competencies with whether the person's passport
-- shows each valid (green or orange). Nothing else of the person (no e-mail, employee number, job,
-- manager, other dots). Paused entries and inactive people are left out. SECURITY DEFINER because
-- the entries, the people and their passports are unit-private under forced RLS; the columns are
-- decided here, once. `p_query` is the catalogue's tsquery (dutch_unaccent, synonyms) or null;
-- the document is built per call (name and themes A, competencies B, description C, unit D):
-- a few thousand entries at most, no index to keep in step with renamed themes.
CREATE OR REPLACE FUNCTION expert_directory(p_query tsquery, p_theme uuid, p_unit uuid, p_limit integer, p_offset integer)
	RETURNS TABLE (
		user_id uuid, name text, unit_name text, unit_slug text, description text, contact text,
		themes jsonb, competencies jsonb, rank real, total bigint
	)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		WITH listed AS (
			SELECT e.user_id, u.name, t.name AS unit_name, t.slug AS unit_slug, e.description, e.contact,
				coalesce((SELECT jsonb_agg(jsonb_build_object('slug', th.slug, 'nameNl', th.name_nl, 'nameEn', th.name_en) ORDER BY th.name_nl)
					FROM expert_themes et JOIN themes th ON th.id = et.theme_id WHERE et.user_id = e.user_id), '[]'::jsonb) AS themes,
				coalesce((SELECT jsonb_agg(jsonb_build_object('name', c.name, 'verified', EXISTS (
						SELECT 1 FROM passport_status ps WHERE ps.user_id = e.user_id AND ps.tenant_id = e.tenant_id
							AND ps.competency_id = c.id AND ps.status IN ('green', 'orange')))
					ORDER BY c.name)
					FROM expert_competencies ec JOIN competencies c ON c.id = ec.competency_id WHERE ec.user_id = e.user_id), '[]'::jsonb) AS competencies,
				setweight(to_tsvector('public.dutch_unaccent', u.name), 'A')
				|| setweight(to_tsvector('public.dutch_unaccent', coalesce((SELECT string_agg(th.name_nl || ' ' || th.name_en, ' ')
					FROM expert_themes et JOIN themes th ON th.id = et.theme_id WHERE et.user_id = e.user_id), '')), 'A')
				|| setweight(to_tsvector('public.dutch_unaccent', coalesce((SELECT string_agg(c.name, ' ')
					FROM expert_competencies ec JOIN competencies c ON c.id = ec.competency_id WHERE ec.user_id = e.user_id), '')), 'B')
				|| setweight(to_tsvector('public.dutch_unaccent', e.description), 'C')
				|| setweight(to_tsvector('public.dutch_unaccent', t.name || ' ' || t.short_name), 'D') AS document
			FROM experts e
			JOIN users u ON u.id = e.user_id AND u.tenant_id = e.tenant_id
			JOIN tenants t ON t.id = e.tenant_id
			WHERE app_user_id() IS NOT NULL AND app_tenant_id() IS NOT NULL
				AND e.paused_at IS NULL AND u.active
				AND (p_unit IS NULL OR e.tenant_id = p_unit)
				AND (p_theme IS NULL OR EXISTS (SELECT 1 FROM expert_themes et WHERE et.user_id = e.user_id AND et.theme_id = p_theme))
		), matched AS (
			SELECT l.*, CASE WHEN p_query IS NULL THEN 0 ELSE ts_rank(l.document, p_query) END AS rank
			FROM listed l
			WHERE p_query IS NULL OR l.document @@ p_query
		)
		SELECT m.user_id, m.name, m.unit_name, m.unit_slug, m.description, m.contact, m.themes, m.competencies, m.rank::real, count(*) OVER ()
		FROM matched m
		ORDER BY m.rank DESC, m.name, m.user_id
		LIMIT least(greatest(p_limit, 0), 100) OFFSET greatest(p_offset, 0)
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION expert_directory(tsquery, uuid, uuid, integer, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION expert_directory(tsquery, uuid, uuid, integer, integer) TO leerplein_app;
