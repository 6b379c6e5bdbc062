namespace RiskMap.UnitTests.Routing;

/// <summary>
/// Test classes that run OR-Tools searches: they set the process-wide <c>RoutingSearch.SolutionLimit</c>, and their
/// time-limited plans (2000 stops) use both cores, so xUnit runs them one after another (one collection).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SolverCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "OR-Tools solver";
}
