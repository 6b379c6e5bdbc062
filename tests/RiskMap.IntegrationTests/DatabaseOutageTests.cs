using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using RiskMap.Api.Hosting;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The service on the demo district in an embedded cluster of its own (not the shared <see cref="TestCluster"/>, whose
/// server the other test classes use meanwhile): the test starts a cluster in a temporary folder, the service attaches
/// to it as <c>./scripts/run.sh</c> does to <c>.riskmap/postgres</c>, and its <see cref="LocalClusterWatcher"/> looks
/// every second.
/// </summary>
public sealed class OwnClusterApp : RiskMapApp
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("riskmap-outage-");
    private LocalPostgresCluster? _cluster;

    /// <inheritdoc />
    protected override bool SeedDemo => true;

    /// <summary>The test's handle on the cluster (the service holds its own).</summary>
    public LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started yet.");

    /// <summary>What the service logged, with <see cref="Stopwatch.GetTimestamp"/> times.</summary>
    public ConcurrentQueue<(long At, LogLevel Level, string Category, string Message)> Logs { get; } = new();

    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        // No connection string: the service uses (here: attaches to) the embedded cluster in this folder, and watches it.
        ("ConnectionStrings:RiskMap", ""),
        ("RiskMap:Database:LocalClusterDirectory", _root.FullName),
        ("RiskMap:Database:LocalClusterWatchSeconds", "1"),
    ];

    /// <inheritdoc />
    protected override async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        _cluster = await LocalPostgresCluster.StartAsync(_root.FullName, durable: false);
        // The service creates this database itself at start-up, as in the embedded set-up.
        return ("riskmap", _cluster.ConnectionString("riskmap"));
    }

    /// <inheritdoc />
    protected override async Task DropDatabaseAsync()
    {
        // The service stops the server it restarted; this stops the one the test started (if still that one).
        if (_cluster is not null) await _cluster.StopAsync();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in /tmp is harmless.
        }
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<(long, LogLevel, string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(long, LogLevel, string, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) logs.Enqueue((Stopwatch.GetTimestamp(), logLevel, category, formatter(state, exception)));
            }
        }
    }
}

/// <summary>
/// kill -9 of the PostgreSQL postmaster under load: every request that needs the database answers 503 with
/// <c>Retry-After</c> and a message in the caller's language (never 500), the page's files are still served, the
/// service restarts the cluster by itself, and every request made after that succeeds; an import running at that moment
/// fails, writes nothing and says why. Each test is bounded: 30 s for the recovery, a minute for the import.
/// </summary>
public sealed class DatabaseOutageTests(OwnClusterApp app, ITestOutputHelper output) : IClassFixture<OwnClusterApp>
{
    private const string ChineseTitle = "数据库暂时无法访问";
    private const string EnglishTitle = "The database is temporarily unavailable";

    private sealed record Sample(string Target, long Start, long End, int Status, string? RetryAfter, string? ContentType, string Body);

    [Fact]
    public async Task Under_load_a_killed_database_gives_503s_with_retry_after_never_500_and_everything_answers_again_after_the_restart()
    {
        await WaitUntilHealthyAsync();
        var health = app.CreateClient();
        var page = app.CreateClient();
        var reader = Speaking(await app.ClientForAsync("leader"), "zh-CN");
        var signIn = Speaking(app.CreateClient(), "en");
        var token = await app.TokenForAsync("leader");
        var gis = app.CreateClient();
        gis.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var login = JsonContent.Create(new { userName = "admin", password = RiskMapApp.Password });
        await login.LoadIntoBufferAsync();

        var targets = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("health", () => health.GetAsync("/health")),
            ("page", () => page.GetAsync("/")),
            ("districts", () => reader.GetAsync("/api/v1/districts")),
            ("login", () => signIn.PostAsync("/api/v1/auth/login", login)),
            ("ogc", () => gis.GetAsync("/ogc/collections/townships/items?limit=1")),
        };
        var samples = new ConcurrentQueue<Sample>();
        using var stop = new CancellationTokenSource();
        var load = targets.Select(t => Task.Run(() => LoadAsync(t.Name, t.Send, samples, stop.Token))).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var killed = Stopwatch.GetTimestamp();
        var postmaster = app.Cluster.RunningServerPid() ?? throw new InvalidOperationException("The cluster is not running.");
        Process.GetProcessById(postmaster).Kill();

