using Npgsql;

namespace RiskMap.Api.Features.Tiles;

/// <summary>Filters of an enterprise tile; null members do not filter.</summary>
/// <param name="Sectors">Sector codes.</param>
/// <param name="OpenHazardLevel">Major, General, Any or None, as in <c>GET /api/v1/enterprises</c>.</param>
/// <param name="AsOf">Day open hazards are counted on.</param>
/// <param name="Scope">Readable township codes (<see cref="Accounts.ReadScope.AsArray"/>), null for every township.</param>
/// <param name="Township">One township's code, or null.</param>
public sealed record TileFilter(IReadOnlyCollection<string>? Sectors, string? OpenHazardLevel, DateOnly AsOf, string[]? Scope, string? Township = null);

/// <summary>A Web Mercator tile address (XYZ scheme, y counted from the north).</summary>
/// <param name="Z">Zoom, 0–22.</param>
/// <param name="X">Column, 0 .. 2^z − 1.</param>
/// <param name="Y">Row, 0 .. 2^z − 1.</param>
public readonly record struct TileAddress(int Z, int X, int Y);

/// <summary>SQL behind the vector tiles.</summary>
public static class TilesQueries
{
    /// <summary>Tile extent in MVT units (the Mapbox Vector Tile specification's default).</summary>
    public const int Extent = 4096;

    /// <summary>Buffer around the tile in MVT units (64 = 1/64 of the tile), so that symbols on tile edges are not cut.</summary>
    public const int Buffer = 64;

    /// <summary>Highest zoom whose tiles hold one cluster per township; grid clusters from the next zoom on.</summary>
    public const int TownshipClusterMaxZoom = 10;

    /// <summary>Highest zoom whose tiles hold clusters; from the next zoom on, tiles hold one point per enterprise.</summary>
    public const int ClusterMaxZoom = 12;

    /// <summary>
    /// Clusters per tile side: cells are 1/16 of the tile's width in degrees of longitude and as many degrees of latitude
    /// (16 px on a 256 px tile at the equator), on a grid fixed in degrees whose columns fall on tile borders.
    /// </summary>
    public const int ClusterCellsPerSide = 16;

    /// <summary>Name of the one layer of an enterprise tile.</summary>
    public const string Layer = "enterprises";

