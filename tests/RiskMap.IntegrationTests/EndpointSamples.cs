using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Every endpoint the service maps (method and route pattern, from its endpoint data source) and a request URL for each
/// with route values of the demo district, for tests that must cover every endpoint so that a new one cannot escape.
/// </summary>
internal static class EndpointSamples
{
    /// <summary>The mapped endpoints, e.g. (<c>GET</c>, <c>/api/v1/hazards/{id:long}</c>).</summary>
    public static IEnumerable<(string Method, string Pattern)> Mapped(IServiceProvider services)
        => services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct();

    /// <summary>
    /// <paramref name="pattern"/> with its route values filled: township 431103105, the hazard <paramref name="hazard"/> (its id
    /// also stands for an attachment id in <c>/attachments/{id:long}</c>: an unknown or another attachment, so 404 or 200),
    /// user inspector-2, an unknown 32-digit id for plans, uploads and jobs, a tile over the district, the enterprises
    /// collection; the statistics, their series and the campaign bulletin get their required period.
    /// </summary>
    public static string Url(string pattern, long hazard)
        => pattern
               .Replace("{code}", "431103105").Replace("{id:long}", hazard.ToString(System.Globalization.CultureInfo.InvariantCulture))
               .Replace("{requestId:long}", "987654321")
               .Replace("{userName}", "inspector-2").Replace("{id}", new string('0', 32)).Replace("{team:int}", "1")
               .Replace("{uploadId}", new string('0', 32)).Replace("{jobId}", new string('0', 32))
               .Replace("{z}/{x}/{y}", "14/13461/6921").Replace("{collectionId}", "enterprises").Replace("{featureId}", "1")
           + (pattern.EndsWith("/statistics/", StringComparison.Ordinal) || pattern.EndsWith("/statistics/series", StringComparison.Ordinal)
              || pattern.EndsWith("/reports/campaign/", StringComparison.Ordinal)
                ? "?from=2020-01-01&to=2020-09-30" : "");
}
