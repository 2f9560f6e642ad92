CREATE TYPE "public"."duplicate_scan_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "duplicate_scan_clusters" (
	"scan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"top_score" real NOT NULL,
	"reasons" text[] NOT NULL,
	"course_ids" uuid[] NOT NULL,
	"provider_tenant_ids" uuid[] NOT NULL,
	"courses" jsonb NOT NULL,
	CONSTRAINT "duplicate_scan_clusters_scan_id_position_pk" PRIMARY KEY("scan_id","position")
);
--> statement-breakpoint
ALTER TABLE "duplicate_scan_clusters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "duplicate_scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"status" "duplicate_scan_status" DEFAULT 'queued' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"cluster_count" integer,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer,
	"error" text,
	"rerun_requested" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "duplicate_scans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "duplicate_scan_clusters" ADD CONSTRAINT "duplicate_scan_clusters_scan_id_duplicate_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."duplicate_scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_scans" ADD CONSTRAINT "duplicate_scans_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_scans_one_active" ON "duplicate_scans" USING btree ((true)) WHERE "duplicate_scans"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "duplicate_scans_status_requested_at_index" ON "duplicate_scans" USING btree ("status","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "duplicate_scan_clusters_concern_admin" ON "duplicate_scan_clusters" AS PERMISSIVE FOR ALL TO public USING (app_is_concern_admin()) WITH CHECK (app_is_concern_admin());--> statement-breakpoint
CREATE POLICY "duplicate_scans_concern_admin" ON "duplicate_scans" AS PERMISSIVE FOR ALL TO public USING (app_is_concern_admin()) WITH CHECK (app_is_concern_admin());--> statement-breakpoint
-- Hand-written below (ADR 006, ADR 019): RLS forced on the scan tables and the portal's grants.
-- Only a concern administrator reads or writes them (the policies above); the scan job runs in
-- the requesting administrator's tenant context, and old scans are deleted when a new one is done.
ALTER TABLE duplicate_scans FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE duplicate_scan_clusters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON duplicate_scans TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON duplicate_scan_clusters TO leerplein_app;
