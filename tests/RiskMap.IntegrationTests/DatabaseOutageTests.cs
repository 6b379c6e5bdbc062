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
/// The service on a PostgreSQL cluster of its own (not the shared <see cref="TestCluster"/>, whose server the other test
/// classes use meanwhile), started by the test in a temporary folder, so that its server can be killed.
/// </summary>
public abstract class OwnClusterApp : RiskMapApp
{
    private LocalPostgresCluster? _cluster;

    /// <summary>The cluster's folder.</summary>
    protected DirectoryInfo Root { get; } = Directory.CreateTempSubdirectory("riskmap-outage-");

    /// <summary>The test's handle on the cluster (with the embedded set-up the service holds its own).</summary>
    public LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started yet.");

    /// <summary>What the service logged, with <see cref="Stopwatch.GetTimestamp"/> times.</summary>
    public ConcurrentQueue<(long At, LogLevel Level, string Category, string Message)> Logs { get; } = new();

    /// <inheritdoc />
    protected override async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        // Durable like a real one: with synchronous commit off, a SIGKILL loses commits the service was told had
        // happened (a session just started, so the next request after the restart would be a 401).
        _cluster = await LocalPostgresCluster.StartAsync(Root.FullName, durable: true);
        await _cluster.EnsureDatabaseAsync("riskmap");
        return ("riskmap", _cluster.ConnectionString("riskmap"));
    }

    /// <summary>Kills the server's postmaster (SIGKILL) and returns its pid.</summary>
    public int KillServer()
    {
        var postmaster = Cluster.RunningServerPid() ?? throw new InvalidOperationException("The cluster is not running.");
        Process.GetProcessById(postmaster).Kill();
        return postmaster;
    }

    /// <inheritdoc />
    protected override async Task DropDatabaseAsync()
    {
        // The service stops the server it restarted; this stops the one the test started (if still that one).
        if (_cluster is not null) await _cluster.StopAsync();
        try
        {
            Root.Delete(recursive: true);
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
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    /// <summary>Keeps log lines of level Information and above in <paramref name="logs"/>.</summary>
    private protected sealed class CapturingLogger(string category, ConcurrentQueue<(long, LogLevel, string, string)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.Enqueue((Stopwatch.GetTimestamp(), logLevel, category, formatter(state, exception)));
        }
    }
}

/// <summary>
/// The demo district in an embedded cluster: the service (Development, no connection string) attaches to the test's
/// cluster as it does to the one <c>RiskMap.Cli db start</c> started, and a <see cref="LocalClusterWatcher"/> looks every
/// second, as <c>RiskMap.Cli db watch</c> does beside the service under <c>./scripts/run.sh</c> (here in the test's process,
/// so that after a restart it also empties the service's connection pools).
/// </summary>
public sealed class EmbeddedClusterApp : OwnClusterApp
{
    private readonly CancellationTokenSource _stopWatching = new();
    private Task? _watching;

    /// <inheritdoc />
    protected override bool SeedDemo => true;

    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        // No connection string: the service attaches to the embedded cluster running in this folder.
        ("ConnectionStrings:RiskMap", ""),
        ("RiskMap:Database:LocalClusterDirectory", Root.FullName),
    ];

    /// <inheritdoc />
    protected override async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        var database = await base.CreateDatabaseAsync();
        var watcher = new LocalClusterWatcher(Cluster, new CapturingLogger("RiskMap.Cli.DbWatch", Logs));
        _watching = watcher.WatchAsync(TimeSpan.FromSeconds(1), () => DatabaseUnavailable.ClearPools(Services), _stopWatching.Token);
        return database;
    }

    /// <inheritdoc />
    protected override async Task DropDatabaseAsync()
    {
        await _stopWatching.CancelAsync();
        if (_watching is not null) await _watching;
        await base.DropDatabaseAsync();
    }
}

/// <summary>An empty schema on a database server named by a connection string, as with one's own database: nobody but the test restarts it.</summary>
public sealed class ConfiguredServerApp : OwnClusterApp
{
    /// <inheritdoc />
    protected override bool SeedDemo => false;
}

