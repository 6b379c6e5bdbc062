using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Geo;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Exports;

/// <summary>
/// Maps <c>/api/v1/exports</c>: townships and enterprises as GeoJSON or CSV (WGS-84 or GCJ-02), hazards as CSV or XLSX —
/// always within the caller's <see cref="ReadScope"/>. CSV is UTF-8 with a byte-order mark so that Chinese Excel opens
/// it. File headers and labels are in the request's language (<see cref="ExportTexts"/>): Chinese (the default) writes the
/// Chinese headers and labels of the imports, English the canonical column names and values; the enterprise and hazard
/// files read back through their imports either way.
/// </summary>
public static class ExportsApi
{
    /// <summary>The <c>format</c> of a GeoJSON file.</summary>
    public const string GeoJson = "geojson";

    /// <summary>The <c>format</c> of a CSV file.</summary>
    public const string Csv = "csv";

    /// <summary>The <c>format</c> of an Excel workbook.</summary>
    public const string Xlsx = "xlsx";

    /// <summary>The <c>crs</c> of WGS-84 coordinates.</summary>
    public const string Wgs84 = "wgs84";

    /// <summary>The <c>crs</c> of GCJ-02 coordinates (Amap, Tencent).</summary>
    public const string Gcj02 = "gcj02";

    /// <summary>Maps the export endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapExports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exports").WithTags("Exports").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/townships", Townships)
            .WithName("ExportTownships")
            .WithSummary("Townships in scope as a file: GeoJSON (default) or CSV with the boundary as WKT, in WGS-84 or GCJ-02.")
            .WithDescription("A download (Content-Disposition: attachment) of the caller's townships, optionally of one district, ordered by " +
                             "code: code, name, kind, district, whether the boundary is illustrative and the area in km² (geodesic), with the " +
                             "boundary as a MultiPolygon (GeoJSON) or WKT (CSV). CSV headers and the kind are in the request's language.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/geo+json", "application/json", "text/csv");
        group.MapGet("/enterprises", Enterprises)
            .WithName("ExportEnterprises")
            .WithSummary("Enterprises in scope as a file: GeoJSON points (default) or CSV with the enterprise import's columns, in WGS-84 or GCJ-02.")
            .WithDescription("A download of the enterprises in the caller's townships (an enterprise in no township only for callers who " +
                             "read everything), ordered by credit code, optionally of one township and some sectors. The CSV has the " +
                             "columns of the enterprise import plus township code and name, so that it reads back; its headers, sector " +
                             "and yes/no values are in the request's language (Chinese: 统一社会信用代码…; English: credit_code…).")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/geo+json", "application/json", "text/csv");
        group.MapGet("/hazards", Hazards)
            .WithName("ExportHazards")
            .WithSummary("Hazards of enterprises in scope as CSV (default) or XLSX, with the hazard import's headers in the request's language.")
            .WithDescription("A download of the hazards of the enterprises in the caller's townships, newest first, optionally of one township " +
                             "and some sectors: reference, inspection, enterprise, township, sector, level, description, dates, status, " +
                             "responsible person, supervision. Headers and labels are those of the hazard import in the request's language " +
                             "(Chinese: 隐患编号, 一般/重大, 未整改…; English: reference, General/Major, Open…), so the file reads back and " +
                             "updates the same hazards. Text that a spreadsheet would run as a formula is quoted in the CSV.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "text/csv", XlsxFiles.MediaType);
        group.MapGet("/statistics", StatisticsWorkbook.Export)
            .WithName("ExportStatistics")
            .WithSummary("The headline figures of a period (those of GET /api/v1/statistics) as an XLSX workbook, one row per figure.")
            .WithDescription("A download of the figures GET /api/v1/statistics answers for the same district, period, township and sector, " +
                             "computed by the same query (its description gives the counting rules), as a sheet of label and value rows: the " +
                             "area, period, inspection groups, inspector visits, enterprises inspected, general and major hazards found, " +
                             "rectified and the rectification rate (percent), enforcement documents, reminder interviews, enterprises with " +
                             "cases, fines in yuan and the hazards open and overdue at the period's end. Labels in the request's language. " +
                             "403 for a township outside the caller's, 404 for an unknown district or township.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), XlsxFiles.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The townships of <paramref name="query"/> in the caller's scope as a file.</summary>
    internal static async Task<PushStreamHttpResult> Townships([AsParameters] TownshipExportQuery query, ReadScope scope,
        NpgsqlDataSource dataSource, IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var system = SystemOf(query.Crs);
        var rows = await ExportsQueries.TownshipsAsync(dataSource, scope, query.District, cancellationToken);
        var suffix = system == GeographicSystem.Wgs84 ? "" : $"_{Crs.Name(system)}";
        if (!Is(query.Format, Csv))
            return GeoJsonFile($"townships{suffix}.geojson", rows.Select(t => (ChinaCoordinates.FromWgs84(system, t.Boundary), new AttributesTable
            {
                { GeoJsonConverterFactory.DefaultIdPropertyName, t.Code },
                { "code", t.Code }, { "name", t.Name }, { "kind", t.Kind }, { "district", t.District }, { "illustrative", t.Illustrative },
                { "area_km2", Math.Round(t.AreaKm2, 3) },
            })), system);
        var texts = new ExportTexts(localizer);
        var wkt = new WKTWriter();
        return CsvFile($"townships{suffix}.csv",
            texts.Headers("townships", ExportTexts.TownshipColumns),
            rows.Select(t => new CsvCell[]
            {
                t.Code, t.Name, texts.TownshipKind(t.Kind), t.District, texts.Boolean(t.Illustrative), CsvCell.Number(t.AreaKm2, "0.###"),
                wkt.Write(ChinaCoordinates.FromWgs84(system, t.Boundary)),
            }));
    }

    /// <summary>The enterprises of <paramref name="query"/> in the caller's scope as a file: 403 for a township outside it.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Enterprises([AsParameters] EnterpriseExportQuery query,
        ReadScope scope, NpgsqlDataSource dataSource, IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        if (query.Township is { } township && !scope.Covers(township)) return Problems.OutsideScope("township", township);
        var system = SystemOf(query.Crs);
        var rows = await ExportsQueries.EnterprisesAsync(dataSource, scope, query.Township, query.Sector?.Codes, cancellationToken);
        var suffix = system == GeographicSystem.Wgs84 ? "" : $"_{Crs.Name(system)}";
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        if (!Is(query.Format, Csv))
            return GeoJsonFile($"enterprises{suffix}.geojson", rows.Select(e =>
            {
                var (x, y) = ChinaCoordinates.OutputFromWgs84(system, e.Longitude, e.Latitude);
                return ((Geometry)factory.CreatePoint(new Coordinate(x, y)), new AttributesTable
                {
                    { GeoJsonConverterFactory.DefaultIdPropertyName, e.CreditCode },
                    { "credit_code", e.CreditCode }, { "name", e.Name }, { "sector", e.Sector }, { "above_scale", e.AboveScale },
                    { "address", e.Address }, { "department_code", e.Department }, { "opening_hours", e.Hours?.ToString() },
                    { "township_code", e.Township }, { "township_name", e.TownshipName },
                });
            }), system);
        var texts = new ExportTexts(localizer);
        return CsvFile($"enterprises{suffix}.csv",
            texts.Headers("enterprises", ExportTexts.EnterpriseColumns),
            rows.Select(e =>
            {
                var (x, y) = ChinaCoordinates.OutputFromWgs84(system, e.Longitude, e.Latitude);
                return new CsvCell[]
                {
                    e.CreditCode, e.Name, ExportTexts.SectorLabel(e.Sector), texts.Boolean(e.AboveScale), e.Address,
                    CsvCell.Number(x, "F7"), CsvCell.Number(y, "F7"), e.Department, e.Hours?.ToString(), e.Township, e.TownshipName,
                };
            }));
    }

    /// <summary>The hazards of <paramref name="query"/> in the caller's scope as a file: 403 for a township outside it.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Hazards([AsParameters] HazardExportQuery query,
        ReadScope scope, NpgsqlDataSource dataSource, IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        if (query.Township is { } township && !scope.Covers(township)) return Problems.OutsideScope("township", township);
        var rows = await ExportsQueries.HazardsAsync(dataSource, scope, query.Township, query.Sector?.Codes, cancellationToken);
        var texts = new ExportTexts(localizer);
        var header = texts.Headers("hazards", ExportTexts.HazardColumns);
        var cells = rows.Select(h => new CsvCell[]
        {
            h.Reference, h.InspectionReference, h.CreditCode, h.EnterpriseName, h.TownshipName, ExportTexts.SectorLabel(h.Sector),
            texts.Level(h.Level), h.Description, CsvCell.Date(h.FoundOn), CsvCell.Date(h.Deadline),
            CsvCell.Date(h.RectifiedOn), CsvCell.Date(h.ClosedOn), texts.Status(h.Status), h.ResponsiblePerson, texts.Boolean(h.Supervised),
            texts.Source(h.Ledger.Source.ToString()), h.Ledger.CriterionClause, h.Ledger.PlanMeasures,
            h.Ledger.PlanFundsYuan is { } funds ? CsvCell.Number((double)funds, "0.##") : "", h.Ledger.PlanOwner,
            h.Ledger.PlanInterimMeasures, CsvCell.Date(h.Ledger.PlanCompletionOn), texts.SupervisionLevel(h.Ledger.SupervisionLevel?.ToString()),
            h.Ledger.SupervisingUnit, CsvCell.Date(h.Ledger.SupervisionListedOn), CsvCell.Date(h.Ledger.SupervisionDelistedOn),
            h.Ledger.CloseDocumentNumber,
        }).ToList();
        if (!Is(query.Format, Xlsx)) return CsvFile("hazards.csv", header, cells);
        // XLSX needs no neutralising (XlsxFiles: MiniExcel writes no formula; ExportApiTests checks): the cells go in unquoted.
        return XlsxFiles.Write("hazards.xlsx",
            [(texts.HazardsSheet, [.. cells.Select(row => XlsxFiles.Row(header, [.. row.Select(c => (object?)c.Value)]))])]);
    }

    private static GeographicSystem SystemOf(string crs) => Is(crs, Gcj02) ? GeographicSystem.Gcj02 : GeographicSystem.Wgs84;

    // Query values are matched case-insensitively (OneOfAttribute has checked them); an empty one is the default.
    private static bool Is(string value, string name) => string.Equals(value.Trim(), name, StringComparison.OrdinalIgnoreCase);

    private static PushStreamHttpResult GeoJsonFile(string fileName, IEnumerable<(Geometry Geometry, AttributesTable Attributes)> features, GeographicSystem system)
        => TypedResults.Stream(async stream =>
        {
            var collection = new FeatureCollection();
            foreach (var (geometry, attributes) in features) collection.Add(new Feature(geometry, attributes));
            await JsonSerializer.SerializeAsync(stream, collection, GeoJsonFiles.Options);
        }, system == GeographicSystem.Wgs84 ? "application/geo+json" : "application/json", fileName);

    private static PushStreamHttpResult CsvFile(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<CsvCell>> rows)
    {
        var bytes = ExcelCsv.Write(header, rows);
        return TypedResults.Stream(stream => stream.WriteAsync(bytes).AsTask(), "text/csv; charset=utf-8", fileName);
    }
}
