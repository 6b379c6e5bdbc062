using System.Net;
using System.Text.Json;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Ogc;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// OGC API – Features on the demo district, served on a real port and read by GDAL's OAPIF driver (Debian's
/// ogrinfo and ogr2ogr), a client nobody here wrote, as well as by plain HTTP.
/// </summary>
public sealed class OgcApiTests(KestrelDemoApp app) : IClassFixture<KestrelDemoApp>
{
    private string Ogc => $"OAPIF:{new Uri(app.BaseAddress, "/ogc")}";

    private Task<string> LeaderTokenAsync() => app.TokenForAsync("leader");

    private async Task<long> ScalarLongAsync(string sql) => Convert.ToInt64(await app.ScalarAsync(sql));

    private async Task<List<long>> IdsAsync(string sql)
    {
        var ids = (string?)await app.ScalarAsync($"SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM ({sql}) q");
        return string.IsNullOrEmpty(ids) ? [] : ids.Split(',').Select(long.Parse).ToList();
    }

    /// <summary>Asserts a 400 ProblemDetails whose errors name <paramref name="parameter"/> with a message mentioning <paramref name="mention"/>.</summary>
    private async Task AssertProblemNamingAsync(string url, string parameter, string mention)
    {
        using var client = await app.ClientForAsync("leader");
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var messages = problem.GetProperty("errors").GetProperty(parameter).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(mention, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("enterprises", "ix_enterprises_location")]
    [InlineData("hazards", "ix_enterprises_location")]
    public async Task A_bbox_page_finds_the_box_through_the_gist_index_never_by_walking_the_primary_key(string collection, string index)
    {
        // Ids follow districts, not space: walking the primary key and filtering by the box scanned most of a
        // prefecture's table for one page. The plan must go through the spatial index whatever the statistics say.
        var (sql, bind) = OgcQueries.ItemsSql(OgcQueries.Find(collection)!,
            new OgcFilter((111.5, 26.3, 111.6, 26.4), null, null, null, null, null, null), new OgcPage(null, 0, 100));
        // Sorting made (almost) unaffordable: what the planner does when it believes a pk walk finds the page quickly.
        var plan = await app.ExplainAsync(sql, bind, "SET enable_seqscan = off; SET enable_sort = off");
        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains($"Index Scan using pk_{collection}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_landing_page_links_conformance_and_collections_and_conformance_lists_core_and_geojson()
    {
        using var client = await app.ClientForAsync("leader");
        var landing = JsonDocument.Parse(await client.GetStringAsync("/ogc")).RootElement;
        var rels = landing.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString()!);
        Assert.Equal(new Uri(app.BaseAddress, "/ogc/conformance").ToString(), rels["conformance"]);
        Assert.Equal(new Uri(app.BaseAddress, "/ogc/collections").ToString(), rels["data"]);
        Assert.Contains("service-desc", rels.Keys);

        var conformance = JsonDocument.Parse(await client.GetStringAsync("/ogc/conformance")).RootElement;
        Assert.Equal(
            ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"],
            conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()!).Order());
    }

    [Fact]
    public async Task Ogrinfo_lists_the_three_collections_with_their_feature_counts()
    {
        var result = await Gdal.RunAsync("ogrinfo", ["-ro", "-so", "-al", Ogc], await LeaderTokenAsync());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Layer name: townships", result.Output);
        Assert.Contains("Layer name: enterprises", result.Output);
        Assert.Contains("Layer name: hazards", result.Output);
        Assert.Contains($"Feature Count: {await ScalarLongAsync("SELECT count(*) FROM enterprises")}", result.Output);
    }

    [Fact]
    public async Task Ogr2ogr_reads_every_enterprise_across_pages()
    {
        var expected = await ScalarLongAsync("SELECT count(*) FROM enterprises");
        var result = await Gdal.RunAsync("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", Ogc, "enterprises", "-oo", "PAGE_SIZE=100"], await LeaderTokenAsync());

        Assert.True(result.ExitCode == 0, result.Error);
        var features = JsonDocument.Parse(result.Output).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(expected, features.Count);
        Assert.Equal(expected, features.Select(f => f.GetProperty("properties").GetProperty("creditCode").GetString()).Distinct().Count());
        var firstCode = (string)(await app.ScalarAsync("SELECT credit_code FROM enterprises ORDER BY id LIMIT 1"))!;
        var first = features.Single(f => f.GetProperty("properties").GetProperty("creditCode").GetString() == firstCode);
        Assert.Equal((double)(await app.ScalarAsync("SELECT ST_X(location) FROM enterprises ORDER BY id LIMIT 1"))!,
            first.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 7);
    }

