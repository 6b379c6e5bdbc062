using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace RiskMap.Api.Hosting;

/// <summary>
/// A private PostgreSQL cluster that the command line (<c>RiskMap.Cli db start</c>, run by <c>./scripts/run.sh</c>) or a
/// test creates and runs, listening on 127.0.0.1 only, with a random password for its superuser <c>riskmap</c>. The
/// service never starts one: it connects (<see cref="Attach"/> in Development).
/// </summary>
/// <remarks>
/// Layout under <see cref="RootDirectory"/>: <c>data/</c> (PGDATA), <c>run/</c> (Unix socket),
/// <c>log/postgres.log</c> (server log) and <c>password</c> (the superuser's password, mode 0600).
/// PostgreSQL refuses to run as root, so when this process is root the server binaries run as the
/// <c>postgres</c> system user through <c>runuser</c>, and the folder belongs to that user.
/// Server binaries are taken from <c>RISKMAP_PG_BIN</c> when set, else from the newest
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (Debian's layout); PostGIS must be installed for that version.
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>Name of the bootstrap superuser.</summary>
    public const string SuperUser = "riskmap";

    private const string ServerUser = "postgres";
    private readonly ILogger _logger;
    private readonly bool _durable;
    private bool _startedHere;

    private LocalPostgresCluster(string root, string binDirectory, bool durable, ILogger logger)
    {
        RootDirectory = root;
        BinDirectory = binDirectory;
        _durable = durable;
        _logger = logger;
    }

    /// <summary>Absolute folder holding the cluster.</summary>
    public string RootDirectory { get; }

    /// <summary>Folder of the PostgreSQL server binaries used.</summary>
    public string BinDirectory { get; }

    /// <summary>PGDATA.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>File holding the superuser's password.</summary>
    public string PasswordFile => Path.Combine(RootDirectory, "password");

    /// <summary>Server log file.</summary>
    public string LogFile => Path.Combine(RootDirectory, "log", "postgres.log");

    /// <summary>TCP port on 127.0.0.1 while running; 0 before <see cref="StartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The superuser's password.</summary>
    public string Password { get; private set; } = "";

    /// <summary>
    /// Creates the cluster in <paramref name="rootDirectory"/> when it does not exist yet and starts it (or
    /// attaches to it when it is already running). Returns when it accepts connections.
    /// </summary>
    /// <param name="rootDirectory">Folder for the cluster; created when missing.</param>
    /// <param name="durable">False for throwaway test clusters: fsync and synchronous commit are switched off.</param>
    /// <param name="logger">Where progress and the psql hint are written.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <exception cref="LocalPostgresException">PostgreSQL or PostGIS is not installed, or the server did not start (the message quotes its log).</exception>
    public static async Task<LocalPostgresCluster> StartAsync(string rootDirectory, bool durable = true, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var cluster = new LocalPostgresCluster(Path.GetFullPath(rootDirectory), FindBinDirectory(), durable, logger ?? NullLogger.Instance);
        await cluster.StartCoreAsync(cancellationToken);
        return cluster;
    }

    /// <summary>
    /// The cluster in <paramref name="rootDirectory"/> when its server is running (its port read from
    /// <c>postmaster.pid</c>, its password from <see cref="PasswordFile"/>), else null. Starts nothing, creates nothing:
    /// this is how the service reaches the embedded cluster that <c>RiskMap.Cli db start</c> or <c>./scripts/run.sh</c>
    /// started. <see cref="StopAsync"/> on the result does nothing (it did not start it); <see cref="ShutdownAsync"/> stops it.
    /// </summary>
    /// <exception cref="LocalPostgresException">A server runs there but PostgreSQL's binaries are not found.</exception>
    public static LocalPostgresCluster? Attach(string rootDirectory, ILogger? logger = null)
    {
        var root = Path.GetFullPath(rootDirectory);
        var probe = new LocalPostgresCluster(root, "", durable: true, logger ?? NullLogger.Instance);
        if (probe.RunningServerPid() is null || probe.TryReadRunningPort() is not { } port || !File.Exists(probe.PasswordFile)) return null;
        return new LocalPostgresCluster(root, FindBinDirectory(), durable: true, logger ?? NullLogger.Instance)
        {
            Port = port,
            Password = File.ReadAllText(probe.PasswordFile).Trim(),
        };
    }

    /// <summary>Stops the server whoever started it (fast shutdown: open transactions are rolled back).</summary>
    public async Task ShutdownAsync()
    {
        _startedHere = true;
        await StopAsync();
    }

    /// <summary>
    /// The path of a PostgreSQL client program (<c>pg_dump</c>, <c>pg_restore</c>, <c>psql</c>) of the newest installed
    /// server version with PostGIS (or <c>RISKMAP_PG_BIN</c>), so that a dump is written by the server's own version; on a
    /// machine without a server, the program of that name on the <c>PATH</c> (Debian's <c>postgresql-client</c>).
    /// </summary>
    public static string ClientProgram(string name)
    {
        try
        {
            return Path.Combine(FindBinDirectory(), name);
        }
        catch (LocalPostgresException)
        {
            return name;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> as the superuser over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
        // Commands such as a full demo import or a migration can run for a while.
        CommandTimeout = 300,
    }.ConnectionString;

    /// <summary>The psql command line a person can paste to reach <paramref name="database"/>.</summary>
    public string PsqlHint(string database)
        => $"PGPASSWORD=\"$(cat {PasswordFile})\" psql -h 127.0.0.1 -p {Port} -U {SuperUser} {database}";

    /// <summary>Creates <paramref name="database"/> unless it exists, then the <c>postgis</c> extension in it.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)} ENCODING 'UTF8' TEMPLATE template0", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
                _logger.LogInformation("Created database {Database}", database);
            }
        }
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection);
        await extension.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops <paramref name="database"/> if it exists, closing its connections.</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(database)} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops the server if this object started it (fast shutdown: open transactions are rolled back).</summary>
    public async Task StopAsync()
    {
        if (!_startedHere) return;
        NpgsqlConnection.ClearAllPools();
        await RunServerToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None, throwOnError: false);
        _startedHere = false;
        _logger.LogInformation("Stopped the PostgreSQL cluster at {Root}", RootDirectory);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// The process id of the running server (postmaster) read from <c>postmaster.pid</c>, or null when no server runs:
    /// no lock file, or its process gone or a zombie (killed, not yet reaped). Reads files only, so a watcher can call
    /// it every few seconds.
    /// </summary>
    public int? RunningServerPid()
    {
        // Line 1 of postmaster.pid is the postmaster's pid (PostgreSQL's documented layout of the lock file).
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), out var pid)) return null;
            // /proc/<pid>/stat: "pid (name) state …"; a zombie (Z) or dead (X) process no longer serves.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is 'Z' or 'X' ? null : pid;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts the server again, on the same port so that connection strings stay valid, after it stopped or died
    /// (e.g. <c>kill -9</c> of the postmaster): PostgreSQL recovers from its write-ahead log. Afterwards
    /// <see cref="StopAsync"/> stops it.
    /// </summary>
    /// <exception cref="LocalPostgresException">The server did not start (the message quotes its log): the port is taken,
    /// or processes of the dead server still hold its shared memory; trying again a little later usually succeeds.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        _startedHere = true;
        var result = await StartServerAsync(cancellationToken);
        if (result.ExitCode != 0) throw NotStarted(result);
        _logger.LogInformation("PostgreSQL cluster at {Root} is listening again on 127.0.0.1:{Port}", RootDirectory, Port);
    }

    /// <summary>
    /// Creates a streaming standby of this (running) cluster in <paramref name="rootDirectory"/> with
    /// <c>pg_basebackup -R -X stream</c> (which writes <c>standby.signal</c> and <c>primary_conninfo</c>), and starts it on
    /// a free port of 127.0.0.1. It shares this cluster's superuser and password and replays its changes read-only until
    /// <see cref="PromoteAsync"/>.
    /// </summary>
    /// <param name="rootDirectory">An empty or missing folder for the standby.</param>
    /// <param name="logger">Where progress is written.</param>
    /// <param name="cancellationToken">Cancels the copy and the wait.</param>
    /// <exception cref="LocalPostgresException">The base backup failed or the standby did not start (the message quotes its log).</exception>
    public async Task<LocalPostgresCluster> StartStandbyAsync(string rootDirectory, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var standby = new LocalPostgresCluster(Path.GetFullPath(rootDirectory), BinDirectory, _durable, logger ?? NullLogger.Instance);
        Directory.CreateDirectory(standby.RootDirectory);
        File.Copy(PasswordFile, standby.PasswordFile, overwrite: true);
        File.SetUnixFileMode(standby.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (IsRoot) await RunAsync("chown", ["-R", $"{ServerUser}:{ServerUser}", standby.RootDirectory], cancellationToken);
        var source = $"host=127.0.0.1 port={Port} user={SuperUser} password={Password}";
        await RunServerToolAsync("pg_basebackup", ["-d", source, "-D", standby.DataDirectory, "-R", "-X", "stream", "-c", "fast"], cancellationToken);
        await standby.StartCoreAsync(cancellationToken);
        return standby;
    }

    /// <summary>
    /// Promotes this standby to a primary (<c>pg_ctl promote -w</c>: it stops replaying and accepts writes). Returns when
    /// the promotion is complete.
    /// </summary>
    /// <exception cref="LocalPostgresException">pg_ctl failed, e.g. the server is not a standby or not running.</exception>
    public async Task PromoteAsync(CancellationToken cancellationToken = default)
    {
        await RunServerToolAsync("pg_ctl", ["promote", "-D", DataDirectory, "-w", "-t", "60"], cancellationToken);
        _logger.LogInformation("Promoted the PostgreSQL standby at {Root} to primary", RootDirectory);
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(RootDirectory);
        Directory.CreateDirectory(Path.Combine(RootDirectory, "run"));
        Directory.CreateDirectory(Path.Combine(RootDirectory, "log"));
        if (IsRoot) await PrepareForServerUserAsync(cancellationToken);

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitializeAsync(cancellationToken);
        Password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken)).Trim();

        if (TryReadRunningPort() is { } runningPort &&
            (await RunServerToolAsync("pg_ctl", ["status", "-D", DataDirectory], cancellationToken, throwOnError: false)).ExitCode == 0)
        {
            Port = runningPort;
            _logger.LogInformation("Attached to the PostgreSQL cluster already running at {Root} on 127.0.0.1:{Port}", RootDirectory, Port);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var result = await StartServerAsync(cancellationToken);
            if (result.ExitCode == 0) break;
            // Another process may have taken the port between probing and binding: try another.
            if (attempt < 3 && TailOfLog().Contains("could not bind", StringComparison.OrdinalIgnoreCase)) continue;
            throw NotStarted(result);
        }
        _startedHere = true;
        _logger.LogInformation("PostgreSQL cluster at {Root} is listening on 127.0.0.1:{Port}", RootDirectory, Port);
    }

    /// <summary>Writes the settings of <see cref="Port"/> and starts the server, waiting until it accepts connections.</summary>
    private async Task<ToolResult> StartServerAsync(CancellationToken cancellationToken)
    {
        await WriteRuntimeSettingsAsync(cancellationToken);
        return await RunServerToolAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "120"], cancellationToken,
            throwOnError: false);
    }

    private LocalPostgresException NotStarted(ToolResult result) => new(
        $"PostgreSQL did not start in {RootDirectory} (pg_ctl exit {result.ExitCode}): {result.Output.Trim()}\nLast lines of {LogFile}:\n{TailOfLog()}");

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
            throw new LocalPostgresException($"{DataDirectory} exists but holds no cluster (no PG_VERSION); remove it to let the service create a new one.");
        _logger.LogInformation("Creating a PostgreSQL cluster in {Root}", RootDirectory);
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, Password + "\n", cancellationToken);
        File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (IsRoot) await ChownToServerUserAsync(PasswordFile, cancellationToken);

        await RunServerToolAsync("initdb",
            ["-D", DataDirectory, "-U", SuperUser, "--pwfile", PasswordFile, "-A", "scram-sha-256", "-E", "UTF8",
             "--locale", "C.UTF-8", "--no-instructions"], cancellationToken);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"),
            "\n# Settings written by RiskMap at each start (port, socket, listen address).\ninclude_if_exists = 'riskmap.conf'\n", cancellationToken);
    }

    private async Task WriteRuntimeSettingsAsync(CancellationToken cancellationToken)
    {
        var settings = new StringBuilder()
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine($"port = {Port}")
            .AppendLine($"unix_socket_directories = '{Path.Combine(RootDirectory, "run").Replace("'", "''")}'")
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 256MB")
            .AppendLine("work_mem = 32MB")
            .AppendLine("maintenance_work_mem = 256MB");
        if (!_durable)
            settings.AppendLine("fsync = off").AppendLine("synchronous_commit = off").AppendLine("full_page_writes = off");
        var path = Path.Combine(DataDirectory, "riskmap.conf");
        await File.WriteAllTextAsync(path, settings.ToString(), cancellationToken);
        if (IsRoot) await ChownToServerUserAsync(path, cancellationToken);
    }

    private int? TryReadRunningPort()
    {
        // postmaster.pid line 4 is the port (PostgreSQL's documented layout of the lock file).
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        try
        {
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string TailOfLog()
    {
        try
        {
            return File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(15)) : "(no log)";
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    private async Task PrepareForServerUserAsync(CancellationToken cancellationToken)
    {
        // The server user must be able to reach the folder: add search (x) permission for others on any
        // ancestor that lacks it. Read permission is not given, so listings stay private.
        for (var dir = Directory.GetParent(RootDirectory); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
                _logger.LogWarning("Gave others search permission (o+x) on {Directory} so that the postgres user can reach the cluster", dir.FullName);
            }
        }
        await RunAsync("chown", ["-R", $"{ServerUser}:{ServerUser}", RootDirectory], cancellationToken);
        File.SetUnixFileMode(RootDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private Task ChownToServerUserAsync(string path, CancellationToken cancellationToken)
        => RunAsync("chown", [$"{ServerUser}:{ServerUser}", path], cancellationToken);

    private Task<ToolResult> RunServerToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var exe = Path.Combine(BinDirectory, tool);
        return IsRoot
            ? RunAsync("runuser", ["-u", ServerUser, "--", exe, .. arguments], cancellationToken, throwOnError)
            : RunAsync(exe, arguments, cancellationToken, throwOnError);
    }

    private static async Task<ToolResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        bool throwOnError = true)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The server must not inherit the caller's locale settings or PG* variables.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["LC_ALL"] = "C.UTF-8";

        using var process = Process.Start(start) ?? throw new LocalPostgresException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await stdout) + (await stderr);
        if (throwOnError && process.ExitCode != 0)
            throw new LocalPostgresException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {output.Trim()}");
        return new ToolResult(process.ExitCode, output);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("RISKMAP_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new LocalPostgresException($"RISKMAP_PG_BIN={configured} holds no initdb.");
        }
        const string debianRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(c => c.Version > 0 && File.Exists(Path.Combine(c.Dir, "bin", "initdb")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
            throw new LocalPostgresException(
                "No PostgreSQL server found (looked for /usr/lib/postgresql/<version>/bin/initdb). Install postgresql-15 and " +
                "postgresql-15-postgis-3 (the README's commands do it), set RISKMAP_PG_BIN, or configure ConnectionStrings:RiskMap.");
        var chosen = candidates.FirstOrDefault(c => File.Exists($"/usr/share/postgresql/{c.Version}/extension/postgis.control"));
        if (chosen.Dir is null)
            throw new LocalPostgresException(
                $"PostgreSQL {candidates[0].Version} is installed but PostGIS is not. Install postgresql-{candidates[0].Version}-postgis-3 " +
                "(the README's commands do it).");
        return Path.Combine(chosen.Dir, "bin");
    }

    private static bool IsRoot => geteuid() == 0;

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private sealed record ToolResult(int ExitCode, string Output);
}

/// <summary>The embedded PostgreSQL cluster could not be created or started; the message says why and what to install.</summary>
public sealed class LocalPostgresException(string message) : Exception(message);
