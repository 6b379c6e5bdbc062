using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskMap.Api.Contract;
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
                "yyyy-MM-dd and inclusive. 400 names each bad parameter; 403 for a township outside the caller's; 404 when the district or township is unknown.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// The figures of <paramref name="query"/> within the caller's townships: 403 for a township outside them, 400 when
    /// no district is named and the database holds none or several, 404 for an unknown district or township.
    /// </summary>
    internal static async Task<Results<Ok<StatisticsResponse>, ProblemHttpResult>> GetStatistics([AsParameters] StatisticsQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var townshipCode = query.Township;
        if (townshipCode is not null && !scope.Covers(townshipCode)) return Problems.OutsideScope("township", townshipCode);

        var (resolved, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        if (townshipCode is not null && await Areas.TownshipExistsAsync(db, townshipCode, resolved, cancellationToken) is { } missing)
            return missing;

        var figures = await StatisticsQueries.GetAsync(dataSource, resolved!, townshipCode, query.Sector?.Code,
            query.From!.Value, query.To!.Value, scope.AsArray(), cancellationToken);
        // Say so when the caller's scope, not the request, narrowed the district to some townships.
        if (townshipCode is null && !scope.IsEverything)
        {
            var inDistrict = await db.Townships.Where(t => t.DistrictCode == resolved).Select(t => t.Code).ToListAsync(cancellationToken);
            figures = figures with { Townships = [.. inDistrict.Where(scope.Covers).Order(StringComparer.Ordinal)] };
        }
        return TypedResults.Ok(figures);
    }
}
