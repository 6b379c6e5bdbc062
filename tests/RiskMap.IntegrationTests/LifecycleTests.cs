using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Import;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Recording inspections, hazards and enforcement, moving hazards through their lifecycle, concurrency, the audit trail
/// and bad input, on a crafted district 431195 (township 001 east, 002 west) with a gas enterprise in each.
/// </summary>
public sealed partial class LifecycleTests(LifecycleTests.Fixture fixture) : IClassFixture<LifecycleTests.Fixture>
{
    private const string District = "431195";

    public sealed class Fixture : IAsyncLifetime
    {
        public EmptyApp App { get; } = new();
        public long EastEnterprise { get; private set; }
        public long WestEnterprise { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            (EastEnterprise, WestEnterprise) = await CreateTwoGasEnterprisesAsync(App, District);
            await App.CreateUsersAsync(
                new { userName = "chief-east", password = RiskMapApp.Password, role = "TownshipChief", townships = new[] { District + "001" } },
                new { userName = "chief-east-2", password = RiskMapApp.Password, role = "TownshipChief", townships = new[] { District + "001" } },
                new { userName = "inspector-east", password = RiskMapApp.Password, role = "Inspector", townships = new[] { District + "001" } },
                new { userName = "officer-gas", password = RiskMapApp.Password, role = "DepartmentOfficer", department = "urban_management" },
                new { userName = "leader-x", password = RiskMapApp.Password, role = "DistrictLeader" });
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private static readonly DateOnly Today = CampaignCalendar.Today(TimeProvider.System);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Records an inspection with one hazard through the API and returns the hazard's detail.</summary>
    private async Task<JsonElement> NewHazardAsync(HttpClient client, long enterprise, int foundDaysAgo = 30, int deadlineDaysAgo = 10, string level = "Major",
        bool plan = true, bool supervised = true)
    {
        var response = await client.PostAsJsonAsync("/api/v1/inspections", new
        {
            enterpriseId = enterprise, date = D(Today.AddDays(-foundDaysAgo)), inspectionGroup = "测试组", inspectorVisits = 2,
            hazards = new[] { new { level, description = "燃气报警器失效", deadline = D(Today.AddDays(-deadlineDaysAgo)), responsiblePerson = "张三", supervised } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await Json(response)).GetProperty("hazardIds")[0].GetInt64();
        var hazard = await client.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{id}");
        if (level != "Major" || !plan) return hazard;
        // A Major hazard enters Rectifying only with a rectification plan (五到位); the admin sets one.
        var admin = await fixture.App.ClientForAsync("admin");
        var planned = await admin.PutAsJsonAsync($"/api/v1/hazards/{id}/plan", new
        {
            measures = "更换报警器", fundsYuan = 1200m, owner = "张三", interimMeasures = "停用相关区域", plannedCompletionOn = D(Today),
            version = hazard.GetProperty("version").GetUInt32(),
        });
        Assert.True(planned.StatusCode == HttpStatusCode.OK, await planned.Content.ReadAsStringAsync());
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{id}");
    }

    /// <summary>
    /// Closes a Rectified hazard by a passed acceptance of the gas officer (the supervising County level's role), who
    /// first attaches the "after" photo a Major hazard needs.
    /// </summary>
    private async Task<HttpResponseMessage> CloseAsync(JsonElement hazard, DateOnly date)
    {
        var officer = await fixture.App.ClientForAsync("officer-gas");
        if (hazard.GetProperty("level").GetString() == "Major") await AttachAfterPhotoAsync(officer, hazard.GetProperty("id").GetInt64());
        return await officer.PostAsJsonAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetInt64()}/acceptance",
            new { date = D(date), result = "Pass", documentNumber = "冷安销〔2026〕1号", version = hazard.GetProperty("version").GetUInt32() });
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, JsonElement hazard, string status, DateOnly? date, string? note)
        => client.PostAsJsonAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetInt64()}/status",
            new { status, date = date is null ? null : D(date.Value), note, version = hazard.GetProperty("version").GetUInt32() });

