using System.Text.Json;
using Npgsql;

namespace RiskMap.Api.Features.Townships;

/// <summary>SQL behind the township endpoints.</summary>
public static class TownshipsQueries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One township row of the choropleth aggregate.</summary>
    public sealed record ChoroplethRow(string Code, string Name, string Kind, bool Illustrative, int Enterprises,
        HazardCounts Totals, Dictionary<string, HazardCounts> BySector, string GeoJson);

    /// <summary>
    /// Counts, for every township of <paramref name="district"/> in one statement, the enterprises of the selected
    /// sectors and the hazards open and overdue on <paramref name="asOf"/> (rules in <see cref="HazardSql"/>), in
    /// total and per sector, with the boundary as GeoJSON (ST_AsGeoJSON of ST_ForcePolygonCCW, 7 decimals ≈ 1 cm).
    /// Hazards are joined to townships through enterprises.township_code (ix_enterprises_township_code_sector) and
    /// filtered by found_on (ix_hazards_found_on); <paramref name="sectors"/> null means every sector.
    /// </summary>
    public static Task<List<ChoroplethRow>> ChoroplethAsync(NpgsqlDataSource dataSource, string district, DateOnly asOf,
        IReadOnlyCollection<string>? sectors, string[]? scope, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            WITH ent AS (
                SELECT e.township_code, count(*)::int AS enterprises
                FROM enterprises e
                JOIN townships t ON t.code = e.township_code
                WHERE t.district_code = @district AND (@sectors::text[] IS NULL OR e.sector = ANY(@sectors))
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
                GROUP BY e.township_code
            ),
            haz AS (
                SELECT e.township_code, h.sector,
                    count(*) FILTER (WHERE h.level = 'Major')::int AS open_major,
                    count(*) FILTER (WHERE h.level = 'General')::int AS open_general,
                    count(*) FILTER (WHERE {HazardSql.DeadlineAsOf("h", "@as_of")} < @as_of)::int AS overdue
                FROM hazards h
                JOIN enterprises e ON e.id = h.enterprise_id
                JOIN townships t ON t.code = e.township_code
                WHERE t.district_code = @district
                  AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
                  AND {HazardSql.OpenAsOf("h", "@as_of")}
                  AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
                GROUP BY e.township_code, h.sector
            ),
            per_township AS (
                SELECT township_code,
                    sum(open_major)::int AS open_major, sum(open_general)::int AS open_general, sum(overdue)::int AS overdue,
                    jsonb_object_agg(sector, jsonb_build_object('openMajor', open_major, 'openGeneral', open_general, 'overdue', overdue)) AS by_sector
                FROM haz
                GROUP BY township_code
            )
            SELECT t.code, t.name, t.kind, t.illustrative, coalesce(ent.enterprises, 0),
                coalesce(p.open_major, 0), coalesce(p.open_general, 0), coalesce(p.overdue, 0),
                coalesce(p.by_sector, jsonb_build_object())::text,
                ST_AsGeoJSON(ST_ForcePolygonCCW(t.boundary), 7)
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
                p.TextArray("scope", scope);
            },
            r => new ChoroplethRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetInt32(4),
                new HazardCounts(r.GetInt32(5), r.GetInt32(6), r.GetInt32(7)),
                JsonSerializer.Deserialize<Dictionary<string, HazardCounts>>(r.GetString(8), Json)!,
                r.GetString(9)),
            cancellationToken);

    /// <summary>Name, kind, district, illustrative flag and geodesic area (ST_Area of geography, m² → km²) of one township; null when unknown.</summary>
    public static async Task<(string Name, string Kind, string District, bool Illustrative, double AreaKm2)?> HeaderAsync(
        NpgsqlDataSource dataSource, string code, CancellationToken cancellationToken)
    {
        var rows = await Sql.QueryAsync(dataSource,
            "SELECT name, kind, district_code, illustrative, ST_Area(boundary::geography) / 1e6 FROM townships WHERE code = @code",
            p => p.Text("code", code),
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), Math.Round(r.GetDouble(4), 2)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Covering district leaders of a township, by name.</summary>
    public static Task<List<LeaderDto>> LeadersAsync(NpgsqlDataSource dataSource, string code, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource,
            "SELECT leader_name, leader_title FROM leader_assignments WHERE township_code = @code ORDER BY leader_name",
            p => p.Text("code", code), r => new LeaderDto(r.GetString(0), r.NullableString(1)), cancellationToken);

    /// <summary>Enterprises located in a township, per sector (ix_enterprises_township_code_sector).</summary>
    public static async Task<Dictionary<string, int>> EnterprisesBySectorAsync(NpgsqlDataSource dataSource, string code,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => (await Sql.QueryAsync(dataSource, """
                SELECT sector, count(*)::int FROM enterprises
                WHERE township_code = @code AND (@sectors::text[] IS NULL OR sector = ANY(@sectors))
                GROUP BY sector ORDER BY sector
                """,
                p =>
                {
                    p.Text("code", code);
                    p.TextArray("sectors", sectors);
                },
                r => (r.GetString(0), r.GetInt32(1)), cancellationToken))
            .ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>Hazards of a township found on or before <paramref name="asOf"/>, by sector, level and status on that day.</summary>
    public static Task<List<HazardCell>> HazardCellsAsync(NpgsqlDataSource dataSource, string code, DateOnly asOf,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            SELECT h.sector, h.level, {HazardSql.StatusAsOf("h", "@as_of")} AS status_as_of, count(*)::int
            FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = @code AND h.found_on <= @as_of AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """,
            p =>
            {
                p.Text("code", code);
                p.Date("as_of", asOf);
                p.TextArray("sectors", sectors);
            },
            r => new HazardCell(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3)), cancellationToken);

    /// <summary>Hazards of a township overdue on <paramref name="asOf"/>, most overdue first.</summary>
    public static Task<List<OverdueHazard>> OverdueAsync(NpgsqlDataSource dataSource, string code, DateOnly asOf,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, $"""
            SELECT h.id, e.id, e.name, h.sector, h.level, h.description, h.found_on, {HazardSql.DeadlineAsOf("h", "@as_of")},
                {HazardSql.DaysOverdue("h", "@as_of")}, h.supervised
            FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = @code AND {HazardSql.OverdueAsOf("h", "@as_of")}
              AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
            ORDER BY 8, h.id
            """,
            p =>
            {
                p.Text("code", code);
                p.Date("as_of", asOf);
                p.TextArray("sectors", sectors);
            },
            r => new OverdueHazard(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetFieldValue<DateOnly>(6), r.GetFieldValue<DateOnly>(7), r.GetInt32(8), r.GetBoolean(9)),
            cancellationToken);
}
