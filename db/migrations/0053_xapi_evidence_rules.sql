CREATE TABLE "passport_evidence_statements" (
	"tenant_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	CONSTRAINT "passport_evidence_statements_evidence_id_statement_id_pk" PRIMARY KEY("evidence_id","statement_id")
);
--> statement-breakpoint
ALTER TABLE "passport_evidence_statements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "xapi_evidence_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"competency_id" uuid NOT NULL,
	"grants_level" integer,
	"verb_id" text NOT NULL,
	"activity_match" text NOT NULL,
	"activity_pattern" text NOT NULL,
	"requires_success" boolean DEFAULT false NOT NULL,
	"min_score_kind" text,
	"min_score" double precision,
	"required_count" integer NOT NULL,
	"period_months" integer NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xapi_evidence_rules_name" CHECK (length("xapi_evidence_rules"."name") between 1 and 200),
	CONSTRAINT "xapi_evidence_rules_verb" CHECK (length("xapi_evidence_rules"."verb_id") between 1 and 500),
	CONSTRAINT "xapi_evidence_rules_activity" CHECK ("xapi_evidence_rules"."activity_match" in ('id', 'type') and length("xapi_evidence_rules"."activity_pattern") between 1 and 500),
	CONSTRAINT "xapi_evidence_rules_score" CHECK (("xapi_evidence_rules"."min_score_kind" is null) = ("xapi_evidence_rules"."min_score" is null) and ("xapi_evidence_rules"."min_score_kind" is null or "xapi_evidence_rules"."min_score_kind" = 'raw' or "xapi_evidence_rules"."min_score" between -1 and 1)),
	CONSTRAINT "xapi_evidence_rules_count" CHECK ("xapi_evidence_rules"."required_count" between 1 and 100 and "xapi_evidence_rules"."period_months" between 1 and 120),
	CONSTRAINT "xapi_evidence_rules_level" CHECK ("xapi_evidence_rules"."grants_level" is null or "xapi_evidence_rules"."grants_level" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "xapi_evidence_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "passport_evidence_statements" ADD CONSTRAINT "passport_evidence_statements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence_statements" ADD CONSTRAINT "passport_evidence_statements_evidence_id_passport_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."passport_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passport_evidence_statements" ADD CONSTRAINT "passport_evidence_statements_rule_id_xapi_evidence_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."xapi_evidence_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_evidence_rules" ADD CONSTRAINT "xapi_evidence_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_evidence_rules" ADD CONSTRAINT "xapi_evidence_rules_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_evidence_rules" ADD CONSTRAINT "xapi_evidence_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xapi_evidence_rules_tenant_id_active_index" ON "xapi_evidence_rules" USING btree ("tenant_id","active");--> statement-breakpoint
CREATE POLICY "passport_evidence_statements_own_unit" ON "passport_evidence_statements" AS PERMISSIVE FOR ALL TO public USING ("passport_evidence_statements"."tenant_id" = (select app_tenant_id())) WITH CHECK ("passport_evidence_statements"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "xapi_evidence_rules_own_unit" ON "xapi_evidence_rules" AS PERMISSIVE FOR ALL TO public USING ("xapi_evidence_rules"."tenant_id" = (select app_tenant_id())) WITH CHECK ("xapi_evidence_rules"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- Statements that count (ADR 039): FORCE like every tenant table.
ALTER TABLE xapi_evidence_rules FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE passport_evidence_statements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A piece of evidence rests on statements of its own unit's store (the composite key, as in 0052).
ALTER TABLE passport_evidence_statements ADD CONSTRAINT passport_evidence_statements_statement_fk FOREIGN KEY (tenant_id, statement_id) REFERENCES xapi_statements (tenant_id, id);
--> statement-breakpoint
-- A rule is added, switched on and off, never deleted or rewritten.
GRANT SELECT, INSERT, UPDATE (active, updated_at) ON xapi_evidence_rules TO leerplein_app;
--> statement-breakpoint
-- The link is written with its evidence and never changed, like the evidence itself.
GRANT SELECT, INSERT ON passport_evidence_statements TO leerplein_app;
