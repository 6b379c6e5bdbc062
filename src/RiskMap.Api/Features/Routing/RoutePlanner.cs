using System.Diagnostics;
using System.Globalization;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// Plans inspection routes: a multi-vehicle routing problem (one vehicle per team) solved with Google OR-Tools'
/// routing library (<c>RoutingIndexManager</c>, <c>RoutingModel</c>), and the same search on a plain integer
/// matrix as a closed travelling-salesman tour (<see cref="SolveTour"/>) for TSPLIB benchmarks.
/// </summary>
/// <remarks>
/// <para>Model. Arc cost = distance in whole metres. A "Time" dimension (transit = travel time, rounded up to the second,
/// plus the service time of the stop being left; the matrix's own times on a road network, else the metres at the
/// requested speed) gives arrival times and, with a
/// working-time limit, caps each team's day. With more than one team a global span cost on the Time dimension
/// (coefficient ≈ speed in m/s, so a second of the longest team's day weighs about as much as the metres
/// travelled in it) balances the teams' days. Span cost rather than a fair-share cap on visits: teams share the
/// work by time, so a team driving to a remote cluster may visit fewer stops, a cap would stay feasible only by
/// guessing a share, and a soft cost cannot make a plan infeasible; the cost on the longest day is traded 1 : 1
/// against total metres, so a shorter total is never bought with a longer worst day. Optional stops are
/// disjunctions whose penalty exceeds the largest possible detour, multiplied by the stop's priority, so a stop is
/// dropped only when it does not fit; mandatory stops have no disjunction. When the starting routes leave
/// mandatory stops out, the search is run with the mandatory stops given a penalty above all optional ones
/// together, and the mandatory stops that plan still leaves out are reported as infeasible instead of throwing.</para>
/// <para>Search. The planner first builds its own complete, feasible routes (<see cref="RouteConstruction"/>: a
/// sweep shares the stops among the teams, nearest neighbour and 2-opt order them, the working time is enforced)
/// and OR-Tools starts from them (<c>ReadAssignmentFromRoutes</c>, <c>SolveFromAssignmentWithParameters</c>):
/// GUIDED_LOCAL_SEARCH and, on a second core and up to <see cref="RoutingSearch.PortfolioMaxNodes"/> nodes, an
/// iterated ruin-and-recreate local search; the better plan wins (details in <see cref="RoutingSearch"/>). Neither
/// proves optimality, so a non-trivial solve normally ends with <see cref="SolveStatus.TimeLimitReached"/>.</para>
/// <para>Time. <see cref="RoutePlanRequest.EffectiveSolverTimeLimit"/> bounds the whole plan: distance matrix,
/// construction, OR-Tools' model set-up, search and report. OR-Tools is not started when its set-up alone is
/// expected to outlast the limit (2000 stops with a few seconds), and when it finds nothing in time the
/// construction is the answer with <see cref="SolveStatus.Heuristic"/> and a <see cref="RoutePlan.Note"/>; a plan
/// is never returned empty for want of time. Plans are solved on the thread pool; the cancellation token calls
/// <c>RoutingModel.CancelSearch</c>, which stops the search within milliseconds. <see cref="SolveTour"/> keeps
/// OR-Tools' own first solution (PATH_CHEAPEST_ARC) and gives the search the whole limit.</para>
/// </remarks>
public static class RoutePlanner
{
    /// <summary>Plans routes over straight-line (geodesic) distances.</summary>
    /// <inheritdoc cref="PlanAsync(RoutePlanRequest, DistanceMatrixSource, CancellationToken)"/>
    public static Task<RoutePlan> PlanAsync(RoutePlanRequest request, CancellationToken cancellationToken = default)
        => PlanAsync(request, DistanceMatrix.StraightLineAsync, cancellationToken);

