CREATE TABLE "session_seat_counts" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_seat_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "session_seat_counts" ADD CONSTRAINT "session_seat_counts_session_same_unit" FOREIGN KEY ("session_id","tenant_id") REFERENCES "public"."sessions"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "session_seat_counts_with_session" ON "session_seat_counts" AS PERMISSIVE FOR SELECT TO public USING ("session_seat_counts"."tenant_id" = (select app_tenant_id()) or exists (select 1 from sessions s where s.id = "session_seat_counts"."session_id"));--> statement-breakpoint
-- hand-written below

-- Issue 14/15 benchmarks (ADR 036): the grid pages spent their time in per-row work under the
-- policies, not in the rows they show.

-- A session's seat counts, kept by statement triggers on enrolments: one upsert per statement and
-- session touched, whatever path wrote the enrolments (the seed's batches too). The sums change
-- only with an enrolment's status or session; sessions are locked by the services that change
-- seats, and the upsert walks sessions in id order, so two statements never wait on each other
-- in opposite orders. SECURITY DEFINER: an employee's enrolment changes the count of another
-- unit's session, which the portal's role may read but never write.
CREATE OR REPLACE FUNCTION session_seat_counts_follow_enrolments() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		changes jsonb;
	BEGIN
		-- Each statement's rows as (session, status, +1 for a new row / -1 for an old one); a
		-- transition table exists only for the events its trigger names, hence three branches.
		IF TG_OP = 'INSERT' THEN
			SELECT jsonb_agg(jsonb_build_array(session_id, status, 1)) INTO changes FROM new_rows;
		ELSIF TG_OP = 'DELETE' THEN
			SELECT jsonb_agg(jsonb_build_array(session_id, status, -1)) INTO changes FROM old_rows;
		ELSE
			-- Only the rows whose status or session the statement changed.
			SELECT jsonb_agg(c) INTO changes FROM (
				SELECT jsonb_build_array(n.session_id, n.status, 1) AS c FROM new_rows n JOIN old_rows o ON o.id = n.id
				WHERE n.status IS DISTINCT FROM o.status OR n.session_id IS DISTINCT FROM o.session_id
				UNION ALL
				SELECT jsonb_build_array(o.session_id, o.status, -1) FROM new_rows n JOIN old_rows o ON o.id = n.id
				WHERE n.status IS DISTINCT FROM o.status OR n.session_id IS DISTINCT FROM o.session_id
			) moved;
		END IF;
		IF changes IS NULL THEN
			RETURN NULL;
		END IF;
		INSERT INTO session_seat_counts AS c (session_id, tenant_id, taken, waiting)
			SELECT d.session_id, s.tenant_id, d.taken, d.waiting
			FROM (
				SELECT (r->>0)::uuid AS session_id,
					coalesce(sum((r->>2)::integer) FILTER (WHERE r->>1 IN ('enrolled', 'attended', 'no_show', 'completed')), 0)::integer AS taken,
					coalesce(sum((r->>2)::integer) FILTER (WHERE r->>1 = 'waitlisted'), 0)::integer AS waiting
				FROM jsonb_array_elements(changes) AS r GROUP BY 1
			) d JOIN sessions s ON s.id = d.session_id
			WHERE d.taken <> 0 OR d.waiting <> 0
			ORDER BY d.session_id
			ON CONFLICT (session_id) DO UPDATE SET taken = c.taken + excluded.taken, waiting = c.waiting + excluded.waiting;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER enrolments_seat_counts_inserted AFTER INSERT ON enrolments
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION session_seat_counts_follow_enrolments();
--> statement-breakpoint
CREATE TRIGGER enrolments_seat_counts_updated AFTER UPDATE ON enrolments
	REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION session_seat_counts_follow_enrolments();
--> statement-breakpoint
CREATE TRIGGER enrolments_seat_counts_deleted AFTER DELETE ON enrolments
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION session_seat_counts_follow_enrolments();
--> statement-breakpoint
INSERT INTO session_seat_counts (session_id, tenant_id, taken, waiting)
	SELECT s.id, s.tenant_id,
		count(*) FILTER (WHERE e.status IN ('enrolled', 'attended', 'no_show', 'completed'))::integer,
		count(*) FILTER (WHERE e.status = 'waitlisted')::integer
	FROM sessions s JOIN enrolments e ON e.session_id = s.id
	GROUP BY s.id, s.tenant_id
	HAVING count(*) FILTER (WHERE e.status IN ('enrolled', 'attended', 'no_show', 'completed', 'waitlisted')) > 0;
--> statement-breakpoint
GRANT SELECT ON session_seat_counts TO leerplein_app;
--> statement-breakpoint
ALTER TABLE session_seat_counts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint

-- Narrow covering indexes. A course row is ~5 kB (texts, search document), so every course a
-- policy or a join looks at cost a page: with its policy columns (and title) in an index, the
-- look-up of a session's course, the unit's course grid and the planning form's course list are
-- index-only.
CREATE INDEX courses_visibility_lookup ON courses USING btree (id) INCLUDE (provider_tenant_id, status, visibility, merged_into_course_id, title);
--> statement-breakpoint
CREATE INDEX courses_provider_title ON courses USING btree (provider_tenant_id, title) INCLUDE (id, status, visibility, merged_into_course_id, updated_at, form);
--> statement-breakpoint
-- Sessions per course (the course grid's column) counted under the sessions' policy without the heap.
CREATE INDEX sessions_course_tenant ON sessions USING btree (course_id) INCLUDE (tenant_id);
--> statement-breakpoint
-- The approvals inbox: its requests in order of age with what the page and the policies read, so
-- the inbox no longer visits ~2,000 pages of enrolments for 3,366 requests.
CREATE INDEX enrolments_awaiting_inbox ON enrolments USING btree (tenant_id, requested_at) INCLUDE (id, session_id, user_id, status, approval_step, approval_reason, price_cents) WHERE status = 'awaiting_approval';
