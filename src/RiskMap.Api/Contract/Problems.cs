using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace RiskMap.Api.Contract;

/// <summary>
/// One thing wrong with a request: the parameter or body field it concerns (a query name such as <c>pageSize</c>, or a
/// JSON path such as <c>hazards[0].deadline</c>), a stable machine-readable <see cref="Code"/> from
/// <see cref="ProblemCodes"/>, and the arguments its message is formatted with (already text: dates as yyyy-MM-dd,
/// numbers in invariant form). The message itself is written later, in the caller's language
/// (<see cref="ProblemLocalization"/>).
/// </summary>
/// <param name="Field">Parameter name or JSON path.</param>
/// <param name="Code">Stable code, e.g. <c>range</c> or <c>credit-code.check-character</c>.</param>
/// <param name="Args">Arguments of the message, in the order of its placeholders {0}, {1}, ….</param>
public sealed record FieldError(string Field, string Code, IReadOnlyList<string> Args)
{
    /// <summary>A field error with arguments turned into text (see <see cref="Text"/>).</summary>
    public FieldError(string field, string code, params object?[] args) : this(field, code, (IReadOnlyList<string>)args.Select(Text).ToArray())
    {
    }

    /// <summary>An argument as text: dates yyyy-MM-dd, numbers invariant, null empty, sequences comma-separated.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>().Select(Text)),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// Builds RFC 7807 problems that carry a stable <c>code</c> and its <c>args</c> (and, for invalid requests, an
/// <c>errorCodes</c> member mapping each field to its codes and arguments) instead of text. The title, detail and field
/// messages are written from the resources in the caller's language when the answer is written
/// (<see cref="ProblemLocalization"/>), so handlers never build user-facing text.
/// </summary>
public static class Problems
{
    /// <summary>Extension member holding the problem's code.</summary>
    public const string CodeMember = "code";

    /// <summary>Extension member holding the problem's arguments (array of strings).</summary>
    public const string ArgsMember = "args";

    /// <summary>Extension member mapping each field to its errors as <c>{ code, args }</c> objects.</summary>
    public const string ErrorCodesMember = "errorCodes";

    /// <summary>
    /// A 400 validation problem (code <see cref="ProblemCodes.RequestInvalid"/>) listing every error by field, each field's
    /// errors in the order given.
    /// </summary>
    public static ProblemHttpResult Invalid(IEnumerable<FieldError> errors) => TypedResults.Problem(InvalidDetails(errors));

    /// <summary>A 400 validation problem for one field.</summary>
    public static ProblemHttpResult Invalid(string field, string code, params object?[] args) => Invalid([new FieldError(field, code, args)]);

    /// <summary>The problem details of <see cref="Invalid(IEnumerable{FieldError})"/>, for writers that are not endpoints.</summary>
    public static HttpValidationProblemDetails InvalidDetails(IEnumerable<FieldError> errors, string code = ProblemCodes.RequestInvalid)
    {
        var byField = errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => new CodedMessage(e.Code, e.Args)).ToArray(), StringComparer.Ordinal);
        var problem = new HttpValidationProblemDetails(byField.ToDictionary(f => f.Key, f => f.Value.Select(m => m.Code).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
        };
        problem.Extensions[CodeMember] = code;
        problem.Extensions[ArgsMember] = Array.Empty<string>();
        problem.Extensions[ErrorCodesMember] = byField;
        return problem;
    }

    /// <summary>
    /// A problem with <paramref name="status"/> whose title and detail are the resources <c>{code}.title</c> and
    /// <c>{code}</c> formatted with <paramref name="args"/>. <paramref name="field"/>, when given, names the parameter or
    /// field concerned (member <c>parameter</c>).
    /// </summary>
    public static ProblemHttpResult Of(int status, string code, string? field = null, params object?[] args)
        => TypedResults.Problem(Details(status, code, field, args));

    /// <summary>The problem details of <see cref="Of"/>, for writers that are not endpoints.</summary>
    public static ProblemDetails Details(int status, string code, string? field = null, params object?[] args)
    {
        var problem = new ProblemDetails { Status = status };
        problem.Extensions[CodeMember] = code;
        problem.Extensions[ArgsMember] = args.Select(FieldError.Text).ToArray();
        if (field is not null) problem.Extensions["parameter"] = field;
        return problem;
    }

    /// <summary>
    /// 404: nothing of that kind has that id or code (<paramref name="code"/> names what was looked for); the message's
    /// arguments are the value and then the parameter's name.
    /// </summary>
    public static ProblemHttpResult NotFound(string code, string field, object? value, params object?[] more)
        => Of(StatusCodes.Status404NotFound, code, field, [value, .. more, field]);

    /// <summary>403: the township named by <paramref name="field"/> is outside the caller's townships.</summary>
    public static ProblemHttpResult OutsideScope(string field, string township)
        => Of(StatusCodes.Status403Forbidden, ProblemCodes.OutsideScope, field, township, field);

    /// <summary>
    /// A problem of <paramref name="status"/> (429, 503) asking the caller to come back later: sets the <c>Retry-After</c>
    /// header of <paramref name="http"/>'s response to <paramref name="after"/> in whole seconds (at least 1), which are
    /// the problem's first argument, followed by <paramref name="args"/>.
    /// </summary>
    public static ProblemHttpResult RetryLater(HttpContext http, int status, string code, TimeSpan after, params object?[] args)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(after.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Of(status, code, null, [seconds, .. args]);
    }
}

/// <summary>One coded message of a field in <c>errorCodes</c>.</summary>
/// <param name="Code">Stable code.</param>
/// <param name="Args">Message arguments as text.</param>
public sealed record CodedMessage(string Code, IReadOnlyList<string> Args);
