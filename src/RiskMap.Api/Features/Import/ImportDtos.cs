using Microsoft.Extensions.Localization;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Import;

/// <summary>One rejected value of an import file.</summary>
/// <param name="File">File name (or logical name such as <c>enterprises</c>).</param>
/// <param name="Row">Row number as a spreadsheet shows it: the header is row 1, the first data row 2; for GeoJSON the 1-based feature index; 0 for the file as a whole.</param>
/// <param name="Column">Column or property name; empty when the error concerns the whole row.</param>
/// <param name="Value">The offending value as read (truncated to 200 characters).</param>
/// <param name="Reason">What is wrong, in English.</param>
public sealed record ImportError(string File, int Row, string Column, string? Value, string Reason);

/// <summary>What an import wrote (or, in a dry run, would write).</summary>
/// <param name="File">File name or logical name.</param>
/// <param name="RowsRead">Data rows or features read.</param>
/// <param name="Inserted">Rows inserted.</param>
/// <param name="Updated">Rows updated.</param>
/// <param name="Notes">Facts worth telling the user (e.g. "12 enterprises moved to another township").</param>
public sealed record ImportResult(string File, int RowsRead, int Inserted, int Updated, IReadOnlyList<string> Notes)
{
    /// <summary>Rows kept but worth a look, e.g. enterprises outside the district that the user accepted.</summary>
    public IReadOnlyList<ImportError> Flagged { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{File}: {RowsRead} read, {Inserted} inserted, {Updated} updated"
        + (Notes.Count > 0 ? " (" + string.Join("; ", Notes) + ")" : "");
}

/// <summary>
/// An import was refused because at least one row is invalid. Nothing was written: the caller's transaction
/// is rolled back. <see cref="Errors"/> lists every rejected value (not only the first).
/// </summary>
public sealed class ImportRejectedException(IReadOnlyList<ImportError> errors)
    : Exception($"{errors.Count} value(s) rejected; first: {Describe(errors[0])}")
{
    /// <summary>Every rejected value.</summary>
    public IReadOnlyList<ImportError> Errors { get; } = errors;

    private static string Describe(ImportError e) => $"{e.File} row {e.Row} column '{e.Column}' value '{e.Value}': {e.Reason}";
}

/// <summary>An uploaded file, answered by <c>POST /api/v1/imports/uploads</c>.</summary>
/// <param name="Id">Upload id, to preview and import it.</param>
/// <param name="FileName">Name as stored.</param>
/// <param name="Bytes">Size.</param>
/// <param name="ExpiresAt">When it is deleted.</param>
public sealed record UploadResponse(string Id, string FileName, long Bytes, DateTimeOffset ExpiresAt);

/// <summary>The first rows of an upload and how it would be read, for the user to choose the mapping.</summary>
/// <param name="Kind">boundaries, enterprises, inspections, hazards or enforcement.</param>
/// <param name="FileName">Upload name.</param>
/// <param name="Format">csv, xlsx, geojson, shapefile or geopackage.</param>
/// <param name="Table">For table kinds.</param>
/// <param name="Boundaries">For boundaries.</param>
/// <param name="Errors">Problems already visible (unknown encoding, unreadable features, unrecognised .prj).</param>
public sealed record ImportPreview(string Kind, string FileName, string Format, TablePreview? Table, BoundaryPreview? Boundaries,
    IReadOnlyList<ImportError> Errors);

/// <summary>A row of a preview.</summary>
/// <param name="Row">Row number (header = 1) or feature number.</param>
/// <param name="Cells">Cell texts, in header order, as read (text, never markup).</param>
public sealed record PreviewRow(int Row, IReadOnlyList<string?> Cells);

/// <summary>A field an import reads.</summary>
/// <param name="Name">Canonical name (what the mapping keys are).</param>
/// <param name="Chinese">Chinese header.</param>
/// <param name="Required">Required column.</param>
public sealed record ImportFieldInfo(string Name, string Chinese, bool Required);

/// <summary>The preview of a CSV or XLSX file.</summary>
/// <param name="Encoding">CSV encoding used (detected or chosen); null for XLSX.</param>
/// <param name="EncodingReason">Why that encoding.</param>
/// <param name="Sheets">Worksheets of an XLSX.</param>
/// <param name="Sheet">Worksheet read.</param>
/// <param name="Header">Header cells.</param>
/// <param name="Rows">The first 10 data rows.</param>
/// <param name="Fields">The fields the import reads.</param>
/// <param name="SuggestedMapping">Field → header, as the import would match them without a mapping.</param>
public sealed record TablePreview(string? Encoding, string? EncodingReason, IReadOnlyList<string> Sheets, string? Sheet, IReadOnlyList<string> Header,
    IReadOnlyList<PreviewRow> Rows, IReadOnlyList<ImportFieldInfo> Fields, IReadOnlyDictionary<string, string> SuggestedMapping);

/// <summary>The preview of a boundary file.</summary>
/// <param name="Features">Features read.</param>
/// <param name="Properties">Attribute names.</param>
/// <param name="Rows">Attributes of the first 10 features, in <paramref name="Properties"/> order.</param>
/// <param name="DeclaredCrs">The coordinate system the file's metadata names (null: give the crs parameter).</param>
/// <param name="CrsMetadata">That metadata as text (.prj WKT, GeoJSON crs name, GeoPackage srs).</param>
/// <param name="GeometryTypes">Geometry types found, e.g. Polygon, MultiPolygon.</param>
/// <param name="SuggestedMapping"><c>code</c>/<c>name</c>/<c>kind</c> → property.</param>
public sealed record BoundaryPreview(int Features, IReadOnlyList<string> Properties, IReadOnlyList<PreviewRow> Rows, string? DeclaredCrs,
    string? CrsMetadata, IReadOnlyList<string> GeometryTypes, IReadOnlyDictionary<string, string> SuggestedMapping);

/// <summary>Body of <c>POST /api/v1/imports/{kind}</c>.</summary>
/// <param name="UploadId">The upload to import.</param>
/// <param name="DryRun">Check everything, write nothing.</param>
/// <param name="District">6-digit district (see <see cref="ImportRequest.District"/>).</param>
/// <param name="DistrictName">Name of a new district (boundaries).</param>
/// <param name="Crs">wgs84, cgcs2000, gcj02, bd09 or EPSG:nnnn.</param>
/// <param name="Encoding">auto, utf-8, gbk or gb18030 (CSV).</param>
/// <param name="Sheet">Worksheet (XLSX).</param>
/// <param name="Mapping">Field → header (tables) or code/name/kind → property (boundaries).</param>
/// <param name="Duplicates">reject (default), update or skip: enterprises whose credit code is stored.</param>
/// <param name="AcceptOutside">Keep enterprises outside the district, flagged.</param>
public sealed record ImportJobRequest(string UploadId, bool DryRun = false, string? District = null, string? DistrictName = null,
    string? Crs = null, string? Encoding = null, string? Sheet = null, Dictionary<string, string>? Mapping = null,
    string? Duplicates = null, bool AcceptOutside = false);

/// <summary>An import job: poll it until <paramref name="State"/> is Succeeded, Rejected or Failed.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Kind">What it imports.</param>
/// <param name="UploadId">The upload.</param>
/// <param name="FileName">The upload's name.</param>
/// <param name="DryRun">Nothing is written.</param>
/// <param name="State">Queued, Running, Succeeded, Rejected or Failed.</param>
/// <param name="Progress">Stage, rows read, share of the file read (0–1).</param>
/// <param name="Outcome">The answer once Succeeded or Rejected: counts, every rejected row, notes, a map preview.</param>
/// <param name="Failure">Why it failed: in the request's language when the database became unreachable (nothing was
/// written), else the message of the unexpected error.</param>
/// <param name="Created">Start.</param>
/// <param name="Finished">End.</param>
public sealed record ImportJobResponse(string Id, string Kind, string UploadId, string FileName, bool DryRun, string State,
    ImportProgress Progress, ImportOutcome? Outcome, string? Failure, DateTimeOffset Created, DateTimeOffset? Finished)
{
    internal static ImportJobResponse Of(ImportJob job, IStringLocalizer<Messages> messages) => new(job.Id,
        job.Request.Kind.ToString().ToLowerInvariant(), job.UploadId, job.Request.FileName, job.Request.DryRun, job.State.ToString(),
        job.Progress, job.Outcome, job.FailureMessage is { } key ? messages[key] : job.Failure, job.Created, job.Finished);
}
