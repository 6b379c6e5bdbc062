using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using RiskMap.Api.Features.Import;

namespace RiskMap.Cli.Benchmarks;

/// <summary>
/// The two baselines the enterprise import is measured against, both plain PostgreSQL <c>COPY</c> of the same rows in
/// the same database: into a bare table of text columns (the floor: no types, constraints, indexes or triggers), and
/// straight into the real <c>enterprises</c> table (the database's own cost of taking those rows: every check
/// constraint, foreign key, index and trigger, the township assignment included). Used by <c>bench run</c> and by the
/// <c>import</c> benchmark of tests/RiskMap.Benchmarks.
/// </summary>
public static class CopyBaselines
{
    /// <summary>
    /// Creates <paramref name="table"/> with the eight text columns of an enterprise CSV and copies
    /// <paramref name="csvPath"/> (UTF-8, header line, comma-separated) into it.
    /// </summary>
    /// <returns>Seconds the COPY took and the rows it loaded.</returns>
    public static async Task<(double Seconds, long Rows)> IntoTextTableAsync(NpgsqlConnection connection, string csvPath, string table)
    {
        await using (var create = new NpgsqlCommand($"""
            CREATE TABLE {table} (credit_code text, name text, sector text, above_scale text, address text,
                longitude text, latitude text, department_code text)
            """, connection))
            await create.ExecuteNonQueryAsync();
        var watch = Stopwatch.StartNew();
        await using (var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv, HEADER true)"))
        using (var reader = new StreamReader(csvPath, Encoding.UTF8))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, read);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (seconds, (long)(await count.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// Copies <paramref name="records"/> (already parsed, WGS-84) as CSV with the location as EWKT straight into
    /// <c>enterprises</c>, in a transaction that is rolled back, so that what runs next starts from the same state. The
    /// COPY goes into a fresh copy of the table: the transaction first empties <c>enterprises</c> (TRUNCATE … CASCADE
    /// gives the table and its indexes new files), so the rollback drops the copy whole and leaves the table as it was,
    /// without the dead rows and index entries a rolled-back COPY would leave for the import measured next. (On a
    /// server with <c>wal_level = minimal</c> PostgreSQL would skip the WAL of such a COPY; the default, replica, does
    /// not.) The CSV text is built and the table emptied before the clock starts.
    /// </summary>
    /// <returns>Seconds the COPY took and the rows it sent.</returns>
    /// <exception cref="PostgresException">A row broke a constraint (the records should have passed the import's checks).</exception>
    public static async Task<(double Seconds, long Rows)> IntoEnterprisesAsync(NpgsqlConnection connection, IEnumerable<EnterpriseRecord> records)
    {
        var text = new StringBuilder();
        long rows = 0;
        foreach (var r in records)
        {
            text.Append(Quote(r.CreditCode)).Append(',').Append(Quote(r.Name)).Append(',').Append(Quote(r.Sector)).Append(',')
                .Append(r.AboveScale ? "true" : "false").Append(',').Append(Quote(r.Address)).Append(',').Append(Quote(r.DepartmentCode)).Append(',')
                .Append(CultureInfo.InvariantCulture, $"SRID=4326;POINT({r.Longitude:R} {r.Latitude:R})").Append('\n');
            rows++;
        }
        var csv = text.ToString();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var empty = new NpgsqlCommand("TRUNCATE enterprises CASCADE", connection, transaction))
            await empty.ExecuteNonQueryAsync();
        var watch = Stopwatch.StartNew();
        await using (var writer = await connection.BeginTextImportAsync(
            "COPY enterprises (credit_code, name, sector, above_scale, address, department_code, location) FROM STDIN (FORMAT csv)"))
        {
            const int chunk = 1 << 16;
            for (var i = 0; i < csv.Length; i += chunk)
                await writer.WriteAsync(csv.AsMemory(i, Math.Min(chunk, csv.Length - i)));
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await transaction.RollbackAsync();
        return (seconds, rows);
    }

    /// <summary>A CSV field: empty (NULL to COPY) for null, quoted with doubled quotes otherwise.</summary>
    private static string Quote(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"") + "\"";
}
