namespace RiskMap.Api.Hosting;

/// <summary>
/// The service's <c>--demo</c> flag: load the demo district into the database when it holds no district
/// (<see cref="DatabaseOptions.SeedDemoData"/>). Written alone on the command line, which .NET's configuration cannot read
/// as a key without a value, so it is turned into <c>--RiskMap:Database:SeedDemoData=true</c> before the host reads the
/// arguments.
/// </summary>
public static class DemoSwitch
{
    /// <summary>The flag as typed.</summary>
    public const string Flag = "--demo";

    /// <summary><paramref name="args"/> with every <c>--demo</c> replaced by the setting it stands for; other arguments unchanged.</summary>
    public static string[] Apply(string[] args)
        => [.. args.Select(a => a == Flag ? "--RiskMap:Database:SeedDemoData=true" : a)];
}
