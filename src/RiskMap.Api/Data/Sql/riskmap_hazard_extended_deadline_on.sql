-- The deadline in force on a day of a hazard whose deadline was extended: the deadline the first extension made after
-- the day replaced (the earliest extended_on, then the first recorded), or the current deadline when none was made
-- after it. Reads deadline_extensions through ix_deadline_extensions_hazard_id_extended_on. Not inlined (it holds a
-- subquery), so riskmap_hazard_deadline_on calls it only for hazards flagged deadline_extended.
CREATE OR REPLACE FUNCTION riskmap_hazard_extended_deadline_on(hazard_id bigint, deadline date, day date) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        (SELECT x.previous_deadline FROM deadline_extensions x
         WHERE x.hazard_id = riskmap_hazard_extended_deadline_on.hazard_id AND x.extended_on > day
         ORDER BY x.extended_on, x.id LIMIT 1),
        deadline)
$$;
