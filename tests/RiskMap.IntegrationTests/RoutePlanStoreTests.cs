using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Features.Routing;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The plan store's quotas and lifetime in PostgreSQL (route_plans), on a clock the test moves: no user pushes out another's
/// plans before their own, the biggest holder loses its oldest plan when the store is full, and expired plans are gone.
/// </summary>
public sealed class RoutePlanStoreTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private RoutePlanStore Store(RoutingOptions options, TimeProvider clock)
        => new(app.Services.GetRequiredService<NpgsqlDataSource>(), Options.Create(options), clock);

    [Fact]
    public async Task A_users_plans_never_push_out_another_users_plan_before_their_own()
    {
        await app.ExecuteAsync("DELETE FROM route_plans");
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var store = Store(new RoutingOptions { StoredPlans = 4, StoredPlansPerUser = 2 }, clock);
        async Task Add(string id, string owner)
        {
            await store.AddAsync(new StoredPlan(Plan(id, clock.Now, store.Lifetime), [], owner));
            clock.Now += TimeSpan.FromSeconds(1);
        }
        async Task<bool> Kept(string id) => await store.FindAsync(id) is not null;
        await Add("admin-1", "admin");
        for (var i = 1; i <= 20; i++) await Add($"chief-{i}", "chief");
        // The chief's own quota took the chief's older plans; the admin's plan stays.
        Assert.True(await Kept("admin-1"));
        var chiefs = new List<string>();
        for (var i = 1; i <= 20; i++) if (await Kept($"chief-{i}")) chiefs.Add($"chief-{i}");
        Assert.Equal(["chief-19", "chief-20"], chiefs);

        // Full store (admin 1, chief 2, leader 1): the biggest holder (the chief) loses its oldest.
        await Add("leader-1", "leader");
        await Add("leader-2", "leader");
        Assert.True(await Kept("admin-1"));
        Assert.False(await Kept("chief-19"));
        Assert.True(await Kept("chief-20"));
        Assert.True(await Kept("leader-1"));
        Assert.True(await Kept("leader-2"));
        // The leader now holds the most (2): its oldest goes, never the admin's single plan.
        await Add("inspector-1", "inspector");
        Assert.True(await Kept("admin-1"));
        Assert.False(await Kept("leader-1"));
        Assert.True(await Kept("leader-2"));
        Assert.True(await Kept("inspector-1"));
        Assert.Equal(4L, await app.ScalarAsync("SELECT count(*) FROM route_plans"));
    }

    [Fact]
    public async Task The_store_forgets_expired_plans_and_the_oldest_beyond_its_capacity_and_reads_back_what_it_kept()
    {
        await app.ExecuteAsync("DELETE FROM route_plans");
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var store = Store(new RoutingOptions { StoredPlans = 2, PlanLifetimeHours = 1 }, clock);
        var team = new PlannedTeam(1,
        [
            new PlannedVisitStop(1, 7, "甲厂", "91431103MA4L0000X1", "gas", "滨江路 1 号", "431103001", "梅湾街道", 111.6123456, 26.4123456,
                true, 1, 2, 1, 1460, 1234.4, 1234.4, 148.1, 1948.1, [StopFlags.NoTownship], clock.Now.AddHours(1), null)
            {
                LegPath = PlannedPath.Of([(111.6, 26.4), (111.6123456, 26.4123456)]),
            },
        ], null, 1234.4, 1948.1, false, new TeamExports("g", "c", "s"));
        var a = new StoredPlan(Plan("a", clock.Now, store.Lifetime, team) with { Hours = new PlanHours(new(8, 30), new(17, 30), new(12, 0), new(14, 0)) },
            ["431103001"], "u1", new PlanNote(PlanNote.Heuristic, 2, 1, 1, 0.5));
        await store.AddAsync(a);
        var read = await store.FindAsync("a");
        Assert.NotNull(read);
        Assert.Equal(a.Townships, read.Townships);
        Assert.Equal(a.Note, read.Note);
        Assert.Equal(a.Owner, read.Owner);
        var visit = Assert.Single(read.Plan.Teams[0].Visits);
        Assert.Equal(a.Plan.Teams[0].Visits[0] with { Flags = [], LegPath = null }, visit with { Flags = [], LegPath = null });
        Assert.Equal([StopFlags.NoTownship], visit.Flags);
        Assert.Equal(a.Plan.Teams[0].Visits[0].LegPath!.Coordinates.SelectMany(c => c), visit.LegPath!.Coordinates.SelectMany(c => c));
        Assert.Equal(a.Plan.Hours, read.Plan.Hours);

        clock.Now += TimeSpan.FromMinutes(1);
        await store.AddAsync(new StoredPlan(Plan("b", clock.Now, store.Lifetime), [], "u1"));
        clock.Now += TimeSpan.FromMinutes(1);
        await store.AddAsync(new StoredPlan(Plan("c", clock.Now, store.Lifetime), [], "u1"));
        Assert.Null(await store.FindAsync("a"));
        Assert.NotNull(await store.FindAsync("b"));
        clock.Now += TimeSpan.FromMinutes(59.5);
        Assert.Null(await store.FindAsync("b"));
        Assert.NotNull(await store.FindAsync("c"));
        Assert.Matches("^[0-9a-f]{32}$", RoutePlanStore.NewId());
    }

    private static PlannedRoutes Plan(string id, DateTimeOffset created, TimeSpan lifetime, params PlannedTeam[] teams) => new(
        id, created, created + lifetime, "Optimised", "Optimal", "StraightLine", "", new DateOnly(2022, 12, 31), "431103", "wgs84",
        new PlannedPoint(111.6, 26.4), null, new PlanSettings(teams.Length, null, 0, 30, 2), teams, [], [], [], teams.Sum(t => t.TotalDistanceMetres), 0, null, null);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
