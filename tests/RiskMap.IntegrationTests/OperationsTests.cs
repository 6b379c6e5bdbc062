using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Hosting;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Where the service's database comes from: a connection string, or in Development the running embedded cluster — never one it starts.</summary>
public sealed class DatabaseSettingsTests
{
    private static WebApplication Build(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, WebRootPath = RiskMapPaths.WebRoot });
        builder.Configuration["ConnectionStrings:RiskMap"] = "";
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddRiskMap();
        return builder.Build();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_without_a_connection_string_the_start_stops_saying_what_to_set(string environment)
    {
        await using var app = Build(environment);
        var e = await Assert.ThrowsAsync<DatabaseNotConfiguredException>(() => app.InitializeRiskMapDatabaseAsync());
        Assert.Contains("ConnectionStrings__RiskMap", e.Message);
        Assert.Contains($"environment {environment}", e.Message);
        Assert.Contains("./scripts/run.sh", e.Message);
    }

    [Fact]
    public async Task In_development_without_a_connection_string_and_no_embedded_cluster_running_the_start_names_db_start_and_starts_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("riskmap-no-cluster-");
        try
        {
            await using var app = Build("Development", ("RiskMap:Database:LocalClusterDirectory", folder.FullName));
            var e = await Assert.ThrowsAsync<DatabaseNotConfiguredException>(() => app.InitializeRiskMapDatabaseAsync());
            Assert.Contains("db start", e.Message);
            Assert.Contains(folder.FullName, e.Message);
            Assert.Empty(folder.EnumerateFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Demo_data_is_off_unless_asked_for_with_the_demo_flag()
    {
        static bool Seeds(string[] args)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = DemoSwitch.Apply(args), WebRootPath = RiskMapPaths.WebRoot });
            builder.AddRiskMap();
            using var app = builder.Build();
            return app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemoData;
        }

        Assert.False(Seeds([]));
        Assert.False(Seeds(["--urls", "http://127.0.0.1:5999"]));
        Assert.True(Seeds(["--demo"]));
        Assert.True(Seeds(["--urls", "http://127.0.0.1:5999", "--demo"]));
    }

    [Fact]
    public void The_json_log_format_is_chosen_by_its_setting_and_a_wrong_value_stops_the_start()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = RiskMapPaths.WebRoot });
        builder.Configuration[RequestLogging.FormatKey] = "json";
        builder.AddRiskMap();
        using (var app = builder.Build())
        {
            Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
            Assert.True(app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
        }

        var wrong = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = RiskMapPaths.WebRoot });
        wrong.Configuration[RequestLogging.FormatKey] = "xml";
        Assert.Contains(RequestLogging.FormatKey, Assert.Throws<InvalidSettingException>(() => wrong.AddRiskMap()).Message);
    }
}

