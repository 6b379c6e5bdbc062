using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Geo;

namespace RiskMap.Cli.DemoData;

/// <summary>
/// Loads a folder written by <see cref="PrefectureGenerator"/> through <see cref="ImportService"/>, the path a user's
/// files take (binary COPY into staging, checks, one set-based merge), one part file per transaction, then runs
/// ANALYZE so that the planner knows the new sizes.
/// </summary>
internal static class PrefectureLoader
{
    /// <summary>Loads every file of <paramref name="directory"/>, printing a line per file with rows per second.</summary>
    /// <exception cref="ImportRejectedException">A file has invalid rows.</exception>
    public static async Task LoadAsync(IServiceProvider services, string directory, TextWriter progress, CancellationToken cancellationToken)
    {
        Func<string, Func<ImportService, Task<int>>, Task> step = (what, work) => StepAsync(services, progress, what, work);
        await LoadPlacesAsync(services, directory, progress, cancellationToken);
        await ImportPartsAsync(directory, "enterprises", EnterpriseRecord.Columns, row => EnterpriseRecord.Parse(row, GeographicSystem.Wgs84),
            (import, file, records) => import.ImportEnterprisesAsync(file, records, DuplicatePolicy.Reject, cancellationToken), step);
        await ImportPartsAsync(directory, "inspections", InspectionRecord.Columns, InspectionRecord.Parse,
            (import, file, records) => import.ImportInspectionsAsync(file, records, cancellationToken), step);
        await ImportPartsAsync(directory, "hazards", HazardRecord.Columns, HazardRecord.Parse,
            (import, file, records) => import.ImportHazardsAsync(file, records, cancellationToken), step);

        var clock = Stopwatch.StartNew();
        await using (var analyze = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("VACUUM ANALYZE"))
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        progress.WriteLine($"VACUUM ANALYZE: {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Runs one import step in its own scope and prints its rows per second.</summary>
    private static async Task StepAsync(IServiceProvider services, TextWriter progress, string what, Func<ImportService, Task<int>> work)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var rows = await work(scope.ServiceProvider.GetRequiredService<ImportService>());
        progress.WriteLine($"{what}: {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s ({rows / clock.Elapsed.TotalSeconds:N0} rows/s)");
    }

    /// <summary>Loads districts.geojson, townships.geojson and departments.csv: what enterprises need before they can be imported.</summary>
    /// <exception cref="ImportRejectedException">A file has invalid rows.</exception>
    public static async Task LoadPlacesAsync(IServiceProvider services, string directory, TextWriter progress, CancellationToken cancellationToken)
    {
        Task Step(string what, Func<ImportService, Task<int>> work) => StepAsync(services, progress, what, work);

        var districts = await DemoDataLoader.ReadGeoJsonAsync(Path.Combine(directory, "districts.geojson"), cancellationToken);
        await Step("districts.geojson", async import =>
        {
            foreach (var feature in districts)
            {
                var boundary = GeoJsonFiles.AsMultiPolygon(feature.Geometry)!;
                boundary.SRID = 4326;
                await import.ImportDistrictAsync(GeoJsonFiles.Text(feature.Attributes, "code")!, GeoJsonFiles.Text(feature.Attributes, "name")!,
                    boundary, GeoJsonFiles.Text(feature.Attributes, "source"), cancellationToken);
            }
            // Synthetic: every record of the prefecture is fictional, and the page says so.
            await DemoDataLoader.MarkDemoAsync(services.GetRequiredService<RiskMapDbContext>(),
                [.. districts.Select(f => GeoJsonFiles.Text(f.Attributes, "code")!)], cancellationToken);
            return districts.Count;
        });
        var townships = BoundaryRecords.ReadTownships(
            BoundaryRecords.Features(await DemoDataLoader.ReadGeoJsonAsync(Path.Combine(directory, "townships.geojson"), cancellationToken)),
            "townships.geojson", BoundaryMapping.Default, out var townshipErrors);
        if (townshipErrors.Count > 0) throw new ImportRejectedException(townshipErrors);
        await Step("townships.geojson", async import =>
        {
            foreach (var district in townships.GroupBy(t => t.Code[..6]))
                await import.ReplaceTownshipsAsync(district.Key, district.ToList(), cancellationToken);
            return townships.Count;
        });
        var errors = new List<ImportError>();
        var departments = DemoDataLoader.ReadDepartments(directory, errors);
        if (errors.Count > 0) throw new ImportRejectedException(errors);
        await Step("departments.csv", async import => (await import.ImportDepartmentsAsync(departments, cancellationToken)).RowsRead);

    }

    private static async Task ImportPartsAsync<T>(string directory, string stem, IReadOnlyList<string> columns, Func<CsvRow, T?> parse,
        Func<ImportService, string, List<T>, Task<ImportResult>> import, Func<string, Func<ImportService, Task<int>>, Task> step) where T : class
    {
        foreach (var path in PrefectureGenerator.Parts(directory, stem))
        {
            var file = Path.GetFileName(path);
            await step(file, async service =>
            {
                var errors = new List<ImportError>();
                var records = CsvRecords.ReadFile(directory, file, columns, errors, parse);
                if (errors.Count > 0) throw new ImportRejectedException(errors);
                return (await import(service, file, records)).RowsRead;
            });
        }
    }
}
