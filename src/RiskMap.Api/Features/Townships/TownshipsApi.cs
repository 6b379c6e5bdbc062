using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Townships;

/// <summary>Maps <c>/api/v1/townships</c>: the choropleth and a township's detail.</summary>
public static class TownshipsApi
{
    /// <summary>The metrics the choropleth can colour by.</summary>
    public static readonly string[] Metrics = ["openMajor", "openGeneral", "overdue"];

    /// <summary>Maps the township endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapTownships(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/townships").WithTags("Townships").ProducesValidationProblem();
        group.MapGet("/choropleth", GetChoropleth)
            .WithName("GetTownshipChoropleth")
            .WithSummary("Township polygons with open major, open general and overdue hazard counts as of a day, and legend classes.")
            .WithDescription(
                "A GeoJSON FeatureCollection (RFC 7946). metric = openMajor (default) | openGeneral | overdue; sector = comma-separated " +
                "sector codes (default all); asOf = yyyy-MM-dd (default today). A hazard is open on a day when it was found on or " +
                "before it and not rectified or closed on or before it; overdue when open past its deadline. Each feature's " +
                "'value' is the metric's count, or null when the township has no enterprise of the selected sectors. crs = wgs84 " +
                $"(default) | gcj02 | bd09 shifts the coordinates for a Chinese web basemap (not RFC 7946 then). zoom = {Ranges.Zoom} simplifies the " +
                "boundaries to half a pixel at that map zoom (ST_Simplify) and rounds coordinates to match; full detail when absent. " +
                "scheme = sequential (default) | official (the four risk colours 红/橙/黄/蓝) chooses the legend classes' colours; the " +
                "classes are fixed per metric, the same for every sector and day. Each feature carries its labelPoint, where its name is drawn.");
        group.MapGet("/{code}", GetTownship)
            .WithName("GetTownship")
            .WithSummary("A township's figures as of a day: hazards by sector × level × status, overdue hazards, enterprises by sector, covering leaders.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Handles <c>GET /api/v1/townships/choropleth</c>.</summary>
    /// <param name="metric">openMajor (default), openGeneral or overdue.</param>
    /// <param name="sector">Comma-separated sector codes; all when absent.</param>
    /// <param name="asOf">Day, yyyy-MM-dd; today when absent.</param>
    /// <param name="district">6-digit district; may be omitted when the database holds one district.</param>
    /// <param name="crs">Output coordinates: wgs84 (default, RFC 7946) or gcj02/bd09 to overlay a Chinese web basemap.</param>
    /// <param name="zoom">Map zoom the boundaries are drawn at (<see cref="Ranges.Zoom"/>): simplified to half a pixel there; full detail when absent.</param>
    /// <param name="scheme">Colour scheme of the legend classes: sequential (default) or official (红/橙/黄/蓝).</param>
    /// <param name="db">Database context.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="time">Clock, for the default day.</param>
    /// <param name="scope">Townships the caller may read: only those are returned.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<ChoroplethResponse>, ProblemHttpResult>> GetChoropleth(
        string? metric, string? sector, string? asOf, string? district, string? crs, string? zoom, string? scheme,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var chosen = q.OneOf("metric", metric, "openMajor", Metrics);
        var sectors = q.Sectors("sector", sector);
        var day = q.Date("asOf", asOf) ?? CampaignCalendar.Today(time);
        var districtCode = q.Code("district", district, 6);
        var system = q.Crs("crs", crs);
        int? mapZoom = string.IsNullOrWhiteSpace(zoom) ? null : q.Int("zoom", zoom, 0, Ranges.Zoom);
        var colours = q.OneOf("scheme", scheme, "sequential", ColorSchemes.Names);
        if (!q.IsValid) return q.ToProblem();
        // A named district is checked only when the aggregate finds nothing: the common request costs one round trip.
        var resolved = districtCode;
        if (resolved is null)
        {
            (resolved, var problem) = await Areas.DistrictAsync(db, q, null, cancellationToken);
            if (problem is not null) return problem;
        }
        var rows = await TownshipsQueries.ChoroplethAsync(dataSource, resolved!, day, sectors, scope.AsArray(), cancellationToken,
            mapZoom is { } z ? TownshipsQueries.SimplificationFor(z) : null);
        if (rows.Count == 0 && districtCode is not null && (await Areas.DistrictAsync(db, q, districtCode, cancellationToken)).Problem is { } missing)
            return missing;
        var features = rows.Select(r =>
        {
            var (labelLon, labelLat) = Geo.ChinaCoordinates.FromWgs84(system, r.LabelLon, r.LabelLat);
            return new TownshipFeature(r.Code, new Geo.RawGeoJson(r.GeoJson).In(system), new TownshipProperties(
                r.Code, r.Name, r.Kind, r.Illustrative, r.Enterprises, r.Totals.OpenMajor, r.Totals.OpenGeneral, r.Totals.Overdue,
                ValueOf(r, chosen), r.BySector, [Math.Round(labelLon, 7), Math.Round(labelLat, 7)]));
        }).ToList();
        return TypedResults.Ok(new ChoroplethResponse(features, resolved!, day, chosen,
            sectors ?? Domain.Sector.All.Select(s => s.Code).ToList(), colours,
            ClassBreaks.For(chosen, colours),
            rows.Any(r => r.Illustrative), Geo.Crs.Name(system)));
    }

