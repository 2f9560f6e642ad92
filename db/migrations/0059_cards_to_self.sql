CREATE TABLE "self_card_actions" (
	"tenant_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"text" text NOT NULL,
	"outcome" text,
	"outcome_note" text,
	CONSTRAINT "self_card_actions_card_id_position_pk" PRIMARY KEY("card_id","position"),
	CONSTRAINT "self_card_actions_position" CHECK ("self_card_actions"."position" between 1 and 5),
	CONSTRAINT "self_card_actions_text" CHECK (char_length("self_card_actions"."text") between 1 and 500),
	CONSTRAINT "self_card_actions_outcome" CHECK ("self_card_actions"."outcome" is null or "self_card_actions"."outcome" in ('done', 'partly', 'not_done')),
	CONSTRAINT "self_card_actions_note" CHECK ("self_card_actions"."outcome_note" is null or char_length("self_card_actions"."outcome_note") <= 500)
);
--> statement-breakpoint
ALTER TABLE "self_card_actions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "self_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"return_on" date NOT NULL,
	"mailed_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "self_cards_enrolmentId_unique" UNIQUE("enrolment_id")
);
--> statement-breakpoint
ALTER TABLE "self_cards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "self_card_actions" ADD CONSTRAINT "self_card_actions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_card_actions" ADD CONSTRAINT "self_card_actions_card_id_self_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."self_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_cards" ADD CONSTRAINT "self_cards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_cards" ADD CONSTRAINT "self_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_cards" ADD CONSTRAINT "self_cards_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_cards" ADD CONSTRAINT "self_cards_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_cards" ADD CONSTRAINT "self_cards_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "self_cards_tenant_id_user_id_index" ON "self_cards" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "self_cards_unmailed" ON "self_cards" USING btree ("tenant_id","return_on") WHERE "self_cards"."mailed_at" is null;--> statement-breakpoint
CREATE POLICY "self_card_actions_own_unit" ON "self_card_actions" AS PERMISSIVE FOR ALL TO public USING ("self_card_actions"."tenant_id" = (select app_tenant_id())) WITH CHECK ("self_card_actions"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "self_cards_own_unit" ON "self_cards" AS PERMISSIVE FOR ALL TO public USING ("self_cards"."tenant_id" = (select app_tenant_id())) WITH CHECK ("self_cards"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- Cards to self (ADR 042). FORCE like every tenant table. The portal writes a card and its
-- actions once, may move the return day, record the mail and the review, and the outcomes; it
-- never deletes one, and never changes what an action said. (INSERT is on every column: drizzle
-- names each one, with DEFAULT for those it leaves out.)
ALTER TABLE self_cards FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE self_card_actions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (return_on, mailed_at, reviewed_at) ON self_cards TO leerplein_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (outcome, outcome_note) ON self_card_actions TO leerplein_app;--> statement-breakpoint

-- The anonymous look back for the providing unit: per outcome, how many actions of the course's
-- reviewed cards, across every unit whose people took it, and how many cards that is. Nothing
-- else: no person, no text, no date. SECURITY DEFINER because the cards live in the
-- participants' units; answered only when the caller's (verified) unit provides the course,
-- else no row. The portal shows the counts only from MIN_RESPONSES_SHOWN reviewed cards.
CREATE OR REPLACE FUNCTION self_card_outcomes(p_course uuid)
	RETURNS TABLE (reviewed_cards bigint, done bigint, partly bigint, not_done bigint)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT count(DISTINCT sc.id), count(*) FILTER (WHERE a.outcome = 'done'), count(*) FILTER (WHERE a.outcome = 'partly'), count(*) FILTER (WHERE a.outcome = 'not_done')
		FROM courses c
		LEFT JOIN self_cards sc ON sc.course_id = c.id AND sc.reviewed_at IS NOT NULL
		LEFT JOIN self_card_actions a ON a.card_id = sc.id
		WHERE c.id = p_course AND c.provider_tenant_id = app_tenant_id()
		GROUP BY c.id
	$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION self_card_outcomes(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION self_card_outcomes(uuid) TO leerplein_app;
