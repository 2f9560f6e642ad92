CREATE TABLE "session_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by_user_id" uuid,
	"times_changed" boolean NOT NULL,
	"place_changed" boolean NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"free_cancellation_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "free_cancellation_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "session_changes" ADD CONSTRAINT "session_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_changes" ADD CONSTRAINT "session_changes_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_changes" ADD CONSTRAINT "session_changes_session_same_unit" FOREIGN KEY ("session_id","tenant_id") REFERENCES "public"."sessions"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_changes_session_id_changed_at_index" ON "session_changes" USING btree ("session_id","changed_at");--> statement-breakpoint
CREATE POLICY "session_changes_with_session" ON "session_changes" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from sessions s where s.id = "session_changes"."session_id"));--> statement-breakpoint
CREATE POLICY "session_changes_own_unit" ON "session_changes" AS PERMISSIVE FOR ALL TO public USING ("session_changes"."tenant_id" = (select app_tenant_id())) WITH CHECK ("session_changes"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint

-- Hand-written below: what drizzle-kit does not generate (ADR 029).
GRANT SELECT, INSERT, UPDATE, DELETE ON session_changes TO leerplein_app;--> statement-breakpoint
ALTER TABLE session_changes FORCE ROW LEVEL SECURITY;
