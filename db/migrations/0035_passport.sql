CREATE TYPE "public"."evidence_source_kind" AS ENUM('course_completion', 'session_attendance', 'lti_score', 'xapi_statement', 'upload', 'import');--> statement-breakpoint
CREATE TYPE "public"."passport_colour" AS ENUM('green', 'orange', 'red', 'not_required');--> statement-breakpoint
CREATE TYPE "public"."renewal_basis" AS ENUM('completion', 'expiry');--> statement-breakpoint
CREATE TABLE "competencies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"validity_months" integer,
	"warning_days" integer DEFAULT 60 NOT NULL,
	"renewal_basis" "renewal_basis" DEFAULT 'expiry' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "competencies_name_unique" UNIQUE("name"),
	CONSTRAINT "competency_validity_positive" CHECK ("competencies"."validity_months" is null or "competencies"."validity_months" between 1 and 600),
	CONSTRAINT "competency_warning_days" CHECK ("competencies"."warning_days" between 0 and 730),
	CONSTRAINT "competency_name_length" CHECK (length("competencies"."name") between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "competencies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "competency_requirements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid,
	"competency_id" uuid NOT NULL,
	"job_profile_name" text,
	"job_profile_id" uuid,
	"introduced_on" date NOT NULL,
	"grace_days" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "requirement_grace_days" CHECK ("competency_requirements"."grace_days" between 0 and 730),
	CONSTRAINT "requirement_scope" CHECK (("competency_requirements"."tenant_id" is null and "competency_requirements"."job_profile_id" is null) or ("competency_requirements"."tenant_id" is not null and "competency_requirements"."job_profile_name" is null))
);
--> statement-breakpoint
ALTER TABLE "competency_requirements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "course_competencies" (
	"course_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_competencies_course_id_competency_id_pk" PRIMARY KEY("course_id","competency_id")
);
--> statement-breakpoint
ALTER TABLE "course_competencies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "passport_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"source_kind" "evidence_source_kind" NOT NULL,
	"source_ref" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"occurred_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"superseded_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_reason" text,
	CONSTRAINT "passport_evidence_once" UNIQUE("user_id","competency_id","source_kind","source_ref"),
	CONSTRAINT "evidence_revocation_has_reason" CHECK (("passport_evidence"."revoked_at" is null) = ("passport_evidence"."revoked_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "passport_evidence" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "passport_pending" (
	"xact" bigint NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "passport_pending_xact_user_id_pk" PRIMARY KEY("xact","user_id")
);
--> statement-breakpoint
ALTER TABLE "passport_pending" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "passport_status" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"status" "passport_colour" NOT NULL,
	"valid_until" date,
	"permanent" boolean DEFAULT false NOT NULL,
	"next_change_on" date,
	"cause" jsonb NOT NULL,
	"computed_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "passport_status_user_id_competency_id_pk" PRIMARY KEY("user_id","competency_id")
);
--> statement-breakpoint
ALTER TABLE "passport_status" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "passport_status_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"from_status" "passport_colour",
	"to_status" "passport_colour" NOT NULL,
	"valid_until" date,
	"cause" jsonb NOT NULL,
	"trigger" text NOT NULL,
	"changed_on" date NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "passport_status_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "person_requirements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"introduced_on" date NOT NULL,
	"grace_days" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "person_requirement_grace_days" CHECK ("person_requirements"."grace_days" between 0 and 730)
);
--> statement-breakpoint
ALTER TABLE "person_requirements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "competencies" ADD CONSTRAINT "competencies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_requirements" ADD CONSTRAINT "competency_requirements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_requirements" ADD CONSTRAINT "competency_requirements_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_requirements" ADD CONSTRAINT "competency_requirements_job_profile_id_job_profiles_id_fk" FOREIGN KEY ("job_profile_id") REFERENCES "public"."job_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competency_requirements" ADD CONSTRAINT "competency_requirements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_competencies" ADD CONSTRAINT "course_competencies_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_competencies" ADD CONSTRAINT "course_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "passport_evidence_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "passport_evidence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "passport_evidence_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "passport_evidence_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "passport_evidence_superseded_by_passport_evidence_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."passport_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "passport_evidence_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_status" ADD CONSTRAINT "passport_status_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_status" ADD CONSTRAINT "passport_status_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_status" ADD CONSTRAINT "passport_status_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_status_history" ADD CONSTRAINT "passport_status_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_status_history" ADD CONSTRAINT "passport_status_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_status_history" ADD CONSTRAINT "passport_status_history_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_requirements" ADD CONSTRAINT "person_requirements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_requirements" ADD CONSTRAINT "person_requirements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_requirements" ADD CONSTRAINT "person_requirements_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_requirements" ADD CONSTRAINT "person_requirements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "competency_requirements_tenant_id_job_profile_id_index" ON "competency_requirements" USING btree ("tenant_id","job_profile_id");--> statement-breakpoint
CREATE INDEX "competency_requirements_competency_id_index" ON "competency_requirements" USING btree ("competency_id");--> statement-breakpoint
CREATE INDEX "course_competencies_competency_id_index" ON "course_competencies" USING btree ("competency_id");--> statement-breakpoint
CREATE INDEX "passport_evidence_tenant_id_user_id_competency_id_index" ON "passport_evidence" USING btree ("tenant_id","user_id","competency_id");--> statement-breakpoint
CREATE INDEX "passport_status_tenant_id_competency_id_status_index" ON "passport_status" USING btree ("tenant_id","competency_id","status");--> statement-breakpoint
CREATE INDEX "passport_status_history_tenant_id_user_id_changed_at_index" ON "passport_status_history" USING btree ("tenant_id","user_id","changed_at");--> statement-breakpoint
CREATE INDEX "person_requirements_tenant_id_user_id_index" ON "person_requirements" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE POLICY "competencies_public_read" ON "competencies" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "competencies_concern_admin_insert" ON "competencies" AS PERMISSIVE FOR INSERT TO public WITH CHECK (exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin'));--> statement-breakpoint
CREATE POLICY "competencies_concern_admin_update" ON "competencies" AS PERMISSIVE FOR UPDATE TO public USING (exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin')) WITH CHECK (exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin'));--> statement-breakpoint
CREATE POLICY "competency_requirements_read" ON "competency_requirements" AS PERMISSIVE FOR SELECT TO public USING ("competency_requirements"."tenant_id" is null or "competency_requirements"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "competency_requirements_concern_write" ON "competency_requirements" AS PERMISSIVE FOR ALL TO public USING ("competency_requirements"."tenant_id" is null and exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin')) WITH CHECK ("competency_requirements"."tenant_id" is null and exists (select 1 from role_assignments r where r.user_id = (select app_user_id()) and r.role = 'concern_admin'));--> statement-breakpoint
CREATE POLICY "competency_requirements_own_unit" ON "competency_requirements" AS PERMISSIVE FOR ALL TO public USING ("competency_requirements"."tenant_id" = (select app_tenant_id())) WITH CHECK ("competency_requirements"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "course_competencies_with_course" ON "course_competencies" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from courses c where c.id = "course_competencies"."course_id"));--> statement-breakpoint
CREATE POLICY "course_competencies_provider" ON "course_competencies" AS PERMISSIVE FOR ALL TO public USING (exists (select 1 from courses c where c.id = "course_competencies"."course_id" and c.provider_tenant_id = (select app_tenant_id()))) WITH CHECK (exists (select 1 from courses c where c.id = "course_competencies"."course_id" and c.provider_tenant_id = (select app_tenant_id())));--> statement-breakpoint
CREATE POLICY "passport_evidence_own_unit" ON "passport_evidence" AS PERMISSIVE FOR ALL TO public USING ("passport_evidence"."tenant_id" = (select app_tenant_id())) WITH CHECK ("passport_evidence"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "passport_evidence_self" ON "passport_evidence" AS PERMISSIVE FOR SELECT TO public USING ("passport_evidence"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "passport_pending_own_transaction" ON "passport_pending" AS PERMISSIVE FOR ALL TO public USING ("passport_pending"."xact" = (select pg_current_xact_id_if_assigned()::text::bigint));--> statement-breakpoint
CREATE POLICY "passport_status_own_unit" ON "passport_status" AS PERMISSIVE FOR ALL TO public USING ("passport_status"."tenant_id" = (select app_tenant_id())) WITH CHECK ("passport_status"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "passport_status_self" ON "passport_status" AS PERMISSIVE FOR SELECT TO public USING ("passport_status"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "passport_status_history_own_unit_read" ON "passport_status_history" AS PERMISSIVE FOR SELECT TO public USING ("passport_status_history"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "passport_status_history_own_unit_insert" ON "passport_status_history" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("passport_status_history"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "passport_status_history_self" ON "passport_status_history" AS PERMISSIVE FOR SELECT TO public USING ("passport_status_history"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "person_requirements_own_unit" ON "person_requirements" AS PERMISSIVE FOR ALL TO public USING ("person_requirements"."tenant_id" = (select app_tenant_id())) WITH CHECK ("person_requirements"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "person_requirements_self" ON "person_requirements" AS PERMISSIVE FOR SELECT TO public USING ("person_requirements"."user_id" = (select app_user_id()));--> statement-breakpoint

-- Hand-written below: what drizzle-kit does not generate (ADR 028).

-- Evidence from an enrolment, in one place whatever path completes it: a coordinator's
-- attendance register, the LTI score path (lti_complete_enrolments), the Moodle completion sync.
-- SECURITY DEFINER because the providing unit, or a tool, completes an enrolment of another
-- unit's employee, and the evidence belongs to the employee's unit. It acts only on a status
-- change its caller was already allowed to make, and a trigger function cannot be called directly.
-- The day counts in Europe/Amsterdam: attendance from the session's end, completion from now.
CREATE OR REPLACE FUNCTION passport_evidence_from_enrolment() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		granted_by uuid;
		session_end timestamptz;
		occurred timestamptz;
	BEGIN
		IF NEW.status IN ('attended', 'completed') THEN
			SELECT s.course_id, s.ends_at INTO granted_by, session_end FROM sessions s WHERE s.id = NEW.session_id;
			occurred := CASE WHEN NEW.status = 'attended' THEN session_end ELSE now() END;
			INSERT INTO passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on)
				SELECT gen_random_uuid(), NEW.tenant_id, NEW.user_id, cc.competency_id,
					(CASE WHEN NEW.status = 'attended' THEN 'session_attendance' ELSE 'course_completion' END)::evidence_source_kind,
					NEW.id::text, occurred, (occurred AT TIME ZONE 'Europe/Amsterdam')::date
				FROM course_competencies cc WHERE cc.course_id = granted_by
				ON CONFLICT ON CONSTRAINT passport_evidence_once DO NOTHING;
		END IF;
		-- Attendance corrected to a no-show (or a completion undone): its evidence stops counting.
		IF OLD.status IN ('attended', 'completed') AND NEW.status NOT IN ('attended', 'completed') THEN
			UPDATE passport_evidence SET revoked_at = now(), revoked_reason = 'enrolment_' || NEW.status::text
				WHERE user_id = NEW.user_id AND source_ref = NEW.id::text
					AND source_kind IN ('session_attendance', 'course_completion') AND revoked_at IS NULL;
		END IF;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER enrolments_passport_evidence AFTER UPDATE OF status ON enrolments
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION passport_evidence_from_enrolment();--> statement-breakpoint

-- Every change of evidence, from any path, marks its person for a recompute before this
-- transaction commits (settlePassports, called by the context helper). Only a verified portal
-- context settles; the owner (migrations, seed) recomputes itself.
CREATE OR REPLACE FUNCTION passport_mark_pending() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF app_context_verified() THEN
			INSERT INTO passport_pending (xact, tenant_id, user_id)
				VALUES (pg_current_xact_id()::text::bigint, NEW.tenant_id, NEW.user_id)
				ON CONFLICT DO NOTHING;
		END IF;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER passport_evidence_pending AFTER INSERT OR UPDATE ON passport_evidence
	FOR EACH ROW EXECUTE FUNCTION passport_mark_pending();--> statement-breakpoint

-- Evidence is superseded or revoked once, and never brought back or rewritten: the column
-- grants below allow only these columns, and this keeps them one-way.
CREATE OR REPLACE FUNCTION passport_evidence_one_way() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at)
			OR (OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS DISTINCT FROM OLD.superseded_by) THEN
			RAISE EXCEPTION 'passport evidence is revoked or superseded once, never restored' USING ERRCODE = '23514';
		END IF;
		RETURN NEW;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER passport_evidence_one_way BEFORE UPDATE ON passport_evidence
	FOR EACH ROW EXECUTE FUNCTION passport_evidence_one_way();--> statement-breakpoint

REVOKE ALL ON FUNCTION passport_evidence_from_enrolment(), passport_mark_pending() FROM PUBLIC;--> statement-breakpoint

-- No DELETE anywhere but the link table and the pending marks: evidence and history are kept.
GRANT SELECT, INSERT, UPDATE ON competencies, competency_requirements, person_requirements, passport_status TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON course_competencies TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT ON passport_evidence, passport_status_history TO leerplein_app;--> statement-breakpoint
GRANT UPDATE (superseded_by, revoked_at, revoked_by, revoked_reason) ON passport_evidence TO leerplein_app;--> statement-breakpoint
GRANT SELECT, DELETE ON passport_pending TO leerplein_app;--> statement-breakpoint
ALTER TABLE competencies FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE competency_requirements FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE person_requirements FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE course_competencies FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE passport_evidence FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE passport_status FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE passport_status_history FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE passport_pending FORCE ROW LEVEL SECURITY;
