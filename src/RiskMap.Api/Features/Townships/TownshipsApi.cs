using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Townships;

/// <summary>Maps <c>/api/v1/townships</c>: the choropleth and a township's detail.</summary>
public static class TownshipsApi
{
    /// <summary>The choropleth's metrics, as the API spells them: openMajor (the default), openGeneral, overdue.</summary>
    public static readonly string[] Metrics = [ChoroplethQuery.OpenMajor, ChoroplethQuery.OpenGeneral, ChoroplethQuery.Overdue];

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
                "classes are fixed per metric, the same for every sector and day. Each feature carries its labelPoint, where its name is drawn. " +
                "Only the caller's townships. 400 names each bad parameter (also a missing district when the database holds several); " +
                "404 when the district is unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{code}", GetTownship)
            .WithName("GetTownship")
            .WithSummary("A township's figures as of a day: hazards by sector × level × status, overdue hazards, enterprises by sector, covering leaders.")
            .WithDescription(
                "The township's name, kind, district and area in km²; its covering leaders (包保责任人); its " +
                "enterprises by sector; hazards counted by sector × level × status as recorded on asOf (default today), with the open " +
                "major, open general and overdue totals; and every hazard overdue on asOf with its enterprise, deadline and days " +
                "overdue. sector = comma-separated codes narrows all of them. 403 for a township outside the caller's, 404 for an unknown code.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// The choropleth of <paramref name="query"/>: 400 when no district is named and the database holds none or several,
    /// 404 for an unknown district.
    /// </summary>
    internal static async Task<Results<Ok<ChoroplethResponse>, ProblemHttpResult>> GetChoropleth([AsParameters] ChoroplethQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        var sectors = query.Sector?.Codes;
        var system = (query.Crs ?? OutputCrs.Wgs84).System;
        // A named district is checked only when the aggregate finds nothing: the common request costs one round trip.
        var resolved = query.District;
        if (resolved is null)
        {
            (resolved, var problem) = await Areas.DistrictAsync(db, null, cancellationToken);
            if (problem is not null) return problem;
        }
        var rows = await TownshipsQueries.ChoroplethAsync(dataSource, resolved!, day, sectors, scope.AsArray(), cancellationToken,
            query.Zoom is { } z ? TownshipsQueries.SimplificationFor(z) : null);
        if (rows.Count == 0 && query.District is not null && (await Areas.DistrictAsync(db, query.District, cancellationToken)).Problem is { } missing)
            return missing;
        var features = rows.Select(r =>
        {
            var (labelLon, labelLat) = Geo.ChinaCoordinates.FromWgs84(system, r.LabelLon, r.LabelLat);
            return new TownshipFeature(r.Code, new Geo.RawGeoJson(r.GeoJson).In(system), new TownshipProperties(
                r.Code, r.Name, r.Kind, r.Illustrative, r.Enterprises, r.Totals.OpenMajor, r.Totals.OpenGeneral, r.Totals.Overdue,
                ValueOf(r, query.MetricName), r.BySector, [Math.Round(labelLon, 7), Math.Round(labelLat, 7)]));
        }).ToList();
        return TypedResults.Ok(new ChoroplethResponse(features, resolved!, day, query.MetricName,
            sectors ?? Domain.Sector.All.Select(s => s.Code).ToList(), query.SchemeName,
            ClassBreaks.For(query.MetricName, query.SchemeName),
            rows.Any(r => r.Illustrative), Geo.Crs.Name(system)));
    }

    /// <summary>The figures of township <paramref name="query"/>: 403 outside the caller's townships, 404 for an unknown code.</summary>
    internal static async Task<Results<Ok<TownshipDetail>, ProblemHttpResult>> GetTownship([AsParameters] TownshipQuery query,
        NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var code = query.Code;
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        var sectors = query.Sector?.Codes;
        if (!scope.Covers(code)) return Problems.OutsideScope("code", code);
        if (await TownshipsQueries.HeaderAsync(dataSource, code, cancellationToken) is not { } h)
            return Problems.NotFound(ProblemCodes.TownshipUnknown, "code", code);

        var cells = await TownshipsQueries.HazardCellsAsync(dataSource, code, day, sectors, cancellationToken);
        var overdue = await TownshipsQueries.OverdueAsync(dataSource, code, day, sectors, cancellationToken);
        var open = cells.Where(c => c.Status is "Open" or "Rectifying").ToList();
        return TypedResults.Ok(new TownshipDetail(
            code, h.Name, h.Kind, h.District, h.Illustrative, h.AreaKm2, day,
            await TownshipsQueries.LeadersAsync(dataSource, code, cancellationToken),
            await TownshipsQueries.EnterprisesBySectorAsync(dataSource, code, sectors, cancellationToken),
            new HazardCounts(open.Where(c => c.Level == "Major").Sum(c => c.Count), open.Where(c => c.Level == "General").Sum(c => c.Count), overdue.Count),
            cells, overdue));
    }

    /// <summary>The metric's count of a township, or null ("no data") when it has no enterprise of the selected sectors.</summary>
    internal static int? ValueOf(TownshipsQueries.ChoroplethRow row, string metric)
        => row.Enterprises == 0 ? null : Pick(row.Totals, metric);

    private static int Pick(HazardCounts counts, string metric) => metric switch
    {
        ChoroplethQuery.OpenGeneral => counts.OpenGeneral,
        ChoroplethQuery.Overdue => counts.Overdue,
        _ => counts.OpenMajor,
    };
}