    /// <summary>
    /// The enterprise tile <paramref name="tile"/> as Mapbox Vector Tile bytes (empty when no enterprise lies in it and
    /// its buffer). Built in PostGIS: the tile's bounds from ST_TileEnvelope (EPSG:3857, with a <see cref="Buffer"/>
    /// margin) transformed to EPSG:4326 select points through the GiST index ix_enterprises_location (<c>&amp;&amp;</c>).
    /// Up to <see cref="TownshipClusterMaxZoom"/> each township touching the tile is one cluster at its
    /// ST_PointOnSurface, with properties <c>township</c>, <c>name</c>, <c>count</c>, <c>openMajor</c> and
    /// <c>openAny</c>: enterprises from the counters of township_enterprise_counts, enterprises with open hazards from
    /// ix_hazards_township_code_open_until (count of distinct enterprise ids; there the sector filter applies to the
    /// hazards' sector). Up to <see cref="ClusterMaxZoom"/> the points are grouped on a grid of <see cref="ClusterCellsPerSide"/>² cells
    /// per tile (grid arithmetic on longitude/latitude, so no point is transformed) and each cluster is one feature at
    /// the mean position of its points with properties <c>count</c>, <c>openMajor</c> (enterprises with an open major
    /// hazard) and <c>openAny</c>; open hazards come from one aggregate over the townships touching the tile
    /// (ix_townships_boundary, then ix_hazards_township_code_open_until, index-only). Above it each enterprise is one
    /// feature, whose MVT feature id is the enterprise id, with properties <c>id</c>, <c>name</c>, <c>sector</c>,
    /// <c>level</c> (worst open level, absent when nothing is open), <c>openMajor</c>, <c>openGeneral</c> and
    /// <c>overdue</c>, counted per enterprise through ix_hazards_enterprise_id_found_on. Geometry through ST_Transform
    /// to EPSG:3857 and ST_AsMVTGeom (extent <see cref="Extent"/>, buffer <see cref="Buffer"/>), encoded by ST_AsMVT.
    /// </summary>
    public static async Task<byte[]> EnterpriseTileAsync(NpgsqlDataSource dataSource, TileAddress tile, TileFilter filter,
        CancellationToken cancellationToken)
    {
        var (sql, bind) = EnterpriseTileSql(tile, filter);
        await using var command = dataSource.CreateCommand(sql);
        bind(command.Parameters);
        return (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The SQL and parameters of <see cref="EnterpriseTileAsync"/> (shared with the benchmark's baseline and EXPLAIN).</summary>
    public static (string Sql, Action<NpgsqlParameterCollection> Bind) EnterpriseTileSql(TileAddress tile, TileFilter filter)
    {
        // Clusters are cells of a grid fixed in degrees, taken whole: a cell reaching into the tile's buffer is read
        // entirely, so that it has the same members and position in every tile that shows it.
        var clustered = tile.Z <= ClusterMaxZoom;
        var where = new List<string> { clustered ? "e.location && b.cells" : "e.location && b.area" };
        if (filter.Sectors is not null) where.Add("e.sector = ANY(@sectors)");
        if (filter.Township is not null) where.Add("e.township_code = @township");
        if (filter.Scope is not null) where.Add("e.township_code = ANY(@scope)");
        var bounds = """
            a AS (
                SELECT ST_TileEnvelope(@z, @x, @y) AS tile,
                    ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => @margin), 4326) AS area
            ),
            b AS (
                SELECT tile, area,
                    ST_MakeEnvelope(floor(ST_XMin(area) / @cell) * @cell, floor(ST_YMin(area) / @cell) * @cell,
                        ceil(ST_XMax(area) / @cell) * @cell, ceil(ST_YMax(area) / @cell) * @cell, 4326) AS cells
                FROM a
            )
            """;
        string sql;
        if (tile.Z <= TownshipClusterMaxZoom)
        {
            var places = new List<string> { "t.boundary && b.area" };
            if (filter.Township is not null) places.Add("t.code = @township");
            if (filter.Scope is not null) places.Add("t.code = ANY(@scope)");
            var (count, major, any) = filter.OpenHazardLevel switch
            {
                "Major" => ("o.major", "o.major", "o.major"),
                "General" => ("o.any - o.major", "0", "o.any - o.major"),
                "Any" => ("o.any", "o.major", "o.any"),
                "None" => ("n.enterprises - o.any", "0", "0"),
                _ => ("n.enterprises", "o.major", "o.any"),
            };
            sql = $"""
                WITH {bounds},
                places AS (
                    SELECT t.code, t.name, ST_PointOnSurface(t.boundary) AS point
                    FROM townships t CROSS JOIN b
                    WHERE {string.Join(" AND ", places)}
                ),
                n AS (
                    SELECT c.township_code, sum(c.enterprises)::int AS enterprises
                    FROM township_enterprise_counts c JOIN places p ON p.code = c.township_code
                    WHERE {(filter.Sectors is null ? "true" : "c.sector = ANY(@sectors)")}
                    GROUP BY c.township_code
                ),
                open AS (
                    SELECT h.township_code,
                        count(DISTINCT h.enterprise_id) FILTER (WHERE h.level = 'Major')::int AS major,
                        count(DISTINCT h.enterprise_id)::int AS any
                    FROM places p JOIN hazards h ON h.township_code = p.code
                    WHERE {HazardSql.OpenAsOf("h", "@as_of")} AND {(filter.Sectors is null ? "true" : "h.sector = ANY(@sectors)")}
                    GROUP BY h.township_code
                ),
                features AS (
                    SELECT p.code AS township, p.name, {count} AS count, {major} AS "openMajor", {any} AS "openAny",
                        ST_AsMVTGeom(ST_Transform(p.point, 3857), b.tile, {Extent}, {Buffer}, true) AS geom
                    FROM places p CROSS JOIN b
                    JOIN n ON n.township_code = p.code
                    CROSS JOIN LATERAL (
                        SELECT coalesce(x.major, 0) AS major, coalesce(x.any, 0) AS any FROM (SELECT 1) one
                        LEFT JOIN open x ON x.township_code = p.code
                    ) o
                )
                SELECT coalesce(ST_AsMVT(features, '{Layer}', {Extent}, 'geom'), ''::bytea) FROM features WHERE geom IS NOT NULL AND count > 0
                """;
        }
        else if (clustered)
        {
            where.Add(HazardSql.OpenLevelIs(filter.OpenHazardLevel, "o.open_major", "o.open_general"));
            sql = $"""
                WITH {bounds},
                open AS (
                    SELECT h.enterprise_id,
                        count(*) FILTER (WHERE h.level = 'Major')::int AS open_major,
                        count(*) FILTER (WHERE h.level = 'General')::int AS open_general
                    FROM townships t CROSS JOIN b
                    JOIN hazards h ON h.township_code = t.code
                    WHERE t.boundary && b.cells AND {HazardSql.OpenAsOf("h", "@as_of")}
                    GROUP BY h.enterprise_id
                ),
                cells AS (
                    SELECT count(*)::int AS count,
                        count(*) FILTER (WHERE o.open_major > 0)::int AS "openMajor",
                        count(*) FILTER (WHERE o.open_major + o.open_general > 0)::int AS "openAny",
                        ST_SetSRID(ST_MakePoint(avg(ST_X(e.location)), avg(ST_Y(e.location))), 4326) AS location
                    FROM enterprises e CROSS JOIN b
                    LEFT JOIN open x ON x.enterprise_id = e.id
                    CROSS JOIN LATERAL (SELECT coalesce(x.open_major, 0) AS open_major, coalesce(x.open_general, 0) AS open_general) o
                    WHERE {string.Join(" AND ", where)}
                    GROUP BY floor(ST_X(e.location) / @cell), floor(ST_Y(e.location) / @cell)
                ),
                features AS (
                    SELECT count, "openMajor", "openAny",
                        ST_AsMVTGeom(ST_Transform(c.location, 3857), b.tile, {Extent}, {Buffer}, true) AS geom
                    FROM cells c CROSS JOIN b
                )
                SELECT coalesce(ST_AsMVT(features, '{Layer}', {Extent}, 'geom'), ''::bytea) FROM features WHERE geom IS NOT NULL
                """;
        }
        else
        {
            where.Add(HazardSql.OpenLevelIs(filter.OpenHazardLevel, "o.open_major", "o.open_general"));
            sql = $"""
                WITH {bounds},
                features AS (
                    SELECT e.id AS fid, e.id, e.name, e.sector,
                        CASE WHEN o.open_major > 0 THEN 'Major' WHEN o.open_general > 0 THEN 'General' END AS level,
                        o.open_major AS "openMajor", o.open_general AS "openGeneral", o.overdue,
                        ST_AsMVTGeom(ST_Transform(e.location, 3857), b.tile, {Extent}, {Buffer}, true) AS geom
                    FROM enterprises e CROSS JOIN b
                    {HazardSql.OpenCountsLateral("e", "@as_of")}
                    WHERE {string.Join(" AND ", where)}
                )
                SELECT coalesce(ST_AsMVT(features, '{Layer}', {Extent}, 'geom', 'fid'), ''::bytea) FROM features WHERE geom IS NOT NULL
                """;
        }
        return (sql, p =>
        {
            p.AddWithValue("z", tile.Z);
            p.AddWithValue("x", tile.X);
            p.AddWithValue("y", tile.Y);
            // ST_TileEnvelope's margin is a fraction of the tile's width.
            p.AddWithValue("margin", (double)Buffer / Extent);
            // Cluster cell in degrees of longitude: the tile's width (360° / 2^z) cut into ClusterCellsPerSide cells.
            p.AddWithValue("cell", 360.0 / (1L << tile.Z) / ClusterCellsPerSide);
            p.Date("as_of", filter.AsOf);
            if (filter.Sectors is not null) p.TextArray("sectors", filter.Sectors);
            if (filter.Township is not null) p.Text("township", filter.Township);
            if (filter.Scope is not null) p.TextArray("scope", filter.Scope);
        });
    }
}
