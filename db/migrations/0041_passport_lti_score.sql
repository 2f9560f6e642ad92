ALTER TABLE "course_competencies" ADD COLUMN "min_score_percent" integer;--> statement-breakpoint
ALTER TABLE "course_competencies" ADD CONSTRAINT "course_competency_min_score" CHECK ("course_competencies"."min_score_percent" is null or "course_competencies"."min_score_percent" between 1 and 100);--> statement-breakpoint

-- Hand-written below: what drizzle-kit does not generate (ADR 028, ADR 031 addendum on LTI scores).

-- A link with a minimum score is granted by the score alone: attendance or completion of the
-- course no longer writes evidence for it (else a completion at the part's pass mark would grant
-- what the minimum withholds). Otherwise unchanged from migration 0035.
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
				FROM course_competencies cc WHERE cc.course_id = granted_by AND cc.min_score_percent IS NULL
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

-- Evidence from an LTI score, in one place whatever path stores it (today the AGS score path,
-- lti_store_score, in the tool's context). A score at or above a link's minimum (as a share of
-- the score's own maximum, in numeric so 57/100 is 57 %) writes `lti_score` evidence in the
-- learner's unit, dated by the score's timestamp on its Amsterdam day. The reference is the line
-- item and the learner's enrolment the score belongs to (the run of the course begun most recently
-- when it was scored, else the next one): a repeat, a correction or a lower later
-- score of the same participation records nothing new (and takes nothing back: evidence is never
-- revoked by a later attempt), while a new enrolment's passing score is a renewal.
-- SECURITY DEFINER because the writer is the providing unit's tool and the evidence belongs to
-- the employee's unit; it acts only on a score the tool was allowed to store, and a trigger
-- function cannot be called directly. The evidence trigger then marks the person and the score
-- path's transaction settles their dots before it commits.
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
		INSERT INTO passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on)
			SELECT gen_random_uuid(), learner_unit, NEW.user_id, cc.competency_id, 'lti_score',
				NEW.line_item_id::text || '/' || coalesce(participation::text, '-'),
				NEW.scored_at, (NEW.scored_at AT TIME ZONE 'Europe/Amsterdam')::date
			FROM course_competencies cc
			WHERE cc.course_id = granted_by AND cc.min_score_percent IS NOT NULL
				AND NEW.score_given::numeric * 100 >= cc.min_score_percent * NEW.score_maximum::numeric
			ON CONFLICT ON CONSTRAINT passport_evidence_once DO NOTHING;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER lti_results_passport_evidence AFTER INSERT OR UPDATE OF score_given, score_maximum, scored_at ON lti_results
	FOR EACH ROW EXECUTE FUNCTION passport_evidence_from_lti_score();--> statement-breakpoint
REVOKE ALL ON FUNCTION passport_evidence_from_lti_score() FROM PUBLIC;
