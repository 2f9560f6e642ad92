ALTER TABLE "xapi_clients" ADD COLUMN "previous_secret_hash" text;--> statement-breakpoint
ALTER TABLE "xapi_clients" ADD COLUMN "previous_secret_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "xapi_clients" ADD CONSTRAINT "xapi_clients_previous_secret" CHECK (("xapi_clients"."previous_secret_hash" is null) = ("xapi_clients"."previous_secret_until" is null));--> statement-breakpoint
-- hand-written below
-- A new secret (ADR 039, "A new secret"): the coordinator issues one; the one before it keeps
-- working for a while, so the system can be switched over without a gap. The app role may now set
-- the secret's hash (0051 withheld it while there was no verb for it).
GRANT UPDATE (secret_hash, previous_secret_hash, previous_secret_until) ON xapi_clients TO leerplein_app;
--> statement-breakpoint
-- The key look-up answers the previous secret too; its result type changes, so it is made anew.
DROP FUNCTION xapi_client_by_key(text, bigint, text);
--> statement-breakpoint
CREATE FUNCTION xapi_client_by_key(client_key text, claim_expires_ms bigint, claim_mac text)
	RETURNS TABLE (id uuid, tenant_id uuid, name text, secret_hash text, scopes text[], active boolean, xapi_version text, previous_secret_hash text, previous_secret_until timestamptz)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
		SELECT c.id, c.tenant_id, c.name, c.secret_hash, c.scopes, c.active, c.xapi_version, c.previous_secret_hash, c.previous_secret_until FROM xapi_clients c
		WHERE c.key = client_key AND app_verify_claim('xapi-client|' || client_key, claim_expires_ms, claim_mac)
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION xapi_client_by_key(text, bigint, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xapi_client_by_key(text, bigint, text) TO leerplein_app;
