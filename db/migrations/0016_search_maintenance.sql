-- Catalogue search (issue 4, ADR 010), the parts drizzle-kit does not generate: the triggers
-- that keep each course's search columns right, the word list, the cache version, grants and
-- FORCE (ADR 006). Trigger functions that write rows of other units are SECURITY DEFINER.

-- The weighted document of one course: title (A), keywords and theme (B), summary and
-- description (C), the providing unit (D). Theme and unit names are read here, so a rename
-- must rebuild the documents (see the triggers on themes and tenants below).
CREATE OR REPLACE FUNCTION course_search_document(title text, keywords text[], summary text, description text, theme uuid, provider uuid)
	RETURNS tsvector
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT setweight(to_tsvector('public.dutch_unaccent', coalesce(title, '')), 'A')
			|| setweight(to_tsvector('public.dutch_unaccent', array_to_string(keywords, ' ') || ' '
				|| coalesce((SELECT t.name_nl || ' ' || t.name_en FROM themes t WHERE t.id = theme), '')), 'B')
			|| setweight(to_tsvector('public.dutch_unaccent', coalesce(summary, '') || ' ' || coalesce(description, '')), 'C')
			|| setweight(to_tsvector('public.dutch_unaccent', coalesce((SELECT u.name || ' ' || u.short_name FROM tenants u WHERE u.id = provider), '')), 'D')
	$$;
--> statement-breakpoint

