-- Merges enterprise p_merged into p_survivor: every row of every table with a foreign key to enterprises(id) (found in
-- pg_constraint, so a child table added later is moved too) is pointed at the survivor, the distinct-pair decisions of
-- the merged record are carried over to the survivor (a pair with itself or one already decided is dropped), and the
-- merged enterprise is deleted. Returns the rows moved per table and column. Runs in the caller's transaction; the
-- caller checks the two records (existence, same district, not the same) and writes the audit row.
CREATE OR REPLACE FUNCTION riskmap_enterprises_merge(p_survivor bigint, p_merged bigint)
RETURNS TABLE (table_name text, column_name text, moved bigint)
LANGUAGE plpgsql AS $$
DECLARE
    fk record;
    n bigint;
BEGIN
    INSERT INTO enterprise_distinct_pairs (first_id, second_id, decided_at, decided_by)
    SELECT least(p.other, p_survivor), greatest(p.other, p_survivor), p.decided_at, p.decided_by
    FROM (SELECT CASE WHEN d.first_id = p_merged THEN d.second_id ELSE d.first_id END AS other, d.decided_at, d.decided_by
          FROM enterprise_distinct_pairs d WHERE p_merged IN (d.first_id, d.second_id)) p
    WHERE p.other <> p_survivor
    ON CONFLICT DO NOTHING;
    DELETE FROM enterprise_distinct_pairs d WHERE p_merged IN (d.first_id, d.second_id);

    FOR fk IN
        SELECT c.conrelid::regclass::text AS tab, a.attname::text AS col
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'enterprises'::regclass AND cardinality(c.conkey) = 1
          AND c.conrelid <> 'enterprise_distinct_pairs'::regclass
        ORDER BY 1, 2
    LOOP
        EXECUTE format('UPDATE %s SET %I = $1 WHERE %I = $2', fk.tab, fk.col, fk.col) USING p_survivor, p_merged;
        GET DIAGNOSTICS n = ROW_COUNT;
        table_name := fk.tab;
        column_name := fk.col;
        moved := n;
        RETURN NEXT;
    END LOOP;

    DELETE FROM enterprises WHERE id = p_merged;
END $$;
