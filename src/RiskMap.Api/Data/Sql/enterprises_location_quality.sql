-- Location quality of an enterprise's point (riskmap_location_quality_of), a bitmask kept by the triggers of
-- riskmap_enterprises_location_quality: 1 SharedPoint, 2 NearLabelPoint, 4 CoarseCoordinates, 8 AddressNamesOtherTownship
-- (C# twin of the names: Features/LocationQuality/LocationQualityFlag). Not modelled by EF Core: only SQL reads it.
ALTER TABLE enterprises ADD COLUMN location_quality smallint NOT NULL DEFAULT 0
    CONSTRAINT ck_enterprises_location_quality CHECK (location_quality BETWEEN 0 AND 15);

-- The flagged enterprises only (the admin list, the map filter); unflagged rows are most rows and need no entry.
CREATE INDEX ix_enterprises_location_quality ON enterprises (location_quality) WHERE location_quality <> 0;

-- Label points near an enterprise's point, through ST_DWithin's bounding-box test.
CREATE INDEX ix_townships_label_point ON townships USING gist (label_point);

-- Pairs of enterprises an admin judged to be two different enterprises: the duplicate review queue never proposes them
-- again. first_id < second_id, so a pair has one row.
CREATE TABLE enterprise_distinct_pairs (
    first_id bigint NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    second_id bigint NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    decided_at timestamptz NOT NULL DEFAULT now(),
    decided_by text NOT NULL,
    PRIMARY KEY (first_id, second_id),
    CONSTRAINT ck_enterprise_distinct_pairs_order CHECK (first_id < second_id)
);
CREATE INDEX ix_enterprise_distinct_pairs_second_id ON enterprise_distinct_pairs (second_id);
