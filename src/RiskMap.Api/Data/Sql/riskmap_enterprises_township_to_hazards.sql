-- An enterprise that changes township (its point moved, or the townships were imported again) takes its hazards along.
CREATE OR REPLACE FUNCTION riskmap_enterprises_township_to_hazards() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE hazards SET township_code = NEW.township_code WHERE enterprise_id = NEW.id;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_enterprises_township_to_hazards
    AFTER UPDATE ON enterprises
    FOR EACH ROW WHEN (OLD.township_code IS DISTINCT FROM NEW.township_code)
    EXECUTE FUNCTION riskmap_enterprises_township_to_hazards();
