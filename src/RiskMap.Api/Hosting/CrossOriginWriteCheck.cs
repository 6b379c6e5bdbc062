using Microsoft.AspNetCore.Mvc;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Refuses a state-changing request (any method but GET, HEAD, OPTIONS and TRACE) that a browser sent from a page of
/// another origin, with 403 ProblemDetails, before it is authenticated. A browser attaches the user's cookie to a form or
/// multipart post from another origin of the same site (another port on the same host: the cookie's SameSite=Strict does
/// not tell ports apart), so the cookie alone does not show that the service's own page sent the request. The rule
/// follows the OWASP CSRF Prevention Cheat Sheet ("Verifying Origin with standard headers", "Fetch Metadata"):
/// <list type="bullet">
/// <item><c>Sec-Fetch-Site</c>, when sent (every current browser sends it to HTTPS and loopback addresses), must be
/// <c>same-origin</c> or <c>none</c> (typed by the user);</item>
/// <item>otherwise <c>Origin</c>, when sent, must be the request's own scheme, host and port;</item>
/// <item>a request with neither header (curl, scripts, GIS clients) or with <c>Authorization: Bearer</c> (a personal API
/// token, which a page of another origin cannot attach without CORS, which the service does not grant) passes.</item>
/// </list>
/// Behind a proxy, the request's scheme and host are the public ones once forwarded headers are applied before this check.
/// </summary>
public static class CrossOriginWriteCheck
{
    /// <summary>Adds the check to the pipeline; put it before authentication and the endpoints.</summary>
    public static IApplicationBuilder UseCrossOriginWriteCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Refusal(context.Request) is not { } reason)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-origin request refused",
                Detail = $"{context.Request.Method} {context.Request.Path} was sent by a page of another origin ({reason}). " +
                         "Changes are accepted from this service's own page, from clients that send no Origin (scripts) and with a personal API token.",
                Extensions = { ["code"] = "cross-origin-write" },
            },
        });
    });

    /// <summary>
    /// Why <paramref name="request"/> is refused (the header and its value), or null when it may pass.
    /// </summary>
    public static string? Refusal(HttpRequest request)
    {
        var method = request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method)) return null;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none" ? null : $"Sec-Fetch-Site: {site}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        return IsOwnOrigin(origin, request) ? null : $"Origin: {origin}";
    }

    // RFC 6454: an origin is scheme, host and port; a browser omits the scheme's default port.
    private static bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/") return false;
        var scheme = request.Scheme;
        var port = request.Host.Port ?? (string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return string.Equals(uri.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(uri.IdnHost.Trim('[', ']'), request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
               && uri.Port == port;
    }
}
