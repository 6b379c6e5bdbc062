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

    /// <summary>
    /// Builds the model (<paramref name="build"/> adds costs, dimensions and disjunctions) once per strategy and
    /// searches for at most <paramref name="limit"/>. <see cref="Outcome.Routes"/> is null when no strategy found a
    /// solution (then <see cref="Outcome.Status"/> is <see cref="SolveStatus.Infeasible"/>).
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static Outcome Run(int nodeCount, int vehicles, int[] starts, int[] ends, Action<RoutingIndexManager, RoutingModel> build,
        TimeSpan limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Strategy[] strategies = Environment.ProcessorCount >= 2
            ? [Strategy.GuidedLocalSearch, Strategy.IteratedLocalSearch]
            : [Strategy.GuidedLocalSearch];
        var results = new (List<List<int>>? Routes, long Objective, RoutingSearchStatus.Types.Value Status)[strategies.Length];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, strategies.Length, new ParallelOptions { MaxDegreeOfParallelism = strategies.Length },
            k => results[k] = RunOne(strategies[k], nodeCount, vehicles, starts, ends, build, limit, cancellationToken));
        clock.Stop();
        cancellationToken.ThrowIfCancellationRequested();

        var best = results.Where(r => r.Routes is not null).OrderBy(r => r.Objective).FirstOrDefault();
        if (best.Routes is null) return new Outcome(null, SolveStatus.Infeasible, clock.Elapsed);
        var status = results.Any(r => r.Status == RoutingSearchStatus.Types.Value.RoutingOptimal) ? SolveStatus.Optimal
            : clock.Elapsed >= limit * 0.98 || best.Status == RoutingSearchStatus.Types.Value.RoutingPartialSuccessLocalOptimumNotReached
                ? SolveStatus.TimeLimitReached
                : SolveStatus.Feasible;
        return new Outcome(best.Routes, status, clock.Elapsed);
    }

    private static (List<List<int>>? Routes, long Objective, RoutingSearchStatus.Types.Value Status) RunOne(Strategy strategy,
        int nodeCount, int vehicles, int[] starts, int[] ends, Action<RoutingIndexManager, RoutingModel> build, TimeSpan limit,
        CancellationToken cancellationToken)
    {
        using var manager = new RoutingIndexManager(nodeCount, vehicles, starts, ends);
        using var routing = new RoutingModel(manager);
        build(manager, routing);
        var parameters = Parameters(strategy, limit);

        Assignment? solution;
        using (cancellationToken.Register(routing.CancelSearch))
        {
            solution = strategy == Strategy.IteratedLocalSearch
                ? routing.SolveWithIteratedLocalSearch(parameters)
                : routing.SolveWithParameters(parameters);
        }
        if (solution is null) return (null, long.MaxValue, routing.GetStatus());

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
        return (routes, solution.ObjectiveValue(), routing.GetStatus());
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
