using System.Diagnostics;

namespace RiskMap.Api.Features.Routing;

/// <summary>A place to visit in a schedule.</summary>
/// <param name="Id">Caller's identifier (the enterprise id); unique within the request.</param>
/// <param name="Location">WGS-84 position.</param>
/// <param name="Mandatory">True when it must be visited (e.g. due by its visiting cadence); what cannot be is reported.</param>
/// <param name="Priority">For optional stops, 1 … 100: when not all fit, the higher total is kept.</param>
/// <param name="Hours">Opening hours; null when it receives inspectors whenever teams work.</param>
public sealed record ScheduleStop(string Id, LonLat Location, bool Mandatory, int Priority, OpeningHours? Hours);

/// <summary>What a multi-day schedule is asked for (validated by the API's request records).</summary>
/// <param name="Start">Where every team leaves from each day (WGS-84).</param>
/// <param name="End">Where every team finishes each day; null for days ending at the last visit.</param>
/// <param name="Days">The working days to plan, in order (≥ 1).</param>
/// <param name="Teams">Teams working each day (≥ 1).</param>
/// <param name="Hours">The working day: start, end and lunch break.</param>
/// <param name="ServiceTimeSeconds">Length of each visit, seconds.</param>
/// <param name="SpeedKmh">Travel speed for distance matrices without travel times of their own, km/h.</param>
/// <param name="TimeLimit">How long the whole schedule may take (matrix, model and search).</param>
/// <param name="Stops">The places to visit, unique ids.</param>
public sealed record ScheduleRequest(LonLat Start, LonLat? End, IReadOnlyList<DateOnly> Days, int Teams, WorkingDay Hours, int ServiceTimeSeconds,
    double SpeedKmh, TimeSpan TimeLimit, IReadOnlyList<ScheduleStop> Stops);

/// <summary>One day of a schedule: the teams' routes, arrival seconds counted from the day's <see cref="WorkingDay.Start"/>.</summary>
/// <param name="Day">The day.</param>
/// <param name="Teams">One route per team, 1 … n.</param>
public sealed record ScheduledDay(DateOnly Day, IReadOnlyList<TeamRoute> Teams);

/// <summary>A solved schedule.</summary>
/// <param name="Status">How the search ended; Infeasible when mandatory stops are left out (named in <paramref name="InfeasibleMandatoryStopIds"/>).</param>
/// <param name="DistanceKind">Where the distances came from.</param>
/// <param name="Days">One entry per requested day, in order.</param>
/// <param name="Dropped">Stops no team visits on any day, with the reason.</param>
/// <param name="InfeasibleMandatoryStopIds">Mandatory stops left out.</param>
/// <param name="SolveTime">Time from the matrix to the answer.</param>
public sealed record SchedulePlan(SolveStatus Status, DistanceKind DistanceKind, IReadOnlyList<ScheduledDay> Days, IReadOnlyList<DroppedStop> Dropped,
    IReadOnlyList<string> InfeasibleMandatoryStopIds, TimeSpan SolveTime);

