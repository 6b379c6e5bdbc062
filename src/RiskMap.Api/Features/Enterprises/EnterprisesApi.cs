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
        group.MapGet("/{id:long}", GetEnterprise)
            .WithName("GetEnterprise")
            .WithSummary("One enterprise with its township, department, responsible persons and whole history in date order.")
            .WithDescription(
                "The enterprise as stored today: name, credit code, sector, address, location (WGS-84), township, covering department, " +
                "the district leaders covering its township and the persons responsible for its hazards; then every inspection, every " +
                "hazard with the steps of its lifecycle (found, deadline extensions, rectifying, rectified, closed) and every enforcement " +
                "action, each list oldest first, and a timeline merging them in date order. An enterprise of a township the caller may " +
                "not read is 404, exactly like an unknown id.")
            .Produces<EnterpriseDetail>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// The enterprise <paramref name="id"/> with its whole history; 404 <see cref="EnterpriseProblemCodes.EnterpriseUnknown"/>
    /// when it does not exist or lies outside <paramref name="scope"/>.
    /// </summary>
    /// <param name="id">Enterprise id.</param>
    /// <param name="db">The database.</param>
    /// <param name="scope">The townships the caller may read.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    internal static async Task<Results<Ok<EnterpriseDetail>, ProblemHttpResult>> GetEnterprise(long id, RiskMapDbContext db,
        Accounts.ReadScope scope, CancellationToken cancellationToken)
        => await EnterpriseDetails.ReadAsync(db, id, scope, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : Problems.NotFound(EnterpriseProblemCodes.EnterpriseUnknown, "id", id);

    /// <summary>
    /// The enterprises of <paramref name="query"/>: 403 for a township outside the caller's, 404 for an unknown district or
    /// township, or a township outside the named district.
    /// </summary>
    internal static async Task<Results<Ok<EnterprisePage>, ProblemHttpResult>> GetEnterprises([AsParameters] EnterpriseQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        if (query.District is not null && (await Areas.DistrictAsync(db, query.District, cancellationToken)).Problem is { } unknown) return unknown;
        if (query.Township is { } township)
        {
            if (!scope.Covers(township)) return Problems.OutsideScope("township", township);
            if (await Areas.TownshipExistsAsync(db, township, query.District, cancellationToken) is { } missing) return missing;
        }
        var box = query.Bbox is { } b ? (b.MinLon, b.MinLat, b.MaxLon, b.MaxLat) : ((double, double, double, double)?)null;
        var (features, total) = await EnterprisesQueries.PageAsync(dataSource,
            new EnterpriseFilter(query.District, query.Township, query.Sector?.Codes, query.OpenHazardLevel?.ToString(), box, day, scope.AsArray(), query.LocationQuality),
            query.Page, query.PageSize, cancellationToken);
        var system = (query.Crs ?? OutputCrs.Wgs84).System;
        if (system != Geo.GeographicSystem.Wgs84) features = features.Select(f => f with { Geometry = f.Geometry.In(system) }).ToList();
        return TypedResults.Ok(new EnterprisePage(features, query.Page, query.PageSize, total, day, Geo.Crs.Name(system)));
    }
}
