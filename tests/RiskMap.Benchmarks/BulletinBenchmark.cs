using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Reports;
using RiskMap.Api.Features.Statistics;
using RiskMap.Api.Hosting;
using RiskMap.Cli.Benchmarks;

/// <summary>
/// <c>bulletin [--rounds N]</c>: the campaign bulletin of the demo district (431103) written as DOCX, PDF and HTML —
/// everything <c>GET /api/v1/reports/campaign</c> does after the request is checked: the record fingerprint, the
/// statistics query for the district and grouped by township, by sector and by month, the hazard list, the text, the chart
/// and the file — against the sum of the same queries run directly through the same data source
/// (<see cref="BulletinBaseline"/>: the statistics, fingerprint and list queries of <see cref="StatisticsQueries"/> and
/// <see cref="BulletinQueries"/>),
/// alternating round by round, for the published period (January–September 2020) and the whole campaign (2020–2022).
/// Prints each mean and the ratio (target ≤ 1.5). Loads the demo district into a throwaway database (created and
/// dropped) in the embedded cluster or on the server of <c>ConnectionStrings__RiskMap</c>.
/// </summary>
internal static class BulletinBenchmark
{
    private const string District = "431103";

    /// <summary>Runs the benchmark with the arguments after <c>bulletin</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (ThrowawayDatabase.Count(args, "--rounds", 10, "usage: bulletin [--rounds N]") is not { } rounds) return 2;
        return await ThrowawayDatabase.RunAsync($"riskmap_bench_bulletin_{Environment.ProcessId}", async connectionString =>
        {
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
            output.WriteLine($"bulletin benchmark: demo district {District}, {rounds} rounds, {Environment.ProcessorCount} cores, load average {load}");
            await OfflineHost.RunAsync(async services =>
            {
                var db = services.GetRequiredService<RiskMapDbContext>();
                var dataSource = services.GetRequiredService<NpgsqlDataSource>();
                foreach (var (from, to) in new[] { (new DateOnly(2020, 1, 1), new DateOnly(2020, 9, 30)), (new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31)) })
                {
                    var area = new BulletinArea(District, null, from, to, null);
                    var townships = await BulletinBaseline.TownshipsAsync(dataSource, District);
                    // Warm-up: fonts, the native library, the plans.
                    await GenerateAsync(db, dataSource, area, "pdf");
                    await BulletinBaseline.RunAsync(dataSource, area, townships);
                    foreach (var format in new[] { "docx", "pdf", "html" })
                    {
                        var service = new List<double>();
                        var baseline = new List<double>();
                        var bytes = 0;
                        for (var i = 0; i < rounds; i++)
                        {
                            var watch = Stopwatch.StartNew();
                            bytes = await GenerateAsync(db, dataSource, area, format);
                            service.Add(watch.Elapsed.TotalMilliseconds);
                            watch.Restart();
                            await BulletinBaseline.RunAsync(dataSource, area, townships);
                            baseline.Add(watch.Elapsed.TotalMilliseconds);
                        }
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd} {format,-4}: bulletin mean {service.Average(),7:0.0} ms ({bytes / 1024.0,6:0} KiB) | its SQL run directly: mean {baseline.Average(),7:0.0} ms | ratio {service.Average() / baseline.Average():0.00} (target ≤ 1.5)"));
                    }
                }
                return 0;
            }, connectionString, [new("RiskMap:Database:SeedDemoData", "true"), new("RiskMap:Database:CreateAccounts", "false")]);
            return 0;
        });
    }

    private static async Task<int> GenerateAsync(RiskMapDbContext db, NpgsqlDataSource dataSource, BulletinArea area, string format)
    {
        var bulletin = await CampaignBulletin.BuildAsync(db, dataSource, area, TimeProvider.System, CancellationToken.None);
        var blocks = BulletinText.Compose(bulletin);
        var title = BulletinText.Title(bulletin);
        return format switch
        {
            "pdf" => BulletinPdf.Write(blocks, title).Length,
            "html" => BulletinHtml.Write(blocks, title).Length,
            _ => BulletinDocx.Write(blocks, title).Length,
        };
    }
}
