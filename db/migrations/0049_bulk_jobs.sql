CREATE TABLE "bulk_job_rows" (
	"job_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"tenant_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"employee_name" text,
	"course_title" text,
	"result" text,
	"outcome" text,
	"done_at" timestamp with time zone,
	CONSTRAINT "bulk_job_rows_job_id_position_pk" PRIMARY KEY("job_id","position"),
	CONSTRAINT "bulk_job_rows_result" CHECK ("bulk_job_rows"."result" in ('ok', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bulk_jobs_kind" CHECK ("bulk_jobs"."kind" in ('approve', 'decline')),
	CONSTRAINT "bulk_jobs_status" CHECK ("bulk_jobs"."status" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "bulk_jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ADD CONSTRAINT "bulk_job_rows_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ADD CONSTRAINT "bulk_job_rows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ADD CONSTRAINT "bulk_job_rows_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_jobs_finished_at_index" ON "bulk_jobs" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "bulk_jobs_tenant_id_requested_by_requested_at_index" ON "bulk_jobs" USING btree ("tenant_id","requested_by","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "bulk_job_rows_initiator" ON "bulk_job_rows" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select app_tenant_id()) and requested_by = (select app_user_id())) WITH CHECK (tenant_id = (select app_tenant_id()) and requested_by = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "bulk_jobs_initiator" ON "bulk_jobs" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select app_tenant_id()) and requested_by = (select app_user_id())) WITH CHECK (tenant_id = (select app_tenant_id()) and requested_by = (select app_user_id()));--> statement-breakpoint
-- hand-written below
-- Bulk work as a background job (ADR 038): FORCE like every tenant table; the portal (and the
-- worker, as the same role) reads and writes only the initiator's own batches.
ALTER TABLE bulk_jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE bulk_job_rows FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON bulk_jobs, bulk_job_rows TO leerplein_app;
--> statement-breakpoint
-- Retention: a batch (and its rows) finished before `before` is removed by the hourly
-- housekeeping, which acts as no one. One statement, across units, nothing else.
CREATE OR REPLACE FUNCTION purge_finished_bulk_jobs(before timestamptz)
	RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		WITH gone AS (DELETE FROM bulk_jobs WHERE finished_at < before RETURNING 1)
		SELECT count(*)::integer FROM gone
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION purge_finished_bulk_jobs(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION purge_finished_bulk_jobs(timestamptz) TO leerplein_app;
