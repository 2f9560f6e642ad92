CREATE TABLE "personal_data_register" (
	"table_name" text NOT NULL,
	"column_name" text NOT NULL,
	"find_by" text NOT NULL,
	"erasure" text NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "personal_data_register_table_name_column_name_pk" PRIMARY KEY("table_name","column_name"),
	CONSTRAINT "personal_data_register_find_by" CHECK ("personal_data_register"."find_by" in ('person', 'email', 'xapi_agent', 'none') or "personal_data_register"."find_by" like 'via:%'),
	CONSTRAINT "personal_data_register_erasure" CHECK ("personal_data_register"."erasure" in ('delete', 'anonymise', 'keep', 'none'))
);
--> statement-breakpoint
ALTER TABLE "personal_data_register" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "personal_data_register" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- The register (ADR 053). Erasure: `delete` removes the row, `anonymise` keeps it without the
-- person's name and contact, `keep` keeps the row (a record the organisation must keep, linked to
-- the anonymised person), `none` for tables without personal data. The erasure itself is not built
-- yet (issue 22, item 1): what it will do is decided here, per column, so the export and the
-- erasure cover the same list.
INSERT INTO personal_data_register (table_name, column_name, find_by, erasure, reason) VALUES
	('users', 'id', 'person', 'anonymise', 'the person: name, e-mail address, employee number, job profile, manager'),
	('users', 'manager_id', 'person', 'keep', 'the people the person manages (the manager is cleared when they leave)'),
	('role_assignments', 'user_id', 'person', 'delete', 'the person''s roles'),
	('auth_sessions', 'user_id', 'person', 'delete', 'sign-in sessions with address and browser'),
	('enrolments', 'user_id', 'person', 'keep', 'enrolments and completions, kept 7 years (retention)'),
	('enrolments', 'decided_by_user_id', 'person', 'keep', 'approvals the person decided'),
	('budget_ledger', 'user_id', 'person', 'keep', 'costs booked on the unit''s budget for the person: a financial record'),
	('meeting_attendance', 'enrolment_id', 'via:enrolments', 'keep', 'attendance at each meeting of the person''s sessions'),
	('meeting_attendance', 'registered_by_user_id', 'person', 'keep', 'attendance the person registered as trainer or coordinator'),
	('bulk_job_rows', 'enrolment_id', 'via:enrolments', 'anonymise', 'bulk decisions on the person''s enrolments, with their name'),
	('bulk_job_rows', 'requested_by', 'person', 'keep', 'bulk decisions the person started'),
	('bulk_jobs', 'requested_by', 'person', 'keep', 'bulk decisions the person started'),
	('session_changes', 'changed_by_user_id', 'person', 'keep', 'session changes the person made'),
	('trainers', 'user_id', 'person', 'anonymise', 'the person as a trainer'),
	('trainers', 'email', 'email', 'anonymise', 'the person as a trainer, by address'),
	('meeting_trainers', 'trainer_id', 'via:trainers', 'keep', 'meetings the person trains'),
	('courses', 'contact_email', 'email', 'anonymise', 'courses the person is the contact for'),
	('course_offerings', 'created_by', 'person', 'keep', 'offerings the person added'),
	('course_merges', 'merged_by', 'person', 'keep', 'course merges the person made'),
	('course_merges', 'undone_by', 'person', 'keep', 'course merges the person undid'),
	('duplicate_dismissals', 'dismissed_by', 'person', 'keep', 'duplicates the person dismissed'),
	('duplicate_scans', 'requested_by', 'person', 'keep', 'duplicate scans the person started'),
	('search_synonyms', 'updated_by', 'person', 'keep', 'search synonyms the person changed'),
	('concern_settings', 'updated_by', 'person', 'keep', 'concern settings the person changed'),
	('tenant_sso_configs', 'updated_by', 'person', 'keep', 'identity provider settings the person changed'),
	('audit_log', 'actor_user_id', 'person', 'keep', 'what the person did, kept 1 year (retention)'),
	('outbox_mails', 'to_address', 'email', 'delete', 'mail sent to the person, kept 90 days (retention)'),
	('lti_message_states', 'user_id', 'person', 'delete', 'launches of learning tools in progress'),
	('lti_registration_tokens', 'created_by', 'person', 'keep', 'tool registrations the person started'),
	('lti_resource_links', 'created_by', 'person', 'keep', 'online parts the person linked'),
	('lti_results', 'user_id', 'person', 'keep', 'grades from learning tools: records of completion'),
	('lti_part_completions', 'user_id', 'person', 'keep', 'online parts the person completed'),
	('competencies', 'updated_by', 'person', 'keep', 'competencies the person changed'),
	('competency_requirements', 'created_by', 'person', 'keep', 'requirements the person set'),
	('person_requirements', 'user_id', 'person', 'delete', 'requirements assigned to the person'),
	('person_requirements', 'created_by', 'person', 'keep', 'requirements the person assigned'),
	('passport_evidence', 'user_id', 'person', 'keep', 'the person''s evidence of competence: records for inspection'),
	('passport_evidence', 'recorded_by', 'person', 'keep', 'evidence the person recorded'),
	('passport_evidence', 'revoked_by', 'person', 'keep', 'evidence the person revoked'),
	('passport_evidence_statements', 'evidence_id', 'via:passport_evidence', 'keep', 'xAPI statements behind the person''s evidence'),
	('passport_status', 'user_id', 'person', 'delete', 'the person''s passport colours (derived)'),
	('passport_status_history', 'user_id', 'person', 'keep', 'how the person''s passport colours changed: records for inspection'),
	('passport_person_summary', 'user_id', 'person', 'delete', 'the person''s passport summary (derived)'),
	('passport_pending', 'user_id', 'person', 'delete', 'passport recalculations waiting for the person (derived)'),
	('passport_reminders', 'user_id', 'person', 'delete', 'passport reminders about the person'),
	('passport_reminders', 'manager_id', 'person', 'delete', 'passport reminders sent to the person as manager'),
	('passport_uploads', 'user_id', 'person', 'delete', 'certificates the person uploaded'),
	('passport_uploads', 'decided_by', 'person', 'keep', 'uploads the person decided on'),
	('xapi_statements', 'person_id', 'person', 'keep', 'learning records about the person from other systems, kept as the unit''s xAPI retention says'),
	('xapi_documents', 'agent_key', 'xapi_agent', 'delete', 'documents other systems stored about the person'),
	('xapi_rule_backlog', 'person_id', 'person', 'delete', 'evidence rules waiting for the person (derived)'),
	('xapi_evidence_rules', 'created_by', 'person', 'keep', 'evidence rules the person made'),
	('evaluation_invitations', 'user_id', 'person', 'delete', 'invitations to evaluate a course; the answers themselves are anonymous'),
	('self_cards', 'user_id', 'person', 'delete', 'the person''s self cards'),
	('self_card_actions', 'card_id', 'via:self_cards', 'delete', 'the actions on the person''s self cards'),
	('interventions', 'created_by', 'person', 'keep', 'interventions the person made'),
	('intervention_teams', 'manager_id', 'person', 'keep', 'teams the person manages in an intervention'),
	('intervention_measure_values', 'manager_id', 'person', 'keep', 'measurements the person gave as manager'),
	('experts', 'user_id', 'person', 'delete', 'the person as an expert'),
	('expert_themes', 'user_id', 'person', 'delete', 'the person''s expert themes'),
	('expert_competencies', 'user_id', 'person', 'delete', 'the person''s expert competencies'),
	('practice_cards', 'user_id', 'person', 'delete', 'the person''s practice cards'),
	('practice_reviews', 'card_id', 'via:practice_cards', 'delete', 'the person''s practice answers'),
	('practice_settings', 'user_id', 'person', 'delete', 'the person''s practice settings'),
	('practice_course_opt_outs', 'user_id', 'person', 'delete', 'courses the person does not practise'),
	-- Tables without personal data, and why.
	('app_context_key', '', 'none', 'none', 'a secret key'),
	('catalogue_search_state', '', 'none', 'none', 'the catalogue''s search version'),
	('course_audiences', '', 'none', 'none', 'which units a course is open to'),
	('course_competencies', '', 'none', 'none', 'which competencies a course gives'),
	('duplicate_scan_clusters', '', 'none', 'none', 'groups of similar courses'),
	('evaluation_responses', '', 'none', 'none', 'answers are anonymous by design: no person, only the month'),
	('job_profiles', '', 'none', 'none', 'job profiles'),
	('locations', '', 'none', 'none', 'places'),
	('lti_line_items', '', 'none', 'none', 'gradebook columns'),
	('lti_platform_keys', '', 'none', 'none', 'signing keys'),
	('lti_tool_web_services', '', 'none', 'none', 'a tool''s web-services token'),
	('lti_tools', '', 'none', 'none', 'learning tools'),
	('lti_used_token_ids', '', 'none', 'none', 'replay protection for tool tokens'),
	('meeting_links', '', 'none', 'none', 'online meeting addresses'),
	('passport_unit_counts', '', 'none', 'none', 'counts per unit'),
	('practice_questions', '', 'none', 'none', 'questions of a course'),
	('rate_limits', '', 'none', 'none', 'an address per sign-in window, linked to no person and gone when the window ends'),
	('rooms', '', 'none', 'none', 'rooms'),
	('search_phrases', '', 'none', 'none', 'the catalogue''s phrases'),
	('search_query_stats', '', 'none', 'none', 'search words counted per week, without the person who searched'),
	('search_words', '', 'none', 'none', 'the catalogue''s words'),
	('session_meetings', '', 'none', 'none', 'meetings of a session'),
	('session_seat_counts', '', 'none', 'none', 'seats taken per session'),
	('sessions', '', 'none', 'none', 'sessions of a course'),
	('sso_login_attempts', '', 'none', 'none', 'a sign-in between the redirect and the answer, before the person is known; gone within minutes'),
	('tenant_brandings', '', 'none', 'none', 'a unit''s logo and accent colour'),
	('tenants', '', 'none', 'none', 'the units'),
	('themes', '', 'none', 'none', 'themes'),
	('xapi_clients', '', 'none', 'none', 'systems that send learning records'),
	('xapi_settings', '', 'none', 'none', 'a unit''s xAPI settings'),
	('personal_data_register', '', 'none', 'none', 'this register');--> statement-breakpoint

