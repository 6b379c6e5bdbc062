-- Keeps enterprises.location_quality (riskmap_location_quality_of) current, once per statement: a bulk import pays one
-- UPDATE over the rows it wrote and the rows sharing their old or new points, not one per row. Only changed values are
-- written (so a row's xmin and the data versions move only when flags do), and that UPDATE changes no location, address
-- or township, so the trigger it fires finds nothing to do.
CREATE OR REPLACE FUNCTION riskmap_location_quality_refresh(p_ids bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
    flags smallint[];
    n bigint;
BEGIN
    -- Two statements rather than "p_ids IS NULL OR id = ANY (p_ids)", so that a few ids are found through the primary key.
    IF p_ids IS NULL THEN
        SELECT array_agg(q.id), array_agg(q.flags) INTO ids, flags
        FROM (SELECT e.id, e.location_quality, riskmap_location_quality_of(e.id, e.location, e.address, e.township_code) AS flags
              FROM enterprises e) q
        WHERE q.location_quality IS DISTINCT FROM q.flags;
    ELSE
        SELECT array_agg(q.id), array_agg(q.flags) INTO ids, flags
        FROM (SELECT e.id, e.location_quality, riskmap_location_quality_of(e.id, e.location, e.address, e.township_code) AS flags
              FROM enterprises e WHERE e.id = ANY (p_ids)) q
        WHERE q.location_quality IS DISTINCT FROM q.flags;
    END IF;
    -- No UPDATE when nothing changed: its statement triggers (data versions, counters) would fire for zero rows.
    IF ids IS NULL THEN
        RETURN 0;
    END IF;
    UPDATE enterprises e SET location_quality = c.flags FROM unnest(ids, flags) AS c(id, flags) WHERE e.id = c.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

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
