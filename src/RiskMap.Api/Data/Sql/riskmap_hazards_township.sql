-- A hazard takes its enterprise's township (hazards.township_code) whenever it is written.
CREATE OR REPLACE FUNCTION riskmap_hazards_township() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.township_code := (SELECT e.township_code FROM enterprises e WHERE e.id = NEW.enterprise_id);
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER tr_hazards_township
    BEFORE INSERT OR UPDATE OF enterprise_id, township_code ON hazards
    FOR EACH ROW EXECUTE FUNCTION riskmap_hazards_township();