/// <summary>
/// kill -9 of the PostgreSQL postmaster under load: every request that needs the database answers 503 with
/// <c>Retry-After</c> and a message in the caller's language (never 500), the page's files are still served, the
/// watcher (<c>db watch</c>) restarts the cluster, and every request made after that succeeds; an import running at that moment
/// fails, writes nothing and says why. Each test is bounded: 30 s for the recovery, a minute for the import.
/// </summary>
public sealed class DatabaseOutageTests(EmbeddedClusterApp app, ITestOutputHelper output) : IClassFixture<EmbeddedClusterApp>
{
    private const string ChineseTitle = "数据库暂时无法访问";
    private const string EnglishTitle = "The database is temporarily unavailable";

    private sealed record Sample(string Target, long Start, long End, int Status, string? RetryAfter, string? ContentType, string Body);

    [Fact]
    public async Task Under_load_a_killed_database_gives_503s_with_retry_after_never_500_and_everything_answers_again_after_the_restart()
    {
        await WaitUntilHealthyAsync();
        var health = Speaking(app.CreateClient(), "zh-CN");
        var page = Speaking(app.CreateClient(), "zh-CN");
        var reader = Speaking(await app.ClientForAsync("leader"), "zh-CN");
        var signIn = Speaking(app.CreateClient(), "en");
        var token = await app.TokenForAsync("leader");
        var gis = Speaking(app.CreateClient(), "zh-CN");
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
        var postmaster = app.KillServer();

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
            app.KillServer();

            while (job.GetProperty("state").GetString() is "Queued" or "Running")
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"The import did not end after the kill: {job}");
                await Task.Delay(50);
                // Signed-in requests look their session up in the database: while it is down the poll itself is a 503
                // (with Retry-After), and answers again once the watcher has restarted the server.
                using var poll = await chinese.GetAsync(location);
                if (poll.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.NotNull(poll.Headers.RetryAfter);
                    continue;
                }
                poll.EnsureSuccessStatusCode();
                job = await poll.Content.ReadFromJsonAsync<JsonElement>();
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

    private Task WaitUntilHealthyAsync() => WaitForHealthAsync(app, HttpStatusCode.OK);

