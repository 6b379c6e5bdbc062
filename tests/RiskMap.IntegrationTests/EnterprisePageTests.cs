using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskMap.Api.Data;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Features.Search;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// One enterprise's page (its whole history in date order, within scope), the search box (ranking, scope, the trigram
/// index, bad input) and error reports (纠错: who reports, whose queue, decisions, bad input), on a crafted district
/// 431186 (township 001 east, 002 west).
/// </summary>
public sealed class EnterprisePageTests(EnterprisePageTests.Fixture fixture) : IClassFixture<EnterprisePageTests.Fixture>
{
    private const string District = "431186";
    private const string East = District + "001";
    private const string West = District + "002";

    public sealed class Fixture : IAsyncLifetime
    {
        public EmptyApp App { get; } = new();
        /// <summary>东方燃气站, east, covered by urban_management.</summary>
        public long Exact { get; private set; }
        /// <summary>东方燃气站西厂, west, covered by urban_management.</summary>
        public long WestNamesake { get; private set; }
        /// <summary>老东方燃气站维修部, east, covered by emergency.</summary>
        public long Contains { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await CreateTwoTownshipsAsync(App, District);
            var y = Lat(District, 0.05);
            await App.WithDbAsync(async db =>
            {
                var import = new ImportService(db);
                await import.ImportDepartmentsAsync([
                    new Department { Code = "urban_management", Name = "城市管理局", Sectors = ["gas"] },
                    new Department { Code = "emergency", Name = "应急管理局", Sectors = ["hazardous_chemicals"] },
                ], default);
                return await import.ImportEnterprisesAsync("test", [
                    new EnterpriseRecord(2, CreditCode(District, 1), "东方燃气站加气分站", "gas", false, "东街道建设路 1 号", 112.15, y, "urban_management"),
                    new EnterpriseRecord(3, CreditCode(District, 2), "东方燃气站", "gas", false, "东街道建设路 2 号", 112.16, y, "urban_management"),
                    new EnterpriseRecord(4, CreditCode(District, 3), "老东方燃气站维修部", "gas", false, "东街道建设路 3 号", 112.17, y, "emergency"),
                    new EnterpriseRecord(5, CreditCode(District, 4), "东方燃气站西厂", "gas", false, "西镇工业园 9 号", 112.05, y, "urban_management"),
                ], DuplicatePolicy.Reject, default);
            });
            Exact = await IdAsync(2);
            Contains = await IdAsync(3);
            WestNamesake = await IdAsync(4);
            await App.CreateUsersAsync(
                new { userName = "chief-east", password = RiskMapApp.Password, role = "TownshipChief", townships = new[] { East } },
                new { userName = "chief-west", password = RiskMapApp.Password, role = "TownshipChief", townships = new[] { West } },
                new { userName = "officer-gas", password = RiskMapApp.Password, role = "DepartmentOfficer", department = "urban_management" },
                new { userName = "officer-emergency-x", password = RiskMapApp.Password, role = "DepartmentOfficer", department = "emergency" });
        }

        private async Task<long> IdAsync(int serial) => (long)(await App.ScalarAsync($"SELECT id FROM enterprises WHERE credit_code = '{CreditCode(District, serial)}'"))!;

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private static readonly DateOnly Today = CampaignCalendar.Today(TimeProvider.System);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await Json(response);
    }

