-- The concern's overview of the quality passport (issue 15, item 8): per unit and competency, how
-- many red, orange and green dots, beside the unit's number of active people. The statuses are the
-- units' own (forced row-level security); this function alone reads across units, answers only a
-- concern administrator, and returns counts, never people.
CREATE OR REPLACE FUNCTION passport_overview()
	RETURNS TABLE (tenant_id uuid, competency_id uuid, red integer, orange integer, green integer, people integer)
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	BEGIN
		IF NOT app_is_concern_admin() THEN
			RAISE EXCEPTION 'passport overview refused: not a concern administrator' USING ERRCODE = '42501';
		END IF;
		RETURN QUERY
		SELECT s.tenant_id, s.competency_id,
			(count(*) FILTER (WHERE s.status = 'red'))::integer,
			(count(*) FILTER (WHERE s.status = 'orange'))::integer,
			(count(*) FILTER (WHERE s.status = 'green'))::integer,
			(SELECT count(*) FROM users u WHERE u.tenant_id = s.tenant_id AND u.active)::integer
		FROM passport_status s
		JOIN users u ON u.id = s.user_id AND u.active
		GROUP BY s.tenant_id, s.competency_id
		HAVING count(*) FILTER (WHERE s.status <> 'not_required') > 0;
	END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION passport_overview() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION passport_overview() TO leerplein_app;
