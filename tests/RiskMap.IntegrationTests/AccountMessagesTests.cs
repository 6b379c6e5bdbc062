using RiskMap.Api.Domain;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The answers of sign-in, tokens and user administration carry stable codes, and their texts come in the caller's
/// language (Accept-Language: zh-CN, the default, or en) — Identity's password rules included, never its English.
/// </summary>
public sealed class AccountMessagesTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary><paramref name="client"/> asking for <paramref name="language"/> instead of the tests' English.</summary>
    private static HttpClient Speaking(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The codes of each field in a validation problem's <c>errorCodes</c>, as "field: code(args)".</summary>
    private static List<string> ErrorCodes(JsonElement problem)
        => problem.GetProperty("errorCodes").EnumerateObject()
            .SelectMany(f => f.Value.EnumerateArray().Select(e =>
                $"{f.Name}: {e.GetProperty("code").GetString()}({string.Join(",", e.GetProperty("args").EnumerateArray().Select(a => a.GetString()))})"))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_sign_in_error_is_chinese_under_zh_CN_and_english_under_en_with_the_same_code()
    {
        var login = new { userName = "nobody-by-this-name", password = "Wrong-Passw0rd" };
        var chinese = await Speaking(app.CreateClient(), "zh-CN").PostAsJsonAsync("/api/v1/auth/login", login);
        var english = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", login);

        Assert.Equal(HttpStatusCode.Unauthorized, chinese.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, english.StatusCode);
        var zh = await Json(chinese);
        var en = await Json(english);
        Assert.Equal(AccountProblemCodes.SignInFailed, zh.GetProperty("code").GetString());
        Assert.Equal(AccountProblemCodes.SignInFailed, en.GetProperty("code").GetString());
        Assert.Equal("登录失败", zh.GetProperty("title").GetString());
        Assert.Equal("用户名或密码错误，或账户因多次登录失败已被锁定（锁定 15 分钟，或直到管理员解锁）。", zh.GetProperty("detail").GetString());
        Assert.Equal("Sign-in failed", en.GetProperty("title").GetString());
        Assert.Equal("Wrong user name or password, or the account is locked after repeated failed sign-ins (for 15 minutes, or until an admin unlocks it).",
            en.GetProperty("detail").GetString());
        Assert.Equal(["15"], zh.GetProperty("args").EnumerateArray().Select(a => a.GetString()));

        // No language asked for: Chinese, the default.
        var unasked = app.CreateClient();
        unasked.DefaultRequestHeaders.AcceptLanguage.Clear();
        Assert.Equal("登录失败", (await Json(await unasked.PostAsJsonAsync("/api/v1/auth/login", login))).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_bad_sign_in_and_token_request_names_each_field_in_the_callers_language_with_the_same_codes()
    {
        // userName missing, password longer than the column of a password may be.
        var login = $$"""{"password":"{{new string('x', FieldLengths.Password + 1)}}"}""";
        var zh = await Json(await Speaking(app.CreateClient(), "zh-CN").PostAsync("/api/v1/auth/login", Body(login)));
        var en = await Json(await app.CreateClient().PostAsync("/api/v1/auth/login", Body(login)));
        Assert.Equal(400, zh.GetProperty("status").GetInt32());
        Assert.Equal(["password: length.max(256,257)", "userName: required()"], ErrorCodes(zh));
        Assert.Equal(ErrorCodes(zh), ErrorCodes(en));
        Assert.Equal("此项必填。", zh.GetProperty("errors").GetProperty("userName")[0].GetString());
        Assert.Equal("过长：257 个字符，最多 256 个。", zh.GetProperty("errors").GetProperty("password")[0].GetString());
        Assert.Equal("请求参数有误", zh.GetProperty("title").GetString());
        Assert.Equal("Invalid request", en.GetProperty("title").GetString());
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", en.GetProperty("errors").ToString());

        // A token without a name, for longer than allowed, and an unknown query parameter on the same endpoint.
        var session = await app.ClientForAsync("admin");
        var token = await Speaking(session, "zh-CN").PostAsync("/api/v1/auth/tokens", Body("""{"expiresInDays":731}"""));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        var tokenProblem = await Json(token);
        Assert.Equal(["expiresInDays: range(1,730,731)", "name: required()"], ErrorCodes(tokenProblem));
        Assert.Equal("应在 1 到 730 之间（收到 731）。", tokenProblem.GetProperty("errors").GetProperty("expiresInDays")[0].GetString());
        var english = await Json(await Speaking(session, "en").PostAsync("/api/v1/auth/tokens", Body("""{"expiresInDays":731}""")));
        Assert.Equal(ErrorCodes(tokenProblem), ErrorCodes(english));
        Assert.Equal("Must be from 1 to 730 (got 731).", english.GetProperty("errors").GetProperty("expiresInDays")[0].GetString());

        var parameter = await Json(await Speaking(session, "zh-CN").GetAsync("/api/v1/users?sort=name"));
        Assert.Equal(["sort"], parameter.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.StartsWith("未知参数“sort”", parameter.GetProperty("errors").GetProperty("sort")[0].GetString());
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM api_tokens WHERE expires_at > now() + interval '730 days'"));
    }

    [Fact]
    public async Task Identitys_password_and_user_name_rules_come_back_coded_and_in_chinese()
    {
        var admin = Speaking(await app.ClientForAsync("admin"), "zh-CN");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "bad name!", password = "short", role = "DistrictLeader" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal(
        [
            "password: password.requires-digit()", "password: password.requires-upper()", "password: password.too-short(10)",
            "userName: user-name.invalid(bad name!,- . _ @)",
        ], ErrorCodes(problem));
        var errors = problem.GetProperty("errors");
        var password = errors.GetProperty("password").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("密码至少需要 10 个字符。", password);
        Assert.Contains("密码需要至少一个数字（0-9）。", password);
        Assert.Contains("密码需要至少一个大写字母（A-Z）。", password);
        Assert.Equal("用户名“bad name!”无效：只能包含英文字母、数字和 - . _ @。", errors.GetProperty("userName")[0].GetString());
        // Identity's own English never comes through.
        Assert.DoesNotContain("Passwords must", errors.ToString());

        // Changing one's own password: the same rules, under newPassword; a wrong current one under currentPassword.
        var change = await admin.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = RiskMapApp.Password, newPassword = "alllowercase" });
        var changeProblem = await Json(change);
        Assert.Equal(["newPassword: password.requires-digit()", "newPassword: password.requires-upper()"], ErrorCodes(changeProblem));
        var wrong = await Json(await admin.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "Not-the-Passw0rd", newPassword = "Another-Passw0rd-7" }));
        Assert.Equal(["currentPassword: password.current-wrong()"], ErrorCodes(wrong));
        Assert.Equal("这不是您当前的密码。", wrong.GetProperty("errors").GetProperty("currentPassword")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = RiskMapApp.Password })).StatusCode);
    }

    [Fact]
    public async Task Role_and_area_rules_of_a_new_user_and_unknown_or_taken_names_are_coded()
    {
        var admin = await app.ClientForAsync("admin");
        var bad = await Json(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "officer-x", password = "Long-enough-Passw0rd", role = "DistrictLeader", townships = new[] { "999999999" }, department = "nowhere",
        }));
        Assert.Equal(
        [
            "department: user.department.officers-only()", "department: user.department.unknown(nowhere)",
            "townships: user.townships.none-for-role(DistrictLeader)", "townships: user.townships.unknown(999999999)",
        ], ErrorCodes(bad));
        Assert.Equal("A DistrictLeader reads every township; give no townships.", bad.GetProperty("errors").GetProperty("townships")[0].GetString());
        var role = await Json(await admin.PostAsJsonAsync("/api/v1/users", new { userName = "x-role", password = "Long-enough-Passw0rd", role = "Mayor" }));
        Assert.Equal([$"role: format.one-of(Mayor,{string.Join(", ", Roles.All)})"], ErrorCodes(role));

        var taken = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "admin", password = "Long-enough-Passw0rd", role = "Admin" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(AccountProblemCodes.UserExists, (await Json(taken)).GetProperty("code").GetString());
        var unknown = await Speaking(admin, "zh-CN").PostAsync("/api/v1/users/nobody-at-all/unlock", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unknownProblem = await Json(unknown);
        Assert.Equal(AccountProblemCodes.UserUnknown, unknownProblem.GetProperty("code").GetString());
        Assert.Equal("没有名为“nobody-at-all”的用户。", unknownProblem.GetProperty("detail").GetString());
        var token = await Json(await admin.DeleteAsync("/api/v1/auth/tokens/987654321"));
        Assert.Equal(AccountProblemCodes.TokenUnknown, token.GetProperty("code").GetString());
        Assert.Equal("您没有编号为 987654321 的令牌。", token.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Sign_in_required_forbidden_and_session_required_are_coded_and_in_chinese()
    {
        var anonymous = await Json(await Speaking(app.CreateClient(), "zh-CN").GetAsync("/api/v1/auth/me"));
        Assert.Equal(AccountProblemCodes.SignInRequired, anonymous.GetProperty("code").GetString());
        Assert.Equal("需要登录", anonymous.GetProperty("title").GetString());

        var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/users", new { userName = "leader-zh", password = RiskMapApp.Password, role = "DistrictLeader" })).StatusCode);
        var leader = Speaking(await app.ClientForAsync("leader-zh"), "zh-CN");
        var forbidden = await leader.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var forbiddenProblem = await Json(forbidden);
        Assert.Equal(AccountProblemCodes.Forbidden, forbiddenProblem.GetProperty("code").GetString());
        Assert.Equal("您的角色或管辖范围不允许此请求。", forbiddenProblem.GetProperty("detail").GetString());

        var script = Speaking(app.CreateClient(), "zh-CN");
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync("leader-zh"));
        var minted = await Json(await script.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "longer" }));
        Assert.Equal(AccountProblemCodes.SessionRequired, minted.GetProperty("code").GetString());
        Assert.Equal("需要以密码登录的会话", minted.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_request_schemas_carry_the_column_lengths_and_required_fields()
    {
        using var client = app.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(FieldLengths.UserName, schemas["LoginRequest"]!["properties"]!["userName"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(FieldLengths.UserName, schemas["CreateUserRequest"]!["properties"]!["userName"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(FieldLengths.Name, schemas["CreateTokenRequest"]!["properties"]!["name"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(["password", "userName"], schemas["LoginRequest"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(AccountLimits.TokenMaxDays, schemas["CreateTokenRequest"]!["properties"]!["expiresInDays"]!["maximum"]!.GetValue<int>());
        // The summary is the endpoint's own, not its handler's doc comment.
        Assert.Equal("Signs in with a user name and password and sets the session cookie (for the page, curl -c, scripts).",
            document["paths"]!["/api/v1/auth/login"]!["post"]!["summary"]!.GetValue<string>());
    }
}