/// <summary>
/// Spreads visits over several working days and teams in one OR-Tools routing model: one vehicle per (day, team), every
/// vehicle leaving the start at the day's start time; a "Time" dimension in seconds of the day (travel from the seam's
/// <see cref="DistanceMatrix.TravelSeconds"/> plus the visit length; waiting allowed) holds each visit inside the working day,
/// inside the enterprise's opening hours and outside the lunch break (the lunch interval is removed from the visit's start
/// domain, so a visit neither starts nor runs into it). Arc cost = travel seconds. Every stop is a disjunction: optional ones
/// with a penalty above any detour times their priority, mandatory ones above all optional ones together, so the search places
/// every mandatory stop it can and the rest are reported, never a failed model. Because the days are vehicles of one model the
/// search moves visits between days itself instead of filling day one greedily. It starts from a feasible construction
/// (team-day after team-day, mandatory stops first, nearest first) and only improves it, so it never places fewer mandatory
/// stops than that construction.
/// </summary>
/// <remarks>
/// A stop that cannot be visited alone on a day (its opening hours and the working day leave no time for the visit after the
/// drive, or the drive alone is too long) is left out of the model and reported with <see cref="DropReason.OutsideOpeningHours"/>
/// or <see cref="DropReason.UnreachableWithinWorkingTime"/>. Arrival times are the earliest the route allows
/// (<see cref="WorkingDay.Walk"/>), the same rule the single-day plan's clock times use.
/// </remarks>
public static class RouteScheduler
{
    /// <summary>
    /// Schedules <paramref name="request"/> over the distances <paramref name="distances"/> supplies for [start, stops…, end
    /// (when given)].
    /// </summary>
    /// <param name="request">The schedule request.</param>
    /// <param name="distances">Distance source, e.g. <see cref="DistanceMatrix.StraightLineAsync"/>.</param>
    /// <param name="cancellationToken">Stops the search; nothing is returned then.</param>
    /// <exception cref="ArgumentException">When there are no days, no teams, or stop ids repeat.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static async Task<SchedulePlan> ScheduleAsync(ScheduleRequest request, DistanceMatrixSource distances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(distances);
        if (request.Days.Count == 0) throw new ArgumentException("A schedule needs at least one day.", nameof(request));
        if (request.Teams < 1) throw new ArgumentException("A schedule needs at least one team.", nameof(request));
        if (request.Stops.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != request.Stops.Count)
            throw new ArgumentException("Stop ids must be unique.", nameof(request));

