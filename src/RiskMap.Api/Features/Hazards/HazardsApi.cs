using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Townships;

namespace RiskMap.Api.Features.Hazards;

/// <summary>Maps <c>/api/v1/hazards</c>.</summary>
public static class HazardsApi
{
    /// <summary>Maps the hazard endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapHazards(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hazards").WithTags("Hazards").ProducesValidationProblem();
        group.MapGet("/", GetHazards)
            .WithName("GetHazards")
            .WithSummary("Hazards as of a day with enterprise name and location, dates and days overdue, paged.")
            .WithDescription(
                "Filters: township (9 digits), sector (comma-separated codes), level = General | Major, open = true (open on " +
                "the day: found and not yet rectified or closed, i.e. status Open or Rectifying) | false, status = the lifecycle " +
                "status on the day: Open | Rectifying | Rectified | Closed, overdue = true | false, asOf = yyyy-MM-dd (default " +
                "today; hazards found later are not listed), crs = wgs84 (default) | gcj02 | bd09 | cgcs2000 for the " +
                $"coordinates. page from 1, pageSize {Ranges.HazardPageSize} (default 100); a page past the end is empty. Most overdue first, " +
                "then newest.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Handles <c>GET /api/v1/hazards</c>.</summary>
    internal static async Task<Results<Ok<HazardPage>, ProblemHttpResult>> GetHazards(
        string? township, string? sector, string? level, string? open, string? status, string? overdue, string? asOf, string? page, string? pageSize, string? crs,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var townshipCode = q.Code("township", township, 9);
        var sectors = q.Sectors("sector", sector);
        var levelName = string.IsNullOrWhiteSpace(level) ? null : q.OneOf("level", level, "", "General", "Major");
        var openOnly = q.Bool("open", open);
        var statusName = string.IsNullOrWhiteSpace(status) ? null : q.OneOf("status", status, "", "Open", "Rectifying", "Rectified", "Closed");
        var overdueOnly = q.Bool("overdue", overdue);
        var day = q.Date("asOf", asOf) ?? CampaignCalendar.Today(time);
        var pageNumber = q.Int("page", page, 1, Ranges.Page);
        var size = q.Int("pageSize", pageSize, 100, Ranges.HazardPageSize);
        var system = q.Crs("crs", crs);
        if (!q.IsValid) return q.ToProblem();
        if (townshipCode is not null && !scope.Covers(townshipCode)) return Contract.Problems.OutsideScope("township", townshipCode);
        if (townshipCode is not null && await Areas.TownshipExistsAsync(db, townshipCode, null, cancellationToken) is { } missing)
            return missing;

        var (items, total) = await HazardsQueries.PageAsync(dataSource,
            new HazardFilter(townshipCode, sectors, levelName, statusName, openOnly, overdueOnly, day, scope.AsArray()), pageNumber, size, cancellationToken);
        if (system != Geo.GeographicSystem.Wgs84)
        {
            items = items.Select(i =>
            {
                var (lon, lat) = Geo.ChinaCoordinates.FromWgs84(system, i.Longitude, i.Latitude);
                return i with { Longitude = lon, Latitude = lat };
            }).ToList();
        }
        return TypedResults.Ok(new HazardPage(items, pageNumber, size, total, day, Geo.Crs.Name(system)));
    }
}
