-- The rectification deadline in force on a day: the current deadline, unless it was extended after the day (then
-- riskmap_hazard_extended_deadline_on looks the history up). Inlined by the planner (LANGUAGE sql, STABLE, not STRICT),
-- so that a hazard never extended costs no lookup and index-only scans stay possible (deadline, deadline_extended and
-- id are in ix_hazards_township_code_open_until).
CREATE OR REPLACE FUNCTION riskmap_hazard_deadline_on(h hazards, day date) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN h.deadline_extended THEN riskmap_hazard_extended_deadline_on(h.id, h.deadline, day) ELSE h.deadline END
$$;
