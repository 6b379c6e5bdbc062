-- Overdue on a day: open on the day (riskmap_hazard_open_on) and the deadline in force on the day
-- (riskmap_hazard_deadline_on) is before it. Inlined by the planner (LANGUAGE sql, STABLE, not STRICT).
CREATE OR REPLACE FUNCTION riskmap_hazard_overdue_on(h hazards, day date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT riskmap_hazard_open_on(h, day) AND riskmap_hazard_deadline_on(h, day) < day
$$;
