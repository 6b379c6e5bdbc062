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
