using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Enterprises;
using RiskMap.Api.Features.Hazards;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Features.Townships;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The hazard rules of a day — open, status, deadline in force, overdue — in their one SQL definition (the database
/// functions every query calls through <see cref="HazardSql"/>) and their C# form (<see cref="HazardLifecycle"/>), on
/// hazards of 2022 in a crafted district 431198 whose dates cover every edge: found, deadline, Rectifying, Rectified and
/// Closed days, deadline extensions (two on one day), a Rectifying hazard imported without its day.
/// </summary>
public sealed class HazardDayRulesTests(HazardDayRulesTests.Fixture fixture) : IClassFixture<HazardDayRulesTests.Fixture>
{
    private const string District = "431198";

    public sealed class Fixture : IAsyncLifetime
    {
        public EmptyApp App { get; } = new();

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await CreateTwoTownshipsAsync(App, District);
            await App.WithDbAsync(async db =>
            {
                await new ImportService(db).ImportEnterprisesAsync("test",
                    [new EnterpriseRecord(2, CreditCode(District, 1), "东燃气", "gas", false, null, 112.15, Lat(District, 0.05), null)],
                    DuplicatePolicy.Reject, default);
                var enterprise = await db.Enterprises.Where(e => e.CreditCode == CreditCode(District, 1)).Select(e => e.Id).SingleAsync();
                Hazard New(string name, HazardStatus status, string found, string deadline, string? rectifying = null, string? rectified = null,
                    string? closed = null) => new()
                {
                    EnterpriseId = enterprise, Sector = "gas", Level = HazardLevel.Major, Description = name, Status = status,
                    FoundOn = Day(found), Deadline = Day(deadline), RectifyingOn = Maybe(rectifying), RectifiedOn = Maybe(rectified), ClosedOn = Maybe(closed),
                };
                var extended = New("extended", HazardStatus.Rectifying, "03-10", "06-10");
                extended.DeadlineExtended = true;
                db.Hazards.AddRange(
                    New("open", HazardStatus.Open, "03-10", "04-10"),
                    New("lifecycle", HazardStatus.Closed, "03-10", "04-10", rectifying: "03-20", rectified: "04-05", closed: "04-20"),
                    extended,
                    New("rectified late", HazardStatus.Rectified, "03-10", "03-31", rectified: "04-15"),
                    New("closed directly", HazardStatus.Closed, "03-10", "04-10", closed: "03-25"),
                    New("same day", HazardStatus.Rectified, "03-10", "03-10", rectified: "03-10"));
                await db.SaveChangesAsync();
                // 04-10 → 05-10 on 04-08, then twice on 05-01 (05-10 → 05-20 → 06-10): on a day before 05-01 the deadline in
                // force is the one the first of that day's extensions replaced.
                foreach (var (on, previous, next) in new[] { ("04-08", "04-10", "05-10"), ("05-01", "05-10", "05-20"), ("05-01", "05-20", "06-10") })
                {
                    db.DeadlineExtensions.Add(new DeadlineExtension
                    {
                        HazardId = extended.Id, ExtendedOn = Day(on), PreviousDeadline = Day(previous), NewDeadline = Day(next), Reason = "test",
                    });
                    await db.SaveChangesAsync();
                }
                return 0;
            });
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    private static DateOnly Day(string monthDay) => DateOnly.ParseExact("2022-" + monthDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Maybe(string? monthDay) => monthDay is null ? null : Day(monthDay);

    /// <summary>What a rule says about one hazard on one day.</summary>
    private sealed record DayState(bool Open, string Status, DateOnly Deadline, bool Overdue);

    private sealed record Stored(Hazard Hazard, List<DeadlineExtension> Extensions)
    {
        /// <summary>Every day a rule can turn on — each date of the hazard and of its extensions — and the days either side.</summary>
        public IEnumerable<DateOnly> EdgeDays => new DateOnly?[] { Hazard.FoundOn, Hazard.Deadline, Hazard.RectifyingOn, Hazard.RectifiedOn, Hazard.ClosedOn }
            .Concat(Extensions.SelectMany(x => new DateOnly?[] { x.ExtendedOn, x.PreviousDeadline, x.NewDeadline }))
            .OfType<DateOnly>()
            .SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) })
            .Distinct();

        /// <summary>The C# form.</summary>
        public DayState On(DateOnly day)
        {
            var h = Hazard;
            var deadline = HazardLifecycle.DeadlineOn(h.Deadline, Extensions, day);
            return new DayState(HazardLifecycle.IsOpenOn(h.FoundOn, h.RectifiedOn, h.ClosedOn, day),
                HazardLifecycle.StatusOn(h.Status, h.RectifyingOn, h.RectifiedOn, h.ClosedOn, day).ToString(), deadline,
                HazardLifecycle.IsOverdueOn(h.FoundOn, h.RectifiedOn, h.ClosedOn, deadline, day));
        }
    }

    private async Task<Dictionary<string, Stored>> StoredAsync() => await fixture.App.WithDbAsync(async db =>
    {
        var hazards = await db.Hazards.AsNoTracking().ToListAsync();
        var extensions = await db.DeadlineExtensions.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
        return hazards.ToDictionary(h => h.Description, h => new Stored(h, extensions.Where(x => x.HazardId == h.Id).ToList()));
    });

    /// <summary>The SQL form, as the queries write it, for every hazard on every one of <paramref name="days"/>.</summary>
    private async Task<Dictionary<(long Hazard, DateOnly Day), DayState>> SqlAsync(IEnumerable<DateOnly> days)
    {
        var rows = await Sql.QueryAsync(fixture.App.Services.GetRequiredService<NpgsqlDataSource>(), $"""
            SELECT h.id, d.day, {HazardSql.OpenAsOf("h", "d.day")} AS open, {HazardSql.StatusAsOf("h", "d.day")} AS status,
                {HazardSql.DeadlineAsOf("h", "d.day")} AS deadline, {HazardSql.OverdueAsOf("h", "d.day")} AS overdue
            FROM hazards h CROSS JOIN unnest(@days) AS d(day)
            """,
            p => p.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = days.Distinct().ToArray() }),
            r => (Key: (r.Get<long>("id"), r.Get<DateOnly>("day")),
                State: new DayState(r.Get<bool>("open"), r.Get<string>("status"), r.Get<DateOnly>("deadline"), r.Get<bool>("overdue"))),
            CancellationToken.None);
        return rows.ToDictionary(x => x.Key, x => x.State);
    }

    [Theory]
    [InlineData("open", "03-09", false, "Open", "04-10", false)]          // before it was found
    [InlineData("open", "03-10", true, "Open", "04-10", false)]           // the day found
    [InlineData("open", "04-10", true, "Open", "04-10", false)]           // the deadline day is not overdue yet
    [InlineData("open", "04-11", true, "Open", "04-10", true)]            // the day after is
    [InlineData("lifecycle", "03-19", true, "Open", "04-10", false)]
    [InlineData("lifecycle", "03-20", true, "Rectifying", "04-10", false)]
    [InlineData("lifecycle", "04-04", true, "Rectifying", "04-10", false)]
    [InlineData("lifecycle", "04-05", false, "Rectified", "04-10", false)] // rectified at the end of the day
    [InlineData("lifecycle", "04-19", false, "Rectified", "04-10", false)]
    [InlineData("lifecycle", "04-20", false, "Closed", "04-10", false)]
    [InlineData("extended", "03-10", true, "Rectifying", "04-10", false)] // imported Rectifying without its day
    [InlineData("extended", "04-07", true, "Rectifying", "04-10", false)]
    [InlineData("extended", "04-08", true, "Rectifying", "05-10", false)] // the extension counts from the day it was made
    [InlineData("extended", "04-11", true, "Rectifying", "05-10", false)] // past the first deadline, but it was extended before
    [InlineData("extended", "04-30", true, "Rectifying", "05-10", false)] // two extensions on 05-01: the first one's old deadline
    [InlineData("extended", "05-01", true, "Rectifying", "06-10", false)]
    [InlineData("extended", "06-11", true, "Rectifying", "06-10", true)]
    [InlineData("rectified late", "03-31", true, "Open", "03-31", false)]
    [InlineData("rectified late", "04-01", true, "Open", "03-31", true)]
    [InlineData("rectified late", "04-14", true, "Open", "03-31", true)]
    [InlineData("rectified late", "04-15", false, "Rectified", "03-31", false)]
    [InlineData("closed directly", "03-24", true, "Open", "04-10", false)]
    [InlineData("closed directly", "03-25", false, "Closed", "04-10", false)]
    [InlineData("same day", "03-10", false, "Rectified", "03-10", false)]
    [InlineData("same day", "03-11", false, "Rectified", "03-10", false)]
    public async Task Both_forms_give_the_domain_answer_on_the_edge_days(string hazard, string day, bool open, string status, string deadline, bool overdue)
    {
        var stored = (await StoredAsync())[hazard];
        var expected = new DayState(open, status, Day(deadline), overdue);
        Assert.Equal(expected, stored.On(Day(day)));
        Assert.Equal(expected, (await SqlAsync([Day(day)]))[(stored.Hazard.Id, Day(day))]);
    }

    [Fact]
    public async Task The_csharp_form_agrees_with_the_sql_form_on_every_edge_day_of_every_hazard()
    {
        var stored = (await StoredAsync()).Values.ToList();
        var days = stored.SelectMany(s => s.EdgeDays).Distinct().Order().ToList();
        var sql = await SqlAsync(days);
        var disagreements = (
            from s in stored
            from day in days
            let csharp = s.On(day)
            where sql[(s.Hazard.Id, day)] != csharp
            select $"{s.Hazard.Description} on {day:yyyy-MM-dd}: SQL {sql[(s.Hazard.Id, day)]}, C# {csharp}").ToList();
        Assert.Empty(disagreements);
        Assert.Equal(6 * days.Count, sql.Count);
        Assert.True(days.Count > 30, $"{days.Count} edge days");
    }

    // EXPLAIN VERBOSE prints every expression: a function the planner did not inline would appear by name. Only the
    // history lookup of extended deadlines stays a call (it holds a subquery), reached only for deadline_extended hazards.
    private static readonly string[] Inlined =
        ["riskmap_hazard_open_until", "riskmap_hazard_open_on", "riskmap_hazard_status_on", "riskmap_hazard_deadline_on", "riskmap_hazard_overdue_on"];

    private async Task<List<string>> VerbosePlanAsync(string sql, Action<NpgsqlParameterCollection> bind)
        => await fixture.App.ExplainAsync("(VERBOSE) " + sql, bind, "SET enable_seqscan = off");

    [Fact]
    public async Task The_choropleth_counts_open_and_overdue_hazards_from_an_open_until_index_with_the_rules_inlined()
    {
        var (sql, bind) = TownshipsQueries.ChoroplethSql(District, Day("04-30"), null, null, null);
        var plan = await VerbosePlanAsync(sql, bind);
        // ix_hazards_open_until or ix_hazards_township_code_open_until, as the statistics of the day suggest: either way
        // the open rule became the index's own range, open until after the day and found on or before it.
        var scan = plan.FindIndex(line => line.Contains("Index Scan using ix_hazards_", StringComparison.Ordinal) && line.Contains("open_until", StringComparison.Ordinal));
        Assert.True(scan >= 0, string.Join('\n', plan));
        var condition = plan.Skip(scan + 1).First(line => line.Contains("Index Cond:", StringComparison.Ordinal));
        Assert.Contains("COALESCE(LEAST(h.rectified_on, h.closed_on), 'infinity'::date)", condition, StringComparison.Ordinal);
        Assert.Contains("h.found_on <= ", condition, StringComparison.Ordinal);
        Assert.DoesNotContain(plan, line => Inlined.Any(f => line.Contains(f + "(", StringComparison.Ordinal)));
        Assert.Contains(plan, line => line.Contains("riskmap_hazard_extended_deadline_on(h.id, h.deadline, ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_enterprise_list_counts_open_hazards_per_enterprise_from_its_index_with_the_rules_inlined()
    {
        var (sql, bind) = EnterprisesQueries.Build(new EnterpriseFilter(District, null, null, "Major", null, Day("04-30")), "");
        var plan = await VerbosePlanAsync(sql, bind);
        // ix_hazards_enterprise_id_found_on or ix_hazards_open_until, as the costs of the (tiny) table suggest: either way an index scan.
        Assert.True(plan.Any(line => line.Contains("using ix_hazards_enterprise_id_found_on", StringComparison.Ordinal)
                                     || line.Contains("using ix_hazards_open_until", StringComparison.Ordinal)), string.Join('\n', plan));
        Assert.DoesNotContain(plan, line => Inlined.Any(f => line.Contains(f + "(", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_rule_is_inlined_where_the_hazard_list_filters_and_reads_it()
    {
        var plan = await VerbosePlanAsync($"""
            SELECT h.id, {HazardSql.StatusAsOf("h", "@as_of")} AS status, {HazardSql.DaysOverdue("h", "@as_of")} AS days_overdue
            FROM hazards h
            WHERE {HazardSql.OpenAsOf("h", "@as_of")} AND {HazardSql.OverdueAsOf("h", "@as_of")}
              AND ({HazardSql.StatusAsOf("h", "@as_of")}) = 'Open' AND {HazardSql.LifeOverlaps("h", "@as_of", "@as_of")}
            """, p => p.Date("as_of", Day("04-30")));
        Assert.DoesNotContain(plan, line => Inlined.Any(f => line.Contains(f + "(", StringComparison.Ordinal)));
    }
}
