CREATE TABLE "lti_part_completions" (
	"resource_link_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tool_id" uuid NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"source" text DEFAULT 'web_services' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_part_completions_resource_link_id_user_id_pk" PRIMARY KEY("resource_link_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "lti_part_completions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_tool_web_services" (
	"tool_id" uuid PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"token_ciphertext" text NOT NULL,
	"token_last_four" text NOT NULL,
	"issuer" text NOT NULL,
	"last_sync_at" timestamp with time zone,
	"last_sync_status" text,
	"last_sync_message" text,
	"last_sync_completed" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lti_tool_web_services" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD COLUMN "moodle_course_id" integer;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD COLUMN "moodle_activity_id" integer;--> statement-breakpoint
ALTER TABLE "lti_part_completions" ADD CONSTRAINT "lti_part_completions_resource_link_id_lti_resource_links_id_fk" FOREIGN KEY ("resource_link_id") REFERENCES "public"."lti_resource_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_part_completions" ADD CONSTRAINT "lti_part_completions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_part_completions" ADD CONSTRAINT "lti_part_completions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_part_completions" ADD CONSTRAINT "lti_part_completions_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_tool_web_services" ADD CONSTRAINT "lti_tool_web_services_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lti_part_completions_user_id_index" ON "lti_part_completions" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_moodle_activity" CHECK (("lti_resource_links"."moodle_course_id" is null) = ("lti_resource_links"."moodle_activity_id" is null));--> statement-breakpoint
CREATE POLICY "lti_part_completions_own_unit" ON "lti_part_completions" AS PERMISSIVE FOR ALL TO public USING ("lti_part_completions"."tenant_id" = app_tenant_id()) WITH CHECK ("lti_part_completions"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "lti_part_completions_self" ON "lti_part_completions" AS PERMISSIVE FOR SELECT TO public USING ("lti_part_completions"."user_id" = app_user_id());--> statement-breakpoint
CREATE POLICY "lti_part_completions_own_tool_only" ON "lti_part_completions" AS RESTRICTIVE FOR ALL TO public USING (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_part_completions"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid) WITH CHECK (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_part_completions"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "lti_tool_web_services_concern_admin" ON "lti_tool_web_services" AS PERMISSIVE FOR ALL TO public USING (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin')) WITH CHECK (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin'));--> statement-breakpoint
CREATE POLICY "lti_tool_web_services_own_tool" ON "lti_tool_web_services" AS PERMISSIVE FOR ALL TO public USING ("lti_tool_web_services"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid) WITH CHECK ("lti_tool_web_services"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid);--> statement-breakpoint
-- Hand-written (ADR 006, 014): FORCE, grants, and NRPS instructors.
ALTER TABLE lti_part_completions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lti_tool_web_services FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON lti_part_completions TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON lti_tool_web_services TO leerplein_app;
--> statement-breakpoint
-- NRPS: the course has no teachers of its own in the data model, so its instructors are the
-- coordinators of the providing unit; only for a tool that serves the course.
CREATE OR REPLACE FUNCTION lti_course_instructors(course uuid)
	RETURNS TABLE (user_id uuid, tenant_id uuid, name text, email text, unit_overrides jsonb)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT DISTINCT u.id, u.tenant_id, u.name, u.email, t.po_overrides
		FROM courses c
		JOIN role_assignments r ON r.tenant_id = c.provider_tenant_id AND r.role = 'coordinator'
		JOIN users u ON u.id = r.user_id
		JOIN tenants t ON t.id = u.tenant_id
		WHERE c.id = course AND u.active AND (SELECT lti_tool_serves_course(course))
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lti_course_instructors(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lti_course_instructors(uuid) TO leerplein_app;
