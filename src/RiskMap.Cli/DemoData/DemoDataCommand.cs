using System.Globalization;
using RiskMap.Api.Hosting;
using RiskMap.Cli.CommandLine;

namespace RiskMap.Cli.DemoData;

/// <summary>The <c>demo-data generate</c> command.</summary>
internal static class DemoDataCommand
{
    /// <summary><c>demo-data generate [--out DIR] [--npm-modules DIR] [--seed N]</c>.</summary>
    public static CliCommand Generate { get; } = new(
        ["demo-data", "generate"],
        "Generates the demo dataset of district 431103 冷水滩区 (boundaries, enterprises, campaign records).",
        [
            new CliOption("out", "DIR", "Folder to write the files to (created if missing). Default: data/ of this checkout"),
            new CliOption("npm-modules", "DIR", $"node_modules with the source packages. Default: src/RiskMap.Cli/node_modules of this checkout (install with `{DemoSources.InstallCommand}`)"),
            new CliOption("seed", "N", $"Seed of the pseudo-random generator. Default: {DemoDataOptions.DefaultSeed} (the committed data)"),
        ],
        Run);

    private static int Run(CliArguments args, TextWriter output, TextWriter error)
    {
        var seedText = args.Get("seed", DemoDataOptions.DefaultSeed.ToString(CultureInfo.InvariantCulture));
        if (!int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            error.WriteLine($"--seed must be an integer, not '{seedText}'.");
            return CliApp.UsageError;
        }
        var options = new DemoDataOptions(
            OutputDirectory: args.Find("out") ?? (RiskMapPaths.RepositoryRoot is null ? "data" : RiskMapPaths.DemoData),
            NodeModules: args.Find("npm-modules") ?? DemoSources.DefaultNodeModules,
            Seed: seed);
        try
        {
            var summary = DemoDataGenerator.Generate(options);
            summary.WriteTo(output);
            return 0;
        }
        catch (DemoSourceMissingException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }
}