-- Lower case, no accents, words separated by single spaces: the form exact-title and
-- phrase-in-title ranking compare ("BIO: informatiebeveiliging" -> "bio informatiebeveiliging").
CREATE OR REPLACE FUNCTION search_normalise(value text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT SET search_path = public, pg_temp
	AS $$ SELECT btrim(regexp_replace(lower(f_unaccent(value)), '[^a-z0-9&]+', ' ', 'g')) $$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION courses_search_columns() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
	BEGIN
		NEW.search_document := course_search_document(NEW.title, NEW.keywords, NEW.summary, NEW.description, NEW.theme_id, NEW.provider_tenant_id);
		NEW.search_title := search_normalise(NEW.title);
		RETURN NEW;
	END
	$$;
--> statement-breakpoint

-- The planned sessions of some courses, folded into the course rows: start times (ascending)
-- and 'YYYY-MM|City' per session, months in Dutch time. Sessions may belong to another unit
-- than the course (a unit that joins a shared course), hence SECURITY DEFINER.
CREATE OR REPLACE FUNCTION refresh_course_sessions(course_ids uuid[]) RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		UPDATE courses c
		SET session_starts = coalesce(x.starts, '{}'), session_calendar = coalesce(x.calendar, '{}')
		FROM unnest(course_ids) AS ids(id)
		LEFT JOIN LATERAL (
			SELECT array_agg(s.starts_at ORDER BY s.starts_at) AS starts,
				array_agg(DISTINCT to_char(s.starts_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') || '|' || coalesce(l.city, '')) AS calendar
			FROM sessions s LEFT JOIN locations l ON l.id = s.location_id
			WHERE s.course_id = ids.id AND s.status = 'planned'
		) x ON true
		WHERE c.id = ids.id
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION sessions_search_changed() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF TG_OP = 'INSERT' THEN
			PERFORM refresh_course_sessions(array(SELECT DISTINCT course_id FROM new_rows));
		ELSIF TG_OP = 'DELETE' THEN
			PERFORM refresh_course_sessions(array(SELECT DISTINCT course_id FROM old_rows));
		ELSE
			PERFORM refresh_course_sessions(array(SELECT course_id FROM new_rows UNION SELECT course_id FROM old_rows));
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION locations_search_changed() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		PERFORM refresh_course_sessions(array(SELECT DISTINCT course_id FROM sessions WHERE location_id = NEW.id));
		RETURN NULL;
	END
	$$;
--> statement-breakpoint

-- A theme or unit renamed: the documents that name it are rebuilt.
CREATE OR REPLACE FUNCTION names_search_changed() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		UPDATE courses c
		SET search_document = course_search_document(c.title, c.keywords, c.summary, c.description, c.theme_id, c.provider_tenant_id)
		WHERE (TG_TABLE_NAME = 'themes' AND c.theme_id = NEW.id) OR (TG_TABLE_NAME = 'tenants' AND c.provider_tenant_id = NEW.id);
		RETURN NULL;
	END
	$$;
--> statement-breakpoint

-- The words of some course texts (lower case, no accents, 3–40 letters) with their stem;
-- stop words have no stem and are left out.
CREATE OR REPLACE FUNCTION search_words_of(texts text[])
	RETURNS TABLE (word text, lexeme text, documents integer)
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT w.word, (SELECT l.lexeme FROM unnest(to_tsvector('public.dutch_unaccent', w.word)) l LIMIT 1), w.documents
		FROM (
			SELECT part AS word, count(*)::integer AS documents
			FROM unnest(texts) AS t(body)
			CROSS JOIN LATERAL (SELECT DISTINCT p FROM regexp_split_to_table(lower(f_unaccent(t.body)), '[^a-z0-9]+') p) AS words(part)
			WHERE length(part) BETWEEN 3 AND 40
			GROUP BY part
		) w
	$$;
--> statement-breakpoint

-- Only published, concern-wide courses feed the word list: a suggestion must never reveal
-- a word that only a draft or a course opened to some units contains.
CREATE OR REPLACE FUNCTION course_search_text(c courses) RETURNS text
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT CASE WHEN c.status = 'published' AND c.visibility = 'concern'
			THEN concat_ws(' ', c.title, array_to_string(c.keywords, ' '), c.summary, c.description,
				(SELECT t.name_nl FROM themes t WHERE t.id = c.theme_id))
		END
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION rebuild_search_words() RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		DELETE FROM search_words;
		INSERT INTO search_words (word, lexeme, documents)
		SELECT word, lexeme, documents FROM search_words_of(array(SELECT course_search_text(c) FROM courses c WHERE course_search_text(c) IS NOT NULL))
		WHERE lexeme IS NOT NULL;
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
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION courses_inserted_search_words() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		PERFORM add_search_words(array(SELECT course_search_text(n) FROM new_rows n WHERE course_search_text(n) IS NOT NULL));
		RETURN NULL;
	END
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION course_updated_search_words() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF course_search_text(NEW) IS NOT NULL THEN
			PERFORM add_search_words(array[course_search_text(NEW)]);
		END IF;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint

-- Every change that can alter a search result moves the version the search cache keys on.
CREATE OR REPLACE FUNCTION bump_catalogue_version() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		UPDATE catalogue_search_state SET version = version + 1 WHERE id = 1;
		RETURN NULL;
	END
	$$;
--> statement-breakpoint

INSERT INTO catalogue_search_state (id, version) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint

-- Everything the triggers keep, rebuilt in a few set-based statements: for this migration's
-- backfill, and for bulk loads (the seed) that switch the triggers off while they insert.
CREATE OR REPLACE FUNCTION rebuild_catalogue_search() RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		UPDATE courses SET
			search_document = course_search_document(title, keywords, summary, description, theme_id, provider_tenant_id),
			search_title = search_normalise(title);
		PERFORM refresh_course_sessions(array(SELECT id FROM courses));
		PERFORM rebuild_search_words();
		UPDATE catalogue_search_state SET version = version + 1 WHERE id = 1;
	END
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION rebuild_catalogue_search() FROM PUBLIC;
--> statement-breakpoint

-- Backfill existing rows before the row triggers exist.
SELECT rebuild_catalogue_search();
--> statement-breakpoint

CREATE TRIGGER courses_search_columns BEFORE INSERT OR UPDATE OF title, keywords, summary, description, theme_id, provider_tenant_id ON courses
	FOR EACH ROW EXECUTE FUNCTION courses_search_columns();
--> statement-breakpoint
CREATE TRIGGER courses_inserted_search_words AFTER INSERT ON courses
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION courses_inserted_search_words();
--> statement-breakpoint
CREATE TRIGGER course_updated_search_words AFTER UPDATE OF title, keywords, summary, description, theme_id, status, visibility ON courses
	FOR EACH ROW EXECUTE FUNCTION course_updated_search_words();
--> statement-breakpoint
CREATE TRIGGER sessions_search_inserted AFTER INSERT ON sessions
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sessions_search_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_search_updated AFTER UPDATE ON sessions
	REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sessions_search_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_search_deleted AFTER DELETE ON sessions
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sessions_search_changed();
--> statement-breakpoint
CREATE TRIGGER locations_search_changed AFTER UPDATE OF city ON locations
	FOR EACH ROW EXECUTE FUNCTION locations_search_changed();
--> statement-breakpoint
CREATE TRIGGER themes_search_renamed AFTER UPDATE OF name_nl, name_en ON themes
	FOR EACH ROW EXECUTE FUNCTION names_search_changed();
--> statement-breakpoint
CREATE TRIGGER tenants_search_renamed AFTER UPDATE OF name, short_name ON tenants
	FOR EACH ROW EXECUTE FUNCTION names_search_changed();
--> statement-breakpoint
CREATE TRIGGER courses_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON courses FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER sessions_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER course_audiences_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON course_audiences FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER themes_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON themes FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER tenants_catalogue_version AFTER UPDATE OF name, short_name ON tenants FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER locations_catalogue_version AFTER UPDATE OF city ON locations FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
--> statement-breakpoint
CREATE TRIGGER search_synonyms_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON search_synonyms FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version();
--> statement-breakpoint

-- Row-level security keeps the full-text operator (@@, not LEAKPROOF) from using the GIN index
-- on courses: policy conditions must run first. This function finds the matching courses with
-- the index and applies the same visibility rule as the courses policies for the caller's unit
-- (published courses only), so it reveals nothing the caller could not read; the search joins its ids back to
-- courses under RLS anyway.
CREATE OR REPLACE FUNCTION catalogue_text_matches(query tsquery) RETURNS SETOF uuid
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT c.id FROM courses c
		WHERE c.search_document @@ query AND c.status = 'published'
			AND (c.visibility = 'concern' OR c.provider_tenant_id = app_tenant_id()
				OR EXISTS (SELECT 1 FROM course_audiences a WHERE a.course_id = c.id AND a.tenant_id = app_tenant_id()))
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION catalogue_text_matches(tsquery) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION catalogue_text_matches(tsquery) TO leerplein_app;
--> statement-breakpoint

-- The maintenance functions are for triggers and the migrator only.
REVOKE ALL ON FUNCTION refresh_course_sessions(uuid[]), rebuild_search_words(), add_search_words(text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_normalise(text), course_search_document(text, text[], text, text, uuid, uuid) TO leerplein_app;
--> statement-breakpoint
GRANT SELECT ON search_words, catalogue_search_state TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON search_synonyms TO leerplein_app;
--> statement-breakpoint
ALTER TABLE search_words FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE catalogue_search_state FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE search_synonyms FORCE ROW LEVEL SECURITY;
