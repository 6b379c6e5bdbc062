using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.Api.Features.Accounts;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Every endpoint the service maps, tried by every role and by an anonymous caller. The rules are listed here; an
/// endpoint without a rule fails the test, so a new endpoint cannot ship without one. "Allowed" means the caller got
/// past authorization (any status but 401/403); "denied" means 401 for anonymous callers and 403 for signed-in ones.
/// </summary>
public sealed class AuthorizationMatrixTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Anonymous = "(anonymous)";

    /// <summary>Callers: anonymous plus one demo account per role.</summary>
    private static readonly string[] Callers = [Anonymous, "admin", "leader", "officer-emergency", "chief-431103105", "inspector-1"];

    private static readonly string[] SignedIn = Callers[1..];
    private static readonly string[] Everyone = Callers;
    private static readonly string[] AdminOnly = ["admin"];
    private static readonly string[] Writers = ["admin", "officer-emergency", "chief-431103105", "inspector-1"];

    /// <summary>Who may call each endpoint (method and route pattern).</summary>
    private static readonly Dictionary<string, string[]> Rules = new()
    {
        ["GET /health"] = Everyone,
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        // Refused (404) to any address but the configured ones, signed in or not.
        ["GET /metrics"] = Everyone,
        ["GET /api/v1/map-config"] = Everyone,
        ["POST /api/v1/auth/login"] = Everyone,
        ["POST /api/v1/auth/logout"] = SignedIn,
        ["GET /api/v1/auth/me"] = SignedIn,
        ["POST /api/v1/auth/password"] = SignedIn,
        ["GET /api/v1/auth/tokens"] = SignedIn,
        ["POST /api/v1/auth/tokens"] = SignedIn,
        ["DELETE /api/v1/auth/tokens/{id:long}"] = SignedIn,
        ["GET /api/v1/users/"] = AdminOnly,
        ["POST /api/v1/users/"] = AdminOnly,
        ["POST /api/v1/users/{userName}/password"] = AdminOnly,
        ["POST /api/v1/users/{userName}/unlock"] = AdminOnly,
        ["GET /api/v1/districts/"] = SignedIn,
        ["GET /api/v1/townships/choropleth"] = SignedIn,
        ["GET /api/v1/townships/{code}"] = SignedIn,
        ["GET /api/v1/enterprises/"] = SignedIn,
        ["GET /api/v1/enterprises/{id:long}"] = SignedIn,
        ["GET /api/v1/search"] = SignedIn,
        ["POST /api/v1/error-reports/"] = SignedIn,
        ["GET /api/v1/error-reports/mine"] = SignedIn,
        ["GET /api/v1/error-reports/queue"] = ["admin", "officer-emergency"],
        ["POST /api/v1/error-reports/{id:long}/decision"] = ["admin", "officer-emergency"],
        ["GET /api/v1/enterprises/location-quality"] = AdminOnly,
        ["GET /api/v1/enterprises/duplicates"] = AdminOnly,
        ["POST /api/v1/enterprises/merges"] = AdminOnly,
        ["POST /api/v1/enterprises/distinct-pairs"] = AdminOnly,
        ["GET /api/v1/hazards/"] = SignedIn,
        ["GET /api/v1/hazards/{id:long}"] = SignedIn,
        ["GET /api/v1/statistics/"] = SignedIn,
        ["GET /api/v1/statistics/series"] = SignedIn,
        ["GET /api/v1/tiles/enterprises/{z}/{x}/{y}.mvt"] = SignedIn,
        ["GET /api/v1/maps/choropleth.png"] = SignedIn,
        ["GET /api/v1/maps/choropleth.pdf"] = SignedIn,
        ["GET /ogc/"] = SignedIn,
        ["GET /ogc/conformance"] = SignedIn,
        ["GET /ogc/collections"] = SignedIn,
        ["GET /ogc/collections/{collectionId}"] = SignedIn,
        ["GET /ogc/collections/{collectionId}/items"] = SignedIn,
        ["GET /ogc/collections/{collectionId}/items/{featureId}"] = SignedIn,
        ["GET /api/v1/routes/candidates"] = SignedIn,
        ["POST /api/v1/routes/plan"] = SignedIn,
        ["GET /api/v1/routes/plans/{id}"] = SignedIn,
        ["PUT /api/v1/routes/plans/{id}/teams/{team:int}/assignment"] = ["admin", "officer-emergency", "chief-431103105"],
        ["GET /api/v1/field/today"] = SignedIn,
        ["GET /api/v1/routes/plans/{id}/teams/{team:int}.gpx"] = SignedIn,
        ["GET /api/v1/routes/plans/{id}/teams/{team:int}.csv"] = SignedIn,
        ["GET /api/v1/routes/plans/{id}/teams/{team:int}/sheet"] = SignedIn,
        ["POST /api/v1/routes/schedule"] = SignedIn,
        ["GET /api/v1/routes/due"] = SignedIn,
        ["GET /api/v1/routes/schedule-settings"] = SignedIn,
        ["PUT /api/v1/routes/schedule-settings"] = AdminOnly,
        ["GET /api/v1/routes/depots"] = SignedIn,
        ["POST /api/v1/routes/depots"] = AdminOnly,
        ["POST /api/v1/inspections"] = Writers,
        ["POST /api/v1/hazards/{id:long}/status"] = Writers,
        ["POST /api/v1/hazards/{id:long}/deadline"] = Writers,
        ["GET /api/v1/hazard-criteria"] = SignedIn,
        ["PUT /api/v1/hazards/{id:long}/plan"] = Writers,
        ["PUT /api/v1/hazards/{id:long}/supervision"] = Writers,
        ["POST /api/v1/hazards/{id:long}/extension-requests"] = Writers,
        ["POST /api/v1/hazards/{id:long}/extension-requests/{requestId:long}/decision"] = Writers,
        ["POST /api/v1/hazards/{id:long}/acceptance"] = Writers,
        ["POST /api/v1/enforcement-actions"] = Writers,
        ["GET /api/v1/hazards/{id:long}/attachments"] = SignedIn,
        ["POST /api/v1/hazards/{id:long}/attachments"] = Writers,
        ["GET /api/v1/attachments/{id:long}"] = SignedIn,
        ["GET /api/v1/attachments/{id:long}/thumbnail"] = SignedIn,
        ["POST /api/v1/imports/uploads"] = AdminOnly,
        ["GET /api/v1/imports/uploads/{uploadId}/preview"] = AdminOnly,
        ["POST /api/v1/imports/{kind}"] = AdminOnly,
        ["DELETE /api/v1/imports/roads"] = AdminOnly,
        ["GET /api/v1/imports/jobs/{jobId}"] = AdminOnly,
        ["DELETE /api/v1/imports/jobs/{jobId}"] = AdminOnly,
        ["GET /api/v1/exports/townships"] = SignedIn,
        ["GET /api/v1/exports/enterprises"] = SignedIn,
        ["GET /api/v1/exports/hazards"] = SignedIn,
        ["GET /api/v1/exports/statistics"] = SignedIn,
        ["GET /api/v1/exports/responsibility"] = SignedIn,
        ["GET /api/v1/density/hexagons"] = SignedIn,
        ["GET /api/v1/data-notes"] = SignedIn,
        ["GET /api/v1/responsibility/"] = SignedIn,
        ["GET /api/v1/reports/campaign/"] = SignedIn,
        ["POST /api/v1/reports/campaign/publications"] = ["admin", "leader"],
        ["GET /api/v1/reports/campaign/publications/{id:long}"] = SignedIn,
        ["GET /api/v1/notifications/"] = SignedIn,
        ["POST /api/v1/notifications/{id:long}/read"] = SignedIn,
        ["POST /api/v1/notifications/read-all"] = SignedIn,
        ["GET /api/v1/webhooks/"] = AdminOnly,
        ["POST /api/v1/webhooks/"] = AdminOnly,
        ["DELETE /api/v1/webhooks/{id:long}"] = AdminOnly,
        ["GET /api/v1/webhooks/deliveries"] = AdminOnly,
    };

    /// <summary>The <c>code</c> of a problem answer, or null when the answer is none.</summary>
    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    [Fact]
    public void Every_mapped_endpoint_has_a_rule_and_every_rule_an_endpoint()
    {
        var mapped = EndpointSamples.Mapped(app.Services).Select(e => $"{e.Method} {e.Pattern}").ToHashSet();
        Assert.Empty(mapped.Except(Rules.Keys));
        Assert.Empty(Rules.Keys.Except(mapped));
    }

    [Fact]
    public async Task Every_endpoint_allows_and_denies_as_its_rule_says_for_every_role()
    {
        // Route values inside chief-431103105's township, and a hazard in a sector officer-emergency supervises.
        var hazard = (long)(await app.ScalarAsync("""
            SELECT min(h.id) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = '431103105' AND h.sector = 'fireworks'
            """))!;
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = app.CreateClient() };
        foreach (var caller in SignedIn) clients[caller] = await app.ClientForAsync(caller);

        var failures = new List<string>();
        foreach (var (method, pattern) in EndpointSamples.Mapped(app.Services))
        {
            if (pattern == "/api/v1/auth/logout") continue; // tried last, it ends the session
            var url = EndpointSamples.Url(pattern, hazard);
            foreach (var caller in Callers)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await clients[caller].SendAsync(request);
                var status = response.StatusCode;
                var allowed = Rules[$"{method} {pattern}"].Contains(caller);
                var ok = allowed
                    ? status is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden and < HttpStatusCode.InternalServerError
                    : status == (caller == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                if (!ok) failures.Add($"{caller} {method} {url}: {(int)status}, expected {(allowed ? "allowed" : "denied")}");
                // Every refusal says why with a stable code.
                var expectedCode = status switch
                {
                    HttpStatusCode.Unauthorized => AccountProblemCodes.SignInRequired,
                    HttpStatusCode.Forbidden when !allowed => AccountProblemCodes.Forbidden,
                    _ => null,
                };
                var code = expectedCode is null ? null : await CodeAsync(response);
                if (code != expectedCode) failures.Add($"{caller} {method} {url}: {(int)status} with code '{code}', expected '{expectedCode}'");
            }
        }
        foreach (var caller in Callers)
        {
            var status = (await clients[caller].PostAsync("/api/v1/auth/logout", null)).StatusCode;
            if ((caller == Anonymous) != (status == HttpStatusCode.Unauthorized)) failures.Add($"{caller} POST /api/v1/auth/logout: {(int)status}");
        }
        Assert.Empty(failures);
    }
}
