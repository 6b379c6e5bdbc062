-- Hazards by the day they stopped being open (riskmap_hazard_open_until: least of rectified_on and closed_on, infinity
-- while open), then found_on, covering enterprise_id, level, deadline, sector, rectified_on and closed_on (index-only
-- scans need the expression's own columns). "Open on day d" (riskmap_hazard_open_on) is then an index range
-- (open_until > d) instead of a scan of every hazard.
CREATE INDEX ix_hazards_open_until ON hazards ((coalesce(least(rectified_on, closed_on), 'infinity'::date)), found_on)
    INCLUDE (enterprise_id, level, deadline, sector, rectified_on, closed_on);
