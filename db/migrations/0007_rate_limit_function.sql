-- Row-level security forced and no grants: only the function below reads or writes rate_limits.
ALTER TABLE rate_limits FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Counts one hit on `limit_key` and says whether it is still within `max_hits` per window.
-- One statement, so concurrent portal processes never lose a count; a window that has passed
-- starts again at 1. Stale keys are swept now and then so the table stays small.
CREATE OR REPLACE FUNCTION rate_limit_hit(limit_key text, window_seconds integer, max_hits integer, moment timestamptz)
	RETURNS TABLE (allowed boolean, retry_after_seconds integer)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	DECLARE
		counted rate_limits;
	BEGIN
		INSERT INTO rate_limits AS r (key, window_started_at, hits) VALUES (limit_key, moment, 1)
		ON CONFLICT (key) DO UPDATE SET
			window_started_at = CASE WHEN r.window_started_at <= moment - make_interval(secs => window_seconds) THEN moment ELSE r.window_started_at END,
			hits = CASE WHEN r.window_started_at <= moment - make_interval(secs => window_seconds) THEN 1 ELSE r.hits + 1 END
		RETURNING * INTO counted;
		IF random() < 0.01 THEN
			DELETE FROM rate_limits WHERE window_started_at < moment - interval '1 day';
		END IF;
		RETURN QUERY SELECT counted.hits <= max_hits,
			greatest(1, ceil(extract(epoch FROM counted.window_started_at + make_interval(secs => window_seconds) - moment)))::integer;
	END
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION rate_limit_hit(text, integer, integer, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION rate_limit_hit(text, integer, integer, timestamptz) TO leerplein_app;
