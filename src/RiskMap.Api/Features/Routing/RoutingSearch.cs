using System.Diagnostics;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// The OR-Tools search both <see cref="RoutePlanner"/> entry points share: a portfolio of two searches run side by
/// side on their own copy of the model, the lower objective wins.
/// </summary>
/// <remarks>
/// <para>1. Guided local search (GUIDED_LOCAL_SEARCH, λ = 0.3 instead of the default 0.1) from a
/// PATH_CHEAPEST_ARC first solution. It reaches the optimum of small instances quickly but plateaus on larger
/// ones (≈ 1.5 % above optimum on TSPLIB ch150 after 2 s).</para>
/// <para>2. Iterated local search: ruin (remove 30 visits along a random walk) and recreate (cheapest insertion),
/// greedy descent after each recreate, simulated-annealing acceptance with automatic temperatures. It escapes those
/// plateaus (ch150 ≈ 0.5 %) but is weaker on the smallest instances.</para>
/// <para>Both use the multi-armed-bandit choice of local search operators. The two run in parallel when the machine
/// has two or more processors (one core each for the time limit) and only the first runs otherwise. The values are
/// the outcome of the TSPLIB benchmark in tests/RiskMap.Benchmarks.</para>
/// </remarks>
internal static class RoutingSearch
{
    private enum Strategy { GuidedLocalSearch, IteratedLocalSearch }

    /// <summary>The best solution found: each vehicle's nodes between its start and end, how the search ended and how long it took.</summary>
    public sealed record Outcome(IReadOnlyList<List<int>>? Routes, SolveStatus Status, TimeSpan Elapsed);

    private static long _solutionLimit;

    /// <summary>
    /// A hook for tests, 0 (off) in the service: when positive, every search of this process also ends after that many
    /// solutions (OR-Tools' <c>solution_limit</c>), besides its time limit. Without a time limit ending it, OR-Tools'
    /// search is deterministic, so a test that sets a solution count and a time limit it never reaches gets the same
    /// plan on a fast machine and on a loaded one; the quality reached within a time limit is measured by the TSPLIB
    /// benchmark in tests/RiskMap.Benchmarks instead. Process-wide: set it only where no other search runs at the
    /// same time or where a bounded search does no harm.
    /// </summary>
    internal static long SolutionLimit
    {
        get => Volatile.Read(ref _solutionLimit);
        set => Volatile.Write(ref _solutionLimit, value);
    }

    /// <summary>Least search time worth starting OR-Tools for; with less left the caller keeps its initial routes.</summary>
    public static readonly TimeSpan MinimumSearchTime = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Builds the model (<paramref name="build"/> adds costs, dimensions and disjunctions) once per strategy and
    /// searches until <paramref name="clock"/> reaches <paramref name="deadline"/>: the time building the model takes
    /// counts against it; with <paramref name="clock"/> null, <paramref name="deadline"/> is the search time alone (the
    /// TSPLIB tours, whose set-up takes milliseconds). With <paramref name="initialRoutes"/> (each vehicle's nodes, as in <see cref="Outcome.Routes"/>)
    /// both strategies start from that solution (<c>ReadAssignmentFromRoutes</c>, <c>SolveFromAssignmentWithParameters</c>)
    /// and only improve it; otherwise they build their own first solution. <see cref="Outcome.Routes"/> is null when no
    /// strategy found a solution or there was no time to search (then <see cref="Outcome.Status"/> is
    /// <see cref="SolveStatus.Infeasible"/>).
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static Outcome Run(int nodeCount, int vehicles, int[] starts, int[] ends, Action<RoutingIndexManager, RoutingModel> build,
        Stopwatch? clock, TimeSpan deadline, CancellationToken cancellationToken, IReadOnlyList<List<int>>? initialRoutes = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var strategies = Strategies(nodeCount);
        var results = new (List<List<int>>? Routes, long Objective, RoutingSearchStatus.Types.Value Status, bool RanToLimit)[strategies.Length];
        var solutionLimit = SolutionLimit;
        var began = Stopwatch.GetTimestamp();
        Parallel.For(0, strategies.Length, new ParallelOptions { MaxDegreeOfParallelism = strategies.Length },
            k => results[k] = RunOne(strategies[k], nodeCount, vehicles, starts, ends, build, clock, deadline, initialRoutes, solutionLimit, cancellationToken));
        var elapsed = Stopwatch.GetElapsedTime(began);
        cancellationToken.ThrowIfCancellationRequested();

        var best = results.Where(r => r.Routes is not null).OrderBy(r => r.Objective).FirstOrDefault();
        if (best.Routes is null) return new Outcome(null, SolveStatus.Infeasible, elapsed);
        var status = results.Any(r => r.Status == RoutingSearchStatus.Types.Value.RoutingOptimal) ? SolveStatus.Optimal
            : best.RanToLimit || best.Status == RoutingSearchStatus.Types.Value.RoutingPartialSuccessLocalOptimumNotReached
                ? SolveStatus.TimeLimitReached
                : SolveStatus.Feasible;
        return new Outcome(best.Routes, status, elapsed);
    }

