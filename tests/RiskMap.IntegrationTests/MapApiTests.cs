using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Enterprises;
using RiskMap.Api.Features.Import;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The map endpoints on a crafted district 431194: township 001 (east) and 002 (west) sharing a border, hazards
/// opened and rectified on either side of the as-of day 2022-06-30, an overdue one, two sectors, and an enterprise
/// on the shared border.
/// </summary>
public sealed class MapApiTests(MapApiTests.Fixture fixture) : IClassFixture<MapApiTests.Fixture>
{
    private const string District = "431194";
    private const string East = District + "001";
    private const string West = District + "002";

    public sealed class Fixture : IAsyncLifetime
    {
        public EmptyApp App { get; } = new();

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await CreateTwoTownshipsAsync(App, District);
            var y = Lat(District, 0.05);
            await App.WithDbAsync(async db =>
            {
                var import = new ImportService(db);
                await import.ImportEnterprisesAsync("test", [
                    new EnterpriseRecord(2, CreditCode(District, 1), "东燃气公司", "gas", true, "东路1号", 112.15, y, null),
                    new EnterpriseRecord(3, CreditCode(District, 2), "西烟花厂", "fireworks", false, "西路2号", 112.05, y, null),
                    new EnterpriseRecord(4, CreditCode(District, 3), "边界燃气站", "gas", false, "界路3号", 112.1, y, null),
                    new EnterpriseRecord(5, CreditCode(District, 4), "<img src=x onerror=alert(1)>", "construction", false, null, 112.05, y + 0.01, null),
                ], DuplicatePolicy.Reject, default);
                return await import.ImportHazardsAsync("test", [
                    Hazard(1, 1, "gas", HazardLevel.Major, "2022-01-10", "2022-03-01", null, null),           // open, overdue
                    Hazard(2, 1, "gas", HazardLevel.General, "2022-05-01", "2022-08-01", "2022-07-15", null), // open on 06-30, rectified after
                    Hazard(3, 1, "gas", HazardLevel.General, "2022-02-01", "2022-03-01", "2022-03-10", "2022-03-20"), // closed before
                    Hazard(4, 2, "fireworks", HazardLevel.Major, "2022-07-05", "2022-08-05", null, null),     // found after 06-30
                    Hazard(5, 2, "fireworks", HazardLevel.General, "2022-06-01", "2022-06-15", "2022-06-30", null), // rectified on the day
                    Hazard(6, 3, "gas", HazardLevel.Major, "2022-06-30", "2022-07-30", null, null),           // found on the day, border enterprise
                    Hazard(7, 2, "fireworks", HazardLevel.General, "2022-03-01", "2022-04-01", null, null),   // open, overdue
                ], default);
            });
        }

