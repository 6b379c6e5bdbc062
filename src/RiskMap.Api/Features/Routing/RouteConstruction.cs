using System.Diagnostics;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// The planner's own starting routes: complete, feasible and shared across the teams, built in well under a second
/// for the most stops a plan takes (<see cref="Ranges.Stops"/>). OR-Tools starts its search from them, and they are the answer
/// when the search finds nothing within the time limit (<see cref="SolveStatus.Heuristic"/>).
/// </summary>
/// <remarks>
/// <para>1. Split: a sweep (Gillett and Miller, "A heuristic algorithm for the vehicle-dispatch problem", Operations
/// Research 22(2), 1974): stops sorted by bearing from the start, cut at the widest empty angle, and divided into as
/// many consecutive sectors of equal size as there are teams, so every team gets a share of the visits.</para>
/// <para>2. Order: each sector by nearest neighbour from the start, then 2-opt until no exchange shortens it or the
/// construction's time is up (2-opt needs symmetric distances; road matrices keep the nearest-neighbour order).</para>
/// <para>3. Working time: a team whose day is too long gives up optional stops (lowest priority first, then the one
/// whose removal saves most time), mandatory stops only when no optional one is left. The stops given up are then
/// inserted where they add the fewest metres without breaking any day: mandatory first (making room by giving up
/// optional stops of a team when they fit nowhere else), then optional by priority.</para>
/// Distances and times are the model's integer tables (<see cref="RoutePlanner.ModelArcs"/>), so the routes are
/// feasible for the OR-Tools model exactly.
/// </remarks>
internal static class RouteConstruction
{
    /// <summary>
    /// Routes (each team's stop nodes 1 … m in visiting order) for <paramref name="arcs"/>; null when no plan can exist
    /// (the end point is out of reach within the working time). Improvement stops when <paramref name="clock"/> reaches
    /// <paramref name="deadline"/>; the split and the nearest-neighbour order are always completed.
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static List<List<int>>? Build(RoutePlanner.ModelArcs arcs, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var problem = arcs.Problem;
        var teams = problem.Request.Teams;
        var m = problem.Stops.Count;
        var end = arcs.NodeCount - 1;
        if (arcs.Seconds[0][end] > arcs.TimeCapacity) return null;

        var sectors = Sweep(problem, teams);
        var symmetric = IsSymmetric(arcs.Metres, m);
        var routes = new List<List<int>>(teams);
        foreach (var sector in sectors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = NearestNeighbour(arcs.Metres, sector, end);
            if (symmetric) TwoOpt(arcs.Metres, path, () => clock.Elapsed >= deadline || cancellationToken.IsCancellationRequested);
            routes.Add(path[1..^1]);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (problem.Request.WorkingTimeSeconds is not null) FitWorkingTime(arcs, routes);
        if (arcs.Day is not null) FitOpeningHours(arcs, routes);
        return routes;
    }

    /// <summary>
    /// Keeps each route to its stops' opening hours and the lunch break, walking it with waiting (<see cref="RoutePlanner.ModelArcs.Begin"/>):
    /// a stop whose visit cannot begin within its hours where it stands is left out (the search may place it elsewhere), then
    /// the last stops until the team is back within the day. The routes are then feasible starting routes of the model.
    /// </summary>
    private static void FitOpeningHours(RoutePlanner.ModelArcs arcs, List<List<int>> routes)
    {
        var end = arcs.NodeCount - 1;
        var service = arcs.Problem.Request.ServiceTimeSeconds;
        foreach (var route in routes)
        {
            var kept = new List<int>();
            var departures = new List<double>();
            var (at, clock) = (0, 0.0);
            foreach (var node in route)
            {
                if (!arcs.Eligible(node)) continue;
                var begin = arcs.Begin(node, clock + arcs.Travel(at, node));
                if (!arcs.Fits(node, begin)) continue;
                kept.Add(node);
                departures.Add(clock = begin + service);
                at = node;
            }
            while (kept.Count > 0 && departures[^1] + arcs.Travel(kept[^1], end) > arcs.TimeCapacity)
            {
                kept.RemoveAt(kept.Count - 1);
                departures.RemoveAt(departures.Count - 1);
            }
            route.Clear();
            route.AddRange(kept);
        }
    }

    /// <summary>Stop nodes split into <paramref name="teams"/> sectors of consecutive bearing from the start, sizes differing by at most one.</summary>
    private static List<List<int>> Sweep(RoutePlanner.PlanProblem problem, int teams)
    {
        var start = problem.Request.Start;
        var m = problem.Stops.Count;
        var cosLatitude = Math.Cos(start.Latitude * Math.PI / 180);
        var bearing = new double[m + 1];
        for (var node = 1; node <= m; node++)
        {
            var at = problem.Stops[node - 1].Location;
            bearing[node] = Math.Atan2(at.Latitude - start.Latitude, (at.Longitude - start.Longitude) * cosLatitude);
        }
        var order = Enumerable.Range(1, m).OrderBy(node => bearing[node]).ThenBy(node => node).ToArray();

        // Begin after the widest empty angle, so that no sector straddles a gap and stops close in bearing stay together.
        var first = 0;
        var widest = -1.0;
        for (var k = 0; k < m; k++)
        {
            var gap = bearing[order[(k + 1) % m]] - bearing[order[k]] + (k == m - 1 ? 2 * Math.PI : 0);
            if (gap > widest) (widest, first) = (gap, (k + 1) % m);
        }
        var sectors = new List<List<int>>(teams);
        for (var t = 0; t < teams; t++)
        {
            int from = (int)((long)t * m / teams), to = (int)((long)(t + 1) * m / teams);
            sectors.Add([.. Enumerable.Range(from, to - from).Select(k => order[(first + k) % m])]);
        }
        return sectors;
    }

    private static bool IsSymmetric(long[][] metres, int m)
    {
        for (var i = 0; i <= m; i++)
        {
            for (var j = i + 1; j <= m; j++)
            {
                if (metres[i][j] != metres[j][i]) return false;
            }
        }
        return true;
    }

    /// <summary>The path [start, <paramref name="nodes"/> in nearest-neighbour order, end].</summary>
    private static List<int> NearestNeighbour(long[][] metres, List<int> nodes, int end)
    {
        var left = new List<int>(nodes);
        var path = new List<int>(nodes.Count + 2) { 0 };
        var here = 0;
        while (left.Count > 0)
        {
            var best = 0;
            for (var k = 1; k < left.Count; k++)
            {
                if (metres[here][left[k]] < metres[here][left[best]]) best = k;
            }
            here = left[best];
            path.Add(here);
            left[best] = left[^1];
            left.RemoveAt(left.Count - 1);
        }
        path.Add(end);
        return path;
    }

    /// <summary>
    /// 2-opt on a path whose first and last nodes stay in place: reversing path[i … j] replaces the arcs
    /// (a, b) and (c, e) by (a, c) and (b, e). First-improvement sweeps until none improves or <paramref name="timeUp"/>.
    /// </summary>
    private static void TwoOpt(long[][] metres, List<int> path, Func<bool> timeUp)
    {
        var improved = true;
        while (improved)
        {
            improved = false;
            for (var i = 1; i < path.Count - 2; i++)
            {
                if (timeUp()) return;
                var a = path[i - 1];
                for (var j = i + 1; j < path.Count - 1; j++)
                {
                    int b = path[i], c = path[j], e = path[j + 1];
                    if (metres[a][c] + metres[b][e] < metres[a][b] + metres[c][e])
                    {
                        path.Reverse(i, j - i + 1);
                        improved = true;
                    }
                }
            }
        }
    }

    /// <summary>Makes every day fit the working time (giving up stops as described on the class) and re-inserts what fits.</summary>
    private static void FitWorkingTime(RoutePlanner.ModelArcs arcs, List<List<int>> routes)
    {
        var stops = arcs.Problem.Stops;
        var unplaced = new List<int>();
        foreach (var route in routes) unplaced.AddRange(Shorten(arcs, route, optionalOnly: false));

        // Mandatory stops first, then optional by priority; among equals the stop quickest to visit alone.
        unplaced = [.. unplaced.OrderByDescending(node => stops[node - 1].Mandatory).ThenByDescending(node => stops[node - 1].Priority)
            .ThenBy(arcs.AloneSeconds).ThenBy(node => node)];
        var later = new List<int>();
        foreach (var node in unplaced)
        {
            if (TryInsert(arcs, routes, node)) continue;
            if (stops[node - 1].Mandatory && MakeRoom(arcs, routes, node, later)) continue;
            later.Add(node);
        }
        // Optional stops a mandatory one displaced get a second chance.
        foreach (var node in later.Where(n => !stops[n - 1].Mandatory).OrderByDescending(n => stops[n - 1].Priority)) TryInsert(arcs, routes, node);
    }

    /// <summary>Seconds of a day visiting <paramref name="route"/>, in the model's whole seconds.</summary>
    private static long Seconds(RoutePlanner.ModelArcs arcs, List<int> route)
    {
        var end = arcs.NodeCount - 1;
        long total = 0;
        var previous = 0;
        foreach (var node in route)
        {
            total += arcs.Seconds[previous][node];
            previous = node;
        }
        return total + arcs.Seconds[previous][end];
    }

    /// <summary>Removes stops from <paramref name="route"/> until its day fits; returns them. Mandatory stops go only when <paramref name="optionalOnly"/> is false and no optional one is left.</summary>
    private static List<int> Shorten(RoutePlanner.ModelArcs arcs, List<int> route, bool optionalOnly)
    {
        var removed = new List<int>();
        var stops = arcs.Problem.Stops;
        var end = arcs.NodeCount - 1;
        var seconds = Seconds(arcs, route);
        var optional = route.Count(n => !stops[n - 1].Mandatory);
        while (seconds > arcs.TimeCapacity && route.Count > 0)
        {
            var pick = -1;
            long pickSaving = 0;
            for (var p = 0; p < route.Count; p++)
            {
                var stop = stops[route[p] - 1];
                if (stop.Mandatory && (optionalOnly || optional > 0)) continue;
                int previous = p == 0 ? 0 : route[p - 1], next = p == route.Count - 1 ? end : route[p + 1];
                var saving = arcs.Seconds[previous][route[p]] + arcs.Seconds[route[p]][next] - arcs.Seconds[previous][next];
                if (pick < 0 || Better(stop, saving, stops[route[pick] - 1], pickSaving)) (pick, pickSaving) = (p, saving);
            }
            if (pick < 0) break;
            if (!stops[route[pick] - 1].Mandatory) optional--;
            removed.Add(route[pick]);
            route.RemoveAt(pick);
            seconds -= pickSaving;
        }
        return removed;

        static bool Better(RouteStop stop, long saving, RouteStop than, long thanSaving) =>
            stop.Mandatory != than.Mandatory ? !stop.Mandatory
            : stop.Priority != than.Priority ? stop.Priority < than.Priority
            : saving > thanSaving;
    }

    /// <summary>Inserts <paramref name="node"/> where it adds the fewest metres without any day exceeding the working time; false when it fits nowhere.</summary>
    private static bool TryInsert(RoutePlanner.ModelArcs arcs, List<List<int>> routes, int node)
    {
        var (route, position, _) = Cheapest(arcs, routes, node, feasibleOnly: true);
        if (route < 0) return false;
        routes[route].Insert(position, node);
        return true;
    }

    /// <summary>
    /// Cheapest insertion of <paramref name="node"/>: the route, position and added metres; route −1 when no position
    /// keeps the day within the working time (with <paramref name="feasibleOnly"/>).
    /// </summary>
    private static (int Route, int Position, long Metres) Cheapest(RoutePlanner.ModelArcs arcs, List<List<int>> routes, int node, bool feasibleOnly,
        int onlyRoute = -1)
    {
        var end = arcs.NodeCount - 1;
        (int Route, int Position, long Metres) best = (-1, -1, long.MaxValue);
        for (var r = 0; r < routes.Count; r++)
        {
            if (onlyRoute >= 0 && r != onlyRoute) continue;
            var route = routes[r];
            var room = arcs.TimeCapacity - Seconds(arcs, route);
            for (var p = 0; p <= route.Count; p++)
            {
                int previous = p == 0 ? 0 : route[p - 1], next = p == route.Count ? end : route[p];
                var seconds = arcs.Seconds[previous][node] + arcs.Seconds[node][next] - arcs.Seconds[previous][next];
                if (feasibleOnly && seconds > room) continue;
                var metres = arcs.Metres[previous][node] + arcs.Metres[node][next] - arcs.Metres[previous][next];
                if (metres < best.Metres) best = (r, p, metres);
            }
        }
        return best;
    }

    /// <summary>
    /// Puts mandatory <paramref name="node"/> into the first team whose day fits once it gives up optional stops; those
    /// go to <paramref name="displaced"/>. False when no team can make room.
    /// </summary>
    private static bool MakeRoom(RoutePlanner.ModelArcs arcs, List<List<int>> routes, int node, List<int> displaced)
    {
        for (var r = 0; r < routes.Count; r++)
        {
            var (_, position, _) = Cheapest(arcs, routes, node, feasibleOnly: false, onlyRoute: r);
            var trial = new List<int>(routes[r]);
            trial.Insert(position, node);
            var removed = Shorten(arcs, trial, optionalOnly: true);
            if (Seconds(arcs, trial) > arcs.TimeCapacity) continue;
            routes[r] = trial;
            displaced.AddRange(removed);
            return true;
        }
        return false;
    }
}
