-- Every instance caches authenticated API tokens (Features/Accounts/ApiTokenCache) and listens on this channel: a token
-- revoked or deleted (its user deleted) is announced with its SHA-256 hash when the transaction commits, whoever
-- changed it, so that no instance keeps trusting it.
CREATE OR REPLACE FUNCTION riskmap_api_tokens_notify_revoked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN
        PERFORM pg_notify('riskmap_api_token_revoked', OLD.token_hash);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER tr_api_tokens_notify_revoked
    AFTER UPDATE OR DELETE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION riskmap_api_tokens_notify_revoked();
