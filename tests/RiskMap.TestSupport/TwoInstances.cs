using Xunit;

namespace RiskMap.TestSupport;

/// <summary>
/// Two instances of the service on ONE database, as behind a load balancer: <see cref="A"/> and <see cref="B"/> are two
/// separate hosts (their own services, caches, background workers and data-protection key ring objects, and their own
/// folders for upload copies), so that whatever one keeps in its process the other cannot see — only what lives in
/// PostgreSQL is shared. <see cref="A"/> owns the database (a copy of the demo or empty template) and drops it; <see cref="B"/>
/// joins it. Use as a class fixture; derive to change settings (<see cref="SettingsOf"/>) or the template (<see cref="SeedDemo"/>).
/// </summary>
public class TwoInstances : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("riskmap-instances-").FullName;

    /// <summary>Creates the two hosts (started by <see cref="InitializeAsync"/>).</summary>
    public TwoInstances()
    {
        A = new FirstInstance(this);
        B = new JoiningInstance(this, (FirstInstance)A);
    }

    /// <summary>True (default) for the demo district, false for the empty migrated schema.</summary>
    protected virtual bool SeedDemo => true;

    /// <summary>Settings of instance <paramref name="name"/> (<c>a</c> or <c>b</c>) beyond its own upload folder.</summary>
    protected virtual IEnumerable<(string Key, string Value)> SettingsOf(string name) => [];

    /// <summary>The first instance: it created the database.</summary>
    public RiskMapApp A { get; }

    /// <summary>The second instance, on <see cref="A"/>'s database.</summary>
    public RiskMapApp B { get; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)A).InitializeAsync();
        await ((IAsyncLifetime)B).InitializeAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private IEnumerable<(string Key, string Value)> Of(string name)
        => SettingsOf(name).Prepend(("RiskMap:Import:UploadDirectory", Path.Combine(_root, name, "uploads")));

    private sealed class FirstInstance(TwoInstances pair) : RiskMapApp
    {
        protected override bool SeedDemo => pair.SeedDemo;

        protected override IEnumerable<(string Key, string Value)> Settings => pair.Of("a");
    }

    private sealed class JoiningInstance(TwoInstances pair, FirstInstance first) : RiskMapApp
    {
        protected override bool SeedDemo => pair.SeedDemo;

        protected override IEnumerable<(string Key, string Value)> Settings => pair.Of("b");

        protected override Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
            => Task.FromResult((first.DatabaseName, first.ConnectionString));

        // The first instance drops the database once both have stopped.
        protected override Task DropDatabaseAsync() => Task.CompletedTask;
    }
}
