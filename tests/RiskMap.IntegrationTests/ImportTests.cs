using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NetTopologySuite.Geometries;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Geo;
using RiskMap.Api.Resources;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Imports of files the tests write themselves (GBK CSV, swapped coordinates, broken and 3-D polygons, a Gauss-Krüger
/// shapefile made by GDAL's ogr2ogr, GCJ-02 boundaries, 100,000 rows) through the pipeline the API and the CLI share.
/// Each test uses its own district so that the tests do not depend on each other.
/// </summary>
public sealed class ImportTests(EmptyApp app) : IClassFixture<EmptyApp>, IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("riskmap-import-tests-");

    public void Dispose() => _files.Delete(recursive: true);

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="request"/> through the pipeline; the outcome's texts written in English, as the API writes them for <c>en</c>.</summary>
    internal static async Task<ImportOutcome> RunAsync(RiskMapApp app, ImportRequest request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportPipeline>().RunAsync(request, null, default);
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<Messages>>();
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            return ImportMessages.Render(localizer, outcome);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private string Write(string name, string text, Encoding encoding)
    {
        var path = Path.Combine(_files.FullName, name);
        File.WriteAllBytes(path, encoding.GetBytes(text));
        return path;
    }

    private async Task<long> EnterprisesOfAsync(string district)
        => (long)(await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE substr(credit_code, 3, 6) = '{district}'"))!;

    private static string Row(string district, int serial, string name, string sector, double lon, double lat)
        => $"{CreditCode(district, serial)},{name},{sector},{F(lon)},{F(lat)}\n";

    [Fact]
    public async Task A_gbk_csv_without_bom_as_chinese_excel_saves_it_imports_with_its_chinese_names_and_headers()
    {
        const string district = "431181";
        await CreateTwoTownshipsAsync(app, district);
        var text = "统一社会信用代码,企业名称,行业领域,经度,纬度\n"
                   + Row(district, 1, "西镇烟花爆竹批发部", "烟花爆竹", 112.05, Lat(district, 0.05))
                   // Full-width digits as typed with a Chinese input method.
                   + $"{CreditCode(district, 2)},东街道燃气站,gas,１１２．１５,{F(Lat(district, 0.05)).Replace('.', '．')}\n";
        var path = Write("enterprises-gbk.csv", text, TextEncodings.Gbk);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, path, "enterprises-gbk.csv", District: district, Crs: "wgs84"));

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors));
        Assert.Contains(outcome.Notes, n => n.StartsWith("encoding gbk", StringComparison.Ordinal));
        Assert.Equal(2, outcome.Result!.Inserted);
        Assert.Equal("西镇烟花爆竹批发部", await app.ScalarAsync($"SELECT name FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"));
        Assert.Equal("fireworks", await app.ScalarAsync($"SELECT sector FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"));
        Assert.Equal(district + "001", await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE credit_code = '{CreditCode(district, 2)}'"));
    }

    [Fact]
    public async Task A_row_with_swapped_latitude_and_longitude_is_reported_not_guessed_and_nothing_is_written()
    {
        const string district = "431182";
        await CreateTwoTownshipsAsync(app, district);
        var text = "credit_code,name,sector,longitude,latitude\n"
                   + Row(district, 1, "甲", "gas", 112.05, Lat(district, 0.05))
                   + Row(district, 2, "乙", "gas", Lat(district, 0.05), 112.05)
                   + Row(district, 3, "丙", "gas", 112.15, Lat(district, 0.05));
        var path = Write("swapped.csv", text, Encoding.UTF8);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, path, "swapped.csv", District: district, Crs: "wgs84"));

        Assert.False(outcome.Accepted);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((3, "latitude"), (error.Row, error.Column));
        Assert.Contains("swapped", error.Reason);
        Assert.Equal($"{F(Lat(district, 0.05))}, 112.05", error.Value);
        Assert.Equal(0, await EnterprisesOfAsync(district));
    }

    [Fact]
    public async Task An_import_failing_on_row_7_of_10_leaves_the_database_unchanged_and_a_dry_run_writes_nothing()
    {
        const string district = "431183";
        await CreateTwoTownshipsAsync(app, district);
        var rows = Enumerable.Range(1, 10).Select(i => Row(district, i, $"企业{i}", "construction", 112.01 + i * 0.01, Lat(district, 0.05))).ToList();
        var broken = rows.ToList();
        // The 7th data row (line 8 of the file) has a wrong check character.
        broken[6] = broken[6].Replace(CreditCode(district, 7), CreditCode(district, 7)[..17] + (CreditCode(district, 7)[17] == '0' ? '1' : '0'));
        var header = "credit_code,name,sector,longitude,latitude\n";
        var before = await app.ScalarAsync("SELECT count(*) FROM enterprises");

        var failed = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, Write("ten.csv", header + string.Concat(broken), Encoding.UTF8),
            "ten.csv", District: district, Crs: "wgs84"));

        Assert.False(failed.Accepted);
        var error = Assert.Single(failed.Errors);
        Assert.Equal((8, "credit_code"), (error.Row, error.Column));
        Assert.Equal(before, await app.ScalarAsync("SELECT count(*) FROM enterprises"));

        var dryRun = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, Write("ten-fixed.csv", header + string.Concat(rows), Encoding.UTF8),
            "ten-fixed.csv", DryRun: true, District: district, Crs: "wgs84"));
        Assert.True(dryRun.Accepted, string.Join("; ", dryRun.Errors));
        Assert.False(dryRun.Written);
        Assert.Equal(10, dryRun.Result!.Inserted);
        Assert.Equal(before, await app.ScalarAsync("SELECT count(*) FROM enterprises"));
    }

    [Fact]
    public async Task Enterprises_outside_the_district_are_rejected_unless_accepted_and_then_flagged()
    {
        const string district = "431184";
        await CreateTwoTownshipsAsync(app, district);
        var text = "credit_code,name,sector,longitude,latitude\n"
                   + Row(district, 1, "区内", "gas", 112.05, Lat(district, 0.05))
                   + Row(district, 2, "区外", "gas", 112.5, Lat(district, 0.05));
        var path = Write("outside.csv", text, Encoding.UTF8);

        var rejected = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, path, "outside.csv", District: district, Crs: "wgs84"));
        var error = Assert.Single(rejected.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains($"Outside district {district}", error.Reason);

        var accepted = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, path, "outside.csv", District: district, Crs: "wgs84", AcceptOutside: true));
        Assert.True(accepted.Accepted);
        Assert.Equal(3, Assert.Single(accepted.Result!.Flagged).Row);
        Assert.Equal(2, await EnterprisesOfAsync(district));
    }

    private static string Square(double minLon, double minLat, double size, bool withZ = false)
    {
        var z = withZ ? ",86.5" : "";
        return $"[[[{F(minLon)},{F(minLat)}{z}],[{F(minLon + size)},{F(minLat)}{z}],[{F(minLon + size)},{F(minLat + size)}{z}],[{F(minLon)},{F(minLat + size)}{z}],[{F(minLon)},{F(minLat)}{z}]]]";
    }

    private static string Feature(string code, string name, string geometryType, string coordinates)
        => $$$"""{"type":"Feature","properties":{"code":"{{{code}}}","name":"{{{name}}}"},"geometry":{"type":"{{{geometryType}}}","coordinates":{{{coordinates}}}}}""";

    private static string Collection(params string[] features) => $$$"""{"type":"FeatureCollection","features":[{{{string.Join(",", features)}}}]}""";

    [Fact]
    public async Task A_self_intersecting_polygon_is_repaired_and_reported_and_z_is_dropped_for_a_new_district()
    {
        const string district = "431185";
        var y = Lat(district, 0);
        // A bow tie: its edges cross in the middle.
        var bowTie = $"[[[112.0,{F(y)}],[112.1,{F(y + 0.1)}],[112.1,{F(y)}],[112.0,{F(y + 0.1)}],[112.0,{F(y)}]]]";
        var path = Write("townships.geojson", Collection(
            Feature(district + "001", "蝴蝶街道", "Polygon", bowTie),
            Feature(district + "002", "高山镇", "Polygon", Square(112.1, y, 0.1, withZ: true))), Encoding.UTF8);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, path, "townships.geojson", Crs: "wgs84", DistrictName: "测试新区"));

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors));
        Assert.Contains(outcome.Result!.Notes, n => n.Contains($"repaired invalid polygons (ST_MakeValid) of {district}001 蝴蝶街道"));
        Assert.Contains(outcome.Result.Notes, n => n.Contains($"district {district} 测试新区 created"));
        Assert.Equal(true, await app.ScalarAsync($"SELECT bool_and(ST_IsValid(boundary)) FROM townships WHERE district_code = '{district}'"));
        Assert.Equal(2, Convert.ToInt32(await app.ScalarAsync($"SELECT max(ST_NDims(boundary)) FROM townships WHERE district_code = '{district}'")));
        Assert.Equal("ST_MultiPolygon", await app.ScalarAsync($"SELECT ST_GeometryType(boundary) FROM townships WHERE code = '{district}002'"));
        Assert.Equal("Subdistrict", await app.ScalarAsync($"SELECT kind FROM townships WHERE code = '{district}001'"));
    }

    [Fact]
    public async Task An_unclosed_ring_is_rejected_with_the_feature_named_and_nothing_written()
    {
        const string district = "431186";
        var y = Lat(district, 0);
        var open = $"[[[112.0,{F(y)}],[112.1,{F(y)}],[112.1,{F(y + 0.1)}],[112.0,{F(y + 0.1)}]]]";
        var path = Write("open.geojson", Collection(
            Feature(district + "001", "好街道", "Polygon", Square(112.0, y, 0.05)),
            Feature(district + "002", "开口镇", "Polygon", open)), Encoding.UTF8);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, path, "open.geojson", Crs: "wgs84", DistrictName: "开口区"));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((2, "geometry"), (error.Row, error.Column));
        Assert.Contains("开口镇", error.Value);
        Assert.Contains("not closed", error.Reason);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM districts WHERE code = '{district}'"));
    }

    private static void Ogr2Ogr(params string[] arguments)
    {
        var start = new ProcessStartInfo("ogr2ogr") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ogr2ogr did not start (install gdal-bin: ./scripts/setup.sh test).");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ogr2ogr failed: {error}");
    }

    /// <summary>Two WGS-84 townships of <paramref name="district"/> written by ogr2ogr as a zipped shapefile in <paramref name="epsg"/>.</summary>
    private string GaussKrugerShapefile(string district, int epsg, bool keepCpg, bool keepPrj)
    {
        var y = Lat(district, 0);
        var source = Write($"{district}.geojson", Collection(
            Feature(district + "001", "东街道", "Polygon", Square(112.1, y, 0.1)),
            Feature(district + "002", "西镇", "Polygon", Square(112.0, y, 0.1))), Encoding.UTF8);
        var folder = Directory.CreateDirectory(Path.Combine(_files.FullName, $"shp-{district}-{Guid.NewGuid():N}"));
        Ogr2Ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", $"EPSG:{epsg}", "-lco", "ENCODING=GBK",
            Path.Combine(folder.FullName, "townships.shp"), source);
        if (!keepCpg) File.Delete(Path.Combine(folder.FullName, "townships.cpg"));
        if (!keepPrj) File.Delete(Path.Combine(folder.FullName, "townships.prj"));
        var zip = folder.FullName + ".zip";
        ZipFile.CreateFromDirectory(folder.FullName, zip);
        return zip;
    }

    [Fact]
    public async Task A_shapefile_in_a_cgcs2000_gauss_kruger_zone_made_by_ogr2ogr_lands_where_it_belongs_with_gbk_names()
    {
        const string district = "431187";
        var zip = GaussKrugerShapefile(district, 4546, keepCpg: false, keepPrj: true);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, zip, "townships.zip", DistrictName: "高斯区"));

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors));
        Assert.Contains(outcome.Notes, n => n == "crs EPSG:4546 from the file's metadata");
        Assert.Equal("东街道", await app.ScalarAsync($"SELECT name FROM townships WHERE code = '{district}001'"));
        await AssertBackInWgs84Async(district + "001", 112.1, Lat(district, 0));
    }

    /// <summary>The stored township is within a millionth of a degree (about 0.1 m) of the 0.1° square it was made from.</summary>
    private async Task AssertBackInWgs84Async(string code, double minLon, double minLat)
    {
        var distance = (double)(await app.ScalarAsync($"""
            SELECT ST_HausdorffDistance(boundary, ST_MakeEnvelope({F(minLon)}, {F(minLat)}, {F(minLon + 0.1)}, {F(minLat + 0.1)}, 4326))
            FROM townships WHERE code = '{code}'
            """))!;
        Assert.True(distance < 1e-6, $"{distance}°");
    }

    [Fact]
    public async Task A_geopackage_made_by_ogr2ogr_in_a_gauss_kruger_zone_is_read_with_its_srs()
    {
        const string district = "431195";
        var y = Lat(district, 0);
        var source = Write($"{district}.geojson", Collection(
            Feature(district + "001", "包街道", "MultiPolygon", $"[{Square(112.0, y, 0.1)}]")), Encoding.UTF8);
        var gpkg = Path.Combine(_files.FullName, $"{district}.gpkg");
        Ogr2Ogr("-f", "GPKG", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4546", gpkg, source);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, gpkg, "townships.gpkg", DistrictName: "包区"));

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors));
        Assert.Contains(outcome.Notes, n => n == "crs EPSG:4546 from the file's metadata");
        Assert.Equal("包街道", await app.ScalarAsync($"SELECT name FROM townships WHERE code = '{district}001'"));
        await AssertBackInWgs84Async(district + "001", 112.0, y);
    }

    [Fact]
    public async Task An_xlsx_with_chinese_headers_numeric_cells_and_a_second_sheet_imports_the_chosen_sheet()
    {
        const string district = "431196";
        await CreateTwoTownshipsAsync(app, district);
        var path = Path.Combine(_files.FullName, "enterprises.xlsx");
        var sheets = new Dictionary<string, object>
        {
            ["说明"] = new[] { new Dictionary<string, object> { ["说明"] = "第二个工作表是企业清单" } },
            ["企业"] = new[]
            {
                new Dictionary<string, object> { ["统一社会信用代码"] = CreditCode(district, 1), ["单位名称"] = "表格企业甲", ["行业"] = "工贸", ["经度"] = 112.05, ["纬度"] = Lat(district, 0.05), ["规上企业"] = "是" },
                new Dictionary<string, object> { ["统一社会信用代码"] = CreditCode(district, 2), ["单位名称"] = "表格企业乙", ["行业"] = "special_equipment", ["经度"] = 112.15, ["纬度"] = Lat(district, 0.06), ["规上企业"] = "否" },
            },
        };
        await MiniExcelLibs.MiniExcel.SaveAsAsync(path, sheets);

        var first = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, path, "enterprises.xlsx", District: district, Crs: "wgs84"));
        Assert.Contains("统一社会信用代码", Assert.Single(first.Errors, e => e.Column == "credit_code").Reason);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, path, "enterprises.xlsx", District: district, Crs: "wgs84", Sheet: "企业"));
        Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors));
        Assert.Equal(2, outcome.Result!.Inserted);
        Assert.Equal(true, await app.ScalarAsync($"SELECT above_scale FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"));
        Assert.Equal("industry_trade", await app.ScalarAsync($"SELECT sector FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"));
        Assert.Equal(district + "001", await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE credit_code = '{CreditCode(district, 2)}'"));
    }

    [Fact]
    public async Task Projected_metres_given_as_degrees_and_a_crs_contradicting_the_prj_are_rejected_with_a_message()
    {
        const string district = "431188";
        var noPrj = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, GaussKrugerShapefile(district, 4546, keepCpg: true, keepPrj: false),
            "noprj.zip", Crs: "wgs84", DistrictName: "米区"));
        var metres = Assert.Single(noPrj.Errors);
        Assert.Equal("crs", metres.Column);
        Assert.Contains("look like projected metres", metres.Reason);

        var contradicting = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, GaussKrugerShapefile(district, 4546, keepCpg: true, keepPrj: true),
            "prj.zip", Crs: "gcj02", DistrictName: "米区"));
        Assert.Contains("says its coordinate system is EPSG:4546", Assert.Single(contradicting.Errors).Reason);

        var missing = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, GaussKrugerShapefile(district, 4546, keepCpg: true, keepPrj: false),
            "none.zip", DistrictName: "米区"));
        Assert.Contains("give the crs parameter", Assert.Single(missing.Errors).Reason);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM townships WHERE district_code = '{district}'"));
    }

    [Fact]
    public async Task A_gcj02_boundary_and_a_wgs84_enterprise_near_the_border_land_in_the_right_township()
    {
        const string district = "431189";
        var y = Lat(district, 0);
        MultiPolygon Gcj(double minLon) => ChinaCoordinates.FromWgs84(GeographicSystem.Gcj02, Box(minLon, y, minLon + 0.1, y + 0.1));
        string Json(MultiPolygon m) => System.Text.Json.JsonSerializer.Serialize((Geometry)m, GeoJsonFiles.Options);
        var path = Write("gcj02.geojson",
            $$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"{{{district}}}001","name":"东街道"},"geometry":{{{Json(Gcj(112.1))}}}},{"type":"Feature","properties":{"code":"{{{district}}}002","name":"西镇"},"geometry":{{{Json(Gcj(112.0))}}}}]}""",
            Encoding.UTF8);
        // The shift is several hundred metres here: read as WGS-84, the border would be far from where it is.
        var (gLon, _) = ChinaCoordinates.Wgs84ToGcj02(112.1, y + 0.05);
        Assert.True((gLon - 112.1) * 111_320 * Math.Cos(y * Math.PI / 180) > 100);

        var boundaries = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, path, "gcj02.geojson", Crs: "gcj02", DistrictName: "火星区"));
        Assert.True(boundaries.Accepted, string.Join("; ", boundaries.Errors));

        // 50 m east of the true border, in WGS-84 from a phone.
        var lon = 112.1 + 50 / (111_320 * Math.Cos(y * Math.PI / 180));
        var enterprises = await RunAsync(app, new ImportRequest(ImportKind.Enterprises,
            Write("phone.csv", "credit_code,name,sector,coordinates\n" + $"{CreditCode(district, 1)},边界企业,gas,\"{F(lon)},{F(y + 0.05)}\"\n", Encoding.UTF8),
            "phone.csv", District: district, Crs: "wgs84"));
        Assert.True(enterprises.Accepted, string.Join("; ", enterprises.Errors));
        Assert.Equal(district + "001", await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"));
    }

    [Fact]
    public async Task Replacing_townships_keeps_enterprises_and_hazards_and_reports_how_many_moved()
    {
        const string district = "431190";
        await CreateTwoTownshipsAsync(app, district);
        var y = Lat(district, 0.05);
        var csv = "credit_code,name,sector,longitude,latitude\n" + Row(district, 1, "甲", "gas", 112.02, y) + Row(district, 2, "乙", "gas", 112.08, y)
                  + Row(district, 3, "丙", "gas", 112.15, y);
        Assert.True((await RunAsync(app, new ImportRequest(ImportKind.Enterprises, Write("three.csv", csv, Encoding.UTF8), "three.csv", District: district, Crs: "wgs84"))).Accepted);

        // The border moves west from 112.1 to 112.05: enterprise 乙 (112.08) changes township.
        var b = Lat(district, 0);
        var path = Write("moved.geojson", Collection(
            Feature(district + "001", "东街道", "Polygon", $"[[[112.05,{F(b)}],[112.2,{F(b)}],[112.2,{F(b + 0.1)}],[112.05,{F(b + 0.1)}],[112.05,{F(b)}]]]"),
            Feature(district + "002", "西镇", "Polygon", $"[[[112.0,{F(b)}],[112.05,{F(b)}],[112.05,{F(b + 0.1)}],[112.0,{F(b + 0.1)}],[112.0,{F(b)}]]]")), Encoding.UTF8);
        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Boundaries, path, "moved.geojson", Crs: "wgs84"));

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors));
        Assert.Contains("1 enterprise(s) moved to another township", outcome.Result!.Notes);
        Assert.Equal(3, await EnterprisesOfAsync(district));
        Assert.Equal(district + "001", await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE credit_code = '{CreditCode(district, 2)}'"));
    }

    [Fact]
    public async Task A_100000_row_csv_imports_through_copy_and_one_merge()
    {
        const string district = "431194";
        await CreateTwoTownshipsAsync(app, district);
        var path = Path.Combine(_files.FullName, "large.csv");
        WriteLargeCsv(path, district, 100_000);

        var outcome = await RunAsync(app, new ImportRequest(ImportKind.Enterprises, path, "large.csv", District: district, Crs: "wgs84"));

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors.Take(5)));
        Assert.Equal((100_000, 100_000), (outcome.Result!.RowsRead, outcome.Result.Inserted));
        Assert.Equal(100_000, await EnterprisesOfAsync(district));
        Assert.Equal(ImportPipeline.PreviewPoints, System.Text.Json.JsonDocument.Parse(outcome.Preview!.Value.Json).RootElement.GetProperty("features").GetArrayLength());
    }

    /// <summary>Writes <paramref name="rows"/> valid enterprises spread over the two test townships of <paramref name="district"/>.</summary>
    internal static void WriteLargeCsv(string path, string district, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("credit_code,name,sector,above_scale,address,longitude,latitude,department_code\n");
        var sectors = RiskMap.Api.Domain.Sector.All;
        for (var i = 1; i <= rows; i++)
            writer.Write($"{CreditCode(district, i)},企业{i},{sectors[i % sectors.Count].Code},{(i % 10 == 0 ? "true" : "false")},测试路{i}号,{F(112.001 + i % 997 * 0.0001)},{F(Lat(district, 0.001 + i % 991 * 0.0001))},\n");
    }
}
