using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Field;
using RiskMap.TestSupport;
using SkiaSharp;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The phone page's server side: exactly-once writes with an Idempotency-Key (inspections with their hazards, hazard
/// status changes, attachments), the 409 of a stale hazard version, the GPS position of an inspection, and the team
/// assignment with the inspector's day download; on a crafted district 431179 (township 001 east, 002 west) with a gas
/// enterprise in each.
/// </summary>
public sealed class FieldSyncTests(FieldSyncTests.Fixture fixture) : IClassFixture<FieldSyncTests.Fixture>
{
    private const string District = "431179";

    public sealed class Fixture : IAsyncLifetime
    {
        public EmptyApp App { get; } = new();
        public long East { get; private set; }
        public long West { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            (East, West) = await CreateTwoGasEnterprisesAsync(App, District);
            await App.CreateUsersAsync(
                new { userName = "field-east", password = RiskMapApp.Password, role = "Inspector", townships = new[] { District + "001" } },
                new { userName = "field-west", password = RiskMapApp.Password, role = "Inspector", townships = new[] { District + "002" } },
                new { userName = "field-chief", password = RiskMapApp.Password, role = "TownshipChief", townships = new[] { District + "001" } });
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private static readonly DateOnly Today = CampaignCalendar.Today(TimeProvider.System);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static HttpRequestMessage Post(string url, HttpContent content, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (key is not null) request.Headers.Add(IdempotentWrites.Header, key);
        return request;
    }

    private object Inspection(string group, string description, object? position = null) => new
    {
        enterpriseId = fixture.East, date = D(Today), inspectionGroup = group, inspectorVisits = 2,
        hazards = new[] { new { level = "General", description, deadline = D(Today.AddDays(30)) } },
        position,
    };

    private async Task<long> CountAsync(string sql) => (long)(await fixture.App.ScalarAsync(sql))!;

    [Fact]
    public async Task The_same_inspection_posted_three_times_with_one_key_is_recorded_once_and_answers_the_same_id()
    {
        var client = await fixture.App.ClientForAsync("field-east");
        var key = Guid.NewGuid().ToString();
        var body = Inspection("三次组", "三次提交的隐患");
        var answers = new List<(HttpResponseMessage Response, JsonElement Json)>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.SendAsync(Post("/api/v1/inspections", JsonContent.Create(body), key));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            answers.Add((response, await Json(response)));
        }
        var id = answers[0].Json.GetProperty("id").GetInt64();
        Assert.All(answers, a => Assert.Equal(id, a.Json.GetProperty("id").GetInt64()));
        Assert.All(answers, a => Assert.Equal(answers[0].Json.GetProperty("hazardIds")[0].GetInt64(), a.Json.GetProperty("hazardIds")[0].GetInt64()));
        Assert.False(answers[0].Response.Headers.Contains(IdempotentWrites.ReplayedHeader));
        Assert.Equal("true", answers[2].Response.Headers.GetValues(IdempotentWrites.ReplayedHeader).Single());
        Assert.Equal($"/api/v1/inspections/{id}", answers[2].Response.Headers.Location?.OriginalString);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM inspections WHERE inspection_group = '三次组'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM hazards WHERE description = '三次提交的隐患'"));
    }

