using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using RiskMap.Api.Features.Statistics;

namespace RiskMap.Api.Hosting;

/// <summary>
/// What a backup held when it was taken, written beside it (<c>FILE.manifest.json</c>) and compared after a restore.
/// </summary>
/// <param name="Format">Layout version of this record: 1.</param>
/// <param name="TakenAt">When the backup's snapshot was taken (UTC).</param>
/// <param name="Database">Name of the database backed up.</param>
/// <param name="Rows">Rows of every table of the <c>public</c> schema, by table name, counted in the backup's snapshot.</param>
/// <param name="Statistics">
/// The campaign figures (<c>GET /api/v1/statistics</c>, whole district, every sector, every record from 1949-10-01 to
/// 2100-12-31) of every district, by district code, as written by the API.
/// </param>
public sealed record BackupManifest(int Format, DateTimeOffset TakenAt, string Database, SortedDictionary<string, long> Rows,
    SortedDictionary<string, JsonElement> Statistics);

/// <summary>A backup or restore could not be made; the message says why (the tool's own words included).</summary>
public sealed class DatabaseBackupException(string message) : Exception(message);

/// <summary>
/// <c>RiskMap.Cli db backup FILE</c> and <c>db restore FILE</c>: a <c>pg_dump</c> archive in custom format (schema, data,
/// the <c>postgis</c> and <c>pg_trgm</c> extensions; attachments live in the database, so they are in it too) and a manifest
/// of row counts and campaign figures; the restore (<c>pg_restore</c>, one transaction) compares the restored database with
/// the manifest.
/// </summary>
/// <remarks>
/// The manifest and the dump see the same data: the backup locks every table of <c>public</c> in SHARE mode (writes wait;
/// reads go on), exports its snapshot (<c>pg_export_snapshot</c>), counts and computes the figures, and <c>pg_dump
/// --snapshot</c> dumps that snapshot; the locks are released when the dump has finished. Writes therefore wait for the
/// length of the backup — seconds for a county; a production server is backed up continuously with WAL archiving (README).
/// </remarks>
public static class DatabaseBackup
{
    /// <summary>Appended to the archive's path to name its manifest.</summary>
    public const string ManifestSuffix = ".manifest.json";

