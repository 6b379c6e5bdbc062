-- The first and last day of any record of each township's enterprises — the earliest and latest inspection,
-- hazard (found, rectified, closed) and enforcement date — kept by riskmap_township_record_days_change and
-- riskmap_township_record_days_enterprises, so that GET /api/v1/districts reads one row per township instead of looking
-- up every enterprise's records. A township without records has no row. Not modelled by EF Core: only SQL reads it.
CREATE TABLE township_record_days (
    township_code varchar(9) PRIMARY KEY,
    first_day date NOT NULL,
    last_day date NOT NULL
);
