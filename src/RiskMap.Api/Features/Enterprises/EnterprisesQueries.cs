using Npgsql;
using RiskMap.Api.Features.LocationQuality;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Enterprises;

/// <summary>Filters of the enterprise list; null members do not filter.</summary>
/// <param name="District">District code.</param>
/// <param name="Township">Township code.</param>
/// <param name="Sectors">Sector codes.</param>
/// <param name="OpenHazardLevel">Major (worst open level is Major), General (worst is General), Any (something open) or None (nothing open).</param>
/// <param name="BoundingBox">WGS-84 box, degrees.</param>
/// <param name="AsOf">Day open hazards are counted on.</param>
/// <param name="Scope">Townships the caller may read, or null for all (see <see cref="Accounts.ReadScope"/>).</param>
/// <param name="LocationQuality">A location-quality flag, any flag or none (<see cref="LocationQualitySql.Is"/>).</param>
public sealed record EnterpriseFilter(string? District, string? Township, IReadOnlyCollection<string>? Sectors, string? OpenHazardLevel,
    (double MinLon, double MinLat, double MaxLon, double MaxLat)? BoundingBox, DateOnly AsOf, string[]? Scope = null,
    LocationQualityFilter? LocationQuality = null);

/// <summary>SQL behind the enterprise endpoints.</summary>
public static class EnterprisesQueries
{
    /// <summary>
    /// A page of enterprises matching <paramref name="filter"/> with their open hazard counts on the day, worst first
    /// (open major, then overdue, then name), and the total. The bounding box is tested with <c>location &amp;&amp;
    /// ST_MakeEnvelope(…, 4326)</c>, which uses the GiST index ix_enterprises_location; open hazards are counted per
    /// enterprise through ix_hazards_enterprise_id_found_on.
    /// </summary>
    public static async Task<(List<EnterpriseFeature> Features, int Total)> PageAsync(NpgsqlDataSource dataSource, EnterpriseFilter filter,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var (sql, bind) = Build(filter, "LIMIT @limit OFFSET @offset");
        var total = 0;
        var features = await Sql.QueryAsync(dataSource, sql,
            p =>
            {
                bind(p);
                p.AddWithValue("limit", pageSize);
                p.AddWithValue("offset", (long)(page - 1) * pageSize); // long: page × pageSize can pass int.MaxValue
            },
            r =>
            {
                total = (int)r.Get<long>("total");
                var id = r.Get<long>("id");
                var openMajor = r.Get<int>("open_major");
                var openGeneral = r.Get<int>("open_general");
                return new EnterpriseFeature(id, new RawGeoJson(r.Get<string>("geometry")), new EnterpriseProperties(
                    id, r.Get<string>("name"), r.Get<string>("credit_code"), r.Get<string>("sector"), r.Get<bool>("above_scale"),
                    r.NullableString("address"), r.NullableString("township_code"), r.NullableString("township_name"), r.NullableString("department_code"),
                    openMajor > 0 ? "Major" : openGeneral > 0 ? "General" : null, openMajor, openGeneral, r.Get<int>("overdue"),
                    LocationQualityFlags.Names(r.Get<int>("location_quality"))));
            }, cancellationToken);
        if (features.Count == 0 && page > 1)
        {
            // Past the last page: the window total is unknown, so count separately.
            var (countSql, countBind) = Build(filter, "");
            total = (await Sql.QueryAsync(dataSource, $"SELECT count(*) AS total FROM ({countSql}) x", countBind, r => (int)r.Get<long>("total"),
                cancellationToken)).First();
        }
        return (features, total);
    }

    /// <summary>The list query for <paramref name="filter"/> (for EXPLAIN in tests and for paging).</summary>
    internal static (string Sql, Action<NpgsqlParameterCollection> Bind) Build(EnterpriseFilter filter, string tail)
    {
        var where = new List<string> { "true" };
        if (filter.District is not null) where.Add("t.district_code = @district");
        if (filter.Township is not null) where.Add("e.township_code = @township");
        if (filter.Scope is not null) where.Add("e.township_code = ANY(@scope)");
        if (filter.Sectors is not null) where.Add("e.sector = ANY(@sectors)");
        if (filter.BoundingBox is not null) where.Add("e.location && ST_MakeEnvelope(@min_lon, @min_lat, @max_lon, @max_lat, 4326)");
        where.Add(HazardSql.OpenLevelIs(filter.OpenHazardLevel, "o.open_major", "o.open_general"));
        if (filter.LocationQuality is not null) where.Add(LocationQualitySql.Is(filter.LocationQuality, "e"));
        var sql = $"""
            SELECT e.id, e.name, e.credit_code, e.sector, e.above_scale, e.address, e.township_code, t.name AS township_name, e.department_code,
                ST_AsGeoJSON(e.location, 7) AS geometry, e.location_quality::int AS location_quality, o.open_major, o.open_general, o.overdue, count(*) OVER () AS total
            FROM enterprises e
            LEFT JOIN townships t ON t.code = e.township_code
            {HazardSql.OpenCountsLateral("e", "@as_of")}
            WHERE {string.Join("\n  AND ", where)}
            ORDER BY o.open_major DESC, o.overdue DESC, e.name, e.id
            {tail}
            """;
        return (sql, p =>
        {
            p.Date("as_of", filter.AsOf);
            if (filter.District is not null) p.Text("district", filter.District);
            if (filter.Township is not null) p.Text("township", filter.Township);
            if (filter.Scope is not null) p.TextArray("scope", filter.Scope);
            if (filter.Sectors is not null) p.TextArray("sectors", filter.Sectors);
            if (filter.BoundingBox is { } b)
            {
                p.AddWithValue("min_lon", b.MinLon);
                p.AddWithValue("min_lat", b.MinLat);
                p.AddWithValue("max_lon", b.MaxLon);
                p.AddWithValue("max_lat", b.MaxLat);
            }
        });
    }
}
