using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Statistics;

/// <summary>Maps <c>GET /api/v1/statistics</c>.</summary>
public static class StatisticsApi
{
    /// <summary>Maps the statistics endpoint on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapStatistics(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statistics").WithTags("Statistics");
        group.MapGet("/", GetStatistics)
            .WithName("GetStatistics")
            .WithSummary("Campaign figures for a district or township over a period, computed from raw records.")
            .WithDescription(
                "Counting rules: found = hazards found in the period; rectified = those of them rectified or closed by the " +
                "period's end; rectification rate = rectified / found in percent, two decimals (null when none found); " +
                "enterprises inspected = distinct enterprises with an inspection in the period; inspection groups = distinct " +
                "inspection groups; inspector visits = sum of the inspections' inspector visits; documents and interviews " +
                "count enforcement actions in the period; enterprises with cases count distinct enterprises with a case filed; " +
                "fines sum fine amounts in yuan; openAtEnd counts the hazards open (and, of them, overdue) at the end of the " +
                "period's last day, whenever they were found. An enterprise belongs to the township its location lies in. Dates are " +
                "yyyy-MM-dd and inclusive. 400 names each bad parameter; 404 when the district or township is unknown.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Handles <c>GET /api/v1/statistics?district=&amp;from=&amp;to=&amp;township=&amp;sector=</c>.</summary>
    /// <param name="district">6-digit district code; may be omitted when the database holds exactly one district.</param>
    /// <param name="from">First day, yyyy-MM-dd (required).</param>
    /// <param name="to">Last day, yyyy-MM-dd (required, not before <paramref name="from"/>).</param>
    /// <param name="township">Optional 9-digit township code inside the district.</param>
    /// <param name="sector">Optional sector code.</param>
    /// <param name="db">Database context.</param>
    /// <param name="dataSource">Data source for the aggregate query.</param>
    /// <param name="scope">Townships the caller may read: a township outside it is 403; district figures cover only it.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<StatisticsResponse>, ProblemHttpResult>> GetStatistics(
        string? district, string? from, string? to, string? township, string? sector,
        RiskMapDbContext db, NpgsqlDataSource dataSource, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var districtCode = q.Code("district", district, 6);
        var townshipCode = q.Code("township", township, 9);
        var fromDate = q.RequiredDate("from", from);
        var toDate = q.RequiredDate("to", to);
        var sectorCode = q.Sector("sector", sector);
        if (q.IsValid) q.Period("from", fromDate, "to", toDate);
        if (!q.IsValid) return q.ToProblem("Invalid statistics parameters");
        if (townshipCode is not null && !scope.Covers(townshipCode)) return Contract.Problems.OutsideScope("township", townshipCode);

        var (resolved, problem) = await Areas.DistrictAsync(db, q, districtCode, cancellationToken);
        if (problem is not null) return problem;
        if (townshipCode is not null && await Areas.TownshipExistsAsync(db, townshipCode, resolved, cancellationToken) is { } missing)
            return missing;

        var figures = await StatisticsQueries.GetAsync(dataSource, resolved!, townshipCode, sectorCode,
            fromDate, toDate, scope.AsArray(), cancellationToken);
        // Say so when the caller's scope, not the request, narrowed the district to some townships.
        if (townshipCode is null && !scope.IsEverything)
        {
            var inDistrict = await db.Townships.Where(t => t.DistrictCode == resolved).Select(t => t.Code).ToListAsync(cancellationToken);
            figures = figures with { Townships = [.. inDistrict.Where(scope.Covers).Order(StringComparer.Ordinal)] };
        }
        return TypedResults.Ok(figures);
    }
}
