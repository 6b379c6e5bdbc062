using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Exports;

/// <summary>
/// Maps <c>/api/v1/exports</c>: townships and enterprises as GeoJSON or CSV (WGS-84 or GCJ-02), hazards as CSV or XLSX with
/// Chinese headers — always within the caller's <see cref="ReadScope"/>. CSV is UTF-8 with a byte-order mark so that
/// Chinese Excel opens it; the enterprise CSV has the columns of the enterprise import and the hazard files the Chinese
/// headers of the hazard import, so that an export reads back.
/// </summary>
public static class ExportsApi
{
    /// <summary>Maps the export endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapExports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exports").WithTags("Exports").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/townships", Townships)
            .WithName("ExportTownships")
            .WithSummary("Townships in scope as a file: format = geojson (default) | csv (boundary as WKT); crs = wgs84 (default) | gcj02; district = 6 digits.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        group.MapGet("/enterprises", Enterprises)
            .WithName("ExportEnterprises")
            .WithSummary("Enterprises in scope as a file: format = geojson (default) | csv (the enterprise import's columns); crs = wgs84 | gcj02; township; sector.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        group.MapGet("/hazards", Hazards)
            .WithName("ExportHazards")
            .WithSummary("Hazards of enterprises in scope with Chinese headers and labels: format = csv (default) | xlsx; township; sector.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return group;
    }

    /// <summary>Handles <c>GET /api/v1/exports/townships</c>.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Townships(string? format, string? crs, string? district,
        ReadScope scope, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var chosen = q.OneOf("format", format, "geojson", "geojson", "csv");
        var system = OutputCrs(q, crs);
        var districtCode = q.Code("district", district, 6);
        if (!q.IsValid) return q.ToProblem();
        var rows = await ExportsQueries.TownshipsAsync(dataSource, scope, districtCode, cancellationToken);
        var suffix = system == GeographicSystem.Wgs84 ? "" : $"_{Crs.Name(system)}";
        if (chosen == "geojson")
            return GeoJson($"townships{suffix}.geojson", rows.Select(t => (ChinaCoordinates.FromWgs84(system, t.Boundary), new AttributesTable
            {
                { "code", t.Code }, { "name", t.Name }, { "kind", t.Kind }, { "district", t.District }, { "illustrative", t.Illustrative },
                { "area_km2", Math.Round(t.AreaKm2, 3) },
            })), system);
        var wkt = new WKTWriter();
        return Csv($"townships{suffix}.csv", ["code", "name", "kind", "district_code", "illustrative", "area_km2", "boundary_wkt"],
            rows.Select(t => new CsvCell[]
            {
                t.Code, t.Name, t.Kind, t.District, t.Illustrative ? "true" : "false", CsvCell.Number(t.AreaKm2, "0.###"),
                wkt.Write(ChinaCoordinates.FromWgs84(system, t.Boundary)),
            }));
    }

    /// <summary>Handles <c>GET /api/v1/exports/enterprises</c>.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Enterprises(string? format, string? crs, string? township, string? sector,
        ReadScope scope, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var chosen = q.OneOf("format", format, "geojson", "geojson", "csv");
        var system = OutputCrs(q, crs);
        var townshipCode = q.Code("township", township, 9);
        var sectors = q.Sectors("sector", sector);
        if (!q.IsValid) return q.ToProblem();
        if (townshipCode is not null && !scope.Covers(townshipCode)) return Contract.Problems.OutsideScope("township", townshipCode);
        var rows = await ExportsQueries.EnterprisesAsync(dataSource, scope, townshipCode, sectors, cancellationToken);
        var suffix = system == GeographicSystem.Wgs84 ? "" : $"_{Crs.Name(system)}";
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        if (chosen == "geojson")
            return GeoJson($"enterprises{suffix}.geojson", rows.Select(e =>
            {
                var (x, y) = ChinaCoordinates.FromWgs84(system, e.Longitude, e.Latitude);
                return ((Geometry)factory.CreatePoint(new Coordinate(Math.Round(x, 7), Math.Round(y, 7))), new AttributesTable
                {
                    { "credit_code", e.CreditCode }, { "name", e.Name }, { "sector", e.Sector }, { "above_scale", e.AboveScale },
                    { "address", e.Address }, { "department_code", e.Department }, { "township_code", e.Township }, { "township_name", e.TownshipName },
                });
            }), system);
        return Csv($"enterprises{suffix}.csv",
            [.. EnterpriseRecord.Columns, "township_code", "township_name"],
            rows.Select(e =>
            {
                var (x, y) = ChinaCoordinates.FromWgs84(system, e.Longitude, e.Latitude);
                return new CsvCell[]
                {
                    e.CreditCode, e.Name, e.Sector, e.AboveScale ? "true" : "false", e.Address,
                    CsvCell.Number(x, "F7"), CsvCell.Number(y, "F7"), e.Department, e.Township, e.TownshipName,
                };
            }));
    }