        // The watcher restarts the server; the bound is the 30 s from the kill.
        long? restarted = null;
        while (restarted is null && Stopwatch.GetElapsedTime(killed) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            restarted = app.Logs.Where(l => l.At > killed && l.Message.StartsWith("Restarted the PostgreSQL server", StringComparison.Ordinal))
                .Select(l => (long?)l.At).FirstOrDefault();
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = samples.ToList();
        if (restarted is { } at)
            output.WriteLine($"restarted {Stopwatch.GetElapsedTime(killed, at).TotalSeconds:F1} s after the kill; {Summary(all)}");
        Assert.True(restarted is not null, $"The cluster was not restarted within 30 s of the kill. Log:\n{string.Join('\n', app.Logs.Select(l => l.Message).TakeLast(20))}");
        Assert.NotEqual(postmaster, app.Cluster.RunningServerPid());
        Assert.Contains(app.Logs, l => l.Level == LogLevel.Error && l.Message.Contains($"postmaster pid {postmaster} gone", StringComparison.Ordinal));

        // Never anything but 200 and 503; the page's files always 200.
        var wrong = all.Where(s => s.Status is not (200 or 503) || s.Target == "page" && s.Status != 200).ToList();
        Assert.True(wrong.Count == 0, "Unexpected answers:\n" + string.Join('\n', wrong.Take(10).Select(Describe)));
        Assert.All(all.Where(s => s.End < killed), s => Assert.Equal(200, s.Status));

        // While it was down: 503 with Retry-After on every target that needs the database, a problem in the caller's language.
        var outage = all.Where(s => s.Status == 503).ToList();
        foreach (var target in new[] { "health", "districts", "login", "ogc" })
            Assert.True(outage.Any(s => s.Target == target), $"no 503 seen for {target}: {Summary(all)}");
        Assert.All(outage, s => Assert.Equal(DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), s.RetryAfter));
        Assert.All(outage.Where(s => s.Target != "health"), s =>
        {
            Assert.Equal("application/problem+json", s.ContentType);
            var problem = JsonDocument.Parse(s.Body).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal(DatabaseUnavailableExceptionHandler.Code, problem.GetProperty("code").GetString());
            Assert.Equal(s.Target == "login" ? EnglishTitle : ChineseTitle, problem.GetProperty("title").GetString());
        });

        // Every request made after the restart succeeds: no connection of the dead server is handed out again.
        var after = all.Where(s => s.Start > restarted!.Value).ToList();
        Assert.All(targets, t => Assert.True(after.Any(s => s.Target == t.Name), $"no request to {t.Name} after the restart: {Summary(after)}"));
        Assert.True(after.All(s => s.Status == 200), "After the restart:\n" + string.Join('\n', after.Where(s => s.Status != 200).Take(10).Select(Describe)));
    }

    [Fact]
    public async Task An_import_running_when_the_database_dies_fails_writes_nothing_and_says_why_in_the_callers_language()
    {
        await WaitUntilHealthyAsync();
        const string district = "431197";
        await CreateTwoTownshipsAsync(app, district);
        var path = Path.GetTempFileName();
        try
        {
            ImportTests.WriteLargeCsv(path, district, 150_000);
            var chinese = Speaking(await app.ClientForAsync("admin"), "zh-CN");
            var english = Speaking(await app.ClientForAsync("admin"), "en");
            var upload = await ImportApiTests.UploadAsync(chinese, "large.csv", await File.ReadAllBytesAsync(path));
            var started = await chinese.PostAsJsonAsync("/api/v1/imports/enterprises",
                new { uploadId = upload.GetProperty("id").GetString(), crs = "wgs84", district });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var location = started.Headers.Location!.ToString();

            // Kill the server once the import is writing its rows (inside its transaction).
            var clock = Stopwatch.StartNew();
            JsonElement job;
            do
            {
                job = await chinese.GetFromJsonAsync<JsonElement>(location);
                Assert.True(job.GetProperty("state").GetString() is "Queued" or "Running", $"The import ended before the kill: {job}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"The import did not get going: {job}");
            }
            while (job.GetProperty("progress").GetProperty("rows").GetInt32() < 1000 && await Delay());
            Process.GetProcessById(app.Cluster.RunningServerPid()!.Value).Kill();

            while (job.GetProperty("state").GetString() is "Queued" or "Running")
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"The import did not end after the kill: {job}");
                await Task.Delay(50);
                job = await chinese.GetFromJsonAsync<JsonElement>(location);
            }
            Assert.Equal("Failed", job.GetProperty("state").GetString());
            Assert.Equal("导入过程中数据库无法访问，本次导入没有写入任何数据。请在数据库恢复后重新导入。", job.GetProperty("failure").GetString());
            Assert.Equal("The database became unreachable during the import; nothing was written. Run the import again once the database is back.",
                (await english.GetFromJsonAsync<JsonElement>(location)).GetProperty("failure").GetString());

            await WaitUntilHealthyAsync();
            Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE substr(credit_code, 3, 6) = '{district}'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(20);
        return true;
    }

    /// <summary>Waits (at most 30 s) until /health answers 200, e.g. after the previous test's outage.</summary>
    private async Task WaitUntilHealthyAsync()
    {
        using var client = app.CreateClient();
        var clock = Stopwatch.StartNew();
        while ((await client.GetAsync("/health")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "The database did not come back within 30 s.");
            await Task.Delay(200);
        }
    }

    private static HttpClient Speaking(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static async Task LoadAsync(string target, Func<Task<HttpResponseMessage>> send, ConcurrentQueue<Sample> samples, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await send();
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                samples.Enqueue(new Sample(target, start, Stopwatch.GetTimestamp(), (int)response.StatusCode,
                    response.Headers.RetryAfter?.ToString(), response.Content.Headers.ContentType?.MediaType, body));
            }
            catch (HttpRequestException e)
            {
                // The in-memory server lets an exception out only when it could not answer at all: a failure as well.
                samples.Enqueue(new Sample(target, start, Stopwatch.GetTimestamp(), -1, null, null, e.ToString()));
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static string Describe(Sample s) => $"{s.Target} {s.Status} retry-after={s.RetryAfter}: {s.Body[..Math.Min(s.Body.Length, 400)]}";

    private static string Summary(IEnumerable<Sample> samples)
        => string.Join(", ", samples.GroupBy(s => (s.Target, s.Status)).Select(g => $"{g.Key.Target} {g.Key.Status} × {g.Count()}"));
}
