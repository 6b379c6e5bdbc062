using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.Api.Hosting;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Requests for every GET endpoint the service maps, with route values filled in, plus the page and Swagger UI.</summary>
internal static class EveryGet
{
    /// <summary>The page, its files, Swagger UI and its document, and every GET endpoint of the endpoint data source.</summary>
    public static List<string> Urls(IServiceProvider services)
        => ["/", "/index.html", "/js/main.js", "/css/app.css", "/swagger", "/swagger/index.html", "/swagger/v1/swagger.json",
            .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true)
                .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
                .Distinct()
                .Select(p => p.Replace("{code}", "431103105").Replace("{id:long}", "1").Replace("{id}", new string('0', 32))
                    .Replace("{team:int}", "1").Replace("{z}/{x}/{y}", "14/13461/6921").Replace("{collectionId}", "townships")
                    .Replace("{featureId}", "1"))];

    /// <summary>A client that does not follow redirects (each answer is checked itself), signed in as admin with a cookie.</summary>
    public static async Task<HttpClient> AdminAsync(RiskMapApp app, Uri? baseAddress = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = baseAddress ?? new Uri("http://localhost") });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = RiskMapApp.Password });
        Assert.True(login.IsSuccessStatusCode, $"{(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>The session cookie set by <c>POST /api/v1/auth/login</c> as admin, sent through the test server from <paramref name="remote"/>.</summary>
    public static async Task<string> LoginCookieAsync(RiskMapApp app, string scheme, IPAddress? remote = null, string? forwardedProto = null)
    {
        using var client = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = remote)) { BaseAddress = new Uri($"{scheme}://localhost") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { userName = "admin", password = RiskMapApp.Password }),
        };
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"login: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("riskmap=", StringComparison.Ordinal));
    }

    /// <summary>True when a Set-Cookie value carries the Secure attribute.</summary>
    public static bool IsSecure(string setCookie)
        => setCookie.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Headers every answer carries (Content-Security-Policy without inline script, no framing, no sniffing, a strict
/// referrer policy), the host names the service answers to, and the session cookie's Secure flag — with the settings an
/// operator starts from (README, "Security").
/// </summary>
public sealed class SecurityHeadersTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task Every_GET_endpoint_the_page_and_swagger_answer_with_the_security_headers()
    {
        using var admin = await EveryGet.AdminAsync(app);
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        var urls = EveryGet.Urls(app.Services);
        Assert.True(urls.Count > 30, $"only {urls.Count} URLs");
        foreach (var (client, who) in new[] { (admin, "admin"), (anonymous, "anonymous") })
        {
            // Also answers written by status-code pages and the exception handler: an unknown address and an unreadable body.
            foreach (var url in urls.Append("/api/v1/no-such-thing"))
            {
                using var response = await client.GetAsync(url);
                failures.AddRange(Check(response).Select(f => $"{who} GET {url} ({(int)response.StatusCode}): {f}"));
            }
            using var broken = await client.PostAsync("/api/v1/inspections", new StringContent("{\"enterpriseId\":", Encoding.UTF8, "application/json"));
            failures.AddRange(Check(broken).Select(f => $"{who} POST /api/v1/inspections ({(int)broken.StatusCode}): {f}"));
        }
        Assert.Empty(failures);

        using var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(WebSecurity.PagePolicy(null), page.Headers.GetValues("Content-Security-Policy").Single());
        using var swagger = await anonymous.GetAsync("/swagger/index.html");
        Assert.Equal(WebSecurity.SwaggerPolicy, swagger.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>What is wrong with a response's security headers; empty when nothing is.</summary>
    private static IEnumerable<string> Check(HttpResponseMessage response)
    {
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
        var csp = Header("Content-Security-Policy");
        if (csp is null) { yield return "no Content-Security-Policy"; yield break; }
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToList());
        if (!(directives.TryGetValue("frame-ancestors", out var ancestors) && ancestors.SequenceEqual(["'none'"]))) yield return $"no frame-ancestors 'none' in {csp}";
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        if (scripts is null) yield return $"no script-src or default-src in {csp}";
        else if (scripts.Intersect(["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"]).Any()) yield return $"scripts not limited in {csp}";
        if (Header("X-Frame-Options") != "DENY") yield return $"X-Frame-Options {Header("X-Frame-Options")}";
        if (Header("X-Content-Type-Options") != "nosniff") yield return $"X-Content-Type-Options {Header("X-Content-Type-Options")}";
        if (Header("Referrer-Policy") is not ("same-origin" or "no-referrer")) yield return $"Referrer-Policy {Header("Referrer-Policy")}";
    }

    [Fact]
    public async Task A_Host_header_outside_the_allowed_hosts_is_400_on_every_endpoint_and_never_echoed()
    {
        using var evil = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://evil.example") });
        var failures = new List<string>();
        foreach (var url in EveryGet.Urls(app.Services))
        {
            using var response = await evil.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || body.Contains("evil.example", StringComparison.OrdinalIgnoreCase))
                failures.Add($"GET {url}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }
        Assert.Empty(failures);
        // The loopback names of the default setting are answered.
        foreach (var host in new[] { "localhost", "127.0.0.1", "[::1]" })
        {
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}:5080") });
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
    }

    [Fact]
    public async Task The_session_cookie_is_Secure_over_HTTPS_only_and_no_proxy_is_believed_by_default()
    {
        Assert.True(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "https")));
        Assert.False(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http")));
        // ASP.NET Core would believe a loopback proxy; with no proxy configured nobody's X-Forwarded-Proto counts.
        Assert.False(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http", IPAddress.Loopback, "https")));
        Assert.False(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http", IPAddress.Parse("10.0.0.5"), "https")));
    }
}

/// <summary>
/// The service as an operator puts it behind a reverse proxy: any Host header let through (<c>AllowedHosts=*</c>), a
/// public base URL, one trusted proxy address and network, and a basemap.
/// </summary>
public sealed class ProxiedApp : RiskMapApp
{
    /// <summary>The configured public base URL.</summary>
    public const string PublicBaseUrl = "https://riskmap.example.gov.cn/map/";

    /// <summary>The trusted proxy's address.</summary>
    public static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    /// <inheritdoc />
    protected override bool SeedDemo => false;

    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("AllowedHosts", "*"),
        ("RiskMap:PublicBaseUrl", PublicBaseUrl),
        ("RiskMap:ForwardedHeaders:KnownProxies:0", Proxy.ToString()),
        ("RiskMap:ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16"),
        ("RiskMap:Map:BasemapUrl", "https://{s}.tile.example.org/{z}/{x}/{y}.png"),
    ];
}

/// <summary>Absolute links, forwarded headers and the page's policy under <see cref="ProxiedApp"/>'s settings.</summary>
public sealed class PublicAddressTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task Every_OGC_answer_links_to_the_public_base_url_whatever_the_Host_header()
    {
        using var evil = await EveryGet.AdminAsync(app, new Uri("http://evil.example"));
        var links = new List<string>();
        var urls = EveryGet.Urls(app.Services).Where(u => u.StartsWith("/ogc", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, urls.Count);
        foreach (var url in urls)
        {
            using var response = await evil.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
            if (response.IsSuccessStatusCode) links.AddRange(Hrefs(JsonDocument.Parse(body).RootElement));
        }
        Assert.Contains($"{ProxiedApp.PublicBaseUrl}ogc/collections/townships/items", links);
        Assert.All(links, l => Assert.StartsWith(ProxiedApp.PublicBaseUrl, l, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Hrefs(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => p.Name == "href" ? [p.Value.GetString()!] : Hrefs(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Hrefs),
        _ => [],
    };

    [Fact]
    public async Task X_Forwarded_Proto_is_believed_from_the_configured_proxy_only()
    {
        Assert.True(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http", ProxiedApp.Proxy, "https")));
        Assert.True(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http", IPAddress.Parse("10.1.2.3"), "https")));
        Assert.False(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http", IPAddress.Parse("10.0.0.6"), "https")));
        Assert.False(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http", IPAddress.Loopback, "https")));
        Assert.False(EveryGet.IsSecure(await EveryGet.LoginCookieAsync(app, "http", ProxiedApp.Proxy)));
    }

    [Fact]
    public async Task HSTS_is_sent_when_the_request_came_over_HTTPS_as_the_trusted_proxy_says()
    {
        async Task<string?> HstsAsync(IPAddress remote, string? forwardedProto)
        {
            using var client = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = remote))
                { BaseAddress = new Uri("http://riskmap.example.gov.cn") };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            using var response = await client.SendAsync(request);
            return response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null;
        }
        Assert.Equal("max-age=31536000", await HstsAsync(ProxiedApp.Proxy, "https"));
        Assert.Null(await HstsAsync(ProxiedApp.Proxy, null));
        Assert.Null(await HstsAsync(IPAddress.Parse("10.0.0.6"), "https"));
    }

    [Fact]
    public async Task The_page_may_load_images_from_the_configured_basemap()
    {
        using var page = await app.CreateClient().GetAsync("/");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' https://*.tile.example.org;", policy);
        Assert.Equal(WebSecurity.PagePolicy("https://{s}.tile.example.org/{z}/{x}/{y}.png"), policy);
    }
}
