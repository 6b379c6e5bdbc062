using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Every state-changing endpoint, taken from the endpoint data source, sent as a browser sends a form from a page of
/// another origin (a form, multipart or text/plain body, the user's cookie, Origin or Sec-Fetch-Site naming the other
/// page): 403 ProblemDetails before anything runs. The service's own page, scripts without Origin and personal API
/// tokens are not refused.
/// </summary>
public sealed class CrossOriginWriteTests(DemoApp app) : IClassFixture<DemoApp>
{
    // The in-memory test server is http://localhost.
    private const string OwnOrigin = "http://localhost";

    /// <summary>What a browser sends from a page that is not the service's: another port of the same host is the reported case.</summary>
    public static readonly TheoryData<string, string> ForeignPages = new()
    {
        { "Origin", "http://localhost:5299" },
        { "Origin", "https://localhost" },
        { "Origin", "http://evil.example" },
        { "Origin", "null" },
        { "Sec-Fetch-Site", "same-site" },
        { "Sec-Fetch-Site", "cross-site" },
    };

    /// <summary>The unsafe endpoints with sample route values; logout last, since it ends the session.</summary>
    private List<(string Method, string Url)> StateChangingEndpoints()
    {
        var endpoints = EndpointSamples.Mapped(app.Services)
            .Where(e => e.Method is not ("GET" or "HEAD"))
            .Select(e => (e.Method, Url: e.Pattern.Replace("{id:long}", "1").Replace("{userName}", "inspector-2").Replace("{kind}", "boundaries")))
            .OrderBy(e => e.Url == "/api/v1/auth/logout")
            .ToList();
        Assert.Contains(("POST", "/api/v1/imports/uploads"), endpoints);
        Assert.Contains(("DELETE", "/api/v1/auth/tokens/1"), endpoints);
        return endpoints;
    }

    /// <summary>The bodies a page of another origin can send without asking (CORS "simple" requests).</summary>
    private static IEnumerable<HttpContent> FormBodies()
    {
        yield return new FormUrlEncodedContent([new("userName", "admin")]);
        var multipart = new MultipartFormDataContent();
        var file = new ByteArrayContent("""{"type":"FeatureCollection","features":[]}"""u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        multipart.Add(file, "file", "forged.geojson");
        yield return multipart;
        yield return new StringContent("{}", Encoding.UTF8, "text/plain");
    }

    private static async Task<(HttpStatusCode Status, string? Code, string Body)> SendAsync(HttpClient client, string method, string url,
        HttpContent? content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c)) code = c.GetString();
        return (response.StatusCode, code, body);
    }

    [Theory]
    [MemberData(nameof(ForeignPages))]
    public async Task Every_state_changing_endpoint_refuses_a_cookie_request_from_another_origin(string header, string value)
    {
        var admin = await app.ClientForAsync("admin");
        var failures = new List<string>();
        foreach (var (method, url) in StateChangingEndpoints())
        {
            foreach (var body in FormBodies())
            {
                var (status, code, text) = await SendAsync(admin, method, url, body, (header, value));
                if (status != HttpStatusCode.Forbidden || code != "cross-origin-write")
                    failures.Add($"{method} {url} ({body.Headers.ContentType?.MediaType}): {(int)status} {text}");
                else if (!text.Contains($"{header}: {value}", StringComparison.Ordinal))
                    failures.Add($"{method} {url}: the refusal does not name {header}: {text}");
            }
        }
        Assert.Empty(failures);
        // The session itself was not touched: the admin still reads.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_services_own_page_scripts_without_origin_and_api_tokens_are_not_refused()
    {
        var token = await app.TokenForAsync("admin");
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var admin = await app.ClientForAsync("admin");
        (string, string)[][] ownPage = [[("Origin", OwnOrigin)], [("Sec-Fetch-Site", "same-origin"), ("Origin", OwnOrigin)], [("Sec-Fetch-Site", "none")], []];

        var failures = new List<string>();
        foreach (var (method, url) in StateChangingEndpoints())
        {
            var sent = ownPage.Select(headers => (admin, headers))
                .Append((bearer, [("Origin", "http://localhost:5299"), ("Sec-Fetch-Site", "same-site")])); // a token is not a cookie
            foreach (var (client, headers) in sent)
            {
                var (status, code, text) = await SendAsync(client, method, url, new StringContent("{}", Encoding.UTF8, "application/json"), headers);
                if (code == "cross-origin-write" || status >= HttpStatusCode.InternalServerError)
                    failures.Add($"{method} {url} with {string.Join(", ", headers)}: {(int)status} {text}");
            }
        }
        Assert.Empty(failures);

        // Reading is never refused, from any page.
        var other = await app.ClientForAsync("leader");
        var (readStatus, _, _) = await SendAsync(other, "GET", "/api/v1/auth/me", null, ("Origin", "http://localhost:5299"), ("Sec-Fetch-Site", "same-site"));
        Assert.Equal(HttpStatusCode.OK, readStatus);
    }
}
