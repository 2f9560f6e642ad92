-- The score path's look-ups, planned once per connection (BENCHMARKS.md, LTI): PostgreSQL plans
-- a non-inlined SQL function again at every call, and under row-level security a custom plan
-- costs more to make (about 2 ms) than to run (about 0.05 ms), so these PL/pgSQL functions keep
-- one generic plan. All are look-ups by key, where a generic plan is as good as a custom one.
-- Same signatures and results as in migration 0013.
CREATE OR REPLACE FUNCTION lti_course_provider(tool uuid, course uuid) RETURNS uuid
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan
	AS $$ BEGIN
		RETURN (SELECT c.provider_tenant_id FROM courses c
			WHERE c.id = course AND EXISTS (SELECT 1 FROM lti_resource_links l WHERE l.course_id = c.id AND l.tool_id = tool));
	END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_tool_serves_course(course uuid) RETURNS boolean
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan
	AS $$ BEGIN
		RETURN app_lti_tool_id() IS NOT NULL AND EXISTS (
			SELECT 1 FROM lti_resource_links l WHERE l.course_id = course AND l.tool_id = app_lti_tool_id());
	END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_enrolment_statuses(course uuid, person uuid) RETURNS SETOF enrolment_status
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan
	AS $$ BEGIN
		IF NOT lti_tool_serves_course(course) THEN
			RETURN;
		END IF;
		RETURN QUERY SELECT e.status FROM sessions s JOIN enrolments e ON e.session_id = s.id
			WHERE s.course_id = course AND e.user_id = person AND e.status NOT IN ('declined', 'cancelled');
	END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lti_complete_enrolments(course uuid, person uuid, from_statuses enrolment_status[])
	RETURNS TABLE (enrolment_id uuid, tenant_id uuid, previous_status enrolment_status)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan
	AS $$ BEGIN
		IF NOT lti_tool_serves_course(course) THEN
			RETURN;
		END IF;
		RETURN QUERY
			WITH closing AS (
				SELECT e.id, e.tenant_id, e.status FROM sessions s JOIN enrolments e ON e.session_id = s.id
				WHERE s.course_id = course AND e.user_id = person AND e.status NOT IN ('declined', 'cancelled')
					AND e.status = ANY (from_statuses)
				FOR UPDATE OF e
			)
			UPDATE enrolments e SET status = 'completed', updated_at = now() FROM closing
			WHERE e.id = closing.id RETURNING e.id, e.tenant_id, closing.status;
	END $$;
--> statement-breakpoint
ALTER FUNCTION lti_score_context(uuid, uuid, uuid, uuid, uuid) SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION lti_store_score(uuid, uuid, uuid, uuid, uuid, double precision, double precision, text, text, text, timestamptz, boolean, enrolment_status[], text, text)
	SET plan_cache_mode = force_generic_plan;
