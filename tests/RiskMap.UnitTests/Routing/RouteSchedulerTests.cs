using RiskMap.Api.Features.Routing;

namespace RiskMap.UnitTests.Routing;

/// <summary>
/// The working calendar, the working day's clock rules and the multi-day scheduler on straight-line distances around the
/// district office. Searches are bounded by a solution count (<c>RoutingSearch.SolutionLimit</c>) under a time limit they
/// never reach, so that the schedules do not depend on the machine's load.
/// </summary>
[Collection(SolverCollection.Name)]
public class RouteSchedulerTests : IDisposable
{
    private static readonly LonLat Office = new(111.600, 26.430);

    public RouteSchedulerTests() => RoutingSearch.SolutionLimit = 200;

    public void Dispose() => RoutingSearch.SolutionLimit = 0;

    private static int S(int hour, int minute = 0) => hour * 3600 + minute * 60;

    [Theory]
    // National Day week 2026: 1–7 October off, Saturday 10 October worked; the weekend of 3–4 October is off anyway.
    [InlineData("2026-09-28", "2026-10-11", "2026-09-28,2026-09-29,2026-09-30,2026-10-08,2026-10-09,2026-10-10")]
    // An ordinary week: Monday to Friday.
    [InlineData("2026-11-02", "2026-11-08", "2026-11-02,2026-11-03,2026-11-04,2026-11-05,2026-11-06")]
    // Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked.
    [InlineData("2026-02-13", "2026-02-28", "2026-02-13,2026-02-14,2026-02-24,2026-02-25,2026-02-26,2026-02-27,2026-02-28")]
    public void Working_days_skip_weekends_and_the_official_holidays_and_keep_worked_weekend_days(string from, string to, string expected)
    {
        var days = WorkingCalendar.Official2026.WorkingDays(DateOnly.Parse(from), DateOnly.Parse(to));
        Assert.Equal(expected.Split(',').Select(DateOnly.Parse), days);
    }

