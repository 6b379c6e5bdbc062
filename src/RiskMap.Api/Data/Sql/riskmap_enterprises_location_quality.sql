-- Keeps enterprises.location_quality (riskmap_location_quality_of) current, once per statement: a bulk import pays one
-- UPDATE over the rows it wrote and the rows sharing their old or new points, not one per row. Only changed values are
-- written (so a row's xmin moves only when its flags do), and that UPDATE changes no location, address or township, so
-- the trigger it fires finds nothing to do.
CREATE OR REPLACE FUNCTION riskmap_location_quality_refresh(p_ids bigint[]) RETURNS bigint
LANGUAGE sql AS $$
    WITH updated AS (
        UPDATE enterprises e SET location_quality = q.flags
        FROM (SELECT x.id, riskmap_location_quality_of(x.id, x.location, x.address, x.township_code) AS flags
              FROM enterprises x WHERE p_ids IS NULL OR x.id = ANY (p_ids)) q
        WHERE e.id = q.id AND e.location_quality IS DISTINCT FROM q.flags
        RETURNING 1)
    SELECT count(*) FROM updated
$$;

-- Statement trigger on enterprises (one per event: transition tables allow one event per trigger).
CREATE OR REPLACE FUNCTION riskmap_enterprises_location_quality() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT a.id) INTO ids FROM (
            SELECT n.id FROM new_rows n
            UNION SELECT o.id FROM new_rows n JOIN enterprises o ON o.location && n.location AND o.location = n.location) a;
    ELSIF TG_OP = 'UPDATE' THEN
        WITH changed AS (
            SELECT n.id, n.location AS new_location, o.location AS old_location
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.location IS DISTINCT FROM o.location OR n.address IS DISTINCT FROM o.address
               OR n.township_code IS DISTINCT FROM o.township_code)
        SELECT array_agg(DISTINCT a.id) INTO ids FROM (
            SELECT c.id FROM changed c
            UNION SELECT e.id FROM changed c JOIN enterprises e ON e.location && c.new_location AND e.location = c.new_location
            UNION SELECT e.id FROM changed c JOIN enterprises e ON e.location && c.old_location AND e.location = c.old_location) a;
    ELSE
        SELECT array_agg(DISTINCT e.id) INTO ids
        FROM old_rows o JOIN enterprises e ON e.location && o.location AND e.location = o.location;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM riskmap_location_quality_refresh(ids);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_enterprises_location_quality_insert AFTER INSERT ON enterprises
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprises_location_quality();
CREATE OR REPLACE TRIGGER tr_enterprises_location_quality_update AFTER UPDATE ON enterprises
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprises_location_quality();
CREATE OR REPLACE TRIGGER tr_enterprises_location_quality_delete AFTER DELETE ON enterprises
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprises_location_quality();

-- Townships or a district outline written: label points, centroids, names and the townships of points may have moved,
-- so every enterprise is judged again in one pass (boundary imports are rare; the pass writes only changed flags).
CREATE OR REPLACE FUNCTION riskmap_areas_location_quality() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM riskmap_location_quality_refresh(NULL);
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_townships_location_quality AFTER INSERT OR UPDATE OR DELETE ON townships
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_areas_location_quality();
CREATE OR REPLACE TRIGGER tr_districts_location_quality AFTER UPDATE OF boundary ON districts
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_areas_location_quality();
