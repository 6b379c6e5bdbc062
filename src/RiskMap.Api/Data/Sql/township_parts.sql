-- Every township boundary cut by ST_Subdivide into pieces of at most 64 vertices (kept by riskmap_townships_subdivide).
-- riskmap_township_of tests ST_Covers against the pieces: their small bounding boxes let the GiST index
-- ix_township_parts_part discard most of a large, detailed official boundary. Not modelled by EF Core: only SQL reads it.
CREATE TABLE township_parts (
    township_code varchar(9) NOT NULL REFERENCES townships (code) ON DELETE CASCADE,
    part geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX ix_township_parts_part ON township_parts USING gist (part);
CREATE INDEX ix_township_parts_township_code ON township_parts (township_code);