-- Everything Leerplein holds about one person (issue 22, item 1; ADR 053): per table of the
-- register, the rows that are the person's, as JSON. Only the person themselves may ask (the
-- verified context's user); a privacy officer handling a request will be the second reader.
-- Table and column names come from the register, which only the migrator writes, and are quoted
-- with %I; the person's id, address and employee number are parameters.
CREATE OR REPLACE FUNCTION privacy_export(p_person uuid) RETURNS jsonb
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		v_email text;
		v_employee_number text;
		v_result jsonb := '{}'::jsonb;
		v_table record;
		v_rows jsonb;
	BEGIN
		IF p_person IS NULL OR p_person IS DISTINCT FROM app_user_id() THEN
			RAISE EXCEPTION 'privacy_export: only the person themselves' USING ERRCODE = '42501';
		END IF;
		SELECT lower(u.email), u.employee_number INTO v_email, v_employee_number FROM users u WHERE u.id = p_person;
		FOR v_table IN
			SELECT r.table_name, string_agg(
				CASE
					WHEN r.find_by = 'person' THEN format('t.%I = $1', r.column_name)
					WHEN r.find_by = 'email' THEN format('lower(t.%I) = $2', r.column_name)
					-- The keys an xAPI client may name the person by: their address or their account
					-- under the unit's home page (account:<home page>|<employee number>).
					WHEN r.find_by = 'xapi_agent' THEN format('(t.%1$I = ''mbox:mailto:'' || $2 OR t.%1$I LIKE ''account:%%|'' || $3)', r.column_name)
					ELSE format('t.%I IN (SELECT p.id FROM %I p WHERE %s)', r.column_name, substr(r.find_by, 5), (
						SELECT string_agg(CASE parent.find_by WHEN 'person' THEN format('p.%I = $1', parent.column_name) ELSE format('lower(p.%I) = $2', parent.column_name) END, ' OR ')
						FROM personal_data_register parent
						WHERE parent.table_name = substr(r.find_by, 5) AND parent.find_by IN ('person', 'email')))
				END, ' OR ') AS matches
			FROM personal_data_register r
			WHERE r.find_by <> 'none'
			GROUP BY r.table_name
			ORDER BY r.table_name
		LOOP
			EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(t)), ''[]''::jsonb) FROM %I t WHERE %s', v_table.table_name, v_table.matches)
				INTO v_rows USING p_person, v_email, v_employee_number;
			v_result := v_result || jsonb_build_object(v_table.table_name, v_rows);
		END LOOP;
		RETURN v_result;
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_export(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION privacy_export(uuid) TO leerplein_app;
