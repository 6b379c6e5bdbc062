using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Npgsql;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Hosting;
using RiskMap.Cli.Benchmarks;

/// <summary>
/// <c>import [--rows N]</c>: imports a generated N-row enterprise CSV through the whole pipeline (parse, check, binary COPY
/// into staging, set-based merge with the township trigger) and, in the same run and database, loads the same file with a
/// plain <c>COPY … (FORMAT csv)</c> into a bare table of text columns — the floor of what PostgreSQL can take — and with
/// a plain <c>COPY</c> straight into the <c>enterprises</c> table (every constraint, index and trigger firing; rolled
/// back) — what the database itself costs to take those rows (<see cref="CopyBaselines"/>). Prints rows per second of
/// each and the ratios. Runs in a throwaway database (created and dropped) on the server of
/// <c>ConnectionStrings__RiskMap</c> or in the embedded cluster.
/// </summary>
internal static class ImportBenchmark
{
    private const string District = "431199";

    /// <summary>Runs the benchmark with the arguments after <c>import</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (ThrowawayDatabase.Count(args, "--rows", 100_000, "usage: import [--rows N]") is not { } rows) return 2;
        var csv = Path.Combine(Path.GetTempPath(), $"riskmap-bench-{Environment.ProcessId}.csv");
        try
        {
            WriteCsv(csv, rows);
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
            output.WriteLine($"import benchmark: {rows} rows, {new FileInfo(csv).Length / 1024.0 / 1024.0:0.0} MiB CSV, {Environment.ProcessorCount} cores, load average {load}");
            return await ThrowawayDatabase.RunAsync($"riskmap_bench_{Environment.ProcessId}", connectionString => RunImportAsync(csv, rows, connectionString, output));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static async Task<int> RunImportAsync(string csv, int rows, string connectionString, TextWriter output)
    {
        // The file alone: read, normalise and check every row without a database.
        List<EnterpriseRecord> records;
        var parse = Stopwatch.StartNew();
        using (var table = ImportTable.Open(csv, "bench.csv", ArchiveLimits.Default))
        {
            var (_, parsedRows) = CsvRecords.Read(table, ImportColumns.Enterprises);
            records = parsedRows.Select(r => EnterpriseRecord.Parse(r, RiskMap.Api.Geo.GeographicSystem.Wgs84)).OfType<EnterpriseRecord>().ToList();
            var parsed = records.Count;
            if (parsed != rows) throw new InvalidOperationException($"{rows - parsed} generated rows did not parse.");
        }
        var parseSeconds = parse.Elapsed.TotalSeconds;

        var (copySeconds, copyIntoTableSeconds, importSeconds, outcome) = await OfflineHost.RunAsync(async services =>
        {
            var import = services.GetRequiredService<ImportService>();
            await CreateDistrictAsync(import);
            double copy, copyIntoTable;
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                copy = (await CopyBaselines.IntoTextTableAsync(connection, csv, "bench_plain")).Seconds;
                copyIntoTable = (await CopyBaselines.IntoEnterprisesAsync(connection, records)).Seconds;
            }
            var watch = Stopwatch.StartNew();
            var result = await services.GetRequiredService<ImportPipeline>().RunAsync(
                new ImportRequest(ImportKind.Enterprises, csv, "bench.csv", District: District, Crs: "wgs84"), null, default);
            return (copy, copyIntoTable, watch.Elapsed.TotalSeconds, result);
        }, connectionString);
        if (!outcome.Accepted)
        {
            foreach (var e in outcome.Errors.Take(20)) output.WriteLine($"rejected: row {e.Row} {e.Column} '{e.Value}': {ImportMessages.Describe(e.Code, e.Args)}");
            return 1;
        }
        output.WriteLine($"plain COPY (csv into a bare text table): {copySeconds,7:0.00} s  {rows / copySeconds,10:#,0} rows/s");
        output.WriteLine($"COPY into the enterprises table itself:  {copyIntoTableSeconds,7:0.00} s  {rows / copyIntoTableSeconds,10:#,0} rows/s");
        output.WriteLine($"parsing and checking the file alone:    {parseSeconds,7:0.00} s  {rows / parseSeconds,10:#,0} rows/s");
        output.WriteLine($"import (parse, check, COPY, merge):     {importSeconds,7:0.00} s  {rows / importSeconds,10:#,0} rows/s");
        output.WriteLine($"ratio import / plain COPY time: {importSeconds / copySeconds:0.0}x ({outcome.Result})");
        output.WriteLine($"ratio import / COPY into the enterprises table time: {importSeconds / copyIntoTableSeconds:0.0}x");
        return 0;
    }

    private static async Task CreateDistrictAsync(ImportService import)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        MultiPolygon Box(double x0, double x1) => factory.CreateMultiPolygon([factory.CreatePolygon([
            new(x0, 26.0), new(x1, 26.0), new(x1, 26.1), new(x0, 26.1), new(x0, 26.0)])]);
        await import.ImportDistrictAsync(District, "基准区", Box(112.0, 112.2), "bench", default);
        await import.ReplaceTownshipsAsync(District,
        [
            new TownshipBoundary(1, District + "001", "东街道", TownshipKind.Subdistrict, Box(112.1, 112.2), false, "bench"),
            new TownshipBoundary(2, District + "002", "西镇", TownshipKind.Town, Box(112.0, 112.1), false, "bench"),
        ], default);
    }

    /// <summary>Writes <paramref name="rows"/> valid enterprises (check characters per GB 32100-2015) spread over the bench district.</summary>
    internal static void WriteCsv(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("credit_code,name,sector,above_scale,address,longitude,latitude,department_code\n");
        var sectors = Sector.All;
        for (var i = 1; i <= rows; i++)
        {
            var first17 = $"91{District}{i:D8}X";
            var lon = (112.001 + i % 997 * 0.0001).ToString("F6", CultureInfo.InvariantCulture);
            var lat = (26.001 + i % 991 * 0.0001).ToString("F6", CultureInfo.InvariantCulture);
            writer.Write($"{first17}{UnifiedSocialCreditCode.CheckCharacter(first17)},企业{i},{sectors[i % sectors.Count].Code},{(i % 10 == 0 ? "true" : "false")},测试路{i}号,{lon},{lat},\n");
        }
    }
}
