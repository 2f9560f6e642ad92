CREATE TABLE "tenant_brandings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"accent_colour" text,
	"logo" "bytea",
	"logo_type" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tenant_branding_accent" CHECK ("tenant_brandings"."accent_colour" is null or "tenant_brandings"."accent_colour" ~ '^#[0-9a-f]{6}$'),
	CONSTRAINT "tenant_branding_logo" CHECK (("tenant_brandings"."logo" is null and "tenant_brandings"."logo_type" is null) or ("tenant_brandings"."logo_type" in ('image/png', 'image/svg+xml') and octet_length("tenant_brandings"."logo") between 1 and 204800))
);
--> statement-breakpoint
ALTER TABLE "tenant_brandings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_brandings" ADD CONSTRAINT "tenant_brandings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_brandings_own_unit" ON "tenant_brandings" AS PERMISSIVE FOR ALL TO public USING ("tenant_brandings"."tenant_id" = (select app_tenant_id())) WITH CHECK ("tenant_brandings"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- A unit's own look (ADR 052). FORCE like every tenant table; the portal's role reads, sets and
-- removes its own unit's row (a reset to the concern look deletes it), and may not move a row to
-- another unit: its key is not among the columns it may update.
ALTER TABLE tenant_brandings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (accent_colour, logo, logo_type, updated_at), DELETE ON tenant_brandings TO leerplein_app;
