-- An enterprise's township is derived from its point (riskmap_township_of) whenever the point or the township is
-- written; a township written by hand is replaced by the derived one.
CREATE OR REPLACE FUNCTION riskmap_enterprises_assign_township() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.township_code := riskmap_township_of(NEW.location);
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER tr_enterprises_assign_township
    BEFORE INSERT OR UPDATE OF location, township_code ON enterprises
    FOR EACH ROW EXECUTE FUNCTION riskmap_enterprises_assign_township();
