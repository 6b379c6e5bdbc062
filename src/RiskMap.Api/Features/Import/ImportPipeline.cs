using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>What to import and how; shared by the API, the page and the command line.</summary>
/// <param name="Kind">What the file holds.</param>
/// <param name="Path">Where the file is on disk.</param>
/// <param name="FileName">Its name as uploaded (the extension picks the format; errors name it).</param>
/// <param name="DryRun">Check and merge inside a transaction that is then rolled back: the same answer, nothing written.</param>
/// <param name="District">6-digit district; when null, the township codes' first six digits (boundaries) or the only stored district (enterprises).</param>
/// <param name="DistrictName">Name of a district that is not stored yet (boundaries only): it is created.</param>
/// <param name="Crs">Source coordinate system: wgs84, cgcs2000, gcj02, bd09 or EPSG:nnnn. Boundaries: required unless the file says it; enterprises: required.</param>
/// <param name="Encoding">CSV text encoding: auto (default), utf-8, gbk, gb18030.</param>
/// <param name="Sheet">XLSX worksheet; the first when null.</param>
/// <param name="Mapping">Tables: field → header text; boundaries: <c>code</c>/<c>name</c>/<c>kind</c> → property name.</param>
/// <param name="Duplicates">Enterprises: what to do with a credit code already stored.</param>
/// <param name="AcceptOutside">Enterprises: keep points outside the district (flagged) instead of rejecting the file.</param>
/// <param name="Code">Boundaries: the code of a file holding one bare Polygon/MultiPolygon (6 digits for a district, 9 for a township).</param>
/// <param name="Name">Boundaries: the name of a file holding one bare geometry.</param>
public sealed record ImportRequest(ImportKind Kind, string Path, string FileName, bool DryRun = false, string? District = null,
    string? DistrictName = null, string? Crs = null, string? Encoding = null, string? Sheet = null,
    IReadOnlyDictionary<string, string>? Mapping = null, DuplicatePolicy Duplicates = DuplicatePolicy.Reject, bool AcceptOutside = false,
    string? Code = null, string? Name = null);

/// <summary>Where an import is.</summary>
/// <param name="Stage"><c>reading</c>, <c>checking</c> or <c>done</c>.</param>
/// <param name="Rows">Rows (features) read so far.</param>
/// <param name="Fraction">Share of the file read, 0–1.</param>
public sealed record ImportProgress(string Stage, int Rows, double Fraction);

/// <summary>The answer of an import: accepted (and written unless a dry run) or rejected with every reason.</summary>
/// <param name="Accepted">True when nothing was rejected.</param>
/// <param name="DryRun">True when nothing was written whatever the outcome.</param>
/// <param name="Written">True when the database was changed.</param>
/// <param name="Result">Counts and notes of the merge (also for a dry run); null when it did not get that far.</param>
/// <param name="Errors">Every rejected value: row (header = 1; feature number for boundaries; 0 for the whole file), column, value, code and arguments.</param>
/// <param name="NoteCodes">Decisions worth telling (encoding, coordinate system, conversions) as codes of <see cref="ImportProblemCodes"/> and their arguments.</param>
/// <param name="Preview">The rows as a WGS-84 GeoJSON FeatureCollection for the map (townships; up to 2000 enterprise points); null otherwise.</param>
/// <remarks>
/// The texts — <see cref="Notes"/>, each error's <see cref="ImportError.Reason"/>, the result's notes — are written by
/// <see cref="ImportMessages.Render(Microsoft.Extensions.Localization.IStringLocalizer, ImportOutcome)"/> when the outcome is answered.
/// </remarks>
public sealed record ImportOutcome(bool Accepted, bool DryRun, bool Written, ImportResult? Result, IReadOnlyList<ImportError> Errors,
    IReadOnlyList<CodedMessage> NoteCodes, RawGeoJson? Preview)
{
    /// <summary>The texts of <see cref="NoteCodes"/> in the reader's language, in the same order; empty until the answer is written.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Boundaries: the mapping used, <c>code</c>/<c>name</c>/<c>kind</c> → property (no <c>kind</c> when it is derived from
    /// the name); without an explicit mapping it is the preview's <see cref="BoundaryPreview.SuggestedMapping"/>. Null for tables.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }
}

