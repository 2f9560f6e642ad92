ALTER TABLE "courses" ADD COLUMN "completion_min_parts" integer;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "classroom_part_index" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "lti_resource_links" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "completion_min_parts_positive" CHECK ("courses"."completion_min_parts" is null or "courses"."completion_min_parts" >= 1);--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "classroom_part_index_not_negative" CHECK ("courses"."classroom_part_index" >= 0);--> statement-breakpoint
CREATE POLICY "lti_line_items_own_results" ON "lti_line_items" AS PERMISSIVE FOR SELECT TO public USING ("lti_line_items"."tenant_id" = (select app_tenant_id()) or exists (select 1 from lti_results r where r.line_item_id = "lti_line_items"."id" and r.user_id = (select app_user_id())));--> statement-breakpoint

-- Blended programmes (ADR 033). The domain decides from the state of each part whether an
-- enrolment completes (decideBlendedCompletion); these functions let each of the three paths that
-- bring a result (attendance, an LTI score, the web-services sync) ask and act in its own
-- transaction, whichever of them comes last. SECURITY DEFINER because the tool's context sees no
-- enrolments and the providing unit no learner's unit; each checks who asks first.

-- Who may settle a person's enrolments in a course: the tool that serves it, the providing unit,
-- or an internal trainer booked on one of the course's meetings.
CREATE OR REPLACE FUNCTION blended_may_settle(course uuid) RETURNS boolean
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ BEGIN
		RETURN lti_tool_serves_course(course)
			OR EXISTS (SELECT 1 FROM courses c WHERE c.id = course AND c.provider_tenant_id = app_tenant_id())
			OR EXISTS (SELECT 1 FROM sessions s JOIN session_meetings m ON m.session_id = s.id
				JOIN meeting_trainers mt ON mt.meeting_id = m.id JOIN trainers t ON t.id = mt.trainer_id
				WHERE s.course_id = course AND t.kind = 'internal' AND t.user_id = app_user_id());
	END $$;
--> statement-breakpoint
-- The person's active enrolments in the course with the state of each online part (one row per
-- enrolment and part, online parts in their order). The enrolments are locked first, in a
-- statement of their own: a result is always stored before this is called, so of two results
-- arriving at once the one that takes the lock second reads, in the next statement's fresh
-- snapshot, what the first committed — neither can miss the completion.
CREATE OR REPLACE FUNCTION blended_parts_for_update(course uuid, person uuid)
	RETURNS TABLE (enrolment_id uuid, status enrolment_status, course_form course_form, min_parts integer, part_id uuid, part_title text, part_completed boolean)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ BEGIN
		IF NOT blended_may_settle(course) THEN
			RETURN;
		END IF;
		PERFORM 1 FROM enrolments e JOIN sessions s ON s.id = e.session_id
			WHERE s.course_id = course AND e.user_id = person AND e.status NOT IN ('declined', 'cancelled')
			ORDER BY e.id FOR UPDATE OF e;
		RETURN QUERY
			SELECT e.id, e.status, c.form, c.completion_min_parts, l.id, l.title,
				EXISTS (SELECT 1 FROM lti_part_completions pc WHERE pc.resource_link_id = l.id AND pc.user_id = person)
					OR EXISTS (SELECT 1 FROM lti_results r JOIN lti_line_items i ON i.id = r.line_item_id
						WHERE i.resource_link_id = l.id AND r.user_id = person AND r.completed_at IS NOT NULL)
			FROM enrolments e JOIN sessions s ON s.id = e.session_id JOIN courses c ON c.id = s.course_id
			JOIN lti_resource_links l ON l.course_id = c.id
			WHERE s.course_id = course AND e.user_id = person AND e.status NOT IN ('declined', 'cancelled')
			ORDER BY e.id, l.position, l.created_at, l.id;
	END $$;
--> statement-breakpoint
-- Completes one enrolment the domain found complete, from the statuses the state machine allows,
-- audited in the employee's unit (the portal acts: no actor but the one in context, if any).
CREATE OR REPLACE FUNCTION blended_complete_enrolment(enrolment uuid, from_statuses enrolment_status[], audit_origin text, audit_request_id text)
	RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		course uuid;
		unit uuid;
		previous enrolment_status;
	BEGIN
		SELECT s.course_id, e.tenant_id, e.status INTO course, unit, previous
			FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE e.id = enrolment;
		IF course IS NULL OR NOT blended_may_settle(course) OR NOT previous = ANY (from_statuses) THEN
			RETURN false;
		END IF;
		UPDATE enrolments e SET status = 'completed', updated_at = now() WHERE e.id = enrolment AND e.status = previous;
		IF NOT FOUND THEN
			RETURN false;
		END IF;
		INSERT INTO audit_log (tenant_id, actor_user_id, action, object_type, object_id, result, origin, request_id, before, after)
		VALUES (unit, app_user_id(), 'enrolment.complete.blended', 'enrolment', enrolment::text, 'success', audit_origin, audit_request_id,
			jsonb_build_object('status', previous), jsonb_build_object('status', 'completed'));
		RETURN true;
	END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION blended_may_settle(uuid), blended_parts_for_update(uuid, uuid),
	blended_complete_enrolment(uuid, enrolment_status[], text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION blended_parts_for_update(uuid, uuid), blended_complete_enrolment(uuid, enrolment_status[], text, text) TO leerplein_app;
