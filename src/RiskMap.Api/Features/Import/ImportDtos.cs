using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Contract;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// One rejected (or flagged) value of an import file: where it is, what it holds, and what is wrong as a stable
/// <see cref="Code"/> of <see cref="ImportProblemCodes"/> with its <see cref="Args"/>. The text, <see cref="Reason"/>, is
/// written from the resources in the reader's language when an answer is written (<see cref="ImportMessages.Render(Microsoft.Extensions.Localization.IStringLocalizer, ImportError)"/>),
/// not when the file is read: a job's answer is read later, by requests in any language.
/// </summary>
/// <param name="File">File name (or logical name such as <c>enterprises</c>).</param>
/// <param name="Row">Row number as a spreadsheet shows it: the header is row 1, the first data row 2; for GeoJSON the 1-based feature index; 0 for the file as a whole.</param>
/// <param name="Column">Canonical column name (<c>credit_code</c>), property name (boundaries) or request field (<c>crs</c>); empty when the error concerns the whole row or file.</param>
/// <param name="Value">The offending value as read (truncated to 200 characters).</param>
/// <param name="Code">What is wrong: a code of <see cref="ImportProblemCodes"/>, e.g. <c>credit-code.check-character</c>.</param>
/// <param name="Args">The arguments of the code's message, as text, in the order of its placeholders.</param>
public sealed record ImportError(string File, int Row, string Column, string? Value, string Code, IReadOnlyList<string> Args)
{
    /// <summary>An error whose message arguments are turned into text (<see cref="FieldError.Text"/>).</summary>
    public ImportError(string file, int row, string column, string? value, string code, params object?[] args)
        : this(file, row, column, value, code, (IReadOnlyList<string>)args.Select(FieldError.Text).ToArray())
    {
    }

    /// <summary>
    /// The header of <see cref="Column"/> in the user's table file (e.g. 统一社会信用代码 for <c>credit_code</c>); null when
    /// the error concerns no column of the file (the whole file, a request field, a boundary property).
    /// </summary>
    public string? Header { get; init; }

    /// <summary>
    /// What is wrong in the reader's language, naming the column as the file names it and then its canonical name, e.g.
    /// 列“统一社会信用代码 (credit_code)”：…; null until the answer is written.
    /// </summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => $"{File} row {Row} column '{Column}' value '{Value}': {Reason ?? ImportMessages.Describe(Code, Args)}";
}

/// <summary>What an import wrote (or, in a dry run, would write).</summary>
/// <param name="File">File name or logical name.</param>
/// <param name="RowsRead">Data rows or features read.</param>
/// <param name="Inserted">Rows inserted.</param>
/// <param name="Updated">Rows updated.</param>
/// <param name="NoteCodes">Facts worth telling the user (e.g. that 12 enterprises moved to another township) as codes and arguments.</param>
public sealed record ImportResult(string File, int RowsRead, int Inserted, int Updated, IReadOnlyList<CodedMessage> NoteCodes)
{
    /// <summary>The texts of <see cref="NoteCodes"/> in the reader's language, in the same order; empty until the answer is written.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Road imports: the network as stored (edges, vertices, components, enterprises far from a road); null for other kinds.</summary>
    public Roads.RoadNetworkSummary? Network { get; init; }

