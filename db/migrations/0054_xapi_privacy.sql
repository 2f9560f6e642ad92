ALTER TABLE "xapi_settings" DROP CONSTRAINT "xapi_settings_home_page";--> statement-breakpoint
ALTER TABLE "xapi_settings" ALTER COLUMN "person_identifier" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "xapi_settings" ADD COLUMN "retention_months" integer;--> statement-breakpoint
CREATE INDEX "passport_evidence_statements_tenant_id_statement_id_index" ON "passport_evidence_statements" USING btree ("tenant_id","statement_id");--> statement-breakpoint
ALTER TABLE "xapi_settings" ADD CONSTRAINT "xapi_settings_retention" CHECK ("xapi_settings"."retention_months" is null or "xapi_settings"."retention_months" between 1 and 120);--> statement-breakpoint
ALTER TABLE "xapi_settings" ADD CONSTRAINT "xapi_settings_home_page" CHECK (coalesce("xapi_settings"."person_identifier" = 'account', false) = ("xapi_settings"."account_home_page" is not null) and ("xapi_settings"."account_home_page" is null or length("xapi_settings"."account_home_page") between 8 and 500));--> statement-breakpoint
-- hand-written below
-- Privacy (ADR 039, "Privacy"): a unit's coordinators erase a person's statements, and the daily
-- retention job removes statements stored longer ago than the unit keeps them. Hard deletes, in the
-- unit's own tenant context: forced row-level security (0051, 0053) still limits them to the unit.
-- Attachments are kept inside their statement's row (`attachments`), so they go with it.
GRANT DELETE ON xapi_statements TO leerplein_app;
--> statement-breakpoint
-- A statement's links to the passport evidence it supported go before it (the key of 0053); the
-- evidence itself stays: it is the passport's history and names its rule and statement in source_ref.
GRANT DELETE ON passport_evidence_statements TO leerplein_app;
--> statement-breakpoint
-- The coordinator sets the retention beside the identifier.
GRANT UPDATE (retention_months) ON xapi_settings TO leerplein_app;
