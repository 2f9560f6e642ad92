-- Deduplication (issue 4, ADR 011), part 2: RLS forced on the new tables, their grants, and the
-- narrow SECURITY DEFINER functions through which a concern administrator merges courses of
-- several units. The functions check the administrator themselves: the portal's word is not enough.
-- They are plpgsql because the migration that added the 'merged' status runs in this same
-- transaction, and a SQL body would be checked against it now.

ALTER TABLE course_offerings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE course_merges FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE duplicate_dismissals FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON course_offerings TO leerplein_app;
--> statement-breakpoint
-- Merges are written only by merge_course/undo_course_merge.
GRANT SELECT ON course_merges TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON duplicate_dismissals TO leerplein_app;
--> statement-breakpoint

-- Candidates for duplicates of a title: published courses the current unit may see (all of them
-- for a concern administrator) whose title is most alike by trigrams. RLS cannot serve this: its
-- row filters must run before the non-leakproof `%`, which rules out the trigram index, so this
-- applies the visibility rule of the courses policies itself and returns ids only; the portal
-- reads the courses through RLS. Pairs judged "not a duplicate" with `exclude` are left out.
CREATE OR REPLACE FUNCTION duplicate_candidate_ids(probe text, exclude uuid, max_rows integer)
	RETURNS TABLE (id uuid, similarity real)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET pg_trgm.similarity_threshold = 0.3
	AS $$
		SELECT c.id, similarity(c.title_key, lower(f_unaccent(probe))) AS similarity
		FROM courses c
		WHERE c.title_key % lower(f_unaccent(probe))
			AND c.status = 'published'
			AND (exclude IS NULL OR c.id <> exclude)
			AND (c.provider_tenant_id = app_tenant_id() OR c.visibility = 'concern' OR app_is_concern_admin()
				OR EXISTS (SELECT 1 FROM course_audiences a WHERE a.course_id = c.id AND a.tenant_id = app_tenant_id()))
			AND (exclude IS NULL OR NOT EXISTS (SELECT 1 FROM duplicate_dismissals d
				WHERE d.course_a_id = least(c.id, exclude) AND d.course_b_id = greatest(c.id, exclude)))
		ORDER BY 2 DESC, c.id
		LIMIT least(max_rows, 100)
	$$;
--> statement-breakpoint

-- Where an old course URL leads: the end of its chain of merges (a merged course may have been
-- merged into one that was merged in turn). NULL when the course was not merged.
CREATE OR REPLACE FUNCTION course_redirect_target(course uuid) RETURNS uuid
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		WITH RECURSIVE chain(id, next, depth) AS (
			SELECT id, merged_into_course_id, 0 FROM courses WHERE id = course AND merged_into_course_id IS NOT NULL
			UNION ALL
			SELECT c.id, c.merged_into_course_id, chain.depth + 1 FROM chain JOIN courses c ON c.id = chain.next WHERE chain.depth < 20
		)
		SELECT id FROM chain WHERE next IS NULL ORDER BY depth DESC LIMIT 1
	$$;
--> statement-breakpoint

-- The caller passes the merge's id (a UUIDv7, ADR 004).
-- Folds one published course into another: its sessions (and so their enrolments) and its
-- offerings move to the canonical course, its provider becomes an offering unit of it, and it
-- becomes 'merged', pointing there. Everything moved is recorded, so undo restores it exactly.
CREATE OR REPLACE FUNCTION merge_course(merge_id uuid, canonical uuid, merged uuid) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	target courses%ROWTYPE;
	source courses%ROWTYPE;
	moved_sessions uuid[];
	moved_offerings uuid[];
	added_offerings uuid[];
