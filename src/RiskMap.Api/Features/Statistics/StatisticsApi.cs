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
        group.MapGet("/series", GetSeries)
            .WithName("GetStatisticsSeries")
            .WithSummary("The campaign figures month by month (or by quarter or year), with changes on the interval before (环比) and on a year before (同比).")
            .WithDescription(
                "One row per calendar interval (month, quarter or year) meeting the period from..to, the first and last clipped to it, " +
                "with every figure of GET /api/v1/statistics for the interval (the same query and counting rules) and the state at " +
                "the end of its last day (openAtEnd: open major, open general, overdue). changeOnPrevious compares each figure with " +
                "the whole calendar interval before (环比), changeOnYearBefore with the same days a year before (同比): base, " +
                "difference and percent. 'figures' lists every figure with its kind: Additive figures (inspector visits, hazards " +
                "found, documents, interviews, fines) add up over the intervals to the whole period's; Distinct ones (inspection " +
                "groups, enterprises inspected, enterprises with cases) count things that recur and do not add up; Cohort ones " +
                "(rectified: found in the interval and rectified by its end) add up to at most the period's; Rate ones are " +
                "recomputed, never summed; State ones (openAtEnd) are the state on a day. by=township gives one series per " +
                "township of the caller's, by=sector one per sector. All intervals are computed in one query. 400 names each bad " +
                "parameter: a reversed or malformed period, a monthly series over 10 years, an unknown district, township or " +
                "sector; 403 for a township outside the caller's.")
            .Produces<StatisticsSeriesResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
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

    /// <summary>
    /// The series of <paramref name="query"/>: 403 for a township outside the caller's, 400 for an unknown district or
    /// township. The figures of every interval, and of the intervals they are compared with, come from one query
    /// (<see cref="StatisticsQueries.SeriesAsync"/>); the changes are computed here from those rows.
    /// </summary>
    internal static async Task<Results<Ok<StatisticsSeriesResponse>, ProblemHttpResult>> GetSeries([AsParameters] StatisticsSeriesQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        if (query.Township is { } township && !scope.Covers(township)) return Problems.OutsideScope("township", township);
        string district;
        if (query.District is { } code)
        {
            if (!await db.Districts.AnyAsync(d => d.Code == code, cancellationToken))
                return Problems.Invalid("district", StatisticsProblemCodes.DistrictUnknown, code);
            district = code;
        }
        else
        {
            var held = await db.Districts.OrderBy(d => d.Code).Select(d => d.Code).Take(10).ToListAsync(cancellationToken);
            if (held.Count != 1) return Problems.Invalid("district", StatisticsProblemCodes.DistrictAmbiguous, string.Join(", ", held));
            district = held[0];
        }
        if (query.Township is { } t && !await db.Townships.AnyAsync(x => x.Code == t && x.DistrictCode == district, cancellationToken))
            return Problems.Invalid("township", StatisticsProblemCodes.TownshipUnknown, t, district);

        var (from, to, interval, by) = (query.From!.Value, query.To!.Value, query.IntervalUnit(), query.Grouping());
        var rows = await StatisticsQueries.SeriesAsync(dataSource,
            new FiguresArea(district, query.Township, query.Sector?.Codes.ToArray(), scope.AsArray()), from, to, interval, by, cancellationToken);
        var series = rows.GroupBy(r => r.Group).Select(g =>
        {
            var byDays = g.ToDictionary(r => (r.From, r.To), r => r.Figures);
            var intervals = g.Where(r => r.Ordinal is not null).OrderBy(r => r.Ordinal).Select(r => new StatisticsSeriesInterval(r.From, r.To, r.Figures,
                Changes(r.Figures, byDays[(r.PreviousFrom!.Value, r.PreviousTo!.Value)]),
                Changes(r.Figures, byDays[(r.YearBeforeFrom!.Value, r.YearBeforeTo!.Value)]))).ToList();
            var first = g.First();
            return new StatisticsSeries(by == "township" ? first.Group : query.Township, by == "township" ? first.GroupName : null,
                by == "sector" ? first.Group : null, intervals);
        }).ToList();
        var answer = new StatisticsSeriesResponse(district, query.Township, query.Sector?.Codes, from, to, interval, by, SeriesFigure.All, series);
        if (query.Township is null && !scope.IsEverything)
        {
            var inDistrict = await db.Townships.Where(x => x.DistrictCode == district).Select(x => x.Code).ToListAsync(cancellationToken);
            answer = answer with { Townships = [.. inDistrict.Where(scope.Covers).Order(StringComparer.Ordinal)] };
        }
        return TypedResults.Ok(answer);
    }

    /// <summary>Each figure of <see cref="SeriesFigure.All"/> in <paramref name="now"/> against <paramref name="earlier"/>.</summary>
    private static Dictionary<string, FigureChange> Changes(PeriodFigures now, PeriodFigures earlier)
        => SeriesFigure.All.ToDictionary(f => f.Name, f => FigureChange.Between(f.Value(earlier), f.Value(now), f.Kind == nameof(FigureKind.Rate)));
}
