using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RiskMap.Api.Contract;
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
                "The hazards of the caller's townships found on or before asOf that pass the filters, each with its status on that " +
                "day (Open, Rectifying, Rectified or Closed from the recorded step dates), the deadline then in force, the days " +
                "overdue when it was open past that deadline, and its enterprise's name, township and location. Most overdue first, " +
                "then newest; a page past the end is empty with the right total. A township outside the caller's is 403, an unknown " +
                "one 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// The hazards of <paramref name="query"/>: 403 <see cref="ProblemCodes.OutsideScope"/> for a township outside the
    /// caller's, 404 <see cref="ProblemCodes.TownshipUnknown"/> for an unknown one.
    /// </summary>
    internal static async Task<Results<Ok<HazardPage>, ProblemHttpResult>> GetHazards([AsParameters] HazardQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        if (query.Township is { } township)
        {
            if (!scope.Covers(township)) return Problems.OutsideScope("township", township);
            if (await Areas.TownshipExistsAsync(db, township, null, cancellationToken) is { } missing) return missing;
        }
        var (items, total) = await HazardsQueries.PageAsync(dataSource,
            new HazardFilter(query.Township, query.Sector?.Codes, query.ParseLevel()?.ToString(), query.ParseStatus()?.ToString(), query.Open, query.Overdue, day,
                scope.AsArray()),
            query.Page, query.PageSize, cancellationToken);
        var system = (query.Crs ?? OutputCrs.Wgs84).System;
        if (system != Geo.GeographicSystem.Wgs84)
        {
            items = items.Select(i =>
            {
                var (lon, lat) = Geo.ChinaCoordinates.OutputFromWgs84(system, i.Longitude, i.Latitude);
                return i with { Longitude = lon, Latitude = lat };
            }).ToList();
        }
        return TypedResults.Ok(new HazardPage(items, query.Page, query.PageSize, total, day, Geo.Crs.Name(system)));
    }
}