BEGIN
	IF NOT app_is_concern_admin() THEN
		RAISE EXCEPTION 'only a concern administrator may merge courses' USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF canonical = merged THEN
		RAISE EXCEPTION 'MERGE_SAME_COURSE' USING ERRCODE = 'check_violation';
	END IF;
	-- Lock both rows in a fixed order, so two administrators merging crosswise cannot deadlock.
	PERFORM 1 FROM courses WHERE id IN (canonical, merged) ORDER BY id FOR UPDATE;
	SELECT * INTO target FROM courses WHERE id = canonical;
	SELECT * INTO source FROM courses WHERE id = merged;
	IF target.id IS NULL OR source.id IS NULL THEN
		RAISE EXCEPTION 'MERGE_COURSE_NOT_FOUND' USING ERRCODE = 'no_data_found';
	END IF;
	IF target.status <> 'published' OR source.status <> 'published' THEN
		RAISE EXCEPTION 'MERGE_NOT_PUBLISHED' USING ERRCODE = 'check_violation';
	END IF;

	WITH moved AS (UPDATE sessions SET course_id = canonical WHERE course_id = merged RETURNING id)
	SELECT coalesce(array_agg(id ORDER BY id), '{}') INTO moved_sessions FROM moved;

	-- Offerings of the merged course move over; a unit that already offers the canonical one keeps that.
	WITH gone AS (DELETE FROM course_offerings WHERE course_id = merged RETURNING tenant_id, created_at, created_by)
	SELECT coalesce(array_agg(tenant_id ORDER BY tenant_id), '{}') INTO moved_offerings FROM gone;
	WITH wanted AS (
		SELECT unnest(moved_offerings || source.provider_tenant_id) AS tenant_id
	), added AS (
		INSERT INTO course_offerings (tenant_id, course_id, created_by)
		SELECT DISTINCT w.tenant_id, canonical, app_user_id() FROM wanted w
		WHERE w.tenant_id <> target.provider_tenant_id
		ON CONFLICT DO NOTHING
		RETURNING tenant_id
	)
	SELECT coalesce(array_agg(tenant_id ORDER BY tenant_id), '{}') INTO added_offerings FROM added;

	UPDATE courses SET status = 'merged', merged_into_course_id = canonical, updated_at = now() WHERE id = merged;

	INSERT INTO course_merges (id, canonical_course_id, merged_course_id, previous_status, previous_updated_at,
		moved_session_ids, moved_offering_tenant_ids, added_offering_tenant_ids, merged_by)
	VALUES (merge_id, canonical, merged, source.status, source.updated_at,
		moved_sessions, moved_offerings, added_offerings, app_user_id());
END
$$;
--> statement-breakpoint

-- Undoes one merge: the sessions that moved go back, the offerings it added are removed and the
-- ones it moved return, and the merged course gets its status back. Sessions planned on the
-- canonical course since the merge stay there.
CREATE OR REPLACE FUNCTION undo_course_merge(merge uuid) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	m course_merges%ROWTYPE;
	canonical_now courses%ROWTYPE;
BEGIN
	IF NOT app_is_concern_admin() THEN
		RAISE EXCEPTION 'only a concern administrator may undo a merge' USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT * INTO m FROM course_merges WHERE id = merge FOR UPDATE;
	IF m.id IS NULL THEN
		RAISE EXCEPTION 'MERGE_NOT_FOUND' USING ERRCODE = 'no_data_found';
	END IF;
	IF m.undone_at IS NOT NULL THEN
		RAISE EXCEPTION 'MERGE_ALREADY_UNDONE' USING ERRCODE = 'check_violation';
	END IF;
	PERFORM 1 FROM courses WHERE id IN (m.canonical_course_id, m.merged_course_id) ORDER BY id FOR UPDATE;
	SELECT * INTO canonical_now FROM courses WHERE id = m.canonical_course_id;
	-- Once the canonical course is itself merged away, its sessions live elsewhere: undo that first.
	IF canonical_now.merged_into_course_id IS NOT NULL THEN
		RAISE EXCEPTION 'MERGE_CANONICAL_MERGED' USING ERRCODE = 'check_violation';
	END IF;

	UPDATE sessions SET course_id = m.merged_course_id WHERE id = ANY (m.moved_session_ids) AND course_id = m.canonical_course_id;
	DELETE FROM course_offerings WHERE course_id = m.canonical_course_id AND tenant_id = ANY (m.added_offering_tenant_ids);
	INSERT INTO course_offerings (tenant_id, course_id, created_by)
	SELECT unnest(m.moved_offering_tenant_ids), m.merged_course_id, app_user_id()
	ON CONFLICT DO NOTHING;
	UPDATE courses SET status = m.previous_status, merged_into_course_id = NULL, updated_at = m.previous_updated_at
	WHERE id = m.merged_course_id;
	UPDATE course_merges SET undone_at = now(), undone_by = app_user_id() WHERE id = m.id;
END
$$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION duplicate_candidate_ids(text, uuid, integer), course_redirect_target(uuid), merge_course(uuid, uuid, uuid), undo_course_merge(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION duplicate_candidate_ids(text, uuid, integer), course_redirect_target(uuid), merge_course(uuid, uuid, uuid), undo_course_merge(uuid) TO leerplein_app;
