-- Computes the rows of township_record_days again from the records of the townships p_codes (NULL: every township):
-- inspection and enforcement dates, hazards' found_on for the first day and the latest of found_on, rectified_on and
-- closed_on for the last, of the enterprises now in each township.
CREATE OR REPLACE FUNCTION riskmap_township_record_days_refresh(p_codes varchar[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM township_record_days WHERE p_codes IS NULL OR township_code = ANY(p_codes);
    INSERT INTO township_record_days (township_code, first_day, last_day)
    SELECT e.township_code, min(r.first_day), max(r.last_day)
    FROM enterprises e
    CROSS JOIN LATERAL (
        SELECT i.date AS first_day, i.date AS last_day FROM inspections i WHERE i.enterprise_id = e.id
        UNION ALL SELECT h.found_on, greatest(h.found_on, h.rectified_on, h.closed_on) FROM hazards h WHERE h.enterprise_id = e.id
        UNION ALL SELECT a.date, a.date FROM enforcement_actions a WHERE a.enterprise_id = e.id
    ) r
    WHERE e.township_code IS NOT NULL AND (p_codes IS NULL OR e.township_code = ANY(p_codes))
    GROUP BY e.township_code;
END $$;
