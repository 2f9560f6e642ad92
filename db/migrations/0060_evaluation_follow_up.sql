ALTER TABLE "evaluation_invitations" DROP CONSTRAINT "evaluation_invitations_enrolmentId_unique";--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "follow_up_weeks" smallint DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "manager_questionnaire" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD COLUMN "kind" text DEFAULT 'evaluation' NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_enrolment_kind" UNIQUE("enrolment_id","kind");--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "follow_up_weeks_range" CHECK ("courses"."follow_up_weeks" between 4 and 52);--> statement-breakpoint
ALTER TABLE "evaluation_invitations" ADD CONSTRAINT "evaluation_invitations_kind" CHECK ("evaluation_invitations"."kind" in ('evaluation', 'follow_up', 'manager'));--> statement-breakpoint
-- hand-written below
-- The follow-up and the manager's questionnaire (ADR 045). The trigger that invites to the evaluation at the first attendance or
-- completion now also makes the follow-up invitation, dated the course's follow-up weeks ahead
-- (the weeks as they are at completion): it is nobody's task and no mail before that moment,
-- because the portal reads and the mail scan takes only invitations whose time has come. Still
-- SECURITY DEFINER, in the participant's unit, dated by the service clock.
CREATE OR REPLACE FUNCTION evaluation_invite_on_attendance() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		INSERT INTO evaluation_invitations (id, tenant_id, user_id, enrolment_id, course_id, session_id, kind, invited_at)
			SELECT gen_random_uuid(), NEW.tenant_id, NEW.user_id, NEW.id, s.course_id, s.id, k.kind,
				passport_service_now() + CASE k.kind WHEN 'follow_up' THEN make_interval(weeks => c.follow_up_weeks) ELSE interval '0' END
			FROM sessions s
			JOIN courses c ON c.id = s.course_id
			CROSS JOIN (VALUES ('evaluation'), ('follow_up')) AS k(kind)
			WHERE s.id = NEW.session_id
			ON CONFLICT (enrolment_id, kind) DO NOTHING;
		-- The manager's questionnaire, when the course asks for one: to the participant's manager
		-- (users.manager_id, active, in the same unit, as the team page finds a team), on the
		-- follow-up's day.
		INSERT INTO evaluation_invitations (id, tenant_id, user_id, enrolment_id, course_id, session_id, kind, invited_at)
			SELECT gen_random_uuid(), NEW.tenant_id, m.id, NEW.id, s.course_id, s.id, 'manager',
				passport_service_now() + make_interval(weeks => c.follow_up_weeks)
			FROM sessions s
			JOIN courses c ON c.id = s.course_id AND c.manager_questionnaire
			JOIN users p ON p.id = NEW.user_id
			JOIN users m ON m.id = p.manager_id AND m.tenant_id = NEW.tenant_id AND m.active AND m.id <> NEW.user_id
			WHERE s.id = NEW.session_id
			ON CONFLICT (enrolment_id, kind) DO NOTHING;
		RETURN NULL;
	END
	$$;--> statement-breakpoint

-- Completions before this migration whose follow-up still lies ahead get theirs (counted from
-- their evaluation invitation); those whose time has passed get none: no mass mail on deployment.
INSERT INTO evaluation_invitations (id, tenant_id, user_id, enrolment_id, course_id, session_id, kind, invited_at)
	SELECT gen_random_uuid(), i.tenant_id, i.user_id, i.enrolment_id, i.course_id, i.session_id, 'follow_up', i.invited_at + make_interval(weeks => c.follow_up_weeks)
	FROM evaluation_invitations i
	JOIN courses c ON c.id = i.course_id
	WHERE i.kind = 'evaluation' AND i.invited_at + make_interval(weeks => c.follow_up_weeks) > now()
	ON CONFLICT (enrolment_id, kind) DO NOTHING;--> statement-breakpoint

-- A person answers their own invitation whose time has come (a follow-up dated ahead cannot be
-- answered early); the response's form version (the follow-up has its own) says which
-- questionnaire it answers, and nothing in it says who. Otherwise as in migration 0058.
CREATE OR REPLACE FUNCTION evaluation_submit(p_invitation uuid, p_form_version text, p_answers jsonb) RETURNS boolean
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		taken record;
	BEGIN
		UPDATE evaluation_invitations i SET answered_at = passport_service_now()
			WHERE i.id = p_invitation AND i.user_id = app_user_id() AND i.tenant_id = app_tenant_id() AND i.answered_at IS NULL
				AND i.invited_at <= passport_service_now()
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

-- The response rate for the providing unit (ADR 045): per course and kind, how many invitations
-- are due (their time has come, on or after p_since when given) and how many of those are
-- answered, across every unit whose people took it. Counts only, and only of the caller's
-- (verified) unit's own courses: one course, or all of them when p_course is null; another unit's
-- course gives no row. SECURITY DEFINER because the invitations live in the participants' units
-- (as self_card_outcomes, migration 0059).
CREATE OR REPLACE FUNCTION evaluation_response_rates(p_course uuid, p_since timestamptz)
	RETURNS TABLE (course_id uuid, course_title text, kind text, invited bigint, answered bigint)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT i.course_id, c.title, i.kind, count(*), count(i.answered_at)
		FROM evaluation_invitations i
		JOIN courses c ON c.id = i.course_id
		WHERE c.provider_tenant_id = app_tenant_id() AND (p_course IS NULL OR c.id = p_course)
			AND i.invited_at <= passport_service_now() AND (p_since IS NULL OR i.invited_at >= p_since)
		GROUP BY i.course_id, c.title, i.kind
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION evaluation_response_rates(uuid, timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION evaluation_response_rates(uuid, timestamptz) TO leerplein_app;
