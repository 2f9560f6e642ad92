ALTER TABLE "tenant_sso_configs" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_sso_configs" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "tenant_sso_configs" ADD CONSTRAINT "tenant_sso_configs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_sso_configs_concern_admin" ON "tenant_sso_configs" AS PERMISSIVE FOR ALL TO public USING (exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin')) WITH CHECK (exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin'));--> statement-breakpoint
-- Each unit's provider is set on /beheer/inloggen (ADR 051): the portal may now write the table,
-- and the policy above lets only a verified concern administrator's context do so (read stays public).
-- Written by hand (drizzle-kit generates no grants); renumbered to 0067, another branch holds 0066.
GRANT INSERT, UPDATE, DELETE ON tenant_sso_configs TO leerplein_app;
