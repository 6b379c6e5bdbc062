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
