ALTER TABLE "courses" ADD CONSTRAINT "contact_both_or_neither" CHECK ((btrim("courses"."contact_name") = '') = (btrim("courses"."contact_email") = ''));
--> statement-breakpoint

-- Hand-written below: what drizzle-kit does not generate (ADR 010, 034; issue 14).

-- The typo-correction word list now holds the words of the learning goals and the target audience
-- too: migration 0042 made them searchable (weight D), so a misspelt word found only there gets its
-- "did you mean" as well. Still only published, concern-wide courses (migration 0016): a suggestion
-- never reveals a word of a draft or of a course opened to some units.
CREATE OR REPLACE FUNCTION course_search_text(c courses) RETURNS text
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT CASE WHEN c.status = 'published' AND c.visibility = 'concern'
			THEN concat_ws(' ', c.title, array_to_string(c.keywords, ' '), c.summary, c.description,
				(SELECT t.name_nl FROM themes t WHERE t.id = c.theme_id), c.learning_goals, c.target_audience)
		END
	$$;
--> statement-breakpoint

-- A course whose goals or audience change adds their new words, as a changed title does.
DROP TRIGGER course_updated_search_words ON courses;
--> statement-breakpoint
CREATE TRIGGER course_updated_search_words AFTER UPDATE OF title, keywords, summary, description, learning_goals, target_audience, theme_id, status, visibility ON courses
	FOR EACH ROW EXECUTE FUNCTION course_updated_search_words();
--> statement-breakpoint

-- The existing courses' goals and audiences into the list.
SELECT rebuild_search_words();
