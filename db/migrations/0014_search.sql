CREATE TABLE "catalogue_search_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "catalogue_search_state_one_row" CHECK ("catalogue_search_state"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "catalogue_search_state" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "search_synonyms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"expansions" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "search_synonyms_term_unique" UNIQUE("term"),
	CONSTRAINT "search_synonyms_term_not_empty" CHECK (length("search_synonyms"."term") between 1 and 60),
	CONSTRAINT "search_synonyms_has_expansions" CHECK (cardinality("search_synonyms"."expansions") between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "search_synonyms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL,
	"lexeme" text NOT NULL,
	"documents" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_words" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "search_document" "tsvector";--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "search_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "session_starts" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "session_calendar" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search_synonyms" ADD CONSTRAINT "search_synonyms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_words_lexeme_index" ON "search_words" USING btree ("lexeme");--> statement-breakpoint
CREATE INDEX "search_words_word_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "courses_search_document_idx" ON "courses" USING gin ("search_document");--> statement-breakpoint
CREATE POLICY "catalogue_search_state_public_read" ON "catalogue_search_state" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "search_synonyms_public_read" ON "search_synonyms" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "search_synonyms_concern_admin" ON "search_synonyms" AS PERMISSIVE FOR ALL TO public USING (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin')) WITH CHECK (exists (select 1 from role_assignments r where r.user_id = app_user_id() and r.role = 'concern_admin'));--> statement-breakpoint
CREATE POLICY "search_words_public_read" ON "search_words" AS PERMISSIVE FOR SELECT TO public USING (true);