/// <summary>The demo district is marked demo, and the data notes (the page's 演示数据 label) say so.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class DemoMarkingTests(DemoApp demo)
{
    [Fact]
    public async Task The_demo_district_is_marked_demo_and_the_data_notes_say_so()
    {
        Assert.Equal(true, await demo.ScalarAsync("SELECT demo FROM districts WHERE code = '431103'"));
        var notes = await (await demo.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>("/api/v1/data-notes");
        Assert.True(notes.GetProperty("demoRecords").GetBoolean());
    }
}

/// <summary>An empty database holds nothing marked demo.</summary>
[Collection(ReadOnlyEmptyCollection.Name)]
public sealed class NoDemoMarkingTests(EmptyApp empty)
{
    [Fact]
    public async Task An_empty_database_says_nothing_of_demo_records()
    {
        var notes = await (await empty.ClientForAsync("admin")).GetFromJsonAsync<JsonElement>("/api/v1/data-notes");
        Assert.False(notes.GetProperty("demoRecords").GetBoolean());
    }
}

/// <summary>The demo accounts exist only with the demo district and name only townships that exist.</summary>
public sealed class DemoAccountsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Demo_accounts_come_only_with_the_demo_district_and_name_only_townships_that_exist(bool demo)
    {
        // A database holding district 431103 with only two of the demo's townships (one of inspector-1's, one of inspector-3's)
        // and no account yet: a real district of that code (not demo) gets no demo account; a demo one gets them, each
        // township list cut to what exists.
        var (name, connectionString) = await TestCluster.CopyDatabaseAsync("demoaccounts", await DatabaseTemplate.GetAsync(false));
        try
        {
            var created = await OfflineHost.RunAsync(async services =>
            {
                var db = services.GetRequiredService<RiskMapDbContext>();
                await db.Database.ExecuteSqlRawAsync("DELETE FROM users");
                var import = new ImportService(db);
                var box = TownshipAssignmentTests.Box(111.5, 26.3, 111.7, 26.5);
                await import.ImportDistrictAsync(DemoAccounts.DemoDistrict, "冷水滩区", box, "test", default);
                await import.ReplaceTownshipsAsync(DemoAccounts.DemoDistrict,
                [
                    new TownshipBoundary(1, "431103101", "甲镇", Api.Domain.TownshipKind.Town, TownshipAssignmentTests.Box(111.5, 26.3, 111.6, 26.5), true, null),
                    new TownshipBoundary(2, "431103001", "乙街道", Api.Domain.TownshipKind.Subdistrict, TownshipAssignmentTests.Box(111.6, 26.3, 111.7, 26.5), true, null),
                ], default);
                if (demo) await DemoDataLoader.MarkDemoAsync(db, [DemoAccounts.DemoDistrict], default);
                var names = await services.GetRequiredService<DemoAccounts>().EnsureAsync(default);
                var assigned = await db.UserTownships.Join(db.Users, t => t.UserId, u => u.Id, (t, u) => u.UserName + ":" + t.TownshipCode).ToListAsync();
                return (names, assigned);
            }, connectionString, [new("RiskMap:Database:CreateAccounts", "false"), new("RISKMAP_DEMO_PASSWORD", RiskMapApp.Password)]);

            if (!demo)
            {
                Assert.Equal(["admin"], created.names);
                return;
            }
            Assert.Contains("leader", created.names);
            Assert.Equal(["chief-431103001", "chief-431103101", "inspector-1", "inspector-3"],
                created.names.Where(n => n.StartsWith("chief-", StringComparison.Ordinal) || n.StartsWith("inspector-", StringComparison.Ordinal)).Order());
            Assert.Equal(["chief-431103001:431103001", "chief-431103101:431103101", "inspector-1:431103101", "inspector-3:431103001"], created.assigned.Order());
        }
        finally
        {
            await (await TestCluster.GetAsync()).DropDatabaseAsync(name);
        }
    }
}

