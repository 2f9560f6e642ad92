ALTER TABLE "concern_settings" ADD COLUMN "default_pass_mark_percent" integer DEFAULT 55 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "collapse_key" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "occurrences" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "first_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lti_registration_tokens" ADD COLUMN "tool_registration_url" text;--> statement-breakpoint
ALTER TABLE "lti_registration_tokens" ADD COLUMN "refused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lti_registration_tokens" ADD COLUMN "refusal_error" text;--> statement-breakpoint
ALTER TABLE "lti_registration_tokens" ADD COLUMN "refusal_detail" text;--> statement-breakpoint
CREATE INDEX "audit_log_collapse_key_first_seen_at_index" ON "audit_log" USING btree ("collapse_key","first_seen_at" DESC NULLS LAST) WHERE "audit_log"."collapse_key" is not null;--> statement-breakpoint
ALTER TABLE "concern_settings" ADD CONSTRAINT "concern_settings_pass_mark" CHECK ("concern_settings"."default_pass_mark_percent" between 0 and 100);--> statement-breakpoint
-- Repeated refusals (a tool, or someone posing as one, sending what is refused) collapse into one
-- audit row per key and window that counts them, first and last seen by the service's clock
-- (issue 13). The audit log stays append-only for the app role: this function alone raises a
-- count, and only on a collapsed refusal's row. It writes into no unit's trail or the caller's
-- verified one, as the insert policy does, and for no person but the caller.
CREATE OR REPLACE FUNCTION audit_record_denial(
	denial_key text, window_seconds integer, moment timestamptz, tenant uuid, actor uuid,
	denied_action text, object_kind text, object text, client_origin text, request text, details jsonb
) RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		counted integer;
	BEGIN
		IF tenant IS NOT NULL AND tenant IS DISTINCT FROM app_tenant_id() THEN
			RAISE EXCEPTION 'denial refused: another unit''s trail' USING ERRCODE = '42501';
		END IF;
		IF actor IS NOT NULL AND actor IS DISTINCT FROM app_user_id() THEN
			RAISE EXCEPTION 'denial refused: another person' USING ERRCODE = '42501';
		END IF;
		PERFORM pg_advisory_xact_lock(hashtext('audit_record_denial|' || denial_key));
		UPDATE audit_log SET occurrences = occurrences + 1, last_seen_at = greatest(last_seen_at, moment)
		WHERE id = (
			SELECT id FROM audit_log
			WHERE collapse_key = denial_key AND tenant_id IS NOT DISTINCT FROM tenant
				AND first_seen_at > moment - make_interval(secs => window_seconds) AND first_seen_at <= moment
			ORDER BY first_seen_at DESC LIMIT 1
		)
		RETURNING occurrences INTO counted;
		IF FOUND THEN
			RETURN counted;
		END IF;
		INSERT INTO audit_log (tenant_id, actor_user_id, action, object_type, object_id, result, origin, request_id, after,
			collapse_key, occurrences, first_seen_at, last_seen_at)
		VALUES (tenant, actor, denied_action, object_kind, object, 'denied', client_origin, request, details,
			denial_key, 1, moment, moment);
		RETURN 1;
	END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_record_denial(text, integer, timestamptz, uuid, uuid, text, text, text, text, text, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_record_denial(text, integer, timestamptz, uuid, uuid, text, text, text, text, text, jsonb) TO leerplein_app;
--> statement-breakpoint
-- A refused Dynamic Registration kept against its token, so the concern administrator sees why
-- (Moodle's pop-up stays blank). It acts for the token's holder, whom no context names, so it takes
-- a claim the portal signed over its arguments ('registration-refusal|token|error|detail|moment',
-- ADR 024); and only a token that was issued and not yet used is marked. The answer says whether
-- there was such a token.
CREATE OR REPLACE FUNCTION lti_refuse_registration(token_hash text, refused_error text, refused_detail text, moment timestamptz,
	claim_expires_ms bigint, claim_mac text) RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim(concat_ws('|', 'registration-refusal', coalesce(token_hash, ''), coalesce(refused_error, ''), coalesce(refused_detail, ''),
				app_claim_moment(moment)), claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'registration refusal refused: unsigned' USING ERRCODE = '28000';
		END IF;
		UPDATE lti_registration_tokens SET refused_at = moment, refusal_error = left(refused_error, 100), refusal_detail = left(refused_detail, 1000)
		WHERE id = token_hash AND used_at IS NULL;
		RETURN FOUND;
	END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lti_refuse_registration(text, text, text, timestamptz, bigint, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lti_refuse_registration(text, text, text, timestamptz, bigint, text) TO leerplein_app;
