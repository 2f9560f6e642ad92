CREATE TABLE "xapi_clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_used_at" timestamp with time zone,
	"statement_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xapi_clients_key_unique" UNIQUE("key"),
	CONSTRAINT "xapi_clients_name" CHECK (length("xapi_clients"."name") between 1 and 200),
	CONSTRAINT "xapi_clients_scopes" CHECK ("xapi_clients"."scopes" <@ array['statements/write', 'statements/read/mine', 'statements/read', 'state']::text[])
);
--> statement-breakpoint
ALTER TABLE "xapi_clients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "xapi_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"activity_id" text DEFAULT '' NOT NULL,
	"agent_key" text DEFAULT '' NOT NULL,
	"registration" text DEFAULT '' NOT NULL,
	"document_id" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "xapi_documents_kind" CHECK ("xapi_documents"."kind" in ('state', 'activity_profile', 'agent_profile'))
);
--> statement-breakpoint
ALTER TABLE "xapi_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "xapi_statements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"statement" jsonb NOT NULL,
	"verb_id" text NOT NULL,
	"actor_key" text,
	"object_agent_key" text,
	"agent_keys" text[] NOT NULL,
	"activity_id" text,
	"activity_ids" text[] NOT NULL,
	"target_id" uuid,
	"registration" uuid,
	"stored" timestamp (3) with time zone NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"authority" jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "xapi_statements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "xapi_statements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "xapi_clients" ADD CONSTRAINT "xapi_clients_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_documents" ADD CONSTRAINT "xapi_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD CONSTRAINT "xapi_statements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD CONSTRAINT "xapi_statements_client_id_xapi_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."xapi_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xapi_clients_tenant_id_index" ON "xapi_clients" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_documents_tenant_id_kind_activity_id_agent_key_registration_document_id_index" ON "xapi_documents" USING btree ("tenant_id","kind","activity_id","agent_key","registration","document_id");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_actor_key_verb_id_stored_index" ON "xapi_statements" USING btree ("tenant_id","actor_key","verb_id","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_stored_index" ON "xapi_statements" USING btree ("tenant_id","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_activity_id_stored_index" ON "xapi_statements" USING btree ("tenant_id","activity_id","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_registration_index" ON "xapi_statements" USING btree ("tenant_id","registration");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_target_id_index" ON "xapi_statements" USING btree ("tenant_id","target_id");--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_object_agent_key_stored_index" ON "xapi_statements" USING btree ("tenant_id","object_agent_key","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_agent_keys_index" ON "xapi_statements" USING gin ("agent_keys");--> statement-breakpoint
CREATE INDEX "xapi_statements_activity_ids_index" ON "xapi_statements" USING gin ("activity_ids");--> statement-breakpoint
CREATE POLICY "xapi_clients_own_unit" ON "xapi_clients" AS PERMISSIVE FOR ALL TO public USING ("xapi_clients"."tenant_id" = (select app_tenant_id())) WITH CHECK ("xapi_clients"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "xapi_documents_own_unit" ON "xapi_documents" AS PERMISSIVE FOR ALL TO public USING ("xapi_documents"."tenant_id" = (select app_tenant_id())) WITH CHECK ("xapi_documents"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "xapi_statements_own_unit" ON "xapi_statements" AS PERMISSIVE FOR ALL TO public USING ("xapi_statements"."tenant_id" = (select app_tenant_id())) WITH CHECK ("xapi_statements"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
-- hand-written below
-- The learning record store (ADR 039): FORCE like every tenant table.
ALTER TABLE xapi_clients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE xapi_statements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE xapi_documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Clients are registered, used (last use, volume) and switched off, never deleted.
GRANT SELECT, INSERT, UPDATE (name, scopes, active, last_used_at, statement_count) ON xapi_clients TO leerplein_app;
--> statement-breakpoint
-- Statements are immutable: inserted, and only ever marked voided.
GRANT SELECT, INSERT, UPDATE (voided) ON xapi_statements TO leerplein_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON xapi_documents TO leerplein_app;
--> statement-breakpoint
-- A client presents its key before any unit is known: the one look-up across units, by the key
-- the portal signed (ADR 024), answering the unit, the hash to compare and the scopes.
CREATE OR REPLACE FUNCTION xapi_client_by_key(client_key text, claim_expires_ms bigint, claim_mac text)
	RETURNS TABLE (id uuid, tenant_id uuid, name text, secret_hash text, scopes text[], active boolean)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT c.id, c.tenant_id, c.name, c.secret_hash, c.scopes, c.active FROM xapi_clients c
		WHERE c.key = client_key AND app_verify_claim('xapi-client|' || client_key, claim_expires_ms, claim_mac)
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION xapi_client_by_key(text, bigint, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xapi_client_by_key(text, bigint, text) TO leerplein_app;
