using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Exports of the demo district, within each caller's read scope.</summary>
public sealed class ExportApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Chief = "chief-431103105";
    private const string Township = "431103105";

    private static List<string[]> Csv(string text)
        => text.TrimEnd('\r', '\n').Split("\r\n").Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task A_township_chief_exports_only_the_enterprises_of_their_township_as_csv_with_a_bom()
    {
        var response = await (await app.ClientForAsync(Chief)).GetAsync("/api/v1/exports/enterprises?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("enterprises.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Csv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["credit_code", "name", "sector", "above_scale", "address", "longitude", "latitude", "department_code", "township_code", "township_name"], rows[0]);
        var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{Township}'"))!;
        Assert.Equal(expected, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal(Township, r[^2]));
    }

    [Fact]
    public async Task A_chief_naming_another_township_gets_403()
    {
        var response = await (await app.ClientForAsync(Chief)).GetAsync("/api/v1/exports/hazards?township=431103001");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Townships_export_as_geojson_in_wgs84_or_shifted_to_gcj02()
    {
        var client = await app.ClientForAsync("leader");
        var wgs = await client.GetFromJsonAsync<JsonElement>("/api/v1/exports/townships");
        var gcj = await client.GetFromJsonAsync<JsonElement>("/api/v1/exports/townships?crs=gcj02");
        Assert.Equal(18, wgs.GetProperty("features").GetArrayLength());
        double FirstLon(JsonElement c) => c.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0][0][0][0].GetDouble();
        // GCJ-02 shifts Lengshuitan east by several hundred metres (about 0.005°).
        Assert.InRange(FirstLon(gcj) - FirstLon(wgs), 0.002, 0.01);
        Assert.Equal("梅湾街道", wgs.GetProperty("features")[0].GetProperty("properties").GetProperty("name").GetString());

        var csv = await client.GetStringAsync("/api/v1/exports/townships?format=csv");
        Assert.StartsWith("code,name,kind,district_code,illustrative,area_km2,boundary_wkt", csv.TrimStart('\uFEFF'));
        Assert.Contains("MULTIPOLYGON", csv);
    }

    [Fact]
    public async Task Hazards_export_as_xlsx_with_chinese_headers_and_labels_for_the_chiefs_township_only()
    {
        var response = await (await app.ClientForAsync(Chief)).GetAsync("/api/v1/exports/hazards?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code = '{Township}'"))!;
        Assert.Equal(expected, rows.Count);
        Assert.Contains("隐患等级", rows[0].Keys);
        Assert.All(rows, r => Assert.Contains(r["隐患等级"]?.ToString(), new[] { "一般", "重大" }));
        Assert.All(rows, r => Assert.Equal("黄阳司镇", r["乡镇/街道"]?.ToString()));
    }

    [Fact]
    public async Task A_hazard_export_with_chinese_headers_reads_back_through_the_hazard_import()
    {
        var bytes = await (await app.ClientForAsync(Chief)).GetByteArrayAsync("/api/v1/exports/hazards?format=csv");
        var path = Path.Combine(Path.GetTempPath(), $"riskmap-hazards-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var outcome = await ImportTests.RunAsync(app, new RiskMap.Api.Features.Import.ImportRequest(
                RiskMap.Api.Features.Import.ImportKind.Hazards, path, "hazards.csv", DryRun: true));
            Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors.Take(5)));
            var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code = '{Township}'"))!;
            // Every row names a stored hazard by its reference: all updates, nothing new.
            Assert.Equal((0, (int)expected), (outcome.Result!.Inserted, outcome.Result.Updated));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Exports_need_sign_in_and_imports_need_an_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/exports/townships")).StatusCode);
        var leader = await app.ClientForAsync("leader");
        var response = await leader.PostAsJsonAsync("/api/v1/imports/enterprises", new { uploadId = new string('a', 32) });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