    private static readonly DateOnly FirstDay = new(1949, 10, 1), LastDay = new(2100, 12, 31);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes the database of <paramref name="connectionString"/> to <paramref name="file"/> (pg_dump custom format) and
    /// its manifest to <paramref name="file"/><see cref="ManifestSuffix"/>. Returns the manifest.
    /// </summary>
    /// <exception cref="DatabaseBackupException">pg_dump failed (its message is quoted).</exception>
    public static async Task<BackupManifest> BackupAsync(string connectionString, string file, CancellationToken cancellationToken = default)
    {
        file = Path.GetFullPath(file);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var tables = await TablesAsync(connection, cancellationToken);
        // LOCK before the transaction's first query: its snapshot then holds every write committed before the lock and none after.
        await ExecuteAsync(connection, $"LOCK TABLE {string.Join(", ", tables.Select(Quote))} IN SHARE MODE", cancellationToken);
        var snapshot = (string)(await ScalarAsync(connection, "SELECT pg_export_snapshot()", cancellationToken))!;
        var manifest = await ReadManifestAsync(connection, connectionString, tables, cancellationToken);

        await RunToolAsync("pg_dump", connectionString, ["--format=custom", $"--snapshot={snapshot}", "--no-password", "--file", file], cancellationToken);
        await File.WriteAllTextAsync(file + ManifestSuffix, JsonSerializer.Serialize(manifest, Json), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Restores <paramref name="file"/> into the empty database of <paramref name="connectionString"/> (pg_restore in one
    /// transaction: all or nothing), then compares its row counts and campaign figures with the manifest written by the
    /// backup. Returns the differences, one line each ("table hazards: 1832 in the backup, 1830 restored"); empty when
    /// everything is equal.
    /// </summary>
    /// <exception cref="DatabaseBackupException">The manifest is missing, the database already holds tables, or pg_restore failed.</exception>
    public static async Task<IReadOnlyList<string>> RestoreAsync(string connectionString, string file, CancellationToken cancellationToken = default)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file)) throw new DatabaseBackupException($"{file} does not exist.");
        if (!File.Exists(file + ManifestSuffix))
            throw new DatabaseBackupException($"{file + ManifestSuffix} is missing: it is written beside the archive by 'db backup' and is needed to check the restore.");
        var expected = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(file + ManifestSuffix, cancellationToken), Json)
            ?? throw new DatabaseBackupException($"{file + ManifestSuffix} holds no manifest.");

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            var existing = await TablesAsync(connection, cancellationToken);
            if (existing.Count > 0)
                throw new DatabaseBackupException(
                    $"The database {connection.Database} already holds tables ({string.Join(", ", existing.Take(5))}{(existing.Count > 5 ? ", …" : "")}): " +
                    "restore into a new, empty database (CREATE DATABASE …), then point ConnectionStrings__RiskMap at it.");
        }
        await RunToolAsync("pg_restore", connectionString,
            ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", "--no-password", "--dbname", Libpq(connectionString), file],
            cancellationToken, passDatabaseAsVariable: false);
        NpgsqlConnection.ClearAllPools();

        await using var restored = new NpgsqlConnection(connectionString);
        await restored.OpenAsync(cancellationToken);
        await using var transaction = await restored.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var actual = await ReadManifestAsync(restored, connectionString, await TablesAsync(restored, cancellationToken), cancellationToken);
        return Compare(expected, actual);
    }

    /// <summary>
    /// The differences between two manifests: tables whose row counts differ or that only one holds, and every figure of a
    /// district's statistics that differs (by JSON path), one line each; empty when equal.
    /// </summary>
    public static IReadOnlyList<string> Compare(BackupManifest backup, BackupManifest restored)
    {
        var differences = new List<string>();
        foreach (var table in backup.Rows.Keys.Union(restored.Rows.Keys).Order(StringComparer.Ordinal))
        {
            var (before, after) = (backup.Rows.GetValueOrDefault(table, -1), restored.Rows.GetValueOrDefault(table, -1));
            if (before != after) differences.Add($"table {table}: {Count(before)} in the backup, {Count(after)} restored");
        }
        foreach (var district in backup.Statistics.Keys.Union(restored.Statistics.Keys).Order(StringComparer.Ordinal))
        {
            var before = backup.Statistics.TryGetValue(district, out var b) ? Flatten(b) : [];
            var after = restored.Statistics.TryGetValue(district, out var a) ? Flatten(a) : [];
            foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
            {
                var (x, y) = (before.GetValueOrDefault(path, "(none)"), after.GetValueOrDefault(path, "(none)"));
                if (x != y) differences.Add($"statistics of district {district}, {path}: {x} in the backup, {y} restored");
            }
        }
        return differences;

        static string Count(long n) => n < 0 ? "no table" : n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Row counts (exact, in the connection's current transaction) and every district's campaign figures.</summary>
    private static async Task<BackupManifest> ReadManifestAsync(NpgsqlConnection connection, string connectionString, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
            rows[table] = (long)(await ScalarAsync(connection, $"SELECT count(*) FROM {Quote(table)}", cancellationToken))!;

        var statistics = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        if (tables.Contains("districts"))
        {
            var districts = new List<string>();
            await using (var command = new NpgsqlCommand("SELECT code FROM districts ORDER BY code", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var row = new RiskMap.Api.Features.SqlRow(reader);
                while (await reader.ReadAsync(cancellationToken)) districts.Add(row.Get<string>("code"));
            }
            // The API's own query; the tables are locked against writes (backup) or freshly restored, so its connections see the same rows.
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            foreach (var district in districts)
            {
                var figures = await StatisticsQueries.GetAsync(dataSource, district, null, null, FirstDay, LastDay, null, cancellationToken);
                statistics[district] = JsonSerializer.SerializeToElement(figures, Json);
            }
        }
        return new BackupManifest(1, DateTimeOffset.UtcNow, connection.Database, rows, statistics);
    }

    /// <summary>Tables of the <c>public</c> schema except PostGIS's own <c>spatial_ref_sys</c>, by name.</summary>
    private static async Task<IReadOnlyList<string>> TablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using var command = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys' ORDER BY tablename COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new RiskMap.Api.Features.SqlRow(reader);
        while (await reader.ReadAsync(cancellationToken)) tables.Add(row.Get<string>("tablename"));
        return tables;
    }

    private static Dictionary<string, string> Flatten(JsonElement element)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(element, "");
        return values;

        void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}");
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]");
                    break;
                default:
                    values[path] = e.GetRawText();
                    break;
            }
        }
    }

    /// <summary>
    /// Runs a PostgreSQL client program against the database of <paramref name="connectionString"/>: host, port, user,
    /// password (never on the command line) and, unless <paramref name="passDatabaseAsVariable"/> is false, the database
    /// as libpq environment variables.
    /// </summary>
    private static async Task RunToolAsync(string tool, string connectionString, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        bool passDatabaseAsVariable = true)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(LocalPostgresCluster.ClientProgram(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username;
        start.Environment["PGPASSWORD"] = settings.Password;
        if (passDatabaseAsVariable) start.Environment["PGDATABASE"] = settings.Database;
        using var process = Process.Start(start) ?? throw new DatabaseBackupException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = ((await stdout) + (await stderr)).Trim();
        if (process.ExitCode != 0) throw new DatabaseBackupException($"{tool} failed with exit code {process.ExitCode}: {output}");
    }

    /// <summary>The database name as pg_restore's <c>--dbname</c> (the rest of the connection comes from the environment).</summary>
    private static string Libpq(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
