using System.Text.Json;
using Npgsql;

namespace RiskMap.Api.Features.Townships;

/// <summary>SQL behind the township endpoints.</summary>
public static class TownshipsQueries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How much boundaries are simplified for a map zoom.</summary>
    /// <param name="ToleranceDegrees">Douglas–Peucker tolerance for ST_Simplify, degrees.</param>
    /// <param name="Digits">Decimals of the GeoJSON coordinates.</param>
    public sealed record Simplification(double ToleranceDegrees, int Digits);

    /// <summary>
    /// Half a pixel at zoom <paramref name="zoom"/> on 256-pixel Web Mercator tiles at the equator (360° / 256 / 2^z / 2;
    /// a pixel is narrower in degrees of latitude away from the equator, so less at China's latitudes) and as many
    /// decimals as it needs plus one, at most 7.
    /// </summary>
    public static Simplification SimplificationFor(int zoom)
    {
        var tolerance = 360.0 / 256 / Math.Pow(2, zoom) / 2;
        return new Simplification(tolerance, Math.Clamp((int)Math.Ceiling(-Math.Log10(tolerance)) + 1, 1, 7));
    }

    /// <summary>One township row of the choropleth aggregate.</summary>
    public sealed record ChoroplethRow(string Code, string Name, string Kind, bool Illustrative, int Enterprises,
        HazardCounts Totals, Dictionary<string, HazardCounts> BySector, string GeoJson, double LabelLon, double LabelLat);

    /// <summary>
    /// Counts, for every township of <paramref name="district"/> in one statement, the enterprises of the selected
    /// sectors and the hazards open and overdue on <paramref name="asOf"/> (rules in <see cref="HazardSql"/>), in
    /// total and per sector, with the boundary as GeoJSON (ST_AsGeoJSON of ST_ForcePolygonCCW, 7 decimals ≈ 1 cm) and the
    /// stored label point (townships.label_point, WGS-84 degrees).
    /// Enterprises per township come from the counters of township_enterprise_counts (kept by triggers); open hazards per township from
    /// hazards.township_code (the enterprise's township, kept by triggers) through ix_hazards_township_code_open_until,
    /// one index range per township of the district; <paramref name="sectors"/> null means every sector. With a
    /// <paramref name="simplification"/> boundaries go through ST_Simplify (preserving collapsed rings) first.
    /// </summary>
    public static Task<List<ChoroplethRow>> ChoroplethAsync(NpgsqlDataSource dataSource, string district, DateOnly asOf,
        IReadOnlyCollection<string>? sectors, string[]? scope, CancellationToken cancellationToken, Simplification? simplification = null)
    {
        var (sql, bind) = ChoroplethSql(district, asOf, sectors, scope, simplification);
        return Sql.QueryAsync(dataSource, sql, bind,
            r => new ChoroplethRow(r.Get<string>("code"), r.Get<string>("name"), r.Get<string>("kind"), r.Get<bool>("illustrative"),
                r.Get<int>("enterprises"), new HazardCounts(r.Get<int>("open_major"), r.Get<int>("open_general"), r.Get<int>("overdue")),
                JsonSerializer.Deserialize<Dictionary<string, HazardCounts>>(r.Get<string>("by_sector"), Json)!,
                r.Get<string>("geometry"), r.Get<double>("label_lon"), r.Get<double>("label_lat")),
            cancellationToken);
    }

    /// <summary>The statement and parameters of <see cref="ChoroplethAsync"/> (for EXPLAIN in tests).</summary>
    internal static (string Sql, Action<NpgsqlParameterCollection> Bind) ChoroplethSql(string district, DateOnly asOf,
        IReadOnlyCollection<string>? sectors, string[]? scope, Simplification? simplification)
        => ($"""
            WITH ent AS (
                SELECT c.township_code, sum(c.enterprises)::int AS enterprises
                FROM township_enterprise_counts c
                JOIN townships t ON t.code = c.township_code
                WHERE t.district_code = @district AND (@sectors::text[] IS NULL OR c.sector = ANY(@sectors))
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
                GROUP BY c.township_code
            ),
            haz AS (
                SELECT h.township_code, h.sector,
                    count(*) FILTER (WHERE h.level = 'Major')::int AS open_major,
                    count(*) FILTER (WHERE h.level = 'General')::int AS open_general,
                    count(*) FILTER (WHERE {HazardSql.DeadlineAsOf("h", "@as_of")} < @as_of)::int AS overdue
                FROM hazards h
                JOIN townships t ON t.code = h.township_code
                WHERE t.district_code = @district
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
                  AND {HazardSql.OpenAsOf("h", "@as_of")}
                  AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
                GROUP BY h.township_code, h.sector
            ),
            per_township AS (
                SELECT township_code,
                    sum(open_major)::int AS open_major, sum(open_general)::int AS open_general, sum(overdue)::int AS overdue,
                    jsonb_object_agg(sector, jsonb_build_object('openMajor', open_major, 'openGeneral', open_general, 'overdue', overdue)) AS by_sector
                FROM haz
                GROUP BY township_code
            )
            SELECT t.code, t.name, t.kind, t.illustrative, coalesce(ent.enterprises, 0) AS enterprises,
                coalesce(p.open_major, 0) AS open_major, coalesce(p.open_general, 0) AS open_general, coalesce(p.overdue, 0) AS overdue,
                coalesce(p.by_sector, jsonb_build_object())::text AS by_sector,
                ST_AsGeoJSON(ST_ForcePolygonCCW(CASE WHEN @tolerance > 0 THEN ST_Simplify(t.boundary, @tolerance, true) ELSE t.boundary END), @digits)
                    AS geometry,
                ST_X(t.label_point) AS label_lon, ST_Y(t.label_point) AS label_lat
            FROM townships t
            LEFT JOIN ent ON ent.township_code = t.code
            LEFT JOIN per_township p ON p.township_code = t.code
            WHERE t.district_code = @district AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
            ORDER BY t.code
            """,
            p =>
            {
                p.Text("district", district);
                p.Date("as_of", asOf);
                p.TextArray("sectors", sectors);
                p.AddWithValue("tolerance", simplification?.ToleranceDegrees ?? 0.0);
                p.AddWithValue("digits", simplification?.Digits ?? 7);
                p.TextArray("scope", scope);
            });

    /// <summary>Name, kind, district, illustrative flag and geodesic area (ST_Area of geography, m² → km²) of one township; null when unknown.</summary>
    public static async Task<(string Name, string Kind, string District, bool Illustrative, double AreaKm2)?> HeaderAsync(
        NpgsqlDataSource dataSource, string code, CancellationToken cancellationToken)
    {
        var rows = await Sql.QueryAsync(dataSource,
            "SELECT name, kind, district_code, illustrative, ST_Area(boundary::geography) / 1e6 AS area_km2 FROM townships WHERE code = @code",
            p => p.Text("code", code),
            r => (r.Get<string>("name"), r.Get<string>("kind"), r.Get<string>("district_code"), r.Get<bool>("illustrative"),
                Math.Round(r.Get<double>("area_km2"), 2)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Covering district leaders of a township, by name.</summary>
    public static Task<List<LeaderDto>> LeadersAsync(NpgsqlDataSource dataSource, string code, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource,
            "SELECT leader_name, leader_title FROM leader_assignments WHERE township_code = @code ORDER BY leader_name",
            p => p.Text("code", code), r => new LeaderDto(r.Get<string>("leader_name"), r.NullableString("leader_title")), cancellationToken);

    /// <summary>Enterprises located in a township, per sector (ix_enterprises_township_code_sector).</summary>
    public static async Task<Dictionary<string, int>> EnterprisesBySectorAsync(NpgsqlDataSource dataSource, string code,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => (await Sql.QueryAsync(dataSource, """
                SELECT sector, count(*)::int AS enterprises FROM enterprises
                WHERE township_code = @code AND (@sectors::text[] IS NULL OR sector = ANY(@sectors))
                GROUP BY sector ORDER BY sector
                """,
                p =>
                {
                    p.Text("code", code);
                    p.TextArray("sectors", sectors);
                },
                r => (r.Get<string>("sector"), r.Get<int>("enterprises")), cancellationToken))
            .ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>Hazards of a township found on or before <paramref name="asOf"/>, by sector, level and status on that day.</summary>
    public static Task<List<HazardCell>> HazardCellsAsync(NpgsqlDataSource dataSource, string code, DateOnly asOf,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            SELECT h.sector, h.level, {HazardSql.StatusAsOf("h", "@as_of")} AS status_as_of, count(*)::int AS hazards
            FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = @code AND h.found_on <= @as_of AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
            GROUP BY h.sector, h.level, status_as_of ORDER BY h.sector, h.level, status_as_of
            """,
            p =>
            {
                p.Text("code", code);
                p.Date("as_of", asOf);
                p.TextArray("sectors", sectors);
            },
            r => new HazardCell(r.Get<string>("sector"), r.Get<string>("level"), r.Get<string>("status_as_of"), r.Get<int>("hazards")), cancellationToken);

    /// <summary>Hazards of a township overdue on <paramref name="asOf"/>, most overdue first.</summary>
    public static Task<List<OverdueHazard>> OverdueAsync(NpgsqlDataSource dataSource, string code, DateOnly asOf,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            SELECT h.id, e.id AS enterprise_id, e.name AS enterprise_name, h.sector, h.level, h.description, h.found_on,
                {HazardSql.DeadlineAsOf("h", "@as_of")} AS deadline_as_of, {HazardSql.DaysOverdue("h", "@as_of")} AS days_overdue, h.supervised
            FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = @code AND {HazardSql.OverdueAsOf("h", "@as_of")}
              AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
            ORDER BY deadline_as_of, h.id
            """,
            p =>
            {
                p.Text("code", code);
                p.Date("as_of", asOf);
                p.TextArray("sectors", sectors);
            },
            r => new OverdueHazard(r.Get<long>("id"), r.Get<long>("enterprise_id"), r.Get<string>("enterprise_name"), r.Get<string>("sector"),
                r.Get<string>("level"), r.Get<string>("description"), r.Get<DateOnly>("found_on"), r.Get<DateOnly>("deadline_as_of"),
                r.Get<int>("days_overdue"), r.Get<bool>("supervised")),
            cancellationToken);
}
