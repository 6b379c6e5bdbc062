using CliProgram = RiskMap.Cli.Program;
using RiskMap.Cli.CommandLine;

namespace RiskMap.UnitTests.Cli;

public sealed class ImportCommandLineTests
{
    private static (int Exit, string Text) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(CliProgram.Commands, args, output, error);
        return (exit, output.ToString() + error);
    }

    [Theory]
    [InlineData(new[] { "import", "boundaries" }, 2, "Missing FILE.")]
    [InlineData(new[] { "import", "boundaries", "a.zip", "b.zip" }, 2, "Unexpected argument 'b.zip'")]
    [InlineData(new[] { "import", "enterprises", "a.csv", "--dry-run=yes" }, 2, "Option '--dry-run' takes no value.")]
    [InlineData(new[] { "import", "enterprises", "--help" }, 0, "Usage: import enterprises FILE [options]")]
    [InlineData(new[] { "import", "enterprises", "--help" }, 0, "--accept-outside ")]
    [InlineData(new[] { "import", "hazards", "/nonexistent/h.csv" }, 1, "No such file: /nonexistent/h.csv")]
    [InlineData(new[] { "import", "enterprises", "/nonexistent/e.csv", "--map", "x" }, 1, "No such file")]
    [InlineData(new[] { "--help" }, 0, "import enforcement")]
    public void Import_commands_take_a_file_flags_and_options(string[] args, int exit, string message)
    {
        var (code, text) = Run(args);
        Assert.Equal(exit, code);
        Assert.Contains(message, text);
    }
}
