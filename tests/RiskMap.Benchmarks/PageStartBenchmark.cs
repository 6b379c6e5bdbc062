using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using RiskMap.Api.Hosting;
using RiskMap.Cli.Benchmarks;
using RiskMap.Cli.DemoData;
using BrowserCookie = Microsoft.Playwright.Cookie;

/// <summary>
/// <c>pagestart [--rounds N] [--cluster DIR]</c>: how long the map page takes from navigation until its choropleth is
/// drawn (the page's performance mark <c>choropleth-drawn</c>, in ms from the navigation's start), in Debian's
/// Chromium, on the demo county and on the loaded synthetic prefecture (<c>demo-data load-prefecture</c>; its embedded
/// cluster <c>--cluster</c>, default .riskmap/prefecture/postgres, or the server of <c>ConnectionStrings__RiskMap</c>).
/// The demo county is loaded by the service itself into a throwaway database beside the prefecture (dropped after the
/// run). Both services run in processes of their own (<c>bench serve</c>), signed in as the district leader; every
/// navigation opens a fresh browser context (nothing cached), and the two sides alternate which goes first, round by
/// round, after one untimed navigation each. Target: large / demo ≤ 1.3, and the large side under 1.5 s.
/// </summary>
internal static class PageStartBenchmark
{
    private const string DemoDatabase = "riskmap_bench_pagestart_demo";
    private const string Chromium = "/usr/bin/chromium";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var rounds = 10;
        var cluster = PrefectureCommand.DefaultCluster;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
                    rounds = n; i++; break;
                case "--cluster" when i + 1 < args.Length: cluster = args[++i]; break;
                default:
                    Console.Error.WriteLine("usage: pagestart [--rounds N] [--cluster DIR]");
                    return 2;
            }
        }
        if (!File.Exists(Chromium))
        {
            Console.Error.WriteLine($"{Chromium} is missing: install Debian's chromium (scripts/setup.sh test does).");
            return 2;
        }
        return await OfflineHost.RunAsync(services => RunAsync(services, rounds, output), settings: PrefectureCommand.OfflineSettings(cluster));
    }

    private static async Task<int> RunAsync(IServiceProvider services, int rounds, TextWriter output)
    {
        var large = services.GetRequiredService<RiskMapDatabase>().ConnectionString;
        var demo = new NpgsqlConnectionStringBuilder(large) { Database = DemoDatabase }.ConnectionString;
        var password = Environment.GetEnvironmentVariable("RISKMAP_DEMO_PASSWORD") ?? BenchRunner.DefaultPassword;
        await ExecuteAsync(large, $"DROP DATABASE IF EXISTS {DemoDatabase} WITH (FORCE)");
        await ExecuteAsync(large, $"CREATE DATABASE {DemoDatabase}");
        var started = new List<Process>();
        try
        {
            var sides = new List<Side>();
            foreach (var (name, connectionString, seed) in new[] { ("demo county", demo, true), ("prefecture", large, false) })
            {
                var origin = $"http://127.0.0.1:{MapServerHost.FreePort()}";
                var process = BenchRunner.StartService(connectionString, origin, password, seed);
                started.Add(process);
                using (var health = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(origin) })
                    await BenchRunner.WaitForHealthAsync(health, process, seconds: 600);
                sides.Add(new Side(name, origin, await SizeAsync(connectionString), await SignInAsync(origin, password), []));
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium, Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--lang=zh-CN"],
            });
            foreach (var side in sides) await NavigateAsync(browser, side); // warm-up, untimed
            for (var round = 0; round < rounds; round++)
            {
                foreach (var side in round % 2 == 0 ? sides : Enumerable.Reverse(sides))
                    side.Milliseconds.Add(await NavigateAsync(browser, side));
            }

            var (small, big) = (sides[0], sides[1]);
            var ratio = Median(big.Milliseconds) / Median(small.Milliseconds);
            output.WriteLine($"page-start benchmark: navigation to choropleth drawn, Chromium {browser.Version}, {rounds} rounds, " +
                $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            foreach (var side in sides)
            {
                output.WriteLine($"{side.Name,-11} ({side.Size}): median {Measure.F(Median(side.Milliseconds), 0)} ms, " +
                    $"min {Measure.F(side.Milliseconds.Min(), 0)} ms, max {Measure.F(side.Milliseconds.Max(), 0)} ms");
            }
            output.WriteLine($"ratio prefecture / demo county (medians): {Measure.F(ratio, 2)}");
            output.WriteLine($"{(ratio <= 1.3 ? "PASS" : "FAIL")}  ratio ≤ 1.3");
            output.WriteLine($"{(Median(big.Milliseconds) < 1500 ? "PASS" : "FAIL")}  prefecture under 1.5 s (the target is set at 1,000,000 enterprises)");
            return 0;
        }
        finally
        {
            foreach (var process in started)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(large, $"DROP DATABASE IF EXISTS {DemoDatabase} WITH (FORCE)");
        }
    }

    /// <summary>One service: its name in the report, address, size, the leader's cookies and the times measured.</summary>
    private sealed record Side(string Name, string Origin, string Size, IReadOnlyList<BrowserCookie> Cookies, List<double> Milliseconds);

    /// <summary>
    /// Opens the map in a fresh context carrying the leader's session, and returns the page's own mark of the choropleth
    /// drawn (ms from the navigation's start); waits until the page has finished loading before closing it, so that the
    /// next navigation does not share the machine with this one's tail.
    /// </summary>
    private static async Task<double> NavigateAsync(IBrowser browser, Side side)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            // The service's Content-Security-Policy forbids evaluating strings, which is how Playwright reads the page's mark.
            BypassCSP = true,
        });
        await context.AddCookiesAsync(side.Cookies);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(side.Origin + "/");
        await page.WaitForFunctionAsync("performance.getEntriesByName('choropleth-drawn').length > 0");
        var drawn = await page.EvaluateAsync<double>("performance.getEntriesByName('choropleth-drawn')[0].startTime");
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        if (await page.Locator("#status.error").IsVisibleAsync())
            throw new InvalidOperationException($"{side.Name}: the page shows an error: {await page.Locator("#status").InnerTextAsync()}");
        return drawn;
    }

    /// <summary>The leader's session cookies from a sign-in through the API, for the browser contexts.</summary>
    private static async Task<IReadOnlyList<BrowserCookie>> SignInAsync(string origin, string password)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, CookieContainer = jar }) { BaseAddress = new Uri(origin) };
        using var login = await http.PostAsync("/api/v1/auth/login", JsonContent.Create(new { userName = "leader", password }));
        if (!login.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as leader at {origin} failed ({(int)login.StatusCode}): the accounts were made with another RISKMAP_DEMO_PASSWORD.");
        return jar.GetCookies(new Uri(origin)).Cast<System.Net.Cookie>().Select(c => new BrowserCookie { Name = c.Name, Value = c.Value, Url = origin }).ToList();
    }

    /// <summary>The database's size as the report names it, counted: townships, enterprises and hazards.</summary>
    private static async Task<string> SizeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT format('%s townships, %s enterprises, %s hazards', (SELECT count(*) FROM townships), (SELECT count(*) FROM enterprises), (SELECT count(*) FROM hazards))",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