    /// <summary>
    /// Plans routes for the request's teams over the distances <paramref name="distances"/> supplies for the points
    /// [start, unique stops in first-seen order, end (when given)]. Edge cases (no stops, more teams than stops,
    /// duplicate ids, stops at one place) return ordinary plans; mandatory stops that cannot fit return a plan with
    /// <see cref="SolveStatus.Infeasible"/>.
    /// </summary>
    /// <param name="request">The request; validated first.</param>
    /// <param name="distances">Distance source, e.g. <see cref="DistanceMatrix.StraightLineAsync"/>.</param>
    /// <param name="cancellationToken">Stops the search; the plan is then not returned.</param>
    /// <exception cref="RoutePlanValidationException">When <see cref="RoutePlanRequest.Validate"/> finds a problem; names the field.</exception>
    /// <exception cref="InvalidOperationException">When <paramref name="distances"/> returns a matrix of the wrong size.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static async Task<RoutePlan> PlanAsync(RoutePlanRequest request, DistanceMatrixSource distances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(distances);
        var errors = request.Validate();
        if (errors.Count > 0) throw new RoutePlanValidationException(errors);

        var clock = Stopwatch.StartNew();
        var problem = PlanProblem.From(request);
        var matrix = await distances(problem.Points, cancellationToken).ConfigureAwait(false);
        if (matrix.Count != problem.Points.Count)
            throw new InvalidOperationException($"The distance source returned a {matrix.Count}×{matrix.Count} matrix for {problem.Points.Count} points.");
        return await Task.Run(() => Solve(problem, matrix, clock, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Legs, times and totals of routes whose order is already chosen (a planner moved or removed stops by hand): team
    /// t + 1 visits <paramref name="routes"/>[t] in that order, over the distances <paramref name="distances"/> supplies,
    /// with the same arithmetic as a solved plan. Nothing is optimised and nothing is dropped; a team whose day exceeds
    /// <see cref="RoutePlanRequest.WorkingTimeSeconds"/> keeps its stops (compare <see cref="TeamRoute.TotalTimeSeconds"/>).
    /// The status is <see cref="SolveStatus.Feasible"/> and the solve time zero.
    /// </summary>
    /// <param name="request">The stops, teams, speed, service time and end point; validated first. Duplicate ids are merged as in planning.</param>
    /// <param name="routes">One list of stop ids per team (exactly <see cref="RoutePlanRequest.Teams"/> lists); every stop id exactly once in all.</param>
    /// <param name="distances">Distance source, e.g. <see cref="DistanceMatrix.StraightLineAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the distance computation.</param>
    /// <exception cref="RoutePlanValidationException">When <see cref="RoutePlanRequest.Validate"/> finds a problem.</exception>
    /// <exception cref="ArgumentException">When <paramref name="routes"/> does not hold one list per team, names an unknown id, or misses or repeats a stop.</exception>
    public static async Task<RoutePlan> EvaluateAsync(RoutePlanRequest request, IReadOnlyList<IReadOnlyList<string>> routes, DistanceMatrixSource distances,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(distances);
        var errors = request.Validate();
        if (errors.Count > 0) throw new RoutePlanValidationException(errors);
        if (routes.Count != request.Teams) throw new ArgumentException($"{routes.Count} routes for {request.Teams} teams.", nameof(routes));

        var problem = PlanProblem.From(request);
        var node = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < problem.Stops.Count; i++) node[problem.Stops[i].Id] = i + 1;
        var seen = new HashSet<int>();
        var nodeRoutes = routes.Select(route => route.Select(id => node.TryGetValue(id, out var n)
                ? seen.Add(n) ? n : throw new ArgumentException($"Stop '{id}' is in more than one place.", nameof(routes))
                : throw new ArgumentException($"Stop '{id}' is not one of the request's stops.", nameof(routes))).ToList())
            .ToList();
        if (seen.Count != problem.Stops.Count) throw new ArgumentException("Every stop must be in a route.", nameof(routes));

        var matrix = await distances(problem.Points, cancellationToken).ConfigureAwait(false);
        if (matrix.Count != problem.Points.Count)
            throw new InvalidOperationException($"The distance source returned a {matrix.Count}×{matrix.Count} matrix for {problem.Points.Count} points.");
        return Report(new ModelArcs(problem, matrix), matrix, nodeRoutes, SolveStatus.Feasible, TimeSpan.Zero, []);
    }

    /// <summary>
    /// Shortest closed tour through every node of <paramref name="matrix"/>, starting and ending at node 0, with one
    /// vehicle and the same search as <see cref="PlanAsync(RoutePlanRequest, DistanceMatrixSource, CancellationToken)"/>.
    /// Runs on the calling thread.
    /// </summary>
    /// <param name="matrix">n×n non-negative arc costs (e.g. TSPLIB integer distances), row = from, column = to; n ≥ 1.</param>
    /// <param name="timeLimit">Search time, &gt; 0 and ≤ <see cref="RoutePlanRequest.MaxSolverTimeLimit"/>.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <exception cref="ArgumentException">When the matrix is empty, not square or has a negative entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="timeLimit"/> is out of range.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static TourSolution SolveTour(long[,] matrix, TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.GetLength(0);
        if (n == 0 || matrix.GetLength(1) != n) throw new ArgumentException($"The matrix must be square and non-empty; it is {n}×{matrix.GetLength(1)}.", nameof(matrix));
        if (timeLimit <= TimeSpan.Zero || timeLimit > RoutePlanRequest.MaxSolverTimeLimit)
            throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, $"The time limit must be > 0 and ≤ {RoutePlanRequest.MaxSolverTimeLimit}.");
        var costs = new long[n][];
        for (var i = 0; i < n; i++)
        {
            costs[i] = new long[n];
            for (var j = 0; j < n; j++)
            {
                costs[i][j] = matrix[i, j] >= 0 ? matrix[i, j] : throw new ArgumentException($"Entry [{i}, {j}] is negative.", nameof(matrix));
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (n <= 3) return TrivialTour(costs);

        var outcome = RoutingSearch.Run(n, 1, [0], [0],
            (_, routing) => routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(costs)),
            null, timeLimit, cancellationToken);
        if (outcome.Routes is null) throw new InvalidOperationException("OR-Tools found no tour.");
        List<int> order = [0, .. outcome.Routes[0]];
        return new TourSolution(order, TourLength(costs, order), outcome.Status, outcome.Elapsed);
    }