    /// <summary>Rows kept but worth a look, e.g. enterprises outside the district that the user accepted.</summary>
    public IReadOnlyList<ImportError> Flagged { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{File}: {RowsRead} read, {Inserted} inserted, {Updated} updated"
        + (NoteCodes.Count > 0 ? " (" + string.Join("; ", Notes.Count == NoteCodes.Count ? Notes : NoteCodes.Select(n => ImportMessages.Describe(n.Code, n.Args))) + ")" : "");
}

/// <summary>
/// An import was refused because at least one row is invalid. Nothing was written: the caller's transaction
/// is rolled back. <see cref="Errors"/> lists every rejected value (not only the first).
/// </summary>
public sealed class ImportRejectedException(IReadOnlyList<ImportError> errors)
    : Exception($"{errors.Count} value(s) rejected; first: {errors[0]}")
{
    /// <summary>Every rejected value.</summary>
    public IReadOnlyList<ImportError> Errors { get; } = errors;
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
/// <param name="EncodingReasonCode">Why that encoding, as a code of <see cref="ImportProblemCodes"/> (<c>import.encoding.*</c>) and its arguments; null for XLSX.</param>
/// <param name="Sheets">Worksheets of an XLSX.</param>
/// <param name="Sheet">Worksheet read.</param>
/// <param name="Header">Header cells.</param>
/// <param name="Rows">The first 10 data rows.</param>
/// <param name="Fields">The fields the import reads.</param>
/// <param name="SuggestedMapping">Field → header, as the import would match them without a mapping.</param>
public sealed record TablePreview(string? Encoding, CodedMessage? EncodingReasonCode, IReadOnlyList<string> Sheets, string? Sheet, IReadOnlyList<string> Header,
    IReadOnlyList<PreviewRow> Rows, IReadOnlyList<ImportFieldInfo> Fields, IReadOnlyDictionary<string, string> SuggestedMapping)
{
    /// <summary>The text of <see cref="EncodingReasonCode"/> in the reader's language, e.g. "encoding gbk (not valid UTF-8: …)".</summary>
    public string? EncodingReason { get; init; }
}

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
/// <param name="UploadId">The upload to import (from <c>POST /api/v1/imports/uploads</c>); required.</param>
/// <param name="DryRun">Check everything and merge inside a transaction that is rolled back: the same answer, nothing written. Default false.</param>
/// <param name="District">6-digit district (GB/T 2260). Boundaries: default the township codes' first six digits; tables: default the only stored district.</param>
/// <param name="DistrictName">Name of a district not stored yet (boundaries): it is created with the townships' union as its outline; at most 100 characters.</param>
/// <param name="Crs">Source coordinate system: wgs84, cgcs2000, gcj02, bd09 or EPSG:nnnn. Boundaries: when the file does not say it; enterprises: required (wgs84, cgcs2000, gcj02 or bd09).</param>
/// <param name="Encoding">CSV text encoding: auto (default: byte-order mark, else UTF-8 when valid, else GBK), utf-8, gbk or gb18030.</param>
/// <param name="Sheet">XLSX worksheet; default the first.</param>
/// <param name="Mapping">Tables: field → header text (e.g. credit_code → 单位代码); boundaries: code/name/kind → property name. Default: matched by name.</param>
/// <param name="Duplicates">Enterprises whose credit code is stored: Reject (default: the file is refused, naming the rows), Update or Skip.</param>
/// <param name="AcceptOutside">Enterprises: keep points outside the district, flagged, instead of refusing the file. Default false.</param>
/// <param name="Code">Boundaries: the code of a GeoJSON file holding one bare Polygon or MultiPolygon (6 digits: a district; 9: a township); refused for a file of features, whose codes are properties.</param>
/// <param name="Name">Boundaries: the name of a file holding one bare geometry; at most 100 characters.</param>
public sealed record ImportJobRequest([Required] string? UploadId = null, bool DryRun = false, [DigitCode(6)] string? District = null,
    [StringLength(FieldLengths.Name)] string? DistrictName = null, [StringLength(100)] string? Crs = null, [OneOf("auto", "utf-8", "gbk", "gb18030")] string? Encoding = null,
    [StringLength(200)] string? Sheet = null, Dictionary<string, string>? Mapping = null, DuplicatePolicy? Duplicates = null, bool AcceptOutside = false,
    [StringLength(12)] string? Code = null, [StringLength(FieldLengths.Name)] string? Name = null)
    : IValidatableObject
{
    /// <summary>A coordinate system that is not one: <see cref="ImportProblemCodes.CrsUnknown"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Crs) && Geo.SourceCrs.Parse(Crs) is null)
            yield return new CodedValidationResult(ImportProblemCodes.CrsUnknown, [nameof(Crs)], Crs, Geo.Crs.Names);
    }
}

/// <summary>The route of <c>POST /api/v1/imports/{kind}</c>.</summary>
/// <param name="Kind">What the upload holds: boundaries, enterprises, inspections, hazards, enforcement or roads.</param>
public sealed record ImportRoute([OneOf("boundaries", "enterprises", "inspections", "hazards", "enforcement", "roads")] string Kind)
{
    /// <summary>The kind (call once <see cref="Kind"/> has been validated; a method, so that validation does not read it).</summary>
    public ImportKind ParseKind() => Enum.Parse<ImportKind>(Kind, ignoreCase: true);
}

/// <summary>The query of <c>GET /api/v1/imports/uploads/{uploadId}/preview</c>.</summary>
/// <param name="Kind">How to read the upload: boundaries, enterprises, inspections, hazards or enforcement; required.</param>
/// <param name="Encoding">CSV text encoding: auto (default), utf-8, gbk or gb18030.</param>
/// <param name="Sheet">XLSX worksheet; default the first.</param>
public sealed record ImportPreviewQuery(
    [Required, OneOf("boundaries", "enterprises", "inspections", "hazards", "enforcement")] string? Kind = null,
    [OneOf("auto", "utf-8", "gbk", "gb18030")] string? Encoding = null,
    [StringLength(200)] string? Sheet = null)
{
    /// <summary>The kind (call once <see cref="Kind"/> has been validated; a method, so that validation does not read it).</summary>
    public ImportKind ParseKind() => Enum.Parse<ImportKind>(Kind!, ignoreCase: true);
}

/// <summary>An import job: poll it until <paramref name="State"/> is Succeeded, Rejected, Failed or Cancelled.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Kind">What it imports.</param>
/// <param name="UploadId">The upload.</param>
/// <param name="FileName">The upload's name.</param>
/// <param name="DryRun">Nothing is written.</param>
/// <param name="State">Queued, Running, Succeeded, Rejected, Failed or Cancelled.</param>
/// <param name="Progress">Stage, rows read, share of the file read (0–1).</param>
/// <param name="Outcome">The answer once Succeeded or Rejected: counts, every rejected row, notes, a map preview; texts in the language of the request that reads it.</param>
/// <param name="Failure">Why it failed or was cancelled: in the request's language for a known reason (the database became
/// unreachable, its instance was lost, it was cancelled — nothing was written), else the message of the unexpected error.</param>
/// <param name="Created">Start.</param>
/// <param name="Finished">End.</param>
public sealed record ImportJobResponse(string Id, string Kind, string UploadId, string FileName, bool DryRun, string State,
    ImportProgress Progress, ImportOutcome? Outcome, string? Failure, DateTimeOffset Created, DateTimeOffset? Finished)
{
    /// <summary>True once its cancellation was asked for (<c>DELETE /api/v1/imports/jobs/{id}</c>): a running job then ends Cancelled within a heartbeat.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>The job as answered, its outcome and known failures written with <paramref name="localizer"/> (the reading request's language).</summary>
    internal static ImportJobResponse Of(ImportJob job, IStringLocalizer localizer) => new(job.Id, job.Request.Kind.ToString().ToLowerInvariant(), job.UploadId,
        job.Request.FileName, job.Request.DryRun, job.State.ToString(), job.Progress,
        job.Outcome is { } outcome ? ImportMessages.Render(localizer, outcome) : null,
        job.FailureMessage is { } key ? localizer[key] : job.Failure, job.Created, job.Finished)
    {
        CancelRequested = job.CancelRequested,
    };
}

/// <summary>
/// Writes an <see cref="ImportError"/> with its code, arguments and header, and reads it back (a stored job's outcome,
/// <see cref="Data.StoredJson"/>); the <see cref="ImportError.Reason"/> is not stored: it is written in each reader's language.
/// </summary>
public sealed class ImportErrorJsonConverter : System.Text.Json.Serialization.JsonConverter<ImportError>
{
    /// <inheritdoc />
    public override ImportError Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        using var document = System.Text.Json.JsonDocument.ParseValue(ref reader);
        var e = document.RootElement;
        string? Text(string name) => e.TryGetProperty(name, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String ? p.GetString() : null;
        IReadOnlyList<string> args = e.TryGetProperty("args", out var a) ? [.. a.EnumerateArray().Select(x => x.GetString() ?? "")] : [];
        return new ImportError(Text("file") ?? "", e.GetProperty("row").GetInt32(), Text("column") ?? "", Text("value"), Text("code") ?? "", args)
        {
            Header = Text("header"),
        };
    }

    /// <inheritdoc />
    public override void Write(System.Text.Json.Utf8JsonWriter writer, ImportError value, System.Text.Json.JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("file", value.File);
        writer.WriteNumber("row", value.Row);
        writer.WriteString("column", value.Column);
        writer.WriteString("value", value.Value);
        writer.WriteString("code", value.Code);
        writer.WriteStartArray("args");
        foreach (var arg in value.Args) writer.WriteStringValue(arg);
        writer.WriteEndArray();
        writer.WriteString("header", value.Header);
        writer.WriteEndObject();
    }
}
