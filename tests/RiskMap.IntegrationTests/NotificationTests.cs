using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Features.Notifications;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Reminders on a crafted district 431197 (township 001 east, 002 west, a gas enterprise in each) with the service's clock
/// under the test's control: who is notified, that the job never duplicates, the event raised with a new major hazard, the
/// robots' payloads and DingTalk's signature, retries with backoff in the delivery log, and refused webhook addresses.
/// </summary>
public sealed class NotificationTests(NotificationTests.Fixture fixture) : IClassFixture<NotificationTests.Fixture>
{
    private const string District = "431197";
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero); // 10:00 in China, 2026-06-01
    private static readonly DateOnly Today = new(2026, 6, 1);

    /// <summary>The service with a fake clock and no scheduler (the test runs the jobs), and a loopback robot receiver.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public NotificationsApp App { get; } = new();
        public RobotReceiver Receiver { get; } = new();
        public long EastEnterprise { get; private set; }
        public long WestEnterprise { get; private set; }
        public Dictionary<string, string> UserIds { get; } = [];

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            (EastEnterprise, WestEnterprise) = await CreateTwoGasEnterprisesAsync(App, District);
            await App.CreateUsersAsync(
                new { userName = "chief-east", password = RiskMapApp.Password, role = "TownshipChief", townships = new[] { District + "001" } },
                new { userName = "chief-west", password = RiskMapApp.Password, role = "TownshipChief", townships = new[] { District + "002" } },
                new { userName = "inspector-east", password = RiskMapApp.Password, role = "Inspector", townships = new[] { District + "001" } },
                new { userName = "officer-gas", password = RiskMapApp.Password, role = "DepartmentOfficer", department = "urban_management" },
                new { userName = "leader-x", password = RiskMapApp.Password, role = "DistrictLeader" },
                new { userName = "watcher", password = RiskMapApp.Password, role = "DistrictLeader" });
            foreach (var name in new[] { "admin", "chief-east", "chief-west", "inspector-east", "officer-gas", "leader-x", "watcher" })
                UserIds[name] = (string)(await App.ScalarAsync($"SELECT id FROM users WHERE user_name = '{name}'"))!;
        }

        public async Task DisposeAsync()
        {
            Receiver.Dispose();
            await ((IAsyncLifetime)App).DisposeAsync();
        }
    }

    /// <summary>The service with <see cref="Clock"/> as its TimeProvider and the scheduler off.</summary>
    public sealed class NotificationsApp : RiskMapApp
    {
        public TestClock Clock { get; } = new(NotificationTests.Start);

        protected override bool SeedDemo => false;

        protected override IEnumerable<(string Key, string Value)> Settings =>
            [("RiskMap:Notifications:SchedulerEnabled", "false"), ("RiskMap:Notifications:RetryBaseSeconds", "30"),
             // The test robots listen on loopback, which webhooks may not reach unless allowed.
             ("RiskMap:Notifications:AllowedWebhookHosts:0", "127.0.0.1")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>The service's clock, set and moved by the tests (either way).</summary>
    public sealed class TestClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset now = now;

        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
        public void SetUtcNow(DateTimeOffset value) => now = value;
    }

    /// <summary>
    /// A robot on a loopback port (HttpListener): records every request (path, query, body) and answers from a script per
    /// path (a status and body for each call in turn, the last one repeated), <c>{"errcode":0,"errmsg":"ok"}</c> by default.
    /// </summary>
    public sealed class RobotReceiver : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly ConcurrentDictionary<string, Queue<(int Status, string Body)>> scripts = new();
        private readonly CancellationTokenSource stop = new();

        public RobotReceiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port { get; }
        public ConcurrentQueue<(string Path, string Query, string Body)> Requests { get; } = new();
        public string Url(string path) => $"http://127.0.0.1:{Port}{path}";
        public void Script(string path, params (int Status, string Body)[] answers) => scripts[path] = new Queue<(int, string)>(answers);

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception) when (stop.IsCancellationRequested) { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var path = context.Request.Url!.AbsolutePath;
                Requests.Enqueue((path, context.Request.Url.Query, body));
                var answer = (Status: 200, Body: """{"errcode":0,"errmsg":"ok"}""");
                if (scripts.TryGetValue(path, out var script))
                    lock (script) answer = script.Count > 1 ? script.Dequeue() : script.Count == 1 ? script.Peek() : answer;
                context.Response.StatusCode = answer.Status;
                var bytes = Encoding.UTF8.GetBytes(answer.Body);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Close();
            stop.Dispose();
        }
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Records one hazard through the API as <paramref name="userName"/>, found today; returns its id.</summary>
    private async Task<long> NewHazardAsync(long enterprise, int deadlineInDays, string level = "General", string userName = "admin")
    {
        using var client = await fixture.App.ClientForAsync(userName);
        var response = await client.PostAsJsonAsync("/api/v1/inspections", new
        {
            enterpriseId = enterprise, date = D(Today), inspectionGroup = "提醒组", inspectorVisits = 1,
            hazards = new[] { new { level, description = "消防通道堵塞 " + Guid.NewGuid().ToString("N")[..6], deadline = D(Today.AddDays(deadlineInDays)) } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await Json(response)).GetProperty("hazardIds")[0].GetInt64();
    }

    /// <summary>The notifications of hazard <paramref name="hazard"/> as (user name, kind, day), sorted.</summary>
    private async Task<List<string>> NotificationsOfAsync(long hazard)
    {
        var rows = await fixture.App.WithDbAsync(async db =>
        {
            var names = fixture.UserIds.ToDictionary(p => p.Value, p => p.Key);
            await using var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"SELECT user_id, kind, day FROM notifications WHERE hazard_id = {hazard}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<string>();
            while (await reader.ReadAsync())
                list.Add($"{names[reader.GetString(0)]} {reader.GetString(1)} {D(reader.GetFieldValue<DateOnly>(2))}");
            return list;
        });
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private Task<ReminderRun> RunJobAsync()
        => fixture.App.WithDbAsync(db => ReminderJob.RunAsync(db, fixture.App.Clock, 7, default));

    [Fact]
    public async Task A_deadline_in_seven_days_notifies_the_chief_of_its_township_once_and_nobody_else()
    {
        var dueIn7 = await NewHazardAsync(fixture.EastEnterprise, 7);
        var dueIn8 = await NewHazardAsync(fixture.EastEnterprise, 8);

        var first = await RunJobAsync();
        var second = await RunJobAsync();

        Assert.True(first.Ran && second.Ran);
        Assert.Equal([$"chief-east DueSoon {D(Today)}"], await NotificationsOfAsync(dueIn7));
        Assert.Empty(await NotificationsOfAsync(dueIn8));
        Assert.Equal(0, second.DueSoon);
        Assert.Equal(1L, await fixture.App.ScalarAsync($"SELECT count(*) FROM notifications WHERE hazard_id = {dueIn7}"));

        // The next day the same hazard is not announced again for the same deadline.
        fixture.App.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            await RunJobAsync();
            Assert.Equal([$"chief-east DueSoon {D(Today)}"], await NotificationsOfAsync(dueIn7));
            Assert.Equal([$"chief-east DueSoon {D(Today.AddDays(1))}"], await NotificationsOfAsync(dueIn8));
        }
        finally
        {
            fixture.App.Clock.SetUtcNow(Start);
        }

        // The inbox: the chief sees it unread and marks it read; the chief of the other township has nothing of it.
        using var east = await fixture.App.ClientForAsync("chief-east");
        var page = await east.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true&pageSize=200");
        var item = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("hazardId").GetInt64() == dueIn7);
        Assert.Equal("DueSoon", item.GetProperty("kind").GetString());
        Assert.Equal("东燃气", item.GetProperty("enterprise").GetString());
        Assert.Equal(D(Today.AddDays(7)), item.GetProperty("deadline").GetString());
        var unread = page.GetProperty("unread").GetInt32();
        var marked = await Json(await east.PostAsync($"/api/v1/notifications/{item.GetProperty("id").GetInt64()}/read", null));
        Assert.Equal(1, marked.GetProperty("marked").GetInt32());
        Assert.Equal(unread - 1, marked.GetProperty("unread").GetInt32());
        using var west = await fixture.App.ClientForAsync("chief-west");
        var westPage = await west.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200");
        Assert.DoesNotContain(westPage.GetProperty("items").EnumerateArray(), i => i.GetProperty("hazardId").GetInt64() == dueIn7);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PostAsync($"/api/v1/notifications/{item.GetProperty("id").GetInt64()}/read", null)).StatusCode);
    }

    [Fact]
    public async Task An_overdue_hazard_is_notified_once_then_weekly()
    {
        var hazard = await NewHazardAsync(fixture.WestEnterprise, 0);
        fixture.App.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            await RunJobAsync();
            fixture.App.Clock.Advance(TimeSpan.FromDays(6));
            await RunJobAsync();
            fixture.App.Clock.Advance(TimeSpan.FromDays(1));
            await RunJobAsync();
            var first = D(Today.AddDays(1));
            var week = D(Today.AddDays(8));
            Assert.Equal([$"chief-west Overdue {first}", $"chief-west Overdue {week}", $"officer-gas Overdue {first}", $"officer-gas Overdue {week}"],
                await NotificationsOfAsync(hazard));
        }
        finally
        {
            fixture.App.Clock.SetUtcNow(Start);
        }
    }

    [Fact]
    public async Task A_new_major_hazard_notifies_its_township_chief_the_officers_of_its_sector_and_the_district_leaders_but_not_who_recorded_it()
    {
        var hazard = await NewHazardAsync(fixture.WestEnterprise, 30, "Major", "officer-gas");
        var day = D(Today);
        Assert.Equal([$"chief-west MajorHazard {day}", $"leader-x MajorHazard {day}", $"watcher MajorHazard {day}"], await NotificationsOfAsync(hazard));

        var general = await NewHazardAsync(fixture.WestEnterprise, 30, "General", "officer-gas");
        Assert.Empty(await NotificationsOfAsync(general));

        // Raising the same event again the same day adds nothing.
        // Raised again with no actor, only the officer left out as the recorder is added; a third time adds nothing.
        var again = await fixture.App.WithDbAsync(db => Notifications.RaiseAsync(db, NotificationKind.MajorHazard, hazard, fixture.App.Clock));
        Assert.Equal(1, again);
        Assert.Contains($"officer-gas MajorHazard {day}", await NotificationsOfAsync(hazard));
        Assert.Equal(0, await fixture.App.WithDbAsync(db => Notifications.RaiseAsync(db, NotificationKind.MajorHazard, hazard, fixture.App.Clock)));
    }

    [Fact]
    public async Task The_robots_receive_WeCom_markdown_and_DingTalk_markdown_with_a_valid_signature()
    {
        const string secret = "SEC0123456789abcdef";
        using var admin = await fixture.App.ClientForAsync("admin");
        var wecom = await admin.PostAsJsonAsync("/api/v1/webhooks", new { kind = "WeCom", url = fixture.Receiver.Url("/wecom/send?key=abc"), userName = "chief-east" });
        Assert.True(wecom.StatusCode == HttpStatusCode.Created, await wecom.Content.ReadAsStringAsync());
        var dingtalk = await admin.PostAsJsonAsync("/api/v1/webhooks",
            new { kind = "DingTalk", url = fixture.Receiver.Url("/dingtalk/robot/send?access_token=t"), secret, township = District + "001" });
        Assert.True(dingtalk.StatusCode == HttpStatusCode.Created, await dingtalk.Content.ReadAsStringAsync());
        Assert.True((await Json(dingtalk)).GetProperty("signed").GetBoolean());

        var hazard = await NewHazardAsync(fixture.EastEnterprise, 3);
        var reference = (string)(await fixture.App.ScalarAsync($"SELECT reference FROM hazards WHERE id = {hazard}"))!;
        await RunJobAsync();
        await fixture.App.Services.GetRequiredService<WebhookDelivery>().DeliverDueAsync(default);

        var mine = fixture.Receiver.Requests.Where(r => r.Body.Contains(reference, StringComparison.Ordinal)).ToList();
        var toWeCom = Assert.Single(mine, r => r.Path == "/wecom/send");
        Assert.Equal("?key=abc", toWeCom.Query);
        var weComBody = JsonDocument.Parse(toWeCom.Body).RootElement;
        Assert.Equal("markdown", weComBody.GetProperty("msgtype").GetString());
        var content = weComBody.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Contains("隐患整改期限将至", content);
        Assert.Contains("东燃气", content);
        Assert.Contains(D(Today.AddDays(3)), content);

        var toDingTalk = Assert.Single(mine, r => r.Path == "/dingtalk/robot/send");
        var query = System.Web.HttpUtility.ParseQueryString(toDingTalk.Query);
        Assert.Equal("t", query["access_token"]);
        var timestamp = long.Parse(query["timestamp"]!, CultureInfo.InvariantCulture);
        // The service's clock is the test's fake one: the timestamp is its time, in milliseconds.
        Assert.Equal(fixture.App.Clock.GetUtcNow().ToUnixTimeMilliseconds(), timestamp);
        var expected = Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes(secret)).ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        Assert.Equal(expected, query["sign"]);
        var dingBody = JsonDocument.Parse(toDingTalk.Body).RootElement;
        Assert.Equal("markdown", dingBody.GetProperty("msgtype").GetString());
        Assert.Equal("隐患整改期限将至", dingBody.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Contains(reference, dingBody.GetProperty("markdown").GetProperty("text").GetString());

        // Both deliveries are logged as delivered at the first attempt.
        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/deliveries?webhook={(await Json(dingtalk)).GetProperty("id").GetInt64()}&pageSize=200");
        var delivery = log.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("hazardId").GetInt64() == hazard);
        Assert.Equal("Delivered", delivery.GetProperty("status").GetString());
        var attempt = Assert.Single(delivery.GetProperty("attempts").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("httpStatus").GetInt32());
        Assert.True(attempt.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task A_robot_that_fails_twice_then_succeeds_gets_three_attempts_with_backoff_in_the_log()
    {
        fixture.Receiver.Script("/flaky", (500, "oops"), (200, """{"errcode":310000,"errmsg":"sign not match"}"""), (200, """{"errcode":0,"errmsg":"ok"}"""));
        using var admin = await fixture.App.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { kind = "WeCom", url = fixture.Receiver.Url("/flaky"), userName = "watcher" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var webhook = (await Json(created)).GetProperty("id").GetInt64();
        var hazard = await NewHazardAsync(fixture.WestEnterprise, 20);
        var delivery = fixture.App.Services.GetRequiredService<WebhookDelivery>();
        try
        {
            // The event call inside a transaction that commits: the delivery is queued with it and sent afterwards.
            await fixture.App.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var written = await Notifications.RaiseAsync(db, NotificationKind.AcceptanceRequested, hazard, fixture.App.Clock, null, [fixture.UserIds["watcher"]]);
                await transaction.CommitAsync();
                return written;
            });
            async Task<List<(int? Status, bool Succeeded)>> AttemptsAsync()
            {
                var log = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/deliveries?webhook={webhook}");
                var item = log.GetProperty("items").EnumerateArray().Single();
                return [.. item.GetProperty("attempts").EnumerateArray().Select(a =>
                    (a.GetProperty("httpStatus").ValueKind == JsonValueKind.Null ? (int?)null : a.GetProperty("httpStatus").GetInt32(), a.GetProperty("succeeded").GetBoolean()))];
            }

            await delivery.DeliverDueAsync(default);
            Assert.Equal([(500, false)], await AttemptsAsync());
            await delivery.DeliverDueAsync(default); // 30 s of backoff not yet passed
            Assert.Single(await AttemptsAsync());
            fixture.App.Clock.Advance(TimeSpan.FromSeconds(30));
            await delivery.DeliverDueAsync(default);
            Assert.Equal([(500, false), (200, false)], await AttemptsAsync());
            fixture.App.Clock.Advance(TimeSpan.FromSeconds(59));
            await delivery.DeliverDueAsync(default); // the second wait is 60 s
            Assert.Equal(2, (await AttemptsAsync()).Count);
            fixture.App.Clock.Advance(TimeSpan.FromSeconds(1));
            await delivery.DeliverDueAsync(default);
            Assert.Equal([(500, false), (200, false), (200, true)], await AttemptsAsync());
            var log = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/deliveries?webhook={webhook}");
            Assert.Equal("Delivered", log.GetProperty("items")[0].GetProperty("status").GetString());
            Assert.Contains("310000", log.GetProperty("items")[0].GetProperty("attempts")[1].GetProperty("error").GetString());
            Assert.Equal(3, fixture.Receiver.Requests.Count(r => r.Path == "/flaky"));
        }
        finally
        {
            fixture.App.Clock.SetUtcNow(Start);
        }
    }

    public static TheoryData<string, string> RefusedUrls() => new()
    {
        { "ftp://robot.example/send", NotificationProblemCodes.WebhookUrlScheme },
        { "javascript:alert(1)", NotificationProblemCodes.WebhookUrlScheme },
        { "/api/v1/users", NotificationProblemCodes.WebhookUrlScheme },
        { "http://user:pw@robot.example/send", NotificationProblemCodes.WebhookUrlScheme },
        { "http://localhost/api/v1/auth/logout", NotificationProblemCodes.WebhookUrlSelf },
        { "http://127.0.0.1:80/api/v1/users", NotificationProblemCodes.WebhookUrlSelf },
        { "http://[::1]/api/v1/users", NotificationProblemCodes.WebhookUrlSelf },
        { "http://10.0.0.5/cgi-bin/webhook/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "https://172.20.1.1/robot/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://192.168.1.20:8080/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://169.254.169.254/latest/meta-data/", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://[fd00::5]/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://[fe80::1]/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://224.0.0.251/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://0.0.0.0:9/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://127.0.0.2:9/send", NotificationProblemCodes.WebhookUrlPrivate },
        { "http://localhost:9/send", NotificationProblemCodes.WebhookUrlPrivate },
    };

    [Fact]
    public async Task The_webhook_client_checks_the_addresses_it_connects_to_at_send_time_so_a_rebound_name_is_refused()
    {
        // The robot listens on 127.0.0.1. Without the allowance the client refuses to connect, whether the URL names the
        // address or a name that resolves to it (as a name re-pointed after its registration would).
        foreach (var url in new[] { fixture.Receiver.Url("/rebound"), $"http://localhost:{fixture.Receiver.Port}/rebound" })
        {
            using var strict = new HttpClient(WebhookAddresses.Handler([]));
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => strict.PostAsync(url, new StringContent("{}")));
            Assert.StartsWith("Refused:", refused.Message);
        }
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path == "/rebound");
        // The configured allowance lets the same request through.
        using var allowed = new HttpClient(WebhookAddresses.Handler(["127.0.0.1"]));
        Assert.Equal(HttpStatusCode.OK, (await allowed.PostAsync(fixture.Receiver.Url("/rebound"), new StringContent("{}"))).StatusCode);
        Assert.Single(fixture.Receiver.Requests, r => r.Path == "/rebound");

        // The service's own client does the same: a stored webhook whose name now resolves to loopback (written past the
        // registration check, as a re-pointed name would be) gets a refused attempt in the log, and nothing is sent.
        var webhook = (long)(await fixture.App.ScalarAsync($"""
            INSERT INTO notification_webhooks (user_id, kind, url, created_at, created_by)
            VALUES ('{fixture.UserIds["watcher"]}', 'WeCom', 'http://localhost:{fixture.Receiver.Port}/rebound-stored', now(), 'admin') RETURNING id
            """))!;
        var hazard = await NewHazardAsync(fixture.WestEnterprise, 25);
        await fixture.App.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var written = await Notifications.RaiseAsync(db, NotificationKind.AcceptanceRequested, hazard, fixture.App.Clock, null, [fixture.UserIds["watcher"]]);
            await transaction.CommitAsync();
            return written;
        });
        await fixture.App.Services.GetRequiredService<WebhookDelivery>().DeliverDueAsync(default);
        Assert.StartsWith("Refused:", (string?)await fixture.App.ScalarAsync(
            $"SELECT a.error FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.webhook_id = {webhook} AND d.hazard_id = {hazard}"));
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path == "/rebound-stored");
    }

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_webhook_url_that_is_not_http_or_points_at_the_service_is_refused_naming_url(string url, string code)
    {
        using var admin = await fixture.App.ClientForAsync("admin");
        var before = await fixture.App.ScalarAsync("SELECT count(*) FROM notification_webhooks");
        var answers = new Dictionary<string, JsonElement>();
        foreach (var language in new[] { "en", "zh-CN" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks")
            {
                Content = JsonContent.Create(new { kind = "WeCom", url, userName = "chief-east" }),
            };
            request.Headers.AcceptLanguage.Clear();
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            answers[language] = await Json(response);
        }
        Assert.Equal(["url"], answers["en"].GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(code, answers["en"].GetProperty("errorCodes").GetProperty("url")[0].GetProperty("code").GetString());
        Assert.Equal(code, answers["zh-CN"].GetProperty("errorCodes").GetProperty("url")[0].GetProperty("code").GetString());
        Assert.Contains("推送地址", answers["zh-CN"].GetProperty("errors").GetProperty("url")[0].GetString());
        Assert.Equal(before, await fixture.App.ScalarAsync("SELECT count(*) FROM notification_webhooks"));
    }

    [Fact]
    public async Task A_webhook_needs_exactly_one_known_owner()
    {
        using var admin = await fixture.App.ClientForAsync("admin");
        var url = fixture.Receiver.Url("/owner");
        var both = await admin.PostAsJsonAsync("/api/v1/webhooks", new { kind = "WeCom", url, userName = "chief-east", township = District + "001" });
        Assert.Equal(NotificationProblemCodes.WebhookOwner, (await Json(both)).GetProperty("errorCodes").GetProperty("township")[0].GetProperty("code").GetString());
        var neither = await admin.PostAsJsonAsync("/api/v1/webhooks", new { kind = "WeCom", url });
        Assert.Equal(NotificationProblemCodes.WebhookOwner, (await Json(neither)).GetProperty("errorCodes").GetProperty("userName")[0].GetProperty("code").GetString());
        var unknown = await admin.PostAsJsonAsync("/api/v1/webhooks", new { kind = "WeCom", url, userName = "nobody" });
        Assert.Equal(NotificationProblemCodes.WebhookUserUnknown, (await Json(unknown)).GetProperty("errorCodes").GetProperty("userName")[0].GetProperty("code").GetString());
        using var chief = await fixture.App.ClientForAsync("chief-east");
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.PostAsJsonAsync("/api/v1/webhooks", new { kind = "WeCom", url, userName = "chief-east" })).StatusCode);
    }
}