    [Theory]
    // ready, service, opens, closes → begins (null: impossible that day). Day 08:30–17:30, lunch 12:00–13:30.
    [InlineData(S0830, 1800, null, null, S0830)]
    [InlineData(S1145, 1800, null, null, S1330)]          // would run into lunch: waits until 13:30
    [InlineData(S1130, 1800, null, null, S1130)]          // ends exactly at 12:00
    [InlineData(S0830, 1800, S1400, S1600, S1400)]        // waits for the opening
    [InlineData(S1545, 1800, S1400, S1600, null)]         // would end after closing
    [InlineData(S1700, 1800, null, null, S1700)]          // ends exactly at 17:30
    [InlineData(S1701, 1800, null, null, null)]           // would end after the working day
    public void A_visit_begins_at_the_earliest_second_outside_lunch_and_inside_its_opening_hours(int ready, int service, int? opens, int? closes, int? begins)
    {
        OpeningHours? hours = opens is { } o ? new OpeningHours(TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(o)), TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(closes!.Value))) : null;
        Assert.Equal(begins, WorkingDay.Default.EarliestVisitStart(ready, service, hours));
    }

    private const int S0830 = 8 * 3600 + 1800, S1130 = 11 * 3600 + 1800, S1145 = 11 * 3600 + 2700, S1330 = 13 * 3600 + 1800,
        S1400 = 14 * 3600, S1545 = 15 * 3600 + 2700, S1600 = 16 * 3600, S1700 = 17 * 3600, S1701 = 17 * 3600 + 60;

    [Fact]
    public void Clock_times_are_china_standard_time()
    {
        var at = WorkingDay.At(new DateOnly(2026, 11, 2), S(9, 15));
        Assert.Equal(TimeSpan.FromHours(8), at.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 1, 15, 0, TimeSpan.Zero), at.ToUniversalTime());
    }

    private static ScheduleRequest Request(IReadOnlyList<ScheduleStop> stops, int days, int teams, int service = 1800) =>
        new(Office, null, [.. Enumerable.Range(0, days).Select(d => new DateOnly(2026, 11, 2).AddDays(d))], teams, WorkingDay.Default, service, 30,
            TimeSpan.FromSeconds(30), stops);

    private static ScheduleStop Stop(string id, double dLon, double dLat, bool mandatory = true, OpeningHours? hours = null) =>
        new(id, new LonLat(Office.Longitude + dLon, Office.Latitude + dLat), mandatory, 1, hours);

    [Fact]
    public async Task A_stop_with_opening_hours_is_visited_inside_them_and_no_visit_runs_into_lunch()
    {
        // Afternoon-only enterprise next to two ordinary ones: a nearest-first order would visit it at 08:40.
        var afternoon = new OpeningHours(new TimeOnly(14, 30), new TimeOnly(16, 0));
        ScheduleStop[] stops =
        [
            Stop("near", 0.01, 0, hours: afternoon), Stop("a", 0.02, 0), Stop("b", 0.03, 0), Stop("c", 0.04, 0),
            Stop("d", 0.05, 0), Stop("e", 0.06, 0), Stop("f", 0.07, 0),
        ];
        var plan = await RouteScheduler.ScheduleAsync(Request(stops, 1, 1), DistanceMatrix.StraightLineAsync);

        Assert.Empty(plan.Dropped);
        var day = Assert.Single(plan.Days);
        var visits = Assert.Single(day.Teams).Visits;
        Assert.Equal(stops.Length, visits.Count);
        var start = WorkingDay.Default.StartSecond;
        var near = visits.Single(v => v.StopId == "near");
        Assert.InRange(start + near.ArrivalSeconds, S(14, 30), S(16, 0) - 1800);
        foreach (var v in visits)
        {
            var (begin, end) = (start + v.ArrivalSeconds, start + v.DepartureSeconds);
            Assert.True(end <= S(12) || begin >= S(13, 30), $"{v.StopId} {begin}–{end} runs into lunch");
            Assert.True(end <= S(17, 30));
        }
    }

    [Fact]
    public async Task A_stop_whose_opening_hours_leave_no_time_is_dropped_with_that_reason()
    {
        // Open 07:00–08:45: a half-hour visit cannot end by 08:45 after leaving at 08:30 and driving there.
        ScheduleStop[] stops = [Stop("early", 0.05, 0, hours: new OpeningHours(new TimeOnly(7, 0), new TimeOnly(8, 45))), Stop("a", 0.01, 0)];
        var plan = await RouteScheduler.ScheduleAsync(Request(stops, 2, 1), DistanceMatrix.StraightLineAsync);

        var dropped = Assert.Single(plan.Dropped);
        Assert.Equal(("early", DropReason.OutsideOpeningHours), (dropped.StopId, dropped.Reason));
        Assert.Equal(["early"], plan.InfeasibleMandatoryStopIds);
        Assert.Equal(SolveStatus.Infeasible, plan.Status);
    }

    [Fact]
    public async Task A_week_for_two_teams_places_every_mandatory_stop_once_spread_over_the_days()
    {
        // 60 stops on a 6 km × 6 km grid, 30-minute visits: one team-day holds at most 14, so the visits need every day.
        var stops = Enumerable.Range(0, 60).Select(i => Stop($"s{i}", (i % 8) * 0.008 - 0.03, (i / 8) * 0.008 - 0.03, mandatory: i % 3 == 0)).ToList();
        var plan = await RouteScheduler.ScheduleAsync(Request(stops, 5, 2), DistanceMatrix.StraightLineAsync);

        Assert.Empty(plan.InfeasibleMandatoryStopIds);
        Assert.Equal(5, plan.Days.Count);
        var visits = plan.Days.SelectMany(d => d.Teams).SelectMany(t => t.Visits).ToList();
        Assert.Equal(visits.Count, visits.Select(v => v.StopId).Distinct().Count());
        Assert.Superset(stops.Where(s => s.Mandatory).Select(s => s.Id).ToHashSet(), visits.Select(v => v.StopId).ToHashSet());
        Assert.Equal(60, visits.Count + plan.Dropped.Count);
        // 60 half-hour visits are over 30 hours of work, at most 7.5 a team-day: five team-days, so at least three days.
        Assert.True(plan.Days.Count(d => d.Teams.Any(t => t.Visits.Count > 0)) >= 3);
        foreach (var team in plan.Days.SelectMany(d => d.Teams))
        {
            Assert.True(team.TotalTimeSeconds <= S(17, 30) - WorkingDay.Default.StartSecond);
        }
    }
}