        var clock = Stopwatch.StartNew();
        List<LonLat> points = [request.Start, .. request.Stops.Select(s => s.Location)];
        if (request.End is { } end) points.Add(end);
        var matrix = await distances(points, cancellationToken).ConfigureAwait(false);
        if (matrix.Count != points.Count)
            throw new InvalidOperationException($"The distance source returned a {matrix.Count}×{matrix.Count} matrix for {points.Count} points.");
        return await Task.Run(() => Solve(request, matrix, clock, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static SchedulePlan Solve(ScheduleRequest request, DistanceMatrix matrix, Stopwatch clock, CancellationToken cancellationToken)
    {
        var m = request.Stops.Count;
        var metresPerSecond = request.SpeedKmh / 3.6;
        var endPoint = request.End is null ? (int?)null : m + 1;
        var hours = request.Hours;
        var service = request.ServiceTimeSeconds;

        // Seconds of travel between matrix points; the open end is reached from anywhere at no cost.
        long Travel(int from, int to) => (long)Math.Ceiling(matrix.TravelSeconds(from, to, metresPerSecond) - 1e-6);
        long ToEnd(int from) => endPoint is { } e ? Travel(from, e) : 0;

        // Stops that cannot be visited even alone are left out of the model and reported.
        var dropped = new Dictionary<int, DropReason>();
        var eligible = new List<int>(); // matrix points 1 … m
        for (var point = 1; point <= m; point++)
        {
            var stop = request.Stops[point - 1];
            var ready = hours.StartSecond + Travel(0, point);
            var begin = hours.EarliestVisitStart((int)Math.Min(ready, int.MaxValue / 2), service, stop.Hours);
            if (begin is { } b && b + service + ToEnd(point) <= hours.EndSecond) eligible.Add(point);
            else dropped[point] = stop.Hours is not null && AloneFits(hours, ready, service, point) ? DropReason.OutsideOpeningHours
                : DropReason.UnreachableWithinWorkingTime;
        }
        bool AloneFits(WorkingDay day, long ready, int length, int point) =>
            day.EarliestVisitStart((int)Math.Min(ready, int.MaxValue / 2), length, null) is { } b && b + length + ToEnd(point) <= day.EndSecond;

        // Model nodes: 0 = start, 1 … k = eligible stops, k + 1 = end.
        var k = eligible.Count;
        var nodeCount = k + 2;
        var pointOf = new int[nodeCount];
        for (var n = 1; n <= k; n++) pointOf[n] = eligible[n - 1];
        var travel = new long[nodeCount][];
        var transit = new long[nodeCount][];
        long maxTravel = 0;
        for (var i = 0; i < nodeCount; i++)
        {
            travel[i] = new long[nodeCount];
            transit[i] = new long[nodeCount];
            if (i == nodeCount - 1) continue;
            for (var j = 1; j < nodeCount; j++)
            {
                if (i == j) continue;
                travel[i][j] = j == nodeCount - 1 ? ToEnd(pointOf[i]) : Travel(pointOf[i], pointOf[j]);
                transit[i][j] = travel[i][j] + (i == 0 ? 0 : service);
                maxTravel = Math.Max(maxTravel, travel[i][j]);
            }
        }
        var basePenalty = checked(2 * maxTravel + 1);
        var optionalPriorities = eligible.Where(p => !request.Stops[p - 1].Mandatory).Sum(p => (long)request.Stops[p - 1].Priority);
        var mandatoryPenalty = checked(basePenalty * (optionalPriorities + 1));

        var vehicles = request.Days.Count * request.Teams;
        var deadline = request.TimeLimit - TimeSpan.FromMilliseconds(Math.Clamp(request.TimeLimit.TotalMilliseconds * 0.1, 20, 1000));
        List<List<int>>? routes = null;
        var status = SolveStatus.Optimal;
        if (k > 0)
        {
            var initial = Construct(request, k, pointOf, travel, vehicles);
            var outcome = RoutingSearch.Run(nodeCount, vehicles, new int[vehicles], Enumerable.Repeat(nodeCount - 1, vehicles).ToArray(), (manager, routing) =>
            {
                routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(travel));
                var daySpan = hours.EndSecond - hours.StartSecond;
                routing.AddDimension(routing.RegisterTransitMatrix(transit), Math.Max(0, daySpan), 86_400, false, "Time");
                var time = routing.GetMutableDimension("Time");
                for (var v = 0; v < vehicles; v++)
                {
                    time.CumulVar(routing.Start(v)).SetRange(hours.StartSecond, hours.StartSecond);
                    time.CumulVar(routing.End(v)).SetRange(hours.StartSecond, hours.EndSecond);
                }
                for (var n = 1; n <= k; n++)
                {
                    var stop = request.Stops[pointOf[n] - 1];
                    var index = manager.NodeToIndex(n);
                    var cumul = time.CumulVar(index);
                    var earliest = Math.Max(hours.StartSecond, stop.Hours?.OpensSecond ?? 0);
                    var latest = Math.Min(hours.EndSecond, stop.Hours?.ClosesSecond ?? hours.EndSecond) - service;
                    cumul.SetRange(earliest, latest);
                    var lunchFrom = WorkingDay.SecondOf(hours.LunchStart) - service + 1;
                    var lunchTo = WorkingDay.SecondOf(hours.LunchEnd) - 1;
                    if (hours.HasLunch && lunchFrom <= lunchTo) cumul.RemoveInterval(lunchFrom, lunchTo);
                    routing.AddDisjunction([index], stop.Mandatory ? mandatoryPenalty : checked(basePenalty * stop.Priority));
                }
            }, clock, deadline, cancellationToken, initial);
            routes = outcome.Routes is null ? null : [.. outcome.Routes.Select(r => r.Select(n => pointOf[n]).ToList())];
            status = outcome.Status;
        }

        var days = new List<ScheduledDay>(request.Days.Count);
        var visited = new HashSet<int>();
        for (var d = 0; d < request.Days.Count; d++)
        {
            var teams = new List<TeamRoute>(request.Teams);
            for (var t = 0; t < request.Teams; t++)
            {
                var route = routes?[d * request.Teams + t] ?? [];
                visited.UnionWith(route);
                teams.Add(Route(request, matrix, t + 1, route, endPoint, metresPerSecond));
            }
            days.Add(new ScheduledDay(request.Days[d], teams));
        }
        for (var point = 1; point <= m; point++)
        {
            if (!visited.Contains(point) && !dropped.ContainsKey(point))
                dropped[point] = routes is null ? DropReason.NotPlacedBySolver : DropReason.DoesNotFitInWorkingTime;
        }
        var drops = dropped.OrderBy(p => p.Key).Select(p => new DroppedStop(request.Stops[p.Key - 1].Id, request.Stops[p.Key - 1].Mandatory, p.Value)).ToList();
        var infeasible = drops.Where(d => d.Mandatory).Select(d => d.StopId).ToList();
        if (infeasible.Count > 0) status = SolveStatus.Infeasible;
        else if (routes is null && k > 0) status = SolveStatus.Heuristic;
        return new SchedulePlan(status, matrix.Kind, days, drops, infeasible, clock.Elapsed);
    }

    /// <summary>
    /// The starting routes OR-Tools improves: team-day after team-day, from where the team is, the stop whose visit begins
    /// soonest within the clock rules (<see cref="WorkingDay.EarliestVisitStart"/>, and back to the end in time), mandatory stops
    /// before optional ones, nearest first. Feasible by construction, so the search starts with every mandatory stop this places.
    /// </summary>
    private static List<List<int>> Construct(ScheduleRequest request, int k, int[] pointOf, long[][] travel, int vehicles)
    {
        var hours = request.Hours;
        var service = request.ServiceTimeSeconds;
        var left = new HashSet<int>(Enumerable.Range(1, k));
        var routes = new List<List<int>>(vehicles);
        for (var v = 0; v < vehicles; v++)
        {
            var route = new List<int>();
            var (at, clock) = (0, (long)hours.StartSecond);
            while (left.Count > 0)
            {
                var (best, bestMandatory, bestTravel, bestBegin) = (-1, false, long.MaxValue, 0);
                foreach (var n in left)
                {
                    var stop = request.Stops[pointOf[n] - 1];
                    if (hours.EarliestVisitStart((int)Math.Min(clock + travel[at][n], int.MaxValue / 2), service, stop.Hours) is not { } begin
                        || begin + service + travel[n][k + 1] > hours.EndSecond) continue;
                    if (best < 0 || (stop.Mandatory && !bestMandatory) || (stop.Mandatory == bestMandatory && travel[at][n] < bestTravel))
                        (best, bestMandatory, bestTravel, bestBegin) = (n, stop.Mandatory, travel[at][n], begin);
                }
                if (best < 0) break;
                route.Add(best);
                left.Remove(best);
                (at, clock) = (best, bestBegin + service);
            }
            routes.Add(route);
        }
        return routes;
    }

    /// <summary>One team's day over matrix points <paramref name="route"/>: legs, and times from <see cref="WorkingDay.Walk"/> counted from the day's start.</summary>
    private static TeamRoute Route(ScheduleRequest request, DistanceMatrix matrix, int team, IReadOnlyList<int> route, int? endPoint, double metresPerSecond)
    {
        var travel = new double[route.Count];
        var previous = 0;
        for (var i = 0; i < route.Count; i++)
        {
            travel[i] = matrix.TravelSeconds(previous, route[i], metresPerSecond);
            previous = route[i];
        }
        double? finishTravel = endPoint is { } e && route.Count > 0 ? matrix.TravelSeconds(previous, e, metresPerSecond) : null;
        var (arrivals, departures, finish) = request.Hours.Walk(travel, request.ServiceTimeSeconds, [.. route.Select(p => request.Stops[p - 1].Hours)], finishTravel);
        var start = request.Hours.StartSecond;
        var visits = new List<PlannedVisit>(route.Count);
        double distance = 0;
        previous = 0;
        for (var i = 0; i < route.Count; i++)
        {
            var stop = request.Stops[route[i] - 1];
            var leg = matrix[previous, route[i]];
            distance += leg;
            visits.Add(new PlannedVisit(i + 1, stop.Id, stop.Location.Longitude, stop.Location.Latitude, stop.Mandatory, leg, distance,
                arrivals[i] - start, departures[i] - start));
            previous = route[i];
        }
        RouteFinish? end = null;
        if (endPoint is { } last && route.Count > 0)
        {
            var leg = matrix[previous, last];
            distance += leg;
            end = new RouteFinish(leg, distance, finish - start);
        }
        return new TeamRoute(team, visits, end, distance, route.Count == 0 ? 0 : finish - start);
    }
}