        private static HazardRecord Hazard(int n, int enterprise, string sector, HazardLevel level, string found, string deadline,
            string? rectified, string? closed)
            => new(n + 1, $"T-{n}", null, CreditCode(District, enterprise), sector, level, $"隐患{n}", DateOnly.Parse(found), DateOnly.Parse(deadline),
                rectified is null ? null : DateOnly.Parse(rectified), closed is null ? null : DateOnly.Parse(closed),
                closed is not null ? HazardStatus.Closed : rectified is not null ? HazardStatus.Rectified : HazardStatus.Open, null, level == HazardLevel.Major);

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await (await fixture.App.ClientForAsync("admin")).GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Township(JsonElement collection, string code)
        => collection.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == code).GetProperty("properties");

    [Fact]
    public async Task Choropleth_counts_hazards_open_and_overdue_on_the_day()
    {
        var map = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-06-30");
        Assert.Equal("FeatureCollection", map.GetProperty("type").GetString());
        Assert.Equal(2, map.GetProperty("features").GetArrayLength());

        var east = Township(map, East);
        Assert.Equal(2, east.GetProperty("openMajor").GetInt32());   // hazards 1 and 6 (border enterprise counted in the east only)
        Assert.Equal(1, east.GetProperty("openGeneral").GetInt32()); // hazard 2
        Assert.Equal(1, east.GetProperty("overdue").GetInt32());     // hazard 1
        Assert.Equal(2, east.GetProperty("value").GetInt32());
        Assert.Equal(2, east.GetProperty("bySector").GetProperty("gas").GetProperty("openMajor").GetInt32());

        var west = Township(map, West);
        Assert.Equal(0, west.GetProperty("openMajor").GetInt32());   // hazard 4 is found later
        Assert.Equal(1, west.GetProperty("openGeneral").GetInt32()); // hazard 7; hazard 5 was rectified on the day
        Assert.Equal(1, west.GetProperty("overdue").GetInt32());
        Assert.Equal(1, west.GetProperty("bySector").GetProperty("fireworks").GetProperty("overdue").GetInt32());
        Assert.False(west.GetProperty("bySector").TryGetProperty("gas", out _));
    }

    [Fact]
    public async Task Later_days_see_later_hazards_and_rectifications()
    {
        var map = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-07-20&metric=overdue");
        Assert.Equal(1, Township(map, West).GetProperty("openMajor").GetInt32()); // hazard 4
        Assert.Equal(0, Township(map, East).GetProperty("openGeneral").GetInt32()); // hazard 2 rectified 07-15
        Assert.Equal("overdue", map.GetProperty("metric").GetString());
        Assert.Equal(1, Township(map, East).GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task A_sector_filter_totals_only_that_sector_and_marks_townships_without_its_enterprises_as_no_data()
    {
        var map = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-06-30&sector=fireworks&metric=openGeneral");
        var east = Township(map, East);
        Assert.Equal(0, east.GetProperty("openMajor").GetInt32());
        Assert.Equal(0, east.GetProperty("enterprises").GetInt32());
        Assert.Equal(JsonValueKind.Null, east.GetProperty("value").ValueKind);
        var west = Township(map, West);
        Assert.Equal(1, west.GetProperty("value").GetInt32());
        Assert.Equal(["fireworks"], map.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task The_legend_has_the_metrics_fixed_classes_whatever_the_data()
    {
        foreach (var sector in new[] { "", "&sector=fireworks" })
        {
            var map = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-06-30{sector}");
            var classes = map.GetProperty("classes").EnumerateArray()
                .Select(c => (c.GetProperty("min").GetInt32(), c.GetProperty("max").ValueKind == JsonValueKind.Null ? -1 : c.GetProperty("max").GetInt32(),
                    c.GetProperty("color").GetString())).ToList();
            Assert.Equal([(0, 0, "#e8f3e4"), (1, 1, "#fed976"), (2, 2, "#fd8d3c"), (3, 4, "#e31a1c"), (5, -1, "#800026")], classes);
        }
        var official = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-06-30&metric=overdue&scheme=official");
        Assert.Equal(["#1f78d1", "#ffd92f", "#ff8c1a", "#e31a1c"], official.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("color").GetString()));
    }

    [Fact]
    public async Task Geometry_is_geojson_with_counter_clockwise_exterior_rings()
    {
        var map = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-06-30");
        var geometry = map.GetProperty("features")[0].GetProperty("geometry");
        Assert.Equal("MultiPolygon", geometry.GetProperty("type").GetString());
        var ring = geometry.GetProperty("coordinates")[0][0].EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        var area2 = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++) area2 += ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
        Assert.True(area2 > 0, "RFC 7946: exterior rings are counter-clockwise");
    }

    [Fact]
    public async Task Gcj02_output_shifts_every_coordinate_by_the_offset_for_a_chinese_basemap()
    {
        var wgs = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-06-30");
        var gcj = await GetJson($"/api/v1/townships/choropleth?district={District}&asOf=2022-06-30&crs=gcj02");
        Assert.Equal("wgs84", wgs.GetProperty("coordinateSystem").GetString());
        Assert.Equal("gcj02", gcj.GetProperty("coordinateSystem").GetString());
        var a = wgs.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0][0][0];
        var b = gcj.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0][0][0];
        var expected = RiskMap.Api.Geo.ChinaCoordinates.Wgs84ToGcj02(a[0].GetDouble(), a[1].GetDouble());
        Assert.Equal(expected.Lon, b[0].GetDouble(), 1e-6);
        Assert.Equal(expected.Lat, b[1].GetDouble(), 1e-6);
        Assert.True(Math.Abs(b[0].GetDouble() - a[0].GetDouble()) > 1e-3, "the offset is hundreds of metres");

        var points = await GetJson($"/api/v1/enterprises?township={East}&crs=gcj02");
        Assert.Equal("gcj02", points.GetProperty("coordinateSystem").GetString());
        var config = await GetJson("/api/v1/map-config");
        Assert.Equal("wgs84", config.GetProperty("overlayCrs").GetString());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("basemapUrl").ValueKind);
    }

    [Fact]
    public async Task Map_config_serves_every_sector_with_its_labels_risk_weight_and_department()
    {
        var sectors = (await GetJson("/api/v1/map-config")).GetProperty("sectors").EnumerateArray().ToList();
        Assert.Equal(Sector.All.Select(s => s.Code), sectors.Select(s => s.GetProperty("code").GetString()));
        var fireworks = sectors[1];
        Assert.Equal("烟花爆竹", fireworks.GetProperty("nameZh").GetString());
        Assert.Equal("Fireworks", fireworks.GetProperty("nameEn").GetString());
        Assert.True(fireworks.GetProperty("campaignNamed").GetBoolean());
        Assert.Equal(10, fireworks.GetProperty("riskWeight").GetInt32());
        Assert.Equal("emergency", fireworks.GetProperty("department").GetProperty("code").GetString());
        Assert.Equal("应急管理局", fireworks.GetProperty("department").GetProperty("nameZh").GetString());
        // The weights the page is given are the ones the route planner scores with, and the departments those of data/.
        foreach (var sector in sectors)
        {
            var code = sector.GetProperty("code").GetString();
            Assert.Equal(RiskMap.Api.Features.Routing.RiskScore.SectorWeight(code), sector.GetProperty("riskWeight").GetInt32());
        }
        Assert.Equal([10, 10, 10, 10, 5, 5, 5, 2, 2], sectors.Select(s => s.GetProperty("riskWeight").GetInt32()));
        var departments = File.ReadAllLines(Path.Combine(RiskMap.Api.Hosting.RiskMapPaths.DemoData, "departments.csv")).Skip(1)
            .Select(line => line.Split(','))
            .SelectMany(f => f[2].Split(';').Select(sector => (Sector: sector, Department: f[0])))
            .ToDictionary(p => p.Sector, p => p.Department);
        Assert.Equal(departments, sectors.ToDictionary(s => s.GetProperty("code").GetString()!, s => s.GetProperty("department").GetProperty("code").GetString()!));
    }

    [Fact]
    public async Task Township_detail_gives_counts_by_sector_level_status_and_overdue_hazards_with_days()
    {
        var detail = await GetJson($"/api/v1/townships/{East}?asOf=2022-06-30");
        Assert.Equal("东街道", detail.GetProperty("name").GetString());
        Assert.Equal(2, detail.GetProperty("enterprisesBySector").GetProperty("gas").GetInt32());
        var cells = detail.GetProperty("hazardsBySectorLevelStatus").EnumerateArray()
            .ToDictionary(c => $"{c.GetProperty("sector").GetString()}/{c.GetProperty("level").GetString()}/{c.GetProperty("status").GetString()}",
                c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int>
        {
            ["gas/General/Closed"] = 1, ["gas/General/Open"] = 1, ["gas/Major/Open"] = 2,
        }, cells);
        var overdue = Assert.Single(detail.GetProperty("overdueHazards").EnumerateArray());
        Assert.Equal(121, overdue.GetProperty("daysOverdue").GetInt32()); // 2022-03-01 → 2022-06-30
        Assert.Equal(2, detail.GetProperty("totals").GetProperty("openMajor").GetInt32());
        // 0.1° × 0.1° at latitude φ: about 11.13 km × 11.13·cos φ km; geodesic area agrees within 1 %.
        var phi = Lat(District, 0.05) * Math.PI / 180;
        Assert.InRange(detail.GetProperty("areaKm2").GetDouble(), 11.13 * 11.13 * Math.Cos(phi) * 0.99, 11.13 * 11.13 * Math.Cos(phi) * 1.01);
    }

    [Fact]
    public async Task Enterprises_are_points_with_worst_open_level_and_filters()
    {
        var page = await GetJson($"/api/v1/enterprises?township={East}&asOf=2022-06-30");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var first = page.GetProperty("features")[0];
        Assert.Equal("Point", first.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("Major", first.GetProperty("properties").GetProperty("worstOpenHazardLevel").GetString());

        var majors = await GetJson($"/api/v1/enterprises?openHazardLevel=Major&asOf=2022-07-10&sector=fireworks");
        Assert.Equal(["西烟花厂"], majors.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()));

        var y = Lat(District, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var west = await GetJson($"/api/v1/enterprises?bbox=112.0,{y},112.09,{Lat(District, 0.1).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Assert.Equal(2, west.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Names_are_returned_as_data_not_markup()
    {
        var page = await GetJson($"/api/v1/enterprises?township={West}&sector=construction");
        Assert.Equal("<img src=x onerror=alert(1)>", page.GetProperty("features")[0].GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Hazards_list_filters_by_status_overdue_and_level_as_of_the_day()
    {
        var open = await GetJson($"/api/v1/hazards?township={East}&open=true&asOf=2022-06-30");
        Assert.Equal(3, open.GetProperty("total").GetInt32());
        // status is the lifecycle status on the day; open=true is Open and Rectifying together.
        var literalOpen = await GetJson($"/api/v1/hazards?township={East}&status=Open&asOf=2022-06-30");
        var rectifying = await GetJson($"/api/v1/hazards?township={East}&status=rectifying&asOf=2022-06-30");
        Assert.All(literalOpen.GetProperty("items").EnumerateArray(), i => Assert.Equal("Open", i.GetProperty("status").GetString()));
        Assert.Equal(3, literalOpen.GetProperty("total").GetInt32() + rectifying.GetProperty("total").GetInt32());
        var notOpen = await GetJson($"/api/v1/hazards?township={East}&open=false&asOf=2022-06-30");
        var all = await GetJson($"/api/v1/hazards?township={East}&asOf=2022-06-30");
        Assert.Equal(all.GetProperty("total").GetInt32() - 3, notOpen.GetProperty("total").GetInt32());
        var overdue = await GetJson($"/api/v1/hazards?overdue=true&asOf=2022-06-30&sector=gas,fireworks");
        Assert.Equal(["T-1", "T-7"], overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).Order());
        var rectifiedOnTheDay = await GetJson($"/api/v1/hazards?status=Rectified&asOf=2022-06-30&level=General");
        var item = Assert.Single(rectifiedOnTheDay.GetProperty("items").EnumerateArray());
        Assert.Equal("T-5", item.GetProperty("reference").GetString());
        Assert.Equal("2022-06-30", item.GetProperty("rectifiedOn").GetString());
        var before = await GetJson($"/api/v1/hazards?asOf=2022-06-30&township={East}&level=General&status=Open");
        var h2 = Assert.Single(before.GetProperty("items").EnumerateArray());
        Assert.Equal("T-2", h2.GetProperty("reference").GetString());
        Assert.Equal(JsonValueKind.Null, h2.GetProperty("rectifiedOn").ValueKind); // rectified later: not shown yet
    }

    [Theory]
    [InlineData("/api/v1/hazards?sectr=gas", "sectr")]
    [InlineData("/api/v1/enterprises?townships=431103001", "townships")]
    [InlineData("/api/v1/townships/choropleth?metrics=overdue", "metrics")]
    [InlineData("/api/v1/districts?x=1", "x")]
    public async Task An_unknown_query_parameter_is_400_naming_it(string url, string parameter)
    {
        using var client = await fixture.App.ClientForAsync("admin");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Query_parameter_names_match_without_regard_to_case()
    {
        var page = await GetJson($"/api/v1/hazards?Township={East}&OPEN=true&asof=2022-06-30");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/hazards?page=3000000&pageSize=1000")]
    [InlineData("/api/v1/hazards?page=2147483647&pageSize=1000")]
    [InlineData("/api/v1/enterprises?page=500000&pageSize=5000")]
    public async Task A_page_far_past_the_end_is_empty_not_an_error(string url)
    {
        var page = await GetJson(url + "&asOf=2022-06-30");
        var items = page.TryGetProperty("items", out var i) ? i : page.GetProperty("features");
        Assert.Equal(0, items.GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task The_bbox_filter_can_use_the_gist_index()
    {
        var (sql, bind) = EnterprisesQueries.Build(new EnterpriseFilter(null, null, null, null, (112.0, 20.0, 112.1, 30.0), new DateOnly(2022, 6, 30)), "");
        var plan = await fixture.App.ExplainAsync(sql, bind, "SET enable_seqscan = off");
        Assert.Contains(plan, line => line.Contains("ix_enterprises_location"));
        Assert.Contains("e.location && ST_MakeEnvelope", sql);
    }

    [Theory]
    [InlineData("/api/v1/townships/choropleth?metric=closed", "metric")]
    [InlineData("/api/v1/townships/choropleth?sector=coal", "sector")]
    [InlineData("/api/v1/townships/choropleth?asOf=2022-02-30", "asOf")]
    [InlineData("/api/v1/enterprises?bbox=112,28,111", "bbox")]
    [InlineData("/api/v1/enterprises?bbox=112,28,111,27", "bbox")]
    [InlineData("/api/v1/enterprises?pageSize=5001", "pageSize")]
    [InlineData("/api/v1/enterprises?page=0", "page")]
    [InlineData("/api/v1/enterprises?openHazardLevel=Severe", "openHazardLevel")]
    [InlineData("/api/v1/hazards?pageSize=100000", "pageSize")]
    [InlineData("/api/v1/hazards?status=Pending", "status")]
    [InlineData("/api/v1/hazards?overdue=maybe", "overdue")]
    [InlineData("/api/v1/hazards?asOf=yesterday", "asOf")]
    [InlineData("/api/v1/townships/43119400?asOf=2022-01-01", "code")]
    [InlineData("/api/v1/townships/choropleth?asOf=9999-12-31", "asOf")]
    [InlineData("/api/v1/townships/choropleth?zoom=23", "zoom")]
    [InlineData("/api/v1/hazards?asOf=0001-01-01", "asOf")]
    [InlineData("/api/v1/enterprises?asOf=1949-09-30", "asOf")]
    [InlineData("/api/v1/enterprises?asOf=2101-01-01", "asOf")]
    [InlineData("/api/v1/statistics?from=0001-01-01&to=2020-09-30", "from")]
    [InlineData("/api/v1/routes/candidates?asOf=9999-12-31", "asOf")]
    [InlineData("/api/v1/routes/candidates?notInspectedForDays=36501", "notInspectedForDays")]
    [InlineData("/api/v1/tiles/enterprises/8/0/0.mvt?asOf=9999-12-31", "asOf")]
    public async Task Bad_parameters_give_400_naming_the_parameter(string url, string parameter)
    {
        var response = await (await fixture.App.ClientForAsync("admin")).GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("/api/v1/townships/431194999")]
    [InlineData("/api/v1/enterprises?township=431194999")]
    [InlineData("/api/v1/hazards?township=431194999")]
    [InlineData("/api/v1/townships/choropleth?district=999999")]
    public async Task Unknown_townships_and_districts_give_404(string url)
    {
        var response = await (await fixture.App.ClientForAsync("admin")).GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Days_are_answered_from_the_first_to_the_last_day_of_the_record_span_and_refused_outside_it_naming_it()
    {
        var admin = await fixture.App.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/townships/choropleth?asOf=1949-10-01")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/townships/choropleth?asOf=2100-12-31")).StatusCode);
        var response = await admin.GetAsync("/api/v1/townships/choropleth?asOf=2101-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2101-01-01 is outside the allowed range 1949-10-01 … 2100-12-31.", problem.GetProperty("errors").GetProperty("asOf")[0].GetString());
    }

    [Fact]
    public async Task Districts_list_their_extent_and_record_dates()
    {
        var districts = await (await fixture.App.ClientForAsync("admin")).GetFromJsonAsync<JsonElement>("/api/v1/districts");
        var d = districts.EnumerateArray().Single(x => x.GetProperty("code").GetString() == District);
        Assert.Equal(2, d.GetProperty("townships").GetInt32());
        Assert.Equal("2022-01-10", d.GetProperty("firstRecord").GetString()); // hazard 1 found
        Assert.Equal("2022-07-15", d.GetProperty("lastRecord").GetString());  // hazard 2 rectified (deadlines do not count)
        Assert.True(d.GetProperty("illustrative").GetBoolean() is false);
    }
}
