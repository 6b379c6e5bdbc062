using System.Net;
using System.Text.Json;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Health, OpenAPI and the page's static files.</summary>
[Collection(ReadOnlyEmptyCollection.Name)]
public sealed class HostingTests(EmptyApp app)
{
    [Fact]
    public async Task Health_is_200_while_the_database_answers()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_speaks_of_fields_and_types_not_code_references()
    {
        var text = await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        Assert.DoesNotContain("RiskMap.Api.", text);
        Assert.DoesNotMatch(@"\b[TMPFE]:[A-Z]", text);
        // A description that referred to code still reads: the route stop's priority names the risk score's rule.
        Assert.Contains("RouteCandidate.Priority", text);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api_and_describes_geometry_as_geojson()
    {
        var response = await app.CreateClient().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/statistics", paths);
        Assert.Contains("/api/v1/townships/choropleth", paths);
        Assert.Contains("/api/v1/townships/{code}", paths);
        Assert.Contains("/api/v1/enterprises", paths);
        Assert.Contains("/api/v1/hazards", paths);
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        var geometry = schemas.GetProperty("TownshipFeature").GetProperty("properties").GetProperty("geometry");
        var resolved = geometry.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/').Last())
            : geometry;
        Assert.True(resolved.GetProperty("properties").TryGetProperty("coordinates", out _));
        Assert.Contains("MultiPolygon", resolved.GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.False(resolved.GetProperty("properties").TryGetProperty("json", out _), "the carrier type leaks into the schema");
        Assert.False(schemas.TryGetProperty("Coordinate", out _), "NetTopologySuite internals leak into the schema");
        var choropleth = json.RootElement.GetProperty("paths").GetProperty("/api/v1/townships/choropleth").GetProperty("get");
        Assert.False(string.IsNullOrEmpty(choropleth.GetProperty("summary").GetString()));
        Assert.True(choropleth.GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task Swagger_ui_and_the_page_are_served()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
        var page = await client.GetStringAsync("/");
        Assert.Contains("lib/leaflet/leaflet.js", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/leaflet/leaflet.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/leaflet.markercluster/leaflet.markercluster.js")).StatusCode);
    }
}

/// <summary>A service whose database disappears answers /health with 503.</summary>
public sealed class HealthWithoutDatabaseTests : IAsyncLifetime
{
    private readonly EmptyApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Health_is_503_when_the_database_is_gone()
    {
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        await (await TestCluster.GetAsync()).DropDatabaseAsync(_app.DatabaseName);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
    }
}
