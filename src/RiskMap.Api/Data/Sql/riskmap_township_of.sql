-- Township of a point: the township whose boundary covers it (ST_Covers, so a point on an edge counts), the lowest code
-- winning when the point lies on a border shared by several. Tested against the subdivided township_parts through
-- their GiST index ix_township_parts_part; answers as the whole boundaries would.
CREATE OR REPLACE FUNCTION riskmap_township_of(p geometry) RETURNS varchar
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT tp.township_code FROM township_parts tp WHERE ST_Covers(tp.part, p) ORDER BY tp.township_code LIMIT 1
$$;