    /// <summary>Handles <c>GET /api/v1/exports/hazards</c>.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Hazards(string? format, string? township, string? sector,
        ReadScope scope, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var chosen = q.OneOf("format", format, "csv", "csv", "xlsx");
        var townshipCode = q.Code("township", township, 9);
        var sectors = q.Sectors("sector", sector);
        if (!q.IsValid) return q.ToProblem();
        if (townshipCode is not null && !scope.Covers(townshipCode)) return Contract.Problems.OutsideScope("township", townshipCode);
        var rows = await ExportsQueries.HazardsAsync(dataSource, scope, townshipCode, sectors, cancellationToken);

        string Label(string name) => ImportColumns.Hazards.First(f => f.Name == name).Chinese;
        string[] header =
        [
            Label("reference"), Label("inspection_reference"), Label("credit_code"), "企业名称", "乡镇/街道", Label("sector"), Label("level"),
            Label("description"), Label("found_on"), Label("deadline"), Label("rectified_on"), Label("closed_on"), Label("status"),
            Label("responsible_person"), Label("supervised"),
        ];
        var cells = rows.Select(h => new CsvCell[]
        {
            h.Reference, h.InspectionReference, h.CreditCode, h.EnterpriseName, h.TownshipName, Sector.Find(h.Sector)?.NameZh ?? h.Sector,
            ChineseLabels.Of(Enum.Parse<HazardLevel>(h.Level)), h.Description, CsvCell.Date(h.FoundOn), CsvCell.Date(h.Deadline),
            CsvCell.Date(h.RectifiedOn), CsvCell.Date(h.ClosedOn), ChineseLabels.Of(Enum.Parse<HazardStatus>(h.Status)), h.ResponsiblePerson,
            h.Supervised ? "是" : "否",
        }).ToList();
        if (chosen == "csv") return Csv("hazards.csv", header, cells);
        // XLSX needs no neutralising: MiniExcel writes every string as a string cell, never as a formula (no <f> element;
        // ExportApiTests checks), so Excel shows "=HYPERLINK(…)" as text; the cells go in unquoted.
        return TypedResults.Stream(async stream =>
        {
            var sheet = cells.Select(row => (IDictionary<string, object?>)header.Select((name, i) => (name, (object?)NullIfEmpty(row[i].Value)))
                .ToDictionary(c => c.name, c => c.Item2));
            using var buffer = new MemoryStream();
            await MiniExcel.SaveAsAsync(buffer, sheet.ToList(), sheetName: "隐患", excelType: ExcelType.XLSX);
            buffer.Position = 0;
            await buffer.CopyToAsync(stream);
        }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "hazards.xlsx");
    }

    private static GeographicSystem OutputCrs(RequestValidator q, string? crs)
        => Crs.Parse(q.OneOf("crs", crs, "wgs84", "wgs84", "gcj02")) ?? GeographicSystem.Wgs84;

    private static PushStreamHttpResult GeoJson(string fileName, IEnumerable<(Geometry Geometry, AttributesTable Attributes)> features, GeographicSystem system)
        => TypedResults.Stream(async stream =>
        {
            var collection = new FeatureCollection();
            foreach (var (geometry, attributes) in features) collection.Add(new Feature(geometry, attributes));
            await JsonSerializer.SerializeAsync(stream, collection, GeoJsonFiles.Options);
        }, system == GeographicSystem.Wgs84 ? "application/geo+json" : "application/json", fileName);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static PushStreamHttpResult Csv(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<CsvCell>> rows)
    {
        var bytes = ExcelCsv.Write(header, rows);
        return TypedResults.Stream(stream => stream.WriteAsync(bytes).AsTask(), "text/csv; charset=utf-8", fileName);
    }
}
