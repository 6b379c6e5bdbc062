-- An enterprise that leaves a township (moved, the townships imported again, or deleted with its records) takes its
-- records' days along: the townships it left and joined are computed again (riskmap_township_record_days_refresh), once
-- per statement. A deleted enterprise's records are gone by then (their cascade runs as row triggers, before this one).
CREATE OR REPLACE FUNCTION riskmap_township_record_days_enterprises() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    moved varchar[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT o.township_code) INTO moved FROM old_rows o WHERE o.township_code IS NOT NULL;
    ELSE
        SELECT array_agg(DISTINCT c.code) INTO moved
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES (o.township_code), (n.township_code)) AS c(code)
        WHERE o.township_code IS DISTINCT FROM n.township_code AND c.code IS NOT NULL;
    END IF;
    IF moved IS NOT NULL THEN
        PERFORM riskmap_township_record_days_refresh(moved);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_enterprises_record_days_update AFTER UPDATE ON enterprises
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_township_record_days_enterprises();
CREATE OR REPLACE TRIGGER tr_enterprises_record_days_delete AFTER DELETE ON enterprises
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_township_record_days_enterprises();