    /// <summary>Handles <c>GET /api/v1/townships/{code}</c>.</summary>
    /// <param name="code">9-digit township code.</param>
    /// <param name="asOf">Day, yyyy-MM-dd; today when absent.</param>
    /// <param name="sector">Comma-separated sector codes; all when absent.</param>
    /// <param name="db">Database context.</param>
    /// <param name="dataSource">Data source.</param>
    /// <param name="time">Clock, for the default day.</param>
    /// <param name="scope">Townships the caller may read: another township is 403.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<TownshipDetail>, ProblemHttpResult>> GetTownship(
        string code, string? asOf, string? sector,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var townshipCode = q.Code("code", code, 9);
        var day = q.Date("asOf", asOf) ?? CampaignCalendar.Today(time);
        var sectors = q.Sectors("sector", sector);
        if (!q.IsValid) return q.ToProblem();
        if (!scope.Covers(townshipCode)) return Contract.Problems.OutsideScope("code", townshipCode!);
        var header = await TownshipsQueries.HeaderAsync(dataSource, townshipCode!, cancellationToken);
        if (header is not { } h)
            return RequestValidator.NotFound("Unknown township", "code", $"No township has the code '{townshipCode}'");

        var cells = await TownshipsQueries.HazardCellsAsync(dataSource, townshipCode!, day, sectors, cancellationToken);
        var overdue = await TownshipsQueries.OverdueAsync(dataSource, townshipCode!, day, sectors, cancellationToken);
        var open = cells.Where(c => c.Status is "Open" or "Rectifying").ToList();
        return TypedResults.Ok(new TownshipDetail(
            townshipCode!, h.Name, h.Kind, h.District, h.Illustrative, h.AreaKm2, day,
            await TownshipsQueries.LeadersAsync(dataSource, townshipCode!, cancellationToken),
            await TownshipsQueries.EnterprisesBySectorAsync(dataSource, townshipCode!, sectors, cancellationToken),
            new HazardCounts(open.Where(c => c.Level == "Major").Sum(c => c.Count), open.Where(c => c.Level == "General").Sum(c => c.Count), overdue.Count),
            cells, overdue));
    }

    /// <summary>The metric's count of a township, or null ("no data") when it has no enterprise of the selected sectors.</summary>
    internal static int? ValueOf(TownshipsQueries.ChoroplethRow row, string metric)
        => row.Enterprises == 0 ? null : Pick(row.Totals, metric);

    private static int Pick(HazardCounts counts, string metric) => metric switch
    {
        "openGeneral" => counts.OpenGeneral,
        "overdue" => counts.Overdue,
        _ => counts.OpenMajor,
    };
}
