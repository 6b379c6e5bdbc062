-- Enterprises per township and sector, kept by riskmap_enterprise_counts_change and riskmap_enterprise_counts_truncate,
-- so that the choropleth and the low-zoom tiles read a few thousand counters instead of counting a million
-- enterprises. Not modelled by EF Core: only SQL reads it.
CREATE TABLE township_enterprise_counts (
    township_code varchar(9) NOT NULL,
    sector varchar(32) NOT NULL,
    enterprises integer NOT NULL,
    PRIMARY KEY (township_code, sector)
);
