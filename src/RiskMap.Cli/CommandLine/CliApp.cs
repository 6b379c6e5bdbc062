namespace RiskMap.Cli.CommandLine;

/// <summary>
/// A deliberately small parser: it picks the command whose words start the command line, then reads
/// <c>--name value</c> / <c>--name=value</c> pairs. Exit codes: 0 success, 1 the command failed,
/// 2 the command line was wrong (usage printed).
/// </summary>
internal static class CliApp
{
    /// <summary>Exit code when the command line does not fit any command.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command that <paramref name="args"/> selects and returns the exit code.</summary>
    public static int Run(IReadOnlyList<CliCommand> commands, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            WriteCommandList(commands, args.Count == 0 ? error : output);
            return args.Count == 0 ? UsageError : 0;
        }

        var command = commands
            .Where(c => c.Words.Count <= args.Count && c.Words.Select((w, i) => w == args[i]).All(m => m))
            .MaxBy(c => c.Words.Count);
        if (command is null)
        {
            error.WriteLine($"Unknown command: {string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}");
            WriteCommandList(commands, error);
            return UsageError;
        }

        var rest = args.Skip(command.Words.Count).ToList();
        if (rest.Any(a => a is "-h" or "--help"))
        {
            WriteUsage(command, output);
            return 0;
        }

        CliArguments parsed;
        try
        {
            parsed = Parse(command, rest);
        }
        catch (CliUsageException e)
        {
            error.WriteLine(e.Message);
            WriteUsage(command, error);
            return UsageError;
        }
        return command.Run(parsed, output, error);
    }

    private static CliArguments Parse(CliCommand command, List<string> rest)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        var expected = command.Arguments ?? [];
        for (var i = 0; i < rest.Count; i++)
        {
            var token = rest[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                if (positional.Count >= expected.Count) throw new CliUsageException($"Unexpected argument '{token}'.");
                positional.Add(token);
                continue;
            }
            var name = token[2..];
            string? value = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            var option = command.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new CliUsageException($"Unknown option '--{name}' for '{command.Name}'.");
            if (option.IsFlag)
            {
                if (value is not null) throw new CliUsageException($"Option '--{name}' takes no value.");
                value = "true";
            }
            else if (value is null)
            {
                if (i + 1 >= rest.Count) throw new CliUsageException($"Option '--{name}' needs a value.");
                value = rest[++i];
            }
            if (!values.TryAdd(name, value)) throw new CliUsageException($"Option '--{name}' is given twice.");
        }
        if (positional.Count < expected.Count)
            throw new CliUsageException($"Missing {string.Join(" ", expected.Skip(positional.Count))}.");
        return new CliArguments(values, positional);
    }

    private static void WriteCommandList(IReadOnlyList<CliCommand> commands, TextWriter writer)
    {
        writer.WriteLine("Usage: dotnet run --project src/RiskMap.Cli -- <command> [options]");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        var width = commands.Max(c => c.Name.Length);
        foreach (var c in commands) writer.WriteLine($"  {c.Name.PadRight(width)}  {c.Summary}");
        writer.WriteLine();
        writer.WriteLine("Run '<command> --help' for its options.");
    }

    private static void WriteUsage(CliCommand command, TextWriter writer)
    {
        writer.WriteLine($"Usage: {command.Name}{string.Concat((command.Arguments ?? []).Select(a => " " + a))} [options]");
        writer.WriteLine(command.Summary);
        writer.WriteLine();
        writer.WriteLine("Options:");
        var labels = command.Options.Select(o => o.IsFlag ? $"--{o.Name}" : $"--{o.Name} {o.ValueName}").ToList();
        var width = labels.Max(l => l.Length);
        for (var i = 0; i < labels.Count; i++) writer.WriteLine($"  {labels[i].PadRight(width)}  {command.Options[i].Description}");
    }
}
