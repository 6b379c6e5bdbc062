using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RiskMap.Api.Hosting;

/// <summary>
/// <c>GET /health</c> for load balancers and monitoring: the service's health checks (the database answers a query) as
/// one word of plain text. A minimal API endpoint rather than the health-check middleware's, so that the OpenAPI
/// document lists and describes it like every other operation; the answer is the middleware's minimal one.
/// </summary>
public static class HealthEndpoint
{
    /// <summary>Maps <c>GET /health</c>, open to anonymous callers.</summary>
    public static RouteHandlerBuilder MapRiskMapHealth(this IEndpointRouteBuilder app)
        => app.MapGet("/health", CheckAsync)
            .AllowAnonymous()
            .WithTags("Service")
            .WithName("Health")
            .WithSummary("200 when the database answers, 503 (with Retry-After) otherwise.")
            .WithDescription("Runs the service's health checks (a query on its database) and answers with their overall status as " +
                "plain text: Healthy with 200, Degraded or Unhealthy with 503. Needs no sign-in and is never cached.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain");

    /// <summary>
    /// The overall status of <paramref name="health"/>'s checks as text: <c>Healthy</c> (200), <c>Degraded</c> or
    /// <c>Unhealthy</c> (503).
    /// </summary>
    internal static async Task<ContentHttpResult> CheckAsync(HealthCheckService health, HttpContext http, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-store, no-cache";
        var status = report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        // A 503 says when to ask again, like every other 503 of an outage.
        if (status != StatusCodes.Status200OK)
            http.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Text(report.Status.ToString(), "text/plain", statusCode: status);
    }
}