/// <summary>
/// Runs one import from file to database: reads the file (boundaries: <see cref="BoundaryFiles"/> and
/// <see cref="BoundaryConversion"/>; tables: <see cref="ImportTable"/> and the record parsers), then merges through
/// <see cref="ImportService"/> in one transaction that is committed only when no row was rejected and it is not a dry
/// run. Parse errors and the database's checks are reported together.
/// </summary>
public sealed class ImportPipeline(RiskMapDbContext db, ImportService import, NpgsqlDataSource dataSource, IOptions<ImportOptions> options)
{
    /// <summary>
    /// Why an enterprise file cannot be read without a geographic coordinate system: CSV and XLSX carry none, so the
    /// caller names it (checked up front by the API, and again here for the command line).
    /// </summary>
    public static CodedMessage EnterpriseCrsRequired { get; } = ImportMessages.Of(ImportProblemCodes.PointsCrsRequired, (object)Crs.Names);

    /// <summary>Most enterprise points returned in <see cref="ImportOutcome.Preview"/>.</summary>
    public const int PreviewPoints = 2000;

    /// <summary>Runs <paramref name="request"/>; <paramref name="progress"/> hears how far it got.</summary>
    public async Task<ImportOutcome> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return request.Kind switch
            {
                ImportKind.Boundaries => await BoundariesAsync(request, progress, cancellationToken),
                ImportKind.Roads => await RoadsAsync(request, progress, cancellationToken),
                _ => await TableAsync(request, progress, cancellationToken),
            };
        }
        catch (ImportRejectedException e)
        {
            return new ImportOutcome(false, request.DryRun, false, null, e.Errors, [], null);
        }
    }

    private async Task<ImportOutcome> BoundariesAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ImportProgress("reading", 0, 0));
        var file = await BoundaryFiles.ReadAsync(request.Path, request.FileName, options.Value.ArchiveLimits, cancellationToken);
        if (file.BareGeometry) file = file.Named(request.Code, request.Name);
        else if (request.Code is not null || request.Name is not null)
            return Refused(request, [], request.Code is not null ? "code" : "name", request.Code ?? request.Name,
                ImportMessages.Of(ImportProblemCodes.BoundaryNamesForBareGeometryOnly));
        var mapping = BoundaryMappingOf(request.Mapping, file);
        var used = MappingDictionary(mapping);
        var outcome = await BoundaryFeaturesAsync(request, file, mapping, progress, cancellationToken);
        return outcome with
        {
            Mapping = used,
            NoteCodes = [ImportMessages.Of(ImportProblemCodes.BoundaryNoteMapping, mapping.CodeProperty, mapping.NameProperty, mapping.KindProperty ?? "—"), .. outcome.NoteCodes],
        };
    }

    private async Task<ImportOutcome> BoundaryFeaturesAsync(ImportRequest request, BoundaryFile file, BoundaryMapping mapping,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var converted = await BoundaryConversion.ToWgs84Async(file, request.FileName, request.Crs, dataSource, cancellationToken);
        var notes = new List<CodedMessage>(converted.Notes);
        var errors = new List<ImportError>(converted.Errors);
        var source = $"imported from {request.FileName}";
        if (BoundaryRecords.LevelOf(file.Features, mapping) == BoundaryLevel.District)
        {
            var districts = BoundaryRecords.ReadDistricts(converted.Features, request.FileName, mapping, out var districtErrors, source);
            errors.AddRange(districtErrors);
            progress?.Report(new ImportProgress("checking", file.Features.Count, 1));
            var outlines = Collection(districts.Select(d => (Geometry)d.Boundary),
                districts.Select(d => new AttributesTable { { "code", d.Code }, { "name", d.Name }, { "feature", d.Feature } }));
            if (errors.Count > 0 || districts.Count == 0)
            {
                if (errors.Count == 0) errors.Add(new ImportError(request.FileName, 0, "", null, ImportProblemCodes.NoTownship));
                return new ImportOutcome(false, request.DryRun, false, null, errors, notes, outlines);
            }
            return await InTransactionAsync(request, notes, outlines, [], () => import.ImportDistrictsAsync(request.FileName, districts, cancellationToken),
                cancellationToken, runKind: ImportService.DistrictsRunKind);
        }

        var derived = new List<string>();
        var townships = BoundaryRecords.ReadTownships(converted.Features, request.FileName, mapping, out var recordErrors, source, derived);
        errors.AddRange(recordErrors);
        if (derived.Count > 0) notes.Add(ImportMessages.Of(ImportProblemCodes.BoundaryNoteKindsDerived, derived.Count, derived));
        progress?.Report(new ImportProgress("checking", file.Features.Count, 1));
        var preview = TownshipPreview(townships);
        if (errors.Count > 0 || townships.Count == 0)
        {
            if (errors.Count == 0) errors.Add(new ImportError(request.FileName, 0, "", null, ImportProblemCodes.NoTownship));
            return new ImportOutcome(false, request.DryRun, false, null, errors, notes, preview);
        }

        var district = request.District;
        if (district is null)
        {
            var prefixes = townships.Select(t => t.Code.Length >= 6 ? t.Code[..6] : t.Code).Distinct().ToList();
            if (prefixes.Count != 1)
                return new ImportOutcome(false, request.DryRun, false, null,
                    [new ImportError(request.FileName, 0, "district", string.Join(", ", prefixes), ImportProblemCodes.SeveralDistrictsInFile)],
                    notes, preview);
            district = prefixes[0];
        }
        return await InTransactionAsync(request, notes, preview, [], () =>
            import.ReplaceTownshipsAsync(district, townships, cancellationToken, request.DistrictName), cancellationToken);
    }

    /// <summary>
    /// A road network (<see cref="Roads.RoadFiles"/>, <see cref="Roads.RoadImport"/>): every feature checked first, then the
    /// district's network replaced in the import's transaction; the result carries the network's counts.
    /// </summary>
    private async Task<ImportOutcome> RoadsAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ImportProgress("reading", 0, 0));
        var errors = new List<ImportError>();
        var notes = new List<CodedMessage>();
        var speeds = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var lines = await Roads.RoadFiles.ReadAsync(request.Path, request.FileName, request.Crs, request.Mapping, options.Value.ArchiveLimits,
            dataSource, errors, notes, speeds, cancellationToken);
        var features = lines.Select(l => l.Feature).DefaultIfEmpty(0).Max();
        progress?.Report(new ImportProgress("checking", features, 1));
        if (errors.Count > 0) return new ImportOutcome(false, request.DryRun, false, null, [.. errors.OrderBy(e => e.Row)], notes, null);
        var (district, problem) = await DistrictAsync(request.District, cancellationToken);
        if (problem is not null) return Refused(request, notes, "district", request.District, problem);
        Roads.RoadNetworkSummary? summary = null;
        var outcome = await InTransactionAsync(request, notes, null, [], async () =>
        {
            var (result, network) = await Roads.RoadImport.ReplaceAsync(db, request.FileName, district!, lines, speeds, features, cancellationToken);
            summary = network;
            return result;
        }, cancellationToken);
        return outcome.Result is { } written ? outcome with { Result = written with { Network = summary } } : outcome;
    }

    private async Task<ImportOutcome> TableAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var table = ImportTable.Open(request.Path, request.FileName, options.Value.ArchiveLimits, request.Encoding, request.Sheet);
        var notes = new List<CodedMessage>();
        if (table.EncodingReason is { } encoding) notes.Add(encoding);
        if (table.Sheet is not null) notes.Add(ImportMessages.Of(ImportProblemCodes.NoteWorksheet, table.Sheet));
        var (parser, rows) = CsvRecords.Read(table, ImportColumns.For(request.Kind), request.Mapping);
        var outcome = await TableRowsAsync(request, progress, table, parser, rows, notes, cancellationToken);
        return outcome with
        {
            Errors = parser.WithHeaders(outcome.Errors),
            Result = outcome.Result is { } result ? result with { Flagged = parser.WithHeaders(result.Flagged) } : null,
        };
    }

    private async Task<ImportOutcome> TableRowsAsync(ImportRequest request, IProgress<ImportProgress>? progress, ImportTable table,
        CsvRecords parser, IEnumerable<CsvRow> rows, List<CodedMessage> notes, CancellationToken cancellationToken)
    {
        if (parser.Errors.Count > 0) return new ImportOutcome(false, request.DryRun, false, null, parser.Errors, notes, null);

        var read = 0;
        IEnumerable<CsvRow> Counted()
        {
            foreach (var row in rows)
            {
                if (++read % 1000 == 0) progress?.Report(new ImportProgress("reading", read, table.Fraction));
                yield return row;
            }
            progress?.Report(new ImportProgress("checking", read, 1));
        }

        switch (request.Kind)
        {
            case ImportKind.Enterprises:
            {
                if (SourceCrs.Parse(request.Crs) is not { Geographic: { } system })
                    return Refused(request, notes, "crs", request.Crs, EnterpriseCrsRequired);
                notes.Add(ImportMessages.Of(ImportProblemCodes.NotePointsCrs, Crs.Name(system)));
                var (district, problem) = await DistrictAsync(request.District, cancellationToken);
                if (problem is not null) return Refused(request, notes, "district", request.District, problem);
                var points = new List<EnterpriseRecord>();
                // Rows with errors are staged too (see IImportRecord), so that the database checks report their other problems.
                var records = Counted().Select(r => EnterpriseRecord.Read(r, system))
                    .Select(r =>
                    {
                        if (points.Count < PreviewPoints && r.IsValid()) points.Add(r);
                        return r;
                    });
                var options = new EnterpriseImportOptions(request.Duplicates, district, request.AcceptOutside);
                return await InTransactionAsync(request, notes, null, parser.Errors,
                    () => import.ImportEnterprisesAsync(request.FileName, records, options, null, cancellationToken), cancellationToken,
                    () => EnterprisePreview(points));
            }
            case ImportKind.Inspections:
            {
                var records = Counted().Select(InspectionRecord.Read).ToList();
                return await InTransactionAsync(request, notes, null, parser.Errors,
                    () => import.ImportInspectionsAsync(request.FileName, records, cancellationToken), cancellationToken);
            }
            case ImportKind.Hazards:
            {
                var records = Counted().Select(HazardRecord.Read).ToList();
                return await InTransactionAsync(request, notes, null, parser.Errors,
                    () => import.ImportHazardsAsync(request.FileName, records, cancellationToken), cancellationToken);
            }
            default:
            {
                var records = Counted().Select(EnforcementRecord.Read).ToList();
                return await InTransactionAsync(request, notes, null, parser.Errors,
                    () => import.ImportEnforcementActionsAsync(request.FileName, records, cancellationToken), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="merge"/> in a transaction; rejects when it throws or when <paramref name="readErrors"/> (filled while
    /// the merge enumerates the file) holds anything; rolls back unless accepted and not a dry run. A committed import is
    /// recorded in <c>import_runs</c> (as <paramref name="runKind"/>, default the request's kind) in the same transaction.
    /// </summary>
    private async Task<ImportOutcome> InTransactionAsync(ImportRequest request, List<CodedMessage> notes, RawGeoJson? preview,
        IReadOnlyList<ImportError> readErrors, Func<Task<ImportResult>> merge, CancellationToken cancellationToken,
        Func<RawGeoJson?>? previewAfter = null, string? runKind = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ImportResult? result = null;
        var errors = new List<ImportError>();
        try
        {
            result = await merge();
        }
        catch (ImportRejectedException e)
        {
            errors.AddRange(e.Errors);
        }
        errors = [.. readErrors.Concat(errors).OrderBy(e => e.Row)];
        var accepted = errors.Count == 0;
        if (accepted && !request.DryRun)
        {
            await import.RecordRunAsync(request.Kind, runKind, request.FileName, result!.RowsRead, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else await transaction.RollbackAsync(cancellationToken);
        return new ImportOutcome(accepted, request.DryRun, accepted && !request.DryRun, result, errors, notes, previewAfter?.Invoke() ?? preview);
    }

    private async Task<(string? Code, CodedMessage? Problem)> DistrictAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is not null)
            return await db.Districts.AnyAsync(d => d.Code == code, cancellationToken) ? (code, null) : (null, ImportMessages.Of(ImportProblemCodes.DistrictUnknown, code));
        var districts = await db.Districts.OrderBy(d => d.Code).Select(d => d.Code).Take(2).ToListAsync(cancellationToken);
        return districts.Count switch
        {
            1 => (districts[0], null),
            0 => (null, ImportMessages.Of(ImportProblemCodes.NoDistrict)),
            _ => (null, ImportMessages.Of(ImportProblemCodes.SeveralDistricts)),
        };
    }

    private static ImportOutcome Refused(ImportRequest request, List<CodedMessage> notes, string column, string? value, CodedMessage reason)
        => new(false, request.DryRun, false, null, [new ImportError(request.FileName, 0, column, value, reason.Code, reason.Args)], notes, null);

    /// <summary>
    /// The boundary mapping: the user's <c>code</c>/<c>name</c>/<c>kind</c> choices, else what the preview suggests for the
    /// same file (<see cref="BoundaryRecords.SuggestMapping"/>: the same function on the same sample).
    /// </summary>
    internal static BoundaryMapping BoundaryMappingOf(IReadOnlyDictionary<string, string>? mapping, BoundaryFile file)
    {
        var suggested = BoundaryRecords.SuggestMapping(file);
        string? Pick(string key) => mapping is not null && mapping.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        return new BoundaryMapping(Pick("code") ?? suggested.CodeProperty, Pick("name") ?? suggested.NameProperty, Pick("kind") ?? suggested.KindProperty);
    }

    /// <summary>
    /// Guesses which properties hold a township's code, name and kind: one whose values are 9-digit codes (or 12-digit codes
    /// ending in 000), one whose values end in 街道/镇/乡, else properties named code/adcode (DataV/Amap)/XZQDM and
    /// name/XZQMC, else the feature's top-level GeoJSON <c>id</c>; kind only when a property is called kind.
    /// </summary>
    public static BoundaryMapping SuggestBoundaryMapping(IReadOnlyList<string> properties, IReadOnlyList<IAttributesTable> sample)
    {
        string? ByValues(Func<string, bool> test) => properties.FirstOrDefault(p =>
            sample.Count > 0 && sample.All(a => GeoJsonFiles.Text(a, p) is { } v && test(v.Trim())));
        string? ByName(params string[] names) => properties.FirstOrDefault(p => names.Contains(p, StringComparer.OrdinalIgnoreCase));
        var code = ByName("code") ?? ByValues(v => v.Length == 9 && v.All(char.IsAsciiDigit))
            ?? ByName("adcode", "xzqdm", "dm", "townshipcode", "township_code", "id") ?? "code";
        var name = ByName("name") ?? ByValues(v => BoundaryRecords.KindFromName(v) is not null) ?? ByName("xzqmc", "mc", "townshipname") ?? "name";
        return new BoundaryMapping(code, name, ByName("kind"));
    }

    /// <summary>A mapping as the preview and the outcome show it: <c>code</c>/<c>name</c>/<c>kind</c> → property.</summary>
    internal static Dictionary<string, string> MappingDictionary(BoundaryMapping mapping)
    {
        var result = new Dictionary<string, string> { ["code"] = mapping.CodeProperty, ["name"] = mapping.NameProperty };
        if (mapping.KindProperty is not null) result["kind"] = mapping.KindProperty;
        return result;
    }

    private static RawGeoJson TownshipPreview(IEnumerable<TownshipBoundary> townships)
        => Collection(townships.Select(t => (Geometry)t.Boundary), townships.Select(t => new AttributesTable
        {
            { "code", t.Code }, { "name", t.Name }, { "feature", t.Feature },
        }));

    private static RawGeoJson EnterprisePreview(IReadOnlyList<EnterpriseRecord> points)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        return Collection(points.Select(p => (Geometry)factory.CreatePoint(new Coordinate(p.Longitude, p.Latitude))),
            points.Select(p => new AttributesTable { { "row", p.Row }, { "name", p.Name }, { "sector", p.Sector } }));
    }

    private static RawGeoJson Collection(IEnumerable<Geometry> geometries, IEnumerable<AttributesTable> attributes)
    {
        var collection = new FeatureCollection();
        foreach (var (g, a) in geometries.Zip(attributes)) collection.Add(new Feature(g, a));
        return new RawGeoJson(JsonSerializer.Serialize(collection, GeoJsonFiles.Options));
    }
}
