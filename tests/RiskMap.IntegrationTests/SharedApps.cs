using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Test classes that only read the demo district share one service and database: each service costs about a second of
/// processor time to start. A class that writes anything (rows, accounts, tokens, the data version) keeps its own
/// <see cref="DemoApp"/> as a class fixture, so that no test depends on another class's data.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyDemoCollection : ICollectionFixture<DemoApp>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "read-only demo district";
}

/// <summary>
/// Test classes that only read the empty migrated schema (its tables, the OpenAPI document, the static files) share one
/// service and database; a class that writes keeps its own <see cref="EmptyApp"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyEmptyCollection : ICollectionFixture<EmptyApp>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "read-only empty schema";
}
