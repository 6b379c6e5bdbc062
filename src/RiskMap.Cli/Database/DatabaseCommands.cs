using System.Globalization;
using Microsoft.Extensions.Logging;
using RiskMap.Api.Hosting;
using RiskMap.Cli.CommandLine;

namespace RiskMap.Cli.Database;

/// <summary>
/// <c>db start|stop|status|watch</c> (the embedded PostgreSQL cluster, which the service never starts itself) and
/// <c>db backup|restore</c> (of the database of <c>ConnectionStrings__RiskMap</c>, or of the embedded cluster).
/// </summary>
internal static class DatabaseCommands
{
    /// <summary>Exit code of <c>db status</c> when no server runs (as <c>pg_ctl status</c>).</summary>
    public const int NotRunning = 3;

    private static readonly CliOption Cluster = new("cluster", "DIR", "Folder of the embedded cluster. Default: .riskmap/postgres of this checkout");
    private static readonly CliOption Database = new("database", "NAME", "Database in the embedded cluster. Default: riskmap");

    /// <summary>Every <c>db</c> command.</summary>
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new(["db", "start"],
            "Creates (the first time) and starts the embedded PostgreSQL cluster on 127.0.0.1, or attaches to it when it runs; creates its " +
            "database with PostGIS; prints the database's connection string on standard output (the psql command on standard error).",
            [Cluster, Database], Start),
        new(["db", "stop"], "Stops the embedded cluster's server (fast shutdown).", [Cluster], Stop),
        new(["db", "status"], $"Says whether the embedded cluster's server runs and on which port; exit code 0 when it runs, {NotRunning} when not.",
            [Cluster, Database], Status),
        new(["db", "watch"],
            "Checks the embedded cluster's server every few seconds and starts it again when it died (./scripts/run.sh runs this beside the service).",
            [Cluster, new CliOption("interval", "SECONDS", "Time between checks. Default: 5"),
             new CliOption("while-pid", "PID", "Stop watching when this process has exited. Default: watch until interrupted")],
            Watch),
        new(["db", "backup"],
            "Writes the database (ConnectionStrings__RiskMap, else the embedded cluster) to FILE with pg_dump (custom format, PostGIS and " +
            "attachments included) and FILE.manifest.json with its row counts and campaign figures.",
            [Cluster, Database], Backup, ["FILE"]),
        new(["db", "restore"],
            "Restores FILE into an empty database (ConnectionStrings__RiskMap, else --database of the embedded cluster, created when missing) " +
            "in one transaction, then checks that row counts and campaign figures equal those of FILE.manifest.json; exit code 1 with the differences otherwise.",
            [Cluster, Database], Restore, ["FILE"]),
    ];

    private static DatabaseOptions Options(CliArguments args) => new()
    {
        LocalClusterDirectory = args.Find("cluster") is { } cluster ? Path.GetFullPath(cluster) : null,
        LocalDatabaseName = args.Get("database", "riskmap"),
    };

    private static int Start(CliArguments args, TextWriter output, TextWriter error)
    {
        var options = Options(args);
        return Guard(error, async () =>
        {
            var cluster = await LocalPostgresCluster.StartAsync(options.ClusterDirectory, durable: true, new WriterLogger(error));
            await cluster.EnsureDatabaseAsync(options.LocalDatabaseName);
            error.WriteLine($"Embedded PostgreSQL in {cluster.RootDirectory} on 127.0.0.1:{cluster.Port}. Connect with: {cluster.PsqlHint(options.LocalDatabaseName)}");
            output.WriteLine(cluster.ConnectionString(options.LocalDatabaseName));
            return 0;
        });
    }

    private static int Stop(CliArguments args, TextWriter output, TextWriter error)
    {
        var options = Options(args);
        return Guard(error, async () =>
        {
            if (LocalPostgresCluster.Attach(options.ClusterDirectory) is not { } cluster)
            {
                output.WriteLine($"No server runs in {options.ClusterDirectory}.");
                return 0;
            }
            await cluster.ShutdownAsync();
            output.WriteLine($"Stopped the server in {cluster.RootDirectory}.");
            return 0;
        });
    }

    private static int Status(CliArguments args, TextWriter output, TextWriter error)
    {
        var options = Options(args);
        return Guard(error, () =>
        {
            if (LocalPostgresCluster.Attach(options.ClusterDirectory) is not { } cluster)
            {
                output.WriteLine($"not running ({options.ClusterDirectory})");
                return Task.FromResult(NotRunning);
            }
            output.WriteLine($"running in {cluster.RootDirectory} on 127.0.0.1:{cluster.Port} (postmaster pid {cluster.RunningServerPid()}). " +
                             $"Connect with: {cluster.PsqlHint(options.LocalDatabaseName)}");
            return Task.FromResult(0);
        });
    }

    private static int Watch(CliArguments args, TextWriter output, TextWriter error)
    {
        var options = Options(args);
        if (!double.TryParse(args.Get("interval", "5"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 0.1 or > 3600)
        {
            error.WriteLine("--interval takes seconds between 0.1 and 3600.");
            return CliApp.UsageError;
        }
        int? whilePid = null;
        if (args.Find("while-pid") is { } pidText)
        {
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                error.WriteLine("--while-pid takes a process id.");
                return CliApp.UsageError;
            }
            whilePid = pid;
        }
        return Guard(error, async () =>
        {
            if (LocalPostgresCluster.Attach(options.ClusterDirectory) is not { } cluster)
            {
                error.WriteLine($"No server runs in {options.ClusterDirectory}: start it with 'db start' first.");
                return 1;
            }
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            var logger = new WriterLogger(error);
            var watching = new LocalClusterWatcher(cluster, logger).WatchAsync(TimeSpan.FromSeconds(seconds), null, stop.Token);
            while (!stop.IsCancellationRequested && (whilePid is null || IsAlive(whilePid.Value)))
                await Task.WhenAny(watching, Task.Delay(TimeSpan.FromSeconds(1)));
            await stop.CancelAsync();
            await watching;
            return 0;
        });
    }

    private static int Backup(CliArguments args, TextWriter output, TextWriter error)
    {
        var file = args.Positional[0];
        return WithDatabase(args, error, async connectionString =>
        {
            var manifest = await DatabaseBackup.BackupAsync(connectionString, file);
            output.WriteLine($"Wrote {Path.GetFullPath(file)} and {Path.GetFullPath(file)}{DatabaseBackup.ManifestSuffix}: database {manifest.Database}, " +
                             $"{manifest.Rows.Count} tables, {manifest.Rows.Values.Sum()} rows, figures of {manifest.Statistics.Count} district(s).");
            return 0;
        });
    }

    private static int Restore(CliArguments args, TextWriter output, TextWriter error)
    {
        var file = args.Positional[0];
        return WithDatabase(args, error, async connectionString =>
        {
            var differences = await DatabaseBackup.RestoreAsync(connectionString, file);
            if (differences.Count == 0)
            {
                output.WriteLine($"Restored {Path.GetFullPath(file)}: row counts and campaign figures equal those of the backup.");
                return 0;
            }
            error.WriteLine($"Restored {Path.GetFullPath(file)}, but it differs from its manifest in {differences.Count} place(s):");
            foreach (var difference in differences) error.WriteLine(difference);
            return 1;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the database of <c>ConnectionStrings__RiskMap</c>, else on <c>--database</c> of the
    /// embedded cluster (started for the command and stopped again when it was not running).
    /// </summary>
    private static int WithDatabase(CliArguments args, TextWriter error, Func<string, Task<int>> work) => Guard(error, async () =>
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__RiskMap");
        if (!string.IsNullOrWhiteSpace(configured)) return await work(configured);
        var options = Options(args);
        await using var cluster = await LocalPostgresCluster.StartAsync(options.ClusterDirectory, durable: true);
        await cluster.EnsureDatabaseAsync(options.LocalDatabaseName);
        return await work(cluster.ConnectionString(options.LocalDatabaseName));
    });

    /// <summary>Runs <paramref name="work"/>; a failure the operator can act on is one line on the error writer and exit code 1.</summary>
    private static int Guard(TextWriter error, Func<Task<int>> work)
    {
        try
        {
            return work().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is LocalPostgresException or DatabaseBackupException or Npgsql.NpgsqlException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Writes log lines of level Information and above to a text writer (the command's standard error).</summary>
    private sealed class WriterLogger(TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) writer.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {logLevel}: {formatter(state, exception)}");
        }
    }
}
