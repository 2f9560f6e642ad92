CREATE TABLE "passport_person_summary" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"red" integer DEFAULT 0 NOT NULL,
	"orange" integer DEFAULT 0 NOT NULL,
	"green" integer DEFAULT 0 NOT NULL,
	"first_expiry" date,
	CONSTRAINT "passport_person_summary_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "passport_person_summary" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "passport_unit_counts" (
	"tenant_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"red" integer DEFAULT 0 NOT NULL,
	"orange" integer DEFAULT 0 NOT NULL,
	"green" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "passport_unit_counts_tenant_id_competency_id_pk" PRIMARY KEY("tenant_id","competency_id")
);
--> statement-breakpoint
ALTER TABLE "passport_unit_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "passport_person_summary" ADD CONSTRAINT "passport_person_summary_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_person_summary" ADD CONSTRAINT "passport_person_summary_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_unit_counts" ADD CONSTRAINT "passport_unit_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_unit_counts" ADD CONSTRAINT "passport_unit_counts_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "passport_person_summary_own_unit" ON "passport_person_summary" AS PERMISSIVE FOR ALL TO public USING ("passport_person_summary"."tenant_id" = (select app_tenant_id())) WITH CHECK ("passport_person_summary"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "passport_unit_counts_own_unit" ON "passport_unit_counts" AS PERMISSIVE FOR ALL TO public USING ("passport_unit_counts"."tenant_id" = (select app_tenant_id())) WITH CHECK ("passport_unit_counts"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below

-- Issue 15's matrix benchmarks (ADR 031, addendum on summaries): the unit matrix aggregated every
-- dot of the unit (~139,000) on every page for the urgency order and the counts per competency.
-- Both are now kept beside the dots, in the same transaction as any change of a dot, whatever
-- path wrote it (the settle step, the requirement screens, the nightly check, the seed).

-- The dots a statement changed, as (unit, person, competency, colour, +1 new / -1 old): a
-- transition table exists only for the events its trigger names, hence three branches. The counts
-- take only the unit's active people (as the matrix does); each person touched is counted again
-- from their own dots (at most one per competency), so the first expiry stays exact. Both upserts
-- walk their keys in order, so two statements never wait on each other in opposite orders.
-- SECURITY DEFINER: the portal's role reads the summaries but never writes them.
CREATE OR REPLACE FUNCTION passport_summaries_follow_status() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		changes jsonb;
	BEGIN
		IF TG_OP = 'INSERT' THEN
			SELECT jsonb_agg(jsonb_build_array(tenant_id, user_id, competency_id, status, 1)) INTO changes FROM new_rows;
		ELSIF TG_OP = 'DELETE' THEN
			SELECT jsonb_agg(jsonb_build_array(tenant_id, user_id, competency_id, status, -1)) INTO changes FROM old_rows;
		ELSE
			-- Only the dots whose colour, unit or expiry the statement changed.
			SELECT jsonb_agg(c) INTO changes FROM (
				SELECT jsonb_build_array(n.tenant_id, n.user_id, n.competency_id, n.status, 1) AS c
				FROM new_rows n JOIN old_rows o ON o.user_id = n.user_id AND o.competency_id = n.competency_id
				WHERE (n.status, n.tenant_id, n.valid_until, n.permanent) IS DISTINCT FROM (o.status, o.tenant_id, o.valid_until, o.permanent)
				UNION ALL
				SELECT jsonb_build_array(o.tenant_id, o.user_id, o.competency_id, o.status, -1)
				FROM new_rows n JOIN old_rows o ON o.user_id = n.user_id AND o.competency_id = n.competency_id
				WHERE (n.status, n.tenant_id, n.valid_until, n.permanent) IS DISTINCT FROM (o.status, o.tenant_id, o.valid_until, o.permanent)
			) moved;
		END IF;
		IF changes IS NULL THEN
			RETURN NULL;
		END IF;
		INSERT INTO passport_unit_counts AS k (tenant_id, competency_id, red, orange, green)
			SELECT d.tenant_id, d.competency_id, d.red, d.orange, d.green
			FROM (
				SELECT (r->>0)::uuid AS tenant_id, (r->>2)::uuid AS competency_id,
					coalesce(sum((r->>4)::integer) FILTER (WHERE r->>3 = 'red'), 0)::integer AS red,
					coalesce(sum((r->>4)::integer) FILTER (WHERE r->>3 = 'orange'), 0)::integer AS orange,
					coalesce(sum((r->>4)::integer) FILTER (WHERE r->>3 = 'green'), 0)::integer AS green
				FROM jsonb_array_elements(changes) AS r
				JOIN users u ON u.id = (r->>1)::uuid AND u.tenant_id = (r->>0)::uuid AND u.active
				GROUP BY 1, 2
			) d
			WHERE d.red <> 0 OR d.orange <> 0 OR d.green <> 0
			ORDER BY d.tenant_id, d.competency_id
			ON CONFLICT (tenant_id, competency_id) DO UPDATE SET red = k.red + excluded.red, orange = k.orange + excluded.orange, green = k.green + excluded.green;
		INSERT INTO passport_person_summary AS p (tenant_id, user_id, red, orange, green, first_expiry)
			SELECT t.tenant_id, t.user_id,
				count(s.status) FILTER (WHERE s.status = 'red')::integer,
				count(s.status) FILTER (WHERE s.status = 'orange')::integer,
				count(s.status) FILTER (WHERE s.status = 'green')::integer,
				min(s.valid_until) FILTER (WHERE s.status IN ('orange', 'green') AND NOT s.permanent)
			FROM (SELECT DISTINCT (r->>0)::uuid AS tenant_id, (r->>1)::uuid AS user_id FROM jsonb_array_elements(changes) AS r) t
			LEFT JOIN passport_status s ON s.user_id = t.user_id AND s.tenant_id = t.tenant_id
			GROUP BY t.tenant_id, t.user_id
			ORDER BY t.tenant_id, t.user_id
			ON CONFLICT (tenant_id, user_id) DO UPDATE SET red = excluded.red, orange = excluded.orange, green = excluded.green, first_expiry = excluded.first_expiry;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER passport_status_summaries_inserted AFTER INSERT ON passport_status
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION passport_summaries_follow_status();
--> statement-breakpoint
CREATE TRIGGER passport_status_summaries_updated AFTER UPDATE ON passport_status
	REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION passport_summaries_follow_status();
--> statement-breakpoint
CREATE TRIGGER passport_status_summaries_deleted AFTER DELETE ON passport_status
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION passport_summaries_follow_status();
--> statement-breakpoint
-- A person who leaves (or returns, or moves) takes their dots out of (into) their unit's counts.
CREATE OR REPLACE FUNCTION passport_unit_counts_follow_user() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		INSERT INTO passport_unit_counts AS k (tenant_id, competency_id, red, orange, green)
			SELECT d.tenant_id, d.competency_id,
				coalesce(sum(d.delta) FILTER (WHERE d.status = 'red'), 0)::integer,
				coalesce(sum(d.delta) FILTER (WHERE d.status = 'orange'), 0)::integer,
				coalesce(sum(d.delta) FILTER (WHERE d.status = 'green'), 0)::integer
			FROM (
				SELECT s.tenant_id, s.competency_id, s.status, -1 AS delta FROM passport_status s
				WHERE OLD.active AND s.user_id = OLD.id AND s.tenant_id = OLD.tenant_id
				UNION ALL
				SELECT s.tenant_id, s.competency_id, s.status, 1 FROM passport_status s
				WHERE NEW.active AND s.user_id = NEW.id AND s.tenant_id = NEW.tenant_id
			) d
			WHERE d.status IN ('red', 'orange', 'green')
			GROUP BY d.tenant_id, d.competency_id
			ORDER BY d.tenant_id, d.competency_id
			ON CONFLICT (tenant_id, competency_id) DO UPDATE SET red = k.red + excluded.red, orange = k.orange + excluded.orange, green = k.green + excluded.green;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER users_passport_unit_counts AFTER UPDATE OF active, tenant_id ON users
	FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
	EXECUTE FUNCTION passport_unit_counts_follow_user();
--> statement-breakpoint
-- The nightly check's second half: the context's unit's summaries counted again from its dots;
-- every row that differs is corrected, and their number returned (drift, expected 0). It only
-- restores what the dots say, so the portal's role may call it; it touches only its own unit.
CREATE OR REPLACE FUNCTION passport_repair_summaries() RETURNS integer
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		unit uuid := app_tenant_id();
		counts_fixed integer;
		people_fixed integer;
	BEGIN
		IF unit IS NULL THEN
			RAISE EXCEPTION 'passport summaries: no unit context' USING ERRCODE = '42501';
		END IF;
		WITH truth AS (
			SELECT s.competency_id,
				count(*) FILTER (WHERE s.status = 'red')::integer AS red,
				count(*) FILTER (WHERE s.status = 'orange')::integer AS orange,
				count(*) FILTER (WHERE s.status = 'green')::integer AS green
			FROM passport_status s JOIN users u ON u.id = s.user_id AND u.tenant_id = unit AND u.active
			WHERE s.tenant_id = unit
			GROUP BY s.competency_id
		), wrong AS (
			SELECT coalesce(t.competency_id, k.competency_id) AS competency_id, coalesce(t.red, 0) AS red, coalesce(t.orange, 0) AS orange, coalesce(t.green, 0) AS green
			FROM truth t FULL JOIN (SELECT * FROM passport_unit_counts WHERE tenant_id = unit) k ON k.competency_id = t.competency_id
			WHERE (coalesce(t.red, 0), coalesce(t.orange, 0), coalesce(t.green, 0)) IS DISTINCT FROM (coalesce(k.red, 0), coalesce(k.orange, 0), coalesce(k.green, 0))
		), fixed AS (
			INSERT INTO passport_unit_counts AS k (tenant_id, competency_id, red, orange, green)
			SELECT unit, w.competency_id, w.red, w.orange, w.green FROM wrong w ORDER BY w.competency_id
			ON CONFLICT (tenant_id, competency_id) DO UPDATE SET red = excluded.red, orange = excluded.orange, green = excluded.green
			RETURNING 1
		)
		SELECT count(*) INTO counts_fixed FROM fixed;
		WITH truth AS (
			SELECT s.user_id,
				count(*) FILTER (WHERE s.status = 'red')::integer AS red,
				count(*) FILTER (WHERE s.status = 'orange')::integer AS orange,
				count(*) FILTER (WHERE s.status = 'green')::integer AS green,
				min(s.valid_until) FILTER (WHERE s.status IN ('orange', 'green') AND NOT s.permanent) AS first_expiry
			FROM passport_status s WHERE s.tenant_id = unit
			GROUP BY s.user_id
		), wrong AS (
			SELECT coalesce(t.user_id, p.user_id) AS user_id, coalesce(t.red, 0) AS red, coalesce(t.orange, 0) AS orange, coalesce(t.green, 0) AS green, t.first_expiry
			FROM truth t FULL JOIN (SELECT * FROM passport_person_summary WHERE tenant_id = unit) p ON p.user_id = t.user_id
			WHERE (coalesce(t.red, 0), coalesce(t.orange, 0), coalesce(t.green, 0), t.first_expiry) IS DISTINCT FROM (coalesce(p.red, 0), coalesce(p.orange, 0), coalesce(p.green, 0), p.first_expiry)
		), fixed AS (
			INSERT INTO passport_person_summary AS p (tenant_id, user_id, red, orange, green, first_expiry)
			SELECT unit, w.user_id, w.red, w.orange, w.green, w.first_expiry FROM wrong w ORDER BY w.user_id
			ON CONFLICT (tenant_id, user_id) DO UPDATE SET red = excluded.red, orange = excluded.orange, green = excluded.green, first_expiry = excluded.first_expiry
			RETURNING 1
		)
		SELECT count(*) INTO people_fixed FROM fixed;
		RETURN counts_fixed + people_fixed;
	END
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION passport_repair_summaries() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION passport_repair_summaries() TO leerplein_app;
--> statement-breakpoint
INSERT INTO passport_unit_counts (tenant_id, competency_id, red, orange, green)
	SELECT s.tenant_id, s.competency_id,
		count(*) FILTER (WHERE s.status = 'red')::integer,
		count(*) FILTER (WHERE s.status = 'orange')::integer,
		count(*) FILTER (WHERE s.status = 'green')::integer
	FROM passport_status s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id AND u.active
	GROUP BY s.tenant_id, s.competency_id;
--> statement-breakpoint
INSERT INTO passport_person_summary (tenant_id, user_id, red, orange, green, first_expiry)
	SELECT s.tenant_id, s.user_id,
		count(*) FILTER (WHERE s.status = 'red')::integer,
		count(*) FILTER (WHERE s.status = 'orange')::integer,
		count(*) FILTER (WHERE s.status = 'green')::integer,
		min(s.valid_until) FILTER (WHERE s.status IN ('orange', 'green') AND NOT s.permanent)
	FROM passport_status s
	GROUP BY s.tenant_id, s.user_id;
--> statement-breakpoint
GRANT SELECT ON passport_person_summary, passport_unit_counts TO leerplein_app;
--> statement-breakpoint
ALTER TABLE passport_person_summary FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE passport_unit_counts FORCE ROW LEVEL SECURITY;
