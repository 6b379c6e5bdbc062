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
    /// The districts <paramref name="scope"/> reads, with their figures. Record dates are the earliest and latest
    /// inspection, hazard (found, rectified, closed) and enforcement dates of the district's enterprises, looked up per
    /// enterprise through the (enterprise_id, date) indexes.
    /// </summary>
    internal static async Task<Ok<List<DistrictSummary>>> GetDistricts(NpgsqlDataSource dataSource, Accounts.ReadScope scope, CancellationToken cancellationToken)
        => TypedResults.Ok(await Sql.QueryAsync(dataSource, """
            SELECT d.code, d.name,
                (SELECT count(*)::int FROM townships t WHERE t.district_code = d.code) AS townships,
                (SELECT count(*)::int FROM enterprises e JOIN townships t ON t.code = e.township_code
                    WHERE t.district_code = d.code AND (@scope::text[] IS NULL OR t.code = ANY(@scope))) AS enterprises,
                ST_XMin(d.boundary) AS min_lon, ST_YMin(d.boundary) AS min_lat, ST_XMax(d.boundary) AS max_lon, ST_YMax(d.boundary) AS max_lat,
                r.first_day, r.last_day,
                EXISTS (SELECT 1 FROM townships t WHERE t.district_code = d.code AND t.illustrative) AS illustrative
            FROM districts d
            LEFT JOIN LATERAL (
                SELECT min(day) AS first_day, max(day) AS last_day
                FROM (
                    SELECT e.id FROM enterprises e JOIN townships t ON t.code = e.township_code
                    WHERE t.district_code = d.code AND (@scope::text[] IS NULL OR t.code = ANY(@scope))
                ) ent
                CROSS JOIN LATERAL (
                    SELECT max(i.date) AS day FROM inspections i WHERE i.enterprise_id = ent.id
                    UNION ALL SELECT min(i.date) FROM inspections i WHERE i.enterprise_id = ent.id
                    UNION ALL SELECT max(greatest(h.found_on, h.rectified_on, h.closed_on)) FROM hazards h WHERE h.enterprise_id = ent.id
                    UNION ALL SELECT min(h.found_on) FROM hazards h WHERE h.enterprise_id = ent.id
                    UNION ALL SELECT max(a.date) FROM enforcement_actions a WHERE a.enterprise_id = ent.id
                    UNION ALL SELECT min(a.date) FROM enforcement_actions a WHERE a.enterprise_id = ent.id
                ) days
            ) r ON true
            WHERE @scope::text[] IS NULL OR EXISTS (SELECT 1 FROM townships t WHERE t.district_code = d.code AND t.code = ANY(@scope))
            ORDER BY d.code
            """, p => p.TextArray("scope", scope.AsArray()),
            r => new DistrictSummary(r.Get<string>("code"), r.Get<string>("name"), r.Get<int>("townships"), r.Get<int>("enterprises"),
                [r.Get<double>("min_lon"), r.Get<double>("min_lat"), r.Get<double>("max_lon"), r.Get<double>("max_lat")],
                r.Nullable<DateOnly>("first_day"), r.Nullable<DateOnly>("last_day"), r.Get<bool>("illustrative")),
            cancellationToken));
}
