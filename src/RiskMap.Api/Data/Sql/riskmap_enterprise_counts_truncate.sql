-- Emptying enterprises empties township_enterprise_counts (TRUNCATE has no transition tables).
CREATE OR REPLACE FUNCTION riskmap_enterprise_counts_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM township_enterprise_counts;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_enterprises_counts_truncate AFTER TRUNCATE ON enterprises
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_truncate();
