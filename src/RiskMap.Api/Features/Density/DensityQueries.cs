using Npgsql;

namespace RiskMap.Api.Features.Density;

/// <summary>SQL behind the hazard-density layer.</summary>
public static class DensityQueries
{
    /// <summary>
    /// The projection the hexagons are laid out in: ESRI:102025, Asia North Albers Equal Area Conic (standard parallels
    /// 15°N and 65°N, central meridian 95°E, WGS-84), shipped in PostGIS's spatial_ref_sys. Equal-area, so a hexagon of
    /// a given edge in metres covers the same ground anywhere in China (a conformal projection such as Web Mercator
    /// would make hexagons 12 % larger in area at 26°N than at the equator and differ from north to south of a
    /// prefecture); one projection for the whole country, so the grid of neighbouring districts lines up. Shapes are
    /// slightly sheared far from 95°E, which a density layer does not mind. A PROJ string (e.g. a district-centred
    /// Lambert azimuthal equal-area) would do as well for areas but is not cached by PostGIS and costs about 100 times
    /// more per transformation.
    /// </summary>
    public const int ProjectionSrid = 102025;

    /// <summary>The name of <see cref="ProjectionSrid"/>.</summary>
    public const string ProjectionName = "ESRI:102025";

    /// <summary>One hexagon with hazards.</summary>
    /// <param name="I">Grid column.</param>
    /// <param name="J">Grid row.</param>
    /// <param name="OpenMajor">Open major hazards.</param>
    /// <param name="OpenGeneral">Open general hazards.</param>
    /// <param name="GeoJson">The hexagon, WGS-84, as GeoJSON.</param>
    public sealed record HexagonRow(int I, int J, int OpenMajor, int OpenGeneral, string GeoJson);

    /// <summary>The filters of <see cref="HexagonsAsync"/>.</summary>
    /// <param name="District">District code.</param>
    /// <param name="Township">One township, or null.</param>
    /// <param name="Sectors">Sector codes, or null for all.</param>
    /// <param name="AsOf">Day hazards are open on.</param>
    /// <param name="Bbox">WGS-84 box the hexagons must touch, or null.</param>
    /// <param name="EdgeMetres">Hexagon edge in the projection, metres.</param>
    /// <param name="Scope">Townships the caller may read, or null for all.</param>
    public sealed record HexagonFilter(string District, string? Township, IReadOnlyCollection<string>? Sectors, DateOnly AsOf,
        Contract.BoundingBox? Bbox, double EdgeMetres, string[]? Scope);

    /// <summary>
    /// Counts the hazards open on the day (riskmap_hazard_open_on, <see cref="HazardSql"/>) of the enterprises located in
    /// the district's townships (hazards.township_code, through ix_hazards_township_code_open_until) in hexagons of
    /// <see cref="HexagonFilter.EdgeMetres"/>: each enterprise point goes to <see cref="ProjectionSrid"/>
    /// (ST_Transform) and into the one cell of ST_HexagonGrid — a grid anchored at the projection's origin, so a cell is
    /// the same in every request — that covers it; a point on the border of two cells goes to the one with the
    /// smaller (i, j), so that every hazard is counted exactly once. With a box, only the enterprises within two edges of
    /// it are read (GiST index on enterprises.location) and only the cells touching it are kept, each counted whole.
    /// Cells come back as GeoJSON polygons in WGS-84 (ST_Transform, ST_ForcePolygonCCW, 7 decimals).
    /// </summary>
    public static Task<List<HexagonRow>> HexagonsAsync(NpgsqlDataSource dataSource, HexagonFilter filter, CancellationToken cancellationToken)
    {
        var box = filter.Bbox;
        // Two edges in degrees of longitude at the box's far latitude: every cell touching the box has its points in there.
        var margin = box is { } b ? 2 * filter.EdgeMetres / (111_320 * Math.Cos(Math.Min(89, Math.Max(Math.Abs(b.MinLat), Math.Abs(b.MaxLat))) * Math.PI / 180)) : 0;
        return Sql.QueryAsync(dataSource, $"""
            WITH points AS (
                SELECT ST_Transform(e.location, {ProjectionSrid}) AS point, h.level
                FROM hazards h
                JOIN townships t ON t.code = h.township_code
                JOIN enterprises e ON e.id = h.enterprise_id
                WHERE t.district_code = @district
                  AND (@township::text IS NULL OR t.code = @township)
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
                  AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
                  AND {HazardSql.OpenAsOf("h", "@as_of")}
                  AND (NOT @boxed OR e.location && ST_Expand(ST_MakeEnvelope(@min_lon, @min_lat, @max_lon, @max_lat, 4326), @margin))
            ),
            placed AS (
                SELECT cell.i, cell.j, cell.geom, p.level
                FROM points p
                CROSS JOIN LATERAL (
                    SELECT g.i, g.j, g.geom FROM ST_HexagonGrid(@edge, p.point) g
                    WHERE ST_Intersects(g.geom, p.point)
                    ORDER BY g.i, g.j
                    LIMIT 1
                ) cell
            ),
            cells AS (
                SELECT i, j, geom,
                    count(*) FILTER (WHERE level = 'Major')::int AS open_major,
                    count(*) FILTER (WHERE level = 'General')::int AS open_general
                FROM placed
                GROUP BY i, j, geom
            )
            SELECT i, j, open_major, open_general, ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(geom, 4326)), 7) AS geometry
            FROM cells
            WHERE NOT @boxed OR ST_Intersects(ST_Transform(geom, 4326), ST_MakeEnvelope(@min_lon, @min_lat, @max_lon, @max_lat, 4326))
            ORDER BY i, j
            """,
            p =>
            {
                p.Text("district", filter.District);
                p.Text("township", filter.Township);
                p.TextArray("scope", filter.Scope);
                p.TextArray("sectors", filter.Sectors);
                p.Date("as_of", filter.AsOf);
                p.AddWithValue("edge", filter.EdgeMetres);
                p.AddWithValue("boxed", box is not null);
                p.AddWithValue("min_lon", box?.MinLon ?? 0);
                p.AddWithValue("min_lat", box?.MinLat ?? 0);
                p.AddWithValue("max_lon", box?.MaxLon ?? 0);
                p.AddWithValue("max_lat", box?.MaxLat ?? 0);
                p.AddWithValue("margin", margin);
            },
            r => new HexagonRow(r.Get<int>("i"), r.Get<int>("j"), r.Get<int>("open_major"), r.Get<int>("open_general"), r.Get<string>("geometry")),
            cancellationToken);
    }
}
