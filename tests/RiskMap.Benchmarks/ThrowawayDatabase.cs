using System.Globalization;
using Npgsql;
using RiskMap.Api.Hosting;

/// <summary>What the database benchmarks share: their count option and the database they create for one run and drop after it.</summary>
internal static class ThrowawayDatabase
{
    /// <summary>
    /// The value of <c><paramref name="option"/> N</c> when <paramref name="args"/> is exactly that, <paramref name="fallback"/>
    /// when it is empty; null (with a message on standard error) for anything else or a count below 1.
    /// </summary>
    public static int? Count(string[] args, string option, int fallback, string usage)
    {
        if (args.Length == 0) return fallback;
        if (args.Length == 2 && args[0] == option)
        {
            if (int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1) return count;
            Console.Error.WriteLine($"{option} must be a positive whole number, not '{args[1]}'.");
            return null;
        }
        Console.Error.WriteLine(usage);
        return null;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the connection string of a new database <paramref name="name"/>: in the embedded
    /// cluster (.riskmap/postgres), or on the server of <c>ConnectionStrings__RiskMap</c> when it is set; the database is
    /// dropped afterwards, whatever happens.
    /// </summary>
    public static async Task<int> RunAsync(string name, Func<string, Task<int>> work)
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__RiskMap");
        LocalPostgresCluster? cluster = null;
        try
        {
            string connectionString;
            if (string.IsNullOrWhiteSpace(configured))
            {
                cluster = await LocalPostgresCluster.StartAsync(Path.Combine(RiskMapPaths.State, "postgres"));
                await cluster.EnsureDatabaseAsync(name);
                connectionString = cluster.ConnectionString(name);
            }
            else
            {
                await ExecuteAsync(configured, $"CREATE DATABASE {name}");
                connectionString = new NpgsqlConnectionStringBuilder(configured) { Database = name }.ToString();
            }
            return await work(connectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (cluster is not null)
            {
                await cluster.DropDatabaseAsync(name);
                await cluster.StopAsync();
            }
            else if (!string.IsNullOrWhiteSpace(configured))
                await ExecuteAsync(configured, $"DROP DATABASE IF EXISTS {name}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