    /// <summary>Waits (at most 30 s) until <paramref name="path"/> (default /health) answers <paramref name="status"/>.</summary>
    internal static async Task WaitForHealthAsync(RiskMapApp app, HttpStatusCode status, string path = "/health")
    {
        using var client = app.CreateClient();
        var clock = Stopwatch.StartNew();
        while ((await client.GetAsync(path)).StatusCode != status)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{path} did not answer {(int)status} within 30 s.");
            await Task.Delay(200);
        }
    }

    internal static HttpClient Speaking(HttpClient client, string language)
    {
        // Test clients ask for English unless told otherwise (RiskMapApp.ConfigureClient).
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
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

/// <summary>
/// Every endpoint the service maps (from its endpoint data source), signed in and anonymous, while the database server
/// is dead: none answers 500; each answers as with the database up or 503 with <c>Retry-After</c>; and once the server is
/// back (restarted by the test: a configured database has no watcher) every endpoint answers exactly as before.
/// </summary>
public sealed class DatabaseDownEndpointTests(ConfiguredServerApp app) : IClassFixture<ConfiguredServerApp>
{
    [Fact]
    public async Task With_the_database_dead_no_endpoint_answers_500_and_all_answer_as_before_once_it_is_back()
    {
        var signedIn = DatabaseOutageTests.Speaking(await app.ClientForAsync("admin"), "zh-CN");
        var anonymous = DatabaseOutageTests.Speaking(app.CreateClient(), "en");
        var endpoints = EndpointSamples.Mapped(app.Services).Where(e => e.Pattern != "/api/v1/auth/logout").ToList();
        var up = await SweepAsync(signedIn, endpoints);
        Assert.Empty(up.Where(a => a.Value.Status >= 500).Select(a => $"{a.Key}: {a.Value.Status}"));

        app.KillServer();
        await DatabaseOutageTests.WaitForHealthAsync(app, HttpStatusCode.ServiceUnavailable);
        var failures = new List<string>();
        foreach (var (caller, client) in new[] { ("admin", signedIn), ("anonymous", anonymous) })
        {
            var down = await SweepAsync(client, endpoints);
            var before = caller == "admin" ? up : null;
            foreach (var (endpoint, answer) in down)
            {
                if (answer.Status == 503)
                {
                    if (answer.RetryAfter != "5") failures.Add($"{caller} {endpoint}: 503 without Retry-After: 5");
                    // The health checks answer their own report (/health text, /health/ready JSON), not a problem.
                    if (!endpoint.Contains(" /health", StringComparison.Ordinal) && !answer.Body.Contains("\"code\":\"database.unavailable\"", StringComparison.Ordinal))
                        failures.Add($"{caller} {endpoint}: 503 that is not the database's problem: {answer.Body}");
                }
                else if (answer.Status >= 500 || before is not null && answer.Status != before[endpoint].Status)
                {
                    failures.Add($"{caller} {endpoint}: {answer.Status} (with the database up {before?[endpoint].Status}): {answer.Body[..Math.Min(300, answer.Body.Length)]}");
                }
            }
            // Reading data needs the database: these at least must have said so.
            foreach (var endpoint in new[] { "GET /api/v1/districts/", "GET /api/v1/townships/choropleth", "POST /api/v1/auth/login" })
                if (caller == "admin" && down[endpoint].Status != 503) failures.Add($"{caller} {endpoint}: {down[endpoint].Status}, expected 503");
        }
        Assert.Empty(failures);
        // A client that takes no JSON gets the same 503 and message as text.
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/api/v1/districts/");
        plain.Headers.Accept.ParseAdd("text/plain");
        using var text = await signedIn.SendAsync(plain);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "text/plain", "5"),
            (text.StatusCode, text.Content.Headers.ContentType?.MediaType, text.Headers.RetryAfter?.ToString()));
        Assert.StartsWith("数据库暂时无法访问: ", await text.Content.ReadAsStringAsync());

        await RestartAsync();
        await DatabaseOutageTests.WaitForHealthAsync(app, HttpStatusCode.OK);
        // Readiness keeps its sample for a second (DatabaseReadiness): it may still say what it saw during the outage. A
        // load balancer waits for it; so does the sweep, which then expects every answer as before.
        await DatabaseOutageTests.WaitForHealthAsync(app, HttpStatusCode.OK, "/health/ready");
        var after = await SweepAsync(signedIn, endpoints);
        Assert.Equal(up.ToDictionary(a => a.Key, a => a.Value.Status), after.ToDictionary(a => a.Key, a => a.Value.Status));
    }

    /// <summary>Starts the killed server again; the first tries fail while processes of the dead one linger (at most 30 s).</summary>
    private async Task RestartAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await app.Cluster.RestartAsync();
                return;
            }
            catch (LocalPostgresException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>One request to each endpoint: "{}" as the body of a write, the real password for sign-in.</summary>
    private static async Task<Dictionary<string, (int Status, string? RetryAfter, string Body)>> SweepAsync(HttpClient client,
        IEnumerable<(string Method, string Pattern)> endpoints)
    {
        var answers = new Dictionary<string, (int, string?, string)>();
        foreach (var (method, pattern) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), EndpointSamples.Url(pattern, 1));
            if (method is "POST" or "PUT")
                request.Content = pattern == "/api/v1/auth/login"
                    ? JsonContent.Create(new { userName = "admin", password = RiskMapApp.Password })
                    : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            answers[$"{method} {pattern}"] = ((int)response.StatusCode, response.Headers.RetryAfter?.ToString(), await response.Content.ReadAsStringAsync());
        }
        return answers;
    }
}
