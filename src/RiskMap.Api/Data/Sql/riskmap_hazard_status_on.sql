-- Lifecycle status at the end of a day: Closed, Rectified or Rectifying once the recorded day of that step has come,
-- otherwise Open. An imported hazard whose Rectifying day is not recorded counts as Rectifying while its current
-- status is Rectifying. Inlined by the planner (LANGUAGE sql, IMMUTABLE, not STRICT).
CREATE OR REPLACE FUNCTION riskmap_hazard_status_on(h hazards, day date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN h.closed_on <= day THEN 'Closed'
        WHEN h.rectified_on <= day THEN 'Rectified'
        WHEN h.rectifying_on <= day THEN 'Rectifying'
        WHEN h.rectifying_on IS NULL AND h.status = 'Rectifying' AND h.rectified_on IS NULL THEN 'Rectifying'
        ELSE 'Open'
    END
$$;
