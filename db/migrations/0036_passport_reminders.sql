CREATE TABLE "passport_reminders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"valid_until" date,
	"days_before" integer,
	"history_id" uuid,
	"manager_id" uuid,
	"reminded_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "passport_reminders_once" UNIQUE NULLS NOT DISTINCT("user_id","competency_id","kind","valid_until","days_before","history_id"),
	CONSTRAINT "passport_reminder_occasion" CHECK (("passport_reminders"."kind" = 'expiring' and "passport_reminders"."valid_until" is not null and "passport_reminders"."days_before" is not null and "passport_reminders"."history_id" is null) or ("passport_reminders"."kind" = 'turned_red' and "passport_reminders"."history_id" is not null and "passport_reminders"."valid_until" is null and "passport_reminders"."days_before" is null))
);
--> statement-breakpoint
ALTER TABLE "passport_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "passport_reminders" ADD CONSTRAINT "passport_reminders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_reminders" ADD CONSTRAINT "passport_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_reminders" ADD CONSTRAINT "passport_reminders_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_reminders" ADD CONSTRAINT "passport_reminders_history_id_passport_status_history_id_fk" FOREIGN KEY ("history_id") REFERENCES "public"."passport_status_history"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_reminders" ADD CONSTRAINT "passport_reminders_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "passport_reminders_tenant_id_reminded_on_index" ON "passport_reminders" USING btree ("tenant_id","reminded_on");--> statement-breakpoint
CREATE INDEX "passport_status_history_turned_red_index" ON "passport_status_history" USING btree ("tenant_id","changed_on") WHERE "passport_status_history"."to_status" = 'red';--> statement-breakpoint
CREATE POLICY "passport_reminders_own_unit" ON "passport_reminders" AS PERMISSIVE FOR ALL TO public USING ("passport_reminders"."tenant_id" = (select app_tenant_id())) WITH CHECK ("passport_reminders"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- The reminder ledger is append-only: the daily job inserts (ON CONFLICT DO NOTHING) and reads; nothing updates or deletes a reminder.
GRANT SELECT, INSERT ON passport_reminders TO leerplein_app;--> statement-breakpoint
ALTER TABLE passport_reminders FORCE ROW LEVEL SECURITY;
