using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace RiskMap.Api.Features.Districts;

/// <summary>A district and the extent of its data, for a client to set up its map and date pickers.</summary>
/// <param name="Code">6-digit code.</param>
/// <param name="Name">Name.</param>
/// <param name="Townships">Number of townships.</param>
/// <param name="Enterprises">Enterprises located in its townships.</param>
/// <param name="Bbox">[minLon, minLat, maxLon, maxLat] of its outline, WGS-84 degrees.</param>
/// <param name="FirstRecord">Earliest inspection, hazard or enforcement date; null without records.</param>
/// <param name="LastRecord">Latest date of any record (found, rectified, closed, inspected, enforced); the page opens at it.</param>
/// <param name="Illustrative">True when any township boundary is illustrative.</param>
public sealed record DistrictSummary(string Code, string Name, int Townships, int Enterprises, double[] Bbox, DateOnly? FirstRecord,
    DateOnly? LastRecord, bool Illustrative);

/// <summary>Maps <c>/api/v1/districts</c>.</summary>
public static class DistrictsApi
{
    /// <summary>Maps the district endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapDistricts(this RouteGroupBuilder api)
    {
        // 400 for an unknown query parameter.
        var group = api.MapGroup("/districts").WithTags("Districts").ProducesValidationProblem();
        group.MapGet("/", GetDistricts)
            .WithName("GetDistricts")
            .WithSummary("Districts with their bounding box and the date range of their records.")
            .WithDescription("The districts the caller may read (those holding one of their townships), by code, each with its " +
                "number of townships, the enterprises in the caller's townships, the outline's bounding box in WGS-84 degrees, the " +
                "first and last day of any inspection, hazard or enforcement record there (the page opens at the last), and whether " +
                "any township boundary is illustrative.");
        return group;
    }

    /// <summary>
    /// The districts <paramref name="scope"/> reads, with their figures, from tables kept by triggers so that the answer
    /// costs what the districts hold, not what the database holds: enterprises from the counters of
    /// township_enterprise_counts, record dates from township_record_days (the earliest and latest inspection, hazard
    /// (found, rectified, closed) and enforcement date of each township's enterprises), both over the caller's townships.
    /// </summary>
    internal static async Task<Ok<List<DistrictSummary>>> GetDistricts(NpgsqlDataSource dataSource, Accounts.ReadScope scope, CancellationToken cancellationToken)
        => TypedResults.Ok(await Sql.QueryAsync(dataSource, """
            SELECT d.code, d.name, f.townships, f.enterprises, f.first_day, f.last_day, f.illustrative,
                ST_XMin(d.boundary) AS min_lon, ST_YMin(d.boundary) AS min_lat, ST_XMax(d.boundary) AS max_lon, ST_YMax(d.boundary) AS max_lat
            FROM districts d
            CROSS JOIN LATERAL (
                SELECT count(*)::int AS townships, bool_or(t.illustrative) AS illustrative,
                    coalesce(sum(c.enterprises) FILTER (WHERE @scope::text[] IS NULL OR t.code = ANY(@scope)), 0)::int AS enterprises,
                    min(r.first_day) FILTER (WHERE @scope::text[] IS NULL OR t.code = ANY(@scope)) AS first_day,
                    max(r.last_day) FILTER (WHERE @scope::text[] IS NULL OR t.code = ANY(@scope)) AS last_day,
                    bool_or(@scope::text[] IS NULL OR t.code = ANY(@scope)) AS readable
                FROM townships t
                LEFT JOIN LATERAL (SELECT sum(n.enterprises) AS enterprises FROM township_enterprise_counts n WHERE n.township_code = t.code) c ON true
                LEFT JOIN township_record_days r ON r.township_code = t.code
                WHERE t.district_code = d.code
            ) f
            WHERE @scope::text[] IS NULL OR f.readable
            ORDER BY d.code
            """, p => p.TextArray("scope", scope.AsArray()),
            r => new DistrictSummary(r.Get<string>("code"), r.Get<string>("name"), r.Get<int>("townships"), r.Get<int>("enterprises"),
                [r.Get<double>("min_lon"), r.Get<double>("min_lat"), r.Get<double>("max_lon"), r.Get<double>("max_lat")],
                r.Nullable<DateOnly>("first_day"), r.Nullable<DateOnly>("last_day"), r.Nullable<bool>("illustrative") ?? false),
            cancellationToken));
}
