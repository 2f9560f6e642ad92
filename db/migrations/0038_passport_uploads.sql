CREATE TABLE "passport_uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"obtained_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"evidence_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "passport_upload_status" CHECK ("passport_uploads"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "passport_upload_type" CHECK ("passport_uploads"."content_type" in ('application/pdf', 'image/png', 'image/jpeg')),
	CONSTRAINT "passport_upload_size" CHECK ("passport_uploads"."byte_size" between 1 and 5242880 and octet_length("passport_uploads"."content") = "passport_uploads"."byte_size"),
	CONSTRAINT "passport_upload_note_length" CHECK (length("passport_uploads"."note") <= 500 and length("passport_uploads"."file_name") between 1 and 255),
	CONSTRAINT "passport_upload_decision" CHECK (("passport_uploads"."status" = 'pending' and "passport_uploads"."decided_at" is null and "passport_uploads"."reason" is null and "passport_uploads"."evidence_id" is null) or ("passport_uploads"."status" = 'approved' and "passport_uploads"."decided_at" is not null and "passport_uploads"."evidence_id" is not null) or ("passport_uploads"."status" = 'rejected' and "passport_uploads"."decided_at" is not null and length("passport_uploads"."reason") > 0 and "passport_uploads"."evidence_id" is null))
);
--> statement-breakpoint
ALTER TABLE "passport_uploads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "passport_uploads" ADD CONSTRAINT "passport_uploads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_uploads" ADD CONSTRAINT "passport_uploads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_uploads" ADD CONSTRAINT "passport_uploads_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_uploads" ADD CONSTRAINT "passport_uploads_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_uploads" ADD CONSTRAINT "passport_uploads_evidence_id_passport_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."passport_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "passport_uploads_tenant_id_status_created_at_index" ON "passport_uploads" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "passport_uploads_tenant_id_user_id_index" ON "passport_uploads" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE POLICY "passport_uploads_own_unit" ON "passport_uploads" AS PERMISSIVE FOR ALL TO public USING ("passport_uploads"."tenant_id" = (select app_tenant_id())) WITH CHECK ("passport_uploads"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "passport_uploads_self" ON "passport_uploads" AS PERMISSIVE FOR SELECT TO public USING ("passport_uploads"."user_id" = (select app_user_id()));--> statement-breakpoint

-- An upload is decided once: pending becomes approved or rejected, and then nothing changes. The
-- grant below allows only the decision's columns; this keeps the decision one-way.
CREATE OR REPLACE FUNCTION passport_upload_decided_once() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF OLD.status <> 'pending' THEN
			RAISE EXCEPTION 'a passport upload is decided once' USING ERRCODE = '23514';
		END IF;
		RETURN NEW;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER passport_upload_decided_once BEFORE UPDATE ON passport_uploads
	FOR EACH ROW EXECUTE FUNCTION passport_upload_decided_once();--> statement-breakpoint

-- No DELETE: the file stays, as evidence of what was approved or why it was rejected.
GRANT SELECT, INSERT ON passport_uploads TO leerplein_app;--> statement-breakpoint
GRANT UPDATE (status, decided_by, decided_at, reason, evidence_id) ON passport_uploads TO leerplein_app;--> statement-breakpoint
ALTER TABLE passport_uploads FORCE ROW LEVEL SECURITY;
