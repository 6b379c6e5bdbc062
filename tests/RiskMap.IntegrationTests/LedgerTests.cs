using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.Api.Features.Ledger;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The hazard ledger's rules (issue 14) on the lifecycle fixture (district 431195, gas enterprises; chief-east and
/// chief-east-2 of township 001, officer-gas of the gas department, admin): acceptance by a second person, the plan a
/// Major hazard needs before Rectifying, criterion clauses in force, deadline rules, extension decisions, the statistics
/// split and concurrent acceptances.
/// </summary>
public sealed partial class LifecycleTests
{
    private static long IdOf(JsonElement hazard) => hazard.GetProperty("id").GetInt64();

    private static uint VersionOf(JsonElement hazard) => hazard.GetProperty("version").GetUInt32();

    /// <summary>
    /// A hazard marked Rectified by chief-east (Rectifying 20 days ago, Rectified 4 days ago), with an "after" photo
    /// attached by chief-east unless <paramref name="afterPhoto"/> is false.
    /// </summary>
    private async Task<JsonElement> RectifiedHazardAsync(string level = "Major", bool supervised = true, bool afterPhoto = true)
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise, level: level, supervised: supervised);
        hazard = await Json(await MoveAsync(chief, hazard, "Rectifying", Today.AddDays(-20), null));
        var rectified = await MoveAsync(chief, hazard, "Rectified", Today.AddDays(-4), "已整改");
        Assert.True(rectified.StatusCode == HttpStatusCode.OK, await rectified.Content.ReadAsStringAsync());
        if (afterPhoto) await AttachAfterPhotoAsync(chief, IdOf(hazard));
        return await Json(await chief.GetAsync($"/api/v1/hazards/{IdOf(hazard)}"));
    }

    private static async Task AttachAfterPhotoAsync(HttpClient client, long hazard)
    {
        var upload = await client.PostAsync($"/api/v1/hazards/{hazard}/attachments",
            AttachmentTests.Form("After", AttachmentTests.Drawn(SkiaSharp.SKEncodedImageFormat.Jpeg), "after.jpg", "image/jpeg"));
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_major_hazard_passes_acceptance_only_with_an_after_photo_and_a_general_one_without()
    {
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var chief = await fixture.App.ClientForAsync("chief-east");
        var major = await RectifiedHazardAsync(supervised: false, afterPhoto: false);
        await AssertProblemAsync(await AcceptAsync(officer, major), HttpStatusCode.Conflict, LedgerProblemCodes.AcceptanceNeedsAfterPhoto);
        var chinese = await AcceptAsync(officer, major, language: "zh-CN");
        Assert.Equal($"重大隐患 {IdOf(major)} 验收通过（销号）前须至少上传一张整改后照片。", (await Json(chinese)).GetProperty("detail").GetString());
        Assert.Equal(0L, await fixture.App.ScalarAsync($"SELECT count(*) FROM hazard_acceptances WHERE hazard_id = {IdOf(major)}"));
        // A "before" photo or a document is not evidence of the rectification.
        var before = await chief.PostAsync($"/api/v1/hazards/{IdOf(major)}/attachments",
            AttachmentTests.Form("Before", AttachmentTests.Drawn(SkiaSharp.SKEncodedImageFormat.Png), "before.png", "image/png"));
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        await AssertProblemAsync(await AcceptAsync(officer, major), HttpStatusCode.Conflict, LedgerProblemCodes.AcceptanceNeedsAfterPhoto);
        // A failed acceptance needs no photo: it sends the hazard back to Rectifying.
        var failed = await AcceptAsync(officer, major, result: "Fail");
        Assert.True(failed.StatusCode == HttpStatusCode.OK, await failed.Content.ReadAsStringAsync());
        Assert.Equal("Rectifying", (await Json(failed)).GetProperty("status").GetString());

        var again = await RectifiedHazardAsync(supervised: false, afterPhoto: false);
        await AttachAfterPhotoAsync(chief, IdOf(again));
        again = await Json(await chief.GetAsync($"/api/v1/hazards/{IdOf(again)}"));
        var passed = await AcceptAsync(officer, again);
        Assert.True(passed.StatusCode == HttpStatusCode.OK, await passed.Content.ReadAsStringAsync());
        Assert.Equal("Closed", (await Json(passed)).GetProperty("status").GetString());

        var general = await RectifiedHazardAsync(level: "General", supervised: false, afterPhoto: false);
        var closed = await AcceptAsync(officer, general);
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> AcceptAsync(HttpClient client, JsonElement hazard, string result = "Pass", string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hazards/{IdOf(hazard)}/acceptance")
        {
            Content = JsonContent.Create(new
            {
                date = D(Today.AddDays(-1)), result, documentNumber = result == "Pass" ? "冷安销〔2026〕7号" : null,
                note = result == "Fail" ? "报警器仍未联动" : null, version = VersionOf(hazard),
            }),
        };
        if (language is not null) request.Headers.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue(language));
        return client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var problem = await Json(response);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {problem}");
        if (field is null) Assert.Equal(code, problem.GetProperty("code").GetString());
        else Assert.Equal(code, problem.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Acceptance_by_the_user_who_marked_it_rectified_is_409_and_another_users_pass_closes_it_out()
    {
        var hazard = await RectifiedHazardAsync(level: "General", supervised: false);
        Assert.Equal("chief-east", hazard.GetProperty("ledger").GetProperty("rectifiedBy").GetString());
        var chief = await fixture.App.ClientForAsync("chief-east");

        var zh = await AcceptAsync(chief, hazard, language: "zh-CN");
        await AssertProblemAsync(zh, HttpStatusCode.Conflict, LedgerProblemCodes.AcceptanceSamePerson);
        Assert.Equal("验收人不能是整改人", (await Json(zh)).GetProperty("title").GetString());
        var en = await AcceptAsync(chief, hazard, language: "en");
        Assert.Equal("User chief-east marked the hazard Rectified; someone else must accept it.", (await Json(en)).GetProperty("detail").GetString());
        Assert.Equal(0L, await fixture.App.ScalarAsync($"SELECT count(*) FROM hazard_acceptances WHERE hazard_id = {IdOf(hazard)}"));

        // A status step to Closed is no way around the acceptance.
        await AssertProblemAsync(await MoveAsync(chief, hazard, "Closed", Today, "x"), HttpStatusCode.Conflict, LedgerProblemCodes.CloseByAcceptance);

        // A fail sends it back to Rectifying; once rectified again, a second chief's pass closes it with the document number.
        var second = await fixture.App.ClientForAsync("chief-east-2");
        var failed = await AcceptAsync(second, hazard, "Fail");
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        hazard = await Json(failed);
        Assert.Equal("Rectifying", hazard.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, hazard.GetProperty("rectifiedOn").ValueKind);
        hazard = await Json(await MoveAsync(chief, hazard, "Rectified", Today, "再次整改"));
        var passed = await AcceptAsync(second, hazard);
        // The acceptance day may not be before the rectified day (today): yesterday is refused, naming the date.
        await AssertProblemAsync(passed, HttpStatusCode.BadRequest, LedgerProblemCodes.DayTooEarly, "date");
        var today = await second.PostAsJsonAsync($"/api/v1/hazards/{IdOf(hazard)}/acceptance",
            new { date = D(Today), result = "Pass", documentNumber = "冷安销〔2026〕8号", version = VersionOf(hazard) });
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        hazard = await Json(today);
        Assert.Equal("Closed", hazard.GetProperty("status").GetString());
        Assert.Equal("冷安销〔2026〕8号", hazard.GetProperty("ledger").GetProperty("closeDocumentNumber").GetString());
        Assert.Equal(["Fail", "Pass"], hazard.GetProperty("ledger").GetProperty("acceptances").EnumerateArray().Select(a => a.GetProperty("result").GetString()));
        Assert.Equal(["chief-east-2", "chief-east-2"], hazard.GetProperty("ledger").GetProperty("acceptances").EnumerateArray().Select(a => a.GetProperty("acceptedBy").GetString()));
    }

    [Fact]
    public async Task A_supervised_hazard_is_accepted_only_by_its_supervising_levels_role()
    {
        var hazard = await RectifiedHazardAsync(); // supervised at County level by the inspection
        Assert.Equal("County", hazard.GetProperty("ledger").GetProperty("supervision").GetProperty("level").GetString());
        var other = await fixture.App.ClientForAsync("chief-east-2");
        await AssertProblemAsync(await AcceptAsync(other, hazard), HttpStatusCode.Forbidden, LedgerProblemCodes.DeciderRole);

        // Listed by the city: the gas officer (County) may no longer accept it, the admin may.
        var admin = await fixture.App.ClientForAsync("admin");
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var open = await NewHazardAsync(officer, fixture.EastEnterprise);
        await AssertProblemAsync(await officer.PutAsJsonAsync($"/api/v1/hazards/{IdOf(open)}/supervision",
            new { level = "City", supervisingUnit = "永州市安委会", listedOn = D(Today.AddDays(-25)), version = VersionOf(open) }), HttpStatusCode.Forbidden, LedgerProblemCodes.DeciderRole);
        var listed = await admin.PutAsJsonAsync($"/api/v1/hazards/{IdOf(open)}/supervision",
            new { level = "City", supervisingUnit = "永州市安委会", listedOn = D(Today.AddDays(-25)), version = VersionOf(open) });
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        // Listing raises SupervisedListed for the township's chiefs (and never for the admin who listed it).
        var told = (string?)await fixture.App.ScalarAsync(
            $"SELECT string_agg(u.user_name, ',' ORDER BY u.user_name) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.hazard_id = {IdOf(open)} AND n.kind = 'SupervisedListed'");
        Assert.Contains("chief-east", told!.Split(','));
        Assert.DoesNotContain("admin", told.Split(','));
        var chief = await fixture.App.ClientForAsync("chief-east");
        var city = await Json(await MoveAsync(chief, await Json(listed), "Rectifying", Today.AddDays(-20), null));
        city = await Json(await MoveAsync(chief, city, "Rectified", Today.AddDays(-4), "已整改"));
        // Marked rectified: the acceptance is requested of those who may give it — for a City listing the admins, not the
        // county's officers, and never the chief who marked it.
        var asked = (string?)await fixture.App.ScalarAsync(
            $"SELECT string_agg(u.user_name, ',' ORDER BY u.user_name) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.hazard_id = {IdOf(city)} AND n.kind = 'AcceptanceRequested'");
        Assert.Contains("admin", asked!.Split(','));
        Assert.DoesNotContain("officer-gas", asked.Split(','));
        Assert.DoesNotContain("chief-east", asked.Split(','));
        // Nor can the county's officer lower the City listing to County and then decide alone.
        await AssertProblemAsync(await officer.PutAsJsonAsync($"/api/v1/hazards/{IdOf(city)}/supervision",
            new { level = "County", supervisingUnit = "区安委会", listedOn = D(Today.AddDays(-25)), version = VersionOf(city) }), HttpStatusCode.Forbidden, LedgerProblemCodes.DeciderRole);
        await AttachAfterPhotoAsync(chief, IdOf(city));
        await AssertProblemAsync(await AcceptAsync(officer, city), HttpStatusCode.Forbidden, LedgerProblemCodes.DeciderRole);
        var closed = await AcceptAsync(admin, city);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var supervision = (await Json(closed)).GetProperty("ledger").GetProperty("supervision");
        Assert.Equal(D(Today.AddDays(-1)), supervision.GetProperty("delistedOn").GetString());
        Assert.Equal("永州市安委会", supervision.GetProperty("supervisingUnit").GetString());
    }

    [Fact]
    public async Task A_major_hazard_without_a_plan_cannot_enter_rectifying_and_with_one_can()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise, plan: false);
        var refused = await MoveAsync(chief, hazard, "Rectifying", Today, null);
        await AssertProblemAsync(refused, HttpStatusCode.Conflict, LedgerProblemCodes.PlanRequired);
        Assert.Equal("Open", (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{IdOf(hazard)}")).GetProperty("status").GetString());

        // Funds to the fen and a completion day not before the found day.
        var fen = await chief.PutAsJsonAsync($"/api/v1/hazards/{IdOf(hazard)}/plan", new
        {
            measures = "更换报警器", fundsYuan = 10.005m, owner = "李四", interimMeasures = "停用", plannedCompletionOn = D(Today), version = VersionOf(hazard),
        });
        await AssertProblemAsync(fen, HttpStatusCode.BadRequest, LedgerProblemCodes.YuanFen, "fundsYuan");
        var early = await chief.PutAsJsonAsync($"/api/v1/hazards/{IdOf(hazard)}/plan", new
        {
            measures = "更换报警器", fundsYuan = 8000m, owner = "李四", interimMeasures = "停用", plannedCompletionOn = D(Today.AddDays(-31)), version = VersionOf(hazard),
        });
        await AssertProblemAsync(early, HttpStatusCode.BadRequest, LedgerProblemCodes.DayTooEarly, "plannedCompletionOn");
        var planned = await chief.PutAsJsonAsync($"/api/v1/hazards/{IdOf(hazard)}/plan", new
        {
            measures = "更换报警器", fundsYuan = 8000m, owner = "李四", interimMeasures = "停用", plannedCompletionOn = D(Today.AddDays(10)), version = VersionOf(hazard),
        });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        var plan = (await Json(planned)).GetProperty("ledger").GetProperty("plan");
        Assert.Equal(8000m, plan.GetProperty("fundsYuan").GetDecimal());
        Assert.Equal("李四", plan.GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chief, await Json(planned), "Rectifying", Today, null)).StatusCode);

        // A General hazard needs none.
        var general = await NewHazardAsync(chief, fixture.EastEnterprise, level: "General");
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chief, general, "Rectifying", Today, null)).StatusCode);
    }

    [Fact]
    public async Task A_criterion_clause_must_be_in_force_on_the_found_day_of_the_hazards_sector()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        async Task<HttpResponseMessage> Record(string date, string level, string clause) => await chief.PostAsJsonAsync("/api/v1/inspections", new
        {
            enterpriseId = fixture.EastEnterprise, date, inspectionGroup = "判定组", inspectorVisits = 1,
            hazards = new[] { new { level, description = "无燃气经营许可", deadline = "2024-12-31", source = "PublicTip", criterionClause = clause } },
        });
        // The urban-gas criterion is in force from 2023-04-26: a hazard found in 2022 cannot cite it.
        var before = await Record("2022-05-01", "Major", "gas-2023:4.1");
        await AssertProblemAsync(before, HttpStatusCode.BadRequest, LedgerProblemCodes.CriterionNotInForce, "hazards[0].criterionClause");
        await AssertProblemAsync(await Record("2024-01-10", "Major", "mines-2022:1.1"), HttpStatusCode.BadRequest, LedgerProblemCodes.CriterionSector, "hazards[0].criterionClause");
        await AssertProblemAsync(await Record("2024-01-10", "Major", "gas-2023:99"), HttpStatusCode.BadRequest, LedgerProblemCodes.CriterionUnknown, "hazards[0].criterionClause");
        await AssertProblemAsync(await Record("2024-01-10", "General", "gas-2023:4.1"), HttpStatusCode.BadRequest, LedgerProblemCodes.CriterionMajorOnly, "hazards[0].criterionClause");

        var recorded = await Record("2024-01-10", "Major", "gas-2023:4.1");
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var id = (await Json(recorded)).GetProperty("hazardIds")[0].GetInt64();
        var ledger = (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{id}")).GetProperty("ledger");
        Assert.Equal("PublicTip", ledger.GetProperty("source").GetString());
        Assert.Equal("建城规〔2023〕4号", ledger.GetProperty("criterion").GetProperty("documentNumber").GetString());
        Assert.Equal("未取得燃气经营许可证从事燃气经营活动", ledger.GetProperty("criterion").GetProperty("text").GetString());

        // The mines criteria: a 2021 hazard cites the 2017 trial text, not 矿安〔2022〕88号 (in force from 2022-09-01).
        var catalogue = CriterionCatalogue.Embedded;
        Assert.Equal(LedgerProblemCodes.CriterionNotInForce, catalogue.Check("mines-2022:1.1", "non_coal_mines", new DateOnly(2021, 6, 1))?.Code);
        Assert.Null(catalogue.Check("mines-2017:1.1", "non_coal_mines", new DateOnly(2021, 6, 1)));
        Assert.Equal(LedgerProblemCodes.CriterionNotInForce, catalogue.Check("mines-2017:1.1", "non_coal_mines", new DateOnly(2022, 9, 1))?.Code);
        Assert.Null(catalogue.Check("mines-2022:1.1", "non_coal_mines", new DateOnly(2022, 9, 1)));
        var listed = await chief.GetFromJsonAsync<JsonElement>("/api/v1/hazard-criteria?sector=non_coal_mines&on=2021-06-01");
        Assert.Equal(["矿安〔2022〕88号"], (await chief.GetFromJsonAsync<JsonElement>("/api/v1/hazard-criteria?sector=non_coal_mines&on=2022-09-01"))
            .GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("number").GetString()));
        Assert.Equal(["安监总管一〔2017〕98号"], listed.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task A_new_deadline_in_the_past_or_not_later_or_beyond_a_year_without_reason_is_400_on_every_path()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise, foundDaysAgo: 30, deadlineDaysAgo: 10, level: "General");
        var id = IdOf(hazard);
        var paths = new (HttpClient Client, string Url)[] { (chief, $"/api/v1/hazards/{id}/extension-requests"), (officer, $"/api/v1/hazards/{id}/deadline") };
        foreach (var (client, url) in paths)
        {
            // After the current deadline (10 days ago) but not after today: the 2023-01-15-on-2026-12-03 case.
            await AssertProblemAsync(await client.PostAsJsonAsync(url, new { deadline = D(Today.AddDays(-2)), reason = "延期", version = VersionOf(hazard) }),
                HttpStatusCode.BadRequest, LedgerProblemCodes.DeadlineNotAfterToday, "deadline");
            await AssertProblemAsync(await client.PostAsJsonAsync(url, new { deadline = D(Today), reason = "延期", version = VersionOf(hazard) }),
                HttpStatusCode.BadRequest, LedgerProblemCodes.DeadlineNotAfterToday, "deadline");
            await AssertProblemAsync(await client.PostAsJsonAsync(url, new { deadline = D(Today.AddDays(400)), reason = "延期", version = VersionOf(hazard) }),
                HttpStatusCode.BadRequest, LedgerProblemCodes.DeadlineBeyondOneYear, "beyondOneYearReason");
        }
        // A township chief requests; only the deciding role extends directly.
        await AssertProblemAsync(await chief.PostAsJsonAsync($"/api/v1/hazards/{id}/deadline", new { deadline = D(Today.AddDays(30)), reason = "延期", version = VersionOf(hazard) }),
            HttpStatusCode.Forbidden, LedgerProblemCodes.DeciderRole);
        var beyond = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/deadline",
            new { deadline = D(Today.AddDays(400)), reason = "停产改造", beyondOneYearReason = "需整体搬迁，经区安委会研究同意", version = VersionOf(hazard) });
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        Assert.Equal(D(Today.AddDays(400)), (await Json(beyond)).GetProperty("deadline").GetString());
        Assert.Equal(1L, await fixture.App.ScalarAsync($"SELECT count(*) FROM deadline_extensions WHERE hazard_id = {id}"));
    }

    [Fact]
    public async Task An_extension_request_is_decided_by_another_user_with_the_deciding_role_and_the_decision_is_in_the_history()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var admin = await fixture.App.ClientForAsync("admin");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise, level: "General");
        var id = IdOf(hazard);

        // Requested by the officer, decided by the officer: refused.
        var requested = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/extension-requests",
            new { deadline = D(Today.AddDays(30)), reason = "设备到货延迟", version = VersionOf(hazard) });
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        hazard = await Json(requested);
        var request = hazard.GetProperty("ledger").GetProperty("extensionRequests")[0];
        Assert.Equal("Pending", request.GetProperty("state").GetString());
        var requestId = request.GetProperty("id").GetInt64();
        var decide = $"/api/v1/hazards/{id}/extension-requests/{requestId}/decision";
        await AssertProblemAsync(await officer.PostAsJsonAsync(decide, new { approve = true, reason = "同意", version = VersionOf(hazard) }),
            HttpStatusCode.Conflict, LedgerProblemCodes.ExtensionSamePerson);
        // A second request while one is pending: refused; a chief does not decide.
        await AssertProblemAsync(await chief.PostAsJsonAsync($"/api/v1/hazards/{id}/extension-requests",
            new { deadline = D(Today.AddDays(40)), reason = "再延", version = VersionOf(hazard) }), HttpStatusCode.Conflict, LedgerProblemCodes.ExtensionPending);
        await AssertProblemAsync(await chief.PostAsJsonAsync(decide, new { approve = true, reason = "同意", version = VersionOf(hazard) }),
            HttpStatusCode.Forbidden, LedgerProblemCodes.DeciderRole);
        Assert.Equal(hazard.GetProperty("deadline").GetString(), (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{id}")).GetProperty("deadline").GetString());

        var approved = await admin.PostAsJsonAsync(decide, new { approve = true, reason = "同意延期", version = VersionOf(hazard) });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        hazard = await Json(approved);
        Assert.Equal(D(Today.AddDays(30)), hazard.GetProperty("deadline").GetString());
        // The requester (the officer), and no one else, is told of the decision, in the decision's transaction.
        Assert.Equal("officer-gas", await fixture.App.ScalarAsync(
            $"SELECT string_agg(u.user_name, ',') FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.hazard_id = {id} AND n.kind = 'ExtensionDecided'"));
        await AssertProblemAsync(await admin.PostAsJsonAsync(decide, new { approve = false, reason = "x", version = VersionOf(hazard) }),
            HttpStatusCode.Conflict, LedgerProblemCodes.ExtensionDecided);

        // The chief's next request is rejected by the officer: the deadline stays.
        hazard = await Json(await chief.PostAsJsonAsync($"/api/v1/hazards/{id}/extension-requests",
            new { deadline = D(Today.AddDays(60)), reason = "再延", version = VersionOf(hazard) }));
        var second = hazard.GetProperty("ledger").GetProperty("extensionRequests")[1].GetProperty("id").GetInt64();
        var rejected = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/extension-requests/{second}/decision",
            new { approve = false, reason = "理由不充分", version = VersionOf(hazard) });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        hazard = await Json(rejected);
        Assert.Equal(D(Today.AddDays(30)), hazard.GetProperty("deadline").GetString());
        Assert.Equal(["Approved", "Rejected"], hazard.GetProperty("ledger").GetProperty("extensionRequests").EnumerateArray().Select(r => r.GetProperty("state").GetString()));
        var history = hazard.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("action").GetString(), h.GetProperty("userName").GetString(), h.GetProperty("note").GetString())).ToList();
        Assert.Contains(("hazard.extension-approved", "admin", "同意延期"), history);
        Assert.Contains(("hazard.extension-rejected", "officer-gas", "理由不充分"), history);
        Assert.Equal(1L, await fixture.App.ScalarAsync($"SELECT count(*) FROM deadline_extensions WHERE hazard_id = {id}"));
    }

    [Fact]
    public async Task Twenty_parallel_acceptances_of_one_hazard_let_exactly_one_win()
    {
        var hazard = await RectifiedHazardAsync();
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AcceptAsync(officer, hazard)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal("hazard.changed-meanwhile", (await Json(loser)).GetProperty("code").GetString());
        Assert.Equal(1L, await fixture.App.ScalarAsync($"SELECT count(*) FROM hazard_acceptances WHERE hazard_id = {IdOf(hazard)}"));
        Assert.Equal(1L, await fixture.App.ScalarAsync($"SELECT count(*) FROM audit_log WHERE entity_type = 'hazard' AND entity_id = '{IdOf(hazard)}' AND action = 'hazard.accepted'"));
        Assert.Equal("Closed", await fixture.App.ScalarAsync($"SELECT status FROM hazards WHERE id = {IdOf(hazard)}"));
    }

    [Fact]
    public async Task The_statistics_split_by_source_and_supervision_adds_up_to_the_totals()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var day = Today.AddDays(-3);
        var recorded = await chief.PostAsJsonAsync("/api/v1/inspections", new
        {
            enterpriseId = fixture.EastEnterprise, date = D(day), inspectionGroup = "来源组", inspectorVisits = 1,
            hazards = new object[]
            {
                new { level = "General", description = "a", deadline = D(Today.AddDays(10)), source = "EnterpriseSelfReport" },
                new { level = "General", description = "b", deadline = D(Today.AddDays(10)), source = "PublicTip" },
                new { level = "Major", description = "c", deadline = D(Today.AddDays(10)), source = "Other", supervised = true },
            },
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var admin = await fixture.App.ClientForAsync("admin");
        var from = D(Today.AddDays(-400));
        var s = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?district={District}&from={from}&to={D(Today)}");
        var split = s.GetProperty("hazardSplit");
        int Sum(string part) => new[] { "departmentInspection", "enterpriseSelfReport", "publicTip", "other" }.Sum(k => split.GetProperty(k).GetProperty(part).GetInt32());
        int Total(string part) => s.GetProperty("generalHazards").GetProperty(part).GetInt32() + s.GetProperty("majorHazards").GetProperty(part).GetInt32();
        Assert.Equal(Total("found"), Sum("found"));
        Assert.Equal(Total("rectified"), Sum("rectified"));
        Assert.True(Total("found") > 3);

        // Each part equals the records behind it.
        var where = $"FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code LIKE '{District}%' AND h.found_on BETWEEN '{from}' AND '{D(Today)}'";
        foreach (var (key, source) in new[] { ("departmentInspection", "DepartmentInspection"), ("enterpriseSelfReport", "EnterpriseSelfReport"), ("publicTip", "PublicTip"), ("other", "Other") })
            Assert.Equal(await fixture.App.ScalarAsync($"SELECT count(*)::int {where} AND h.source = '{source}'"), split.GetProperty(key).GetProperty("found").GetInt32());
        Assert.Equal(await fixture.App.ScalarAsync($"SELECT count(*)::int {where} AND h.supervised"), split.GetProperty("supervised").GetProperty("found").GetInt32());
        Assert.Equal(await fixture.App.ScalarAsync($"SELECT count(*)::int {where} AND h.supervised AND coalesce(h.rectified_on, h.closed_on) IS NOT NULL"),
            split.GetProperty("supervised").GetProperty("rectified").GetInt32());
        Assert.True(split.GetProperty("enterpriseSelfReport").GetProperty("found").GetInt32() >= 1);
        Assert.True(split.GetProperty("supervised").GetProperty("found").GetInt32() >= 1);
    }
}
