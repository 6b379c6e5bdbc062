using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a date that does not parse, a string where a number
/// belongs) into a 400 validation problem naming the field by its JSON path, e.g. <c>hazards[0].deadline</c>.
/// Needs <see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/> so that binding failures reach it.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var field = bad.InnerException is JsonException { Path: { } path } ? FieldName(path) : "body";
        var message = bad.InnerException is JsonException json ? Trim(json.Message) : Plain(bad.Message);
        context.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The request could not be read",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.hazards[0].deadline" → "hazards[0].deadline".</summary>
    internal static string FieldName(string jsonPath) => jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    /// <summary>
    /// System.Text.Json's message without its path suffix, and with the .NET type it names ("could not be converted to
    /// System.Nullable`1[System.DateOnly]") replaced by what the field expects ("a date, yyyy-MM-dd, that exists").
    /// </summary>
    internal static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        var unmapped = System.Text.RegularExpressions.Regex.Match(text, @"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member");
        if (unmapped.Success) return $"'{unmapped.Groups["name"].Value}' is not a field of this request (see the OpenAPI schema).";
        var match = System.Text.RegularExpressions.Regex.Match(text, @"could not be converted to (?<type>\S+?)\.?$");
        return match.Success ? $"The value is not {Expected(match.Groups["type"].Value)}." : text;
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
