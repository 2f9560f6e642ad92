CREATE TABLE "concern_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"po_defaults" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "concern_settings_one_row" CHECK ("concern_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "concern_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "concern_settings" ADD CONSTRAINT "concern_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "concern_settings_public_read" ON "concern_settings" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "concern_settings_concern_admin_update" ON "concern_settings" AS PERMISSIVE FOR UPDATE TO public USING (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin')) WITH CHECK (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin'));--> statement-breakpoint
-- Hand-written below (ADR 006): the grants, FORCE, and the first row, whose values are the
-- domain's CONCERN_DEFAULT_PO_SETTINGS. From here on the concern administrator edits them.
GRANT SELECT, UPDATE ON concern_settings TO leerplein_app;
--> statement-breakpoint
ALTER TABLE concern_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
INSERT INTO concern_settings (id, po_defaults) VALUES (1, '{"approval":{"mode":"above_price","thresholdCents":50000},"approvers":"manager","yearlyBudgetCents":150000,"budgetExceeded":"require_approval","costCentreRequired":false,"freeCancellationDays":14,"noShowPolicy":"warn","acceptsOtherUnits":true,"shareContactDetailsWithTools":false,"defaultLanguage":"nl","branding":{"primaryColor":"#154273","logoText":"Rijksoverheid"}}'::jsonb) ON CONFLICT (id) DO NOTHING;
