using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Structured logs and one request id per request. The request id is the W3C trace id of the request's activity (32
/// lower-case hex digits; continued from an incoming <c>traceparent</c> header, e.g. set by nginx or an OpenTelemetry
/// agent, else new): every log line written while serving the request carries it (scope field <c>TraceId</c>, which
/// ASP.NET Core's activity tracking adds), the response carries it in <c>X-Request-Id</c>, and every problem answer in
/// <c>traceId</c>. Logs are one JSON object per line on standard output when <c>RiskMap:Logging:Format</c> is <c>json</c>
/// (default <c>simple</c>: ASP.NET Core's readable console format).
/// </summary>
public static class RequestLogging
{
    /// <summary>The response header holding the request id.</summary>
    public const string Header = "X-Request-Id";

    /// <summary>The configuration key choosing the console format: <c>simple</c> (default) or <c>json</c>.</summary>
    public const string FormatKey = "RiskMap:Logging:Format";

    /// <summary>
    /// Chooses the console log format from <see cref="FormatKey"/>: <c>json</c> writes one JSON object per line with the
    /// scopes (request id, path), UTC timestamps in ISO 8601.
    /// </summary>
    /// <exception cref="InvalidSettingException">The setting is neither <c>simple</c> nor <c>json</c>; the start stops naming it.</exception>
    public static WebApplicationBuilder AddRiskMapLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[FormatKey];
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        else if (!string.IsNullOrEmpty(format) && !string.Equals(format, "simple", StringComparison.OrdinalIgnoreCase))
            throw new InvalidSettingException($"{FormatKey} must be 'simple' or 'json', not '{format}'.");
        return builder;
    }

    /// <summary>The request id of <paramref name="context"/>: its activity's trace id, else the server's request identifier.</summary>
    public static string RequestId(HttpContext context)
        => (context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current) is { } activity && activity.TraceId != default
            ? activity.TraceId.ToHexString()
            : context.TraceIdentifier;

    /// <summary>Adds <see cref="Header"/> to every response (before anything else in the pipeline can answer).</summary>
    public static WebApplication UseRequestIds(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var id = RequestId(context);
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>Writes the request id as the problem's <c>traceId</c> (the same value as <see cref="Header"/> and the logs).</summary>
    public static void StampProblem(ProblemDetailsContext context)
        => context.ProblemDetails.Extensions["traceId"] = RequestId(context.HttpContext);
}
