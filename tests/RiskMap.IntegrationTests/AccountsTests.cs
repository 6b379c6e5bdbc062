using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Sign-in, lockout, personal API tokens and user administration.</summary>
public sealed class AccountsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Anonymous_api_calls_get_401_problem_details_not_a_redirect()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/v1/townships/choropleth");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await Json(response)).GetProperty("status").GetInt32());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Login_sets_a_cookie_and_me_describes_the_user_and_scope()
    {
        var client = await app.ClientForAsync("chief-431103105");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.Equal("chief-431103105", me.GetProperty("userName").GetString());
        Assert.Equal(["TownshipChief"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["431103105"], me.GetProperty("townships").EnumerateArray().Select(r => r.GetString()));
        Assert.False(me.GetProperty("readsEverything").GetBoolean());

        var officer = await (await app.ClientForAsync("officer-emergency")).GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.Contains("fireworks", officer.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.True(officer.GetProperty("readsEverything").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_five_failures_lock_the_account()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "inspector-3", password = "not-the-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "inspector-3", password = RiskMapApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        // Said like a wrong password, so that user names cannot be probed; the admin's list shows the lock.
        Assert.Equal("Sign-in failed", (await Json(locked)).GetProperty("title").GetString());

        var admin = await app.ClientForAsync("admin");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        Assert.NotEqual(JsonValueKind.Null, users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "inspector-3").GetProperty("lockedOutUntil").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/users/inspector-3/unlock", null)).StatusCode);
        await app.ClientForAsync("inspector-3");
    }

    [Fact]
    public async Task A_personal_token_works_as_bearer_until_revoked()
    {
        var owner = await app.ClientForAsync("leader");
        var created = await owner.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "QGIS", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json(created);
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("rmk_", secret);
        var id = body.GetProperty("token").GetProperty("id").GetInt64();

        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/townships/choropleth?asOf=2022-12-31")).StatusCode);
        Assert.Equal("leader", (await script.GetFromJsonAsync<JsonElement>("/api/v1/auth/me")).GetProperty("userName").GetString());
        // A token cannot mint another (a leaked one-day token must not extend itself).
        var minted = await script.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "longer", expiresInDays = 730 });
        Assert.Equal(HttpStatusCode.Forbidden, minted.StatusCode);
        Assert.Equal("A signed-in session is required", (await Json(minted)).GetProperty("title").GetString());
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM api_tokens WHERE name = 'longer'"));
        // Nor change the account's password.
        var password = await script.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = RiskMapApp.Password, newPassword = "Stolen-Passw0rd-9" });
        Assert.Equal(HttpStatusCode.Forbidden, password.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "leader", password = RiskMapApp.Password })).StatusCode);

        var listed = await owner.GetFromJsonAsync<JsonElement>("/api/v1/auth/tokens");
        var row = listed.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id);
        Assert.False(row.TryGetProperty("secret", out _));
        Assert.Equal(secret[..10], row.GetProperty("prefix").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/townships/choropleth")).StatusCode);

        var other = await app.ClientForAsync("officer-housing");
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/auth/tokens/{id}")).StatusCode);
        var bogus = app.CreateClient();
        bogus.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "rmk_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bogus.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_reported_on_currentPassword()
    {
        var officer = await app.ClientForAsync("officer-market-regulation");
        var response = await officer.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "wrong", newPassword = "Another-Passw0rd2" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("currentPassword", out _));
        Assert.False(errors.TryGetProperty("newPassword", out _));
    }

    [Fact]
    public async Task Creating_a_user_lists_every_problem_of_the_request_at_once()
    {
        var admin = await app.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "bad name!", password = "short", role = "Mayor" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal(["password", "role", "userName"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM users WHERE user_name = 'bad name!'"));
    }

    [Fact]
    public async Task Tokens_are_stored_hashed()
    {
        var owner = await app.ClientForAsync("officer-transport");
        var secret = (await Json(await owner.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "script" }))).GetProperty("secret").GetString()!;
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE token_hash = '{secret}' OR prefix = '{secret}'"));
        Assert.Equal(1L, await app.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE token_hash = '{RiskMap.Api.Features.Accounts.ApiTokenAuthenticationHandler.Hash(secret)}'"));
    }

    [Fact]
    public async Task An_admin_creates_users_and_resets_passwords_and_nobody_else_can()
    {
        var admin = await app.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "chief-new", displayName = "新负责人", password = "Another-Passw0rd", role = "TownshipChief", townships = new[] { "431103110" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var newChief = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await newChief.PostAsJsonAsync("/api/v1/auth/login", new { userName = "chief-new", password = "Another-Passw0rd" })).StatusCode);
        Assert.Equal(["431103110"], (await newChief.GetFromJsonAsync<JsonElement>("/api/v1/auth/me")).GetProperty("townships").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/users/chief-new/password", new { newPassword = "Reset-Passw0rd-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "chief-new", password = "Another-Passw0rd" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "chief-new", password = "Reset-Passw0rd-1" })).StatusCode);

        var chief = await app.ClientForAsync("chief-431103105");
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.PostAsJsonAsync("/api/v1/users/chief-new/password", new { newPassword = "Hijack-Passw0rd" })).StatusCode);
    }

    [Theory]
    [InlineData("""{"userName":"x1","password":"short","role":"Admin"}""", "password")]
    [InlineData("""{"userName":"x2","password":"Long-enough-Passw0rd","role":"Emperor"}""", "role")]
    [InlineData("""{"userName":"x3","password":"Long-enough-Passw0rd","role":"TownshipChief"}""", "townships")]
    [InlineData("""{"userName":"x4","password":"Long-enough-Passw0rd","role":"Inspector","townships":["999999999"]}""", "townships")]
    [InlineData("""{"userName":"x5","password":"Long-enough-Passw0rd","role":"DepartmentOfficer"}""", "department")]
    [InlineData("""{"password":"Long-enough-Passw0rd","role":"Admin"}""", "userName")]
    public async Task Bad_users_are_400_naming_the_field(string body, string field)
    {
        var admin = await app.ClientForAsync("admin");
        var response = await admin.PostAsync("/api/v1/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Demo_accounts_exist_for_every_role_and_share_the_configured_password()
    {
        foreach (var user in new[] { "admin", "leader", "officer-emergency", "officer-urban-management", "chief-431103001", "chief-431103201", "inspector-1", "inspector-2" })
            await app.ClientForAsync(user);
        // admin + leader + 6 department officers + 18 township chiefs + 3 inspectors
        Assert.Equal(29L, await app.ScalarAsync("SELECT count(*) FROM users WHERE user_name ~ '^(admin|leader|officer-.*|chief-4311[0-9]{5}|inspector-[0-9])$'"));
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM users WHERE password_hash LIKE '%{RiskMapApp.Password}%'"));
    }
}
