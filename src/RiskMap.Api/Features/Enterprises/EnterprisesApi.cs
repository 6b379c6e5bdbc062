using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
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
                "Filters: township (9 digits), sector (comma-separated codes), openHazardLevel = Major | General | Any | None " +
                "(Major: an open major hazard; General: open general hazards only; Any: something open; None: nothing open), " +
                $"bbox = minLon,minLat,maxLon,maxLat (WGS-84), asOf = yyyy-MM-dd (default today). page from 1, pageSize {Ranges.EnterprisePageSize} " +
                "(default 500). Ordered by open major hazards, then overdue hazards, then name. crs = wgs84 (default) | gcj02 | bd09.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Handles <c>GET /api/v1/enterprises</c>.</summary>
    internal static async Task<Results<Ok<EnterprisePage>, ProblemHttpResult>> GetEnterprises(
        string? township, string? sector, string? openHazardLevel, string? bbox, string? asOf, string? page, string? pageSize, string? crs,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var townshipCode = q.Code("township", township, 9);
        var sectors = q.Sectors("sector", sector);
        var level = string.IsNullOrWhiteSpace(openHazardLevel) ? null : q.OneOf("openHazardLevel", openHazardLevel, "Any", "Major", "General", "Any", "None");
        var box = q.BoundingBox("bbox", bbox);
        var day = q.Date("asOf", asOf) ?? CampaignCalendar.Today(time);
        var pageNumber = q.Int("page", page, 1, Ranges.Page);
        var size = q.Int("pageSize", pageSize, 500, Ranges.EnterprisePageSize);
        var system = q.Crs("crs", crs);
        if (!q.IsValid) return q.ToProblem();
        if (townshipCode is not null && !scope.Covers(townshipCode)) return RequestValidator.OutsideScope("township", townshipCode);
        if (townshipCode is not null && await Areas.TownshipExistsAsync(db, townshipCode, null, cancellationToken) is { } missing)
            return missing;

        var (features, total) = await EnterprisesQueries.PageAsync(dataSource,
            new EnterpriseFilter(null, townshipCode, sectors, level, box, day, scope.AsArray()), pageNumber, size, cancellationToken);
        if (system != Geo.GeographicSystem.Wgs84) features = features.Select(f => f with { Geometry = f.Geometry.In(system) }).ToList();
        return TypedResults.Ok(new EnterprisePage(features, pageNumber, size, total, day, Geo.Crs.Name(system)));
    }
}
