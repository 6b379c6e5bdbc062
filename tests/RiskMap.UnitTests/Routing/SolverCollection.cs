namespace RiskMap.UnitTests.Routing;

/// <summary>Test classes that run OR-Tools searches against wall-clock limits; xUnit runs the classes of one collection one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SolverCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "OR-Tools solver";
}
