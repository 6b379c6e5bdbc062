-- Versions of the map data per area, for cached answers' ETags (Features/DataVersion.cs): the row '*' counts every
-- statement that writes districts, townships, enterprises or hazards (and rows in no township); the row of a township
-- code counts the statements that wrote a row of that township. A code without a row reads as version 0. Not modelled
-- by EF Core: only SQL reads it.
CREATE TABLE riskmap_data_versions (
    area varchar(9) PRIMARY KEY,
    version bigint NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO riskmap_data_versions (area, version, changed_at) VALUES ('*', 1, now());
