using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Townships;

namespace RiskMap.Api.Features.Enterprises;

/// <summary>Maps <c>/api/v1/enterprises</c>.</summary>
public static class EnterprisesApi
{
    /// <summary>Maps the enterprise endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapEnterprises(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Enterprises").ProducesValidationProblem();
        group.MapGet("/", GetEnterprises)
            .WithName("GetEnterprises")
            .WithSummary("Enterprises as GeoJSON points with their worst open hazard level and open hazard counts, paged.")
            .WithDescription(
                "A GeoJSON FeatureCollection of the enterprises in the caller's townships that pass the filters, one point each, " +
                "with the enterprise's open major, open general and overdue hazards on asOf and its worst open level. Ordered by open " +
                "major hazards, then overdue hazards, then name; a page past the end is empty with the right total.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// The enterprises of <paramref name="query"/>: 403 for a township outside the caller's, 404 for an unknown one.
    /// </summary>
    internal static async Task<Results<Ok<EnterprisePage>, ProblemHttpResult>> GetEnterprises([AsParameters] EnterpriseQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        if (query.Township is { } township)
        {
            if (!scope.Covers(township)) return Problems.OutsideScope("township", township);
            if (await Areas.TownshipExistsAsync(db, township, null, cancellationToken) is { } missing) return missing;
        }
        var box = query.Bbox is { } b ? (b.MinLon, b.MinLat, b.MaxLon, b.MaxLat) : ((double, double, double, double)?)null;
        var (features, total) = await EnterprisesQueries.PageAsync(dataSource,
            new EnterpriseFilter(null, query.Township, query.Sector?.Codes, query.OpenHazardLevel?.ToString(), box, day, scope.AsArray(), query.LocationQuality),
            query.Page, query.PageSize, cancellationToken);
        var system = (query.Crs ?? OutputCrs.Wgs84).System;
        if (system != Geo.GeographicSystem.Wgs84) features = features.Select(f => f with { Geometry = f.Geometry.In(system) }).ToList();
        return TypedResults.Ok(new EnterprisePage(features, query.Page, query.PageSize, total, day, Geo.Crs.Name(system)));
    }
}
