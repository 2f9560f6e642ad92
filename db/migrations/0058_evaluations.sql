CREATE TABLE "evaluation_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"mails_sent" smallint DEFAULT 0 NOT NULL,
	"last_mailed_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	CONSTRAINT "evaluation_invitations_enrolmentId_unique" UNIQUE("enrolment_id"),
	CONSTRAINT "evaluation_invitations_mails" CHECK ("evaluation_invitations"."mails_sent" between 0 and 3)
);
--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "evaluation_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"answered_month" date NOT NULL,
	"form_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	CONSTRAINT "evaluation_responses_month" CHECK (extract(day from "evaluation_responses"."answered_month") = 1),
	CONSTRAINT "evaluation_responses_answers" CHECK (jsonb_typeof("evaluation_responses"."answers") = 'object')
);
--> statement-breakpoint
ALTER TABLE "evaluation_responses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_responses" ADD CONSTRAINT "evaluation_responses_provider_tenant_id_tenants_id_fk" FOREIGN KEY ("provider_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_responses" ADD CONSTRAINT "evaluation_responses_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_responses" ADD CONSTRAINT "evaluation_responses_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_invitations_tenant_id_user_id_index" ON "evaluation_invitations" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "evaluation_invitations_unanswered" ON "evaluation_invitations" USING btree ("tenant_id","invited_at") WHERE "evaluation_invitations"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "evaluation_responses_provider_tenant_id_course_id_index" ON "evaluation_responses" USING btree ("provider_tenant_id","course_id");--> statement-breakpoint
CREATE POLICY "evaluation_invitations_own_unit" ON "evaluation_invitations" AS PERMISSIVE FOR ALL TO public USING ("evaluation_invitations"."tenant_id" = (select app_tenant_id())) WITH CHECK ("evaluation_invitations"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "evaluation_responses_provider" ON "evaluation_responses" AS PERMISSIVE FOR SELECT TO public USING ("evaluation_responses"."provider_tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- Course evaluations (ADR 041). FORCE like every tenant table. The portal reads invitations in
-- the participant's unit and counts their mails; it never inserts one (the trigger does) and never
-- writes a response itself (evaluation_submit does, with no link back to the person).
ALTER TABLE evaluation_invitations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE evaluation_responses FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, UPDATE (mails_sent, last_mailed_at) ON evaluation_invitations TO leerplein_app;--> statement-breakpoint
GRANT SELECT ON evaluation_responses TO leerplein_app;--> statement-breakpoint

-- The first time an enrolment is attended or completed, whatever path got it there (attendance,
-- a Moodle score, the sync, a coordinator), its person is invited to evaluate the course, in
-- their own unit. SECURITY DEFINER: the providing unit's or the tool's context writes into the
-- participant's unit. Dated by the service clock, as the passport's evidence is.
CREATE OR REPLACE FUNCTION evaluation_invite_on_attendance() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		INSERT INTO evaluation_invitations (id, tenant_id, user_id, enrolment_id, course_id, session_id, invited_at)
			SELECT gen_random_uuid(), NEW.tenant_id, NEW.user_id, NEW.id, s.course_id, s.id, passport_service_now()
			FROM sessions s WHERE s.id = NEW.session_id
			ON CONFLICT (enrolment_id) DO NOTHING;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER enrolments_evaluation_invitation AFTER UPDATE OF status ON enrolments
	FOR EACH ROW WHEN (NEW.status IN ('attended', 'completed') AND OLD.status NOT IN ('attended', 'completed'))
	EXECUTE FUNCTION evaluation_invite_on_attendance();--> statement-breakpoint

-- A person answers their own, unanswered invitation: in one statement pair the invitation is
-- marked answered and the response stored under the providing unit, by month, without the
-- person, the enrolment or the time. False when the invitation is not theirs or was answered.
CREATE OR REPLACE FUNCTION evaluation_submit(p_invitation uuid, p_form_version text, p_answers jsonb) RETURNS boolean
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		taken record;
	BEGIN
		UPDATE evaluation_invitations i SET answered_at = passport_service_now()
			WHERE i.id = p_invitation AND i.user_id = app_user_id() AND i.tenant_id = app_tenant_id() AND i.answered_at IS NULL
			RETURNING i.course_id, i.session_id INTO taken;
		IF NOT FOUND THEN
			RETURN false;
		END IF;
		INSERT INTO evaluation_responses (provider_tenant_id, course_id, session_id, answered_month, form_version, answers)
			SELECT c.provider_tenant_id, taken.course_id, taken.session_id,
				date_trunc('month', passport_service_now() AT TIME ZONE 'Europe/Amsterdam')::date, p_form_version, p_answers
			FROM courses c WHERE c.id = taken.course_id;
		RETURN true;
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION evaluation_submit(uuid, text, jsonb) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION evaluation_submit(uuid, text, jsonb) TO leerplein_app;
