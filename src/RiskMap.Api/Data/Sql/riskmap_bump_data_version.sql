-- Raises riskmap_data_version once per statement that writes districts, townships, enterprises or hazards.
CREATE OR REPLACE FUNCTION riskmap_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE riskmap_data_version SET version = version + 1, changed_at = clock_timestamp();
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_districts_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
CREATE OR REPLACE TRIGGER tr_townships_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON townships
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
CREATE OR REPLACE TRIGGER tr_enterprises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
CREATE OR REPLACE TRIGGER tr_hazards_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hazards
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
