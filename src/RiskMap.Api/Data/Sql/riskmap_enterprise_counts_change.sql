-- township_enterprise_counts follows every statement on enterprises through its transition tables: inserted rows are
-- added, deleted rows subtracted, updated rows moved, so that a bulk import pays one grouped upsert per statement.
CREATE OR REPLACE FUNCTION riskmap_enterprise_counts_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE township_enterprise_counts c SET enterprises = c.enterprises - o.n
        FROM (SELECT township_code, sector, count(*) AS n FROM old_rows WHERE township_code IS NOT NULL GROUP BY 1, 2) o
        WHERE c.township_code = o.township_code AND c.sector = o.sector;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO township_enterprise_counts AS c (township_code, sector, enterprises)
        SELECT township_code, sector, count(*) FROM new_rows WHERE township_code IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (township_code, sector) DO UPDATE SET enterprises = c.enterprises + EXCLUDED.enterprises;
    END IF;
    DELETE FROM township_enterprise_counts WHERE enterprises = 0;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_enterprises_counts_insert AFTER INSERT ON enterprises
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_change();
CREATE OR REPLACE TRIGGER tr_enterprises_counts_update AFTER UPDATE ON enterprises
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_change();
CREATE OR REPLACE TRIGGER tr_enterprises_counts_delete AFTER DELETE ON enterprises
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_change();
