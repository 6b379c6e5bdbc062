-- The location-quality bitmask of one enterprise (id, point, address, township), from the rows stored now:
--   1 SharedPoint: exactly the same coordinates as 3 or more other enterprises (a geocoder's "pancake"); exact equality
--     of the double values (geometry =), found through the GiST index ix_enterprises_location (&&).
--   2 NearLabelPoint: within 50 m (geography, metres) of a township's label point (townships.label_point, GiST
--     ix_townships_label_point) or of the centroid of the district of its township (ST_Centroid of the outline): where a
--     geocoder puts an address it only resolved to the township or the district. The 0.001° box before the metric test
--     holds 50 m up to latitude 63° (China ends at 53.6°).
--   4 CoarseCoordinates: longitude and latitude both with at most 3 decimals (about 100 m): x·1000 lies within 1e-6 of
--     an integer. Stored doubles keep no trace of the source text, so a point imported with 3 decimals in another
--     coordinate system (GCJ-02, BD-09) and converted to WGS-84 is not caught, and 1 point in 10⁶ precise ones is
--     caught by chance in each axis.
--   8 AddressNamesOtherTownship: the address contains the full name of another township of the same district (e.g.
--     梅湾街道) and not the name of the township its point falls in; nothing is said when the point is in no township.
CREATE OR REPLACE FUNCTION riskmap_location_quality_of(p_id bigint, p_location geometry, p_address text, p_township_code text)
RETURNS smallint
LANGUAGE sql STABLE AS $$
    SELECT (
        CASE WHEN (SELECT count(*) FROM (
                    SELECT 1 FROM enterprises o
                    WHERE o.location && p_location AND o.location = p_location AND o.id <> p_id
                    LIMIT 3) s) >= 3 THEN 1 ELSE 0 END
        | CASE WHEN EXISTS (
                    SELECT 1 FROM townships t
                    WHERE ST_DWithin(t.label_point, p_location, 0.001)
                      AND ST_DWithin(t.label_point::geography, p_location::geography, 50))
                 OR EXISTS (
                    SELECT 1 FROM townships own JOIN districts d ON d.code = own.district_code
                    WHERE own.code = p_township_code
                      AND ST_DWithin(ST_Centroid(d.boundary)::geography, p_location::geography, 50)) THEN 2 ELSE 0 END
        | CASE WHEN abs(ST_X(p_location) * 1000 - round(ST_X(p_location) * 1000)) < 1e-6
                AND abs(ST_Y(p_location) * 1000 - round(ST_Y(p_location) * 1000)) < 1e-6 THEN 4 ELSE 0 END
        | CASE WHEN p_address IS NOT NULL AND EXISTS (
                    SELECT 1 FROM townships own JOIN townships other ON other.district_code = own.district_code AND other.code <> own.code
                    WHERE own.code = p_township_code
                      AND strpos(p_address, other.name) > 0 AND strpos(p_address, own.name) = 0) THEN 8 ELSE 0 END
    )::smallint
$$;
