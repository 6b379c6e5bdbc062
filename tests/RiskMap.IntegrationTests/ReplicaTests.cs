using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RiskMap.Api.Hosting;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The service (on a real loopback port) on a primary and a synchronous streaming standby of its own
/// (<see cref="ReplicatedCluster"/>), named by one multi-host connection string.
/// </summary>
public sealed class ReplicatedApp : RiskMapApp
{
    private ReplicatedCluster? _clusters;

    /// <inheritdoc />
    protected override bool SeedDemo => false;

    /// <summary>The primary and the standby.</summary>
    public ReplicatedCluster Clusters => _clusters ?? throw new InvalidOperationException("Not started yet.");

    /// <inheritdoc />
    protected override async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        _clusters = await ReplicatedCluster.StartAsync("riskmap", synchronous: true);
        return ("riskmap", _clusters.ConnectionString("riskmap"));
    }

    /// <inheritdoc />
    protected override async Task DropDatabaseAsync()
    {
        if (_clusters is not null) await _clusters.DisposeAsync();
    }

    /// <inheritdoc />
    protected override bool OnLoopbackPort => true;
}

/// <summary>
/// Reads go to the standby, survive the loss of the primary, writes answer 503 while there is no primary and resume after
/// the standby's promotion without a restart of the service; an acknowledged write survives the failover. One test
/// method, because killing the primary ends what any other test could do with these clusters.
/// </summary>
public sealed class ReplicaTests(ReplicatedApp app) : IClassFixture<ReplicatedApp>
{
    [Fact]
    public async Task Reads_come_from_the_standby_survive_the_primary_and_writes_resume_after_promotion()
    {
        using var admin = await app.ClientForAsync("admin");

        // 1. Reads of the table's standby endpoints come from the standby: with its replay paused, a row written on the
        //    primary is not seen by GET /data-notes; once replay resumes it is.
        await StandbySqlAsync("SELECT pg_wal_replay_pause()");
        await PrimarySqlAsync("INSERT INTO import_runs (kind, department_code, file_name, rows, finished_at, demo) " +
                              "VALUES ('enterprises', NULL, 'written-on-the-primary.xlsx', 3, now(), false)");
        Assert.Equal(1L, await PrimarySqlAsync("SELECT count(*) FROM import_runs WHERE file_name = 'written-on-the-primary.xlsx'"));
        Assert.DoesNotContain("written-on-the-primary.xlsx", await admin.GetStringAsync("/api/v1/data-notes"));
        await StandbySqlAsync("SELECT pg_wal_replay_resume()");
        await Until(async () => (await admin.GetStringAsync("/api/v1/data-notes")).Contains("written-on-the-primary.xlsx", StringComparison.Ordinal));

        // Every standby endpoint answers on the standby (no write hides in one: a standby refuses it).
        var samples = EndpointSamples.Mapped(app.Services)
            .Where(e => DatabaseRoutes.Table.GetValueOrDefault(DatabaseRoutes.Key(e.Method, e.Pattern)) == DatabaseTarget.Standby).ToList();
        Assert.True(samples.Count >= 30, $"only {samples.Count} standby endpoints");
        foreach (var (_, pattern) in samples)
        {
            using var answer = await admin.GetAsync(EndpointSamples.Url(pattern, 1));
            Assert.True((int)answer.StatusCode < 500, $"{pattern}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        // 2. Both servers answer: ready and Healthy, the metrics show the replica's lag.
        var ready = await ReadyAsync(admin);
        Assert.Equal(("Healthy", true, true), (ready.Status, ready.PrimaryReachable, ready.StandbyReachable ?? false));
        // (The exporter serves a scrape for a moment from its cache: the gauges appear at the latest in the next.)
        var metrics = "";
        await Until(async () => (metrics = await admin.GetStringAsync("/metrics")).Contains("riskmap_replica_lag_seconds", StringComparison.Ordinal));
        Assert.Contains("riskmap_database_primary_up 1", metrics);
        Assert.Contains("riskmap_database_standby_up 1", metrics);
        Assert.Contains("riskmap_import_jobs_pending", metrics);
        Assert.Contains("http_server_request_duration_seconds_count{", metrics);
        Assert.Contains("db_client_connection_count", metrics);

        // 3. A write acknowledged before the failure (synchronous replication: flushed on the standby before the answer).
        using (var created = await admin.PostAsJsonAsync("/api/v1/users/", NewUser("before-failover")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // 4. The primary dies: reads answer from the standby, writes are 503 with Retry-After in the caller's language.
        app.Clusters.KillPrimary();
        using (var read = await admin.GetAsync("/api/v1/data-notes"))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using (var refused = await admin.PostAsJsonAsync("/api/v1/users/", NewUser("during-outage")))
        {
            Assert.True(HttpStatusCode.ServiceUnavailable == refused.StatusCode, $"{(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            Assert.Equal(TimeSpan.FromSeconds(DatabaseUnavailable.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(ReplicaProblemCodes.PrimaryUnavailable, problem.GetProperty("code").GetString());
            Assert.Equal("The database cannot take changes at the moment", problem.GetProperty("title").GetString());
        }
        using (var chinese = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users/") { Content = JsonContent.Create(NewUser("during-outage-2")) })
        {
            chinese.Headers.AcceptLanguage.Clear();
            chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
            using var refused = await admin.SendAsync(chinese);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(ReplicaProblemCodes.PrimaryUnavailable, problem.GetProperty("code").GetString());
            Assert.Equal("数据库主服务器暂时无法连接", problem.GetProperty("title").GetString());
        }
        await Until(async () => await ReadyAsync(admin) is { Status: "Degraded", PrimaryReachable: false, StandbyReachable: true });
        using (var live = await admin.GetAsync("/health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        // 5. The standby is promoted: writes succeed without restarting the service; nothing refused was written, the
        //    write acknowledged before the failure is there.
        await app.Clusters.Standby.PromoteAsync();
        await Until(async () =>
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/users/", NewUser("after-promotion"));
            return created.StatusCode == HttpStatusCode.Created;
        });
        Assert.Equal(new List<string> { "after-promotion", "before-failover" }, await UserNamesOnStandbyAsync());
    }

    private static object NewUser(string userName)
        => new { userName, displayName = userName, password = RiskMapApp.Password, role = "DistrictLeader" };

    private static async Task<ReadinessReport> ReadyAsync(HttpClient client)
    {
        using var answer = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<ReadinessReport>())!;
    }

    private async Task<List<string>> UserNamesOnStandbyAsync()
    {
        await using var connection = new NpgsqlConnection(app.Clusters.Standby.ConnectionString("riskmap"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT user_name FROM users WHERE user_name IN ('before-failover', 'during-outage', 'during-outage-2', 'after-promotion') ORDER BY 1", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private Task<object?> PrimarySqlAsync(string sql) => SqlAsync(app.Clusters.Primary, sql);

    private Task<object?> StandbySqlAsync(string sql) => SqlAsync(app.Clusters.Standby, sql);

    private static async Task<object?> SqlAsync(LocalPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("riskmap"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms for up to 20 seconds; fails when it never holds.</summary>
    private static async Task Until(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the condition did not hold within 20 seconds");
            await Task.Delay(200);
        }
    }
}
