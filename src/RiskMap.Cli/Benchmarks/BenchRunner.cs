using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Features.Ogc;
using RiskMap.Api.Features.Tiles;
using RiskMap.Api.Features.Townships;
using RiskMap.Api.Geo;
using RiskMap.Api.Hosting;
using RiskMap.Cli.DemoData;

namespace RiskMap.Cli.Benchmarks;

/// <summary>Options of <c>bench run</c>.</summary>
/// <param name="Cluster">Embedded cluster holding the loaded prefecture (unless ConnectionStrings__RiskMap is set).</param>
/// <param name="DataDirectory">The generated prefecture's files (for the import comparison).</param>
/// <param name="Rounds">Passes over each request list in the sequential comparisons.</param>
/// <param name="Seconds">Duration of each wrk load.</param>
/// <param name="Connections">wrk connections.</param>
/// <param name="AsOf">Day of every as-of query (the generated records end on 2022-12-31).</param>
/// <param name="Phases">Which comparisons to run: choropleth, tiles, ogc, import, bulletin.</param>
/// <param name="Password">The accounts' password (RISKMAP_DEMO_PASSWORD of the service's first start on this database).</param>
internal sealed record BenchOptions(string Cluster, string DataDirectory, int Rounds, int Seconds, int Connections, DateOnly AsOf,
    IReadOnlySet<string> Phases, string Password);

/// <summary>
/// The benchmark: the service in a process of its own (<see cref="BenchHost"/>) against a loaded prefecture, each
/// endpoint compared with its own SQL run directly through Npgsql in this process, on the same requests, in the same
/// run; wrk (another process) for throughput; MapServer for the OGC API side by side; the import path against plain
/// COPY of the same CSV. Prints ratios, not absolute targets; absolute times are printed for context only.
/// </summary>
internal sealed class BenchRunner(BenchOptions options, TextWriter output)
{
    private readonly List<string> _report = [];
    private (string Name, string Value) _cookie;
    private (string Name, string Value) _bearer;

    /// <summary>Password the benchmarked service gives its accounts at their first start (RISKMAP_DEMO_PASSWORD).</summary>
    public const string DefaultPassword = "Bench-Passw0rd-RiskMap";

    /// <summary>
    /// Signs in as the district leader <c>leader</c> (the service creates it at its first start on a database holding
    /// district 431103, with <see cref="BenchOptions.Password"/>): the session cookie is what the page sends (choropleth,
    /// tiles); a personal API token is what a GIS client sends (OGC API). Every measured request carries one of them,
    /// from this process and from wrk.
    /// </summary>
    private async Task SignInAsync(string origin)
    {
        var cookies = new CookieContainer();
        using var session = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = new Uri(origin) };
        using var login = await session.PostAsync("/api/v1/auth/login", JsonContent.Create(new { userName = "leader", password = options.Password }));
        if (!login.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as leader failed ({(int)login.StatusCode}): the accounts were made with another RISKMAP_DEMO_PASSWORD; pass it with --password.");
        using var created = await session.PostAsync("/api/v1/auth/tokens", JsonContent.Create(new { name = "bench", expiresInDays = 1 }));
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString()!;
        _cookie = ("Cookie", cookies.GetCookieHeader(new Uri(origin)));
        _bearer = ("Authorization", $"Bearer {token}");
    }

