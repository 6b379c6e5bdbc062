-- Keeps township_parts in step with a township's boundary: its pieces are cut again whenever it is written.
CREATE OR REPLACE FUNCTION riskmap_townships_subdivide() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM township_parts WHERE township_code = NEW.code;
    INSERT INTO township_parts (township_code, part)
    SELECT NEW.code, d.geom FROM ST_Subdivide(NEW.boundary, 64) AS s(g), ST_Dump(s.g) AS d;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_townships_subdivide
    AFTER INSERT OR UPDATE OF boundary ON townships
    FOR EACH ROW EXECUTE FUNCTION riskmap_townships_subdivide();
