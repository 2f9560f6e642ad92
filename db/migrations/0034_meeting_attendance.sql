CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"registered_by_user_id" uuid NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_enrolment_id_pk" PRIMARY KEY("meeting_id","enrolment_id")
);
--> statement-breakpoint
ALTER TABLE "meeting_attendance" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
-- Moved up by hand: the composite foreign keys below need these unique keys first.
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_id_session" UNIQUE("id","session_id");--> statement-breakpoint
ALTER TABLE "session_meetings" ADD CONSTRAINT "session_meetings_id_session_tenant" UNIQUE("id","session_id","tenant_id");--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_registered_by_user_id_users_id_fk" FOREIGN KEY ("registered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_of_session" FOREIGN KEY ("meeting_id","session_id","tenant_id") REFERENCES "public"."session_meetings"("id","session_id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_enrolment_of_session" FOREIGN KEY ("enrolment_id","session_id") REFERENCES "public"."enrolments"("id","session_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_attendance_session_id_enrolment_id_index" ON "meeting_attendance" USING btree ("session_id","enrolment_id");--> statement-breakpoint
CREATE POLICY "meeting_attendance_provider_read" ON "meeting_attendance" AS PERMISSIVE FOR SELECT TO public USING ("meeting_attendance"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "meeting_attendance_register" ON "meeting_attendance" AS PERMISSIVE FOR ALL TO public USING ("meeting_attendance"."tenant_id" = (select app_tenant_id()) and (
	exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'coordinator' and r.tenant_id = "meeting_attendance"."tenant_id")
	or exists (select 1 from meeting_trainers mt join trainers tr on tr.id = mt.trainer_id where mt.meeting_id = "meeting_attendance"."meeting_id" and tr.user_id = (select app_user_id())))) WITH CHECK ("meeting_attendance"."tenant_id" = (select app_tenant_id()) and (
	exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'coordinator' and r.tenant_id = "meeting_attendance"."tenant_id")
	or exists (select 1 from meeting_trainers mt join trainers tr on tr.id = mt.trainer_id where mt.meeting_id = "meeting_attendance"."meeting_id" and tr.user_id = (select app_user_id()))));--> statement-breakpoint
CREATE POLICY "meeting_attendance_participant" ON "meeting_attendance" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from enrolments e where e.id = "meeting_attendance"."enrolment_id" and e.user_id = (select app_user_id())));--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE ON meeting_attendance TO leerplein_app;--> statement-breakpoint
ALTER TABLE meeting_attendance FORCE ROW LEVEL SECURITY;
