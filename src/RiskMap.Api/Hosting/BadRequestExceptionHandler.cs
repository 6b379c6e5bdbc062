using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a date that does not parse, a string where a number
/// belongs, a key given twice, a NUL in a string) into a 400 validation problem naming the field by its JSON path, e.g.
/// <c>hazards[0].deadline</c>.
/// Needs <see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/> so that binding failures reach it.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var (field, message) = bad.InnerException switch
        {
            // Not JSON at all (truncated, a stray character): the body as a whole, with the reader's own position.
            JsonException { InnerException: { } reader } syntax when reader.GetType().Name == "JsonReaderException"
                => ("body", $"The body is not valid JSON: {Trim(syntax.Message)}"),
            // A value of the wrong type or format: named by its path, described by the field's declared type.
            JsonException json => ValueProblem(json),
            _ => ("body", Plain(bad.Message)),
        };
        context.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The request could not be read",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (string Field, string Message) ValueProblem(JsonException json)
    {
        var field = json.Path is { } path ? FieldName(path) : "body";
        return (field, Trim(json.Message, field));
    }

    /// <summary>"$.hazards[0].deadline" → "hazards[0].deadline".</summary>
    internal static string FieldName(string jsonPath)
    {
        var name = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return name.Length == 0 ? "body" : name;
    }

    /// <summary>
    /// System.Text.Json's message without its path suffix, and with the .NET type it names ("could not be converted to
    /// System.Nullable`1[System.DateOnly]") replaced by what the field expects ("a date, yyyy-MM-dd, that exists").
    /// </summary>
    internal static string Trim(string message, string? field = null)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        if (cut < 0 && text.IndexOf(" LineNumber:", StringComparison.Ordinal) is var line and > 0) text = text[..line].TrimEnd(' ', '|');
        var unmapped = System.Text.RegularExpressions.Regex.Match(text, @"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member");
        if (unmapped.Success) return $"'{unmapped.Groups["name"].Value}' is not a field of this request (see the OpenAPI schema).";
        // JsonSerializerOptions.AllowDuplicateProperties = false: the message names the record type, which is the code's business.
        var repeated = System.Text.RegularExpressions.Regex.Match(text, @"^Duplicate property '(?<name>.*)' encountered");
        if (repeated.Success) return $"'{repeated.Groups["name"].Value}' is given more than once; send each field once.";
        var match = System.Text.RegularExpressions.Regex.Match(text, @"could not be converted to (?<type>\S+?)\.?$");
        if (!match.Success) return text;
        var type = match.Groups["type"].Value;
        // System.Text.Json names the record holding a constructor parameter it could not read; the field's own type says more.
        if (field is not null && DeclaredType(type, field) is { } declared) type = declared;
        return $"The value is not {Expected(type)}.";
    }

    /// <summary>
    /// The full name of the type of <paramref name="field"/>'s last segment ("stops[0].enterpriseId" → enterpriseId) as a
    /// property of the record <paramref name="recordType"/> of this assembly, or null when it is not one.
    /// </summary>
    private static string? DeclaredType(string recordType, string field)
    {
        var record = typeof(BadRequestExceptionHandler).Assembly.GetType(recordType);
        var last = System.Text.RegularExpressions.Regex.Replace(field.Split('.')[^1], @"\[\d+\]$", "");
        var property = record?.GetProperty(last, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
        if (property is null) return null;
        var t = property.PropertyType;
        return Nullable.GetUnderlyingType(t) is { } inner ? $"System.Nullable`1[{inner.FullName}]" : t.FullName;
    }

    /// <summary>What a .NET type name means for the JSON value of a field.</summary>
    internal static string Expected(string typeName)
    {
        var name = System.Text.RegularExpressions.Regex.Match(typeName, @"System\.Nullable`1\[(?<inner>.+)\]$") is { Success: true } nullable
            ? nullable.Groups["inner"].Value : typeName;
        return name switch
        {
            "System.DateOnly" => "a date, yyyy-MM-dd, that exists",
            "System.DateTime" or "System.DateTimeOffset" => "a date and time (ISO 8601)",
            "System.Int32" or "System.Int64" or "System.UInt32" or "System.Int16" => "a whole number in range",
            "System.Decimal" or "System.Double" or "System.Single" => "a number in range",
            "System.Boolean" => "true or false",
            "System.String" => "a string",
            _ when name.StartsWith("System.Collections.", StringComparison.Ordinal) || name.EndsWith("[]", StringComparison.Ordinal) => "a JSON array",
            _ when name.StartsWith("System.", StringComparison.Ordinal) => "of the expected type",
            _ => "a JSON object with the documented fields",
        };
    }

    /// <summary>The framework's binding messages in words a caller can act on (no parameter or type names of the code).</summary>
    internal static string Plain(string message) => message switch
    {
        _ when message.Contains("no body was provided", StringComparison.Ordinal) => "A JSON request body is required.",
        _ when message.Contains("Expected a supported JSON media type", StringComparison.Ordinal) =>
            "Send the body as JSON with Content-Type: application/json.",
        _ when message.Contains("from the request body as JSON", StringComparison.Ordinal) => "The request body is not valid JSON.",
        _ => message,
    };
}
