using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>The hazard-density layer (热力图): equal-area hexagons per zoom band, weighted counts, scope and bad input.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class HazardDensityTests(DemoApp app)
{
    private const string Own = "431103105";
    private const string Other = "431103101";
    private const string Day = "2022-12-31";

    // The as-of rule written out here, not through the service's functions: open on the day = found on or before it and
    // neither rectified nor closed on or before it.
    private static string OpenOn(string day) =>
        $"h.found_on <= DATE '{day}' AND (h.rectified_on IS NULL OR h.rectified_on > DATE '{day}') AND (h.closed_on IS NULL OR h.closed_on > DATE '{day}')";

    private async Task<(long Major, long General)> OpenCountsAsync(string where)
    {
        var major = (long)(await app.ScalarAsync($"""
            SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code LIKE '431103%' AND {OpenOn(Day)} AND h.level = 'Major' AND {where}
            """))!;
        var general = (long)(await app.ScalarAsync($"""
            SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code LIKE '431103%' AND {OpenOn(Day)} AND h.level = 'General' AND {where}
            """))!;
        return (major, general);
    }

    private static (double Major, double General, double Weighted) Sums(JsonElement layer)
    {
        var features = layer.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        return (features.Sum(p => p.GetProperty("openMajor").GetInt32()), features.Sum(p => p.GetProperty("openGeneral").GetInt32()),
            features.Sum(p => p.GetProperty("weighted").GetDouble()));
    }

    [Theory]
    [InlineData(9, 3000)]
    [InlineData(11, 1000)]
    [InlineData(12, 1000)]
    [InlineData(13, 300)]
    public async Task Hexagons_of_one_zoom_band_have_equal_area_in_metres_within_one_percent(int zoom, double edge)
    {
        var client = await app.ClientForAsync("leader");
        var text = await client.GetStringAsync($"/api/v1/density/hexagons?asOf={Day}&zoom={zoom}");
        var layer = JsonDocument.Parse(text).RootElement;
        Assert.Equal(edge, layer.GetProperty("band").GetProperty("edgeMetres").GetDouble());
        Assert.True(layer.GetProperty("features").GetArrayLength() >= 10, "enough hexagons to compare");
        // Geodesic areas (m²) of the hexagons as served, measured by PostGIS on the ellipsoid.
        var escaped = text.Replace("'", "''", StringComparison.Ordinal);
        var min = (double)(await app.ScalarAsync($"""
            SELECT min(ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)::geography))
            FROM jsonb_array_elements('{escaped}'::jsonb->'features') f
            """))!;
        var max = (double)(await app.ScalarAsync($"""
            SELECT max(ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)::geography))
            FROM jsonb_array_elements('{escaped}'::jsonb->'features') f
            """))!;
        Assert.True(max / min < 1.01, $"areas {min:0} … {max:0} m² differ by more than 1 %");
        var nominal = 3 * Math.Sqrt(3) / 2 * edge * edge;
        Assert.InRange(min / nominal, 0.99, 1.01);
        Assert.InRange(layer.GetProperty("hexagonAreaKm2").GetDouble() * 1e6 / nominal, 0.999, 1.001);
    }

    [Fact]
    public async Task Weighted_counts_add_up_to_the_open_hazards_of_the_district_and_of_a_sector()
    {
        var client = await app.ClientForAsync("leader");
        var layer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/density/hexagons?asOf={Day}&zoom=11");
        var weight = layer.GetProperty("majorHazardWeight").GetDouble();
        Assert.Equal(3, weight); // the documented default of RiskMap:Density:MajorHazardWeight
        var (major, general) = await OpenCountsAsync("true");
        Assert.True(major > 0 && general > 0);
        var sums = Sums(layer);
        Assert.Equal(major, sums.Major);
        Assert.Equal(general, sums.General);
        Assert.Equal(general + weight * major, sums.Weighted, 6);
        var area = layer.GetProperty("hexagonAreaKm2").GetDouble();
        Assert.All(layer.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")), p =>
            Assert.Equal(Math.Round(p.GetProperty("weighted").GetDouble() / area, 3), p.GetProperty("density").GetDouble()));

        var gas = await client.GetFromJsonAsync<JsonElement>($"/api/v1/density/hexagons?asOf={Day}&zoom=13&sector=gas,fireworks");
        var (gasMajor, gasGeneral) = await OpenCountsAsync("h.sector IN ('gas', 'fireworks')");
        Assert.Equal((gasMajor, gasGeneral), ((long)Sums(gas).Major, (long)Sums(gas).General));
    }

    [Fact]
    public async Task A_bounding_box_keeps_the_hexagons_touching_it_whole()
    {
        var client = await app.ClientForAsync("leader");
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/density/hexagons?asOf={Day}&zoom=13");
        var boxed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/density/hexagons?asOf={Day}&zoom=13&bbox=111.58,26.40,111.63,26.45");
        var whole = all.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("properties").GetRawText());
        var part = boxed.GetProperty("features").EnumerateArray().ToList();
        Assert.InRange(part.Count, 1, whole.Count - 1);
        Assert.All(part, f => Assert.Equal(whole[f.GetProperty("id").GetString()!], f.GetProperty("properties").GetRawText()));
    }

    [Fact]
    public async Task A_chief_sees_only_hexagons_of_their_townships_hazards()
    {
        var chief = await app.ClientForAsync($"chief-{Own}");
        var own = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/density/hexagons?asOf={Day}&zoom=13");
        var (major, general) = await OpenCountsAsync($"e.township_code = '{Own}'");
        Assert.Equal((major, general), ((long)Sums(own).Major, (long)Sums(own).General));
        var leaderView = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>($"/api/v1/density/hexagons?asOf={Day}&zoom=13&township={Own}");
        Assert.Equal(leaderView.GetProperty("features").GetRawText(), own.GetProperty("features").GetRawText());
        var other = await chief.GetAsync($"/api/v1/density/hexagons?township={Other}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Theory]
    // Values that do not read as their type (bound first), then values out of range or of the wrong form.
    [InlineData("bbox=1,2,3&asOf=2020-13-01&sector=coal", "bbox,asOf,sector")]
    [InlineData("zoom=23&township=12&district=4311", "zoom,township,district")]
    public async Task Bad_input_names_each_parameter_in_the_callers_language(string query, string fields)
    {
        var url = "/api/v1/density/hexagons?" + query;
        var english = await (await app.ClientForAsync("leader")).GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        var en = await english.Content.ReadFromJsonAsync<JsonElement>();
        var chineseClient = await app.ClientForAsync("leader");
        chineseClient.DefaultRequestHeaders.AcceptLanguage.Clear();
        chineseClient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await chineseClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, chinese.StatusCode);
        var zh = await chinese.Content.ReadFromJsonAsync<JsonElement>();
        var named = fields.Split(',').ToHashSet();
        foreach (var problem in new[] { en, zh })
            Assert.Equal(named, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.Equal(en.GetProperty("errorCodes").GetRawText(), zh.GetProperty("errorCodes").GetRawText());
        foreach (var field in named)
        {
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", en.GetProperty("errors").GetProperty(field)[0].GetString()!);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh.GetProperty("errors").GetProperty(field)[0].GetString()!);
        }
    }

    [Fact]
    public async Task An_unknown_district_or_township_is_404()
    {
        var client = await app.ClientForAsync("leader");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/density/hexagons?district=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/density/hexagons?township=431103999")).StatusCode);
    }
}
