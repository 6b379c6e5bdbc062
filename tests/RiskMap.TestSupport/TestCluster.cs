using Npgsql;
using RiskMap.Api.Hosting;

namespace RiskMap.TestSupport;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, created with the service's own <see cref="LocalPostgresCluster"/>
/// in a temporary folder and removed when the test process exits. Each test class gets its own database in it, usually
/// a copy of a template database (<see cref="CopyDatabaseAsync"/>, <see cref="DatabaseTemplate"/>). A machine without
/// PostgreSQL/PostGIS fails the tests with the cluster's message; nothing is skipped.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<LocalPostgresCluster>> Cluster = new(StartAsync);
    private static int _databases;

    /// <summary>The running cluster.</summary>
    public static Task<LocalPostgresCluster> GetAsync() => Cluster.Value;

    /// <summary>Creates a new empty database with PostGIS and returns its connection string.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync(string prefix)
    {
        var cluster = await GetAsync();
        var name = NewName(prefix);
        await cluster.EnsureDatabaseAsync(name);
        return (name, cluster.ConnectionString(name));
    }

    /// <summary>
    /// Creates a new database as a copy of <paramref name="template"/> (<c>CREATE DATABASE … TEMPLATE …</c>: every
    /// table, row, sequence position and extension of it) and returns its name and connection string.
    /// </summary>
    /// <param name="prefix">Start of the new database's name (e.g. the test class).</param>
    /// <param name="template">A database of this cluster to which no session is connected (see <see cref="CloseForCopiesAsync"/>).</param>
    /// <exception cref="PostgresException">The template does not exist or is in use.</exception>
    public static async Task<(string Name, string ConnectionString)> CopyDatabaseAsync(string prefix, string template)
    {
        var cluster = await GetAsync();
        var name = NewName(prefix);
        await using var admin = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(name)} TEMPLATE {Quote(template)}", admin);
        await create.ExecuteNonQueryAsync();
        return (name, cluster.ConnectionString(name));
    }

    /// <summary>
    /// Turns <paramref name="database"/> into a template no session can connect to (<c>IS_TEMPLATE true
    /// ALLOW_CONNECTIONS false</c>), closes this process's pooled connections to it and ends any other session in it,
    /// so that <see cref="CopyDatabaseAsync"/> can copy it while tests run.
    /// </summary>
    public static async Task CloseForCopiesAsync(string database)
    {
        var cluster = await GetAsync();
        await using (var pooled = new NpgsqlConnection(cluster.ConnectionString(database))) NpgsqlConnection.ClearPool(pooled);
        await using var admin = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var close = new NpgsqlCommand($"""
            ALTER DATABASE {Quote(database)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false;
            SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid();
            """, admin);
        close.Parameters.AddWithValue("name", database);
        await close.ExecuteNonQueryAsync();
    }

    private static string NewName(string prefix)
        => $"{new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}_{Interlocked.Increment(ref _databases)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<LocalPostgresCluster> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"riskmap-tests-{Environment.ProcessId}");
        var cluster = await LocalPostgresCluster.StartAsync(directory, durable: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover folder in /tmp is harmless.
            }
        };
        return cluster;
    }
}
