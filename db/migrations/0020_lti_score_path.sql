-- AGS score ingestion in two statements instead of a transaction of a dozen: Moodle sends a course's
-- scores in bursts, and each round trip costs more than the work it carries (BENCHMARKS.md). Both
-- functions run as the caller (leerplein_app), so row-level security applies as in withToolContext:
-- they enter the tool's context themselves, for their own statement only (set_config is local, and a
-- lone statement is its own transaction). The domain decides (decideScore, scoreCompletesOnlinePart,
-- onlinePartIsWholeCourse) between the two calls.

-- What the decision needs: the line item (NULL row when it is not this tool's, in this course), its
-- pass mark, the course's form, the person's open enrolment statuses and the stored result, if any.
CREATE OR REPLACE FUNCTION lti_score_context(tenant uuid, tool uuid, course uuid, line_item uuid, person uuid)
	RETURNS TABLE (pass_mark integer, course_form course_form, statuses enrolment_status[], scored_at timestamptz, completed_at timestamptz)
	LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp
	AS $$
	BEGIN
		PERFORM set_config('app.tenant_id', tenant::text, true), set_config('app.user_id', '', true), set_config('app.lti_tool_id', tool::text, true);
		RETURN QUERY
			SELECT l.pass_mark_percent, c.form, ARRAY(SELECT lti_enrolment_statuses(course, person)), r.scored_at, r.completed_at
			FROM lti_line_items i
			JOIN courses c ON c.id = i.course_id
			LEFT JOIN lti_resource_links l ON l.id = i.resource_link_id
			LEFT JOIN lti_results r ON r.line_item_id = i.id AND r.user_id = person
			WHERE i.id = line_item AND i.course_id = course;
	END
	$$;
--> statement-breakpoint
-- Stores a score the domain decided to store, atomically with what it causes. The upsert never
-- replaces a newer result (a concurrent resend may have landed since the context was read), and
-- keeps the first completion. When this score completes the part, it closes the enrolment(s) in
-- `close_from` statuses (empty unless the part is the whole course) and appends the audit row.
CREATE OR REPLACE FUNCTION lti_store_score(
	tenant uuid, tool uuid, course uuid, line_item uuid, person uuid,
	score_given double precision, score_maximum double precision, activity_progress text, grading_progress text,
	score_comment text, score_at timestamptz, completes_part boolean, close_from enrolment_status[],
	audit_origin text, audit_request_id text)
	RETURNS TABLE (stored boolean, completed_part boolean, completed_enrolments integer)
	LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp
	AS $$
	DECLARE
		first_completed_at timestamptz;
		closed integer := 0;
	BEGIN
		PERFORM set_config('app.tenant_id', tenant::text, true), set_config('app.user_id', '', true), set_config('app.lti_tool_id', tool::text, true);
		INSERT INTO lti_results AS r (line_item_id, user_id, tenant_id, tool_id, score_given, score_maximum, activity_progress,
			grading_progress, comment, scored_at, completed_at)
		VALUES (line_item, person, tenant, tool, score_given, score_maximum, activity_progress, grading_progress, score_comment, score_at,
			CASE WHEN completes_part THEN now() END)
		ON CONFLICT (line_item_id, user_id) DO UPDATE SET
			score_given = excluded.score_given, score_maximum = excluded.score_maximum, activity_progress = excluded.activity_progress,
			grading_progress = excluded.grading_progress, comment = excluded.comment, scored_at = excluded.scored_at,
			completed_at = coalesce(r.completed_at, excluded.completed_at), updated_at = now()
		WHERE r.scored_at < excluded.scored_at
		RETURNING r.completed_at INTO first_completed_at;
		IF NOT FOUND THEN
			RETURN QUERY SELECT false, false, 0;
			RETURN;
		END IF;
		-- now() is this transaction's start: equal only when this statement set the completion.
		IF first_completed_at IS DISTINCT FROM now() THEN
			RETURN QUERY SELECT true, false, 0;
			RETURN;
		END IF;
		IF cardinality(close_from) > 0 THEN
			SELECT count(*) INTO closed FROM lti_complete_enrolments(course, person, close_from);
		END IF;
		INSERT INTO audit_log (tenant_id, action, object_type, object_id, result, origin, request_id, after)
		VALUES (tenant, 'lti.online_part_completed', 'lti_line_item', line_item::text, 'success', audit_origin, audit_request_id,
			jsonb_build_object('toolId', tool, 'userId', person, 'scoreGiven', score_given, 'scoreMaximum', score_maximum, 'completedEnrolments', closed));
		RETURN QUERY SELECT true, true, closed;
	END
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lti_score_context(uuid, uuid, uuid, uuid, uuid),
	lti_store_score(uuid, uuid, uuid, uuid, uuid, double precision, double precision, text, text, text, timestamptz, boolean, enrolment_status[], text, text)
	FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lti_score_context(uuid, uuid, uuid, uuid, uuid),
	lti_store_score(uuid, uuid, uuid, uuid, uuid, double precision, double precision, text, text, text, timestamptz, boolean, enrolment_status[], text, text)
	TO leerplein_app;
