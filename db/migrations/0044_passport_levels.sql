ALTER TABLE "competencies" ADD COLUMN "levels" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "competency_requirements" ADD COLUMN "min_level" integer;--> statement-breakpoint
ALTER TABLE "course_competencies" ADD COLUMN "grants_level" integer;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD COLUMN "level" integer;--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD COLUMN "correction_reason" text;--> statement-breakpoint
ALTER TABLE "passport_status" ADD COLUMN "level" integer;--> statement-breakpoint
ALTER TABLE "person_requirements" ADD COLUMN "min_level" integer;--> statement-breakpoint
ALTER TABLE "passport_uploads" ADD COLUMN "level" integer;--> statement-breakpoint
ALTER TABLE "competencies" ADD CONSTRAINT "competency_levels_count" CHECK (cardinality("competencies"."levels") <= 5);--> statement-breakpoint
ALTER TABLE "competency_requirements" ADD CONSTRAINT "requirement_min_level" CHECK ("competency_requirements"."min_level" is null or "competency_requirements"."min_level" between 1 and 5);--> statement-breakpoint
ALTER TABLE "course_competencies" ADD CONSTRAINT "course_competency_grants_level" CHECK ("course_competencies"."grants_level" is null or "course_competencies"."grants_level" between 1 and 5);--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "evidence_level" CHECK ("passport_evidence"."level" is null or "passport_evidence"."level" between 1 and 5);--> statement-breakpoint
ALTER TABLE "passport_evidence" ADD CONSTRAINT "evidence_correction_reason_length" CHECK ("passport_evidence"."correction_reason" is null or length("passport_evidence"."correction_reason") between 1 and 500);--> statement-breakpoint
ALTER TABLE "person_requirements" ADD CONSTRAINT "person_requirement_min_level" CHECK ("person_requirements"."min_level" is null or "person_requirements"."min_level" between 1 and 5);--> statement-breakpoint
ALTER TABLE "passport_uploads" ADD CONSTRAINT "passport_upload_level" CHECK ("passport_uploads"."level" is null or "passport_uploads"."level" between 1 and 5);--> statement-breakpoint

-- hand-written below: what drizzle-kit does not generate (ADR 031, addendum on levels).

-- A level names a level of its competency: at most as many as the competency has (none on a
-- competency without levels), whatever path writes the row. TG_ARGV[0] names the level column.
CREATE OR REPLACE FUNCTION passport_level_in_range() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
	DECLARE
		chosen integer := (to_jsonb(NEW) ->> TG_ARGV[0])::integer;
		available integer;
	BEGIN
		IF chosen IS NOT NULL THEN
			SELECT cardinality(c.levels) INTO available FROM competencies c WHERE c.id = NEW.competency_id;
			IF available IS NULL OR chosen > available THEN
				RAISE EXCEPTION 'level % is not a level of competency %', chosen, NEW.competency_id USING ERRCODE = '23514';
			END IF;
		END IF;
		RETURN NEW;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER competency_requirements_level_in_range BEFORE INSERT OR UPDATE OF min_level, competency_id ON competency_requirements
	FOR EACH ROW EXECUTE FUNCTION passport_level_in_range('min_level');--> statement-breakpoint
CREATE TRIGGER person_requirements_level_in_range BEFORE INSERT OR UPDATE OF min_level, competency_id ON person_requirements
	FOR EACH ROW EXECUTE FUNCTION passport_level_in_range('min_level');--> statement-breakpoint
CREATE TRIGGER course_competencies_level_in_range BEFORE INSERT ON course_competencies
	FOR EACH ROW EXECUTE FUNCTION passport_level_in_range('grants_level');--> statement-breakpoint
CREATE TRIGGER passport_evidence_level_in_range BEFORE INSERT ON passport_evidence
	FOR EACH ROW EXECUTE FUNCTION passport_level_in_range('level');--> statement-breakpoint
CREATE TRIGGER passport_uploads_level_in_range BEFORE INSERT ON passport_uploads
	FOR EACH ROW EXECUTE FUNCTION passport_level_in_range('level');--> statement-breakpoint

