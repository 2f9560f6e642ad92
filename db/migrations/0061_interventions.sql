CREATE TABLE "intervention_measure_values" (
	"tenant_id" uuid NOT NULL,
	"intervention_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"month" date NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "intervention_measure_values_intervention_id_manager_id_month_pk" PRIMARY KEY("intervention_id","manager_id","month"),
	CONSTRAINT "intervention_measure_values_month" CHECK (extract(day from "intervention_measure_values"."month") = 1),
	CONSTRAINT "intervention_measure_values_value" CHECK ("intervention_measure_values"."value" = "intervention_measure_values"."value" and "intervention_measure_values"."value" not in ('Infinity'::float8, '-Infinity'::float8)),
	CONSTRAINT "intervention_measure_values_source" CHECK ("intervention_measure_values"."source" in ('csv', 'xapi'))
);
--> statement-breakpoint
ALTER TABLE "intervention_measure_values" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "intervention_teams" (
	"tenant_id" uuid NOT NULL,
	"intervention_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	CONSTRAINT "intervention_teams_intervention_id_manager_id_pk" PRIMARY KEY("intervention_id","manager_id")
);
--> statement-breakpoint
ALTER TABLE "intervention_teams" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "interventions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"course_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"first_month" date NOT NULL,
	"last_month" date NOT NULL,
	"months_before" smallint NOT NULL,
	"months_after" smallint NOT NULL,
	"measure_name" text NOT NULL,
	"better" text NOT NULL,
	"measure_source" text,
	"xapi_verb_id" text,
	"xapi_activity_prefix" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "interventions_name" CHECK (char_length("interventions"."name") between 1 and 200),
	CONSTRAINT "interventions_description" CHECK (char_length("interventions"."description") <= 2000),
	CONSTRAINT "interventions_measure_name" CHECK (char_length("interventions"."measure_name") between 1 and 200),
	CONSTRAINT "interventions_months" CHECK (extract(day from "interventions"."first_month") = 1 and extract(day from "interventions"."last_month") = 1 and "interventions"."last_month" >= "interventions"."first_month"),
	CONSTRAINT "interventions_windows" CHECK ("interventions"."months_before" between 1 and 24 and "interventions"."months_after" between 1 and 24),
	CONSTRAINT "interventions_better" CHECK ("interventions"."better" in ('lower', 'higher')),
	CONSTRAINT "interventions_source" CHECK ("interventions"."measure_source" is null or "interventions"."measure_source" in ('csv', 'xapi'))
);
--> statement-breakpoint
ALTER TABLE "interventions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "intervention_measure_values" ADD CONSTRAINT "intervention_measure_values_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_measure_values" ADD CONSTRAINT "intervention_measure_values_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_measure_values" ADD CONSTRAINT "intervention_measure_values_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_teams" ADD CONSTRAINT "intervention_teams_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_teams" ADD CONSTRAINT "intervention_teams_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_teams" ADD CONSTRAINT "intervention_teams_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interventions_tenant_id_first_month_index" ON "interventions" USING btree ("tenant_id","first_month");--> statement-breakpoint
CREATE POLICY "intervention_measure_values_own_unit" ON "intervention_measure_values" AS PERMISSIVE FOR ALL TO public USING ("intervention_measure_values"."tenant_id" = (select app_tenant_id())) WITH CHECK ("intervention_measure_values"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "intervention_teams_own_unit" ON "intervention_teams" AS PERMISSIVE FOR ALL TO public USING ("intervention_teams"."tenant_id" = (select app_tenant_id())) WITH CHECK ("intervention_teams"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "interventions_own_unit" ON "interventions" AS PERMISSIVE FOR ALL TO public USING ("interventions"."tenant_id" = (select app_tenant_id())) WITH CHECK ("interventions"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- Interventions (ADR 044). FORCE like every tenant table. A team row and a measure value belong
-- to an intervention and a manager of the same unit (the keys below, which drizzle cannot
-- declare). The portal records and edits an intervention, replaces its trained teams and its
-- measure as a whole; it never deletes an intervention (nothing saved is lost; its audit rows
-- tell who changed what).
ALTER TABLE interventions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE intervention_teams FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE intervention_measure_values FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE interventions ADD CONSTRAINT interventions_id_tenant_unique UNIQUE (id, tenant_id);--> statement-breakpoint
ALTER TABLE intervention_teams ADD CONSTRAINT intervention_teams_same_unit_fk FOREIGN KEY (intervention_id, tenant_id) REFERENCES interventions (id, tenant_id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE intervention_teams ADD CONSTRAINT intervention_teams_manager_unit_fk FOREIGN KEY (manager_id, tenant_id) REFERENCES users (id, tenant_id);--> statement-breakpoint
ALTER TABLE intervention_measure_values ADD CONSTRAINT intervention_measure_values_same_unit_fk FOREIGN KEY (intervention_id, tenant_id) REFERENCES interventions (id, tenant_id) ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE intervention_measure_values ADD CONSTRAINT intervention_measure_values_manager_unit_fk FOREIGN KEY (manager_id, tenant_id) REFERENCES users (id, tenant_id);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (name, course_id, description, first_month, last_month, months_before, months_after, measure_name, better, measure_source, xapi_verb_id, xapi_activity_prefix, updated_at) ON interventions TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON intervention_teams TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON intervention_measure_values TO leerplein_app;
