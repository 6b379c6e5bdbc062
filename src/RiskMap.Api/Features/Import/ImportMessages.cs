using Microsoft.Extensions.Localization;
using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// Writes what an import says — rejected and flagged values, notes, a preview's encoding reason — from its codes and
/// arguments (<see cref="ImportProblemCodes"/>) into text through <c>IStringLocalizer&lt;Messages&gt;</c>, in the
/// localizer's culture (the current UI culture: the request's <c>Accept-Language</c> in the API, the process's language
/// on the command line). Imports keep codes and arguments only; an answer is written when it is read, so a job started
/// by a Chinese page reads in English to an English script.
/// </summary>
public static class ImportMessages
{
    /// <summary>A coded message whose arguments are turned into text (<see cref="FieldError.Text"/>: dates yyyy-MM-dd, numbers invariant).</summary>
    public static CodedMessage Of(string code, params object?[] args) => new(code, args.Select(FieldError.Text).ToArray());

    /// <summary>The text of <paramref name="message"/>; <see cref="Describe"/> when the resources lack the code.</summary>
    public static string Text(IStringLocalizer localizer, CodedMessage message) => Text(localizer, message.Code, message.Args);

    /// <summary>
    /// The text of <paramref name="code"/> formatted with <paramref name="args"/> (names of the vocabulary and roles as
    /// labels, <see cref="MessageArguments"/>); <see cref="Describe"/> when the resources lack the code.
    /// </summary>
    public static string Text(IStringLocalizer localizer, string code, IReadOnlyList<string> args)
    {
        var text = localizer[code, MessageArguments.Localize(localizer, code, args)];
        return text.ResourceNotFound ? Describe(code, args) : text.Value;
    }

    /// <summary>A code and its arguments without the resources, for logs and exception messages: <c>code (arg; arg)</c>.</summary>
    public static string Describe(string code, IReadOnlyList<string> args) => args.Count == 0 ? code : $"{code} ({string.Join("; ", args)})";

    /// <summary>
    /// How a reason names a column: the file's header, then the canonical name in brackets when they differ (after
    /// <see cref="ImportText.HeaderKey"/>), e.g. <c>统一社会信用代码 (credit_code)</c>; the header alone when it is the
    /// canonical name.
    /// </summary>
    public static string ColumnLabel(string header, string column)
        => ImportText.HeaderKey(header) == ImportText.HeaderKey(column) ? header : $"{header} ({column})";

    /// <summary>
    /// <paramref name="error"/> with its <see cref="ImportError.Reason"/> written: the code's text, preceded by the column
    /// (<see cref="ColumnLabel"/>, <see cref="ImportProblemCodes.ReasonInColumn"/>) when the error concerns a column of
    /// the file.
    /// </summary>
    public static ImportError Render(IStringLocalizer localizer, ImportError error)
    {
        var reason = Text(localizer, error.Code, error.Args);
        if (error.Header is { } header) reason = Text(localizer, ImportProblemCodes.ReasonInColumn, [ColumnLabel(header, error.Column), reason]);
        return error with { Reason = reason };
    }

    /// <summary><paramref name="errors"/> with their reasons written.</summary>
    public static IReadOnlyList<ImportError> Render(IStringLocalizer localizer, IEnumerable<ImportError> errors)
        => errors.Select(e => Render(localizer, e)).ToList();

    /// <summary><paramref name="result"/> with its notes and flagged values written.</summary>
    public static ImportResult Render(IStringLocalizer localizer, ImportResult result) => result with
    {
        Notes = result.NoteCodes.Select(n => Text(localizer, n)).ToList(),
        Flagged = Render(localizer, result.Flagged),
    };

    /// <summary><paramref name="outcome"/> with every text written: notes, rejected values, and its result's notes and flagged values.</summary>
    public static ImportOutcome Render(IStringLocalizer localizer, ImportOutcome outcome) => outcome with
    {
        Result = outcome.Result is { } result ? Render(localizer, result) : null,
        Errors = Render(localizer, outcome.Errors),
        Notes = outcome.NoteCodes.Select(n => Text(localizer, n)).ToList(),
    };

    /// <summary><paramref name="preview"/> with its problems and its encoding reason written.</summary>
    public static ImportPreview Render(IStringLocalizer localizer, ImportPreview preview) => preview with
    {
        Table = preview.Table is { } table
            ? table with { EncodingReason = table.EncodingReasonCode is { } reason ? Text(localizer, reason) : null }
            : null,
        Errors = Render(localizer, preview.Errors),
    };
}
