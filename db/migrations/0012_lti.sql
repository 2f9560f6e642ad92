CREATE TABLE "lti_line_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"tool_id" uuid NOT NULL,
	"resource_link_id" uuid,
	"label" text NOT NULL,
	"score_maximum" double precision NOT NULL,
	"resource_id" text,
	"tag" text,
	"start_date_time" timestamp with time zone,
	"end_date_time" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_line_items_maximum_positive" CHECK ("lti_line_items"."score_maximum" > 0)
);
--> statement-breakpoint
ALTER TABLE "lti_line_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_message_states" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"tool_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"resource_link_id" uuid,
	"user_id" uuid NOT NULL,
	"deployment_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lti_message_states" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_platform_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lti_platform_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_registration_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"tool_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lti_registration_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_resource_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"tool_id" uuid NOT NULL,
	"deployment_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"target_link_uri" text,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pass_mark_percent" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_resource_links_pass_mark" CHECK ("lti_resource_links"."pass_mark_percent" is null or "lti_resource_links"."pass_mark_percent" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "lti_resource_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_results" (
	"line_item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tool_id" uuid NOT NULL,
	"score_given" double precision,
	"score_maximum" double precision,
	"activity_progress" text NOT NULL,
	"grading_progress" text NOT NULL,
	"comment" text,
	"scored_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_results_line_item_id_user_id_pk" PRIMARY KEY("line_item_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "lti_results" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_tools" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"client_id" text NOT NULL,
	"deployment_ids" text[] NOT NULL,
	"login_url" text NOT NULL,
	"target_link_uri" text NOT NULL,
	"deep_linking_url" text,
	"redirect_uris" text[] NOT NULL,
	"jwks_url" text,
	"public_jwk" jsonb,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"share_name" boolean DEFAULT false NOT NULL,
	"share_email" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"registered_via" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_tools_clientId_unique" UNIQUE("client_id"),
	CONSTRAINT "lti_tools_has_keys" CHECK ("lti_tools"."jwks_url" is not null or "lti_tools"."public_jwk" is not null),
	CONSTRAINT "lti_tools_has_deployment" CHECK (cardinality("lti_tools"."deployment_ids") > 0),
	CONSTRAINT "lti_tools_has_redirect" CHECK (cardinality("lti_tools"."redirect_uris") > 0)
);
--> statement-breakpoint
ALTER TABLE "lti_tools" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lti_used_token_ids" (
	"tool_id" uuid NOT NULL,
	"token_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lti_used_token_ids_tool_id_token_id_pk" PRIMARY KEY("tool_id","token_id")
);
--> statement-breakpoint
ALTER TABLE "lti_used_token_ids" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lti_line_items" ADD CONSTRAINT "lti_line_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_line_items" ADD CONSTRAINT "lti_line_items_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_line_items" ADD CONSTRAINT "lti_line_items_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_line_items" ADD CONSTRAINT "lti_line_items_resource_link_id_lti_resource_links_id_fk" FOREIGN KEY ("resource_link_id") REFERENCES "public"."lti_resource_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_message_states" ADD CONSTRAINT "lti_message_states_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_message_states" ADD CONSTRAINT "lti_message_states_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_message_states" ADD CONSTRAINT "lti_message_states_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_message_states" ADD CONSTRAINT "lti_message_states_resource_link_id_lti_resource_links_id_fk" FOREIGN KEY ("resource_link_id") REFERENCES "public"."lti_resource_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_message_states" ADD CONSTRAINT "lti_message_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_registration_tokens" ADD CONSTRAINT "lti_registration_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_registration_tokens" ADD CONSTRAINT "lti_registration_tokens_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD CONSTRAINT "lti_resource_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_results" ADD CONSTRAINT "lti_results_line_item_id_lti_line_items_id_fk" FOREIGN KEY ("line_item_id") REFERENCES "public"."lti_line_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_results" ADD CONSTRAINT "lti_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_results" ADD CONSTRAINT "lti_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_results" ADD CONSTRAINT "lti_results_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_used_token_ids" ADD CONSTRAINT "lti_used_token_ids_tool_id_lti_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."lti_tools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lti_line_items_tool_id_course_id_created_at_index" ON "lti_line_items" USING btree ("tool_id","course_id","created_at");--> statement-breakpoint
CREATE INDEX "lti_line_items_resource_link_id_index" ON "lti_line_items" USING btree ("resource_link_id");--> statement-breakpoint
CREATE INDEX "lti_message_states_expires_at_index" ON "lti_message_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "lti_resource_links_course_id_index" ON "lti_resource_links" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "lti_resource_links_tenant_id_tool_id_index" ON "lti_resource_links" USING btree ("tenant_id","tool_id");--> statement-breakpoint
CREATE INDEX "lti_results_user_id_index" ON "lti_results" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "lti_used_token_ids_expires_at_index" ON "lti_used_token_ids" USING btree ("expires_at");--> statement-breakpoint
CREATE POLICY "lti_line_items_own_unit" ON "lti_line_items" AS PERMISSIVE FOR ALL TO public USING ("lti_line_items"."tenant_id" = app_tenant_id()) WITH CHECK ("lti_line_items"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "lti_line_items_own_tool_only" ON "lti_line_items" AS RESTRICTIVE FOR ALL TO public USING (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_line_items"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid) WITH CHECK (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_line_items"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "lti_registration_tokens_concern_admin" ON "lti_registration_tokens" AS PERMISSIVE FOR ALL TO public USING (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin')) WITH CHECK (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin'));--> statement-breakpoint
CREATE POLICY "lti_resource_links_with_course" ON "lti_resource_links" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from courses c where c.id = "lti_resource_links"."course_id"));--> statement-breakpoint
CREATE POLICY "lti_resource_links_own_unit" ON "lti_resource_links" AS PERMISSIVE FOR ALL TO public USING ("lti_resource_links"."tenant_id" = app_tenant_id()) WITH CHECK ("lti_resource_links"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "lti_resource_links_own_tool_only" ON "lti_resource_links" AS RESTRICTIVE FOR ALL TO public USING (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_resource_links"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid) WITH CHECK (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_resource_links"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "lti_results_own_unit" ON "lti_results" AS PERMISSIVE FOR ALL TO public USING ("lti_results"."tenant_id" = app_tenant_id()) WITH CHECK ("lti_results"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "lti_results_self" ON "lti_results" AS PERMISSIVE FOR SELECT TO public USING ("lti_results"."user_id" = app_user_id());--> statement-breakpoint
CREATE POLICY "lti_results_own_tool_only" ON "lti_results" AS RESTRICTIVE FOR ALL TO public USING (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_results"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid) WITH CHECK (nullif(current_setting('app.lti_tool_id', true), '')::uuid is null or "lti_results"."tool_id" = nullif(current_setting('app.lti_tool_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "lti_tools_public_read" ON "lti_tools" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "lti_tools_concern_admin" ON "lti_tools" AS PERMISSIVE FOR ALL TO public USING (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin')) WITH CHECK (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin'));