/// <summary>db backup → db restore on a fresh database: the same rows and the same campaign figures; a difference is named.</summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_has_the_same_row_counts_and_campaign_figures()
    {
        var cluster = await TestCluster.GetAsync();
        var (source, sourceConnection) = await TestCluster.CopyDatabaseAsync("backupsource", await DatabaseTemplate.GetAsync(true));
        var (target, targetConnection) = await TestCluster.CreateDatabaseAsync("backuptarget");
        var folder = Directory.CreateTempSubdirectory("riskmap-backup-");
        var file = Path.Combine(folder.FullName, "riskmap.dump");
        try
        {
            var manifest = await DatabaseBackup.BackupAsync(sourceConnection, file);
            Assert.True(File.Exists(file + DatabaseBackup.ManifestSuffix));
            // The published figures of the demo campaign (DOMAIN.md) are among those recorded.
            var figures = manifest.Statistics["431103"];
            Assert.True(figures.GetProperty("majorHazards").GetProperty("found").GetInt32() > 0);
            Assert.Equal(2013, manifest.Rows["enterprises"]);
            Assert.True(manifest.Rows["attachment_blobs"] > 0, "attachments live in the database and are backed up with it");

            Assert.Empty(await DatabaseBackup.RestoreAsync(targetConnection, file));
            await using (var restored = new Npgsql.NpgsqlConnection(targetConnection))
            {
                await restored.OpenAsync();
                await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hazards WHERE level = 'Major'", restored);
                await using var before = new Npgsql.NpgsqlConnection(sourceConnection);
                await before.OpenAsync();
                await using var countBefore = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hazards WHERE level = 'Major'", before);
                Assert.Equal(await countBefore.ExecuteScalarAsync(), await count.ExecuteScalarAsync());
            }

            // A database that is not empty is refused, nothing written.
            var refused = await Assert.ThrowsAsync<DatabaseBackupException>(() => DatabaseBackup.RestoreAsync(targetConnection, file));
            Assert.Contains("already holds tables", refused.Message);

            // Differences are named: one count and one figure changed.
            var changedRows = new SortedDictionary<string, long>(manifest.Rows) { ["hazards"] = manifest.Rows["hazards"] + 1 };
            var node = System.Text.Json.Nodes.JsonNode.Parse(figures.GetRawText())!;
            node["majorHazards"]!["found"] = figures.GetProperty("majorHazards").GetProperty("found").GetInt32() - 1;
            var changedFigures = new SortedDictionary<string, JsonElement>(manifest.Statistics) { ["431103"] = JsonSerializer.SerializeToElement(node) };
            var differences = DatabaseBackup.Compare(manifest with { Rows = changedRows, Statistics = changedFigures }, manifest);
            Assert.Equal(2, differences.Count);
            Assert.Contains($"table hazards: {manifest.Rows["hazards"] + 1} in the backup, {manifest.Rows["hazards"]} restored", differences);
            Assert.Contains(differences, d => d.StartsWith("statistics of district 431103, majorHazards.found:", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
            await cluster.DropDatabaseAsync(source);
            await cluster.DropDatabaseAsync(target);
        }
    }
}

/// <summary>The service with its log lines captured with their scopes.</summary>
public sealed class LoggedApp : RiskMapApp
{
    /// <summary>Captured lines: category, message and the TraceId scope value (null when none).</summary>
    public ConcurrentQueue<(string Category, string Message, string? TraceId)> Lines { get; } = new();

    /// <inheritdoc />
    protected override bool SeedDemo => false;

    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("Logging:LogLevel:Microsoft.AspNetCore", "Information")];

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new ScopeCapturingProvider(Lines)));
    }

    private sealed class ScopeCapturingProvider(ConcurrentQueue<(string, string, string?)> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ScopeCapturingProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                string? traceId = null;
                provider._scopes.ForEachScope((scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                        foreach (var (key, value) in values)
                            if (key == "TraceId") traceId = value?.ToString();
                }, 0);
                provider.Lines(category, formatter(state, exception), traceId);
            }
        }

        private void Lines(string category, string message, string? traceId) => lines.Enqueue((category, message, traceId));
    }
}

/// <summary>
/// One request id per request: in the <c>X-Request-Id</c> header of every answer of every endpoint, in the <c>traceId</c>
/// of every problem, and in every log line written while serving the request.
/// </summary>
public sealed partial class RequestIdTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceIdPattern();

    [Fact]
    public async Task Every_endpoint_answers_with_a_request_id_and_its_problems_carry_the_same_id_as_trace_id()
    {
        var client = app.CreateClient();
        var endpoints = EndpointSamples.Mapped(app.Services).ToList();
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} endpoints found");
        var problems = 0;
        var seen = new HashSet<string>();
        foreach (var (method, pattern) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), EndpointSamples.Url(pattern, 1));
            using var response = await client.SendAsync(request);
            var id = Assert.Single(response.Headers.GetValues(RequestLogging.Header));
            Assert.Matches(TraceIdPattern(), id);
            Assert.True(seen.Add(id), $"{method} {pattern}: request id {id} was used before");
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") continue;
            problems++;
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.TryGetProperty("traceId", out var traceId), $"{method} {pattern}: no traceId");
            Assert.Equal(id, traceId.GetString());
        }
        // Anonymous calls: most answers are problems (401, 400), so the class is really exercised.
        Assert.True(problems > endpoints.Count / 2, $"only {problems} problems among {endpoints.Count} answers");
    }

    [Fact]
    public async Task A_trace_given_by_a_proxy_is_continued_and_every_log_line_of_the_request_carries_its_id()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/districts");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "rmk_not-a-token");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(traceId, Assert.Single(response.Headers.GetValues(RequestLogging.Header)));
        Assert.Equal(traceId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString());

        // Request start, the failed authentication or authorization, request end: each line of the request names it.
        var lines = app.Lines.Where(l => l.TraceId == traceId).ToList();
        Assert.Contains(lines, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Message.Contains("Request starting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Message.Contains("Request finished", StringComparison.Ordinal));
        Assert.True(lines.Count >= 3, string.Join('\n', lines));
        var requestLines = app.Lines.Where(l => l.Message.Contains("/api/v1/districts", StringComparison.Ordinal)).ToList();
        Assert.All(requestLines, l => Assert.NotNull(l.TraceId));
    }
}
