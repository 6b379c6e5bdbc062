-- Hazards carry their enterprise's township, kept equal to enterprises.township_code by riskmap_hazards_township and
-- riskmap_enterprises_township_to_hazards. Counting open hazards per township of a district then reads one range of
-- ix_hazards_township_code_open_until per township (township, the day a hazard stopped being open, found_on; covering
-- sector, level, deadline, enterprise_id, deadline_extended and id for the deadline in force, and rectified_on and
-- closed_on, without which PostgreSQL will not answer from the expression index alone) instead of joining every hazard
-- to its enterprise. Not modelled by EF Core: only SQL reads it.
ALTER TABLE hazards ADD COLUMN township_code varchar(9);

CREATE INDEX ix_hazards_township_code_open_until
    ON hazards (township_code, (coalesce(least(rectified_on, closed_on), 'infinity'::date)), found_on)
    INCLUDE (sector, level, deadline, enterprise_id, rectified_on, closed_on, deadline_extended, id);

-- Statistics from the start: PostgreSQL plans a never-analysed table as if it held at least ten pages, which on the
-- few hazards of a new database picks other plans than the open_until index ranges the queries are written for.
ANALYZE hazards;
