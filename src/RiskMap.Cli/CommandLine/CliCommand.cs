namespace RiskMap.Cli.CommandLine;

/// <summary>An option a command takes, written <c>--name value</c> or <c>--name=value</c>; a flag is written <c>--name</c> alone.</summary>
/// <param name="Name">Name without dashes, e.g. <c>out</c>.</param>
/// <param name="ValueName">Placeholder shown in the usage text, e.g. <c>DIR</c>; empty for a flag.</param>
/// <param name="Description">One line of help, including the default.</param>
internal sealed record CliOption(string Name, string ValueName, string Description)
{
    /// <summary>True for an option without a value (e.g. <c>--dry-run</c>).</summary>
    public bool IsFlag => ValueName.Length == 0;

    /// <summary>A flag: <c>--name</c> alone.</summary>
    public static CliOption Flag(string name, string description) => new(name, "", description);
}

/// <summary>
/// A command: the words that select it, its options and what it does. <see cref="Run"/> returns the
/// process exit code and writes its progress to the given writer.
/// </summary>
/// <param name="Words">Words that select the command, e.g. <c>["demo-data", "generate"]</c>.</param>
/// <param name="Summary">One line shown in the command list.</param>
/// <param name="Options">Options the command accepts; any other option is a usage error.</param>
/// <param name="Run">Runs the command with the parsed option values, an output and an error writer.</param>
/// <param name="Arguments">Names of the positional arguments the command requires, e.g. <c>["FILE"]</c>.</param>
internal sealed record CliCommand(
    IReadOnlyList<string> Words,
    string Summary,
    IReadOnlyList<CliOption> Options,
    Func<CliArguments, TextWriter, TextWriter, int> Run,
    IReadOnlyList<string>? Arguments = null)
{
    /// <summary>The command's words joined by spaces, as typed.</summary>
    public string Name => string.Join(' ', Words);
}

/// <summary>Option values given to a command, by option name.</summary>
internal sealed class CliArguments(IReadOnlyDictionary<string, string> values, IReadOnlyList<string>? positional = null)
{
    /// <summary>The positional arguments, in order.</summary>
    public IReadOnlyList<string> Positional { get; } = positional ?? [];

    /// <summary>True when the flag <c>--name</c> was given.</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The value of <c>--name</c>, or <paramref name="fallback"/> when it was not given.</summary>
    public string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>The value of <c>--name</c>, or null when it was not given.</summary>
    public string? Find(string name) => values.GetValueOrDefault(name);
}

/// <summary>A command line that does not fit the command (unknown option, missing value).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
