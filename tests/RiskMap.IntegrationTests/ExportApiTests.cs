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

    /// <summary><paramref name="client"/> asking for <paramref name="language"/> (the test clients ask for English by default).</summary>
    private static HttpClient In(string language, HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    [Fact]
    public async Task A_township_chief_exports_only_the_enterprises_of_their_township_as_csv_with_a_bom()
    {
        var response = await (await app.ClientForAsync(Chief)).GetAsync("/api/v1/exports/enterprises?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("enterprises.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Csv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["credit_code", "name", "sector", "above_scale", "address", "longitude", "latitude", "department_code", "opening_hours", "township_code", "township_name"], rows[0]);
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
        var response = await In("zh-CN", await app.ClientForAsync(Chief)).GetAsync("/api/v1/exports/hazards?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code = '{Township}'"))!;
        Assert.Equal(expected, rows.Count);
        Assert.Contains("隐患等级", rows[0].Keys);
        Assert.All(rows, r => Assert.Contains(r["隐患等级"]?.ToString(), new[] { "一般", "重大" }));
        Assert.All(rows, r => Assert.Equal("黄阳司镇", r["乡镇/街道"]?.ToString()));

        // In English: the canonical column names and values, the same rows.
        using var english = new MemoryStream(await (await app.ClientForAsync(Chief)).GetByteArrayAsync("/api/v1/exports/hazards?format=xlsx"));
        var englishRows = MiniExcel.Query(english, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(rows.Count, englishRows.Count);
        Assert.Equal(["reference", "inspection_reference", "credit_code", "enterprise_name", "township_name", "sector", "level", "description",
            "found_on", "deadline", "rectified_on", "closed_on", "status", "responsible_person", "supervised", "source", "criterion_clause",
            "plan_measures", "plan_funds_yuan", "plan_owner", "plan_interim_measures", "plan_completion_on", "supervision_level", "supervising_unit",
            "supervision_listed_on", "supervision_delisted_on", "close_document_number"], englishRows[0].Keys);
        Assert.All(englishRows, r => Assert.Contains(r["level"]?.ToString(), new[] { "General", "Major" }));
        Assert.Equal(rows.Select(r => r["隐患等级"]?.ToString() == "重大"), englishRows.Select(r => r["level"]?.ToString() == "Major"));
    }

    [Theory]
    [InlineData("zh-CN", "统一社会信用代码,企业名称,行业领域,规模以上,地址,经度,纬度,监管部门,营业时间,乡镇代码,乡镇名称")]
    [InlineData("en", "credit_code,name,sector,above_scale,address,longitude,latitude,department_code,opening_hours,township_code,township_name")]
    public async Task The_enterprise_csv_in_either_language_reads_back_through_the_enterprise_import_updating_every_enterprise(string language, string header)
    {
        var bytes = await In(language, await app.ClientForAsync(Chief)).GetByteArrayAsync("/api/v1/exports/enterprises?format=csv");
        Assert.StartsWith(header + "\r\n", Encoding.UTF8.GetString(bytes[3..]));
        var path = Path.Combine(Path.GetTempPath(), $"riskmap-enterprises-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var outcome = await ImportTests.RunAsync(app, new RiskMap.Api.Features.Import.ImportRequest(
                RiskMap.Api.Features.Import.ImportKind.Enterprises, path, "enterprises.csv", DryRun: true, District: "431103", Crs: "wgs84",
                Duplicates: RiskMap.Api.Features.Import.DuplicatePolicy.Update));
            Assert.True(outcome.Accepted, string.Join("; ", outcome.Errors.Take(5)));
            var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{Township}'"))!;
            Assert.Equal((0, (int)expected), (outcome.Result!.Inserted, outcome.Result.Updated));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Township_csv_headers_and_kinds_are_in_the_requests_language()
    {
        var chinese = await In("zh-CN", await app.ClientForAsync("leader")).GetStringAsync("/api/v1/exports/townships?format=csv");
        Assert.StartsWith("乡镇代码,乡镇名称,类型,区县代码,示意边界,面积（平方公里）,边界（WKT）\r\n431103001,梅湾街道,街道,431103,", chinese.TrimStart('\uFEFF'));
        var english = await (await app.ClientForAsync("leader")).GetStringAsync("/api/v1/exports/townships?format=csv");
        Assert.Contains("\r\n431103001,梅湾街道,Subdistrict,431103,", english);
    }

    [Theory]
    [InlineData("zh-CN", "隐患编号,检查编号,统一社会信用代码,企业名称,乡镇/街道,行业领域,隐患等级,")]
    [InlineData("en", "reference,inspection_reference,credit_code,enterprise_name,township_name,sector,level,")]
    public async Task A_hazard_export_in_either_language_reads_back_through_the_hazard_import(string language, string header)
    {
        var bytes = await In(language, await app.ClientForAsync(Chief)).GetByteArrayAsync("/api/v1/exports/hazards?format=csv");
        Assert.StartsWith(header, Encoding.UTF8.GetString(bytes[3..]));
        // The ledger columns come last, their values labelled in the file's language: the township's county-supervised
        // major hazards with their unit, plan and (when closed) close-out number.
        var headers = language == "en"
            ? new[] { "source", "criterion_clause", "plan_measures", "plan_funds_yuan", "plan_owner", "plan_interim_measures", "plan_completion_on",
                "supervision_level", "supervising_unit", "supervision_listed_on", "supervision_delisted_on", "close_document_number" }
            : ["隐患来源", "判定依据", "整改措施", "整改资金（元）", "整改方案责任人", "临时安全措施", "计划完成日期", "督办级别", "督办单位", "挂牌日期", "摘牌日期", "销号文号"];
        Assert.EndsWith(string.Join(",", headers), Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[0]);
        using var csv = new MemoryStream(bytes[3..]);
        var rows = MiniExcel.Query(csv, useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
        var county = (long)(await app.ScalarAsync($"""
            SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = '{Township}' AND h.supervision_level = 'County' AND h.supervising_unit = '冷水滩区安全生产委员会办公室'
            """))!;
        Assert.True(county > 0);
        Assert.Equal(county, rows.Count(r => r[headers[7]]?.ToString() == (language == "en" ? "County" : "县级")
            && r[headers[8]]?.ToString() == "冷水滩区安全生产委员会办公室"));
        var selfReported = (long)(await app.ScalarAsync($"""
            SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = '{Township}' AND h.source = 'EnterpriseSelfReport'
            """))!;
        Assert.True(selfReported > 0);
        Assert.Equal(selfReported, rows.Count(r => r[headers[0]]?.ToString() == (language == "en" ? "EnterpriseSelfReport" : "企业自查")));
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

    private const string Formula = "=HYPERLINK(\"http://evil\",\"x\")";

    // Two hazards recorded through the API (so without a reference of their own) with formula-like text.
    private async Task<(long Inspection, long[] Hazards)> RecordFormulaHazardsAsync(HttpClient chief)
    {
        var enterprise = (long)(await app.ScalarAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{Township}'"))!;
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        var response = await chief.PostAsJsonAsync("/api/v1/inspections", new
        {
            enterpriseId = enterprise, date = day, inspectionGroup = "-G1", inspectorVisits = 2,
            hazards = new[]
            {
                new { level = "Major", description = Formula, deadline = day.AddDays(30), responsiblePerson = "+86 张三", supervised = true },
                new { level = "General", description = "@SUM(1+1)", deadline = day.AddDays(30), responsiblePerson = "李四", supervised = false },
            },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetInt64(), body.GetProperty("hazardIds").EnumerateArray().Select(h => h.GetInt64()).ToArray());
    }

    private const string HazardsFingerprint = """
        SELECT md5(string_agg(concat_ws('|', id, reference, enterprise_id, inspection_id, sector, level, description, found_on, deadline,
            rectifying_on, rectified_on, closed_on, status, responsible_person, supervised, source, criterion_clause, plan_measures,
            plan_funds_yuan, plan_owner, plan_interim_measures, plan_completion_on, supervision_level, supervising_unit, supervision_listed_on,
            supervision_delisted_on, close_document_number), ',' ORDER BY id)) FROM hazards
        """;

    [Fact]
    public async Task Formula_like_text_is_neutralised_in_the_hazard_csv_and_the_export_imports_back_changing_nothing()
    {
        var chief = await app.ClientForAsync(Chief);
        var (inspection, hazards) = await RecordFormulaHazardsAsync(chief);
        // Recorded through the API without a reference: the database assigned stable ones.
        Assert.Equal($"RM-HZ-{hazards[0]}", await app.ScalarAsync($"SELECT reference FROM hazards WHERE id = {hazards[0]}"));
        Assert.Equal($"RM-INS-{inspection}", await app.ScalarAsync($"SELECT reference FROM inspections WHERE id = {inspection}"));

        var bytes = await chief.GetByteArrayAsync("/api/v1/exports/hazards?format=csv");
        var text = Encoding.UTF8.GetString(bytes);
        // Text cells starting with = + - @ get a leading quote (CsvHelper doubles the inner quotes); dates stay bare.
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", text);
        Assert.Contains(",'@SUM(1+1),", text);
        Assert.Contains(",'+86 张三,", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
        Assert.DoesNotContain(",@SUM", text);
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        Assert.Contains(FormattableString.Invariant($"RM-HZ-{hazards[1]},RM-INS-{inspection},"), text);
        Assert.Contains(FormattableString.Invariant($",{day:yyyy-MM-dd},{day.AddDays(30):yyyy-MM-dd},"), text);

        var before = await app.ScalarAsync(HazardsFingerprint);
        var count = (long)(await app.ScalarAsync($"SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code = '{Township}'"))!;
        var path = Path.Combine(Path.GetTempPath(), $"riskmap-hazards-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var outcome = await ImportTests.RunAsync(app, new RiskMap.Api.Features.Import.ImportRequest(
                RiskMap.Api.Features.Import.ImportKind.Hazards, path, "hazards.csv"));
            Assert.True(outcome.Written, string.Join("; ", outcome.Errors.Take(5)));
            Assert.Equal((0, (int)count), (outcome.Result!.Inserted, outcome.Result.Updated));
        }
        finally
        {
            File.Delete(path);
        }
        // Every value as it was: the quotes came off again, the API's hazards kept their inspection.
        Assert.Equal(before, await app.ScalarAsync(HazardsFingerprint));
        Assert.Equal(Formula, await app.ScalarAsync($"SELECT description FROM hazards WHERE id = {hazards[0]}"));
        Assert.Equal("+86 张三", await app.ScalarAsync($"SELECT responsible_person FROM hazards WHERE id = {hazards[0]}"));
    }

    [Fact]
    public async Task The_xlsx_export_stores_formula_like_text_as_text_without_a_quote()
    {
        var chief = In("zh-CN", await app.ClientForAsync(Chief));
        var (_, hazards) = await RecordFormulaHazardsAsync(chief);
        var bytes = await chief.GetByteArrayAsync("/api/v1/exports/hazards?format=xlsx");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes)))
        {
            var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
            using var reader = new StreamReader(sheet.Open());
            var xml = await reader.ReadToEndAsync();
            Assert.DoesNotContain("<f>", xml);
            Assert.DoesNotContain(":f>", xml);
        }
        using var stream = new MemoryStream(bytes);
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => r["隐患编号"]?.ToString() == $"RM-HZ-{hazards[0]}");
        Assert.Equal(Formula, row["隐患描述"]?.ToString());
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
