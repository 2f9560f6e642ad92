ALTER TABLE "courses" ADD COLUMN "learning_goals" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "target_audience" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "prerequisites" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "contact_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "contact_email" text DEFAULT '' NOT NULL;--> statement-breakpoint

-- Hand-written below: what drizzle-kit does not generate (ADR 010, issue 14).

-- The weighted document of one course, now with the learning goals and the target audience at
-- the lowest weight (D), beside the providing unit: a word found only there finds the course,
-- ranked below a course whose title or summary holds it. Otherwise unchanged from migration 0016.
CREATE OR REPLACE FUNCTION course_search_document(title text, keywords text[], summary text, description text, learning_goals text, target_audience text, theme uuid, provider uuid)
	RETURNS tsvector
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
		SELECT setweight(to_tsvector('public.dutch_unaccent', coalesce(title, '')), 'A')
			|| setweight(to_tsvector('public.dutch_unaccent', array_to_string(keywords, ' ') || ' '
				|| coalesce((SELECT t.name_nl || ' ' || t.name_en FROM themes t WHERE t.id = theme), '')), 'B')
			|| setweight(to_tsvector('public.dutch_unaccent', coalesce(summary, '') || ' ' || coalesce(description, '')), 'C')
			|| setweight(to_tsvector('public.dutch_unaccent', coalesce((SELECT u.name || ' ' || u.short_name FROM tenants u WHERE u.id = provider), '')
				|| ' ' || coalesce(learning_goals, '') || ' ' || coalesce(target_audience, '')), 'D')
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION courses_search_columns() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
	BEGIN
		NEW.search_document := course_search_document(NEW.title, NEW.keywords, NEW.summary, NEW.description, NEW.learning_goals, NEW.target_audience, NEW.theme_id, NEW.provider_tenant_id);
		NEW.search_title := search_normalise(NEW.title);
		RETURN NEW;
	END
	$$;
--> statement-breakpoint

-- A theme or unit renamed: the documents that name it are rebuilt.
CREATE OR REPLACE FUNCTION names_search_changed() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		UPDATE courses c
		SET search_document = course_search_document(c.title, c.keywords, c.summary, c.description, c.learning_goals, c.target_audience, c.theme_id, c.provider_tenant_id)
		WHERE (TG_TABLE_NAME = 'themes' AND c.theme_id = NEW.id) OR (TG_TABLE_NAME = 'tenants' AND c.provider_tenant_id = NEW.id);
		RETURN NULL;
	END
	$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION rebuild_catalogue_search() RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		UPDATE courses SET
			search_document = course_search_document(title, keywords, summary, description, learning_goals, target_audience, theme_id, provider_tenant_id),
			search_title = search_normalise(title);
		PERFORM refresh_course_sessions(array(SELECT id FROM courses));
		PERFORM rebuild_search_words();
		UPDATE catalogue_search_state SET version = version + 1 WHERE id = 1;
	END
	$$;
--> statement-breakpoint

-- The old six-argument document is called by nothing any more.
DROP FUNCTION course_search_document(text, text[], text, text, uuid, uuid);
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION course_search_document(text, text[], text, text, text, text, uuid, uuid) TO leerplein_app;
--> statement-breakpoint

-- The document follows the new columns too.
DROP TRIGGER courses_search_columns ON courses;
--> statement-breakpoint
CREATE TRIGGER courses_search_columns BEFORE INSERT OR UPDATE OF title, keywords, summary, description, learning_goals, target_audience, theme_id, provider_tenant_id ON courses
	FOR EACH ROW EXECUTE FUNCTION courses_search_columns();