    private static TourSolution TrivialTour(long[][] costs)
    {
        // Up to three nodes there are at most two tours: pick the shorter directly.
        int[] order = costs.Length switch
        {
            1 => [0],
            2 => [0, 1],
            _ => TourLength(costs, [0, 1, 2]) <= TourLength(costs, [0, 2, 1]) ? [0, 1, 2] : [0, 2, 1],
        };
        return new TourSolution(order, TourLength(costs, order), SolveStatus.Optimal, TimeSpan.Zero);
    }

    private static long TourLength(long[][] costs, IReadOnlyList<int> order)
    {
        long length = 0;
        for (var k = 0; k < order.Count; k++) length = checked(length + costs[order[k]][order[(k + 1) % order.Count]]);
        return length;
    }

    private static RoutePlan Solve(PlanProblem problem, DistanceMatrix matrix, Stopwatch clock, CancellationToken cancellationToken)
    {
        var limit = problem.Request.EffectiveSolverTimeLimit;
        var matrixTime = clock.Elapsed;
        var arcs = new ModelArcs(problem, matrix);
        var arcsTime = clock.Elapsed - matrixTime;
        if (problem.Stops.Count == 0) return Report(arcs, matrix, EmptyRoutes(problem), SolveStatus.Optimal, TimeSpan.Zero, []);

        // The limit covers the whole plan: the matrix is done; construction, model, search and report share the rest.
        // OR-Tools cannot be stopped while it copies the tables and closes the model, so it is only started when that
        // is expected to end in time: the estimate scales the time the same tables took to fill here, on this machine
        // under its present load.
        var deadline = limit - ReportAllowance(limit);
        var models = RoutingSearch.ModelCount(arcs.NodeCount);
        var setup = arcsTime * (SetupFactor * Math.Max(1.0, (double)models / Environment.ProcessorCount));
        var search = deadline - clock.Elapsed - setup >= RoutingSearch.MinimumSearchTime * 5;
        var constructionDeadline = search ? clock.Elapsed + (deadline - clock.Elapsed - setup) * ConstructionShare : deadline;
        var construction = RouteConstruction.Build(arcs, clock, constructionDeadline, cancellationToken);
        if (construction is null)
        {
            // The end point is out of reach within the working time: no team can even leave.
            var unreachable = problem.Stops.Where(s => s.Mandatory).Select(s => s.Id).ToList();
            return Report(arcs, matrix, EmptyRoutes(problem), SolveStatus.Infeasible, clock.Elapsed - matrixTime, unreachable);
        }

        // A construction that leaves out mandatory stops starts the relaxed model (mandatory stops with a penalty above
        // all optional ones together): the search still visits them all when it can, and names the rest otherwise.
        var placed = construction.SelectMany(r => r).ToHashSet();
        var relax = problem.Stops.Select((s, k) => s.Mandatory && !placed.Contains(k + 1)).Any(missing => missing);
        var outcome = search
            ? SolveModel(arcs, relax, clock, deadline, construction, cancellationToken)
            : new RoutingSearch.Outcome(null, SolveStatus.Heuristic, TimeSpan.Zero);
        var routes = outcome.Routes ?? construction;
        var visited = routes.SelectMany(r => r).ToHashSet();
        var infeasible = Enumerable.Range(1, problem.Stops.Count)
            .Where(node => problem.Stops[node - 1].Mandatory && !visited.Contains(node))
            .Select(node => problem.Stops[node - 1].Id)
            .ToList();
        var status = infeasible.Count > 0 ? SolveStatus.Infeasible : outcome.Routes is null ? SolveStatus.Heuristic : outcome.Status;
        var plan = Report(arcs, matrix, routes, status, clock.Elapsed - matrixTime, infeasible);
        return outcome.Routes is not null ? plan : plan with
        {
            Note = new PlanNote(PlanNote.Heuristic, limit.TotalSeconds, problem.Stops.Count, problem.Request.Teams, matrixTime.TotalSeconds),
        };
    }

