-- One row whose version riskmap_bump_data_version raises on every write to districts, townships, enterprises or
-- hazards; the tiles use it in their ETag. Not modelled by EF Core: only SQL reads it.
CREATE TABLE riskmap_data_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO riskmap_data_version (id, version, changed_at) VALUES (true, 1, now());
