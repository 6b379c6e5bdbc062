-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever connects.
CREATE OR REPLACE FUNCTION riskmap_audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END $$;

CREATE OR REPLACE TRIGGER tr_audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION riskmap_audit_log_is_append_only();
CREATE OR REPLACE TRIGGER tr_audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_audit_log_is_append_only();