    /// <summary>
    /// OR-Tools' set-up time (copying the metre and second tables into a model, adding the dimension and disjunctions,
    /// closing it and reading the starting routes) over the time <see cref="ModelArcs"/> took to fill the same tables:
    /// about 3 at 800 and 2000 stops on a two-core machine.
    /// </summary>
    private const double SetupFactor = 3.5;

    /// <summary>Part of the time left after the distance matrix that the construction's 2-opt may use; the search gets the rest.</summary>
    private const double ConstructionShare = 0.25;

    /// <summary>Time kept back from the search for reading the solution and building the answer: 5 % of the limit, 20 … 150 ms.</summary>
    private static TimeSpan ReportAllowance(TimeSpan limit) =>
        TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds * 0.05, 20, 150));

    private static List<List<int>> EmptyRoutes(PlanProblem problem) => [.. Enumerable.Range(0, problem.Request.Teams).Select(_ => new List<int>())];

    /// <summary>
    /// Builds the plan model and searches from <paramref name="initial"/> until <paramref name="clock"/> reaches
    /// <paramref name="deadline"/>; Routes lists each team's stop nodes (1 … m), null when OR-Tools found none in time.
    /// </summary>
    private static RoutingSearch.Outcome SolveModel(ModelArcs arcs, bool relaxMandatory, Stopwatch clock, TimeSpan deadline,
        IReadOnlyList<List<int>> initial, CancellationToken cancellationToken)
    {
        var problem = arcs.Problem;
        var teams = problem.Request.Teams;
        var endNode = arcs.NodeCount - 1;
        return RoutingSearch.Run(arcs.NodeCount, teams, new int[teams], Enumerable.Repeat(endNode, teams).ToArray(), (manager, routing) =>
        {
            routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(arcs.Metres));
            // With opening hours a team may wait (slack) for a stop to open or for the lunch break to end.
            var day = arcs.Day;
            routing.AddDimension(routing.RegisterTransitMatrix(arcs.Seconds), day is null ? 0 : arcs.TimeCapacity, arcs.TimeCapacity, true, "Time");
            var time = routing.GetMutableDimension("Time");
            if (teams > 1) time.SetGlobalSpanCostCoefficient(arcs.SpanCoefficient);
            for (var node = 1; node < endNode; node++)
            {
                var stop = problem.Stops[node - 1];
                var index = manager.NodeToIndex(node);
                if (day is not null)
                {
                    // Seconds after leaving, as in the schedule: the visit inside its hours, neither starting nor running into lunch.
                    if (!arcs.Eligible(node))
                    {
                        routing.ActiveVar(index).SetValue(0);
                    }
                    else
                    {
                        var service = problem.Request.ServiceTimeSeconds;
                        var cumul = time.CumulVar(index);
                        cumul.SetRange(Math.Max(0, (stop.Hours?.OpensSecond ?? 0) - day.StartSecond),
                            Math.Min(arcs.TimeCapacity, (stop.Hours?.ClosesSecond ?? int.MaxValue / 2) - day.StartSecond - service));
                        long lunchFrom = WorkingDay.SecondOf(day.LunchStart) - service + 1 - day.StartSecond;
                        long lunchTo = WorkingDay.SecondOf(day.LunchEnd) - 1 - day.StartSecond;
                        if (day.HasLunch && lunchFrom <= lunchTo) cumul.RemoveInterval(lunchFrom, lunchTo);
                    }
                }
                if (stop.Mandatory && !relaxMandatory && day is null) continue;
                var penalty = stop.Mandatory ? arcs.MandatoryPenalty : checked(arcs.BasePenalty * stop.Priority);
                routing.AddDisjunction([index], penalty);
            }
        }, clock, deadline, cancellationToken, initial);
    }

    private static RoutePlan Report(ModelArcs arcs, DistanceMatrix matrix, IReadOnlyList<List<int>> routes, SolveStatus status, TimeSpan solveTime, IReadOnlyList<string> infeasibleMandatory)
    {
        var problem = arcs.Problem;
        var request = problem.Request;
        var metresPerSecond = request.SpeedKmh / 3.6;
        var endPoint = request.End is null ? (int?)null : problem.Points.Count - 1;
        var teams = new List<TeamRoute>(routes.Count);
        var visited = new HashSet<int>();
        for (var t = 0; t < routes.Count; t++)
        {
            var visits = new List<PlannedVisit>(routes[t].Count);
            int previous = 0;
            double distance = 0, clock = 0;
            foreach (var node in routes[t])
            {
                visited.Add(node);
                var stop = problem.Stops[node - 1];
                var leg = matrix[previous, node];
                distance += leg;
                var arrival = arcs.Begin(node, clock + matrix.TravelSeconds(previous, node, metresPerSecond));
                clock = arrival + request.ServiceTimeSeconds;
                visits.Add(new PlannedVisit(visits.Count + 1, stop.Id, stop.Location.Longitude, stop.Location.Latitude, stop.Mandatory, leg, distance, arrival, clock));
                previous = node;
            }
            RouteFinish? finish = null;
            if (endPoint is { } end && visits.Count > 0)
            {
                var leg = matrix[previous, end];
                distance += leg;
                clock += matrix.TravelSeconds(previous, end, metresPerSecond);
                finish = new RouteFinish(leg, distance, clock);
            }
            teams.Add(new TeamRoute(t + 1, visits, finish, distance, clock));
        }

        var dropped = new List<DroppedStop>();
        for (var node = 1; node <= problem.Stops.Count; node++)
        {
            if (visited.Contains(node)) continue;
            var stop = problem.Stops[node - 1];
            var reason = arcs.Day is not null && !arcs.Eligible(node)
                    ? stop.Hours is not null && arcs.AloneSeconds(node) <= arcs.TimeCapacity ? DropReason.OutsideOpeningHours : DropReason.UnreachableWithinWorkingTime
                : request.WorkingTimeSeconds is null && arcs.Day is null ? DropReason.NotPlacedBySolver
                : arcs.AloneSeconds(node) > arcs.TimeCapacity ? DropReason.UnreachableWithinWorkingTime
                : DropReason.DoesNotFitInWorkingTime;
            dropped.Add(new DroppedStop(stop.Id, stop.Mandatory, reason));
        }

        return new RoutePlan(status, matrix.Kind, teams, dropped, problem.MergedIds, infeasibleMandatory,
            teams.Sum(t => t.TotalDistanceMetres), solveTime, request.EffectiveSolverTimeLimit);
    }

    /// <summary>A validated request with duplicate stop ids merged, and the points the distance matrix covers.</summary>
    internal sealed record PlanProblem(RoutePlanRequest Request, IReadOnlyList<RouteStop> Stops, IReadOnlyList<LonLat> Points, IReadOnlyList<string> MergedIds)
    {
        /// <summary>
        /// Merges entries with the same id into the first one's position: mandatory if any entry is, the highest
        /// priority of them. Points are [start, stops…, end when given].
        /// </summary>
        public static PlanProblem From(RoutePlanRequest request)
        {
            var stops = new List<RouteStop>();
            var byId = new Dictionary<string, int>(StringComparer.Ordinal);
            var merged = new List<string>();
            foreach (var stop in request.Stops)
            {
                if (byId.TryGetValue(stop.Id, out var at))
                {
                    var first = stops[at];
                    stops[at] = first with { Mandatory = first.Mandatory || stop.Mandatory, Priority = Math.Max(first.Priority, stop.Priority) };
                    if (!merged.Contains(stop.Id)) merged.Add(stop.Id);
                    continue;
                }
                byId[stop.Id] = stops.Count;
                stops.Add(stop);
            }
            List<LonLat> points = [request.Start, .. stops.Select(s => s.Location)];
            if (request.End is { } end) points.Add(end);
            return new PlanProblem(request, stops, points, merged);
        }
    }

    /// <summary>
    /// Integer arc tables over the model's nodes [0 = start, 1 … m = stops, m + 1 = end]: whole metres and whole
    /// seconds (travel rounded up plus the service time of the node left). For open routes node m + 1 is a virtual
    /// end reached from anywhere at no distance and no travel time.
    /// </summary>
    internal sealed class ModelArcs
    {
        public ModelArcs(PlanProblem problem, DistanceMatrix matrix)
        {
            Problem = problem;
            var request = problem.Request;
            var m = problem.Stops.Count;
            NodeCount = m + 2;
            var metresPerSecond = request.SpeedKmh / 3.6;
            Metres = new long[NodeCount][];
            Seconds = new long[NodeCount][];
            long maxMetres = 0, maxSeconds = 0, sumSeconds = 0;
            for (var i = 0; i < NodeCount; i++)
            {
                Metres[i] = new long[NodeCount];
                Seconds[i] = new long[NodeCount];
                if (i == NodeCount - 1) continue; // nothing leaves the end
                var service = i == 0 ? 0 : request.ServiceTimeSeconds;
                for (var j = 1; j < NodeCount; j++)
                {
                    // The end is the last point of the matrix when given; the virtual open end costs nothing.
                    var to = j < NodeCount - 1 ? j : request.End is null ? -1 : problem.Points.Count - 1;
                    Metres[i][j] = to < 0 ? 0 : (long)Math.Round(matrix[i, to]);
                    Seconds[i][j] = (to < 0 ? 0 : (long)Math.Ceiling(matrix.TravelSeconds(i, to, metresPerSecond))) + service;
                    maxMetres = Math.Max(maxMetres, Metres[i][j]);
                    maxSeconds = Math.Max(maxSeconds, Seconds[i][j]);
                }
                sumSeconds += Seconds[i].Max();
            }
            TimeCapacity = request.WorkingTimeSeconds ?? Math.Max(1, sumSeconds);
            if (request.Day is { } day && problem.Stops.Any(s => s.Hours is not null))
            {
                // Opening hours: the clock matters, so the day runs from the start time for the working time, or to midnight.
                TimeCapacity = Math.Max(0, Math.Min(request.WorkingTimeSeconds ?? int.MaxValue, 86_399 - day.StartSecond));
                Day = day with { End = TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(day.StartSecond + TimeCapacity)) };
            }
            SpanCoefficient = Math.Max(1, (long)Math.Round(metresPerSecond));
            // Inserting a stop anywhere adds at most two arcs of metres and two of seconds on the longest day.
            BasePenalty = checked(2 * maxMetres + 2 * SpanCoefficient * maxSeconds + 1);
            var optionalPriorities = problem.Stops.Where(s => !s.Mandatory).Sum(s => (long)s.Priority);
            MandatoryPenalty = checked(BasePenalty * (optionalPriorities + 1));
        }

        public PlanProblem Problem { get; }
        public int NodeCount { get; }
        public long[][] Metres { get; }
        public long[][] Seconds { get; }
        public long TimeCapacity { get; }
        public long SpanCoefficient { get; }
        public long BasePenalty { get; }
        public long MandatoryPenalty { get; }

        /// <summary>The request's clock when a stop has opening hours (the plan keeps them); null otherwise.</summary>
        public WorkingDay? Day { get; }

        /// <summary>Seconds of a day that visits only stop <paramref name="node"/>.</summary>
        public long AloneSeconds(int node) => Seconds[0][node] + Seconds[node][NodeCount - 1];

        /// <summary>
        /// Seconds after leaving at which the visit of <paramref name="node"/> begins when the team can be there at
        /// <paramref name="ready"/>: <paramref name="ready"/> itself without <see cref="Day"/>, else the earliest start its opening
        /// hours and the lunch break allow (<see cref="WorkingDay.EarliestVisitStart"/>), <paramref name="ready"/> when there is none.
        /// </summary>
        public double Begin(int node, double ready)
        {
            if (Day is not { } day) return ready;
            var at = (int)Math.Min(Math.Ceiling(day.StartSecond + ready - 1e-6), int.MaxValue / 2);
            // Without waiting the visit begins on arrival (to the fraction of a second), as on a plan without opening hours.
            return day.EarliestVisitStart(at, Problem.Request.ServiceTimeSeconds, Problem.Stops[node - 1].Hours) is { } begin && begin > at
                ? begin - day.StartSecond : ready;
        }

        /// <summary>
        /// True when <paramref name="node"/> can be visited alone within the day: without <see cref="Day"/> always; else its visit
        /// fits its opening hours and the lunch break, and the team is back (or at the end of an open route) within
        /// <see cref="TimeCapacity"/>.
        /// </summary>
        public bool Eligible(int node)
        {
            if (Day is null) return true;
            var begin = Begin(node, Seconds[0][node]);
            return Fits(node, begin) && begin + Seconds[node][NodeCount - 1] <= TimeCapacity;
        }

        /// <summary>Whole seconds of travel from node <paramref name="from"/> to node <paramref name="to"/> (<see cref="Seconds"/> without the visit at <paramref name="from"/>).</summary>
        public long Travel(int from, int to) => Seconds[from][to] - (from == 0 ? 0 : Problem.Request.ServiceTimeSeconds);

        /// <summary>True when a visit of <paramref name="node"/> beginning <paramref name="begin"/> seconds after leaving keeps to its hours and lunch.</summary>
        public bool Fits(int node, double begin)
        {
            if (Day is not { } day) return true;
            var at = (int)Math.Ceiling(day.StartSecond + begin - 1e-6);
            return day.EarliestVisitStart(at, Problem.Request.ServiceTimeSeconds, Problem.Stops[node - 1].Hours) == at;
        }
    }
}