    /// <summary>Above this many nodes one search runs: the model costs seconds to build, and both cores are better spent on one.</summary>
    public const int PortfolioMaxNodes = 500;

    /// <summary>How many models <see cref="Run"/> builds for <paramref name="nodeCount"/> nodes (one per strategy).</summary>
    public static int ModelCount(int nodeCount) => Strategies(nodeCount).Length;

    private static Strategy[] Strategies(int nodeCount) => Environment.ProcessorCount >= 2 && nodeCount <= PortfolioMaxNodes
        ? [Strategy.GuidedLocalSearch, Strategy.IteratedLocalSearch]
        : [Strategy.GuidedLocalSearch];

    private static (List<List<int>>? Routes, long Objective, RoutingSearchStatus.Types.Value Status, bool RanToLimit) RunOne(Strategy strategy,
        int nodeCount, int vehicles, int[] starts, int[] ends, Action<RoutingIndexManager, RoutingModel> build, Stopwatch? clock, TimeSpan deadline,
        IReadOnlyList<List<int>>? initialRoutes, long solutionLimit, CancellationToken cancellationToken)
    {
        using var manager = new RoutingIndexManager(nodeCount, vehicles, starts, ends);
        using var routing = new RoutingModel(manager);
        build(manager, routing);
        var parameters = Parameters(strategy, TimeSpan.FromSeconds(1));
        Assignment? initial = null;
        if (initialRoutes is not null)
        {
            routing.CloseModelWithParameters(parameters);
            var indices = initialRoutes.Select(route => route.Select(node => manager.NodeToIndex(node)).ToArray()).ToArray();
            initial = routing.ReadAssignmentFromRoutes(indices, true);
        }
        var limit = clock is null ? deadline : deadline - clock.Elapsed;
        if (limit < MinimumSearchTime || cancellationToken.IsCancellationRequested) return (null, long.MaxValue, routing.GetStatus(), true);
        parameters.TimeLimit = Duration.FromTimeSpan(limit);
        if (solutionLimit > 0) parameters.SolutionLimit = solutionLimit;

        Assignment? solution;
        var searched = Stopwatch.StartNew();
        using (cancellationToken.Register(routing.CancelSearch))
        {
            solution = initial is not null ? routing.SolveFromAssignmentWithParameters(initial, parameters)
                : strategy == Strategy.IteratedLocalSearch ? routing.SolveWithIteratedLocalSearch(parameters)
                : routing.SolveWithParameters(parameters);
        }
        var ranToLimit = searched.Elapsed >= limit * 0.98;
        if (solution is null) return (null, long.MaxValue, routing.GetStatus(), ranToLimit);

        var routes = new List<List<int>>(vehicles);
        for (var vehicle = 0; vehicle < vehicles; vehicle++)
        {
            var route = new List<int>();
            for (var index = solution.Value(routing.NextVar(routing.Start(vehicle))); !routing.IsEnd(index); index = solution.Value(routing.NextVar(index)))
            {
                route.Add(manager.IndexToNode(index));
            }
            routes.Add(route);
        }
        return (routes, solution.ObjectiveValue(), routing.GetStatus(), ranToLimit);
    }

    private static RoutingSearchParameters Parameters(Strategy strategy, TimeSpan limit)
    {
        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        parameters.TimeLimit = Duration.FromTimeSpan(limit);
        parameters.UseMultiArmedBanditConcatenateOperators = true;
        if (strategy == Strategy.GuidedLocalSearch)
        {
            parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
            parameters.GuidedLocalSearchLambdaCoefficient = 0.3;
            return parameters;
        }

        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GreedyDescent;
        parameters.UseIteratedLocalSearch = true;
        var ils = parameters.IteratedLocalSearchParameters;
        ils.RuinRecreateParameters.RuinStrategies.Add(new RuinStrategy { RandomWalk = new RandomWalkRuinStrategy { NumRemovedVisits = 30 } });
        ils.ReferenceSolutionAcceptanceStrategy.SimulatedAnnealing.AutomaticTemperatures = true;
        return parameters;
    }
}
