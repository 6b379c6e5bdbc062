using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Density;

/// <summary>Maps <c>/api/v1/density</c>: the hazard-density layer (热力图) in hexagons of a fixed size in metres.</summary>
public static class DensityApi
{
    /// <summary>
    /// Binds <see cref="DensityOptions"/> to <c>RiskMap:Density</c> and checks them at start-up: a major-hazard weight
    /// outside 1–100 (or not a number) stops the service with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddRiskMapDensity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DensityOptions>().Bind(configuration.GetSection("RiskMap:Density"))
            .Validate(o => double.IsFinite(o.MajorHazardWeight) && o.MajorHazardWeight is >= 1 and <= 100,
                "RiskMap:Density:MajorHazardWeight must be a number from 1 to 100.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Maps the density endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapDensity(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/density").WithTags("Density").ProducesValidationProblem();
        group.MapGet("/hexagons", GetHexagons)
            .WithName("GetHazardDensityHexagons")
            .WithSummary("Open hazards as of a day counted in equal-area hexagons whose size is fixed in metres per zoom band, as GeoJSON.")
            .WithDescription(
                "A GeoJSON FeatureCollection of the hexagons holding at least one hazard open on asOf at an enterprise of the caller's " +
                "townships (filters: district, township, sector, bbox). The hexagons are cells of one grid laid out in the equal-area " +
                $"projection {DensityQueries.ProjectionName} (Asia North Albers); zoom picks the band and so the edge: " +
                string.Join("; ", ZoomBand.All.Select(b => string.Create(CultureInfo.InvariantCulture, $"zoom {b.MinZoom}–{b.MaxZoom}: {b.EdgeMetres:0} m"))) +
                ". Each hexagon has its open major and general hazards, the weighted count (general + majorHazardWeight × major, " +
                "the weight a setting, RiskMap:Density:MajorHazardWeight) and the density in weighted hazards per km²; the legend " +
                "classes are fixed in that unit, so a colour means the same at every zoom. 403 for a township outside the caller's, " +
                "404 for an unknown district or township.")
            .Produces<HexagonLayer>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The hexagons of <paramref name="query"/> within the caller's scope.</summary>
    internal static async Task<Results<Ok<HexagonLayer>, ProblemHttpResult>> GetHexagons([AsParameters] HexagonQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, IOptions<DensityOptions> options, Accounts.ReadScope scope,
        CancellationToken cancellationToken)
    {
        if (query.Township is { } township && !scope.Covers(township)) return Problems.OutsideScope("township", township);
        var (district, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        if (query.Township is { } named && await Areas.TownshipExistsAsync(db, named, district, cancellationToken) is { } missing) return missing;

        var day = query.AsOf ?? CampaignCalendar.Today(time);
        var band = ZoomBand.For(query.Zoom);
        var weight = options.Value.MajorHazardWeight;
        var rows = await DensityQueries.HexagonsAsync(dataSource,
            new DensityQueries.HexagonFilter(district!, query.Township, query.Sector?.Codes, day, query.Bbox, band.EdgeMetres, scope.AsArray()),
            cancellationToken);
        var area = band.AreaKm2;
        var system = (query.Crs ?? OutputCrs.Wgs84).System;
        var features = rows.Select(r =>
        {
            var weighted = r.OpenGeneral + weight * r.OpenMajor;
            return new HexagonFeature(string.Create(CultureInfo.InvariantCulture, $"{r.I},{r.J}"), new Geo.RawGeoJson(r.GeoJson).In(system),
                new HexagonProperties(r.OpenMajor, r.OpenGeneral, weighted, Math.Round(weighted / area, 3)));
        }).ToList();
        return TypedResults.Ok(new HexagonLayer(features, district!, day,
            query.Sector?.Codes ?? [.. Domain.Sector.All.Select(s => s.Code)], band, Math.Round(area, 6), weight,
            DensityClass.All, DensityQueries.ProjectionName, Geo.Crs.Name(system)));
    }
}
