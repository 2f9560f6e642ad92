-- Enrolment logistics (issue 5, ADR 013), the parts drizzle-kit does not generate: FORCE, grants,
-- and the narrow SECURITY DEFINER functions for what crosses units. A seat is shared by the
-- employees of every unit that may enrol, so counting, locking and promoting must see all of
-- a session's enrolments, which no single unit's policies show.

ALTER TABLE budget_ledger FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox_mails FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The ledger is append-only: a correction is a new entry, never an edit.
GRANT SELECT, INSERT ON budget_ledger TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON outbox_mails TO leerplein_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE enrolment_queue TO leerplein_app;
--> statement-breakpoint

-- Locks a session row for the rest of the transaction (every seat change of one session takes
-- this lock first, in every portal process) and reports its seats over all units. Only with a
-- tenant context; the caller has already read the session through its own policies.
CREATE OR REPLACE FUNCTION lock_session_for_enrolment(session uuid)
	RETURNS TABLE (tenant_id uuid, course_id uuid, starts_at timestamptz, capacity integer, status session_status, seats_taken integer, waiting integer)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF app_tenant_id() IS NULL THEN
			RAISE EXCEPTION 'lock_session_for_enrolment needs a tenant context';
		END IF;
		PERFORM 1 FROM sessions s WHERE s.id = session FOR UPDATE;
		RETURN QUERY
		SELECT s.tenant_id, s.course_id, s.starts_at, s.capacity, s.status,
			(SELECT count(*)::integer FROM enrolments e WHERE e.session_id = s.id AND e.status IN ('enrolled', 'attended', 'no_show', 'completed')),
			(SELECT count(*)::integer FROM enrolments e WHERE e.session_id = s.id AND e.status = 'waitlisted')
		FROM sessions s WHERE s.id = session;
	END
	$$;
--> statement-breakpoint

-- Fills free seats from the waitlist in arrival order (queue_number), under the session lock,
-- in the transaction that freed them. Safe for any unit to call: it only ever does what the
-- seats allow, and never in a session that is cancelled or has started.
CREATE OR REPLACE FUNCTION promote_waitlist(session uuid)
	RETURNS TABLE (enrolment_id uuid, tenant_id uuid, user_id uuid)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		free integer;
	BEGIN
		IF app_tenant_id() IS NULL THEN
			RAISE EXCEPTION 'promote_waitlist needs a tenant context';
		END IF;
		PERFORM 1 FROM sessions s WHERE s.id = session FOR UPDATE;
		SELECT greatest(0, s.capacity - (SELECT count(*)::integer FROM enrolments e
				WHERE e.session_id = s.id AND e.status IN ('enrolled', 'attended', 'no_show', 'completed')))
			INTO free
			FROM sessions s WHERE s.id = session AND s.status = 'planned' AND s.starts_at > now();
		IF free IS NULL OR free = 0 THEN
			RETURN;
		END IF;
		RETURN QUERY
		UPDATE enrolments e SET status = 'enrolled', updated_at = now()
		WHERE e.id IN (SELECT w.id FROM enrolments w WHERE w.session_id = session AND w.status = 'waitlisted'
			ORDER BY w.queue_number, w.id LIMIT free)
		RETURNING e.id, e.tenant_id, e.user_id;
	END
	$$;
--> statement-breakpoint

-- Seats every approved enrolment of a session that has no place yet, in arrival order
-- (requested_at, id): a free seat while nobody waits, else the waitlist, each with the next
-- queue number. One statement, so a burst holds the session lock only while it runs, never
-- across a round trip to the portal: the request commits its enrolment first, then calls
-- this without a transaction of its own. Whoever calls it seats everyone pending, so a request
-- whose own call comes late finds itself seated by an earlier one. Mirrors the domain's
-- seatIsFreeFor; safe for anyone to call, like promote_waitlist.
CREATE OR REPLACE FUNCTION allocate_seats(session uuid)
	RETURNS TABLE (enrolment_id uuid, tenant_id uuid, user_id uuid, status enrolment_status, queue_number bigint)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		free integer;
		pending record;
		seat enrolment_status;
	BEGIN
		-- Lock first, count after, in a statement of its own: a statement that waited for the lock
		-- would still count with the snapshot it took before waiting.
		PERFORM 1 FROM sessions s WHERE s.id = session FOR UPDATE;
		SELECT CASE WHEN (SELECT count(*) FROM enrolments w WHERE w.session_id = s.id AND w.status = 'waitlisted') > 0 THEN 0
				ELSE greatest(0, s.capacity - (SELECT count(*)::integer FROM enrolments e
					WHERE e.session_id = s.id AND e.status IN ('enrolled', 'attended', 'no_show', 'completed'))) END
			INTO free
			FROM sessions s WHERE s.id = session AND s.status = 'planned';
		IF free IS NULL THEN
			RETURN;
		END IF;
		FOR pending IN SELECT p.id, p.tenant_id, p.user_id FROM enrolments p
			WHERE p.session_id = session AND p.status = 'approved' AND p.queue_number IS NULL
			ORDER BY p.requested_at, p.id FOR UPDATE
		LOOP
			IF free > 0 THEN
				seat := 'enrolled';
				free := free - 1;
			ELSE
				seat := 'waitlisted';
			END IF;
			UPDATE enrolments e SET status = seat, queue_number = nextval('enrolment_queue'), updated_at = now()
				WHERE e.id = pending.id
				RETURNING e.queue_number INTO queue_number;
			enrolment_id := pending.id;
			tenant_id := pending.tenant_id;
			user_id := pending.user_id;
			status := seat;
			RETURN NEXT;
		END LOOP;
	END
	$$;
--> statement-breakpoint

-- Releases the budget an enrolment committed, once (the ledger's unique key). Called by the
-- employee's unit or by the providing unit (cancelling, a session cancelled), whose policies
-- cannot write into the employee's ledger; only for an enrolment that no longer takes budget.
CREATE OR REPLACE FUNCTION release_enrolment_budget(enrolment uuid, entry_id uuid)
	RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		released integer;
	BEGIN
		IF NOT EXISTS (SELECT 1 FROM enrolments e JOIN sessions s ON s.id = e.session_id
			WHERE e.id = enrolment AND e.status IN ('cancelled', 'no_show', 'declined')
				AND app_tenant_id() IN (e.tenant_id, s.tenant_id)) THEN
			RAISE EXCEPTION 'release_enrolment_budget: not an ended enrolment of this unit or its provider';
		END IF;
		INSERT INTO budget_ledger (id, tenant_id, user_id, enrolment_id, year, kind, amount_cents, cost_centre)
		SELECT entry_id, c.tenant_id, c.user_id, c.enrolment_id, c.year, 'release', -c.amount_cents, c.cost_centre
		FROM budget_ledger c WHERE c.enrolment_id = enrolment AND c.kind = 'commit'
		ON CONFLICT ON CONSTRAINT budget_ledger_once DO NOTHING
		RETURNING -amount_cents INTO released;
		RETURN coalesce(released, 0);
	END
	$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION lock_session_for_enrolment(uuid), promote_waitlist(uuid), allocate_seats(uuid), release_enrolment_budget(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lock_session_for_enrolment(uuid), promote_waitlist(uuid), allocate_seats(uuid), release_enrolment_budget(uuid, uuid) TO leerplein_app;
