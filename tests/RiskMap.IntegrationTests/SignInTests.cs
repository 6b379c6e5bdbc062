using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.Api.Features.Accounts;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Sign-in abuse: a locked account, an unknown one and a wrong password answer alike; a lockout (which anyone can cause
/// by guessing) leaves the user's sessions and tokens working; an admin still sees it.
/// </summary>
public sealed class SignInTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task CreateUserAsync(string userName)
    {
        var admin = await app.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName, password = RiskMapApp.Password, role = "DistrictLeader" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> LoginAsync(string userName, string password)
        => app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName, password });

    /// <summary>Five wrong passwords in a row: Identity's lockout.</summary>
    private async Task LockAsync(string userName)
    {
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(userName, "Wrong-Passw0rd-" + i)).StatusCode);
    }

    /// <summary>Everything of an answer a caller could compare: status, media type, title, detail and any other member.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = (await Json(response)).EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {string.Join("; ", body)} set-cookie:{response.Headers.Contains("Set-Cookie")}";
    }

    private async Task<DateTimeOffset?> LockedUntilAsync(string userName)
    {
        var admin = await app.ClientForAsync("admin");
        var user = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users")).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName);
        return user.GetProperty("lockedOutUntil").ValueKind == JsonValueKind.Null ? null : user.GetProperty("lockedOutUntil").GetDateTimeOffset();
    }

    [Fact]
    public async Task A_locked_account_an_unknown_one_and_a_wrong_password_get_the_same_answer_and_an_admin_sees_the_lock()
    {
        await CreateUserAsync("leader-locked");
        await CreateUserAsync("leader-open");
        await LockAsync("leader-locked");

        var wrong = await AnswerAsync(await LoginAsync("leader-open", "Wrong-Passw0rd-x"));
        var unknown = await AnswerAsync(await LoginAsync("nobody-by-this-name", "Wrong-Passw0rd-x"));
        var lockedRightPassword = await AnswerAsync(await LoginAsync("leader-locked", RiskMapApp.Password));
        var lockedWrongPassword = await AnswerAsync(await LoginAsync("leader-locked", "Wrong-Passw0rd-x"));
        Assert.StartsWith("401 application/problem+json ", wrong);
        Assert.Contains("title=Sign-in failed", wrong);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, lockedRightPassword);
        Assert.Equal(wrong, lockedWrongPassword);

        Assert.True(await LockedUntilAsync("leader-locked") > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.Null(await LockedUntilAsync("leader-open"));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("leader-open", RiskMapApp.Password)).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_keeps_its_session_and_its_tokens()
    {
        await CreateUserAsync("leader-keeps");
        var session = await app.ClientForAsync("leader-keeps");
        await LockAsync("leader-keeps");
        Assert.NotNull(await LockedUntilAsync("leader-keeps"));

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/auth/me")).StatusCode);
        // A token made now, after the lock, so that its first use is checked against the database, not a cache.
        var created = await session.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "QGIS", expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await Json(created)).GetProperty("secret").GetString());
        var me = await script.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.Equal("leader-keeps", me.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/districts")).StatusCode);
        // A new sign-in is still refused while the lock lasts.
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("leader-keeps", RiskMapApp.Password)).StatusCode);
    }
}

/// <summary>
/// Rate limits on failed sign-ins, per client address and per user name, with low limits (3 per user name, 5 per address).
/// All requests of the in-memory test server come from one address.
/// </summary>
public sealed class SignInLimitTests(SignInLimitTests.App app) : IClassFixture<SignInLimitTests.App>
{
    /// <summary>An empty schema with low sign-in limits.</summary>
    public sealed class App : RiskMapApp
    {
        /// <inheritdoc />
        protected override bool SeedDemo => false;

        /// <inheritdoc />
        protected override IEnumerable<(string Key, string Value)> Settings =>
            [("RiskMap:SignIn:FailuresPerUserName", "3"), ("RiskMap:SignIn:FailuresPerAddress", "5"), ("RiskMap:SignIn:Window", "00:10:00")];
    }

    private Task<HttpResponseMessage> LoginAsync(string userName, string password)
        => app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName, password });

    private static async Task AssertTooManyAsync(HttpResponseMessage response, string limit)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var seconds = long.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 600);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too many failed sign-ins", problem.GetProperty("title").GetString());
        Assert.Equal($"Too many failed sign-ins for this {limit}: try again in {seconds} seconds.", problem.GetProperty("detail").GetString());
        Assert.Equal(limit == "user name" ? AccountProblemCodes.TooManySignInsForUserName : AccountProblemCodes.TooManySignInsFromAddress,
            problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Failed_sign_ins_are_limited_per_user_name_then_per_address_with_429_and_retry_after_and_good_ones_are_not_counted()
    {
        // More successful sign-ins than either limit: they are not counted.
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.OK, (await LoginAsync("admin", RiskMapApp.Password)).StatusCode);

        // Three failures for one (unknown) user name, then that name is refused before any password check.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("ghost-1", "Wrong-Passw0rd")).StatusCode);
        await AssertTooManyAsync(await LoginAsync("ghost-1", "Wrong-Passw0rd"), "user name");
        // The refused attempt was not counted against the address (3 of 5): two more names may fail.
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("ghost-2", "Wrong-Passw0rd")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("ghost-3", "Wrong-Passw0rd")).StatusCode);

        // Five failures from the address: every sign-in from it waits, even with the right password.
        await AssertTooManyAsync(await LoginAsync("ghost-4", "Wrong-Passw0rd"), "client address");
        await AssertTooManyAsync(await LoginAsync("admin", RiskMapApp.Password), "client address");
        // The same refusal in Chinese, with the same code.
        var chinese = app.CreateClient();
        chinese.DefaultRequestHeaders.AcceptLanguage.Clear();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var refused = await chinese.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = RiskMapApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = long.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(AccountProblemCodes.TooManySignInsFromAddress, problem.GetProperty("code").GetString());
        Assert.Equal("登录失败次数过多", problem.GetProperty("title").GetString());
        Assert.Equal($"此客户端地址登录失败次数过多：请在 {wait} 秒后重试。", problem.GetProperty("detail").GetString());
        // The admin's lockout counter saw none of it.
        Assert.Equal(0, await app.ScalarAsync("SELECT access_failed_count FROM users WHERE user_name = 'admin'"));
    }
}