-- Levels are renamed or added, never removed: requirements, links and evidence name them by number.
CREATE OR REPLACE FUNCTION competency_levels_only_grow() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF cardinality(NEW.levels) < cardinality(OLD.levels) THEN
			RAISE EXCEPTION 'a competency''s levels are renamed or added, never removed' USING ERRCODE = '23514';
		END IF;
		RETURN NEW;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER competencies_levels_only_grow BEFORE UPDATE OF levels ON competencies
	FOR EACH ROW EXECUTE FUNCTION competency_levels_only_grow();--> statement-breakpoint

-- The service's clock in this transaction (the context helpers set `leerplein.service_now` to
-- the instant the service works at: the system clock in production, a moved clock in tests and
-- the seed), else the transaction's start. Evidence dated "now" follows the service, so a test
-- that moves its clock sees the completion on that day, as it sees the recompute.
CREATE OR REPLACE FUNCTION passport_service_now() RETURNS timestamptz
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$ SELECT coalesce(nullif(current_setting('leerplein.service_now', true), '')::timestamptz, now()) $$;--> statement-breakpoint

-- As in migration 0041, and: the evidence carries the level the link grants; a completion is
-- dated by the service's clock (passport_service_now), as is a revocation by a corrected status.
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
			occurred := CASE WHEN NEW.status = 'attended' THEN session_end ELSE passport_service_now() END;
			INSERT INTO passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on, level)
				SELECT gen_random_uuid(), NEW.tenant_id, NEW.user_id, cc.competency_id,
					(CASE WHEN NEW.status = 'attended' THEN 'session_attendance' ELSE 'course_completion' END)::evidence_source_kind,
					NEW.id::text, occurred, (occurred AT TIME ZONE 'Europe/Amsterdam')::date, cc.grants_level
				FROM course_competencies cc WHERE cc.course_id = granted_by AND cc.min_score_percent IS NULL
				ON CONFLICT ON CONSTRAINT passport_evidence_once DO NOTHING;
		END IF;
		-- Attendance corrected to a no-show (or a completion undone): its evidence stops counting.
		IF OLD.status IN ('attended', 'completed') AND NEW.status NOT IN ('attended', 'completed') THEN
			UPDATE passport_evidence SET revoked_at = passport_service_now(), revoked_reason = 'enrolment_' || NEW.status::text
				WHERE user_id = NEW.user_id AND source_ref = NEW.id::text
					AND source_kind IN ('session_attendance', 'course_completion') AND revoked_at IS NULL;
		END IF;
		RETURN NULL;
	END
	$$;--> statement-breakpoint

-- As in migration 0041, and: the evidence carries the level the link grants.
CREATE OR REPLACE FUNCTION passport_evidence_from_lti_score() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		granted_by uuid;
		learner_unit uuid;
		participation uuid;
	BEGIN
		IF NEW.score_given IS NULL OR NEW.score_maximum IS NULL OR NEW.score_maximum <= 0 THEN
			RETURN NULL;
		END IF;
		SELECT i.course_id INTO granted_by FROM lti_line_items i WHERE i.id = NEW.line_item_id;
		IF NOT EXISTS (SELECT 1 FROM course_competencies cc WHERE cc.course_id = granted_by AND cc.min_score_percent IS NOT NULL) THEN
			RETURN NULL;
		END IF;
		SELECT u.tenant_id INTO learner_unit FROM users u WHERE u.id = NEW.user_id;
		SELECT e.id INTO participation FROM enrolments e JOIN sessions s ON s.id = e.session_id
			WHERE s.course_id = granted_by AND e.user_id = NEW.user_id AND e.status NOT IN ('declined', 'cancelled')
			ORDER BY s.starts_at <= NEW.scored_at DESC, abs(extract(epoch FROM s.starts_at - NEW.scored_at)), e.id LIMIT 1;
		INSERT INTO passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on, level)
			SELECT gen_random_uuid(), learner_unit, NEW.user_id, cc.competency_id, 'lti_score',
				NEW.line_item_id::text || '/' || coalesce(participation::text, '-'),
				NEW.scored_at, (NEW.scored_at AT TIME ZONE 'Europe/Amsterdam')::date, cc.grants_level
			FROM course_competencies cc
			WHERE cc.course_id = granted_by AND cc.min_score_percent IS NOT NULL
				AND NEW.score_given::numeric * 100 >= cc.min_score_percent * NEW.score_maximum::numeric
			ON CONFLICT ON CONSTRAINT passport_evidence_once DO NOTHING;
		RETURN NULL;
	END
	$$;