    [Fact]
    public async Task The_page_holds_the_whole_history_in_date_order()
    {
        var admin = await fixture.App.ClientForAsync("admin");
        var id = fixture.Contains;
        var first = await Ok(admin.PostAsJsonAsync("/api/v1/inspections",
            new { enterpriseId = id, date = D(Today.AddDays(-60)), inspectionGroup = "第一组", inspectorVisits = 2 }), HttpStatusCode.Created);
        var second = await Ok(admin.PostAsJsonAsync("/api/v1/inspections", new
        {
            enterpriseId = id, date = D(Today.AddDays(-30)), inspectionGroup = "第二组", inspectorVisits = 3,
            hazards = new[] { new { level = "Major", description = "燃气泄漏报警器失效", deadline = D(Today.AddDays(-10)), responsiblePerson = "李四", supervised = true } },
        }), HttpStatusCode.Created);
        var hazardId = second.GetProperty("hazardIds")[0].GetInt64();
        var fine = await Ok(admin.PostAsJsonAsync("/api/v1/enforcement-actions",
            new { enterpriseId = id, date = D(Today.AddDays(-25)), kind = "Fine", amountYuan = 5000.50m }), HttpStatusCode.Created);
        // A major hazard enters Rectifying with its rectification plan (五到位).
        var planned = await Ok(admin.PutAsJsonAsync($"/api/v1/hazards/{hazardId}/plan", new
        {
            measures = "更换报警器并与切断阀联动", fundsYuan = 12000m, owner = "李四", interimMeasures = "停止使用并专人值守",
            plannedCompletionOn = D(Today.AddDays(10)), version = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazardId}")).GetProperty("version").GetUInt32(),
        }));
        var hazard = await Ok(admin.PostAsJsonAsync($"/api/v1/hazards/{hazardId}/status",
            new { status = "Rectifying", date = D(Today.AddDays(-20)), version = planned.GetProperty("version").GetUInt32() }));
        hazard = await Ok(admin.PostAsJsonAsync($"/api/v1/hazards/{hazardId}/deadline",
            new { deadline = D(Today.AddDays(20)), reason = "需更换整套设备", version = hazard.GetProperty("version").GetUInt32() }));
        await Ok(admin.PostAsJsonAsync($"/api/v1/hazards/{hazardId}/status",
            new { status = "Rectified", date = D(Today.AddDays(-5)), note = "已更换", version = hazard.GetProperty("version").GetUInt32() }));

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{id}");
        Assert.Equal("老东方燃气站维修部", page.GetProperty("name").GetString());
        Assert.Equal(East, page.GetProperty("township").GetString());
        Assert.Equal("东街道", page.GetProperty("townshipName").GetString());
        Assert.Equal("应急管理局", page.GetProperty("departmentName").GetString());
        Assert.Equal(["李四"], page.GetProperty("hazardResponsiblePersons").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(112.17, page.GetProperty("longitude").GetDouble(), 7);
        Assert.Equal([first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64()],
            page.GetProperty("inspections").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(5000.50m, page.GetProperty("enforcementActions")[0].GetProperty("amountYuan").GetDecimal());

        var lifecycle = page.GetProperty("hazards")[0].GetProperty("lifecycle").EnumerateArray()
            .Select(s => (s.GetProperty("date").GetString(), s.GetProperty("step").GetString(), s.GetProperty("deadline").ValueKind == JsonValueKind.Null ? null : s.GetProperty("deadline").GetString()))
            .ToList();
        Assert.Equal([
            (D(Today.AddDays(-30)), "Found", D(Today.AddDays(-10))), (D(Today.AddDays(-20)), "Rectifying", null),
            (D(Today.AddDays(-5)), "Rectified", null), (D(Today), "DeadlineExtended", D(Today.AddDays(20))),
        ], lifecycle);
        Assert.Equal("Rectified", page.GetProperty("hazards")[0].GetProperty("status").GetString());

        var timeline = page.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("date").GetString(), e.GetProperty("event").GetString(), e.GetProperty("recordId").GetInt64())).ToList();
        Assert.Equal([
            (D(Today.AddDays(-60)), "Inspection", first.GetProperty("id").GetInt64()),
            (D(Today.AddDays(-30)), "Inspection", second.GetProperty("id").GetInt64()),
            (D(Today.AddDays(-30)), "HazardFound", hazardId),
            (D(Today.AddDays(-25)), "Enforcement", fine.GetProperty("id").GetInt64()),
            (D(Today.AddDays(-20)), "HazardRectifying", hazardId),
            (D(Today.AddDays(-5)), "HazardRectified", hazardId),
            (D(Today), "HazardDeadlineExtended", hazardId),
        ], timeline);
    }

    [Fact]
    public async Task Another_townships_enterprise_is_404_like_an_unknown_id_in_both_languages()
    {
        var west = await fixture.App.ClientForAsync("chief-west");
        var other = await west.GetAsync($"/api/v1/enterprises/{fixture.Exact}");
        var unknown = await west.GetAsync("/api/v1/enterprises/999999999");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var otherBody = await other.Content.ReadAsStringAsync();
        Assert.DoesNotContain("东方", otherBody);
        Assert.DoesNotContain(East, otherBody);
        var (o, u) = (JsonDocument.Parse(otherBody).RootElement, await Json(unknown));
        Assert.Equal("enterprise.unknown", o.GetProperty("code").GetString());
        Assert.Equal(u.GetProperty("title").GetString(), o.GetProperty("title").GetString());
        Assert.Equal(u.GetProperty("detail").GetString()!.Replace("999999999", "ID"),
            o.GetProperty("detail").GetString()!.Replace(fixture.Exact.ToString(CultureInfo.InvariantCulture), "ID"));

        using var chinese = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/enterprises/{fixture.Exact}");
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await Json(await west.SendAsync(chinese));
        Assert.Equal("enterprise.unknown", zh.GetProperty("code").GetString());
        Assert.Equal("未知企业", zh.GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.OK, (await (await fixture.App.ClientForAsync("chief-east")).GetAsync($"/api/v1/enterprises/{fixture.Exact}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await west.GetAsync($"/api/v1/enterprises/{fixture.WestNamesake}")).StatusCode);
    }

    private static async Task<List<(string Kind, string Name, string MatchedOn)>> SearchAsync(HttpClient client, string q)
    {
        var answer = await Ok(client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q)));
        return answer.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("kind").GetString()!, i.GetProperty("name").GetString()!, i.GetProperty("matchedOn").GetString()!)).ToList();
    }

    [Fact]
    public async Task Search_ranks_the_exact_name_first_and_keeps_to_the_callers_townships()
    {
        var admin = await fixture.App.ClientForAsync("admin");
        Assert.Equal([
            ("Enterprise", "东方燃气站", "ExactName"), ("Enterprise", "东方燃气站西厂", "NamePrefix"), ("Enterprise", "东方燃气站加气分站", "NamePrefix"),
            ("Enterprise", "老东方燃气站维修部", "Name"),
        ], await SearchAsync(admin, " 东方燃气站 "));

        var east = await fixture.App.ClientForAsync("chief-east");
        var eastHits = await SearchAsync(east, "东方燃气站");
        Assert.Equal(["东方燃气站", "东方燃气站加气分站", "老东方燃气站维修部"], eastHits.Select(h => h.Name));
        // Nothing of the west township: neither its enterprise (by name, address or credit code) nor the township itself.
        Assert.Empty(await SearchAsync(east, "西厂"));
        Assert.Empty(await SearchAsync(east, "工业园"));
        Assert.Empty(await SearchAsync(east, CreditCode(District, 4)));
        Assert.Empty(await SearchAsync(east, "西镇"));
        Assert.Equal([("Township", "西镇", "ExactName")], (await SearchAsync(admin, "西镇")).Where(h => h.Kind == "Township"));

        Assert.Equal([("Enterprise", "东方燃气站西厂", "CreditCode")], await SearchAsync(admin, CreditCode(District, 4).ToLowerInvariant()));
        Assert.Equal([("Enterprise", "东方燃气站加气分站", "Address")], await SearchAsync(east, "建设路 1 号"));
        // A spelling one character off is found by similarity alone.
        Assert.Contains(("Enterprise", "东方燃气站加气分站", "SimilarName"), await SearchAsync(admin, "东方燃汽站加气分站"));
        // LIKE wildcards match themselves.
        Assert.Empty(await SearchAsync(admin, "%"));
        Assert.Empty(await SearchAsync(admin, "东_燃"));
    }

    [Fact]
    public async Task A_search_over_100_characters_or_without_text_is_400_naming_q_in_both_languages()
    {
        var admin = await fixture.App.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/search?q=" + new string('东', 100))).StatusCode);
        foreach (var (q, code) in new[] { (new string('东', 101), "length.max"), ("%20%20", "required"), ("", "required") })
        {
            var answers = new Dictionary<string, JsonElement>();
            foreach (var language in new[] { "zh-CN", "en" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/search" + (q.Length == 0 ? "" : "?q=" + q));
                request.Headers.AcceptLanguage.ParseAdd(language);
                var response = await admin.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                answers[language] = await Json(response);
                Assert.Equal(code, answers[language].GetProperty("errorCodes").GetProperty("q")[0].GetProperty("code").GetString());
            }
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", answers["zh-CN"].GetProperty("errors").GetProperty("q")[0].GetString()!);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", answers["en"].GetProperty("errors").GetProperty("q")[0].GetString()!);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/search?q=x&limit=51")).StatusCode);
    }

    [Fact]
    public async Task The_search_uses_the_trigram_indexes()
    {
        // The fixture's handful of rows would be read whole by any plan; with sequential and plain index scans off, the
        // planner must answer the conditions from an index that serves them, which proves the four conditions on names,
        // addresses and credit codes are indexable (a bitmap OR of the two trigram indexes and the credit-code index).
        var (sql, bind) = SearchQueries.Build("东方燃气站", 10, null);
        var plan = string.Join("\n", await fixture.App.ExplainAsync(sql, bind,
            "SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off"));
        Assert.Contains("Bitmap Index Scan on ix_enterprises_name_trgm", plan);
        Assert.Contains("Bitmap Index Scan on ix_enterprises_address_trgm", plan);
        Assert.Contains("Bitmap Index Scan on ix_enterprises_credit_code", plan);
        Assert.DoesNotContain("Seq Scan on enterprises", plan);
    }

    private static object Report(string subject, long? enterpriseId = null, long? hazardId = null, string? township = null, string? text = "地址写错了")
        => new { subject, enterpriseId, hazardId, township, text, longitude = 112.155, latitude = Lat(District, 0.051) };

    [Fact]
    public async Task A_chiefs_report_reaches_the_departments_queue_and_no_other_chief()
    {
        var east = await fixture.App.ClientForAsync("chief-east");
        var west = await fixture.App.ClientForAsync("chief-west");
        var gas = await fixture.App.ClientForAsync("officer-gas");
        var emergency = await fixture.App.ClientForAsync("officer-emergency-x");
        var admin = await fixture.App.ClientForAsync("admin");

        var report = await Ok(east.PostAsJsonAsync("/api/v1/error-reports", Report("Enterprise", fixture.Exact)), HttpStatusCode.Created);
        var id = report.GetProperty("id").GetInt64();
        Assert.Equal("Open", report.GetProperty("status").GetString());
        Assert.Equal("urban_management", report.GetProperty("department").GetString());
        Assert.Equal(East, report.GetProperty("township").GetString());
        Assert.Equal(112.155, report.GetProperty("longitude").GetDouble(), 7);

        static async Task<List<long>> Ids(HttpClient client, string url)
            => (await client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(id, await Ids(gas, "/api/v1/error-reports/queue?status=Open"));
        Assert.Contains(id, await Ids(admin, "/api/v1/error-reports/queue"));
        Assert.DoesNotContain(id, await Ids(emergency, "/api/v1/error-reports/queue"));
        Assert.Equal(HttpStatusCode.Forbidden, (await west.GetAsync("/api/v1/error-reports/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await east.GetAsync("/api/v1/error-reports/queue")).StatusCode);
        Assert.DoesNotContain(id, await Ids(west, "/api/v1/error-reports/mine"));
        Assert.Contains(id, await Ids(east, "/api/v1/error-reports/mine"));

        // Another department's officer cannot decide it; a rejection needs its reason; the reporter sees the outcome.
        Assert.Equal(HttpStatusCode.NotFound, (await emergency.PostAsJsonAsync($"/api/v1/error-reports/{id}/decision", new { status = "Accepted" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gas.PostAsJsonAsync($"/api/v1/error-reports/{id}/decision", new { status = "Rejected" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gas.PostAsJsonAsync($"/api/v1/error-reports/{id}/decision", new { status = "Open", reason = "x" })).StatusCode);
        var decided = await Ok(gas.PostAsJsonAsync($"/api/v1/error-reports/{id}/decision", new { status = "Rejected", reason = " 地址与营业执照一致 " }));
        Assert.Equal("Rejected", decided.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/error-reports/{id}/decision", new { status = "Accepted" })).StatusCode);
        var mine = (await east.GetFromJsonAsync<JsonElement>("/api/v1/error-reports/mine")).EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id);
        Assert.Equal("Rejected", mine.GetProperty("status").GetString());
        Assert.Equal("地址与营业执照一致", mine.GetProperty("decisionReason").GetString());
        Assert.Equal("officer-gas", mine.GetProperty("decidedBy").GetString());
        Assert.Equal(2L, await fixture.App.ScalarAsync($"SELECT count(*) FROM audit_log WHERE entity_type = 'error_report' AND entity_id = '{id}'"));
    }

    [Fact]
    public async Task A_chief_cannot_report_on_another_townships_records()
    {
        var west = await fixture.App.ClientForAsync("chief-west");
        var hazard = await fixture.App.ScalarAsync($"SELECT min(id) FROM hazards WHERE enterprise_id = {fixture.Exact}") as long?;
        var before = await fixture.App.ScalarAsync("SELECT count(*) FROM error_reports");
        foreach (var (body, field) in new[]
        {
            (Report("Enterprise", fixture.Exact), "enterpriseId"), (Report("Township", township: East), "township"),
            (Report("Enterprise", 999999999), "enterpriseId"), (Report("Hazard", hazardId: hazard ?? 999999999), "hazardId"),
        })
        {
            var problem = await Ok(west.PostAsJsonAsync("/api/v1/error-reports", body), HttpStatusCode.BadRequest);
            Assert.Equal("report.subject-unknown", problem.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString());
        }
        Assert.Equal(before, await fixture.App.ScalarAsync("SELECT count(*) FROM error_reports"));
        await Ok(west.PostAsJsonAsync("/api/v1/error-reports", Report("Township", township: West)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_report_without_text_is_400_naming_text_in_both_languages_and_writes_nothing()
    {
        var east = await fixture.App.ClientForAsync("chief-east");
        var before = await fixture.App.ScalarAsync("SELECT count(*) FROM error_reports");
        foreach (var text in new[] { null, "", "   " })
        {
            var answers = new Dictionary<string, JsonElement>();
            foreach (var language in new[] { "zh-CN", "en" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/error-reports")
                {
                    Content = new StringContent(JsonSerializer.Serialize(Report("Enterprise", fixture.Exact, text: text)), Encoding.UTF8, "application/json"),
                };
                request.Headers.AcceptLanguage.ParseAdd(language);
                var response = await east.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                answers[language] = await Json(response);
                Assert.Equal(["text"], answers[language].GetProperty("errors").EnumerateObject().Select(e => e.Name));
                Assert.Equal("required", answers[language].GetProperty("errorCodes").GetProperty("text")[0].GetProperty("code").GetString());
            }
            Assert.Equal("此项必填。", answers["zh-CN"].GetProperty("errors").GetProperty("text")[0].GetString());
            Assert.Equal("A value is required.", answers["en"].GetProperty("errors").GetProperty("text")[0].GetString());
        }
        var missingId = await Ok(east.PostAsJsonAsync("/api/v1/error-reports", new { subject = "Hazard", text = "x" }), HttpStatusCode.BadRequest);
        Assert.Equal("report.subject-id-required", missingId.GetProperty("errorCodes").GetProperty("hazardId")[0].GetProperty("code").GetString());
        var halfLocation = await Ok(east.PostAsJsonAsync("/api/v1/error-reports", new { subject = "Enterprise", enterpriseId = fixture.Exact, text = "x", longitude = 112.1 }), HttpStatusCode.BadRequest);
        Assert.Equal("report.location-incomplete", halfLocation.GetProperty("errorCodes").GetProperty("latitude")[0].GetProperty("code").GetString());
        Assert.Equal(before, await fixture.App.ScalarAsync("SELECT count(*) FROM error_reports"));
    }
}
