-- Published campaign bulletins (通报): the parameters, the figures as published and the fingerprint of the records they
-- came from, and (campaign_publication_records) the id and version of every one of those records, so that a later
-- reading can say which records changed since. Both tables are append-only
-- (riskmap_campaign_publications_are_immutable). Codes are kept as text without foreign keys: a publication outlives
-- a boundary import that replaces its townships.
CREATE TABLE campaign_publications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL,
    district_code text NOT NULL,
    township_code text,
    period_from date NOT NULL,
    period_to date NOT NULL CHECK (period_to >= period_from),
    scope text[],
    figures jsonb NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    enterprises integer NOT NULL,
    inspections integer NOT NULL,
    hazards integer NOT NULL,
    enforcement_actions integer NOT NULL
);

CREATE TABLE campaign_publication_records (
    publication_id bigint NOT NULL REFERENCES campaign_publications (id),
    kind text NOT NULL CHECK (kind IN ('enterprise', 'inspection', 'hazard', 'enforcement')),
    record_id bigint NOT NULL,
    version text NOT NULL,
    PRIMARY KEY (publication_id, kind, record_id)
);
