using CliProgram = RiskMap.Cli.Program;
using RiskMap.Cli.CommandLine;

namespace RiskMap.UnitTests.Cli;

public sealed class CliAppTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(CliProgram.Commands, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(new string[0], 2, "demo-data generate")]
    [InlineData(new[] { "--help" }, 0, "demo-data generate")]
    [InlineData(new[] { "import", "townships" }, 2, "Unknown command: import townships")]
    [InlineData(new[] { "demo-data", "generate", "--help" }, 0, "--npm-modules DIR")]
    [InlineData(new[] { "demo-data", "generate", "--outt", "x" }, 2, "Unknown option '--outt'")]
    [InlineData(new[] { "demo-data", "generate", "--out" }, 2, "Option '--out' needs a value.")]
    [InlineData(new[] { "demo-data", "generate", "--out=a", "--out=b" }, 2, "Option '--out' is given twice.")]
    [InlineData(new[] { "demo-data", "generate", "--seed", "abc" }, 2, "--seed must be an integer")]
    [InlineData(new[] { "demo-data", "generate", "stray" }, 2, "Unexpected argument 'stray'")]
    [InlineData(new[] { "--help" }, 0, "db backup")]
    [InlineData(new[] { "db", "watch", "--interval", "0" }, 2, "--interval takes seconds between 0.1 and 3600.")]
    [InlineData(new[] { "db", "watch", "--while-pid", "x1" }, 2, "--while-pid takes a process id.")]
    [InlineData(new[] { "db", "status", "--cluster", "/nonexistent/riskmap-cluster" }, 3, "not running (/nonexistent/riskmap-cluster)")]
    [InlineData(new[] { "db", "stop", "--cluster", "/nonexistent/riskmap-cluster" }, 0, "No server runs in /nonexistent/riskmap-cluster.")]
    [InlineData(new[] { "db", "backup", "a.dump", "b.dump" }, 2, "Unexpected argument 'b.dump'")]
    public void Command_line_gives_exit_code_and_message(string[] args, int exit, string message)
    {
        var result = Run(args);
        Assert.Equal(exit, result.Exit);
        Assert.Contains(message, result.Output + result.Error);
    }

    [Fact]
    public void Missing_npm_modules_fail_with_exit_code_1_and_the_install_command()
    {
        var empty = Directory.CreateTempSubdirectory("riskmap-cli-");
        try
        {
            var result = Run("demo-data", "generate", "--out", Path.Combine(empty.FullName, "out"), "--npm-modules", empty.FullName);
            Assert.Equal(1, result.Exit);
            Assert.Contains("npm ci --prefix src/RiskMap.Cli", result.Error);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
