using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using RiskMap.Api.Features.MapConfig;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Settings under <c>RiskMap</c> that tell the service how the world reaches it. Host names the service answers to are
/// ASP.NET Core's own top-level <c>AllowedHosts</c> setting (host filtering: any other <c>Host</c> header is a 400).
/// </summary>
public sealed class PublicAddressOptions
{
    /// <summary>
    /// <c>RiskMap:PublicBaseUrl</c>: the address users and GIS clients reach the service at, e.g.
    /// <c>https://riskmap.example.gov.cn/</c> (an absolute http or https URL, optionally with a path; no query or
    /// fragment). When set, absolute links the service writes (the OGC API's <c>self</c>, <c>next</c>, <c>items</c>…) start
    /// with it instead of the request's scheme and <c>Host</c> header. None by default.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// <c>RiskMap:ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the
    /// service believes. Empty by default: no forwarded header is honoured (the forwarded-headers middleware does not run).
    /// </summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>The problem with the settings, or null when they are usable.</summary>
    internal string? Problem()
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.Query != "" || uri.Fragment != "" || uri.UserInfo != ""))
            return $"RiskMap:PublicBaseUrl must be an absolute http or https URL without query, fragment or user name, such as https://riskmap.example.gov.cn/; it is '{PublicBaseUrl}'.";
        foreach (var proxy in ForwardedHeaders.KnownProxies)
            if (!IPAddress.TryParse(proxy, out _))
                return $"RiskMap:ForwardedHeaders:KnownProxies must list IP addresses such as 10.0.0.5; '{proxy}' is not one.";
        foreach (var network in ForwardedHeaders.KnownNetworks)
            if (!System.Net.IPNetwork.TryParse(network, out _))
                return $"RiskMap:ForwardedHeaders:KnownNetworks must list networks in CIDR notation such as 10.0.0.0/8; '{network}' is not one.";
        return null;
    }
}

/// <summary>The reverse proxies trusted with forwarded headers (<see cref="PublicAddressOptions.ForwardedHeaders"/>).</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>IP addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// What the service tells browsers and believes of proxies: forwarded headers only from configured proxies, absolute
/// links from <see cref="PublicAddressOptions.PublicBaseUrl"/>, and security headers on every response.
/// </summary>
public static class WebSecurity
{
    /// <summary><c>Referrer-Policy</c> of every response: no address of the service leaves it in a Referer header.</summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>
    /// The Content-Security-Policy of Swagger UI (<c>/swagger</c>): as <see cref="PagePolicy"/> but for inline styles
    /// (swagger-ui's bundle inserts a style element) and <c>data:</c> images (its SVG icons), without which it reports
    /// violations; scripts are as strict as the page's.
    /// </summary>
    public const string SwaggerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Content-Security-Policy of the map page and of every response that sets none of its own: scripts, styles,
    /// connections and fonts from the service only (no inline script or style attribute, no eval), images also from
    /// the basemap's origin when one is configured (<see cref="BasemapSource"/>), no plug-ins, and no framing.
    /// </summary>
    /// <param name="basemapUrl">The basemap's tile URL template (<c>RiskMap:Map:BasemapUrl</c>), or null.</param>
    public static string PagePolicy(string? basemapUrl)
        => $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'{(BasemapSource(basemapUrl) is { } source ? " " + source : "")}; " +
           "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The CSP source expression that admits a basemap's tiles: its scheme, host and port, a <c>{s}</c>-style placeholder
    /// in the host's first label becoming the wildcard <c>*.</c> (CSP allows a wildcard only there), e.g.
    /// <c>https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png</c> → <c>https://*.tile.openstreetmap.org</c>; the scheme
    /// alone (<c>https:</c>) when a placeholder sits elsewhere in the host; null for no basemap or an address that is
    /// not http(s).
    /// </summary>
    public static string? BasemapSource(string? basemapUrl)
    {
        if (string.IsNullOrWhiteSpace(basemapUrl)) return null;
        var match = Regex.Match(basemapUrl.Trim(), @"^(https?)://([^/:?#]+)(:\d+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!match.Success) return null;
        var scheme = match.Groups[1].Value.ToLowerInvariant();
        var host = match.Groups[2].Value;
        if (host.Contains('{'))
        {
            var dot = host.IndexOf('.');
            if (dot <= 0 || host[dot..].Contains('{')) return scheme + ":";
            host = "*" + host[dot..];
        }
        return $"{scheme}://{host}{match.Groups[3].Value}";
    }

    /// <summary>
    /// Registers the settings (checked at start: a malformed public address or proxy list stops the service with a
    /// message naming the setting) and the forwarded-headers options: <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c>, believed only from the configured proxies (ASP.NET Core would otherwise trust loopback).
    /// </summary>
    public static IServiceCollection AddRiskMapWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicAddressOptions>().Bind(configuration.GetSection("RiskMap")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicAddressOptions>, PublicAddressValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PublicAddressOptions>>((o, address) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default: only the configured proxies count.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            var proxies = address.Value.ForwardedHeaders;
            foreach (var proxy in proxies.KnownProxies)
                if (IPAddress.TryParse(proxy, out var ip)) o.KnownProxies.Add(ip);
            foreach (var network in proxies.KnownNetworks)
                if (System.Net.IPNetwork.TryParse(network, out var parsed)) o.KnownIPNetworks.Add(parsed);
        });
        // Strict-Transport-Security on answers to HTTPS requests (directly, or as a trusted proxy says), for a year; not to
        // localhost, 127.0.0.1 or [::1] (ASP.NET Core's excluded hosts), so that a developer's browser is not pinned.
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>
    /// Forwarded headers from trusted proxies (so that <c>Request.IsHttps</c>, and with it the session cookie's
    /// <c>Secure</c> flag, follow the client's scheme behind a TLS proxy), <c>Strict-Transport-Security: max-age=31536000</c>
    /// on answers to HTTPS requests (not for localhost), then the security headers on every response:
    /// <c>Content-Security-Policy</c> (<see cref="PagePolicy"/>, <see cref="SwaggerPolicy"/> under <c>/swagger</c>; a
    /// handler's own stricter policy, such as the visit sheet's, is kept), <c>X-Frame-Options: DENY</c>,
    /// <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy</c>. They are added when the response starts, so
    /// error answers written by the exception handler carry them too.
    /// </summary>
    public static WebApplication UseRiskMapWebSecurity(this WebApplication app)
    {
        // With empty lists ASP.NET Core's middleware believes every sender, so it runs only when a proxy is configured.
        var proxies = app.Services.GetRequiredService<IOptions<PublicAddressOptions>>().Value.ForwardedHeaders;
        if (proxies.KnownProxies.Count + proxies.KnownNetworks.Count > 0) app.UseForwardedHeaders();
        app.UseHsts();
        var page = PagePolicy(app.Services.GetRequiredService<IOptions<MapOptions>>().Value.BasemapUrl);
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy : page;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The origin absolute links start with: <see cref="PublicAddressOptions.PublicBaseUrl"/> without its trailing slash
    /// when set, else the request's scheme, <c>Host</c> (one that host filtering let through) and path base.
    /// </summary>
    public static string PublicOrigin(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<PublicAddressOptions>>().Value.PublicBaseUrl;
        return string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.Trim().TrimEnd('/');
    }

    /// <summary>Fails start-up with the message of <see cref="PublicAddressOptions.Problem"/>.</summary>
    private sealed class PublicAddressValidation : IValidateOptions<PublicAddressOptions>
    {
        public ValidateOptionsResult Validate(string? name, PublicAddressOptions options)
            => options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
