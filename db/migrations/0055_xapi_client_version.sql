DROP INDEX "xapi_statements_tenant_id_person_id_stored_index";--> statement-breakpoint
ALTER TABLE "xapi_clients" ADD COLUMN "xapi_version" text;--> statement-breakpoint
CREATE INDEX "xapi_statements_tenant_id_person_id_verb_id_timestamp_index" ON "xapi_statements" USING btree ("tenant_id","person_id","verb_id","timestamp");--> statement-breakpoint
ALTER TABLE "xapi_clients" ADD CONSTRAINT "xapi_clients_version" CHECK ("xapi_clients"."xapi_version" is null or "xapi_clients"."xapi_version" in ('2.0.0', '1.0.3'));--> statement-breakpoint
-- hand-written below
-- A client's version (ADR 039, "A client's version"): the coordinator sets it with the name and scopes.
GRANT UPDATE (xapi_version) ON xapi_clients TO leerplein_app;
--> statement-breakpoint
-- The key look-up (0051) answers the client's version too; its result type changes, so it is made anew.
DROP FUNCTION xapi_client_by_key(text, bigint, text);
--> statement-breakpoint
CREATE FUNCTION xapi_client_by_key(client_key text, claim_expires_ms bigint, claim_mac text)
	RETURNS TABLE (id uuid, tenant_id uuid, name text, secret_hash text, scopes text[], active boolean, xapi_version text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT c.id, c.tenant_id, c.name, c.secret_hash, c.scopes, c.active, c.xapi_version FROM xapi_clients c
		WHERE c.key = client_key AND app_verify_claim('xapi-client|' || client_key, claim_expires_ms, claim_mac)
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION xapi_client_by_key(text, bigint, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xapi_client_by_key(text, bigint, text) TO leerplein_app;
