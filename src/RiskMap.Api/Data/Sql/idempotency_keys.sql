-- idempotency_keys (Features/Field/IdempotentWrites; not in EF Core's model, only SQL reads and writes it): the first
-- answer to each write a client sent with an Idempotency-Key header, per user and key, so that a repeat answers it
-- again instead of writing a second record. The row is inserted in the transaction of the write itself
-- (IdempotentWrites): a repeat arriving while the first runs waits on the primary key until the first commits (then
-- finds its answer) or rolls back (then writes itself). Only successful answers are kept; a refused request leaves no
-- row. request_sha256 is the SHA-256 of the method, the path and the body bytes. Rows are deleted after
-- RiskMap:Idempotency:KeepDays (at least 30) by the cleanup job (ix_idempotency_keys_created_at).
CREATE TABLE idempotency_keys (
    user_name text NOT NULL,
    key varchar(255) NOT NULL,
    endpoint text NOT NULL,
    request_sha256 bytea NOT NULL CHECK (length(request_sha256) = 32),
    status integer CHECK (status BETWEEN 200 AND 299),
    location text,
    response_body text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_name, key)
);
CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
