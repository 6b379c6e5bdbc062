using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Import;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Two instances of the service on one database (<see cref="TwoInstances"/>): nothing a user needs lives in one instance's
/// process. A cookie written by one is read by the other (data-protection keys in the database); an import started on one
/// is polled and cancelled through the other and rolled back; a plan made on one exports from the other; a token revoked
/// on one is refused by the other within a second; a job whose instance died ends Failed.
/// </summary>
public sealed class TwoInstanceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private RiskMapApp A => instances.A;
    private RiskMapApp B => instances.B;

    private static HttpClient Bare(RiskMapApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    [Fact]
    public async Task A_user_signed_in_on_one_instance_is_served_by_the_other()
    {
        using var a = Bare(A);
        var login = await a.PostAsJsonAsync("/api/v1/auth/login", new { userName = "leader", password = RiskMapApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("riskmap=", StringComparison.Ordinal));

        using var b = Bare(B);
        b.DefaultRequestHeaders.Add("Cookie", cookie);
        var me = await b.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.Equal("leader", me.GetProperty("userName").GetString());
        // The key that protects the cookie is in the database, where both instances (and either after a restart) read it.
        Assert.True((long)(await A.ScalarAsync("SELECT count(*) FROM data_protection_keys"))! >= 1);

        // Without the cookie the other instance does not know the user.
        using var anonymous = Bare(B);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_import_started_on_one_instance_is_polled_and_cancelled_on_the_other_and_nothing_is_written()
    {
        const string district = "431103";
        var csv = new StringBuilder("统一社会信用代码,企业名称,行业领域,经纬度\n");
        for (var i = 1; i <= 5; i++) csv.Append(FormattableString.Invariant($"{CreditCode("431199", 900 + i)},取消测试{i},燃气,\"111.6,26.4\"\n"));
        var admin = await A.ClientForAsync("admin");
        var upload = (await ImportApiTests.UploadAsync(admin, "取消.csv", Encoding.UTF8.GetBytes(csv.ToString()))).GetProperty("id").GetString()!;
        var before = await A.ScalarAsync("SELECT count(*) FROM enterprises");

        // Held by the test: the import merges its rows, then waits for import_runs, where it records itself before committing.
        await using var blocker = new NpgsqlConnection(A.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using (var lockRuns = new NpgsqlCommand("LOCK TABLE import_runs IN ACCESS EXCLUSIVE MODE", blocker, hold)) await lockRuns.ExecuteNonQueryAsync();

        var started = await admin.PostAsJsonAsync("/api/v1/imports/enterprises", new { uploadId = upload, district, crs = "wgs84", acceptOutside = true });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitAsync(async () =>
        {
            var job = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/imports/jobs/{id}");
            Assert.True(job.GetProperty("state").GetString() is "Queued" or "Running", job.ToString());
            return (long)(await A.ScalarAsync("""
                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO import_runs%'
                """))! == 1;
        }, "the import to wait for import_runs");

        // Polled and cancelled through the instance that does not run it.
        var owner = (string)(await A.ScalarAsync($"SELECT owner FROM import_jobs WHERE id = '{id}'"))!;
        var runner = owner == A.Services.GetRequiredService<ImportJobs>().Instance ? A : B;
        var other = runner == A ? B : A;
        var client = await other.ClientForAsync("admin");
        var running = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/jobs/{id}");
        Assert.Equal("Running", running.GetProperty("state").GetString());
        var cancel = await client.DeleteAsync($"/api/v1/imports/jobs/{id}");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.True((await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelRequested").GetBoolean());
        var job = await PollAsync(client, id, "Cancelled");
        Assert.Equal("The import was cancelled and its transaction rolled back; nothing was written.", job.GetProperty("failure").GetString());
        await hold.RollbackAsync();

        Assert.Equal(before, await A.ScalarAsync("SELECT count(*) FROM enterprises"));
        Assert.Equal(0L, await A.ScalarAsync("SELECT count(*) FROM import_runs WHERE file_name = '取消.csv'"));
        // Cancelling again, or a job that never was: 409 and 404 with their codes.
        var again = await client.DeleteAsync($"/api/v1/imports/jobs/{id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ImportProblemCodes.JobFinished, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var unknown = await client.DeleteAsync($"/api/v1/imports/jobs/{new string('c', 32)}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // The same upload, imported through the other instance, is read from the database and written whole.
        var done = await ImportApiTests.RunJobAsync(client, "enterprises", new { uploadId = upload, district, crs = "wgs84", acceptOutside = true });
        Assert.Equal("Succeeded", done.GetProperty("state").GetString());
        Assert.Equal((long)before! + 5, await A.ScalarAsync("SELECT count(*) FROM enterprises"));
    }

    [Fact]
    public async Task A_job_whose_instance_died_ends_failed_not_running()
    {
        var request = JsonSerializer.Serialize(new ImportRequest(ImportKind.Enterprises, "/nowhere/x.csv", "x.csv", Crs: "wgs84"), StoredJson.Options);
        var id = new string('d', 32);
        var upload = new string('e', 32);
        await A.ExecuteAsync($$"""
            INSERT INTO import_jobs (id, upload_id, request, state, progress, cancel_requested, owner, heartbeat, created_at)
            VALUES ('{{id}}', '{{upload}}', '{{request}}', 'Running', '{"stage":"reading","rows":10,"fraction":0.5}', false,
                    'gone-host/4242/deadbeef', now() - interval '10 minutes', now() - interval '10 minutes')
            """);
        // No one asks: a worker marks it failed at its next look.
        await WaitAsync(async () => (string?)await A.ScalarAsync($"SELECT state FROM import_jobs WHERE id = '{id}'") == "Failed", "the lost job to be failed");
        var client = await B.ClientForAsync("admin");
        var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/jobs/{id}");
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.StartsWith("The service instance running the import was lost", job.GetProperty("failure").GetString());
        Assert.Equal(ImportProblemCodes.JobInstanceLost, await A.ScalarAsync($"SELECT failure_code FROM import_jobs WHERE id = '{id}'"));
        var cancel = await client.DeleteAsync($"/api/v1/imports/jobs/{id}");
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task A_plan_made_on_one_instance_exports_from_the_other()
    {
        var enterprise = (long)(await A.ScalarAsync("SELECT id FROM enterprises ORDER BY id LIMIT 1"))!;
        var name = (string)(await A.ScalarAsync($"SELECT name FROM enterprises WHERE id = {enterprise}"))!;
        var onA = await A.ClientForAsync("admin");
        var planned = await onA.PostAsJsonAsync("/api/v1/routes/plan", new
        {
            start = new { longitude = 111.62, latitude = 26.42 }, keepOrder = true, stops = new[] { new { enterpriseId = enterprise, team = 1 } },
        });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        var id = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var onB = await B.ClientForAsync("admin");
        var plan = await onB.GetFromJsonAsync<JsonElement>($"/api/v1/routes/plans/{id}");
        Assert.Equal(enterprise, plan.GetProperty("teams")[0].GetProperty("visits")[0].GetProperty("enterpriseId").GetInt64());
        var csv = await onB.GetStringAsync($"/api/v1/routes/plans/{id}/teams/1.csv");
        Assert.Contains(name, csv);
        var gpx = await onB.GetStringAsync($"/api/v1/routes/plans/{id}/teams/1.gpx");
        Assert.Contains("<wpt ", gpx);
        var sheet = await onB.GetStringAsync($"/api/v1/routes/plans/{id}/teams/1/sheet");
        Assert.Contains(name, sheet);
    }

    [Fact]
    public async Task A_token_revoked_on_one_instance_is_refused_by_the_other_within_a_second()
    {
        var onA = await A.ClientForAsync("admin");
        var created = await (await onA.PostAsJsonAsync("/api/v1/auth/tokens", new { name = "two instances", expiresInDays = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        var tokenId = created.GetProperty("token").GetProperty("id").GetInt64();
        using var onB = Bare(B);
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/auth/me")).StatusCode);
        // B now trusts the token from its cache, without looking it up.
        var cache = B.Services.GetRequiredService<ApiTokenCache>();
        await WaitAsync(() => Task.FromResult(cache.Listening), "B to listen for revocations");
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.NotNull(cache.Find(ApiTokenAuthenticationHandler.Hash(secret)));

        Assert.Equal(HttpStatusCode.NoContent, (await onA.DeleteAsync($"/api/v1/auth/tokens/{tokenId}")).StatusCode);
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do status = (await onB.GetAsync("/api/v1/auth/me")).StatusCode;
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(cache.Find(ApiTokenAuthenticationHandler.Hash(secret)));
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string id, string state)
    {
        for (var i = 0; i < 300; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/jobs/{id}");
            if (job.GetProperty("state").GetString() == state) return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The import job {id} did not reach {state} in 30 s.");
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Waited 30 s for {what}.");
    }
}
