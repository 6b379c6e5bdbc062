using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.MapConfig;
using RiskMap.Api.Features.Townships;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Maps;

/// <summary>Maps <c>/api/v1/maps</c>: the choropleth drawn on a sheet of paper, as PNG or PDF.</summary>
public static class MapsApi
{
    private const string Description =
        "The township choropleth drawn on the server (SkiaSharp; no browser, basemap or network) on one sheet: title (district, " +
        "metric, sectors), the as-of date, the townships in their legend classes' colours with their names at their label " +
        "points (a name that would collide is left out), the legend in the classes' labels, a north arrow, a scale bar, the " +
        "illustrative-boundaries notice when any boundary drawn is illustrative, the issuing unit (the district setting " +
        "RiskMap:Map:Districts:{code}:IssuingUnit) and the generation time (China Standard Time). Counts follow the choropleth " +
        "endpoint's rules (GET /api/v1/townships/choropleth) and the caller's townships: a township chief's map shows their " +
        "township. Text in the request's language (Accept-Language; Chinese by default), in Noto Sans CJK SC.";

    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapMaps(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/maps").WithTags("Maps").ProducesValidationProblem();
        group.MapGet("/choropleth.png", GetPng)
            .WithName("GetPrintedMapPng")
            .WithSummary("The township choropleth as a printable PNG of A4 or A3 paper at 72–600 dpi.")
            .WithDescription(Description + " The image measures the paper's size in inches times dpi (A4 landscape at 150 dpi: 1754 × 1240 pixels).")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/choropleth.pdf", GetPdf)
            .WithName("GetPrintedMapPdf")
            .WithSummary("The township choropleth as a one-page printable PDF of A4 or A3 paper.")
            .WithDescription(Description + " The PDF is vector with its text embedded (searchable); dpi is recorded as its raster resolution only.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The map of <paramref name="query"/> as PNG; 403 for a township outside the caller's, 404 for an unknown township or district.</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPng([AsParameters] PrintedMapQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, IStringLocalizer<Messages> text,
        IOptions<MapOptions> options, CancellationToken cancellationToken)
    {
        var (map, problem) = await BuildAsync(query, db, dataSource, time, scope, text, options.Value, cancellationToken);
        return problem ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(MapRenderer.Png(map!), "image/png");
    }

    /// <summary>The map of <paramref name="query"/> as PDF; 403 for a township outside the caller's, 404 for an unknown township or district.</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPdf([AsParameters] PrintedMapQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, IStringLocalizer<Messages> text,
        IOptions<MapOptions> options, CancellationToken cancellationToken)
    {
        var (map, problem) = await BuildAsync(query, db, dataSource, time, scope, text, options.Value, cancellationToken);
        return problem ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(MapRenderer.Pdf(map!, time.GetUtcNow()), "application/pdf");
    }

    /// <summary>
    /// What the sheet shows for <paramref name="query"/>: the choropleth's rows (<see cref="TownshipsQueries.ChoroplethAsync"/>,
    /// full-detail boundaries) in the caller's townships, coloured by the fixed classes of <see cref="ClassBreaks"/>, with
    /// every text in the request's culture. A problem instead when the township or district is outside the caller's or unknown,
    /// or the district cannot be chosen.
    /// </summary>
    public static async Task<(PrintedMap? Map, ProblemHttpResult? Problem)> BuildAsync(PrintedMapQuery query, RiskMapDbContext db,
        NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, IStringLocalizer<Messages> text, MapOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        // The values are checked ([OneOf], case-insensitive) by now; absent or empty means the default.
        var metric = string.IsNullOrWhiteSpace(query.Metric) ? "openMajor"
            : TownshipsApi.Metrics.First(m => string.Equals(m, query.Metric.Trim(), StringComparison.OrdinalIgnoreCase));
        var scheme = string.IsNullOrWhiteSpace(query.Scheme) ? "sequential"
            : ColorSchemes.Names.First(n => string.Equals(n, query.Scheme.Trim(), StringComparison.OrdinalIgnoreCase));
        var day = query.AsOf ?? CampaignCalendar.Today(time);
        string[]? townships = scope.AsArray();
        if (query.Township is { } township)
        {
            if (!scope.Covers(township)) return (null, Problems.OutsideScope("township", township));
            if (await Areas.TownshipExistsAsync(db, township, query.District, cancellationToken) is { } missing) return (null, missing);
            townships = [township];
        }
        var (district, none) = await Areas.DistrictAsync(db, query.District ?? query.Township?[..6] ?? townships?.FirstOrDefault()?[..6],
            cancellationToken);
        if (none is not null) return (null, none);
        var districtName = await db.Districts.Where(d => d.Code == district).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
        if (districtName is null) return (null, Problems.NotFound(ProblemCodes.DistrictUnknown, "district", district));

        var rows = await TownshipsQueries.ChoroplethAsync(dataSource, district!, day, query.Sector?.Codes, townships, cancellationToken);
        var classes = ClassBreaks.For(metric, scheme);
        var printed = rows.Select(r => new PrintedTownship(r.Code, r.Name, JsonSerializer.Deserialize<Geometry>(r.GeoJson, Geo.GeoJsonFiles.Options)!,
            r.LabelLon, r.LabelLat, ClassBreaks.ColorOf(TownshipsApi.ValueOf(r, metric), classes))).ToList();

        var zh = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
        var sectors = query.Sector is { } chosen
            ? string.Join(zh ? "、" : ", ", chosen.Codes.Select(c => Domain.Sector.Find(c) is { } s ? (zh ? s.NameZh : s.NameEn) : c))
            : text[MapTexts.AllSectors].Value;
        var metricName = text[MapTexts.Metric(metric)].Value;
        var legend = classes.Select(c => new LegendEntry(c.Color, LegendLabel(c, text))).ToList();
        if (rows.Any(r => r.Enterprises == 0)) legend.Add(new LegendEntry(ColorSchemes.NoData, text[MapTexts.NoData].Value));
        var generated = (time.GetUtcNow() + CampaignCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var unit = options.Districts.TryGetValue(district!, out var settings) ? settings.IssuingUnit : null;
        var footer = string.IsNullOrWhiteSpace(unit) ? text[MapTexts.FooterGenerated, generated].Value : text[MapTexts.Footer, unit, generated].Value;
        return (new PrintedMap(query.Sheet,
            text[MapTexts.Title, districtName, metricName, sectors].Value,
            text[MapTexts.AsOf, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value,
            metricName, legend, printed, text[MapTexts.North].Value, "km",
            rows.Any(r => r.Illustrative) ? text[MapTexts.Illustrative].Value : null, footer, text[MapTexts.Key].Value), null);
    }

    /// <summary>A class's legend label in one format: "0 项", "1–3 项", "≥21 项" (English "0", "1–3", "≥21").</summary>
    public static string LegendLabel(ClassRange range, IStringLocalizer<Messages> text)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(text);
        return range.Max switch
        {
            null => text[MapTexts.LegendAtLeast, range.Min].Value,
            { } max when max == range.Min => text[MapTexts.LegendCount, range.Min].Value,
            { } max => text[MapTexts.LegendRange, range.Min, max].Value,
        };
    }
}
