ALTER TYPE "public"."course_status" ADD VALUE 'merged';--> statement-breakpoint
CREATE TABLE "course_merges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"canonical_course_id" uuid NOT NULL,
	"merged_course_id" uuid NOT NULL,
	"previous_status" "course_status" NOT NULL,
	"previous_updated_at" timestamp with time zone NOT NULL,
	"moved_session_ids" uuid[] NOT NULL,
	"moved_offering_tenant_ids" uuid[] NOT NULL,
	"added_offering_tenant_ids" uuid[] NOT NULL,
	"merged_by" uuid NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" uuid,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "course_merges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "course_offerings" (
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "course_offerings_tenant_id_course_id_pk" PRIMARY KEY("tenant_id","course_id")
);
--> statement-breakpoint
ALTER TABLE "course_offerings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "duplicate_dismissals" (
	"course_a_id" uuid NOT NULL,
	"course_b_id" uuid NOT NULL,
	"dismissed_by" uuid NOT NULL,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duplicate_dismissals_course_a_id_course_b_id_pk" PRIMARY KEY("course_a_id","course_b_id"),
	CONSTRAINT "pair_ordered" CHECK ("duplicate_dismissals"."course_a_id" < "duplicate_dismissals"."course_b_id")
);
--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "merged_into_course_id" uuid;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "title_key" text GENERATED ALWAYS AS (lower(f_unaccent(title))) STORED;--> statement-breakpoint
ALTER TABLE "course_merges" ADD CONSTRAINT "course_merges_canonical_course_id_courses_id_fk" FOREIGN KEY ("canonical_course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_merges" ADD CONSTRAINT "course_merges_merged_course_id_courses_id_fk" FOREIGN KEY ("merged_course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_merges" ADD CONSTRAINT "course_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_merges" ADD CONSTRAINT "course_merges_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_offerings" ADD CONSTRAINT "course_offerings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_offerings" ADD CONSTRAINT "course_offerings_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_offerings" ADD CONSTRAINT "course_offerings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_course_a_id_courses_id_fk" FOREIGN KEY ("course_a_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_course_b_id_courses_id_fk" FOREIGN KEY ("course_b_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "course_merges_one_active" ON "course_merges" USING btree ("merged_course_id") WHERE "course_merges"."undone_at" is null;--> statement-breakpoint
CREATE INDEX "course_merges_merged_at_index" ON "course_merges" USING btree ("merged_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "course_merges_canonical_course_id_index" ON "course_merges" USING btree ("canonical_course_id");--> statement-breakpoint
CREATE INDEX "course_offerings_course_id_index" ON "course_offerings" USING btree ("course_id");--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_merged_into_course_id_courses_id_fk" FOREIGN KEY ("merged_into_course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "courses_title_trgm" ON "courses" USING gin ("title_key" gin_trgm_ops);--> statement-breakpoint
CREATE POLICY "courses_concern_admin_read" ON "courses" AS PERMISSIVE FOR SELECT TO public USING (("courses"."status" = 'published' or "courses"."merged_into_course_id" is not null) and app_is_concern_admin());--> statement-breakpoint
CREATE POLICY "course_merges_concern_admin_read" ON "course_merges" AS PERMISSIVE FOR SELECT TO public USING (app_is_concern_admin());--> statement-breakpoint
CREATE POLICY "course_merges_provider_read" ON "course_merges" AS PERMISSIVE FOR SELECT TO public USING (app_provides_course("course_merges"."merged_course_id") or app_provides_course("course_merges"."canonical_course_id"));--> statement-breakpoint
CREATE POLICY "course_offerings_with_course" ON "course_offerings" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from courses c where c.id = "course_offerings"."course_id"));--> statement-breakpoint
CREATE POLICY "course_offerings_own_unit" ON "course_offerings" AS PERMISSIVE FOR ALL TO public USING ("course_offerings"."tenant_id" = app_tenant_id()) WITH CHECK ("course_offerings"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "duplicate_dismissals_public_read" ON "duplicate_dismissals" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "duplicate_dismissals_concern_admin" ON "duplicate_dismissals" AS PERMISSIVE FOR ALL TO public USING (app_is_concern_admin()) WITH CHECK (app_is_concern_admin());