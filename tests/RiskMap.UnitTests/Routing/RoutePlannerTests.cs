using RiskMap.Api.Features;
using RiskMap.Api.Features.Routing;

namespace RiskMap.UnitTests.Routing;

// Plans are bounded by a solution count (RoutingSearch.SolutionLimit) under a time limit they never reach, so that they
// do not depend on the machine's load; only the tests of the time limit itself run against the clock.
[Collection(SolverCollection.Name)]
public class RoutePlannerTests : IDisposable
{
    // Around the Lengshuitan district office; 0.01° ≈ 1.0 km east-west and 1.1 km north-south here.
    private static readonly LonLat Office = new(111.600, 26.430);

    /// <summary>The time limit of the bounded plans: the largest allowed, never reached by <see cref="Solutions"/> solutions.</summary>
    private static readonly TimeSpan TimeCap = RoutePlanRequest.MaxSolverTimeLimit;

    /// <summary>Solutions each bounded OR-Tools search may find.</summary>
    private const long Solutions = 20;
    private const double Metre = 1e-6; // tolerance for sums of metres computed in double

    private static RouteStop Stop(string id, double dLon, double dLat, bool mandatory = false, int priority = 1) =>
        new(id, Office.Longitude + dLon, Office.Latitude + dLat, mandatory, priority);

    private static RoutePlanRequest Request(IReadOnlyList<RouteStop> stops, int teams = 1) => new()
    {
        Start = Office,
        Stops = stops,
        Teams = teams,
        SolverTimeLimit = TimeCap,
    };

    public RoutePlannerTests() => RoutingSearch.SolutionLimit = Solutions;

    public void Dispose() => RoutingSearch.SolutionLimit = 0;

    /// <summary>Checks what any plan must satisfy: legs are real distances, sums add up, no stop twice, every stop accounted for.</summary>
    private static void AssertConsistent(RoutePlanRequest request, RoutePlan plan)
    {
        Assert.Equal(request.Teams, plan.Teams.Count);
        Assert.Equal(Enumerable.Range(1, request.Teams), plan.Teams.Select(t => t.Team));
        var stops = request.Stops.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        var speed = request.SpeedKmh / 3.6;
        foreach (var team in plan.Teams)
        {
            var previous = request.Start;
            double distance = 0, clock = 0;
            foreach (var visit in team.Visits)
            {
                var here = stops[visit.StopId].Location;
                Assert.Equal(GeodesicDistance.Metres(previous, here), visit.LegDistanceMetres, Metre);
                distance += visit.LegDistanceMetres;
                Assert.Equal(distance, visit.CumulativeDistanceMetres, Metre);
                Assert.Equal(clock + visit.LegDistanceMetres / speed, visit.ArrivalSeconds, Metre);
                Assert.Equal(visit.ArrivalSeconds + request.ServiceTimeSeconds, visit.DepartureSeconds, Metre);
                clock = visit.DepartureSeconds;
                previous = here;
            }
            Assert.Equal(Enumerable.Range(1, team.Visits.Count), team.Visits.Select(v => v.Sequence));
            if (team.Finish is { } finish)
            {
                Assert.Equal(GeodesicDistance.Metres(previous, request.End!.Value), finish.LegDistanceMetres, Metre);
                distance += finish.LegDistanceMetres;
                clock = finish.ArrivalSeconds;
            }
            Assert.Equal(distance, team.TotalDistanceMetres, Metre);
            Assert.Equal(team.Visits.Sum(v => v.LegDistanceMetres) + (team.Finish?.LegDistanceMetres ?? 0), team.TotalDistanceMetres, Metre);
            Assert.Equal(clock, team.TotalTimeSeconds, Metre);
            if (request.WorkingTimeSeconds is { } limit) Assert.True(team.TotalTimeSeconds <= limit, $"team {team.Team} works {team.TotalTimeSeconds} s > {limit} s");
        }
        Assert.Equal(plan.Teams.Sum(t => t.TotalDistanceMetres), plan.TotalDistanceMetres, Metre);

        var visited = plan.Teams.SelectMany(t => t.Visits).Select(v => v.StopId).ToList();
        Assert.Equal(visited.Count, visited.Distinct().Count());
        Assert.Equal(stops.Keys.Order(), visited.Concat(plan.Dropped.Select(d => d.StopId)).Order());
        if (plan.Status != SolveStatus.Infeasible)
        {
            Assert.All(stops.Values.Where(s => s.Mandatory), s => Assert.Contains(s.Id, visited));
            Assert.Empty(plan.InfeasibleMandatoryStopIds);
        }
    }

