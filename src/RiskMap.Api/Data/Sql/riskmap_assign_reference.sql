-- Every inspection, hazard and enforcement action has a reference (Domain/RecordReferences.cs): a row that arrives
-- without one (recorded through the API, or imported with an empty reference) gets RM-INS-{id}, RM-HZ-{id} or
-- RM-ENF-{id}, the prefix being the trigger's argument. Exports then name every record, so that an export imported
-- back updates the stored rows instead of adding copies. Identity values are filled in before BEFORE triggers run, so
-- NEW.id is known here; also on UPDATE, so that a reference cannot be cleared back to NULL.
CREATE OR REPLACE FUNCTION riskmap_assign_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.reference IS NULL THEN
        NEW.reference := TG_ARGV[0] || NEW.id;
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER inspections_assign_reference BEFORE INSERT OR UPDATE OF reference ON inspections
    FOR EACH ROW EXECUTE FUNCTION riskmap_assign_reference('RM-INS-');
CREATE OR REPLACE TRIGGER hazards_assign_reference BEFORE INSERT OR UPDATE OF reference ON hazards
    FOR EACH ROW EXECUTE FUNCTION riskmap_assign_reference('RM-HZ-');
CREATE OR REPLACE TRIGGER enforcement_actions_assign_reference BEFORE INSERT OR UPDATE OF reference ON enforcement_actions
    FOR EACH ROW EXECUTE FUNCTION riskmap_assign_reference('RM-ENF-');