    private static HttpClient Client(string origin, (string Name, string Value) header)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, MaxConnectionsPerServer = 16 }) { BaseAddress = new Uri(origin) };
        client.DefaultRequestHeaders.TryAddWithoutValidation(header.Name, header.Value);
        return client;
    }

    /// <summary>Runs every comparison and prints the report.</summary>
    public Task<int> RunAsync() => OfflineHost.RunAsync(RunAsync, settings: PrefectureCommand.OfflineSettings(options.Cluster));

    private async Task<int> RunAsync(IServiceProvider services)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var connectionString = services.GetRequiredService<RiskMapDatabase>().ConnectionString;
        var counts = (await Api.Features.Sql.QueryAsync(dataSource, """
            SELECT (SELECT count(*) FROM townships) AS townships, (SELECT count(*) FROM enterprises) AS enterprises, (SELECT count(*) FROM hazards) AS hazards
            """, _ => { }, r => new[] { r.Get<long>("townships"), r.Get<long>("enterprises"), r.Get<long>("hazards") }, CancellationToken.None))[0];
        Line($"# RiskMap benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, " +
             $"{counts[0]:N0} townships, {counts[1]:N0} enterprises, {counts[2]:N0} hazards, asOf {options.AsOf:yyyy-MM-dd}");
        Line("");
        Line("| measure | service | baseline (same run) | ratio | target | result | service peak RSS |");
        Line("|---|---|---|---|---|---|---|");

        var port = MapServerHost.FreePort();
        var origin = $"http://127.0.0.1:{port}";
        using var service = StartService(connectionString, origin, options.Password);
        try
        {
            using (var health = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(origin) })
                await WaitForHealthAsync(health, service);
            await SignInAsync(origin);
            using var page = Client(origin, _cookie);
            using var gis = Client(origin, _bearer);
            var pid = service.Id;
            var work = Directory.CreateTempSubdirectory("riskmap-bench-").FullName;

            if (options.Phases.Contains("choropleth")) await ChoroplethAsync(page, dataSource, pid);
            if (options.Phases.Contains("tiles")) await TilesAsync(page, dataSource, pid, origin, work);
            if (options.Phases.Contains("ogc")) await OgcAsync(gis, dataSource, pid, origin, connectionString, work);
            if (options.Phases.Contains("import")) await ImportAsync(connectionString);
            if (options.Phases.Contains("bulletin")) await BulletinAsync(page, dataSource, pid);
            Directory.Delete(work, recursive: true);
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
        Line("");
        Line($"Load average at the end (1, 5, 15 min; other work on the machine shares its 2 cores): {File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => $"{a} {b}")}.");
        Line("The page's requests (choropleth, tiles) carry the leader's session cookie; the OGC API's carry a personal API token, as GIS clients send.");
        Line("Ratios are service time / baseline time over the same requests, alternating request by request (lower is better), " +
             "except import (service rows/s / COPY rows/s, higher is better) and MapServer (our requests/s / MapServer's).");
        return 0;
    }

    private async Task ChoroplethAsync(HttpClient http, NpgsqlDataSource dataSource, int pid)
    {
        var districts = await Api.Features.Sql.QueryAsync(dataSource, "SELECT code FROM districts ORDER BY code", _ => { }, r => r.Get<string>("code"),
            CancellationToken.None);
        var townships = (await Api.Features.Sql.QueryAsync(dataSource, "SELECT count(*) AS n FROM townships", _ => { }, r => r.Get<long>("n"),
            CancellationToken.None))[0];
        Measure.ResetPeak(pid);
        var (endpoint, sql) = await Measure.CompareAsync(districts, options.Rounds,
            ("endpoint", async d => await GetOkAsync(http, $"/api/v1/townships/choropleth?district={d}&asOf={options.AsOf:yyyy-MM-dd}")),
            ("npgsql", async d => await TownshipsQueries.ChoroplethAsync(dataSource, d, options.AsOf, null, null, CancellationToken.None)));
        var ratio = endpoint.Total / sql.Total;
        Line($"| choropleth, one district (~{townships / Math.Max(1, districts.Count):N0} townships), {districts.Count} districts × {options.Rounds} | mean {Measure.F(endpoint.Total / endpoint.Milliseconds.Count)} ms, " +
             $"p95 {Measure.F(endpoint.Percentile(95))} ms | mean {Measure.F(sql.Total / sql.Milliseconds.Count)} ms, p95 {Measure.F(sql.Percentile(95))} ms " +
             $"| {Measure.F(ratio, 2)} | ≤ 1.3 and p95 < 150 ms | {Verdict(ratio <= 1.3 && endpoint.Percentile(95) < 150)} | {Measure.F(Measure.PeakMiB(pid), 0)} MiB |");
    }

    /// <summary>
    /// The campaign bulletin (PDF) of the first two districts for January–September 2020 through the endpoint, against
    /// its queries run directly (<see cref="BulletinBaseline"/>); a district runs about one statistics query per township.
    /// </summary>
    private async Task BulletinAsync(HttpClient http, NpgsqlDataSource dataSource, int pid)
    {
        var districts = (await Api.Features.Sql.QueryAsync(dataSource, "SELECT code FROM districts ORDER BY code LIMIT 2", _ => { },
            r => r.Get<string>("code"), CancellationToken.None));
        var townships = new Dictionary<string, List<string>>();
        foreach (var d in districts) townships[d] = await BulletinBaseline.TownshipsAsync(dataSource, d);
        DateOnly from = new(2020, 1, 1), to = new(2020, 9, 30);
        Measure.ResetPeak(pid);
        var (endpoint, sql) = await Measure.CompareAsync(districts, options.Rounds,
            ("endpoint", async d => await GetOkAsync(http, $"/api/v1/reports/campaign?district={d}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&format=pdf")),
            ("npgsql", async d => await BulletinBaseline.RunAsync(dataSource, new Api.Features.Reports.BulletinArea(d, null, from, to, null), townships[d])));
        var ratio = endpoint.Total / sql.Total;
        Line($"| campaign bulletin (PDF), one district, {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, {districts.Count} districts × {options.Rounds} | mean {Measure.F(endpoint.Total / endpoint.Milliseconds.Count)} ms " +
             $"| its queries run directly: mean {Measure.F(sql.Total / sql.Milliseconds.Count)} ms | {Measure.F(ratio, 2)} | ≤ 1.5 | {Verdict(ratio <= 1.5)} | {Measure.F(Measure.PeakMiB(pid), 0)} MiB |");
    }

    private async Task TilesAsync(HttpClient http, NpgsqlDataSource dataSource, int pid, string origin, string work)
    {
        var tiles = await TileSetAsync(dataSource);
        var filter = new TileFilter(null, null, options.AsOf, null);
        string Path(TileAddress t) => $"/api/v1/tiles/enterprises/{t.Z}/{t.X}/{t.Y}.mvt?asOf={options.AsOf:yyyy-MM-dd}";
        Measure.ResetPeak(pid);
        var (endpoint, sql) = await Measure.CompareAsync(tiles, options.Rounds,
            ("endpoint", async t => await GetOkAsync(http, Path(t))),
            ("npgsql", async t => await TilesQueries.EnterpriseTileAsync(dataSource, t, filter, CancellationToken.None)));
        var ratio = endpoint.Total / sql.Total;
        Line($"| vector tiles, {tiles.Count} tiles z8–z15 (township clusters ≤ z10, grid clusters z12, points ≥ z13) × {options.Rounds}, sequential | mean {Measure.F(endpoint.Total / endpoint.Milliseconds.Count)} ms, " +
             $"p95 {Measure.F(endpoint.Percentile(95))} ms | raw ST_AsMVT: mean {Measure.F(sql.Total / sql.Milliseconds.Count)} ms | {Measure.F(ratio, 2)} | ≤ 1.25 " +
             $"| {Verdict(ratio <= 1.25)} | {Measure.F(Measure.PeakMiB(pid), 0)} MiB |");

        Measure.ResetPeak(pid);
        var load = await Wrk.RunAsync(origin, tiles.Select(Path).ToList(), options.Seconds, options.Connections, work, _cookie);
        var peak = Measure.PeakMiB(pid);
        var raw = await ConcurrentAsync(tiles, options.Connections, options.Seconds, t => TilesQueries.EnterpriseTileAsync(dataSource, t, filter, CancellationToken.None));
        var concurrentRatio = raw / load.RequestsPerSecond;
        Line($"| vector tiles under load: wrk ({Wrk.Threads} threads, {options.Connections} connections, {options.Seconds} s) | {Measure.F(load.RequestsPerSecond)} tiles/s, " +
             $"p99 {Measure.F(load.P99Milliseconds)} ms, {load.Errors} errors of {load.Requests:N0} | raw ST_AsMVT on {options.Connections} connections: {Measure.F(raw)} tiles/s " +
             $"| {Measure.F(concurrentRatio, 2)} | ≤ 1.25, zero errors | {Verdict(concurrentRatio <= 1.25 && load.Errors == 0)} | {Measure.F(peak, 0)} MiB |");
    }

    private async Task OgcAsync(HttpClient http, NpgsqlDataSource dataSource, int pid, string origin, string connectionString, string work)
    {
        var boxes = await BoxesAsync(dataSource);
        var enterprises = OgcQueries.Find("enterprises")!;
        const int limit = 100;
        string Query((double, double, double, double) b) => $"bbox={Measure.F(b.Item1, 4)},{Measure.F(b.Item2, 4)},{Measure.F(b.Item3, 4)},{Measure.F(b.Item4, 4)}&limit={limit}";
        Measure.ResetPeak(pid);
        var (endpoint, sql) = await Measure.CompareAsync(boxes, options.Rounds,
            ("endpoint", async b => await GetOkAsync(http, $"/ogc/collections/enterprises/items?{Query(b)}")),
            ("npgsql", async b =>
            {
                // As the endpoint does on a first page: the count only when more features follow the page.
                var filter = new OgcFilter(b, null, null, null, null, null, null);
                var (_, more) = await OgcQueries.ItemsAsync(dataSource, enterprises, filter, new OgcPage(null, 0, limit), CancellationToken.None);
                if (more) await OgcQueries.CountAsync(dataSource, enterprises, filter, CancellationToken.None);
            }));
        var ratio = endpoint.Total / sql.Total;
        Line($"| OGC API items, enterprises in {boxes.Count} boxes of 0.04°, limit {limit}, × {options.Rounds} | mean {Measure.F(endpoint.Total / endpoint.Milliseconds.Count)} ms, " +
             $"p95 {Measure.F(endpoint.Percentile(95))} ms | same GeoJSON SQL + count when the service counts: mean {Measure.F(sql.Total / sql.Milliseconds.Count)} ms | {Measure.F(ratio, 2)} | ≤ 1.5 " +
             $"| {Verdict(ratio <= 1.5)} | {Measure.F(Measure.PeakMiB(pid), 0)} MiB |");

        var ourPaths = boxes.Select(b => $"/ogc/collections/enterprises/items?{Query(b)}").ToList();
        try
        {
            await using var mapServer = await MapServerHost.StartAsync(connectionString);
            var paths = boxes.Select(b => $"{MapServerHost.OgcApiPath}/collections/enterprises/items?f=json&{Query(b)}").ToList();
            using (var check = new HttpClient())
            {
                var body = await check.GetStringAsync(mapServer.Origin + paths[0]);
                if (!body.Contains("\"FeatureCollection\"", StringComparison.Ordinal)) throw new InvalidOperationException($"MapServer answered: {body[..Math.Min(300, body.Length)]}");
            }
            // Two rounds, each side once per round, the side going first alternating: neither always meets a cold cache.
            Measure.ResetPeak(pid);
            var ourRounds = new List<WrkResult>();
            var theirRounds = new List<WrkResult>();
            foreach (var serviceFirst in new[] { true, false })
            {
                foreach (var service in serviceFirst ? new[] { true, false } : [false, true])
                {
                    if (service) ourRounds.Add(await Wrk.RunAsync(origin, ourPaths, options.Seconds, options.Connections, work, _bearer));
                    else theirRounds.Add(await Wrk.RunAsync(mapServer.Origin, paths, options.Seconds, options.Connections, work));
                }
            }
            var ourPeak = Measure.PeakMiB(pid);
            var (ours, theirs) = (Wrk.Combine(ourRounds), Wrk.Combine(theirRounds));
            var mapservPeak = mapServer.MapservPids().Sum(Measure.PeakMiB);
            var ratioMs = ours.RequestsPerSecond / theirs.RequestsPerSecond;
            Line($"| OGC API items under load vs MapServer 8.0 (FastCGI ×2 behind lighttpd), same boxes, 2 rounds × {options.Seconds} s each, alternating | {Measure.F(ours.RequestsPerSecond)} req/s, {ours.Errors} errors " +
                 $"| MapServer: {Measure.F(theirs.RequestsPerSecond)} req/s, {theirs.Errors} errors (mapserv peak RSS {Measure.F(mapservPeak, 0)} MiB) " +
                 $"| {Measure.F(ratioMs, 2)}× | ≥ 2× | {Verdict(ratioMs >= 2 && ours.Errors == 0)} | {Measure.F(ourPeak, 0)} MiB |");
        }
        catch (InvalidOperationException e)
        {
            Measure.ResetPeak(pid);
            var ours = await Wrk.RunAsync(origin, ourPaths, options.Seconds, options.Connections, work, _bearer);
            Line($"| OGC API items under load vs MapServer | {Measure.F(ours.RequestsPerSecond)} req/s, {ours.Errors} errors | MapServer not measured: {e.Message.ReplaceLineEndings(" ")} | – | ≥ 2× | NOT RUN | {Measure.F(Measure.PeakMiB(pid), 0)} MiB |");
        }
    }

    private async Task ImportAsync(string connectionString)
    {
        var file = PrefectureGenerator.Parts(options.DataDirectory, "enterprises").FirstOrDefault();
        if (file is null)
        {
            Line($"| bulk import | not run: no enterprises-*.csv in {options.DataDirectory} | | | ≥ 0.5 | NOT RUN | |");
            return;
        }
        var scratch = new NpgsqlConnectionStringBuilder(connectionString) { Database = "riskmap_bench_import" }.ConnectionString;
        await ExecuteAsync(connectionString, "DROP DATABASE IF EXISTS riskmap_bench_import WITH (FORCE)");
        await ExecuteAsync(connectionString, "CREATE DATABASE riskmap_bench_import");
        try
        {
            var me = Environment.ProcessId;
            await OfflineHost.RunAsync(async services => { await ImportComparisonAsync(services, file, me); return 0; }, scratch,
                PrefectureCommand.OfflineSettings(options.Cluster));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connectionString, "DROP DATABASE IF EXISTS riskmap_bench_import WITH (FORCE)");
        }
    }

    /// <summary>
    /// The enterprises of <paramref name="file"/> straight into <c>enterprises</c> with plain COPY (rolled back), then
    /// through the import path, then with plain COPY into a bare text table, in the scratch database
    /// (<see cref="CopyBaselines"/>).
    /// </summary>
    private async Task ImportComparisonAsync(IServiceProvider services, string file, int me)
    {
        await PrefectureLoader.LoadPlacesAsync(services, options.DataDirectory, TextWriter.Null, CancellationToken.None);
        var name = Path.GetFileName(file);
        var parseErrors = new List<ImportError>();
        var parsed = CsvRecords.ReadFile(options.DataDirectory, name, EnterpriseRecord.Columns, parseErrors, row => EnterpriseRecord.Parse(row, GeographicSystem.Wgs84)).ToList();
        if (parseErrors.Count > 0) throw new InvalidOperationException($"{name}: {parseErrors.Count} rows did not parse, the first: {parseErrors[0]}.");
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var intoTable = await CopyBaselines.IntoEnterprisesAsync(connection, parsed);
        parsed = null;
        Measure.ResetPeak(me);
        int rows = 0;
        var ours = await Measure.TimeAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var errors = new List<ImportError>();
            var records = CsvRecords.ReadFile(options.DataDirectory, name, EnterpriseRecord.Columns, errors, row => EnterpriseRecord.Parse(row, GeographicSystem.Wgs84));
            rows = (await scope.ServiceProvider.GetRequiredService<ImportService>().ImportEnterprisesAsync(name, records, DuplicatePolicy.Reject, CancellationToken.None)).Inserted;
        });
        var peak = Measure.PeakMiB(me);
        var intoText = await CopyBaselines.IntoTextTableAsync(connection, file, "plain_enterprises");
        var ourRate = rows / (ours / 1000);
        var textRate = intoText.Rows / intoText.Seconds;
        var tableRate = intoTable.Rows / intoTable.Seconds;
        var what = $"bulk import, {name} ({rows:N0} enterprises: parse, checks, binary COPY, merge, township trigger)";
        Line($"| {what} | {Measure.F(ourRate, 0)} rows/s " +
             $"| plain COPY of the same CSV into an unindexed text table: {Measure.F(textRate, 0)} rows/s | {Measure.F(ourRate / textRate, 2)} | ≥ 0.5 " +
             $"| {Verdict(ourRate / textRate >= 0.5)} | {Measure.F(peak, 0)} MiB (bench process: the import runs here) |");
        Line($"| {what} | {Measure.F(ourRate, 0)} rows/s " +
             $"| plain COPY of the same rows into a fresh copy of the enterprises table (constraints, indexes, township trigger; rolled back): {Measure.F(tableRate, 0)} rows/s " +
             $"| {Measure.F(ourRate / tableRate, 2)} | ≥ 0.5 | {Verdict(ourRate / tableRate >= 0.5)} | (as above) |");
    }

    /// <summary>
    /// Tiles around the first enterprise of each district's first township, at zooms 8 and 10 (township clusters), 12
    /// (grid clusters) and 13, 14 and 15 (points): what a user panning and zooming across the prefecture asks for.
    /// </summary>
    private static async Task<List<TileAddress>> TileSetAsync(NpgsqlDataSource dataSource)
    {
        var points = await Api.Features.Sql.QueryAsync(dataSource, """
            SELECT ST_X(e.location) AS lon, ST_Y(e.location) AS lat FROM districts d
            CROSS JOIN LATERAL (SELECT min(code) AS code FROM townships t WHERE t.district_code = d.code) t
            CROSS JOIN LATERAL (SELECT location FROM enterprises e WHERE e.township_code = t.code ORDER BY e.id LIMIT 1) e
            ORDER BY d.code
            """,
            _ => { }, r => (r.Get<double>("lon"), r.Get<double>("lat")), CancellationToken.None);
        return points.SelectMany(p => new[] { 8, 10, 12, 13, 14, 15 }.Select(z =>
        {
            var n = Math.Pow(2, z);
            var phi = p.Item2 * Math.PI / 180;
            return new TileAddress(z, (int)((p.Item1 + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(phi) + 1 / Math.Cos(phi)) / Math.PI) / 2 * n));
        })).Distinct().ToList();
    }

    /// <summary>Boxes of 0.04° (about 4 km) centred on the first enterprise of every 80th township.</summary>
    private static async Task<List<(double, double, double, double)>> BoxesAsync(NpgsqlDataSource dataSource)
        => await Api.Features.Sql.QueryAsync(dataSource, """
            SELECT ST_X(e.location) AS lon, ST_Y(e.location) AS lat
            FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM townships) t
            CROSS JOIN LATERAL (SELECT location FROM enterprises e WHERE e.township_code = t.code ORDER BY e.id LIMIT 1) e
            WHERE t.n % 80 = 1 ORDER BY t.code
            """,
            _ => { }, r => (r.Get<double>("lon") - 0.02, r.Get<double>("lat") - 0.02, r.Get<double>("lon") + 0.02, r.Get<double>("lat") + 0.02),
            CancellationToken.None);

    /// <summary>
    /// Requests per second of <paramref name="work"/> on <paramref name="workers"/> concurrent tasks over a window of
    /// <paramref name="seconds"/>, counted as wrk counts: only requests completed within the window, divided by the
    /// window. Worker w takes items w, w + workers, … so that <paramref name="workers"/> distinct items are in flight, as
    /// in <see cref="Wrk"/>'s script.
    /// </summary>
    private static async Task<double> ConcurrentAsync<T>(IReadOnlyList<T> items, int workers, int seconds, Func<T, Task> work)
    {
        var done = 0L;
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = w; clock.Elapsed < end; i += workers)
            {
                await work(items[i % items.Count]);
                if (clock.Elapsed <= end) Interlocked.Increment(ref done);
            }
        })));
        return done / end.TotalSeconds;
    }

    /// <summary>
    /// Starts the service (<c>bench serve</c>, built as Program.cs builds it) in a process of its own on
    /// <paramref name="origin"/> against <paramref name="connectionString"/>, in Production, its accounts' password at
    /// their first start <paramref name="password"/>; <paramref name="seedDemo"/> loads the demo district into an empty
    /// database at its start.
    /// </summary>
    internal static Process StartService(string connectionString, string origin, string password, bool seedDemo = false)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(BenchRunner).Assembly.Location);
        foreach (var a in new[] { "bench", "serve", "--urls", origin }) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__RiskMap"] = connectionString;
        start.Environment["RiskMap__Database__SeedDemoData"] = seedDemo ? "true" : "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["RISKMAP_DEMO_PASSWORD"] = password;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[service] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Waits until <paramref name="service"/> answers <c>/health</c> with 200, at most <paramref name="seconds"/> (default
    /// 60; a service loading the demo district at its start needs more on a busy machine).
    /// </summary>
    /// <exception cref="InvalidOperationException">The service exited or did not become healthy in time.</exception>
    internal static async Task WaitForHealthAsync(HttpClient http, Process service, int seconds = 60)
    {
        for (var i = 0; i < seconds * 5; i++)
        {
            if (service.HasExited) throw new InvalidOperationException($"The service exited with {service.ExitCode}.");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The service did not become healthy in {seconds} s.");
    }

    private static async Task GetOkAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "FAIL";

    private void Line(string text)
    {
        _report.Add(text);
        output.WriteLine(text);
        output.Flush();
    }
}
