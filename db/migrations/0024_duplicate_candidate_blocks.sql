-- Duplicate candidates by shared words (issue 4, ADR 011). At 50,000 template-like titles the trigram
-- search of migration 0019 rechecks thousands of rows ("… voor leidinggevenden bij …" shares trigrams with
-- half the catalogue). Like the concern-wide scan, a course's candidates are now the courses that share
-- a rare word of its title, ranked by trigram similarity.

-- The words of a title, lowercased without accents: what courses.title_words stores and the look-up splits.
CREATE OR REPLACE FUNCTION course_title_words(title text) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN array_remove(regexp_split_to_array(lower(f_unaccent(title)), '[^[:alnum:]]+'), '');
--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "title_words" text[] GENERATED ALWAYS AS (course_title_words(title)) STORED;--> statement-breakpoint
CREATE INDEX "courses_title_words" ON "courses" USING gin ("title_words");
--> statement-breakpoint

-- The visible, published courses among `ids`, most alike `probe_key` first: the visibility rule of the
-- courses policies, applied here because this runs as the owner; "not a duplicate" pairs with `exclude` left out.
CREATE OR REPLACE FUNCTION visible_duplicate_candidates(ids uuid[], probe_key text, exclude uuid, max_rows integer)
	RETURNS TABLE (id uuid, similarity real)
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT c.id, similarity(c.title_key, probe_key)
		FROM courses c
		WHERE c.id = ANY(ids) AND c.status = 'published' AND (exclude IS NULL OR c.id <> exclude)
			AND (c.provider_tenant_id = app_tenant_id() OR c.visibility = 'concern' OR app_is_concern_admin()
				OR EXISTS (SELECT 1 FROM course_audiences a WHERE a.course_id = c.id AND a.tenant_id = app_tenant_id()))
			AND (exclude IS NULL OR NOT EXISTS (SELECT 1 FROM duplicate_dismissals d WHERE d.course_a_id = least(c.id, exclude) AND d.course_b_id = greatest(c.id, exclude)))
		ORDER BY 2 DESC, c.id
		LIMIT least(max_rows, 100)
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION visible_duplicate_candidates(uuid[], text, uuid, integer) FROM PUBLIC;
--> statement-breakpoint

-- Candidates for duplicates of a title, ids only (the portal reads the courses through RLS): the courses
-- that share a rare word of the title (one used by at most 400 other courses: the topic, as a rule, not
-- "voor" or "praktijk"), or, when every word is common, the two rarest; a typo occurs nowhere, so it is
-- passed over; with no word in common at all, trigram similarity of the whole title. Counting a common
-- word costs milliseconds at 50,000 courses, so the planner's statistics of the column say how common
-- the words they list are, and only the others are counted (without statistics, every word is).
CREATE OR REPLACE FUNCTION duplicate_candidate_ids(probe text, exclude uuid, max_rows integer)
	RETURNS TABLE (id uuid, similarity real)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan
		SET pg_trgm.similarity_threshold = 0.3
	AS $$
DECLARE
	probe_key text := lower(f_unaccent(probe));
	word record;
	courses_with bigint;
	rare text[] := '{}';
	common text[] := '{}';
BEGIN
	FOR word IN
		SELECT DISTINCT w.word, coalesce(stats.freq * (SELECT reltuples FROM pg_class WHERE oid = 'courses'::regclass), 0) AS estimate
		FROM unnest(course_title_words(probe)) AS w(word)
		LEFT JOIN LATERAL (
			SELECT f.freq FROM pg_stats st, unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) AS f(elem, freq)
			WHERE st.schemaname = 'public' AND st.tablename = 'courses' AND st.attname = 'title_words' AND f.elem = w.word
		) stats ON true
		ORDER BY 2, 1
	LOOP
		-- The rest are common, by the statistics: worth counting only while no rare word was found.
		EXIT WHEN word.estimate > 1000 AND (cardinality(rare) > 0 OR cardinality(common) = 2);
		-- A word the statistics list is known well enough; one they do not (rare, or a typo) is counted.
		courses_with := CASE WHEN word.estimate > 0 AND word.estimate <= 400 THEN ceil(word.estimate)
			ELSE (SELECT count(*) FROM (SELECT 1 FROM courses c WHERE c.title_words @> ARRAY[word.word] AND c.id IS DISTINCT FROM exclude LIMIT 401) s) END;
		IF courses_with BETWEEN 1 AND 400 THEN
			rare := rare || word.word;
		ELSIF courses_with > 400 AND cardinality(common) < 2 THEN
			common := common || word.word;
		END IF;
	END LOOP;
	IF cardinality(rare) > 0 THEN
		RETURN QUERY SELECT v.id, v.similarity FROM visible_duplicate_candidates(
			ARRAY(SELECT c.id FROM courses c WHERE c.title_words && rare), probe_key, exclude, max_rows) v;
	ELSIF cardinality(common) > 0 THEN
		RETURN QUERY SELECT v.id, v.similarity FROM visible_duplicate_candidates(
			ARRAY(SELECT c.id FROM courses c WHERE c.title_words @> common), probe_key, exclude, max_rows) v;
	ELSE
		RETURN QUERY SELECT v.id, v.similarity FROM visible_duplicate_candidates(
			ARRAY(SELECT c.id FROM courses c WHERE c.title_key % probe_key), probe_key, exclude, max_rows) v;
	END IF;
END
$$;
