namespace RiskMap.Api.Data;

/// <summary>
/// The current definitions of the database's own functions, one <c>Data/Sql/&lt;name&gt;.sql</c> file each (embedded in
/// the assembly), applied by the migrations. A function is changed by editing its file and adding a migration that
/// applies it again.
/// </summary>
public static class DatabaseScripts
{
    private const string Prefix = "RiskMap.Api.Sql.";

    /// <summary>
    /// The hazard rules of a day, in the order they depend on each other: open, status, deadline in force, overdue
    /// (C# twin: <see cref="Features.Hazards.HazardLifecycle"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> HazardDayRules =
    [
        "riskmap_hazard_open_until", "riskmap_hazard_open_on", "riskmap_hazard_status_on",
        "riskmap_hazard_extended_deadline_on", "riskmap_hazard_deadline_on", "riskmap_hazard_overdue_on",
    ];

    /// <summary>Names of every script (file names without <c>.sql</c>), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(DatabaseScripts).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".sql".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The text of <c>Data/Sql/<paramref name="name"/>.sql</c>.</summary>
    /// <exception cref="ArgumentException">No script has this name.</exception>
    public static string Read(string name)
    {
        using var stream = typeof(DatabaseScripts).Assembly.GetManifestResourceStream(Prefix + name + ".sql")
            ?? throw new ArgumentException($"No database script Data/Sql/{name}.sql is embedded.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