    [Fact]
    public async Task Ogr2ogr_reads_the_township_polygons_and_filtered_hazards()
    {
        var townships = await Gdal.RunAsync("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", Ogc, "townships"], await LeaderTokenAsync());
        Assert.True(townships.ExitCode == 0, townships.Error);
        var features = JsonDocument.Parse(townships.Output).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(18, features.Count);
        Assert.All(features, f => Assert.Equal("MultiPolygon", f.GetProperty("geometry").GetProperty("type").GetString()));

        using var client = await app.ClientForAsync("leader");
        var page = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/hazards/items?level=Major&status=Open,Rectifying&limit=1000")).RootElement;
        Assert.Equal(await ScalarLongAsync("SELECT count(*) FROM hazards WHERE level = 'Major' AND status IN ('Open', 'Rectifying')"),
            page.GetProperty("numberMatched").GetInt64());
        Assert.All(page.GetProperty("features").EnumerateArray(), f => Assert.Equal("Major", f.GetProperty("properties").GetProperty("level").GetString()));
    }

    [Fact]
    public async Task Next_links_walk_a_bbox_query_once_with_number_matched_on_the_first_page()
    {
        const string bbox = "111.55,26.38,111.65,26.48";
        var expected = await ScalarLongAsync("SELECT count(*) FROM enterprises WHERE location && ST_MakeEnvelope(111.55, 26.38, 111.65, 26.48, 4326) AND sector = 'gas'");
        Assert.True(expected > 20, $"the box should hold some gas enterprises, not {expected}");
        using var client = await app.ClientForAsync("leader");
        string? next = $"/ogc/collections/enterprises/items?bbox={bbox}&sector=gas&limit=7";
        var ids = new List<long>();
        long? matched = null;
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            matched ??= page.GetProperty("numberMatched").GetInt64();
            var features = page.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, page.GetProperty("numberReturned").GetInt32());
            Assert.All(features, f => Assert.Equal("gas", f.GetProperty("properties").GetProperty("sector").GetString()));
            ids.AddRange(features.Select(f => f.GetProperty("id").GetInt64()));
            next = page.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => l.GetProperty("href").GetString()).SingleOrDefault();
        }
        Assert.Equal(expected, matched);
        Assert.Equal(expected, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_township_chief_reads_only_their_township_through_gdal_and_http()
    {
        const string township = "431103101";
        var expected = await ScalarLongAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{township}'");
        var chief = await app.TokenForAsync($"chief-{township}");

        var result = await Gdal.RunAsync("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", Ogc, "enterprises", "-oo", "PAGE_SIZE=500"], chief);

        Assert.True(result.ExitCode == 0, result.Error);
        var features = JsonDocument.Parse(result.Output).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(expected, features.Count);
        Assert.All(features, f => Assert.Equal(township, f.GetProperty("properties").GetProperty("township").GetString()));

        using var client = await app.ClientForAsync($"chief-{township}");
        var townships = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/townships/items?limit=100")).RootElement;
        Assert.Equal([township], townships.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!));
        var hazards = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/hazards/items?limit=10000")).RootElement;
        Assert.Equal(await ScalarLongAsync($"SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code = '{township}'"),
            hazards.GetProperty("numberMatched").GetInt64());

        var other = await ScalarLongAsync($"SELECT min(id) FROM enterprises WHERE township_code <> '{township}'");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/ogc/collections/enterprises/items/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/ogc/collections/enterprises/items?township=431103001")).StatusCode);
        var own = await ScalarLongAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{township}'");
        var item = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/enterprises/items/{own}")).RootElement;
        Assert.Equal(own, item.GetProperty("id").GetInt64());
        Assert.Contains(item.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "collection");
    }

    [Fact]
    public async Task Offset_paging_matches_keyset_paging()
    {
        using var client = await app.ClientForAsync("leader");
        async Task<List<string>> IdsAsync(string query) => JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/hazards/items?{query}"))
            .RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").ToString()).ToList();

        var first = await IdsAsync("limit=10&sector=gas");
        var second = await IdsAsync("limit=5&offset=5&sector=gas");

        Assert.Equal(10, first.Count);
        Assert.Equal(first[5..], second);
    }

    [Theory]
    [InlineData("/ogc/collections/nothing/items", HttpStatusCode.NotFound)]
    [InlineData("/ogc/collections/townships/items?sector=gas", HttpStatusCode.BadRequest)]
    [InlineData("/ogc/collections/hazards/items?level=Minor", HttpStatusCode.BadRequest)]
    [InlineData("/ogc/collections/enterprises/items?bbox=1,2,3", HttpStatusCode.BadRequest)]
    [InlineData("/ogc/collections/enterprises/items?limit=10001", HttpStatusCode.BadRequest)]
    [InlineData("/ogc/collections/enterprises/items/abc", HttpStatusCode.NotFound)]
    public async Task Bad_requests_are_problems(string url, HttpStatusCode status)
    {
        using var client = await app.ClientForAsync("leader");
        using var response = await client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_sign_in_the_ogc_api_is_401_and_gdal_reads_nothing()
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync("/ogc/collections");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var result = await Gdal.RunAsync("ogrinfo", ["-ro", "-so", Ogc]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("enterprises", result.Output);
    }

    [Theory]
    [InlineData("/ogc?foo=1", "foo")]
    [InlineData("/ogc/conformance?service=WFS", "service")]
    [InlineData("/ogc/collections?bbox=111,26,112,27", "bbox")]
    [InlineData("/ogc/collections/hazards?limit=5", "limit")]
    [InlineData("/ogc/collections/hazards/items?level=Major&colour=red", "colour")]
    [InlineData("/ogc/collections/enterprises/items?Limit=5", "Limit")]
    [InlineData("/ogc/collections/enterprises/items/1?datetime=2020-06-30T00:00:00Z", "datetime")]
    public async Task An_unknown_query_parameter_is_a_400_problem_naming_it(string url, string parameter)
        => await AssertProblemNamingAsync(url, parameter, "query-param-unknown");

    [Theory]
    [InlineData("/ogc?f=html")]
    [InlineData("/ogc/collections?f=html")]
    [InlineData("/ogc/collections/hazards/items?f=html")]
    [InlineData("/ogc/collections/hazards/items?f=xml")]
    public async Task F_html_is_a_400_problem_naming_f_and_the_supported_formats(string url)
        => await AssertProblemNamingAsync(url, "f", "json");

    [Theory]
    [InlineData("/ogc?f=json")]
    [InlineData("/ogc/conformance?f=json")]
    [InlineData("/ogc/collections/hazards?f=json")]
    [InlineData("/ogc/collections/hazards/items?f=json&limit=1")]
    [InlineData("/ogc/collections/hazards/items?f=geojson&limit=1")]
    public async Task F_json_and_geojson_are_served(string url)
    {
        using var client = await app.ClientForAsync("leader");
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Bbox_crs_other_than_crs84_is_a_400_and_crs84_is_the_default()
    {
        await AssertProblemNamingAsync(
            "/ogc/collections/enterprises/items?bbox=12417000,2935000,12430000,2948000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857",
            "bbox-crs", "CRS84");

        using var client = await app.ClientForAsync("leader");
        const string items = "/ogc/collections/enterprises/items?bbox=111.55,26.38,111.65,26.48&limit=1";
        var plain = JsonDocument.Parse(await client.GetStringAsync(items)).RootElement.GetProperty("numberMatched").GetInt64();
        var crs84 = JsonDocument.Parse(await client.GetStringAsync($"{items}&bbox-crs={Uri.EscapeDataString(OgcApi.Crs84)}"))
            .RootElement.GetProperty("numberMatched").GetInt64();
        Assert.Equal(plain, crs84);
    }

    /// <summary>
    /// A hazard's life is found_on through the day it was rectified or closed, open-ended while open; an instant counts as
    /// its China Standard Time day. The expected rows come from PostgreSQL's own range overlap, not the service's SQL.
    /// </summary>
    [Theory]
    [InlineData("2020-06-30T12:00:00Z", "2020-06-30", "2020-06-30")]
    [InlineData("2020-06-30T20:00:00Z", "2020-07-01", "2020-07-01")] // 04:00 on 1 July in China
    [InlineData("2020-06-30", "2020-06-30", "2020-06-30")]
    [InlineData("2020-03-01T00:00:00+08:00/2020-03-31T23:59:59+08:00", "2020-03-01", "2020-03-31")]
    [InlineData("../2020-01-15T00:00:00Z", null, "2020-01-15")]
    [InlineData("/2020-01-15T00:00:00Z", null, "2020-01-15")]
    [InlineData("2020-09-01T00:00:00Z/..", "2020-09-01", null)]
    [InlineData("2020-09-01T00:00:00Z/", "2020-09-01", null)]
    public async Task Datetime_returns_the_hazards_whose_life_overlaps_it(string datetime, string? from, string? to)
    {
        var expected = await IdsAsync($"""
            SELECT id FROM hazards
            WHERE daterange(found_on, least(rectified_on, closed_on), '[]')
                && daterange({(from is null ? "NULL" : $"'{from}'")}, {(to is null ? "NULL" : $"'{to}'")}, '[]')
            ORDER BY id
            """);
        var total = await ScalarLongAsync("SELECT count(*) FROM hazards");
        Assert.InRange(expected.Count, 1, total - 1);

        using var client = await app.ClientForAsync("leader");
        var page = JsonDocument.Parse(await client.GetStringAsync(
            $"/ogc/collections/hazards/items?datetime={Uri.EscapeDataString(datetime)}&limit={Ranges.OgcLimit.Max}")).RootElement;

        Assert.Equal(expected.Count, page.GetProperty("numberMatched").GetInt64());
        Assert.Equal(expected.Take(Ranges.OgcLimit.Max), page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("limit=5", 5, 18)]            // more pages follow: counted
    [InlineData("limit=5&offset=15", 3, 18)]  // the last page: offset + features, no count needed
    [InlineData("limit=100", 18, 18)]         // everything on one page
    [InlineData("limit=5&offset=40", 0, 18)]  // past the end: counted
    [InlineData("limit=5&district=999999", 0, 0)]
    public async Task NumberMatched_is_exact_on_every_first_page(string query, int returned, long matched)
    {
        using var client = await app.ClientForAsync("leader");
        var page = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/townships/items?{query}")).RootElement;
        Assert.Equal(returned, page.GetProperty("numberReturned").GetInt32());
        Assert.Equal(matched, page.GetProperty("numberMatched").GetInt64());
    }

    [Fact]
    public async Task Datetime_matches_every_township_and_enterprise_as_they_have_no_temporal_property()
    {
        using var client = await app.ClientForAsync("leader");
        const string datetime = "2020-01-01T00:00:00Z/2020-01-02T00:00:00Z";
        var enterprises = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/enterprises/items?datetime={datetime}&limit=1")).RootElement;
        var townships = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/townships/items?datetime={datetime}&limit=1")).RootElement;
        Assert.Equal(await ScalarLongAsync("SELECT count(*) FROM enterprises"), enterprises.GetProperty("numberMatched").GetInt64());
        Assert.Equal(18, townships.GetProperty("numberMatched").GetInt64());
    }

    [Theory]
    [InlineData("hazards", "yesterday")]
    [InlineData("hazards", "2020-13-01T00:00:00Z")]
    [InlineData("hazards", "2020-06-30T12:00:00")] // no offset
    [InlineData("hazards", "2020-06-30 12:00:00Z")]
    [InlineData("hazards", "../..")]
    [InlineData("hazards", "/")]
    [InlineData("hazards", "2020-07-01T00:00:00Z/2020-06-01T00:00:00Z")]
    [InlineData("hazards", "2020-06-01T00:00:00Z/2020-07-01T00:00:00Z/2020-08-01T00:00:00Z")]
    [InlineData("enterprises", "2020-06-31")]
    [InlineData("hazards", "9999-12-31T23:59:59Z")] // its day in China would be past 9999-12-31
    [InlineData("hazards", "../9999-12-31T23:59:59Z")]
    [InlineData("hazards", "0001-01-01/..")]
    [InlineData("hazards", "2100-12-31T16:00:00Z")] // 2101-01-01 in China
    [InlineData("townships", "1949-09-30")]
    public async Task A_malformed_datetime_is_a_400_problem_naming_datetime(string collection, string datetime)
        => await AssertProblemNamingAsync($"/ogc/collections/{collection}/items?datetime={Uri.EscapeDataString(datetime)}", "datetime", datetime);

    [Fact]
    public async Task The_api_definition_lists_exactly_the_query_parameters_each_operation_takes()
    {
        using var client = await app.ClientForAsync("leader");
        var paths = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement.GetProperty("paths");
        string[] QueryParameters(string path) => paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).Order().ToArray();

        string[] items = ["f", "bbox", "bbox-crs", "datetime", "limit", "offset", "cursor", "sector", "level", "status", "township", "district"];
        Assert.Equal(items.Order(), QueryParameters("/ogc/collections/{collectionId}/items"));
        Assert.Equal(["f"], QueryParameters("/ogc/collections/{collectionId}/items/{featureId}"));
        foreach (var path in new[] { "/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/{collectionId}" })
            Assert.Equal(["f"], QueryParameters(path));
    }

    [Fact]
    public void The_collections_are_townships_enterprises_and_hazards()
        => Assert.Equal(["townships", "enterprises", "hazards"], OgcQueries.Collections.Select(c => c.Id));
}
