-- Open on a day: found on or before it, and neither rectified nor closed on or before it (status Open or Rectifying
-- at the end of the day). Inlined by the planner (LANGUAGE sql, IMMUTABLE, not STRICT) into
-- found_on <= day AND coalesce(least(rectified_on, closed_on), 'infinity') > day, which the open_until indexes serve.
CREATE OR REPLACE FUNCTION riskmap_hazard_open_on(h hazards, day date) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT h.found_on <= day AND riskmap_hazard_open_until(h) > day
$$;
