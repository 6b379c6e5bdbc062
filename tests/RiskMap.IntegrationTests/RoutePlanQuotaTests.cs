using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiskMap.Api.Features.Routing;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Tests that need plans to take their full time: run when no other test class runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SolverTimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Solver timing";
}

/// <summary>The demo district with small planner quotas, so that tests reach them in a few requests.</summary>
public sealed class PlannerQuotaApp : DemoApp
{
    /// <inheritdoc />
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("RiskMap:Routing:StoredPlans", "4"), ("RiskMap:Routing:StoredPlansPerUser", "2"),
        ("RiskMap:Routing:SolvesPerUserPerMinute", "3"), ("RiskMap:Routing:SolvesPerUser", "1"), ("RiskMap:Routing:ConcurrentSolves", "2"),
    ];
}

/// <summary>
/// The planner's per-user quotas over HTTP: running plans and plans per minute answer 429 with Retry-After for that user
/// only, and one user's plans never push another user's stored plan out (its export links keep working). Each test uses
/// users of its own, since the quotas count per user. Runs alone (<see cref="SolverTimingCollection"/>): a running plan
/// must still be running when the next request comes, which a search bounded by <see cref="RoutingSearch.SolutionLimit"/>
/// (set by <see cref="RoutingTests"/> for the whole process) would not be.
/// </summary>
[Collection(SolverTimingCollection.Name)]
public sealed class RoutePlanQuotaTests(PlannerQuotaApp app) : IClassFixture<PlannerQuotaApp>
{
    private static readonly object Start = new { longitude = 111.62, latitude = 26.42 };

    private static async Task<HttpResponseMessage> PlanAsync(HttpClient client, object body) => await client.PostAsJsonAsync("/api/v1/routes/plan", body);

    private static async Task<string> PlanIdAsync(HttpClient client, object body)
    {
        var response = await PlanAsync(client, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> TooManyAsync(HttpResponseMessage response, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    private async Task<long> EnterpriseInAsync(string township)
        => (long)(await app.ScalarAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{township}'"))!;

    [Fact]
    public async Task One_users_many_plans_do_not_evict_another_users_plan_and_its_gpx_link_still_works()
    {
        var admin = await app.ClientForAsync("admin");
        var adminPlan = await PlanIdAsync(admin, new { start = Start, stops = new[] { new { enterpriseId = await EnterpriseInAsync("431103105") } }, timeLimitSeconds = 0.5 });
        var gpx = $"/api/v1/routes/plans/{adminPlan}/teams/1.gpx";
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(gpx)).StatusCode);

        // Two chiefs plan three times each (the per-minute quota is 3) into a store of 4 plans, 2 per user.
        var plans = new Dictionary<string, List<string>>();
        foreach (var name in new[] { "chief-431103105", "chief-431103101" })
        {
            var client = await app.ClientForAsync(name);
            plans[name] = [];
            for (var i = 0; i < 3; i++) plans[name].Add(await PlanIdAsync(client, new { start = Start, stops = Array.Empty<object>() }));
        }

        var response = await admin.GetAsync(gpx);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<wpt ", await response.Content.ReadAsStringAsync());
        // Each chief's third plan took the place of their own first (2 per user); the store's capacity then took the oldest
        // plans of whoever held the most (the other tests of this class plan too), never the admin's single plan.
        var store = app.Services.GetRequiredService<RoutePlanStore>();
        foreach (var (_, ids) in plans)
        {
            Assert.Null(await store.FindAsync(ids[0]));
            Assert.NotNull(await store.FindAsync(ids[2]));
        }
        var chief = await app.ClientForAsync("chief-431103105");
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync($"/api/v1/routes/plans/{plans["chief-431103105"][0]}/teams/1.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync($"/api/v1/routes/plans/{plans["chief-431103105"][2]}/teams/1.csv")).StatusCode);
    }

    [Fact]
    public async Task The_plan_over_the_per_minute_quota_gets_429_with_retry_after_and_other_users_still_plan()
    {
        var leader = await app.ClientForAsync("leader");
        for (var i = 0; i < 3; i++) await PlanIdAsync(leader, new { start = Start, stops = Array.Empty<object>() });
        var fourth = await PlanAsync(leader, new { start = Start, stops = Array.Empty<object>() });
        var problem = await TooManyAsync(fourth, "plans-per-minute");
        // One plan every 60 / 3 s comes back.
        Assert.InRange(fourth.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        Assert.Contains("RiskMap:Routing:SolvesPerUserPerMinute", problem.GetProperty("detail").GetString());

        // A bad request is still answered 400 naming its field: the quota counts only requests that would plan.
        var bad = await PlanAsync(leader, new { start = new { longitude = 181, latitude = 26 }, stops = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await PlanIdAsync(await app.ClientForAsync("officer-fire-rescue"), new { start = Start, stops = Array.Empty<object>() });
    }

    [Fact]
    public async Task A_second_plan_while_the_users_first_is_solving_gets_429_and_other_users_still_plan()
    {
        const string user = "officer-emergency";
        var userId = (string)(await app.ScalarAsync($"SELECT id FROM users WHERE user_name = '{user}'"))!;
        var gate = app.Services.GetRequiredService<RoutePlanGate>();
        var client = await app.ClientForAsync(user);
        var stops = new List<object>();
        foreach (var township in new[] { "431103101", "431103102", "431103105", "431103110" })
            stops.Add(new { enterpriseId = await EnterpriseInAsync(township) });

        var first = PlanAsync(client, new { start = Start, stops, timeLimitSeconds = 4 });
        for (var waited = 0; gate.Running(userId) == 0; waited += 20)
        {
            Assert.True(waited < 30_000 && !first.IsCompleted, "The first plan did not start solving.");
            await Task.Delay(20);
        }
        var second = await PlanAsync(client, new { start = Start, stops = Array.Empty<object>(), timeLimitSeconds = 3 });
        var problem = await TooManyAsync(second, "plan-running");
        Assert.Equal(TimeSpan.FromSeconds(3), second.Headers.RetryAfter!.Delta);
        Assert.Contains("RiskMap:Routing:SolvesPerUser", problem.GetProperty("detail").GetString());
        // Another user plans meanwhile.
        await PlanIdAsync(await app.ClientForAsync("inspector-2"), new { start = Start, stops = Array.Empty<object>() });
        Assert.False(first.IsCompleted, "The first plan was meant to be solving still.");

        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(0, gate.Running(userId));
        await PlanIdAsync(client, new { start = Start, stops = Array.Empty<object>() });
    }
}
