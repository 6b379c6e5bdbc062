using System.Net;
using RiskMap.Api.Hosting;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The read/write table (<see cref="DatabaseRoutes.Table"/>) classifies every endpoint the service maps, and names none
/// that does not exist; what it sends to a standby is read-only (a GET).
/// </summary>
[Collection(ReadOnlyEmptyCollection.Name)]
public sealed class DatabaseRoutesTests(EmptyApp app)
{
    [Fact]
    public void Every_endpoint_is_in_the_read_write_table_and_every_row_is_an_endpoint()
    {
        var mapped = EndpointSamples.Mapped(app.Services).Select(e => DatabaseRoutes.Key(e.Method, e.Pattern)).ToHashSet();
        Assert.Empty(mapped.Where(key => !DatabaseRoutes.Table.ContainsKey(key)).Order());
        Assert.Empty(DatabaseRoutes.Table.Keys.Where(key => !mapped.Contains(key)).Order());
    }

    [Fact]
    public void Only_reads_go_to_a_standby()
        => Assert.DoesNotContain(DatabaseRoutes.Table, row => row.Value == DatabaseTarget.Standby && !row.Key.StartsWith("GET ", StringComparison.Ordinal));
}

/// <summary>The service on a real loopback port with <c>RiskMap:Metrics:AllowedAddresses</c> empty.</summary>
public sealed class NoMetricsAddressesApp : RiskMapApp
{
    /// <inheritdoc />
    protected override bool SeedDemo => false;

    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings => [("RiskMap:Metrics:AllowedAddresses", "")];

    /// <inheritdoc />
    protected override bool OnLoopbackPort => true;
}

/// <summary><c>/metrics</c> answers only the configured addresses; <c>/health/live</c> answers everyone.</summary>
public sealed class MetricsAddressTests(NoMetricsAddressesApp app) : IClassFixture<NoMetricsAddressesApp>
{
    [Fact]
    public async Task Metrics_are_refused_to_an_address_not_allowed_even_loopback()
    {
        using var client = app.CreateClient();
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await metrics.Content.ReadAsStringAsync());
    }
}
