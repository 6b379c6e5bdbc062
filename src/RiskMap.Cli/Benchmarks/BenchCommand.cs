using System.Globalization;
using RiskMap.Cli.CommandLine;
using RiskMap.Cli.DemoData;

namespace RiskMap.Cli.Benchmarks;

/// <summary>The <c>bench run</c> and <c>bench serve</c> commands.</summary>
internal static class BenchCommand
{
    /// <summary><c>bench run</c>: the benchmark against a loaded prefecture.</summary>
    public static CliCommand Run { get; } = new(
        ["bench", "run"],
        "Benchmarks the service against a loaded prefecture: choropleth, vector tiles, OGC API items (and MapServer), bulk import; prints ratios.",
        [
            new CliOption("cluster", "DIR", "Embedded cluster with the prefecture (ignored when ConnectionStrings__RiskMap is set). Default: .riskmap/prefecture/postgres"),
            new CliOption("dir", "DIR", "Generated prefecture files, for the import comparison. Default: .riskmap/prefecture/data"),
            new CliOption("rounds", "N", "Passes over each request list in the sequential comparisons. Default: 5"),
            new CliOption("seconds", "N", "Duration of each wrk load. Default: 20"),
            new CliOption("connections", "N", "wrk connections. Default: 8"),
            new CliOption("phases", "LIST", "Comma-separated comparisons to run: choropleth, tiles, ogc, import, bulletin. Default: choropleth,tiles,ogc,import"),
            new CliOption("password", "TEXT", $"Password of the service's accounts (RISKMAP_DEMO_PASSWORD at its first start on this database). Default: $RISKMAP_DEMO_PASSWORD or {BenchRunner.DefaultPassword}"),
        ],
        (args, output, error) =>
        {
            int Number(string name, int fallback) => int.Parse(args.Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            var options = new BenchOptions(args.Find("cluster") ?? PrefectureCommand.DefaultCluster, args.Find("dir") ?? PrefectureCommand.DefaultDirectory,
                Number("rounds", 5), Number("seconds", 20), Number("connections", 8), new DateOnly(2022, 12, 31),
                args.Get("phases", "choropleth,tiles,ogc,import").Split(',', StringSplitOptions.TrimEntries).ToHashSet(),
                args.Find("password") ?? Environment.GetEnvironmentVariable("RISKMAP_DEMO_PASSWORD") ?? BenchRunner.DefaultPassword);
            return new BenchRunner(options, output).RunAsync().GetAwaiter().GetResult();
        });

    /// <summary><c>bench serve</c>: the service as Program.cs builds it, in a process of its own for the benchmark.</summary>
    public static CliCommand Serve { get; } = new(
        ["bench", "serve"],
        "Runs the service as Program.cs does, for 'bench run' to measure in a process of its own.",
        [new CliOption("urls", "URL", "Where to listen, e.g. http://127.0.0.1:5090")],
        (args, _, _) =>
        {
            BenchHost.RunAsync(["--urls", args.Get("urls", "http://127.0.0.1:5090")]).GetAwaiter().GetResult();
            return 0;
        });
}
