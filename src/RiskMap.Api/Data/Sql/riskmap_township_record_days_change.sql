-- township_record_days follows every statement on inspections, hazards and enforcement_actions through its transition
-- tables: the days of inserted (and updated) rows widen their township's range; a township whose range a deleted or
-- changed row bounded (its day equals the first or last day) is computed again from its own records, so a statement
-- costs what its rows' townships hold, not what the database holds. TRUNCATE computes every township again. A record's
-- township is its enterprise's (hazards carry it in township_code).
CREATE OR REPLACE FUNCTION riskmap_township_record_days_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    days text;
    stale varchar[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM riskmap_township_record_days_refresh(NULL);
        RETURN NULL;
    END IF;
    -- (id, township_code, first_day, last_day) of the rows of a transition table, %1$I.
    days := CASE TG_TABLE_NAME
        WHEN 'hazards' THEN 'SELECT r.id, r.township_code, r.found_on AS first_day, greatest(r.found_on, r.rectified_on, r.closed_on) AS last_day FROM %1$I r'
        ELSE 'SELECT r.id, e.township_code, r.date AS first_day, r.date AS last_day FROM %1$I r JOIN enterprises e ON e.id = r.enterprise_id' END;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format($sql$
            SELECT array_agg(DISTINCT o.township_code)
            FROM (%s %s) o
            JOIN township_record_days d ON d.township_code = o.township_code
            WHERE o.first_day <= d.first_day OR o.last_day >= d.last_day
            $sql$, format(days, 'old_rows'), CASE WHEN TG_OP = 'UPDATE' THEN 'EXCEPT ' || format(days, 'new_rows') ELSE '' END)
        INTO stale;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        EXECUTE format($sql$
            INSERT INTO township_record_days AS d (township_code, first_day, last_day)
            SELECT n.township_code, min(n.first_day), max(n.last_day)
            FROM (%s) n
            WHERE n.township_code IS NOT NULL
            GROUP BY n.township_code
            ORDER BY n.township_code
            ON CONFLICT (township_code) DO UPDATE
                SET first_day = least(d.first_day, EXCLUDED.first_day), last_day = greatest(d.last_day, EXCLUDED.last_day)
                WHERE EXCLUDED.first_day < d.first_day OR EXCLUDED.last_day > d.last_day
            $sql$, format(days, 'new_rows'));
    END IF;
    IF stale IS NOT NULL THEN
        PERFORM riskmap_township_record_days_refresh(stale);
    END IF;
    RETURN NULL;
END $$;

-- Per table: insert, update and delete with their transition tables (one event per such trigger), and truncate.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['inspections', 'hazards', 'enforcement_actions'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_township_record_days_change()', 'tr_' || t || '_record_days_insert', t);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_township_record_days_change()', 'tr_' || t || '_record_days_update', t);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_township_record_days_change()', 'tr_' || t || '_record_days_delete', t);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$I AFTER TRUNCATE ON %2$I
            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_township_record_days_change()', 'tr_' || t || '_record_days_truncate', t);
    END LOOP;
END $$;
