-- The platform's private signing key sealed at rest with SECRETS_KEY (ADR 024, the step ADR 015
-- named): the portal seals the key it generates, and at start re-seals a key stored in the clear
-- through this function. Retired keys only ever serve their public half (the JWKS), so their
-- private half is discarded rather than kept in the clear. Signed like the other key functions.
CREATE OR REPLACE FUNCTION lti_seal_platform_key(key_id text, sealed_private jsonb, claim_expires_ms bigint, claim_mac text) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_verify_claim('platform-key|' || key_id, claim_expires_ms, claim_mac) THEN
			RAISE EXCEPTION 'platform key refused: unsigned' USING ERRCODE = '28000';
		END IF;
		IF jsonb_typeof(sealed_private -> 'sealed') IS DISTINCT FROM 'string' THEN
			RAISE EXCEPTION 'platform key refused: not sealed' USING ERRCODE = '22023';
		END IF;
		PERFORM pg_advisory_xact_lock(hashtext('lti_platform_keys'));
		UPDATE lti_platform_keys SET private_jwk = sealed_private WHERE kid = key_id AND retired_at IS NULL AND NOT private_jwk ? 'sealed';
		UPDATE lti_platform_keys SET private_jwk = '{"discarded": true}'::jsonb
			WHERE retired_at IS NOT NULL AND NOT private_jwk ? 'sealed' AND NOT private_jwk ? 'discarded';
	END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lti_seal_platform_key(text, jsonb, bigint, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lti_seal_platform_key(text, jsonb, bigint, text) TO leerplein_app;