    [Fact]
    public async Task Ten_parallel_posts_with_one_key_record_one_inspection_and_all_answer_its_id()
    {
        var client = await fixture.App.ClientForAsync("field-east");
        var key = Guid.NewGuid().ToString();
        var body = Inspection("并发组", "并发提交的隐患");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(Post("/api/v1/inspections", JsonContent.Create(body), key))));
        foreach (var response in responses) Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var ids = await Task.WhenAll(responses.Select(async r => (await Json(r)).GetProperty("id").GetInt64()));
        Assert.Single(ids.Distinct());
        Assert.Equal(9, responses.Count(r => r.Headers.Contains(IdempotentWrites.ReplayedHeader)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM inspections WHERE inspection_group = '并发组'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM hazards WHERE description = '并发提交的隐患'"));
    }

    [Fact]
    public async Task A_key_reused_with_another_body_is_422_in_the_callers_language_and_writes_nothing()
    {
        var client = await fixture.App.ClientForAsync("field-east");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/inspections", JsonContent.Create(Inspection("重用组", "第一次")), key))).StatusCode);
        var reused = await client.SendAsync(Post("/api/v1/inspections", JsonContent.Create(Inspection("重用组", "第二次，内容不同")), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        var problem = await Json(reused);
        Assert.Equal(IdempotencyProblemCodes.KeyReused, problem.GetProperty("code").GetString());
        Assert.Contains($"'{key}' was already used for another request", problem.GetProperty("detail").GetString());
        var chinese = Post("/api/v1/inspections", JsonContent.Create(Inspection("重用组", "第三次")), key);
        chinese.Headers.AcceptLanguage.Clear();
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await Json(await client.SendAsync(chinese));
        Assert.Equal(IdempotencyProblemCodes.KeyReused, zh.GetProperty("code").GetString());
        Assert.Contains($"幂等键“{key}”已用于另一个请求", zh.GetProperty("detail").GetString());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM inspections WHERE inspection_group = '重用组'"));

        // A key is the user's own: another user's same key is another key.
        var west = await fixture.App.ClientForAsync("field-west");
        var other = await west.SendAsync(Post("/api/v1/inspections", JsonContent.Create(new
        {
            enterpriseId = fixture.West, date = D(Today), inspectionGroup = "重用组", inspectorVisits = 1,
        }), key));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task A_refused_write_keeps_no_key_so_the_corrected_request_with_the_same_key_is_recorded()
    {
        var client = await fixture.App.ClientForAsync("field-east");
        var key = Guid.NewGuid().ToString();
        var refused = await client.SendAsync(Post("/api/v1/inspections", JsonContent.Create(new
        {
            enterpriseId = fixture.East, date = D(Today.AddDays(5)), inspectionGroup = "更正组", inspectorVisits = 1,
        }), key));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM idempotency_keys WHERE key = '{key}'"));
        var corrected = await client.SendAsync(Post("/api/v1/inspections", JsonContent.Create(new
        {
            enterpriseId = fixture.East, date = D(Today), inspectionGroup = "更正组", inspectorVisits = 1,
        }), key));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM idempotency_keys WHERE key = '{key}' AND status = 201"));
    }

    [Theory]
    [InlineData("含中文的键")]
    [InlineData("k")]
    [InlineData("a key with spaces")]
    public async Task A_malformed_key_is_400_naming_the_header(string key)
    {
        if (key == "k") key = new string('k', IdempotentWrites.MaxKeyLength + 1);
        var client = await fixture.App.ClientForAsync("field-east");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inspections") { Content = JsonContent.Create(Inspection("坏键组", "坏键")) };
        request.Headers.TryAddWithoutValidation(IdempotentWrites.Header, key);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal(IdempotencyProblemCodes.KeyInvalid, problem.GetProperty("errorCodes").GetProperty(IdempotentWrites.Header)[0].GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM inspections WHERE inspection_group = '坏键组'"));
    }

    [Fact]
    public async Task A_stale_hazard_version_is_409_with_the_servers_version_and_the_retry_with_it_changes_the_hazard_once()
    {
        // A township chief moves hazards of the township (an inspector records and attaches, WriteAccess).
        var client = await fixture.App.ClientForAsync("field-chief");
        var recorded = await Json(await client.PostAsJsonAsync("/api/v1/inspections", Inspection("版本组", "版本冲突的隐患")));
        var hazardId = recorded.GetProperty("hazardIds")[0].GetInt64();
        var seen = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazardId}")).GetProperty("version").GetUInt32();
        // Someone else changes it meanwhile (the admin extends the deadline).
        var admin = await fixture.App.ClientForAsync("admin");
        var extended = await admin.PostAsJsonAsync($"/api/v1/hazards/{hazardId}/deadline", new { deadline = D(Today.AddDays(60)), reason = "资金未到位", version = seen });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var server = (await Json(extended)).GetProperty("version").GetUInt32();
        Assert.NotEqual(seen, server);

        var key = Guid.NewGuid().ToString();
        var stale = await client.SendAsync(Post($"/api/v1/hazards/{hazardId}/status",
            JsonContent.Create(new { status = "Rectifying", version = seen }), key));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await Json(stale);
        Assert.Equal("hazard.changed-meanwhile", problem.GetProperty("code").GetString());
        Assert.Equal(server, problem.GetProperty("currentVersion").GetUInt32());

        // The phone keeps its change: it sends it again with the server's version, under a new key, twice.
        var retryKey = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            var retried = await client.SendAsync(Post($"/api/v1/hazards/{hazardId}/status",
                JsonContent.Create(new { status = "Rectifying", version = server }), retryKey));
            Assert.True(retried.StatusCode == HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
            Assert.Equal("Rectifying", (await Json(retried)).GetProperty("status").GetString());
        }
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM audit_log WHERE entity_type = 'hazard' AND entity_id = '{hazardId}' AND action = 'hazard.status'"));
    }

    [Fact]
    public async Task A_photo_uploaded_twice_with_one_key_is_attached_once()
    {
        var client = await fixture.App.ClientForAsync("field-east");
        var hazardId = (await Json(await client.PostAsJsonAsync("/api/v1/inspections", Inspection("照片组", "照片隐患")))).GetProperty("hazardIds")[0].GetInt64();
        var photo = AttachmentTests.Drawn(SKEncodedImageFormat.Jpeg, 320, 240);
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(Post($"/api/v1/hazards/{hazardId}/attachments", AttachmentTests.Form("Before", photo, "现场.jpg", "image/jpeg"), key));
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var again = await client.SendAsync(Post($"/api/v1/hazards/{hazardId}/attachments", AttachmentTests.Form("Before", photo, "现场.jpg", "image/jpeg"), key));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((await Json(first)).GetProperty("id").GetInt64(), (await Json(again)).GetProperty("id").GetInt64());
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM attachments WHERE hazard_id = {hazardId}"));
    }

    [Fact]
    public async Task A_position_more_than_500_m_from_the_enterprise_is_kept_and_flagged_not_refused()
    {
        var client = await fixture.App.ClientForAsync("field-east");
        var y = Lat(District, 0.05);
        var near = await Json(await client.PostAsJsonAsync("/api/v1/inspections", Inspection("定位组", "近处", new { longitude = 112.1505, latitude = y, accuracyMetres = 12.5 })));
        // 0.01° of longitude at this latitude is about 900 m.
        var far = await client.PostAsJsonAsync("/api/v1/inspections", Inspection("定位组", "远处", new { longitude = 112.16, latitude = y, accuracyMetres = 30 }));
        Assert.Equal(HttpStatusCode.Created, far.StatusCode);
        var farPosition = (await Json(far)).GetProperty("position");
        Assert.True(farPosition.GetProperty("farFromEnterprise").GetBoolean());
        Assert.InRange(farPosition.GetProperty("distanceMetres").GetDouble(), 850, 950);
        Assert.False(near.GetProperty("position").GetProperty("farFromEnterprise").GetBoolean());
        Assert.InRange(near.GetProperty("position").GetProperty("distanceMetres").GetDouble(), 30, 60);
        Assert.Equal(12.5, (double)(await fixture.App.ScalarAsync(
            $"SELECT accuracy_metres FROM inspection_positions WHERE inspection_id = {near.GetProperty("id").GetInt64()}"))!);
        var bad = await client.PostAsJsonAsync("/api/v1/inspections", Inspection("定位组", "坏定位", new { longitude = 200.0, latitude = y, accuracyMetres = 5 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await Json(bad)).GetProperty("errorCodes").TryGetProperty("position.longitude", out _));
    }

    [Fact]
    public async Task A_team_given_to_an_inspector_is_their_day_with_open_hazards_versions_and_township_outline()
    {
        var chief = await fixture.App.ClientForAsync("field-chief");
        var inspector = await fixture.App.ClientForAsync("field-east");
        var hazardId = (await Json(await inspector.PostAsJsonAsync("/api/v1/inspections", Inspection("任务组", "任务隐患")))).GetProperty("hazardIds")[0].GetInt64();
        var plan = await chief.PostAsJsonAsync("/api/v1/routes/plan", new
        {
            start = new { longitude = 112.12, latitude = Lat(District, 0.02) },
            stops = new[] { new { enterpriseId = fixture.East, mandatory = true } },
            teams = 1, timeLimitSeconds = 0.1,
            asOf = D(Today.AddDays(-3)), // planned on data of three days ago, driven today
        });
        Assert.True(plan.StatusCode == HttpStatusCode.OK, await plan.Content.ReadAsStringAsync());
        var planned = await Json(plan);
        var planId = planned.GetProperty("id").GetString();
        var plannedArrival = planned.GetProperty("teams")[0].GetProperty("visits")[0].GetProperty("arrivalTime").GetDateTimeOffset();
        Assert.Equal(Today.AddDays(-3), DateOnly.FromDateTime(plannedArrival.DateTime));

        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PutAsJsonAsync($"/api/v1/routes/plans/{planId}/teams/1/assignment",
            new { inspector = "field-east", day = D(Today) })).StatusCode);
        var outside = await chief.PutAsJsonAsync($"/api/v1/routes/plans/{planId}/teams/1/assignment", new { inspector = "field-west", day = D(Today) });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(FieldProblemCodes.InspectorScope, (await Json(outside)).GetProperty("errorCodes").GetProperty("inspector")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await chief.PutAsJsonAsync($"/api/v1/routes/plans/{planId}/teams/2/assignment",
            new { inspector = "field-east", day = D(Today) })).StatusCode);
        var assigned = await chief.PutAsJsonAsync($"/api/v1/routes/plans/{planId}/teams/1/assignment", new { inspector = "field-east", day = D(Today) });
        Assert.True(assigned.StatusCode == HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());

        var day = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/field/today?day={D(Today)}");
        Assert.Equal("field-east", day.GetProperty("inspector").GetString());
        var route = Assert.Single(day.GetProperty("routes").EnumerateArray());
        Assert.Equal(planId, route.GetProperty("planId").GetString());
        var stop = Assert.Single(route.GetProperty("stops").EnumerateArray());
        Assert.Equal(fixture.East, stop.GetProperty("enterpriseId").GetInt64());
        Assert.Equal("东燃气", stop.GetProperty("name").GetString());
        // The plan's clock time, on the day the team was given.
        var arrival = stop.GetProperty("arrivalTime").GetDateTimeOffset();
        Assert.Equal((Today, plannedArrival.TimeOfDay, plannedArrival.Offset), (DateOnly.FromDateTime(arrival.DateTime), arrival.TimeOfDay, arrival.Offset));
        var hazard = stop.GetProperty("openHazards").EnumerateArray().Single(h => h.GetProperty("id").GetInt64() == hazardId);
        var stored = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazardId}");
        Assert.Equal(stored.GetProperty("version").GetUInt32(), hazard.GetProperty("version").GetUInt32());
        Assert.All(stop.GetProperty("openHazards").EnumerateArray(), h => Assert.Contains(h.GetProperty("status").GetString(), new[] { "Open", "Rectifying" }));
        var township = Assert.Single(day.GetProperty("townships").GetProperty("features").EnumerateArray());
        Assert.Equal(District + "001", township.GetProperty("properties").GetProperty("code").GetString());
        Assert.Equal("MultiPolygon", township.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(20L * 1024 * 1024, day.GetProperty("attachmentMaxBytes").GetInt64());

        // Another inspector's day does not hold it.
        var west = await fixture.App.ClientForAsync("field-west");
        Assert.Empty((await west.GetFromJsonAsync<JsonElement>($"/api/v1/field/today?day={D(Today)}")).GetProperty("routes").EnumerateArray());
    }

    [Fact]
    public async Task Keys_older_than_the_kept_days_are_deleted_and_younger_ones_kept()
    {
        await fixture.App.ExecuteAsync("""
            INSERT INTO idempotency_keys (user_name, key, endpoint, request_sha256, status, created_at) VALUES
              ('cleanup-user', 'old', 'RecordInspection', sha256('a'), 201, now() - interval '31 days'),
              ('cleanup-user', 'young', 'RecordInspection', sha256('b'), 201, now() - interval '29 days')
            """);
        var dataSource = fixture.App.Services.GetRequiredService<NpgsqlDataSource>();
        await IdempotentWrites.DeleteExpiredAsync(dataSource, DateTimeOffset.UtcNow, 30, default);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM idempotency_keys WHERE user_name = 'cleanup-user' AND key = 'old'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM idempotency_keys WHERE user_name = 'cleanup-user' AND key = 'young'"));
    }

    /// <summary>The endpoints the phone syncs through — inspections with their new hazards, hazard status changes, attachments.</summary>
    private static readonly string[] PhoneWrites = ["AttachToHazard", "ChangeHazardStatus", "RecordInspection"];

    [Fact]
    public async Task Exactly_the_phones_write_endpoints_declare_idempotency_and_each_documents_the_header_and_422()
    {
        var declared = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<IdempotentWriteMetadata>() is not null)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).Order().ToArray();
        Assert.Equal(PhoneWrites, declared);

        var document = await fixture.App.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value))
            .Where(o => o.TryGetProperty("operationId", out var id) && PhoneWrites.Contains(id.GetString())).ToList();
        Assert.Equal(PhoneWrites.Length, operations.Count);
        foreach (var operation in operations)
        {
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == IdempotentWrites.Header && p.GetProperty("in").GetString() == "header");
            Assert.True(operation.GetProperty("responses").TryGetProperty("422", out _), operation.GetProperty("operationId").GetString());
        }
    }

    /// <summary>A fresh request to each idempotent endpoint, by name; <c>variant</c> changes the body.</summary>
    private async Task<Dictionary<string, Func<int, HttpRequestMessage>>> SamplesAsync(HttpClient client)
    {
        var hazard = (await Json(await client.PostAsJsonAsync("/api/v1/inspections", Inspection("样例组", "样例隐患")))).GetProperty("hazardIds")[0].GetInt64();
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazard}")).GetProperty("version").GetUInt32();
        return new()
        {
            ["RecordInspection"] = v => new HttpRequestMessage(HttpMethod.Post, "/api/v1/inspections") { Content = JsonContent.Create(Inspection("样例组", $"样例 {v}")) },
            ["ChangeHazardStatus"] = v => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hazards/{hazard}/status")
                { Content = JsonContent.Create(new { status = "Rectifying", version, note = $"样例 {v}" }) },
            ["AttachToHazard"] = v => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hazards/{hazard}/attachments")
                { Content = AttachmentTests.Form("Before", AttachmentTests.Drawn(SKEncodedImageFormat.Png, 40 + v, 30), "样例.png", "image/png") },
        };
    }

    [Fact]
    public async Task Every_idempotent_endpoint_replays_its_first_answer_and_refuses_its_key_with_another_body()
    {
        var client = await fixture.App.ClientForAsync("field-chief");
        var samples = await SamplesAsync(client);
        Assert.Equal(PhoneWrites, samples.Keys.Order().ToArray());
        foreach (var (name, sample) in samples)
        {
            var key = Guid.NewGuid().ToString();
            var answers = new List<HttpResponseMessage>();
            foreach (var variant in new[] { 0, 0, 1 })
            {
                var request = sample(variant);
                request.Headers.Add(IdempotentWrites.Header, key);
                answers.Add(await client.SendAsync(request));
            }
            Assert.True(answers[0].IsSuccessStatusCode, $"{name}: {await answers[0].Content.ReadAsStringAsync()}");
            Assert.Equal(answers[0].StatusCode, answers[1].StatusCode);
            Assert.Equal(await answers[0].Content.ReadAsStringAsync(), await answers[1].Content.ReadAsStringAsync());
            Assert.True(answers[1].Headers.Contains(IdempotentWrites.ReplayedHeader), name);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, answers[2].StatusCode);
        }
    }
}
