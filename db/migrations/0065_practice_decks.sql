CREATE TABLE "practice_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"stability" double precision NOT NULL,
	"difficulty" double precision NOT NULL,
	"elapsed_days" integer NOT NULL,
	"scheduled_days" integer NOT NULL,
	"learning_steps" integer NOT NULL,
	"reps" integer NOT NULL,
	"lapses" integer NOT NULL,
	"state" smallint NOT NULL,
	"last_review" timestamp with time zone,
	CONSTRAINT "practice_cards_user_question" UNIQUE("user_id","question_id"),
	CONSTRAINT "practice_cards_state" CHECK ("practice_cards"."state" between 0 and 3)
);
--> statement-breakpoint
ALTER TABLE "practice_cards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "practice_course_opt_outs" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	CONSTRAINT "practice_course_opt_outs_user_id_course_id_pk" PRIMARY KEY("user_id","course_id")
);
--> statement-breakpoint
ALTER TABLE "practice_course_opt_outs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "practice_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"prompt" text NOT NULL,
	"options" jsonb NOT NULL,
	"correct_option" smallint NOT NULL,
	"explanation" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "practice_questions_kind" CHECK ("practice_questions"."kind" in ('choice', 'true_false')),
	CONSTRAINT "practice_questions_prompt" CHECK (char_length("practice_questions"."prompt") between 1 and 500),
	CONSTRAINT "practice_questions_explanation" CHECK (char_length("practice_questions"."explanation") between 1 and 1000),
	CONSTRAINT "practice_questions_options" CHECK (jsonb_typeof("practice_questions"."options") = 'array' and jsonb_array_length("practice_questions"."options") between 2 and 5),
	CONSTRAINT "practice_questions_correct" CHECK ("practice_questions"."correct_option" >= 0 and "practice_questions"."correct_option" < jsonb_array_length("practice_questions"."options"))
);
--> statement-breakpoint
ALTER TABLE "practice_questions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "practice_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"chosen_option" smallint NOT NULL,
	"correct" boolean NOT NULL,
	"rating" smallint NOT NULL,
	"state_before" smallint NOT NULL,
	"elapsed_days" integer NOT NULL,
	"scheduled_days" integer NOT NULL,
	"stability" double precision NOT NULL,
	"difficulty" double precision NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"predicted_recall" real
);
--> statement-breakpoint
ALTER TABLE "practice_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "practice_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"opted_out" boolean DEFAULT false NOT NULL,
	"digest_hour" smallint DEFAULT 8 NOT NULL,
	"last_digest_on" date,
	CONSTRAINT "practice_settings_hour" CHECK ("practice_settings"."digest_hour" between 0 and 23)
);
--> statement-breakpoint
ALTER TABLE "practice_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "practice_cards" ADD CONSTRAINT "practice_cards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cards" ADD CONSTRAINT "practice_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cards" ADD CONSTRAINT "practice_cards_question_id_practice_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."practice_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cards" ADD CONSTRAINT "practice_cards_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_course_opt_outs" ADD CONSTRAINT "practice_course_opt_outs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_course_opt_outs" ADD CONSTRAINT "practice_course_opt_outs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_course_opt_outs" ADD CONSTRAINT "practice_course_opt_outs_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_questions" ADD CONSTRAINT "practice_questions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_questions" ADD CONSTRAINT "practice_questions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_card_id_practice_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."practice_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_question_id_practice_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."practice_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_settings" ADD CONSTRAINT "practice_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_settings" ADD CONSTRAINT "practice_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_cards_tenant_id_user_id_due_index" ON "practice_cards" USING btree ("tenant_id","user_id","due");--> statement-breakpoint
CREATE INDEX "practice_questions_tenant_id_course_id_index" ON "practice_questions" USING btree ("tenant_id","course_id");--> statement-breakpoint
CREATE INDEX "practice_reviews_tenant_id_card_id_index" ON "practice_reviews" USING btree ("tenant_id","card_id");--> statement-breakpoint
CREATE INDEX "practice_reviews_question_id_index" ON "practice_reviews" USING btree ("question_id");--> statement-breakpoint
CREATE POLICY "practice_cards_own_unit" ON "practice_cards" AS PERMISSIVE FOR ALL TO public USING ("practice_cards"."tenant_id" = (select app_tenant_id())) WITH CHECK ("practice_cards"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "practice_course_opt_outs_own_unit" ON "practice_course_opt_outs" AS PERMISSIVE FOR ALL TO public USING ("practice_course_opt_outs"."tenant_id" = (select app_tenant_id())) WITH CHECK ("practice_course_opt_outs"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "practice_questions_own_unit" ON "practice_questions" AS PERMISSIVE FOR ALL TO public USING ("practice_questions"."tenant_id" = (select app_tenant_id())) WITH CHECK ("practice_questions"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "practice_questions_carded" ON "practice_questions" AS PERMISSIVE FOR SELECT TO public USING ("practice_questions"."tenant_id" = (select app_tenant_id()) or exists (select 1 from practice_cards c where c.question_id = "practice_questions"."id" and (c.user_id = (select app_user_id()) or (select app_user_id()) is null)));--> statement-breakpoint
CREATE POLICY "practice_reviews_own_unit" ON "practice_reviews" AS PERMISSIVE FOR ALL TO public USING ("practice_reviews"."tenant_id" = (select app_tenant_id())) WITH CHECK ("practice_reviews"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "practice_settings_own_unit" ON "practice_settings" AS PERMISSIVE FOR ALL TO public USING ("practice_settings"."tenant_id" = (select app_tenant_id())) WITH CHECK ("practice_settings"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- Question decks and spaced repetition (ADR 047). FORCE like every tenant table. A question is
-- written, changed and marked removed by its providing unit, never deleted (the cards and reviews
-- keep pointing at it); a card changes only its FSRS schedule; a review is written once; a setting
-- changes; an opt-out of a course is added and removed.
ALTER TABLE practice_questions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE practice_cards FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE practice_reviews FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE practice_settings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE practice_course_opt_outs FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (kind, prompt, options, correct_option, explanation, updated_at, removed_at) ON practice_questions TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review) ON practice_cards TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT ON practice_reviews TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (opted_out, digest_hour, last_digest_on) ON practice_settings TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON practice_course_opt_outs TO leerplein_app;--> statement-breakpoint

-- The first time an enrolment is completed, whatever path got it there, each question of the
-- course's deck becomes a card for its person, in their own unit, due at once (FSRS's empty card),
-- when the deck is active: at least five questions not removed. SECURITY DEFINER: the providing
-- unit's or the tool's context writes into the learner's unit, and reads the provider's deck.
-- Dated by the service clock, as the evaluation invitations are. A deck written or grown after a
-- completion gives that learner no cards (ADR 047).
CREATE OR REPLACE FUNCTION practice_cards_on_completion() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		v_course uuid;
		v_now timestamptz := passport_service_now();
	BEGIN
		SELECT s.course_id INTO v_course FROM sessions s WHERE s.id = NEW.session_id;
		IF (SELECT count(*) FROM practice_questions q WHERE q.course_id = v_course AND q.removed_at IS NULL) < 5 THEN
			RETURN NULL;
		END IF;
		INSERT INTO practice_cards (id, tenant_id, user_id, question_id, course_id, created_at, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
			SELECT gen_random_uuid(), NEW.tenant_id, NEW.user_id, q.id, v_course, v_now, v_now, 0, 0, 0, 0, 0, 0, 0, 0, NULL
			FROM practice_questions q
			WHERE q.course_id = v_course AND q.removed_at IS NULL
			ON CONFLICT (user_id, question_id) DO NOTHING;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER enrolments_practice_cards AFTER UPDATE OF status ON enrolments
	FOR EACH ROW WHEN (NEW.status = 'completed' AND OLD.status <> 'completed')
	EXECUTE FUNCTION practice_cards_on_completion();--> statement-breakpoint

-- The coordinator's view of a deck: per question of the caller's own course, across every unit,
-- how many learners answered it, how many answers, how many wrong, and how many lapses (a wrong
-- answer to a card in review). Counts only: no person, no unit, no date. SECURITY DEFINER because
-- the reviews live in the learners' units; answered only when the caller's (verified) unit
-- provides the course, else no row. The portal shows the figures from MIN_RESPONSES_SHOWN learners.
CREATE OR REPLACE FUNCTION practice_question_outcomes(p_course uuid)
	RETURNS TABLE (question_id uuid, learners bigint, answers bigint, wrong bigint, lapses bigint)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT q.id, count(DISTINCT c.user_id), count(r.id), count(r.id) FILTER (WHERE NOT r.correct), count(r.id) FILTER (WHERE NOT r.correct AND r.state_before = 2)
		FROM courses co
		JOIN practice_questions q ON q.course_id = co.id
		LEFT JOIN practice_reviews r ON r.question_id = q.id
		LEFT JOIN practice_cards c ON c.id = r.card_id
		WHERE co.id = p_course AND co.provider_tenant_id = app_tenant_id()
		GROUP BY q.id
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION practice_question_outcomes(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION practice_question_outcomes(uuid) TO leerplein_app;
