using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Cookie sessions kept in the database: signing out ends this session at once (a replayed cookie gets 401) and only
/// this one; a password change ends the user's other sessions and an admin's reset all of them, at once.
/// </summary>
public sealed class SessionsTests(SessionsTests.App app) : IClassFixture<SessionsTests.App>
{
    /// <summary>
    /// An empty schema where Identity rebuilds every cookie's principal on every request (security-stamp validation
    /// interval zero instead of a minute), so that every test here also shows that the session survives the rebuild.
    /// </summary>
    public sealed class App : RiskMapApp
    {
        /// <inheritdoc />
        protected override bool SeedDemo => false;

        /// <inheritdoc />
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        }
    }

    private static readonly WebApplicationFactoryClientOptions NoCookieJar = new() { HandleCookies = false };

    /// <summary>Creates a DistrictLeader (who needs no township) named <paramref name="userName"/>.</summary>
    private async Task CreateUserAsync(string userName)
    {
        var admin = await app.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName, password = RiskMapApp.Password, role = "DistrictLeader" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs <paramref name="userName"/> in and returns the session cookie as a browser would send it back ("riskmap=…").</summary>
    private async Task<string> SignInAsync(string userName, string password = RiskMapApp.Password)
    {
        var response = await app.CreateClient(NoCookieJar).PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CookieOf(response)!;
    }

    private static string? CookieOf(HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).LastOrDefault(c => c.StartsWith("riskmap=", StringComparison.Ordinal) && c.Length > "riskmap=".Length)
            : null;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string cookie, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", cookie);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await app.CreateClient(NoCookieJar).SendAsync(request);
    }

    private Task<HttpResponseMessage> MeAsync(string cookie) => SendAsync(HttpMethod.Get, "/api/v1/auth/me", cookie);

    private async Task<string> UserIdAsync(string userName) => (string)(await app.ScalarAsync($"SELECT id FROM users WHERE user_name = '{userName}'"))!;

    [Fact]
    public async Task A_cookie_replayed_after_logout_is_401_and_the_users_other_sessions_go_on()
    {
        await CreateUserAsync("leader-logout");
        var saved = await SignInAsync("leader-logout");
        var other = await SignInAsync("leader-logout");
        var me = await MeAsync(saved);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        // Identity rebuilt the principal and renewed the cookie; the renewed cookie names the same session.
        var renewed = CookieOf(me);
        Assert.NotNull(renewed);
        Assert.NotEqual(saved, renewed);
        Assert.Equal(2L, await app.ScalarAsync($"SELECT count(*) FROM user_sessions WHERE user_id = '{await UserIdAsync("leader-logout")}'"));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "/api/v1/auth/logout", renewed!)).StatusCode);

        var replayed = await MeAsync(saved);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("application/problem+json", replayed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(renewed!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(other)).StatusCode);
        Assert.Equal(1L, await app.ScalarAsync($"SELECT count(*) FROM user_sessions WHERE user_id = '{await UserIdAsync("leader-logout")}'"));
    }

    [Fact]
    public async Task A_session_keeps_its_id_through_identitys_rebuilds_and_may_still_change_credentials()
    {
        await CreateUserAsync("leader-rebuilt");
        var cookie = await SignInAsync("leader-rebuilt");
        for (var i = 0; i < 3; i++)
        {
            var me = await MeAsync(cookie);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            cookie = CookieOf(me) ?? throw new InvalidOperationException("The cookie was not renewed: the principal was not rebuilt.");
        }
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/auth/tokens", cookie, new { name = "after rebuilds" })).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_password_ends_the_other_sessions_at_once_keeps_this_one_and_is_audited_without_the_secret()
    {
        await CreateUserAsync("leader-password");
        var mine = await app.ClientForAsync("leader-password");
        var other = await SignInAsync("leader-password");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(other)).StatusCode);

        const string next = "Changed-Passw0rd-7";
        var changed = await mine.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = RiskMapApp.Password, newPassword = next });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(other)).StatusCode);

        var id = await UserIdAsync("leader-password");
        Assert.Equal("user.password_change|Session|true|leader-password", await app.ScalarAsync($"""
            SELECT string_agg(concat_ws('|', action, authenticated_by, (session_id IN (SELECT id FROM user_sessions))::text, user_name), ';')
            FROM audit_log WHERE entity_id = '{id}' AND action <> 'user.create'
            """));
        var row = (string)(await app.ScalarAsync($"SELECT concat_ws('|', before, after, note) FROM audit_log WHERE entity_id = '{id}' AND action = 'user.password_change'"))!;
        Assert.DoesNotContain(next, row);
        Assert.DoesNotContain(RiskMapApp.Password, row);
    }

    [Fact]
    public async Task An_admins_reset_ends_every_session_of_the_user_at_once()
    {
        await CreateUserAsync("leader-reset");
        var first = await SignInAsync("leader-reset");
        var second = await SignInAsync("leader-reset");
        var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/users/leader-reset/password", new { newPassword = "Reset-Passw0rd-8" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(second)).StatusCode);
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM user_sessions WHERE user_id = '{await UserIdAsync("leader-reset")}'"));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "leader-reset", password = "Reset-Passw0rd-8" })).StatusCode);
    }
}
