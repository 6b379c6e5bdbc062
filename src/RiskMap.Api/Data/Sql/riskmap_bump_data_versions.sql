-- Raises the data versions once per statement (statement-level triggers with transition tables: a bulk import pays one
-- grouped upsert per statement, not one per row). Every statement takes the '*' row first, so concurrent writers queue
-- on it in one order and the township rows taken after it cannot deadlock; TRUNCATE raises every row.
-- TG_ARGV[0]: the column holding a written row's township code (none for districts: '*' only).
CREATE OR REPLACE FUNCTION riskmap_bump_data_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    written text;
BEGIN
    UPDATE riskmap_data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE area = '*';
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE riskmap_data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE area <> '*';
    ELSIF TG_NARGS > 0 THEN
        written := CASE TG_OP
            WHEN 'INSERT' THEN format('SELECT %1$I FROM new_rows', TG_ARGV[0])
            WHEN 'DELETE' THEN format('SELECT %1$I FROM old_rows', TG_ARGV[0])
            ELSE format('SELECT %1$I FROM old_rows UNION ALL SELECT %1$I FROM new_rows', TG_ARGV[0]) END;
        EXECUTE format($sql$
            INSERT INTO riskmap_data_versions AS v (area, version, changed_at)
            SELECT t.area, 1, clock_timestamp()
            FROM (SELECT DISTINCT w.area FROM (%s) AS w(area) WHERE w.area IS NOT NULL) t
            ORDER BY t.area
            ON CONFLICT (area) DO UPDATE SET version = v.version + 1, changed_at = EXCLUDED.changed_at
            $sql$, written);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_districts_data_versions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions();

-- Per table: insert, update and delete with their transition tables (one event per such trigger), and truncate.
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('townships', 'code'), ('enterprises', 'township_code'), ('hazards', 'township_code')) AS v(tab, col) LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions(%3$L)', 'tr_' || t.tab || '_data_versions_insert', t.tab, t.col);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions(%3$L)', 'tr_' || t.tab || '_data_versions_update', t.tab, t.col);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions(%3$L)', 'tr_' || t.tab || '_data_versions_delete', t.tab, t.col);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER TRUNCATE ON %2$I
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions()', 'tr_' || t.tab || '_data_versions_truncate', t.tab);
    END LOOP;
END $$;
