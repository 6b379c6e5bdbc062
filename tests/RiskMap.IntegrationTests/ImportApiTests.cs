using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>The import endpoints over HTTP: upload, preview, dry run, commit, polling, ProblemDetails, Admin only.</summary>
public sealed class ImportApiTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    internal static async Task<JsonElement> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        var response = await client.PostAsync("/api/v1/imports/uploads", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Starts a job and polls it until it has finished.</summary>
    internal static async Task<JsonElement> RunJobAsync(HttpClient client, string kind, object body)
    {
        var started = await client.PostAsJsonAsync($"/api/v1/imports/{kind}", body);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        for (var i = 0; i < 600; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() is "Succeeded" or "Rejected" or "Failed") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The import job {location} did not finish in 60 s.");
    }

    [Fact]
    public async Task An_admin_uploads_previews_dry_runs_and_commits_boundaries_and_the_district_appears()
    {
        const string district = "431171";
        var y = Lat(district, 0);
        string Ring(double x0, double x1) => FormattableString.Invariant($"[[[{x0},{y}],[{x1},{y}],[{x1},{y + 0.1}],[{x0},{y + 0.1}],[{x0},{y}]]]");
        var geojson = $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"XZQDM":"{{{district}}}001","XZQMC":"东街道"},"geometry":{"type":"Polygon","coordinates":{{{Ring(112.1, 112.2)}}}}},
              {"type":"Feature","properties":{"XZQDM":"{{{district}}}002","XZQMC":"西镇"},"geometry":{"type":"Polygon","coordinates":{{{Ring(112.0, 112.1)}}}}}]}
            """;
        var client = await app.ClientForAsync("admin");
        var upload = await UploadAsync(client, "乡镇.geojson", Encoding.UTF8.GetBytes(geojson));
        var id = upload.GetProperty("id").GetString()!;

        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/uploads/{id}/preview?kind=boundaries");
        var boundaries = preview.GetProperty("boundaries");
        Assert.Equal(2, boundaries.GetProperty("features").GetInt32());
        Assert.Equal("XZQDM", boundaries.GetProperty("suggestedMapping").GetProperty("code").GetString());
        Assert.Equal("XZQMC", boundaries.GetProperty("suggestedMapping").GetProperty("name").GetString());
        Assert.Equal("东街道", boundaries.GetProperty("rows")[0].GetProperty("cells")[1].GetString());

        var body = new { uploadId = id, dryRun = true, crs = "wgs84", districtName = "接口区", mapping = new { code = "XZQDM", name = "XZQMC" } };
        var dryRun = await RunJobAsync(client, "boundaries", body);
        Assert.Equal("Succeeded", dryRun.GetProperty("state").GetString());
        Assert.False(dryRun.GetProperty("outcome").GetProperty("written").GetBoolean());
        Assert.Equal(2, dryRun.GetProperty("outcome").GetProperty("preview").GetProperty("features").GetArrayLength());
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM townships WHERE district_code = '{district}'"));

        var commit = await RunJobAsync(client, "boundaries", body with { dryRun = false });
        Assert.Equal("Succeeded", commit.GetProperty("state").GetString());
        Assert.Equal(1.0, commit.GetProperty("progress").GetProperty("fraction").GetDouble());
        Assert.Equal(2, commit.GetProperty("outcome").GetProperty("result").GetProperty("inserted").GetInt32());
        Assert.Equal(2L, await app.ScalarAsync($"SELECT count(*) FROM townships WHERE district_code = '{district}'"));
        var districts = await client.GetFromJsonAsync<JsonElement>("/api/v1/districts");
        Assert.Contains(districts.EnumerateArray(), d => d.GetProperty("code").GetString() == district && d.GetProperty("name").GetString() == "接口区");
    }

    [Fact]
    public async Task A_rejected_enterprise_file_lists_every_rejected_row_with_row_column_value_and_reason()
    {
        const string district = "431172";
        await CreateTwoTownshipsAsync(app, district);
        var csv = "统一社会信用代码,企业名称,行业领域,经纬度\n"
                  + FormattableString.Invariant($"{CreditCode(district, 1)},甲,燃气,\"112.05,{Lat(district, 0.05)}\"\n")
                  + FormattableString.Invariant($"{CreditCode(district, 2)},乙,养殖,\"112.05,{Lat(district, 0.05)}\"\n")
                  + FormattableString.Invariant($"{CreditCode(district, 3)},丙,gas,\"112,05,{Lat(district, 0.05)}\"\n");
        var client = await app.ClientForAsync("admin");
        var id = (await UploadAsync(client, "企业.csv", Encoding.UTF8.GetBytes(csv))).GetProperty("id").GetString()!;

        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/uploads/{id}/preview?kind=enterprises");
        Assert.Equal("经纬度", preview.GetProperty("table").GetProperty("suggestedMapping").GetProperty("coordinates").GetString());

        var job = await RunJobAsync(client, "enterprises", new { uploadId = id, district, crs = "gcj02" });
        Assert.Equal("Rejected", job.GetProperty("state").GetString());
        var errors = job.GetProperty("outcome").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("value").GetString())).ToList();
        Assert.Equal([(3, "sector", "养殖"), (4, "coordinates", FormattableString.Invariant($"112,05,{Lat(district, 0.05)}"))], errors);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE substr(credit_code, 3, 6) = '{district}'"));
    }

    [Fact]
    public async Task A_dry_run_lists_every_problem_of_a_row_with_the_database_checks_of_its_good_fields()
    {
        const string district = "431173";
        await CreateTwoTownshipsAsync(app, district);
        var lat = FormattableString.Invariant($"{Lat(district, 0.05)}");
        var csv = "credit_code,name,sector,above_scale,longitude,latitude,department_code\n"
                  + $"{CreditCode(district, 1)},甲,unknown_sector,maybe,112.05,{lat},nodept\n"
                  + $"{CreditCode(district, 2)},乙,gas,,abc,95,\n"
                  + $"{CreditCode(district, 1)},丙,gas,,112.05,{lat},\n";
        var client = await app.ClientForAsync("admin");
        var id = (await UploadAsync(client, "enterprises.csv", Encoding.UTF8.GetBytes(csv))).GetProperty("id").GetString()!;

        var job = await RunJobAsync(client, "enterprises", new { uploadId = id, dryRun = true, crs = "wgs84", district });
        Assert.Equal("Rejected", job.GetProperty("state").GetString());
        var errors = job.GetProperty("outcome").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("value").GetString())).ToList();
        // Row 2's bad sector and flag do not hide its unknown department (a database check), row 3's bad longitude does
        // not hide its latitude of 95, and row 4 is still found to repeat row 2's credit code.
        Assert.Equal(
        [
            (2, "sector", "unknown_sector"), (2, "above_scale", "maybe"), (2, "department_code", "nodept"),
            (3, "longitude", "abc"), (3, "latitude", "95"),
            (4, "credit_code", CreditCode(district, 1)),
        ], errors);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE substr(credit_code, 3, 6) = '{district}'"));
    }

    /// <summary>The job at <paramref name="location"/> read with <c>Accept-Language: <paramref name="language"/></c>.</summary>
    private static async Task<JsonElement> ReadJobAsync(HttpClient client, string location, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(int Row, string? Column, string? Header, string? Code, string? Reason)> Errors(JsonElement job)
        => job.GetProperty("outcome").GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(),
            e.GetProperty("header").GetString(), e.GetProperty("code").GetString(), e.GetProperty("reason").GetString())).ToList();

    [Fact]
    public async Task A_dry_run_with_five_kinds_of_bad_value_reads_in_chinese_or_english_with_the_same_codes_naming_the_files_headers()
    {
        const string district = "431174";
        await CreateTwoTownshipsAsync(app, district);
        var lat = FormattableString.Invariant($"{Lat(district, 0.05)}");
        var good = CreditCode(district, 1);
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        var enterprises = "统一社会信用代码,企业名称,行业领域,经度,纬度\n"
                          + $"{badCheck},甲,燃气,112.05,{lat}\n"                  // a wrong check character
                          + $"{CreditCode(district, 2)},乙,养殖,112.05,{lat}\n"   // an unknown sector
                          + $"{CreditCode(district, 3)},丙,燃气,112.5,{lat}\n"    // outside the district
                          + $"{CreditCode(district, 2)},丁,燃气,112.15,{lat}\n";  // the credit code of row 3 again
        var inspections = "统一社会信用代码,检查日期,检查组,检查人次\n"
                          + $"{good},2020-13-45,第一组,2\n";                      // a malformed date (and an enterprise not stored)
        var client = await app.ClientForAsync("admin");
        var enterpriseUpload = (await UploadAsync(client, "企业.csv", Encoding.UTF8.GetBytes(enterprises))).GetProperty("id").GetString()!;
        var inspectionUpload = (await UploadAsync(client, "检查.csv", Encoding.UTF8.GetBytes(inspections))).GetProperty("id").GetString()!;

        // Each job is started once and read in both languages: the texts are written when the job is read.
        var enterpriseJob = await RunJobAsync(client, "enterprises", new { uploadId = enterpriseUpload, dryRun = true, crs = "wgs84", district });
        var inspectionJob = await RunJobAsync(client, "inspections", new { uploadId = inspectionUpload, dryRun = true });
        var location = $"/api/v1/imports/jobs/{enterpriseJob.GetProperty("id").GetString()}";
        var (zh, en) = (await ReadJobAsync(client, location, "zh-CN"), await ReadJobAsync(client, location, "en"));
        var inspectionLocation = $"/api/v1/imports/jobs/{inspectionJob.GetProperty("id").GetString()}";
        var (zhInspections, enInspections) = (await ReadJobAsync(client, inspectionLocation, "zh-CN"), await ReadJobAsync(client, inspectionLocation, "en"));

        Assert.Equal("Rejected", zh.GetProperty("state").GetString());
        Assert.Equal(
        [
            (2, "credit_code", "统一社会信用代码", "credit-code.check-character"), (3, "sector", "行业领域", "import.sector.unknown"),
            (4, "longitude", "经度", "import.coordinates.outside-district"), (5, "credit_code", "统一社会信用代码", "import.row.duplicate"),
        ], Errors(zh).Select(e => (e.Row, e.Column, e.Header, e.Code)));
        Assert.Equal(Errors(zh).Select(e => (e.Row, e.Column, e.Header, e.Code)), Errors(en).Select(e => (e.Row, e.Column, e.Header, e.Code)));
        Assert.Equal([(2, "date", "检查日期", "import.date.format"), (2, "credit_code", "统一社会信用代码", "import.credit-code.unknown")],
            Errors(zhInspections).Select(e => (e.Row, e.Column, e.Header, e.Code)));
        Assert.Equal(Errors(zhInspections).Select(e => e.Code), Errors(enInspections).Select(e => e.Code));

        // The reasons name the column as the file does, then the canonical name, in the reader's language.
        Assert.Equal([
            $"列“统一社会信用代码 (credit_code)”：校验码是“{badCheck[17]}”，但按 GB 32100-2015 由前 17 位算出的校验码是“{good[17]}”。",
            "列“行业领域 (sector)”：未知的行业领域。已知的行业领域：gas (燃气), fireworks (烟花爆竹), hazardous_chemicals (危险化学品), non_coal_mines (非煤矿山), road_traffic (道路交通), construction (建筑施工), fire_safety (消防), industry_trade (工贸), special_equipment (特种设备)。",
        ], Errors(zh).Take(2).Select(e => e.Reason));
        Assert.Equal([
            $"Column 统一社会信用代码 (credit_code): The check character is '{badCheck[17]}' but GB 32100-2015 gives '{good[17]}' for the first 17 characters.",
            "Column 行业领域 (sector): Unknown sector. Known sectors: gas (燃气), fireworks (烟花爆竹), hazardous_chemicals (危险化学品), non_coal_mines (非煤矿山), road_traffic (道路交通), construction (建筑施工), fire_safety (消防), industry_trade (工贸), special_equipment (特种设备).",
        ], Errors(en).Take(2).Select(e => e.Reason));
        Assert.StartsWith($"列“经度 (longitude)”：位于区县 {district} 之外（距其 ", Errors(zh)[2].Reason);
        Assert.StartsWith($"Column 经度 (longitude): Outside district {district} (", Errors(en)[2].Reason);
        Assert.Equal("列“统一社会信用代码 (credit_code)”：与第 3 行重复。", Errors(zh)[3].Reason);
        Assert.Equal("Column 统一社会信用代码 (credit_code): Duplicate of row 3.", Errors(en)[3].Reason);
        Assert.Equal("列“检查日期 (date)”：不是 yyyy-MM-dd 格式的日期。", Errors(zhInspections)[0].Reason);
        Assert.Equal("Column 检查日期 (date): Not a date in the form yyyy-MM-dd.", Errors(enInspections)[0].Reason);
        // Arguments are data, the same in both languages.
        var args = zh.GetProperty("outcome").GetProperty("errors")[0].GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal([badCheck[17].ToString(), good[17].ToString()], args);
        Assert.Equal(args, en.GetProperty("outcome").GetProperty("errors")[0].GetProperty("args").EnumerateArray().Select(a => a.GetString()));

        // Notes too: texts in the reader's language beside their codes.
        string[] Notes(JsonElement job) => job.GetProperty("outcome").GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToArray();
        string[] NoteCodes(JsonElement job) => job.GetProperty("outcome").GetProperty("noteCodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!).ToArray();
        Assert.Equal(["编码 utf-8（有效的 UTF-8，无字节顺序标记）", "坐标按 wgs84 读取"], Notes(zh));
        Assert.Equal(["encoding utf-8 (valid UTF-8 without byte-order mark)", "coordinates read as wgs84"], Notes(en));
        Assert.Equal(["import.encoding.utf8", "import.note.points-crs"], NoteCodes(zh));
        Assert.Equal(NoteCodes(zh), NoteCodes(en));
    }

    [Fact]
    public async Task A_preview_gives_its_encoding_reason_in_the_requests_language_with_its_code()
    {
        var client = await app.ClientForAsync("admin");
        var gbk = RiskMap.Api.Features.Import.TextEncodings.Gbk.GetBytes("统一社会信用代码,企业名称\n91431103MA4L000001,冷水滩区燃气有限公司\n");
        var id = (await UploadAsync(client, "企业.csv", gbk)).GetProperty("id").GetString()!;
        async Task<JsonElement> PreviewAsync(string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/imports/uploads/{id}/preview?kind=enterprises");
            request.Headers.AcceptLanguage.ParseAdd(language);
            return (await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("table");
        }
        var (zh, en) = (await PreviewAsync("zh-CN"), await PreviewAsync("en"));
        Assert.Equal("编码 gbk（不是有效的 UTF-8：按 GBK（代码页 936）读取，中文版 Excel 即以此保存 CSV）", zh.GetProperty("encodingReason").GetString());
        Assert.Equal("encoding gbk (not valid UTF-8: read as GBK (code page 936), as Chinese Excel saves CSV)", en.GetProperty("encodingReason").GetString());
        Assert.Equal("import.encoding.gbk", zh.GetProperty("encodingReasonCode").GetProperty("code").GetString());
        Assert.Equal("gbk", en.GetProperty("encodingReasonCode").GetProperty("args")[0].GetString());
        Assert.Equal("统一社会信用代码", zh.GetProperty("suggestedMapping").GetProperty("credit_code").GetString());
    }

    [Fact]
    public async Task Bad_requests_are_validation_problems_and_unknown_ids_are_404()
    {
        var client = await app.ClientForAsync("admin");
        var badKind = await client.PostAsJsonAsync("/api/v1/imports/villages", new { uploadId = "x", crs = "mars" });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        var problem = await badKind.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("crs", out _));

        // An enterprise file carries no coordinate system: without one the request is refused up front.
        var noCrs = await client.PostAsJsonAsync("/api/v1/imports/enterprises", new { uploadId = new string('a', 32) });
        Assert.Equal(HttpStatusCode.BadRequest, noCrs.StatusCode);
        Assert.True((await noCrs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("crs", out _));

        var unknown = await client.PostAsJsonAsync("/api/v1/imports/enterprises", new { uploadId = new string('a', 32), crs = "wgs84" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/imports/jobs/{new string('b', 32)}")).StatusCode);

        var broken = (await UploadAsync(client, "broken.gpkg", "not sqlite"u8.ToArray())).GetProperty("id").GetString();
        var unreadable = await client.GetAsync($"/api/v1/imports/uploads/{broken}/preview?kind=boundaries");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadable.StatusCode);
        var refusal = await unreadable.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("import.file.unreadable", "The file cannot be read"), (refusal.GetProperty("code").GetString(), refusal.GetProperty("title").GetString()));
        Assert.Equal("import.geopackage.unreadable", refusal.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.StartsWith("The file broken.gpkg cannot be read: Not a readable GeoPackage: ", refusal.GetProperty("detail").GetString());

        // The preview's query is typed: a kind is required and must be one of the five.
        var noKind = await (await client.GetAsync($"/api/v1/imports/uploads/{broken}/preview")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("required", noKind.GetProperty("errorCodes").GetProperty("kind")[0].GetProperty("code").GetString());
        var villages = await client.GetAsync($"/api/v1/imports/uploads/{broken}/preview?kind=villages");
        Assert.Equal(HttpStatusCode.BadRequest, villages.StatusCode);
        Assert.Equal("format.one-of", (await villages.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCodes").GetProperty("kind")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Importing_needs_a_signed_in_admin()
    {
        var anonymous = app.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("{}"u8.ToArray()), "file", "a.geojson" } };
        var response = await anonymous.PostAsync("/api/v1/imports/uploads", form);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
