-- A published bulletin cannot be edited or withdrawn: no UPDATE, DELETE or TRUNCATE of its row or of its records'
-- versions, whoever connects (as the audit trail: riskmap_audit_log_is_append_only).
CREATE OR REPLACE FUNCTION riskmap_campaign_publications_are_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;

CREATE OR REPLACE TRIGGER tr_campaign_publications_immutable
    BEFORE UPDATE OR DELETE ON campaign_publications
    FOR EACH ROW EXECUTE FUNCTION riskmap_campaign_publications_are_immutable();
CREATE OR REPLACE TRIGGER tr_campaign_publications_no_truncate
    BEFORE TRUNCATE ON campaign_publications
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_campaign_publications_are_immutable();
CREATE OR REPLACE TRIGGER tr_campaign_publication_records_immutable
    BEFORE UPDATE OR DELETE ON campaign_publication_records
    FOR EACH ROW EXECUTE FUNCTION riskmap_campaign_publications_are_immutable();
CREATE OR REPLACE TRIGGER tr_campaign_publication_records_no_truncate
    BEFORE TRUNCATE ON campaign_publication_records
    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_campaign_publications_are_immutable();