    [Fact]
    public async Task A_kept_order_is_measured_as_given_with_the_same_arithmetic_as_a_plan()
    {
        RouteStop[] stops = [Stop("a", 0.02, 0), Stop("b", 0.04, 0), Stop("c", 0, 0.02), Stop("a", 0.02, 0)];
        var request = Request(stops, teams: 2) with { End = Office, ServiceTimeSeconds = 600, WorkingTimeSeconds = 900 };
        var plan = await RoutePlanner.EvaluateAsync(request, [["b", "a"], ["c"]], DistanceMatrix.StraightLineAsync);
        Assert.Equal(["b", "a"], plan.Teams[0].Visits.Select(v => v.StopId));
        Assert.Equal(["c"], plan.Teams[1].Visits.Select(v => v.StopId));
        Assert.Equal(["a"], plan.MergedStopIds);
        Assert.Empty(plan.Dropped);
        Assert.Equal(SolveStatus.Feasible, plan.Status);
        Assert.Equal(TimeSpan.Zero, plan.SolveTime);
        // Two visits of 10 minutes do not fit in 15: the day is reported as it is, nothing is dropped.
        Assert.True(plan.Teams[0].TotalTimeSeconds > 900);
        AssertConsistent(request with { WorkingTimeSeconds = null }, plan);
    }

    [Theory]
    [InlineData("a,b|b")]   // a stop twice
    [InlineData("a|")]      // a stop missing
    [InlineData("a,b,x|")]  // an unknown stop
    [InlineData("a,b")]     // one route for two teams
    public async Task A_kept_order_must_hold_every_stop_once_in_one_route_per_team(string routes)
    {
        var request = Request([Stop("a", 0.01, 0), Stop("b", 0.02, 0)], teams: 2);
        IReadOnlyList<IReadOnlyList<string>> given = [.. routes.Split('|').Select(r => (IReadOnlyList<string>)r.Split(',', StringSplitOptions.RemoveEmptyEntries))];
        await Assert.ThrowsAsync<ArgumentException>(() => RoutePlanner.EvaluateAsync(request, given, DistanceMatrix.StraightLineAsync));
    }

