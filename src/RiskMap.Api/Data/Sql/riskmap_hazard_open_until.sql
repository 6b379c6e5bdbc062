-- The day a hazard stopped being open: the earlier of the days it was rectified and closed (least ignores nulls),
-- 'infinity' while it is open. The expression of the indexes ix_hazards_open_until and
-- ix_hazards_township_code_open_until: LANGUAGE sql, IMMUTABLE and not STRICT, so that the planner inlines it and a
-- test on it is an index range. C# twin: HazardLifecycle.OpenUntil.
CREATE OR REPLACE FUNCTION riskmap_hazard_open_until(h hazards) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(least(h.rectified_on, h.closed_on), 'infinity'::date)
$$;
