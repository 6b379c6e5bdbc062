namespace RiskMap.Api.Hosting;

/// <summary>
/// Finds the folders the service reads beside its code: the checkout root (the folder holding
/// <c>RiskMap.sln</c>), <c>wwwroot/</c>, <c>data/</c> and the git-ignored <c>.riskmap/</c> state folder.
/// </summary>
public static class RiskMapPaths
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>
    /// The checkout root: the nearest ancestor of the working directory or of the application's base
    /// directory that holds <c>RiskMap.sln</c>; null when running outside a checkout (e.g. published).
    /// </summary>
    public static string? RepositoryRoot => Root.Value;

    /// <summary>The web root: <c>&lt;checkout&gt;/wwwroot</c>, else <c>wwwroot</c> beside the binaries.</summary>
    public static string WebRoot => RepositoryRoot is { } root
        ? Path.Combine(root, "wwwroot")
        : Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The demo data folder: <c>&lt;checkout&gt;/data</c>, else <c>data</c> beside the binaries.</summary>
    public static string DemoData => RepositoryRoot is { } root
        ? Path.Combine(root, "data")
        : Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The git-ignored state folder: <c>&lt;checkout&gt;/.riskmap</c>, else <c>.riskmap</c> in the working directory.</summary>
    public static string State => Path.Combine(RepositoryRoot ?? Directory.GetCurrentDirectory(), ".riskmap");

    private static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RiskMap.sln"))) return dir.FullName;
            }
        }
        return null;
    }
}
