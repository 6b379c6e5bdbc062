using RiskMap.Api.Hosting;

namespace RiskMap.TestSupport;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, created with the service's own <see cref="LocalPostgresCluster"/>
/// in a temporary folder and removed when the test process exits. Each test class gets its own database in it.
/// A machine without PostgreSQL/PostGIS fails the tests with the cluster's message; nothing is skipped.
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
        var name = $"{new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}_{Interlocked.Increment(ref _databases)}";
        await cluster.EnsureDatabaseAsync(name);
        return (name, cluster.ConnectionString(name));
    }

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
