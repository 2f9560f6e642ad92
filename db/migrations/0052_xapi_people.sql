CREATE TABLE "xapi_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"person_identifier" text NOT NULL,
	"account_home_page" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xapi_settings_person_identifier" CHECK ("xapi_settings"."person_identifier" in ('account', 'mbox')),
	CONSTRAINT "xapi_settings_home_page" CHECK (("xapi_settings"."person_identifier" = 'account') = ("xapi_settings"."account_home_page" is not null) and ("xapi_settings"."account_home_page" is null or length("xapi_settings"."account_home_page") between 8 and 500))
);
--> statement-breakpoint
ALTER TABLE "xapi_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "xapi_settings" ADD CONSTRAINT "xapi_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_person_id_stored_index" ON "xapi_statements" USING btree ("tenant_id","person_id","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_unmatched_index" ON "xapi_statements" USING btree ("tenant_id","actor_key","stored") WHERE "xapi_statements"."person_id" is null;--> statement-breakpoint
CREATE POLICY "xapi_settings_own_unit" ON "xapi_settings" AS PERMISSIVE FOR ALL TO public USING ("xapi_settings"."tenant_id" = (select app_tenant_id())) WITH CHECK ("xapi_settings"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- People matched to statements (ADR 039, "People"). FORCE like every tenant table.
ALTER TABLE xapi_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The matched person is an employee of the statement's own unit (the composite key, as in 0039);
-- should the person ever be removed, the statement goes back to the unmatched list, not away.
ALTER TABLE xapi_statements ADD CONSTRAINT xapi_statements_person_fk FOREIGN KEY (person_id, tenant_id) REFERENCES users (id, tenant_id) ON DELETE SET NULL (person_id);
--> statement-breakpoint
-- A coordinator chooses the identifier and changes it; a unit's setting is never removed.
GRANT SELECT, INSERT, UPDATE (person_identifier, account_home_page, updated_at) ON xapi_settings TO leerplein_app;
--> statement-breakpoint
-- Statements stay immutable: besides `voided` (0051) only the matched person may be set.
GRANT UPDATE (person_id) ON xapi_statements TO leerplein_app;
