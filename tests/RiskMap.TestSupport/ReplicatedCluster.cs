using System.Diagnostics;
using Npgsql;
using RiskMap.Api.Hosting;

namespace RiskMap.TestSupport;

/// <summary>
/// A primary PostgreSQL cluster and one streaming standby of it (<c>pg_basebackup -R</c>), both on 127.0.0.1, in a
/// temporary folder of their own (not the shared <see cref="TestCluster"/>), so that a test can kill the primary and
/// promote the standby. Both are durable (fsync and synchronous commit on), like a real deployment. Dispose stops both
/// and deletes the folder.
/// </summary>
public sealed class ReplicatedCluster : IAsyncDisposable
{
    private readonly DirectoryInfo _root;

    private ReplicatedCluster(DirectoryInfo root, LocalPostgresCluster primary, LocalPostgresCluster standby)
        => (_root, Primary, Standby) = (root, primary, standby);

    /// <summary>The primary (read-write) cluster.</summary>
    public LocalPostgresCluster Primary { get; }

    /// <summary>The standby, replaying the primary's WAL until <see cref="LocalPostgresCluster.PromoteAsync"/>.</summary>
    public LocalPostgresCluster Standby { get; }

    /// <summary>
    /// Starts a primary with <paramref name="database"/> (and PostGIS) and a standby of it. With
    /// <paramref name="synchronous"/>, the primary then waits for the standby to have flushed each commit before
    /// acknowledging it (<c>synchronous_standby_names = '*'</c>, set on the primary only, after the base backup, so that
    /// the standby, once promoted, does not wait for a standby of its own).
    /// </summary>
    /// <exception cref="LocalPostgresException">A cluster did not start, or the base backup failed.</exception>
    public static async Task<ReplicatedCluster> StartAsync(string database, bool synchronous)
    {
        var root = Directory.CreateTempSubdirectory("riskmap-replicas-");
        var primary = await LocalPostgresCluster.StartAsync(Path.Combine(root.FullName, "primary"), durable: true);
        await primary.EnsureDatabaseAsync(database);
        var standby = await primary.StartStandbyAsync(Path.Combine(root.FullName, "standby"));
        if (synchronous)
        {
            await using var connection = new NpgsqlConnection(primary.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("ALTER SYSTEM SET synchronous_standby_names = '*'; SELECT pg_reload_conf();", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new ReplicatedCluster(root, primary, standby);
    }

    /// <summary>
    /// An Npgsql multi-host connection string naming both servers, primary first (<c>Host=127.0.0.1:p1,127.0.0.1:p2</c>),
    /// with <c>Host Recheck Seconds=1</c> so that a promotion is noticed within a second.
    /// </summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = $"127.0.0.1:{Primary.Port},127.0.0.1:{Standby.Port}",
        Username = LocalPostgresCluster.SuperUser,
        Password = Primary.Password,
        Database = database,
        HostRecheckSeconds = 1,
        Timeout = 5,
        CommandTimeout = 300,
    }.ConnectionString;

    /// <summary>
    /// Kills the primary's postmaster and every process of it (SIGKILL), as the loss of its machine would: no backend
    /// left over from the dead server finishes a transaction afterwards.
    /// </summary>
    public void KillPrimary()
    {
        var postmaster = Primary.RunningServerPid() ?? throw new InvalidOperationException("The primary is not running.");
        // Its backends, WAL senders and helpers: processes whose parent (field 4 of /proc/<pid>/stat) is the postmaster.
        var children = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == postmaster).ToList();
        foreach (var pid in children.Prepend(postmaster))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Standby.StopAsync();
        await Primary.StopAsync();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in /tmp is harmless.
        }
    }
}
