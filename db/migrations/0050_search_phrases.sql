CREATE TABLE "search_phrases" (
	"phrase" text PRIMARY KEY NOT NULL,
	"documents" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_phrases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "search_phrases_public_read" ON "search_phrases" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
-- hand-written below
-- Acronyms learned from the catalogue (issue 16, ADR 010 addendum 2026-12-05b): the clauses of the
-- published, concern-wide courses, kept beside search_words by the same functions and triggers.
-- Read by the portal once per catalogue version. FORCE like its neighbours.
ALTER TABLE search_phrases FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON search_phrases TO leerplein_app;
--> statement-breakpoint

-- The course's searchable text, now with its title, keywords and sentences kept apart by '; ' so
-- that its clauses can be read back; the word list splits on any non-letter, so it is unchanged.
CREATE OR REPLACE FUNCTION course_search_text(c courses) RETURNS text
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT CASE WHEN c.status = 'published' AND c.visibility = 'concern'
			THEN concat_ws('; ', c.title, array_to_string(c.keywords, '; '), c.summary, c.description,
				(SELECT t.name_nl FROM themes t WHERE t.id = c.theme_id), c.learning_goals, c.target_audience)
		END
	$$;
--> statement-breakpoint

-- The clauses of some course texts of two or more words (lower case, no accents), with how many
-- texts hold each.
CREATE OR REPLACE FUNCTION search_phrases_of(texts text[])
	RETURNS TABLE (phrase text, documents integer)
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT p, count(*)::integer
		FROM unnest(texts) AS t(body)
		CROSS JOIN LATERAL (
			SELECT DISTINCT trim(part) AS p FROM regexp_split_to_table(lower(f_unaccent(t.body)), '[;.,:!?()"\n]') part
		) clauses
		WHERE length(p) BETWEEN 3 AND 200 AND p ~ '[a-z0-9][ -][a-z0-9]'
		GROUP BY p
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION rebuild_search_words() RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		DELETE FROM search_words;
		INSERT INTO search_words (word, lexeme, documents)
		SELECT word, lexeme, documents FROM search_words_of(array(SELECT course_search_text(c) FROM courses c WHERE course_search_text(c) IS NOT NULL))
		WHERE lexeme IS NOT NULL;
		DELETE FROM search_phrases;
		INSERT INTO search_phrases (phrase, documents)
		SELECT phrase, documents FROM search_phrases_of(array(SELECT course_search_text(c) FROM courses c WHERE course_search_text(c) IS NOT NULL));
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION add_search_words(texts text[]) RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		WITH counted AS (
			SELECT part AS word, count(*)::integer AS documents
			FROM unnest(texts) AS t(body)
			CROSS JOIN LATERAL (SELECT DISTINCT p FROM regexp_split_to_table(lower(f_unaccent(t.body)), '[^a-z0-9]+') p) AS words(part)
			WHERE length(part) BETWEEN 3 AND 40
			GROUP BY part
		),
		known AS (
			UPDATE search_words s SET documents = s.documents + c.documents FROM counted c WHERE s.word = c.word RETURNING s.word
		)
		-- Only words new to the list need their stem worked out.
		INSERT INTO search_words (word, lexeme, documents)
		SELECT c.word, l.lexeme, c.documents
		FROM counted c
		CROSS JOIN LATERAL (SELECT x.lexeme FROM unnest(to_tsvector('public.dutch_unaccent', c.word)) x LIMIT 1) l
		WHERE NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = c.word)
		ON CONFLICT (word) DO NOTHING;
		INSERT INTO search_phrases (phrase, documents)
		SELECT phrase, documents FROM search_phrases_of(texts)
		ON CONFLICT (phrase) DO UPDATE SET documents = search_phrases.documents + excluded.documents;
	$$;
--> statement-breakpoint

-- The existing courses' clauses into the list.
SELECT rebuild_search_words();
