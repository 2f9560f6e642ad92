ALTER TYPE "public"."role" ADD VALUE 'privacy_officer';--> statement-breakpoint
-- Is the signed-in person the concern's privacy officer (ADR 054)? The policies of erasure_requests
-- ask it, and role_assignments is itself under RLS. The role is compared as text: the enum value
-- was added in this same transaction and may not be used as a value before it commits.
CREATE OR REPLACE FUNCTION app_is_privacy_officer() RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT EXISTS (SELECT 1 FROM role_assignments WHERE user_id = app_user_id() AND role::text = 'privacy_officer') $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_is_privacy_officer() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_is_privacy_officer() TO leerplein_app;--> statement-breakpoint
CREATE TABLE "erasure_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"counts" jsonb,
	CONSTRAINT "erasure_requests_status" CHECK ("erasure_requests"."status" in ('requested', 'declined', 'erased')),
	CONSTRAINT "erasure_requests_four_eyes" CHECK ("erasure_requests"."decided_by" is null or "erasure_requests"."decided_by" <> "erasure_requests"."requested_by"),
	CONSTRAINT "erasure_requests_decline_reason" CHECK (("erasure_requests"."status" = 'declined') = ("erasure_requests"."decline_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "erasure_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "role_assignments" DROP CONSTRAINT "concern_admin_has_no_unit";--> statement-breakpoint
ALTER TABLE "personal_data_register" ADD COLUMN "anonymise_set" text;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_requests_one_open" ON "erasure_requests" USING btree ("person_id") WHERE "erasure_requests"."status" = 'requested';--> statement-breakpoint
CREATE INDEX "erasure_requests_status_requested_at_index" ON "erasure_requests" USING btree ("status","requested_at");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "concern_role_has_no_unit" CHECK (("role_assignments"."role"::text in ('concern_admin', 'privacy_officer')) = ("role_assignments"."tenant_id" is null));--> statement-breakpoint
CREATE POLICY "erasure_requests_officer" ON "erasure_requests" AS PERMISSIVE FOR ALL TO public USING ((select app_is_privacy_officer())) WITH CHECK ((select app_is_privacy_officer()));--> statement-breakpoint
CREATE POLICY "erasure_requests_self_read" ON "erasure_requests" AS PERMISSIVE FOR SELECT TO public USING ("erasure_requests"."person_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "erasure_requests_self_insert" ON "erasure_requests" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("erasure_requests"."person_id" = (select app_user_id()) and "erasure_requests"."requested_by" = "erasure_requests"."person_id");--> statement-breakpoint
-- Erasure requests (issue 22, item 1; ADR 054): FORCE like every other table; the portal's role may
-- ask and decide, never delete a request (it is the record that the erasure happened).
ALTER TABLE erasure_requests FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (status, decided_by, decided_at, decline_reason, counts) ON erasure_requests TO leerplein_app;--> statement-breakpoint
INSERT INTO personal_data_register (table_name, column_name, find_by, erasure, reason) VALUES
	('erasure_requests', 'person_id', 'person', 'keep', 'the request to erase the person: the record that it was asked and done, without their name'),
	('erasure_requests', 'requested_by', 'person', 'keep', 'erasure requests the person made'),
	('erasure_requests', 'decided_by', 'person', 'keep', 'erasure requests the person decided as privacy officer'),
	-- The links of the person's statements to evidence go with the statements (as on /beheer/xapi-privacy).
	('passport_evidence_statements', 'statement_id', 'via:xapi_statements', 'delete', 'links of the person''s xAPI statements to evidence');--> statement-breakpoint
-- Statements name the person inside (actor name and mailbox): erasure removes them, as the
-- coordinator's erasure on /beheer/xapi-privacy already does; the evidence they gave stays.
UPDATE personal_data_register SET erasure = 'delete', reason = 'learning records about the person from other systems, kept as the unit''s xAPI retention says; erased with the person'
	WHERE table_name = 'xapi_statements' AND column_name = 'person_id';--> statement-breakpoint
-- How each `anonymise` line takes the person out of the row ($1: the person's id). The person's
-- record stays (counts per unit and job profile still add up, `active` too: the budget report counts
-- active people), without name, address or number; with no roles or sessions left, nobody signs in as it.
UPDATE personal_data_register SET anonymise_set = $set$name = 'Verwijderde persoon', email = 'verwijderd-' || id || '@verwijderd.invalid', employee_number = 'verwijderd-' || id, preferred_language = NULL, cost_centre = NULL$set$
	WHERE table_name = 'users' AND column_name = 'id';--> statement-breakpoint
UPDATE personal_data_register SET anonymise_set = $set$name = 'Verwijderde persoon', email = '', organisation = NULL, active = false$set$
	WHERE table_name = 'trainers';--> statement-breakpoint
UPDATE personal_data_register SET anonymise_set = $set$contact_name = '', contact_email = ''$set$
	WHERE table_name = 'courses' AND column_name = 'contact_email';--> statement-breakpoint
UPDATE personal_data_register SET anonymise_set = $set$employee_name = NULL$set$
	WHERE table_name = 'bulk_job_rows' AND column_name = 'enrolment_id';--> statement-breakpoint

-- The rows of one register line that are the person's: a WHERE clause over alias t, with $1 the
-- person's id, $2 their address (lower case) and $3 their employee number (as privacy_export).
CREATE OR REPLACE FUNCTION privacy_register_match(p_column text, p_find_by text) RETURNS text
	LANGUAGE plpgsql STABLE SET search_path = public, pg_temp
	AS $$
	BEGIN
		RETURN CASE
			WHEN p_find_by = 'person' THEN format('t.%I = $1', p_column)
			WHEN p_find_by = 'email' THEN format('lower(t.%I) = $2', p_column)
			WHEN p_find_by = 'xapi_agent' THEN format('(t.%1$I = ''mbox:mailto:'' || $2 OR t.%1$I LIKE ''account:%%|'' || $3)', p_column)
			ELSE format('t.%I IN (SELECT p.id FROM %I p WHERE %s)', p_column, substr(p_find_by, 5), (
				SELECT string_agg(CASE parent.find_by WHEN 'person' THEN format('p.%I = $1', parent.column_name) ELSE format('lower(p.%I) = $2', parent.column_name) END, ' OR ')
				FROM personal_data_register parent
				WHERE parent.table_name = substr(p_find_by, 5) AND parent.find_by IN ('person', 'email')))
		END;
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_register_match(text, text) FROM PUBLIC;--> statement-breakpoint

-- What erasing the person would do, per register line: how many rows it deletes, anonymises or
-- keeps (with the reason). For the privacy officer only (42501 otherwise); reads past the row policies.
CREATE OR REPLACE FUNCTION privacy_erasure_preview(p_person uuid) RETURNS jsonb
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		v_email text;
		v_employee_number text;
		v_line record;
		v_rows bigint;
		v_result jsonb := '[]'::jsonb;
	BEGIN
		IF NOT app_is_privacy_officer() THEN
			RAISE EXCEPTION 'privacy_erasure_preview: privacy officer only' USING ERRCODE = '42501';
		END IF;
		SELECT lower(u.email), u.employee_number INTO v_email, v_employee_number FROM users u WHERE u.id = p_person;
		IF NOT FOUND THEN RETURN NULL; END IF;
		FOR v_line IN SELECT * FROM personal_data_register r WHERE r.find_by <> 'none' ORDER BY r.table_name, r.column_name LOOP
			EXECUTE format('SELECT count(*) FROM %I t WHERE %s', v_line.table_name, privacy_register_match(v_line.column_name, v_line.find_by))
				INTO v_rows USING p_person, v_email, v_employee_number;
			v_result := v_result || jsonb_build_object('table', v_line.table_name, 'column', v_line.column_name, 'erasure', v_line.erasure, 'reason', v_line.reason, 'rows', v_rows);
		END LOOP;
		RETURN v_result;
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_erasure_preview(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION privacy_erasure_preview(uuid) TO leerplein_app;--> statement-breakpoint

-- Erases the person of an open request (NULL when it is not open), approved by the privacy officer in the verified context
-- (who did not ask: four eyes), in the caller's one transaction. Walks the register: lines found
-- through another table first (while their parent rows still exist), then `delete` removes rows,
-- `anonymise` applies the line's SET clause, `keep` counts. Then the person's address, employee
-- number and full name are replaced in every other text and JSON column (an audit entry's before
-- and after, a mail to their manager), so nothing names them. Returns the counts per line and
-- marks the request erased; the register's names are quoted with %I, the person's keys are parameters.
CREATE OR REPLACE FUNCTION privacy_erase(p_request uuid, p_now timestamptz) RETURNS jsonb
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		v_request erasure_requests%ROWTYPE;
		v_email text;
		v_employee_number text;
		v_name text;
		v_line record;
		v_column record;
		v_rows bigint;
		v_counts jsonb := '{}'::jsonb;
		v_pattern text;
	BEGIN
		IF NOT app_is_privacy_officer() THEN
			RAISE EXCEPTION 'privacy_erase: privacy officer only' USING ERRCODE = '42501';
		END IF;
		SELECT * INTO v_request FROM erasure_requests WHERE id = p_request FOR UPDATE;
		-- Decided meanwhile (another officer was quicker, holding the lock): nothing to do, NULL.
		IF NOT FOUND OR v_request.status <> 'requested' THEN
			RETURN NULL;
		END IF;
		IF v_request.requested_by = app_user_id() THEN
			RAISE EXCEPTION 'privacy_erase: the officer who asked may not approve' USING ERRCODE = '42501';
		END IF;
		SELECT lower(u.email), u.employee_number, u.name INTO v_email, v_employee_number, v_name FROM users u WHERE u.id = v_request.person_id;
		FOR v_line IN
			SELECT * FROM personal_data_register r WHERE r.find_by <> 'none'
			ORDER BY (r.find_by LIKE 'via:%') DESC, (r.table_name = 'users') ASC, r.table_name, r.column_name
		LOOP
			IF v_line.erasure = 'delete' THEN
				EXECUTE format('DELETE FROM %I t WHERE %s', v_line.table_name, privacy_register_match(v_line.column_name, v_line.find_by))
					USING v_request.person_id, v_email, v_employee_number;
				GET DIAGNOSTICS v_rows = ROW_COUNT;
			ELSIF v_line.erasure = 'anonymise' THEN
				IF v_line.anonymise_set IS NULL THEN
					RAISE EXCEPTION 'privacy_erase: % has no anonymise_set', v_line.table_name;
				END IF;
				EXECUTE format('UPDATE %I t SET %s WHERE %s', v_line.table_name, v_line.anonymise_set, privacy_register_match(v_line.column_name, v_line.find_by))
					USING v_request.person_id, v_email, v_employee_number;
				GET DIAGNOSTICS v_rows = ROW_COUNT;
			ELSE
				EXECUTE format('SELECT count(*) FROM %I t WHERE %s', v_line.table_name, privacy_register_match(v_line.column_name, v_line.find_by))
					INTO v_rows USING v_request.person_id, v_email, v_employee_number;
			END IF;
			v_counts := v_counts || jsonb_build_object(v_line.table_name || '.' || v_line.column_name, jsonb_build_object('erasure', v_line.erasure, 'rows', v_rows));
		END LOOP;

		-- What still names the person in free text: their address, their employee number and their
		-- full name as whole words, case-insensitive, in every text and JSON column of every table.
		v_pattern := array_to_string(ARRAY(
			SELECT regexp_replace(k, '([.^$|()\[\]{}*+?\\])', '\\\1', 'g') FROM unnest(ARRAY[v_email, v_employee_number, v_name]) k WHERE coalesce(btrim(k), '') <> ''
		), '|');
		IF v_pattern <> '' THEN
			-- Options first (case-insensitive), then whole words only.
			v_pattern := '(?i)\m(' || v_pattern || ')\M';
			FOR v_column IN
				SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
				JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace AND k.relkind IN ('r', 'p')
				WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
					AND c.table_name NOT IN ('personal_data_register')
					AND c.is_generated = 'NEVER'
			LOOP
				EXECUTE format(
					CASE WHEN v_column.data_type IN ('jsonb', 'json')
						THEN 'UPDATE %1$I SET %2$I = regexp_replace(%2$I::text, $1, ''[verwijderd]'', ''g'')::%3$s WHERE %2$I::text ~ $1'
						ELSE 'UPDATE %1$I SET %2$I = regexp_replace(%2$I, $1, ''[verwijderd]'', ''g'') WHERE %2$I ~ $1' END,
					v_column.table_name, v_column.column_name, v_column.data_type)
					USING v_pattern;
			END LOOP;
		END IF;

		UPDATE erasure_requests SET status = 'erased', decided_by = app_user_id(), decided_at = p_now, counts = v_counts WHERE id = p_request;
		RETURN v_counts;
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_erase(uuid, timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION privacy_erase(uuid, timestamptz) TO leerplein_app;--> statement-breakpoint

-- The privacy officer's queue: every request with the person's name, number and unit as they are
-- now (an erased person's are anonymised), and who asked and decided. Past the row policies,
-- because the officer is of one unit and the people of all nine.
CREATE OR REPLACE FUNCTION privacy_erasure_requests(p_request uuid DEFAULT NULL)
	RETURNS TABLE (id uuid, person_id uuid, person_name text, employee_number text, unit_name text, status text,
		requested_by uuid, requested_by_name text, requested_at timestamptz, decided_by_name text, decided_at timestamptz, decline_reason text, counts jsonb)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_is_privacy_officer() THEN
			RAISE EXCEPTION 'privacy_erasure_requests: privacy officer only' USING ERRCODE = '42501';
		END IF;
		RETURN QUERY
			SELECT r.id, r.person_id, p.name, p.employee_number, t.name, r.status, r.requested_by, a.name, r.requested_at, d.name, r.decided_at, r.decline_reason, r.counts
			FROM erasure_requests r
			JOIN users p ON p.id = r.person_id
			JOIN tenants t ON t.id = r.tenant_id
			JOIN users a ON a.id = r.requested_by
			LEFT JOIN users d ON d.id = r.decided_by
			WHERE p_request IS NULL OR r.id = p_request
			ORDER BY (r.status = 'requested') DESC, r.requested_at DESC
			LIMIT 200;
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_erasure_requests(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION privacy_erasure_requests(uuid) TO leerplein_app;--> statement-breakpoint

-- A person of a unit by employee number, for a request the privacy officer makes on their behalf.
CREATE OR REPLACE FUNCTION privacy_find_person(p_tenant uuid, p_employee_number text) RETURNS uuid
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_is_privacy_officer() THEN
			RAISE EXCEPTION 'privacy_find_person: privacy officer only' USING ERRCODE = '42501';
		END IF;
		RETURN (SELECT u.id FROM users u WHERE u.tenant_id = p_tenant AND u.employee_number = btrim(p_employee_number));
	END
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_find_person(uuid, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION privacy_find_person(uuid, text) TO leerplein_app;--> statement-breakpoint
ALTER TABLE "personal_data_register" ADD CONSTRAINT "personal_data_register_anonymise_set" CHECK (("personal_data_register"."erasure" = 'anonymise') = ("personal_data_register"."anonymise_set" is not null));--> statement-breakpoint