    [Fact]
    public async Task Two_teams_share_two_clusters_and_visit_every_mandatory_stop()
    {
        RouteStop[] stops =
        [
            Stop("e1", 0.08, 0.00, mandatory: true), Stop("e2", 0.09, 0.01), Stop("e3", 0.08, 0.02, mandatory: true), Stop("e4", 0.10, -0.01),
            Stop("w1", -0.08, 0.00), Stop("w2", -0.09, -0.01, mandatory: true), Stop("w3", -0.08, 0.02), Stop("w4", -0.10, 0.01),
        ];
        var request = Request(stops, teams: 2) with { ServiceTimeSeconds = 1800 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(DistanceKind.StraightLine, plan.DistanceKind);
        Assert.Contains(plan.Status, new[] { SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.TimeLimitReached });
        Assert.Empty(plan.Dropped);
        Assert.All(plan.Teams, team => Assert.NotEmpty(team.Visits));
        // Balanced by working time, each team takes one cluster.
        Assert.All(plan.Teams, team => Assert.Single(team.Visits.Select(v => v.StopId[0]).Distinct()));
        Assert.Equal(TimeCap, plan.TimeLimit);
    }

    [Fact]
    public async Task A_working_time_limit_drops_optional_stops_with_a_reason()
    {
        // Five visits of an hour each about 1 km apart; three hours of work fit at most two or three of them.
        RouteStop[] stops =
        [
            Stop("m", 0.01, 0.00, mandatory: true),
            Stop("a", 0.02, 0.00), Stop("b", 0.00, 0.01), Stop("c", -0.01, 0.00), Stop("d", 0.00, -0.01),
        ];
        var request = Request(stops) with { ServiceTimeSeconds = 3600, WorkingTimeSeconds = 3 * 3600 - 600, SpeedKmh = 30 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Contains("m", plan.Teams[0].Visits.Select(v => v.StopId));
        Assert.Equal(2, plan.Teams[0].Visits.Count);
        Assert.Equal(3, plan.Dropped.Count);
        Assert.All(plan.Dropped, d =>
        {
            Assert.False(d.Mandatory);
            Assert.Equal(DropReason.DoesNotFitInWorkingTime, d.Reason);
        });
    }

    [Fact]
    public async Task A_stop_out_of_reach_is_dropped_as_unreachable()
    {
        // About 300 km away: 10 hours at 30 km/h, in a 4-hour day.
        RouteStop[] stops = [Stop("near", 0.01, 0.01), Stop("far", 3.0, 0.0)];
        var request = Request(stops) with { WorkingTimeSeconds = 4 * 3600 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        var dropped = Assert.Single(plan.Dropped);
        Assert.Equal(("far", DropReason.UnreachableWithinWorkingTime), (dropped.StopId, dropped.Reason));
    }

    [Fact]
    public async Task When_only_one_of_two_fits_the_higher_priority_is_kept()
    {
        // Opposite directions, each 30 minutes away at 30 km/h: a one-hour open day reaches one of them, not both (90 minutes).
        RouteStop[] stops = [Stop("low", 0.15, 0.0, priority: 1), Stop("high", -0.15, 0.0, priority: 10)];
        var request = Request(stops) with { WorkingTimeSeconds = 3600 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(["high"], plan.Teams[0].Visits.Select(v => v.StopId));
        Assert.Equal("low", Assert.Single(plan.Dropped).StopId);
    }

    [Fact]
    public async Task Mandatory_stops_that_cannot_fit_make_the_plan_infeasible_and_are_named()
    {
        RouteStop[] stops = [Stop("near", 0.01, 0.01, mandatory: true), Stop("far", 3.0, 0.0, mandatory: true), Stop("optional", -0.01, 0.0)];
        var request = Request(stops) with { WorkingTimeSeconds = 4 * 3600 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(SolveStatus.Infeasible, plan.Status);
        Assert.Equal(["far"], plan.InfeasibleMandatoryStopIds);
        var dropped = Assert.Single(plan.Dropped);
        Assert.True(dropped.Mandatory);
        Assert.Equal(DropReason.UnreachableWithinWorkingTime, dropped.Reason);
        Assert.Equal(["near", "optional"], plan.Teams[0].Visits.Select(v => v.StopId).Order());
    }

    [Fact]
    public async Task An_end_point_out_of_reach_gives_an_infeasible_plan_not_an_exception()
    {
        var request = Request([Stop("a", 0.01, 0.0)]) with { End = new LonLat(Office.Longitude + 3, Office.Latitude), WorkingTimeSeconds = 3600 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(SolveStatus.Infeasible, plan.Status);
        Assert.All(plan.Teams, t => Assert.Empty(t.Visits));
        Assert.Equal(DropReason.UnreachableWithinWorkingTime, Assert.Single(plan.Dropped).Reason);
    }

    [Fact]
    public async Task No_stops_give_empty_routes()
    {
        var request = Request([], teams: 3);

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(SolveStatus.Optimal, plan.Status);
        Assert.All(plan.Teams, t => Assert.Empty(t.Visits));
        Assert.Equal(0, plan.TotalDistanceMetres);
    }

    [Fact]
    public async Task One_stop_is_visited_directly()
    {
        // One stop and one team have one route: the first solution is the only one, and a search for more would run to the time limit.
        RoutingSearch.SolutionLimit = 1;
        var request = Request([Stop("only", 0.03, 0.04)]) with { ServiceTimeSeconds = 600 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        var visit = Assert.Single(plan.Teams[0].Visits);
        Assert.Equal(GeodesicDistance.Metres(Office, request.Stops[0].Location), visit.LegDistanceMetres, Metre);
        Assert.Equal(visit.ArrivalSeconds + 600, plan.Teams[0].TotalTimeSeconds, Metre);
    }

    [Fact]
    public async Task Duplicate_ids_are_visited_once_and_reported_as_merged()
    {
        RouteStop[] stops = [Stop("a", 0.01, 0.0), Stop("b", 0.02, 0.0), Stop("a", 0.01, 0.0, mandatory: true), Stop("b", 0.02, 0.0), Stop("c", 0.03, 0.0)];
        var request = Request(stops);

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(["a", "b"], plan.MergedStopIds);
        Assert.Equal(3, plan.Teams[0].Visits.Count);
        Assert.True(plan.Teams[0].Visits.Single(v => v.StopId == "a").Mandatory);
    }

    [Fact]
    public async Task Stops_at_one_place_cost_nothing()
    {
        RouteStop[] stops = [Stop("x", 0, 0), Stop("y", 0, 0), Stop("z", 0, 0, mandatory: true), Stop("w", 0, 0)];
        var request = Request(stops, teams: 2);

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Empty(plan.Dropped);
        Assert.Equal(0, plan.TotalDistanceMetres);
    }

    [Fact]
    public async Task More_teams_than_stops_leaves_extra_teams_empty()
    {
        var request = Request([Stop("a", 0.02, 0.0), Stop("b", -0.02, 0.0)], teams: 5) with { ServiceTimeSeconds = 900 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(2, plan.Teams.Sum(t => t.Visits.Count));
        Assert.True(plan.Teams.Count(t => t.Visits.Count == 0) >= 3);
        Assert.All(plan.Teams.Where(t => t.Visits.Count == 0), t => Assert.Equal((0.0, 0.0), (t.TotalDistanceMetres, t.TotalTimeSeconds)));
    }

    [Fact]
    public async Task With_an_end_point_every_working_team_finishes_there()
    {
        RouteStop[] stops = [Stop("a", 0.03, 0.0), Stop("b", 0.04, 0.01), Stop("c", -0.03, 0.0), Stop("d", -0.04, 0.01)];
        var end = new LonLat(Office.Longitude, Office.Latitude + 0.03);
        var request = Request(stops, teams: 2) with { End = end, ServiceTimeSeconds = 1200 };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.All(plan.Teams.Where(t => t.Visits.Count > 0), t =>
        {
            Assert.NotNull(t.Finish);
            Assert.Equal(t.TotalDistanceMetres, t.Finish!.CumulativeDistanceMetres, Metre);
        });
    }

    [Fact]
    public async Task Road_distances_come_from_the_supplied_source_and_are_reported()
    {
        // A stand-in for a road network: straight line × 1.3.
        DistanceMatrixSource roads = (points, _) =>
        {
            var straight = DistanceMatrix.StraightLine(points);
            var metres = new double[points.Count, points.Count];
            for (var i = 0; i < points.Count; i++)
                for (var j = 0; j < points.Count; j++) metres[i, j] = straight[i, j] * 1.3;
            return Task.FromResult(new DistanceMatrix(DistanceKind.Road, metres));
        };
        var request = Request([Stop("a", 0.02, 0.0), Stop("b", 0.02, 0.02)]);

        var plan = await RoutePlanner.PlanAsync(request, roads);

        Assert.Equal(DistanceKind.Road, plan.DistanceKind);
        var first = plan.Teams[0].Visits[0];
        Assert.Equal(1.3 * GeodesicDistance.Metres(Office, request.Stops.Single(s => s.Id == first.StopId).Location), first.LegDistanceMetres, Metre);
    }

    [Fact]
    public async Task A_source_returning_the_wrong_size_is_an_error()
    {
        DistanceMatrixSource broken = (_, _) => Task.FromResult(new DistanceMatrix(DistanceKind.Road, new double[1, 1]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => RoutePlanner.PlanAsync(Request([Stop("a", 0.01, 0)]), broken));
    }

    /// <summary>Stops spread evenly (seeded) over a 0.3° × 0.3° square (≈ 30 km × 33 km) with the office inside it off centre.</summary>
    private static List<RouteStop> District(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(i => Stop(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            -0.1 + random.NextDouble() * 0.3, -0.13 + random.NextDouble() * 0.3))];
    }

    [Fact]
    public async Task Two_thousand_stops_with_a_short_limit_are_all_placed_once_by_the_fallback_construction()
    {
        // The tester's case: 2000 stops, 5 teams, no working time. OR-Tools cannot even set up a 2002-node model in
        // half a second, so the answer is the construction, and it must visit every stop exactly once.
        var request = Request(District(Ranges.Stops.Max, seed: 1), teams: 5) with { SolverTimeLimit = TimeSpan.FromMilliseconds(500) };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(SolveStatus.Heuristic, plan.Status);
        var note = Assert.IsType<PlanNote>(plan.Note);
        Assert.Equal((PlanNote.Heuristic, 0.5, Ranges.Stops.Max, 5), (note.Code, note.TimeLimitSeconds, note.Stops, note.Teams));
        Assert.True(note.MatrixSeconds > 0);
        Assert.Empty(plan.Dropped);
        var visited = plan.Teams.SelectMany(t => t.Visits).Select(v => v.StopId).ToList();
        Assert.Equal(Ranges.Stops.Max, visited.Count);
        Assert.Equal(request.Stops.Select(s => s.Id).Order(), visited.Order());
        Assert.All(plan.Teams, t => Assert.Equal(400, t.Visits.Count)); // the sweep's equal sectors
        Assert.True(plan.TotalDistanceMetres > 0);
    }

    [Fact]
    public async Task The_fallback_construction_keeps_the_working_time_and_every_mandatory_stop()
    {
        // 4 h days with 10 min per visit: far fewer than 2000 stops fit, so the construction must drop optional stops
        // (lowest priority first) and still visit all 40 mandatory ones. AssertConsistent checks the working time.
        var stops = District(Ranges.Stops.Max, seed: 2)
            .Select((s, i) => i % 50 == 0 ? s with { Mandatory = true } : s with { Priority = 1 + i % 5 }).ToList();
        var request = Request(stops, teams: 5) with
        {
            WorkingTimeSeconds = 4 * 3600, ServiceTimeSeconds = 600, SolverTimeLimit = TimeSpan.FromMilliseconds(500),
        };

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Equal(SolveStatus.Heuristic, plan.Status);
        var visited = plan.Teams.SelectMany(t => t.Visits).ToList();
        Assert.Equal(40, visited.Count(v => v.Mandatory));
        Assert.InRange(visited.Count, 60, 5 * 24); // at most 24 visits of 10 min fit in 4 h
        Assert.All(plan.Dropped, d => Assert.Equal(DropReason.DoesNotFitInWorkingTime, d.Reason));
        Assert.All(plan.Teams, t => Assert.NotEmpty(t.Visits));
    }

    [Fact]
    public async Task Five_teams_share_eight_hundred_stops()
    {
        // The tester saw all 800 visits go to team 5. Every team must work, and the longest day must stay within 1.25
        // times the mean: the sweep starts the teams on equal sectors (in this even spread their days differ by
        // about 10 %) and the span cost on the longest day keeps the search from shifting work onto one team, since
        // each second added to the longest day costs as much as the metres it takes. A local-search step over 800 stops
        // takes seconds, so the bound is OR-Tools' first solution: the starting routes, read into its model with the span cost.
        RoutingSearch.SolutionLimit = 1;
        var request = Request(District(800, seed: 3), teams: 5);

        var plan = await RoutePlanner.PlanAsync(request);

        AssertConsistent(request, plan);
        Assert.Contains(plan.Status, (SolveStatus[])[SolveStatus.TimeLimitReached, SolveStatus.Feasible, SolveStatus.Heuristic]);
        Assert.Empty(plan.Dropped);
        Assert.All(plan.Teams, t => Assert.True(t.Visits.Count >= 40, $"team {t.Team} has {t.Visits.Count} visits"));
        var mean = plan.Teams.Average(t => t.TotalTimeSeconds);
        var longest = plan.Teams.Max(t => t.TotalTimeSeconds);
        Assert.True(longest <= 1.25 * mean, $"longest day {longest:0} s, mean {mean:0} s");
    }

    [Fact]
    public async Task Cancellation_stops_the_search()
    {
        // The search must still be running when the token fires: no solution bound, only the 30 s limit.
        RoutingSearch.SolutionLimit = 0;
        var stops = Enumerable.Range(0, 60).Select(i => Stop($"s{i}", 0.002 * (i % 8), 0.002 * (i / 8))).ToList();
        var request = Request(stops, teams: 3) with { SolverTimeLimit = TimeSpan.FromSeconds(30) };

        using var already = new CancellationTokenSource();
        already.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RoutePlanner.PlanAsync(request, already.Token));

        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RoutePlanner.PlanAsync(request, soon.Token));
    }

    // Each bad input and the field the error must name.
    private static readonly (string Field, Func<RoutePlanRequest, RoutePlanRequest> Spoil)[] BadInputs =
    [
        ("stops[3].longitude", r => r with { Stops = [.. r.Stops.Take(3), r.Stops[3] with { Longitude = 200 }] }),
        ("stops[0].latitude", r => r with { Stops = [r.Stops[0] with { Latitude = double.NaN }, .. r.Stops.Skip(1)] }),
        ("stops[1].id", r => r with { Stops = [r.Stops[0], r.Stops[1] with { Id = " " }, .. r.Stops.Skip(2)] }),
        ("stops[2].priority", r => r with { Stops = [.. r.Stops.Take(2), r.Stops[2] with { Priority = 0 }, r.Stops[3]] }),
        ("start.latitude", r => r with { Start = new LonLat(111.6, -91) }),
        ("end.longitude", r => r with { End = new LonLat(-181, 26.4) }),
        ("teams", r => r with { Teams = 0 }),
        ("speedKmh", r => r with { SpeedKmh = 0 }),
        ("speedKmh", r => r with { SpeedKmh = 1e-300 }),
        ("speedKmh", r => r with { SpeedKmh = 151 }),
        ("serviceTimeSeconds", r => r with { ServiceTimeSeconds = -1 }),
        ("workingTimeSeconds", r => r with { WorkingTimeSeconds = 0 }),
        ("workingTimeSeconds", r => r with { WorkingTimeSeconds = 86_401 }),
        ("solverTimeLimit", r => r with { SolverTimeLimit = TimeSpan.Zero }),
        ("solverTimeLimit", r => r with { SolverTimeLimit = TimeSpan.FromSeconds(31) }),
    ];

    public static TheoryData<int, string> BadInputCases()
    {
        var cases = new TheoryData<int, string>();
        for (var i = 0; i < BadInputs.Length; i++) cases.Add(i, BadInputs[i].Field);
        return cases;
    }

    [Theory]
    [MemberData(nameof(BadInputCases))]
    public async Task Bad_input_names_the_offending_field(int badInput, string field)
    {
        var valid = Request([Stop("a", 0.01, 0), Stop("b", 0.02, 0), Stop("c", 0.03, 0), Stop("d", 0.04, 0)]);
        Assert.Empty(valid.Validate());
        var request = BadInputs[badInput].Spoil(valid);

        var error = await Assert.ThrowsAsync<RoutePlanValidationException>(() => RoutePlanner.PlanAsync(request));

        Assert.Equal(field, error.ParamName);
        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal([field], request.Validate().Keys);
    }
}
