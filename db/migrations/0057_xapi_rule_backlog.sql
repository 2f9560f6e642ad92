CREATE TABLE "xapi_rule_backlog" (
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"queued_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xapi_rule_backlog_tenant_id_person_id_pk" PRIMARY KEY("tenant_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "xapi_rule_backlog" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "xapi_rule_backlog" ADD CONSTRAINT "xapi_rule_backlog_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_rule_backlog" ADD CONSTRAINT "xapi_rule_backlog_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "xapi_rule_backlog_own_unit" ON "xapi_rule_backlog" AS PERMISSIVE FOR ALL TO public USING ("xapi_rule_backlog"."tenant_id" = (select app_tenant_id())) WITH CHECK ("xapi_rule_backlog"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- Rules weighed after the answer (ADR 039): FORCE like every tenant table. A batch adds its people;
-- the evaluation takes them out (DELETE … RETURNING, SKIP LOCKED) in the unit's own context.
ALTER TABLE xapi_rule_backlog FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (queued_at), DELETE ON xapi_rule_backlog TO leerplein_app;
