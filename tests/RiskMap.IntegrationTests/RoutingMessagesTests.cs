using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RiskMap.Api.Features.Routing;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The planner's problems carry stable codes and its texts come in the caller's language (Accept-Language: zh-CN, the
/// default, or en): bad parameters and body fields, unknown plans and teams, the visit sheet, and the words of the answers
/// (a plan's notes and drop explanations, the candidates' score formula). No test here searches (kept-order plans, and a
/// plan whose time limit is too short to start OR-Tools), so none sets <see cref="RoutingSearch.SolutionLimit"/>.
/// </summary>
public sealed class RoutingMessagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    /// <summary>The answer to <paramref name="method"/> <paramref name="url"/> (with a JSON <paramref name="body"/>) in <paramref name="language"/>.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Problem)> AskIn(HttpClient client, string language, HttpMethod method, string url, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static TheoryData<string, string?, string, string, string, string> BadPlannerInputs => new()
    {
        // A query parameter out of its range.
        { "/api/v1/routes/candidates?limit=0", null, "limit", "range", "应在 1 到 2000 之间（收到 0）。", "Must be from 1 to 2000 (got 0)." },
        // A query parameter that does not bind.
        { "/api/v1/routes/candidates?overdue=maybe", null, "overdue", "format.boolean", "“maybe”应为 true 或 false。", "'maybe' must be true or false." },
        { "/api/v1/routes/candidates?township=12", null, "township", "format.code-list", "“12”不是以逗号分隔的 9 位数字代码列表。", "'12' is not a comma-separated list of 9-digit codes." },
        // Body fields: a range, a nested required field, a rule over several fields, an enterprise the caller cannot see.
        { "/api/v1/routes/plan", """{"start":{"longitude":111.6,"latitude":26.4},"stops":[],"speedKmh":151}""", "speedKmh", "range",
            "应在 1 到 150 之间（收到 151）。", "Must be from 1 to 150 (got 151)." },
        { "/api/v1/routes/plan", """{"start":{"longitude":111.6},"stops":[]}""", "start.latitude", "required", "此项必填。", "A value is required." },
        { "/api/v1/routes/plan", """{"start":{"longitude":111.6,"latitude":26.4},"stops":[{"enterpriseId":1}],"keepOrder":true,"teams":2}""", "stops[0].team",
            "plan.stop-team-required", "按给定顺序（keepOrder）规划时，每个站点须指定检查组，1 至 2。", "With keepOrder every stop names its team, 1 … 2." },
        { "/api/v1/routes/plan", """{"start":{"longitude":111.6,"latitude":26.4},"stops":[{"enterpriseId":-4}]}""", "stops[0].enterpriseId",
            "plan.enterprise-unknown", "没有编号为 -4 的企业。", "No enterprise has the id -4." },
        { "/api/v1/routes/plan", """{"start":{"longitude":111.6,"latitude":26.4},"stops":[null]}""", "stops[0]", "required", "此项必填。", "A value is required." },
        // A schedule longer than a month, and one for an unknown sector.
        { "/api/v1/routes/schedule", """{"from":"2026-11-01","to":"2026-12-15","start":{"longitude":111.6,"latitude":26.4}}""", "to",
            "schedule.range-too-long", "日期范围共 45 天，最多 31 天。", "The date range has 45 days; at most 31 are allowed." },
        { "/api/v1/routes/schedule", """{"from":"2026-11-02","to":"2026-11-06","start":{"longitude":111.6,"latitude":26.4},"sectors":["mining"]}""", "sectors[0]",
            "schedule.sector-unknown", "未知的行业代码“mining”。", "Unknown sector code 'mining'." },
    };

    [Theory]
    [MemberData(nameof(BadPlannerInputs))]
    public async Task A_bad_parameter_or_body_field_of_the_planner_is_chinese_under_zh_CN_and_english_under_en_with_the_same_code(
        string url, string? body, string field, string code, string chinese, string english)
    {
        var leader = await app.ClientForAsync("leader");
        var method = body is null ? HttpMethod.Get : HttpMethod.Post;
        var (zhStatus, zh) = await AskIn(leader, "zh-CN", method, url, body);
        var (enStatus, en) = await AskIn(leader, "en", method, url, body);

        Assert.Equal(HttpStatusCode.BadRequest, zhStatus);
        Assert.Equal(HttpStatusCode.BadRequest, enStatus);
        foreach (var problem in new[] { zh, en })
        {
            var coded = Assert.Single(problem.GetProperty("errorCodes").EnumerateObject());
            Assert.Equal(field, coded.Name);
            Assert.Equal(code, coded.Value[0].GetProperty("code").GetString());
        }
        Assert.Equal(zh.GetProperty("code").GetString(), en.GetProperty("code").GetString());
        Assert.Equal(chinese, zh.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(english, en.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh.GetProperty("title").GetString()!);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", en.GetProperty("title").GetString()!);
    }

    [Fact]
    public async Task An_unknown_plan_and_team_are_404_with_their_code_in_either_language()
    {
        var leader = await app.ClientForAsync("leader");
        var unknown = new string('c', 32);
        var (zhStatus, zh) = await AskIn(leader, "zh-CN", HttpMethod.Get, $"/api/v1/routes/plans/{unknown}");
        var (enStatus, en) = await AskIn(leader, "en", HttpMethod.Get, $"/api/v1/routes/plans/{unknown}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (zhStatus, enStatus));
        Assert.Equal([RoutingProblemCodes.PlanUnknown, RoutingProblemCodes.PlanUnknown], new[] { zh, en }.Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(("未知的路线方案", "Unknown plan"), (zh.GetProperty("title").GetString(), en.GetProperty("title").GetString()));
        Assert.Equal($"No plan is stored under '{unknown}'; plans are kept for 24 hours, then deleted (parameter 'id').", en.GetProperty("detail").GetString());
        Assert.Equal($"没有编号为“{unknown}”的路线方案；方案保存 24 小时，过期后删除（参数“id”）。", zh.GetProperty("detail").GetString());

        var id = (await Plan1Async(leader)).GetProperty("id").GetString()!;
        var (_, team) = await AskIn(leader, "zh-CN", HttpMethod.Get, $"/api/v1/routes/plans/{id}/teams/2/sheet");
        Assert.Equal(RoutingProblemCodes.TeamUnknown, team.GetProperty("code").GetString());
        Assert.Equal("该方案只有第 1 至第 1 组，没有第 2 组（参数“team”）。", team.GetProperty("detail").GetString());
        Assert.Equal("team", team.GetProperty("parameter").GetString());
    }

    /// <summary>A kept-order plan of the leader's (no solver) for one team visiting the two top candidates of the own township.</summary>
    private async Task<JsonElement> Plan1Async(HttpClient client)
    {
        var ids = (await RoutingTests.Candidates(client, $"township={RoutingTests.Own}&limit=2")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("enterpriseId").GetInt64()).ToList();
        return await RoutingTests.PlanOk(client, new
        {
            start = new { longitude = 111.65, latitude = 26.42 },
            stops = ids.Select(i => new { enterpriseId = i, team = 1, mandatory = true }),
            keepOrder = true,
            asOf = RoutingTests.Day,
        });
    }

    [Fact]
    public async Task The_visit_sheet_is_chinese_under_zh_CN_and_english_under_en()
    {
        var leader = await app.ClientForAsync("leader");
        var sheet = (await Plan1Async(leader)).GetProperty("teams")[0].GetProperty("exports").GetProperty("sheet").GetString()!;
        var zh = await (await RoutingTests.GetIn(leader, "zh-CN", sheet)).Content.ReadAsStringAsync();
        var en = await (await RoutingTests.GetIn(leader, "en", sheet)).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"zh-CN\">", zh);
        Assert.Contains("<h1>安全生产检查走访单</h1>", zh);
        Assert.Contains("检查组：第 1 组", zh);
        Assert.Matches("预计到达：[0-2][0-9]:[0-5][0-9]&", zh); // a clock time, China Standard Time
        Assert.Contains("<span class=\"tag\">必查</span>", zh);
        Assert.Contains("<html lang=\"en\">", en);
        Assert.Contains("<h1>Work-safety inspection visit sheet</h1>", en);
        Assert.Contains("<span>Team: 1</span>", en);
        Assert.Matches("Expected arrival: [0-2][0-9]:[0-5][0-9] ·", en);
        Assert.Contains("<span class=\"tag\">mandatory</span>", en);
        // None of the sheet's Chinese labels is left in the English page.
        foreach (var label in new[] { "检查组", "日期：", "隐患截至", "路程", "预计用时", "出发点", "地址：", "行业：", "预计到达", "检查发现", "检查人员", "企业负责人", "必查", "直线距离" })
        {
            Assert.Contains(label, zh);
            Assert.DoesNotContain(label, en);
        }
        // Same visits in both.
        Assert.Equal(zh.Split("class=\"findings\"").Length, en.Split("class=\"findings\"").Length);
    }

    [Fact]
    public async Task A_plans_notes_and_drop_explanations_are_chinese_under_zh_CN_and_english_under_en_with_the_same_codes()
    {
        var leader = await app.ClientForAsync("leader");
        var ids = (await RoutingTests.Candidates(leader, $"township={RoutingTests.Own}&limit=2")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("enterpriseId").GetInt64()).ToList();
        // One second of working time cannot hold a ten-minute visit, so both stops are dropped as unreachable; 0.1 s is too
        // short to start OR-Tools after the construction (RoutePlanner's report allowance and least search time), so the
        // plan is the construction, with its note.
        var body = JsonSerializer.Serialize(new
        {
            start = new { longitude = 111.65, latitude = 26.42 },
            stops = ids.Select(i => new { enterpriseId = i }),
            workingTimeSeconds = 1,
            serviceTimeSeconds = 600,
            timeLimitSeconds = 0.1,
            asOf = RoutingTests.Day,
        });
        var (status, planned) = await AskIn(leader, "zh-CN", HttpMethod.Post, "/api/v1/routes/plan", body);
        Assert.True(status == HttpStatusCode.OK, planned.ToString());
        var url = $"/api/v1/routes/plans/{planned.GetProperty("id").GetString()}";
        // The stored plan is worded for each reader: the same plan read in English, and again in Chinese.
        var (_, en) = await AskIn(leader, "en", HttpMethod.Get, url);
        var (_, zh) = await AskIn(leader, "zh-CN", HttpMethod.Get, url);

        foreach (var plan in new[] { planned, en, zh })
        {
            Assert.Equal("Heuristic", plan.GetProperty("status").GetString());
            Assert.Equal(PlanNote.Heuristic, plan.GetProperty("noteCode").GetString());
            Assert.Equal(ids, plan.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("enterpriseId").GetInt64()));
            Assert.All(plan.GetProperty("dropped").EnumerateArray(), d => Assert.Equal("UnreachableWithinWorkingTime", d.GetProperty("reason").GetString()));
        }
        foreach (var property in new[] { "note", "distanceNote" })
            Assert.Equal(planned.GetProperty(property).GetString(), zh.GetProperty(property).GetString());

        Assert.Equal([.. Enumerable.Repeat("即使单独前往，也无法在工作时间内到达、检查并离开", ids.Count)],
            zh.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("explanation").GetString()));
        Assert.Equal([.. Enumerable.Repeat("cannot be reached, visited and left within the working time even alone", ids.Count)],
            en.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("explanation").GetString()));
        Assert.StartsWith("OR-Tools 在 0.1 秒的时限内未找到解（2 个站点，1 个检查组；距离矩阵用时 ", zh.GetProperty("note").GetString());
        Assert.StartsWith("OR-Tools found no solution within the 0.1 s time limit (2 stops, teams: 1; the distance matrix took ", en.GetProperty("note").GetString());
        Assert.EndsWith("a longer time limit lets the search shorten the routes.", en.GetProperty("note").GetString());
        Assert.Equal("StraightLine", en.GetProperty("distanceKind").GetString());
        Assert.Equal("WGS-84 椭球面上的直线（测地线）距离：是下限，实际道路更长，因此预计用时偏乐观。", zh.GetProperty("distanceNote").GetString());
        Assert.Equal("Straight-line (geodesic) distances on the WGS-84 ellipsoid: a lower bound; roads are longer, so times are optimistic.",
            en.GetProperty("distanceNote").GetString());
    }

    [Fact]
    public async Task The_candidates_score_formula_is_chinese_under_zh_CN_and_english_under_en()
    {
        var leader = await app.ClientForAsync("leader");
        var url = $"/api/v1/routes/candidates?township={RoutingTests.Own}&limit=1&asOf={RoutingTests.Day}";
        var (zhStatus, zh) = await AskIn(leader, "zh-CN", HttpMethod.Get, url);
        var (enStatus, en) = await AskIn(leader, "en", HttpMethod.Get, url);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (zhStatus, enStatus));
        Assert.Equal(
            "1000·overdue major + 400·open major + 200·supervised open major + 50·overdue general + 10·open general " +
            "+ 20·min(days since last inspection, 365)/365 (never inspected = 20) + sector weight (10 fireworks, hazardous chemicals, " +
            "non-coal mines, gas; 5 road traffic, construction, fire safety; 2 others) + 5 above-scale; ties by ascending id",
            en.GetProperty("scoreFormula").GetString());
        Assert.Equal(
            "1000×逾期重大隐患 + 400×未整改重大隐患 + 200×挂牌督办的未整改重大隐患 + 50×逾期一般隐患 + 10×未整改一般隐患 " +
            "+ 20×min(距上次检查天数, 365)/365（从未检查计 20）+ 行业权重（烟花爆竹、危险化学品、非煤矿山、燃气 10；" +
            "道路交通、建筑施工、消防 5；其他 2）+ 规模以上 5；同分按企业编号升序",
            zh.GetProperty("scoreFormula").GetString());
        // The same candidates in both.
        Assert.Equal(en.GetProperty("items")[0].GetProperty("enterpriseId").GetInt64(), zh.GetProperty("items")[0].GetProperty("enterpriseId").GetInt64());
    }

    [Fact]
    public async Task The_pages_candidate_query_with_empty_lists_is_answered_as_without_them()
    {
        var chief = await app.ClientForAsync($"chief-{RoutingTests.Own}");
        // The planner page sends an empty list of sectors as "sector=" and criteria not ticked not at all.
        using var response = await chief.GetAsync($"/api/v1/routes/candidates?township={RoutingTests.Own}&sector=&limit=30&asOf={RoutingTests.Day}&crs=wgs84&district=431103");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var without = await RoutingTests.Candidates(chief, $"township={RoutingTests.Own}&limit=30");
        Assert.Equal(without.GetProperty("total").GetInt32(), JsonDocument.Parse(text).RootElement.GetProperty("total").GetInt32());
    }
}