    [Fact]
    public async Task A_hazard_moves_open_rectifying_rectified_closed_and_its_history_is_kept()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise);
        Assert.Equal("Open", hazard.GetProperty("status").GetString());
        Assert.Equal("Rectifying", hazard.GetProperty("nextStatus").GetString());

        var steps = new (string Status, int DaysAgo, string? Note)[] { ("Rectifying", 20, null), ("Rectified", 5, "已更换报警器"), ("Closed", 2, "验收合格，予以销号") };
        foreach (var (status, daysAgo, note) in steps)
        {
            var response = status == "Closed" ? await CloseAsync(hazard, Today.AddDays(-daysAgo)) : await MoveAsync(chief, hazard, status, Today.AddDays(-daysAgo), note);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            hazard = await Json(response);
            Assert.Equal(status, hazard.GetProperty("status").GetString());
        }
        Assert.Equal(JsonValueKind.Null, hazard.GetProperty("nextStatus").ValueKind);
        Assert.Equal(D(Today.AddDays(-5)), hazard.GetProperty("rectifiedOn").GetString());

        var history = hazard.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["hazard.create", "hazard.plan", "hazard.status", "hazard.status", "hazard.attachment", "hazard.accepted"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(["chief-east", "admin", "chief-east", "chief-east", "officer-gas", "officer-gas"], history.Select(h => h.GetProperty("userName").GetString()));
        Assert.Equal("冷安销〔2026〕1号", history[^1].GetProperty("note").GetString());
        Assert.Contains("\"status\": \"Rectified\"", history[^1].GetProperty("before").GetString()!.Replace("\"status\":\"", "\"status\": \""));
        Assert.Contains("\"status\": \"Closed\"", history[^1].GetProperty("after").GetString()!.Replace("\"status\":\"", "\"status\": \""));

        // The as-of map uses the recorded dates: open until the day it was rectified.
        var leader = await fixture.App.ClientForAsync("leader-x");
        async Task<int> OpenMajorOn(DateOnly day) => (await leader.GetFromJsonAsync<JsonElement>(
                $"/api/v1/townships/choropleth?district={District}&asOf={D(day)}")).GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == District + "001").GetProperty("properties").GetProperty("openMajor").GetInt32();
        var before = await OpenMajorOn(Today.AddDays(-6));
        var after = await OpenMajorOn(Today.AddDays(-5));
        Assert.Equal(before - 1, after);
        var rectifying = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/hazards?township={District}001&asOf={D(Today.AddDays(-10))}&status=Rectifying&pageSize=1000");
        Assert.Contains(rectifying.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == hazard.GetProperty("id").GetInt64());
    }

    public static TheoryData<string[], string, string> Refused => new()
    {
        { [], "Rectified", "from Open the allowed transition is Open → Rectifying" },
        { [], "Closed", "from Open the allowed transition is Open → Rectifying" },
        { ["Rectifying"], "Closed", "from Rectifying the allowed transition is Rectifying → Rectified" },
        { ["Rectifying"], "Rectifying", "from Rectifying the allowed transition is Rectifying → Rectified" },
        { ["Rectifying", "Rectified"], "Rectifying", "from Rectified the allowed transition is Rectified → Closed" },
        { ["Rectifying", "Rectified", "Closed"], "Rectified", "a Closed hazard is final" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Illegal_transitions_are_409_saying_which_is_allowed(string[] path, string target, string message)
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise);
        var day = 20;
        foreach (var step in path)
            hazard = await Json(step == "Closed" ? await CloseAsync(hazard, Today.AddDays(-(day -= 3))) : await MoveAsync(chief, hazard, step, Today.AddDays(-(day -= 3)), "ok"));
        var response = await MoveAsync(chief, hazard, target, Today.AddDays(-1), "note");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(message, (await Json(response)).GetProperty("detail").GetString());
        // The create, the plan, each step, and the "after" photo a closed (Major) hazard needed.
        Assert.Equal(path.Length + 2 + (path.Contains("Closed") ? 1 : 0), (int)(long)(await fixture.App.ScalarAsync($"SELECT count(*) FROM audit_log WHERE entity_type = 'hazard' AND entity_id = '{hazard.GetProperty("id").GetInt64()}'"))!);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_gets_409_and_nothing_is_lost()
    {
        var first = await fixture.App.ClientForAsync("chief-east");
        var second = await fixture.App.ClientForAsync("chief-east-2");
        var hazard = await NewHazardAsync(first, fixture.EastEnterprise);
        var seenBySecond = await second.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard.GetProperty("id").GetInt64()}");

        var ok = await MoveAsync(first, hazard, "Rectifying", Today, null);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var conflict = await second.PostAsJsonAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetInt64()}/deadline",
            new { deadline = D(Today.AddDays(30)), reason = "设备到货延迟", version = seenBySecond.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await Json(conflict);
        Assert.Equal((await Json(ok)).GetProperty("version").GetUInt32(), problem.GetProperty("currentVersion").GetUInt32());

        var now = await first.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard.GetProperty("id").GetInt64()}");
        Assert.Equal("Rectifying", now.GetProperty("status").GetString());
        Assert.Equal(hazard.GetProperty("deadline").GetString(), now.GetProperty("deadline").GetString());
        Assert.Equal(["hazard.create", "hazard.plan", "hazard.status"], now.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(0L, await fixture.App.ScalarAsync($"SELECT count(*) FROM deadline_extensions WHERE hazard_id = {hazard.GetProperty("id").GetInt64()}"));
    }

    [Fact]
    public async Task A_stale_version_gets_409_changed_meanwhile_before_any_judgement_on_the_stored_state()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise);
        var id = hazard.GetProperty("id").GetInt64();
        var stale = hazard.GetProperty("version").GetUInt32();
        var extended = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/deadline",
            new { deadline = D(Today.AddDays(60)), reason = "材料未到", version = stale });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var afterExtension = await Json(extended);
        var current = afterExtension.GetProperty("version").GetUInt32();

        // Same request again with the old version: not "the deadline is not later", but "changed meanwhile".
        var again = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/deadline",
            new { deadline = D(Today.AddDays(60)), reason = "材料未到", version = stale });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await Json(again);
        Assert.Equal("The hazard was changed meanwhile", problem.GetProperty("title").GetString());
        Assert.Equal(current, problem.GetProperty("currentVersion").GetUInt32());

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chief, afterExtension, "Rectifying", Today, null)).StatusCode);
        var staleMove = await MoveAsync(chief, afterExtension, "Rectifying", Today, null);
        Assert.Equal(HttpStatusCode.Conflict, staleMove.StatusCode);
        Assert.Equal("The hazard was changed meanwhile", (await Json(staleMove)).GetProperty("title").GetString());
        Assert.Equal(1L, await fixture.App.ScalarAsync($"SELECT count(*) FROM deadline_extensions WHERE hazard_id = {id}"));
    }

    [Fact]
    public async Task An_extended_deadline_counts_from_the_day_it_was_granted()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise, foundDaysAgo: 300, deadlineDaysAgo: 270, level: "General");
        var id = hazard.GetProperty("id").GetInt64();
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var response = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/deadline",
            new { deadline = D(Today.AddDays(30)), reason = "需停产改造", version = hazard.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(D(Today.AddDays(30)), (await Json(response)).GetProperty("deadline").GetString());

        async Task<JsonElement?> Overdue(DateOnly day) => (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards?overdue=true&asOf={D(day)}&pageSize=1000"))
            .GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("id").GetInt64() == id);
        var past = await Overdue(Today.AddDays(-100));
        Assert.NotNull(past);
        Assert.Equal(170, past.Value.GetProperty("daysOverdue").GetInt32()); // deadline then in force: 270 days ago
        Assert.Equal(D(Today.AddDays(-270)), past.Value.GetProperty("deadline").GetString());
        Assert.Null(await Overdue(Today));
    }

    [Fact]
    public async Task Writes_respect_roles_townships_and_sectors()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var inspector = await fixture.App.ClientForAsync("inspector-east");
        var officer = await fixture.App.ClientForAsync("officer-gas");
        var leader = await fixture.App.ClientForAsync("leader-x");

        // A chief records nothing in the other township, whose enterprises answer like unknown ids (no probing).
        var west = await chief.PostAsJsonAsync("/api/v1/inspections", new { enterpriseId = fixture.WestEnterprise, date = D(Today), inspectionGroup = "g", inspectorVisits = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, west.StatusCode);
        Assert.Equal($"No enterprise has the id {fixture.WestEnterprise}.",
            (await Json(west)).GetProperty("errors").GetProperty("enterpriseId")[0].GetString());
        // An inspector records in the assigned township but does not move hazards or record enforcement.
        var hazard = await NewHazardAsync(inspector, fixture.EastEnterprise);
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(inspector, hazard, "Rectifying", Today, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync("/api/v1/enforcement-actions",
            new { enterpriseId = fixture.EastEnterprise, date = D(Today), kind = "Document" })).StatusCode);
        // The gas department's officer writes for gas enterprises in any township.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/enforcement-actions",
            new { enterpriseId = fixture.WestEnterprise, date = D(Today), kind = "Fine", amountYuan = 5000.50m })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(officer, hazard, "Rectifying", Today, null)).StatusCode);
        // A district leader reads only.
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/v1/enforcement-actions",
            new { enterpriseId = fixture.EastEnterprise, date = D(Today), kind = "Document" })).StatusCode);
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "/api/v1/inspections", """{"date":"2022-01-01","inspectionGroup":"g","inspectorVisits":1}""", "enterpriseId" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"inspectionGroup":"g","inspectorVisits":1}""", "date" },
        { "/api/v1/inspections", """{"enterpriseId":999999,"date":"2022-01-01","inspectionGroup":"g","inspectorVisits":1}""", "enterpriseId" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-01-01","inspectionGroup":"","inspectorVisits":1}""", "inspectionGroup" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-01-01","inspectionGroup":"g","inspectorVisits":-1}""", "inspectorVisits" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2999-01-01","inspectionGroup":"g","inspectorVisits":1}""", "date" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-13-45","inspectionGroup":"g","inspectorVisits":1}""", "date" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","description":"x","deadline":"2022-04-01"}]}""", "hazards[0].deadline" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","description":"x","deadline":"2022-06-01"},{"level":"Severe","description":"y","deadline":"2022-06-01"}]}""", "hazards[1].level" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"General","description":"{long}","deadline":"2022-06-01"}]}""", "hazards[0].description" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Fine","amountYuan":-100}""", "amountYuan" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Fine"}""", "amountYuan" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Fine","amountYuan":10.005}""", "amountYuan" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Interview","amountYuan":100}""", "amountYuan" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Arrest"}""", "kind" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":424242,"date":"2022-05-01","kind":"Document"}""", "enterpriseId" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Fine","amountYuan":100,"amount":5}""", "amount" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","description":"x","deadline":"2022-06-01","dueDate":"2022-06-01"}]}""", "hazards[0].dueDate" },
        { "/api/v1/enforcement-actions", "", "body" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Document""", "body" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-02-30","kind":"Document"}""", "date" },
        // Dates of records lie within 1949-10-01 … 2100-12-31; counts and amounts within their ranges.
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"0001-01-01","inspectionGroup":"g","inspectorVisits":1}""", "date" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"1949-09-30","inspectionGroup":"g","inspectorVisits":1}""", "date" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","description":"x","deadline":"9999-12-31"}]}""", "hazards[0].deadline" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","description":"x","deadline":"2101-01-01"}]}""", "hazards[0].deadline" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1001}""", "inspectorVisits" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"0001-01-01","kind":"Document"}""", "date" },
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Fine","amountYuan":100000000.01}""", "amountYuan" },
        // A repeated key is refused, not silently resolved to its last value.
        { "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Document","kind":"Fine","amountYuan":5}""", "kind" },
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"General","description":"x","deadline":"2022-06-01","deadline":"2099-06-01"}]}""", "hazards[0].deadline" },
        // PostgreSQL text cannot hold U+0000: refused as the field's problem, not a database error.
        { "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g\u0000","inspectorVisits":1}""", "inspectionGroup" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_400_naming_the_field_and_writes_nothing(string url, string body, string field)
    {
        var admin = await fixture.App.ClientForAsync("admin");
        var counts = await CountsAsync();
        var json = body.Replace("{east}", fixture.EastEnterprise.ToString(CultureInfo.InvariantCulture)).Replace("{long}", new string('长', 1001));
        var response = await admin.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task Steps_and_deadline_extensions_dated_outside_the_record_span_are_400_naming_the_span()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise);
        var id = hazard.GetProperty("id").GetInt64();
        var version = hazard.GetProperty("version").GetUInt32();
        var step = await chief.PostAsJsonAsync($"/api/v1/hazards/{id}/status", new { status = "Rectifying", date = "0001-01-01", version });
        var extension = await chief.PostAsJsonAsync($"/api/v1/hazards/{id}/deadline", new { deadline = "9999-12-31", reason = "延期", version });
        foreach (var (response, field) in new[] { (step, "date"), (extension, "deadline") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = (await Json(response)).GetProperty("errors").GetProperty(field)[0].GetString();
            Assert.Contains("1949-10-01 … 2100-12-31", message);
        }
        Assert.Equal(version, (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{id}")).GetProperty("version").GetUInt32());
    }

    [Fact]
    public async Task Status_changes_need_a_date_and_a_note_for_rectified_and_closed()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var hazard = await Json(await MoveAsync(chief, await NewHazardAsync(chief, fixture.EastEnterprise), "Rectifying", Today.AddDays(-5), null));
        var noNote = await MoveAsync(chief, hazard, "Rectified", Today, null);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.True((await Json(noNote)).GetProperty("errors").TryGetProperty("note", out _));
        var noDate = await MoveAsync(chief, hazard, "Rectified", null, "done");
        Assert.True((await Json(noDate)).GetProperty("errors").TryGetProperty("date", out _));
        var beforeStep = await MoveAsync(chief, hazard, "Rectified", Today.AddDays(-6), "done");
        Assert.Equal(HttpStatusCode.BadRequest, beforeStep.StatusCode);
        Assert.Contains("before the hazard's previous step", (await Json(beforeStep)).GetProperty("errors").GetProperty("date")[0].GetString());
        var noVersion = await chief.PostAsJsonAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetInt64()}/status", new { status = "Rectified", date = D(Today), note = "x" });
        Assert.True((await Json(noVersion)).GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task The_audit_trail_refuses_updates_and_deletes()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        await NewHazardAsync(chief, fixture.EastEnterprise);
        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => fixture.App.ExecuteAsync("UPDATE audit_log SET user_name = 'someone else'"));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => fixture.App.ExecuteAsync("DELETE FROM audit_log"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => fixture.App.ExecuteAsync("TRUNCATE audit_log"));
        Assert.True((long)(await fixture.App.ScalarAsync("SELECT count(*) FROM audit_log WHERE user_name = 'chief-east'"))! > 0);
    }

    [Fact]
    public async Task Every_audit_row_says_whether_a_session_or_which_token_made_the_change()
    {
        var session = await fixture.App.ClientForAsync("chief-east-2");
        var bySession = (await NewHazardAsync(session, fixture.EastEnterprise, plan: false)).GetProperty("id").GetInt64();
        var secret = await fixture.App.TokenForAsync("chief-east-2");
        var script = fixture.App.CreateClient();
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        var byToken = (await NewHazardAsync(script, fixture.EastEnterprise, plan: false)).GetProperty("id").GetInt64();
        var tokenId = await fixture.App.ScalarAsync($"SELECT id FROM api_tokens WHERE token_hash = '{Api.Features.Accounts.ApiTokenAuthenticationHandler.Hash(secret)}'");

        const string how = """
            SELECT string_agg(concat_ws(' ', action, authenticated_by, 'session:' || (session_id IN (
                       SELECT s.id FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.user_name = 'chief-east-2'))::text,
                   'token:' || api_token_id), '; ' ORDER BY id)
            FROM audit_log
            """;
        Assert.Equal("hazard.create Session session:true", await fixture.App.ScalarAsync($"{how} WHERE entity_type = 'hazard' AND entity_id = '{bySession}'"));
        Assert.Equal($"hazard.create ApiToken token:{tokenId}", await fixture.App.ScalarAsync($"{how} WHERE entity_type = 'hazard' AND entity_id = '{byToken}'"));
        Assert.Equal($"inspection.create ApiToken token:{tokenId}", await fixture.App.ScalarAsync(
            $"{how} WHERE entity_type = 'inspection' AND entity_id = (SELECT inspection_id::text FROM hazards WHERE id = {byToken})"));

        // The database refuses a new row that does not say it, or says it without the id to match.
        foreach (var columns in new[] { "", ", 'Session'", ", 'ApiToken'" })
        {
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => fixture.App.ExecuteAsync(
                $"INSERT INTO audit_log (at, user_id, user_name, action, entity_type, entity_id{(columns == "" ? "" : ", authenticated_by")}) " +
                $"VALUES (now(), 'x', 'x', 'x.test', 'x', '1'{columns})"));
            Assert.Equal("ck_audit_log_authenticated_by", refused.ConstraintName);
        }
    }

    /// <summary>
    /// One bad parameter or field for each operation of the hazard and record endpoints, checked by the contract
    /// (ranges, required fields, cross-field rules, binding) and by the handlers (rules that need the stored records or
    /// today): the field, its code, and its text in Chinese and in English. Placeholders: {east} enterprise, {hazard} an
    /// Open hazard found 30 days ago, {rectifying} one Rectifying since 20 days ago, {version} the version of the hazard the URL names.
    /// </summary>
    public static TheoryData<string, string, string?, string, string, string, string> BadFieldInBothLanguages => new()
    {
        { "GET", "/api/v1/hazards?pageSize=0", null, "pageSize", "range", "应在 1 到 1000 之间（收到 0）。", "Must be from 1 to 1000 (got 0)." },
        { "GET", "/api/v1/hazards?page=first", null, "page", "format.integer", "“first”不是整数。", "'first' is not a whole number." },
        { "GET", "/api/v1/hazards?level=9", null, "level", "format.one-of", "“9”不是允许的值，可用：General（一般）, Major（重大）。", "'9' is not allowed. Use one of: General, Major." },
        { "GET", "/api/v1/hazards/{hazard}?asOf=2022-01-01", null, "asOf", "parameter.unknown", "未知参数“asOf”", "Unknown parameter 'asOf'" },
        {
            "POST", "/api/v1/inspections",
            """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","description":"x","deadline":"2101-01-01"}]}""",
            "hazards[0].deadline", "date.range", "日期应在 1949-10-01 到 2100-12-31 之间（收到 2101-01-01）。",
            "2101-01-01 is outside the allowed range 1949-10-01 … 2100-12-31."
        },
        {
            "POST", "/api/v1/inspections",
            """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","description":"x","deadline":"2022-06-01"},{"level":"General","description":"y","deadline":"2022-04-01"}]}""",
            "hazards[1].deadline", "record.hazard.deadline-before-inspection", "整改期限 2022-04-01 早于检查日期（2022-05-01）。",
            "The deadline 2022-04-01 is before the inspection (2022-05-01)."
        },
        {
            "POST", "/api/v1/inspections", """{"enterpriseId":{east},"date":"2022-05-01","inspectionGroup":"g","inspectorVisits":1,"hazards":[{"level":"Major","deadline":"2022-06-01"}]}""",
            "hazards[0].description", "required", "此项必填。", "A value is required."
        },
        {
            "POST", "/api/v1/hazards/{rectifying}/status", """{"status":"Rectified","date":"{today}","version":{version}}""",
            "note", "hazard.status.note-required", "将隐患标记为 已整改 需要填写说明。", "A note is required to mark a hazard Rectified."
        },
        {
            "POST", "/api/v1/hazards/{hazard}/status", """{"status":"Open","version":{version}}""",
            "status", "format.one-of", "“Open（未整改）”不是允许的值，可用：Rectifying（整改中）, Rectified（已整改）, Closed（已销号）。", "'Open' is not allowed. Use one of: Rectifying, Rectified, Closed."
        },
        {
            "POST", "/api/v1/hazards/{rectifying}/status", """{"status":"Rectified","date":"{41-days-ago}","note":"done","version":{version}}""",
            "date", "hazard.status.date-before-previous", "{41-days-ago} 早于该隐患上一步骤的日期（{rectifyingOn}）。", "{41-days-ago} is before the hazard's previous step ({rectifyingOn})."
        },
        {
            "POST", "/api/v1/hazards/{hazard}/deadline", """{"deadline":"{found}","reason":"延期","version":{version}}""",
            "deadline", "hazard.deadline.not-later", "新的整改期限 {found} 不晚于当前期限（{deadline}）。", "The new deadline {found} is not after the current one ({deadline})."
        },
        {
            "POST", "/api/v1/hazards/{hazard}/deadline", """{"deadline":"2030-01-01","reason":"  ","version":{version}}""",
            "reason", "required", "此项必填。", "A value is required."
        },
        {
            "POST", "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Fine","amountYuan":10.005}""",
            "amountYuan", "record.fine.amount-fen", "10.005 的小数超过两位：金额以元为单位，精确到分（最多两位小数）。",
            "10.005 has more than two decimals: amounts are in yuan, to the fen (at most two decimals)."
        },
        {
            "POST", "/api/v1/enforcement-actions", """{"enterpriseId":424242,"date":"2022-05-01","kind":"Document"}""",
            "enterpriseId", "record.enterprise.unknown", "没有 id 为 424242 的企业。", "No enterprise has the id 424242."
        },
        {
            "POST", "/api/v1/enforcement-actions", """{"enterpriseId":{east},"date":"2022-05-01","kind":"Arrest"}""",
            "kind", "json.expect.one-of", "“kind”应为文档列出的取值之一。", "'kind' must be one of its documented values."
        },
    };

    [Theory]
    [MemberData(nameof(BadFieldInBothLanguages))]
    public async Task A_bad_parameter_or_field_is_400_naming_it_with_one_code_in_chinese_and_in_english(string method, string url, string? body,
        string field, string code, string chinese, string english)
    {
        var admin = await fixture.App.ClientForAsync("admin");
        var hazard = await NewHazardAsync(admin, fixture.EastEnterprise);
        var rectifying = await Json(await MoveAsync(admin, await NewHazardAsync(admin, fixture.EastEnterprise), "Rectifying", Today.AddDays(-20), null));
        var target = url.Contains("{rectifying}", StringComparison.Ordinal) ? rectifying : hazard;
        string Fill(string text) => text
            .Replace("{east}", fixture.EastEnterprise.ToString(CultureInfo.InvariantCulture))
            .Replace("{hazard}", hazard.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))
            .Replace("{rectifying}", rectifying.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture))
            .Replace("{version}", target.GetProperty("version").GetUInt32().ToString(CultureInfo.InvariantCulture))
            .Replace("{today}", D(Today)).Replace("{41-days-ago}", D(Today.AddDays(-41)))
            .Replace("{rectifyingOn}", rectifying.GetProperty("rectifyingOn").GetString())
            .Replace("{found}", target.GetProperty("foundOn").GetString()).Replace("{deadline}", target.GetProperty("deadline").GetString());
        var counts = await CountsAsync();
        var answers = new Dictionary<string, JsonElement>();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(url));
            if (body is not null) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
            request.Headers.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue(language));
            var response = await admin.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{language}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            answers[language] = await Json(response);
        }
        foreach (var (language, expected) in new[] { ("zh-CN", chinese), ("en", english) })
        {
            var problem = answers[language];
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Equal(code, problem.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString());
            Assert.StartsWith(Fill(expected), problem.GetProperty("errors").GetProperty(field)[0].GetString());
        }
        Assert.Equal(answers["zh-CN"].GetProperty("code").GetString(), answers["en"].GetProperty("code").GetString());
        Assert.Equal(answers["zh-CN"].GetProperty("errorCodes").GetRawText(), answers["en"].GetProperty("errorCodes").GetRawText());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", answers["zh-CN"].GetProperty("title").GetString()!);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", answers["en"].GetProperty("title").GetString()!);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", answers["en"].GetProperty("errors").ToString());
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task Refusals_of_a_hazard_change_carry_one_code_with_chinese_and_english_titles()
    {
        var chief = await fixture.App.ClientForAsync("chief-east");
        var inspector = await fixture.App.ClientForAsync("inspector-east");
        var hazard = await NewHazardAsync(chief, fixture.EastEnterprise);
        var id = hazard.GetProperty("id").GetInt64();
        var version = hazard.GetProperty("version").GetUInt32();
        var closed = await NewHazardAsync(chief, fixture.EastEnterprise);
        foreach (var (step, daysAgo) in new[] { ("Rectifying", 20), ("Rectified", 10), ("Closed", 5) })
            closed = await Json(step == "Closed" ? await CloseAsync(closed, Today.AddDays(-daysAgo)) : await MoveAsync(chief, closed, step, Today.AddDays(-daysAgo), "ok"));

        var cases = new (HttpClient Client, string Url, object Body, HttpStatusCode Status, string Code, string Chinese, string English, string EnglishDetail)[]
        {
            (chief, "/api/v1/hazards/999999999/status", new { status = "Rectifying", version }, HttpStatusCode.NotFound,
                "hazard.unknown", "未知隐患", "Unknown hazard", "No hazard has the id 999999999 (parameter 'id')."),
            (chief, $"/api/v1/hazards/{id}/deadline", new { deadline = D(Today.AddDays(30)), reason = "延期", version = version + 1000 }, HttpStatusCode.Conflict,
                "hazard.changed-meanwhile", "隐患已被他人修改", "The hazard was changed meanwhile",
                $"Version {version + 1000} is not the current one ({version}): reload the hazard, check what changed and try again. Nothing was saved."),
            (chief, $"/api/v1/hazards/{id}/status", new { status = "Closed", date = D(Today), note = "x", version }, HttpStatusCode.Conflict,
                "hazard.transition-refused", "不允许的状态变更", "Transition not allowed",
                "Open → Closed is not allowed; from Open the allowed transition is Open → Rectifying."),
            (await fixture.App.ClientForAsync("officer-gas"), $"/api/v1/hazards/{closed.GetProperty("id").GetInt64()}/deadline",
                new { deadline = D(Today.AddDays(30)), reason = "延期", version = closed.GetProperty("version").GetUInt32() }, HttpStatusCode.Conflict,
                "hazard.deadline.not-open", "不能延长整改期限", "Deadline cannot be extended",
                "The hazard is Closed: only open hazards (Open, Rectifying) get a new deadline."),
            (inspector, $"/api/v1/hazards/{id}/status", new { status = "Rectifying", version }, HttpStatusCode.Forbidden,
                "record.not-yours", "无权修改", "Not yours to change",
                $"Your role, townships or sectors do not allow this change for enterprise {fixture.EastEnterprise}."),
        };
        foreach (var (client, url, body, status, code, chinese, english, englishDetail) in cases)
        {
            var titles = new List<string?>();
            foreach (var language in new[] { "zh-CN", "en" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
                request.Headers.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue(language));
                var response = await client.SendAsync(request);
                var problem = await Json(response);
                Assert.True(response.StatusCode == status, $"{url} {language}: {(int)response.StatusCode} {problem}");
                Assert.Equal(code, problem.GetProperty("code").GetString());
                titles.Add(problem.GetProperty("title").GetString());
                if (language == "en") Assert.Equal(englishDetail, problem.GetProperty("detail").GetString());
                else Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString()!);
            }
            Assert.Equal([chinese, english], titles);
        }
        Assert.Equal(version, (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{id}")).GetProperty("version").GetUInt32());
    }

    private async Task<string> CountsAsync() => string.Join(",",
        await fixture.App.ScalarAsync("SELECT count(*) FROM inspections"), await fixture.App.ScalarAsync("SELECT count(*) FROM hazards"),
        await fixture.App.ScalarAsync("SELECT count(*) FROM enforcement_actions"), await fixture.App.ScalarAsync("SELECT count(*) FROM audit_log"));
}
