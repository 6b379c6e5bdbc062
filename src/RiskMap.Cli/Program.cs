using RiskMap.Cli.Benchmarks;
using RiskMap.Cli.CommandLine;
using RiskMap.Cli.DemoData;

namespace RiskMap.Cli;

/// <summary>
/// Entry point of <c>riskmap</c>, the command-line companion of the service: offline commands that share
/// the Api's domain, geometry and import code: demo data, imports of boundaries and tables, the embedded database (<c>db start|stop|status|watch</c>) and backups
/// (<c>db backup|restore</c>). Add a command by adding a
/// <see cref="CliCommand"/> to <see cref="Commands"/>.
/// </summary>
internal static class Program
{
    /// <summary>Every command, matched by its words (e.g. <c>demo-data generate</c>).</summary>
    internal static IReadOnlyList<CliCommand> Commands { get; } =
    [
        DemoDataCommand.Generate,
        .. Import.ImportCommands.All,
        PrefectureCommand.Generate,
        PrefectureCommand.Load,
        BenchCommand.Run,
        BenchCommand.Serve,
        .. Database.DatabaseCommands.All,
    ];

    private static int Main(string[] args) => CliApp.Run(Commands, args, Console.Out, Console.Error);
}
