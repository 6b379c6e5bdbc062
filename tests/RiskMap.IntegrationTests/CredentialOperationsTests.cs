using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.Api.Features.Accounts;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Operations that change credentials, accounts, roles or tokens need a cookie session signed in with the password; a
/// personal API token gets 403. Every operation that is not a GET is classified here; one without a class fails the
/// test, so that a new operation cannot ship unclassified.
/// </summary>
public sealed class CredentialOperationsTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    /// <summary>Every non-GET operation (method and route pattern): true when it changes credentials, accounts, roles or tokens.</summary>
    private static readonly Dictionary<string, bool> ChangesCredentials = new()
    {
        ["POST /api/v1/auth/login"] = false, // needs the password itself
        ["POST /api/v1/auth/logout"] = false, // ends the caller's own session only
        ["POST /api/v1/auth/password"] = true,
        ["POST /api/v1/auth/tokens"] = true,
        ["DELETE /api/v1/auth/tokens/{id:long}"] = true,
        ["POST /api/v1/users/"] = true,
        ["POST /api/v1/users/{userName}/password"] = true,
        ["POST /api/v1/users/{userName}/unlock"] = true,
        ["POST /api/v1/inspections"] = false,
        ["POST /api/v1/hazards/{id:long}/status"] = false,
        ["POST /api/v1/hazards/{id:long}/deadline"] = false,
        ["PUT /api/v1/hazards/{id:long}/plan"] = false,
        ["PUT /api/v1/hazards/{id:long}/supervision"] = false,
        ["POST /api/v1/hazards/{id:long}/extension-requests"] = false,
        ["POST /api/v1/hazards/{id:long}/extension-requests/{requestId:long}/decision"] = false,
        ["POST /api/v1/hazards/{id:long}/acceptance"] = false,
        ["POST /api/v1/enforcement-actions"] = false,
        ["POST /api/v1/error-reports/"] = false,
        ["POST /api/v1/error-reports/{id:long}/decision"] = false,
        ["POST /api/v1/hazards/{id:long}/attachments"] = false,
        ["POST /api/v1/imports/uploads"] = false,
        ["POST /api/v1/imports/{kind}"] = false,
        ["DELETE /api/v1/imports/jobs/{jobId}"] = false,
        ["DELETE /api/v1/imports/roads"] = false,
        ["POST /api/v1/routes/plan"] = false,
        ["PUT /api/v1/routes/plans/{id}/teams/{team:int}/assignment"] = false,
        ["POST /api/v1/routes/schedule"] = false,
        ["PUT /api/v1/routes/schedule-settings"] = false,
        ["POST /api/v1/routes/depots"] = false,
        ["POST /api/v1/reports/campaign/publications"] = false,
        ["POST /api/v1/notifications/{id:long}/read"] = false,
        ["POST /api/v1/notifications/read-all"] = false,
        ["POST /api/v1/webhooks/"] = true, // where notifications go, and a robot's signing secret
        ["DELETE /api/v1/webhooks/{id:long}"] = true,
        ["POST /api/v1/enterprises/merges"] = false,
        ["POST /api/v1/enterprises/distinct-pairs"] = false,
    };

    /// <summary>The English title of the 403 a token gets (code <see cref="AccountProblemCodes.SessionRequired"/>).</summary>
    private const string SessionRequiredTitle = "A signed-in session is required";

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private IEnumerable<(string Method, string Pattern)> NonGetOperations()
        => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => e.m is not ("GET" or "HEAD"))
            .Distinct();

    private static string Url(string pattern) => pattern
        .Replace("{id:long}", "987654321").Replace("{requestId:long}", "987654321").Replace("{userName}", "nobody-at-all").Replace("{kind}", "enterprises");

    private static HttpRequestMessage EmptyBody(string method, string pattern) => new(new HttpMethod(method), Url(pattern))
    {
        Content = new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public void Every_non_GET_operation_is_classified_and_every_class_names_an_operation()
    {
        var mapped = NonGetOperations().Select(e => $"{e.Method} {e.Pattern}").ToHashSet();
        Assert.Empty(mapped.Except(ChangesCredentials.Keys));
        Assert.Empty(ChangesCredentials.Keys.Except(mapped));
    }

    [Fact]
    public async Task Credential_operations_refuse_an_api_token_with_403_and_accept_a_session_and_the_others_accept_the_token()
    {
        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync("admin"));
        var session = await app.ClientForAsync("admin");
        var auditRows = await app.ScalarAsync("SELECT count(*) FROM audit_log");

        var failures = new List<string>();
        foreach (var (method, pattern) in NonGetOperations())
        {
            var byToken = await script.SendAsync(EmptyBody(method, pattern));
            var status = (int)byToken.StatusCode;
            if (ChangesCredentials[$"{method} {pattern}"])
            {
                var problem = byToken.Content.Headers.ContentType?.MediaType == "application/problem+json" ? await Json(byToken) : (JsonElement?)null;
                var title = problem?.GetProperty("title").GetString();
                var code = problem?.GetProperty("code").GetString();
                if (status != 403 || title != SessionRequiredTitle || code != AccountProblemCodes.SessionRequired)
                    failures.Add($"token {method} {pattern}: {status} '{title}' ({code}), expected 403 '{SessionRequiredTitle}' ({AccountProblemCodes.SessionRequired})");
                // The same request from the admin's session passes authorization (and fails on the empty body or unknown id).
                var bySession = (int)(await session.SendAsync(EmptyBody(method, pattern))).StatusCode;
                if (bySession is 401 or 403 or >= 500) failures.Add($"session {method} {pattern}: {bySession}, expected past authorization");
            }
            else if (status is 401 or 403 or >= 500)
            {
                failures.Add($"token {method} {pattern}: {status}, expected past authorization");
            }
        }
        Assert.Empty(failures);
        Assert.Equal(auditRows, await app.ScalarAsync("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task A_leaked_admin_token_can_neither_reset_the_admins_password_nor_create_an_admin_nor_mint_a_token()
    {
        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync("admin"));

        var reset = await script.PostAsJsonAsync("/api/v1/users/admin/password", new { newPassword = "Stolen-Passw0rd-1", currentPassword = RiskMapApp.Password });
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.Equal("application/problem+json", reset.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Accounts, passwords and tokens are changed only from a session signed in with the password (the page, " +
            "or POST /api/v1/auth/login); a request made with a personal API token cannot.", (await Json(reset)).GetProperty("detail").GetString());
        var created = await script.PostAsJsonAsync("/api/v1/users", new { userName = "intruder", password = "Stolen-Passw0rd-1", role = "Admin" });
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        var minted = await script.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "longer", expiresInDays = 730 });
        Assert.Equal(HttpStatusCode.Forbidden, minted.StatusCode);

        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM users WHERE user_name = 'intruder'"));
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM api_tokens WHERE name = 'longer'"));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = RiskMapApp.Password })).StatusCode);
        // The token still reads: it is refused the changes, not revoked.
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task An_admin_setting_their_own_password_gives_the_current_one()
    {
        var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/users", new { userName = "admin-2", password = RiskMapApp.Password, role = "Admin" })).StatusCode);
        var self = await app.ClientForAsync("admin-2");

        var missing = await self.PostAsJsonAsync("/api/v1/users/admin-2/password", new { newPassword = "Renewed-Passw0rd-2" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["currentPassword"], (await Json(missing)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var wrong = await self.PostAsJsonAsync("/api/v1/users/admin-2/password", new { newPassword = "Renewed-Passw0rd-2", currentPassword = "Not-the-Passw0rd" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(["currentPassword"], (await Json(wrong)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin-2", password = RiskMapApp.Password })).StatusCode);

        var right = await self.PostAsJsonAsync("/api/v1/users/admin-2/password", new { newPassword = "Renewed-Passw0rd-2", currentPassword = RiskMapApp.Password });
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin-2", password = RiskMapApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin-2", password = "Renewed-Passw0rd-2" })).StatusCode);

        // Another user's password needs no current password of anyone.
        Assert.Equal(HttpStatusCode.NoContent, (await self.PostAsJsonAsync("/api/v1/users/admin/password", new { newPassword = RiskMapApp.Password })).StatusCode);
    }
}
