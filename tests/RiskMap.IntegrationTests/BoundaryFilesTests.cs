using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.ImportApiTests;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Boundary files as people hand them around, each hand-written with made-up codes and coordinates: bare arrays of
/// DataV/Amap features in GCJ-02, districts files, bare geometries, top-level ids, empty polygons; the mapping without
/// an explicit one; the district outline after its townships change; ids and 7 decimals in the exports.
/// </summary>
public sealed class BoundaryFilesTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static string N(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Ring(double x0, double y0, double x1, double y1)
        => $"[[[{N(x0)},{N(y0)}],[{N(x1)},{N(y0)}],[{N(x1)},{N(y1)}],[{N(x0)},{N(y1)}],[{N(x0)},{N(y0)}]]]";

    /// <summary>A township feature as Aliyun DataV / Amap write them: numeric adcode, level, center, centroid, parent.</summary>
    private static string DataVTownship(string district, int serial, string name, double x0, double y)
        => $$$"""
           {"type":"Feature","properties":{"adcode":{{{district}}}{{{serial:D3}}},"name":"{{{name}}}","center":[{{{N(x0 + 0.05)}}},{{{N(y + 0.05)}}}],
            "centroid":[{{{N(x0 + 0.05)}}},{{{N(y + 0.05)}}}],"childrenNum":0,"level":"street","parent":{"adcode":{{{district}}}},"subFeatureIndex":{{{serial - 1}}},
            "acroutes":[100000,430000,431100,{{{district}}}]},
            "geometry":{"type":"MultiPolygon","coordinates":[{{{Ring(x0, y, x0 + 0.1, y + 0.1)}}}]}}
           """;

    private async Task<(HttpClient Client, string UploadId)> UploadAsync(string fileName, string content)
    {
        var client = await app.ClientForAsync("admin");
        var upload = await ImportApiTests.UploadAsync(client, fileName, Encoding.UTF8.GetBytes(content));
        return (client, upload.GetProperty("id").GetString()!);
    }

    private static Dictionary<string, string> Mapping(JsonElement mapping)
        => mapping.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    /// <summary>The notes of the reading and of the merge, in that order.</summary>
    private static List<JsonElement> Notes(JsonElement job)
    {
        var outcome = job.GetProperty("outcome");
        var notes = outcome.GetProperty("noteCodes").EnumerateArray().ToList();
        if (outcome.GetProperty("result").ValueKind == JsonValueKind.Object) notes.AddRange(outcome.GetProperty("result").GetProperty("noteCodes").EnumerateArray());
        return notes;
    }

    private static List<string> NoteCodes(JsonElement job) => Notes(job).Select(n => n.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task A_bare_array_of_three_datav_townships_in_gcj02_imports_unedited_with_kinds_derived_and_the_previews_mapping()
    {
        const string district = "431181";
        var y = Lat(district, 0);
        var file = $"[{DataVTownship(district, 1, "东街道", 112.0, y)},{DataVTownship(district, 2, "西镇", 112.1, y)},{DataVTownship(district, 3, "南乡", 112.2, y)}]";
        var (client, id) = await UploadAsync("datav_streets.json", file);

        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/uploads/{id}/preview?kind=boundaries");
        var suggested = Mapping(preview.GetProperty("boundaries").GetProperty("suggestedMapping"));
        Assert.Equal(new Dictionary<string, string> { ["code"] = "adcode", ["name"] = "name" }, suggested);
        Assert.Equal(3, preview.GetProperty("boundaries").GetProperty("features").GetInt32());

        var job = await RunJobAsync(client, "boundaries", new { uploadId = id, crs = "gcj02", districtName = "数据区" });
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        var outcome = job.GetProperty("outcome");
        Assert.Equal(suggested, Mapping(outcome.GetProperty("mapping")));
        Assert.Equal(3, outcome.GetProperty("result").GetProperty("inserted").GetInt32());
        Assert.Contains("boundary.note.kinds-derived", NoteCodes(job));
        Assert.Contains("import.note.shifted-to-wgs84", NoteCodes(job));
        var derived = Notes(job).Single(n => n.GetProperty("code").GetString() == "boundary.note.kinds-derived");
        Assert.Equal("3", derived.GetProperty("args")[0].GetString());
        Assert.Equal($"{district}001 东街道 Subdistrict, {district}002 西镇 Town, {district}003 南乡 Township",
            await app.ScalarAsync($"SELECT string_agg(code || ' ' || name || ' ' || kind, ', ' ORDER BY code) FROM townships WHERE district_code = '{district}'"));
        // GCJ-02 shifted back to WGS-84: the western edge, 112.0 in the file, lies some hundred metres west of it.
        var west = (double)(await app.ScalarAsync($"SELECT ST_XMin(boundary) FROM townships WHERE code = '{district}001'"))!;
        Assert.InRange(112.0 - west, 0.002, 0.01);
    }

    [Fact]
    public async Task A_districts_file_creates_one_district_per_feature_and_a_code_of_the_wrong_length_names_its_feature()
    {
        var y = Lat("431182", 0);
        string District(string code, string name, double x0) => $$$"""
            {"type":"Feature","properties":{"adcode":{{{code}}},"name":"{{{name}}}","level":"district","center":[{{{N(x0)}}},{{{N(y)}}}],"parent":{"adcode":431100}},
             "geometry":{"type":"Polygon","coordinates":{{{Ring(x0, y, x0 + 0.2, y + 0.2)}}}}}
            """;
        var (client, id) = await UploadAsync("districts.geojson",
            $$$"""{"type":"FeatureCollection","features":[{{{District("431182", "甲区", 112.0)}}},{{{District("431183", "乙县", 112.2)}}}]}""");
        var job = await RunJobAsync(client, "boundaries", new { uploadId = id, crs = "wgs84" });
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(2, job.GetProperty("outcome").GetProperty("result").GetProperty("inserted").GetInt32());
        // The data notes list the file as the latest import of district outlines, with its two features.
        var notes = await client.GetFromJsonAsync<JsonElement>("/api/v1/data-notes");
        var latest = notes.GetProperty("imports").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "districts");
        Assert.Equal(("districts.geojson", 2, JsonValueKind.Null, false), (latest.GetProperty("fileName").GetString(), latest.GetProperty("rows").GetInt32(),
            latest.GetProperty("department").ValueKind, latest.GetProperty("demo").GetBoolean()));
        Assert.False(notes.GetProperty("demoRecords").GetBoolean());
        Assert.Equal("431182 甲区 f, 431183 乙县 f",
            await app.ScalarAsync("SELECT string_agg(code || ' ' || name || ' ' || CASE WHEN outline_from_townships THEN 't' ELSE 'f' END, ', ' ORDER BY code) FROM districts WHERE code IN ('431182', '431183')"));

        var (_, bad) = await UploadAsync("districts_bad.geojson",
            $$$"""{"type":"FeatureCollection","features":[{{{District("431184", "丙区", 112.0)}}},{{{District("4311850", "丁区", 112.2)}}}]}""");
        var rejected = await RunJobAsync(client, "boundaries", new { uploadId = bad, crs = "wgs84" });
        Assert.Equal("Rejected", rejected.GetProperty("state").GetString());
        var error = rejected.GetProperty("outcome").GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((2, "adcode", "boundary.code-length-for-level"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM districts WHERE code = '431184'"));
    }

    [Fact]
    public async Task An_empty_polygon_is_a_row_error_naming_feature_2_and_the_job_is_rejected_not_failed()
    {
        const string district = "431186";
        var y = Lat(district, 0);
        var file = $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"{{{district}}}001","name":"东街道"},"geometry":{"type":"Polygon","coordinates":{{{Ring(112.0, y, 112.1, y + 0.1)}}}}},
              {"type":"Feature","properties":{"code":"{{{district}}}002","name":"西镇"},"geometry":{"type":"Polygon","coordinates":[]}},
              {"type":"Feature","properties":{"code":"{{{district}}}003","name":"北镇"},"geometry":{"type":"Polygon","coordinates":[[[112.2,{{{N(y)}}}],[112.3,{{{N(y)}}}],[112.2,{{{N(y)}}}],[112.2,{{{N(y)}}}]]]}}]}
            """;
        var (client, id) = await UploadAsync("empty.geojson", file);
        var job = await RunJobAsync(client, "boundaries", new { uploadId = id, crs = "wgs84", districtName = "空区" });
        Assert.Equal("Rejected", job.GetProperty("state").GetString());
        var errors = job.GetProperty("outcome").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("code").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Equal([
            (2, "geometry", "boundary.geometry-empty", "The polygon of feature 2 has no coordinates."),
            (3, "geometry", "boundary.geometry-degenerate", "The polygon of feature 3 has no area once repaired (a line, a point or repeated positions)."),
        ], errors);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM townships WHERE district_code = '{district}'"));
    }

    [Fact]
    public async Task Without_a_mapping_the_import_uses_the_previews_suggestion_found_from_the_values_and_a_top_level_id_is_a_code()
    {
        const string district = "431187";
        var y = Lat(district, 0);
        // Neither property is called code or name: the suggestion comes from the values (9-digit codes, names ending in 街道/镇).
        var file = $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"编号":"{{{district}}}001","名字":"东街道"},"geometry":{"type":"Polygon","coordinates":{{{Ring(112.0, y, 112.1, y + 0.1)}}}}},
              {"type":"Feature","properties":{"编号":"{{{district}}}002","名字":"西镇"},"geometry":{"type":"Polygon","coordinates":{{{Ring(112.1, y, 112.2, y + 0.1)}}}}}]}
            """;
        var (client, id) = await UploadAsync("values.geojson", file);
        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/uploads/{id}/preview?kind=boundaries");
        var suggested = Mapping(preview.GetProperty("boundaries").GetProperty("suggestedMapping"));
        Assert.Equal(new Dictionary<string, string> { ["code"] = "编号", ["name"] = "名字" }, suggested);
        var job = await RunJobAsync(client, "boundaries", new { uploadId = id, crs = "wgs84", districtName = "值区" });
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(suggested, Mapping(job.GetProperty("outcome").GetProperty("mapping")));
        Assert.Equal("boundary.note.mapping", NoteCodes(job)[0]);

        // A feature with a top-level id and no code property: the id is the code.
        const string other = "431188";
        var oy = Lat(other, 0);
        var (_, withId) = await UploadAsync("ids.geojson", $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":"{{{other}}}001","properties":{"name":"中街道"},"geometry":{"type":"Polygon","coordinates":{{{Ring(112.0, oy, 112.1, oy + 0.1)}}}}}]}
            """);
        var idJob = await RunJobAsync(client, "boundaries", new { uploadId = withId, crs = "wgs84", districtName = "编号区" });
        Assert.True(idJob.GetProperty("state").GetString() == "Succeeded", idJob.GetProperty("outcome").GetProperty("errors").GetRawText());
        Assert.Equal("id", idJob.GetProperty("outcome").GetProperty("mapping").GetProperty("code").GetString());
        Assert.Equal("中街道", await app.ScalarAsync($"SELECT name FROM townships WHERE code = '{other}001'"));
    }

    [Fact]
    public async Task Array_members_that_are_not_features_are_row_errors_and_a_bare_geometry_takes_its_code_and_name_from_the_request()
    {
        const string district = "431189";
        var y = Lat(district, 0);
        var (client, id) = await UploadAsync("mixed.json",
            $$$"""[{"type":"Feature","properties":{"code":"{{{district}}}001","name":"东街道"},"geometry":{"type":"Polygon","coordinates":{{{Ring(112.0, y, 112.1, y + 0.1)}}}}},{"type":"Polygon","coordinates":{{{Ring(112.1, y, 112.2, y + 0.1)}}}},5]""");
        var job = await RunJobAsync(client, "boundaries", new { uploadId = id, crs = "wgs84", districtName = "混区" });
        Assert.Equal("Rejected", job.GetProperty("state").GetString());
        Assert.Equal([(2, "boundary.array-member-not-feature", "Polygon"), (3, "boundary.array-member-not-feature", "Number")],
            job.GetProperty("outcome").GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("code").GetString(), e.GetProperty("value").GetString())).ToList());

        var (_, bare) = await UploadAsync("outline.geojson", $$$"""{"type":"Polygon","coordinates":{{{Ring(112.0, y, 112.2, y + 0.1)}}}}""");
        var outline = await RunJobAsync(client, "boundaries", new { uploadId = bare, crs = "wgs84", code = district, name = "裸区" });
        Assert.Equal("Succeeded", outline.GetProperty("state").GetString());
        Assert.Equal("裸区", await app.ScalarAsync($"SELECT name FROM districts WHERE code = '{district}'"));
        // The same fields for a file of features are refused: its codes are properties.
        var refused = await RunJobAsync(client, "boundaries", new { uploadId = id, crs = "wgs84", code = district, name = "裸区" });
        Assert.Equal("boundary.names-for-bare-geometry-only", refused.GetProperty("outcome").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_outline_follows_the_townships_unless_it_was_imported_on_its_own_then_gaps_are_reported_in_square_metres()
    {
        const string district = "431190";
        var y = Lat(district, 0);
        string Townships(params (int Serial, string Name, double X0)[] townships) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
            townships.Select(t => $$$"""{"type":"Feature","properties":{"code":"{{{district}}}{{{t.Serial:D3}}}","name":"{{{t.Name}}}"},"geometry":{"type":"Polygon","coordinates":{{{Ring(t.X0, y, t.X0 + 0.1, y + 0.1)}}}}}"""))
            + "]}";
        var (client, first) = await UploadAsync("t1.geojson", Townships((1, "东街道", 112.0), (2, "西镇", 112.1)));
        Assert.Equal("Succeeded", (await RunJobAsync(client, "boundaries", new { uploadId = first, crs = "wgs84", districtName = "合区" })).GetProperty("state").GetString());
        var (_, second) = await UploadAsync("t2.geojson", Townships((1, "东街道", 112.0), (3, "南乡", 112.3)));
        var replaced = await RunJobAsync(client, "boundaries", new { uploadId = second, crs = "wgs84" });
        Assert.Equal("Succeeded", replaced.GetProperty("state").GetString());
        Assert.Contains("boundary.note.outline-recomputed", NoteCodes(replaced));
        Assert.Equal(true, await app.ScalarAsync($"""
            SELECT ST_Equals(d.boundary, (SELECT ST_Union(boundary) FROM townships WHERE district_code = '{district}')) FROM districts d WHERE d.code = '{district}'
            """));

        // An outline of its own (a bare geometry 112.0–112.4) is kept; the townships cover two of its four tenths.
        var (_, own) = await UploadAsync("own.geojson", $$$"""{"type":"Polygon","coordinates":{{{Ring(112.0, y, 112.4, y + 0.1)}}}}""");
        Assert.Equal("Succeeded", (await RunJobAsync(client, "boundaries", new { uploadId = own, crs = "wgs84", code = district, name = "合区" })).GetProperty("state").GetString());
        var (_, third) = await UploadAsync("t3.geojson", Townships((1, "东街道", 112.0), (3, "南乡", 112.3)));
        var kept = await RunJobAsync(client, "boundaries", new { uploadId = third, crs = "wgs84" });
        var gaps = Notes(kept).Single(n => n.GetProperty("code").GetString() == "boundary.note.outline-gaps");
        var gapArea = (long)(await app.ScalarAsync($"SELECT round(ST_Area(ST_MakeEnvelope(112.1, {N(y)}, 112.3, {N(y + 0.1)}, 4326)::geography))::bigint"))!;
        Assert.Equal([district, gapArea.ToString(CultureInfo.InvariantCulture), "0", "0"], gaps.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.InRange(gapArea, 180_000_000, 210_000_000); // 0.2° × 0.1° at 38° N
        Assert.Equal(0.4, (double)(await app.ScalarAsync($"SELECT round((ST_XMax(boundary) - ST_XMin(boundary))::numeric, 6)::float8 FROM districts WHERE code = '{district}'"))!, 6);
    }

    [Fact]
    public async Task Every_geojson_export_has_top_level_ids_and_coordinates_of_at_most_7_decimals_in_closed_rings()
    {
        const string district = "431179";
        await CreateTwoTownshipsAsync(app, district);
        await app.WithDbAsync(db => new RiskMap.Api.Features.Import.ImportService(db).ImportEnterprisesAsync("test", [
            new RiskMap.Api.Features.Import.EnterpriseRecord(2, CreditCode(district, 1), "企业", "gas", false, null, 112.0512345678912, Lat(district, 0.0512345678912), null),
        ], RiskMap.Api.Features.Import.DuplicatePolicy.Reject, default));
        var client = await app.ClientForAsync("admin");
        foreach (var path in new[] { "exports/townships", "exports/townships?crs=gcj02", "exports/enterprises", "exports/enterprises?crs=gcj02" })
        {
            var collection = await client.GetFromJsonAsync<JsonElement>($"/api/v1/{path}");
            var features = collection.GetProperty("features").EnumerateArray().ToList();
            Assert.NotEmpty(features);
            foreach (var feature in features)
            {
                var key = path.Contains("townships") ? "code" : "credit_code";
                Assert.Equal(feature.GetProperty("properties").GetProperty(key).GetString(), feature.GetProperty("id").GetString());
                foreach (var number in Numbers(feature.GetProperty("geometry").GetProperty("coordinates")))
                {
                    var text = number.GetRawText();
                    Assert.True(!text.Contains('.') || text.Length - text.IndexOf('.') - 1 <= 7, $"{path}: {text} has more than 7 decimals");
                }
                if (feature.GetProperty("geometry").GetProperty("type").GetString() == "MultiPolygon")
                    foreach (var ring in feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().SelectMany(p => p.EnumerateArray()))
                        Assert.Equal(ring[0].GetRawText(), ring[ring.GetArrayLength() - 1].GetRawText());
            }
        }
    }

    private static IEnumerable<JsonElement> Numbers(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().SelectMany(Numbers)
        : [element];
}
