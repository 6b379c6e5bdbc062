namespace RiskMap.Api.Domain;

/// <summary>
/// A work-safety sector (行业领域). <see cref="Code"/> is what the API, the database and the data files use.
/// </summary>
/// <param name="Code">Stable lower-case code, e.g. <c>hazardous_chemicals</c>.</param>
/// <param name="NameZh">Chinese label, e.g. 危险化学品.</param>
/// <param name="NameEn">English label.</param>
/// <param name="CampaignNamed">True for the seven sectors the 2020 special rectification campaign names.</param>
public sealed record Sector(string Code, string NameZh, string NameEn, bool CampaignNamed)
{
    /// <summary>Every sector the service knows, in display order (../shared/DOMAIN.md, "Enterprises and sectors").</summary>
    public static IReadOnlyList<Sector> All { get; } =
    [
        new("gas", "燃气", "Gas", true),
        new("fireworks", "烟花爆竹", "Fireworks", true),
        new("hazardous_chemicals", "危险化学品", "Hazardous chemicals", true),
        new("non_coal_mines", "非煤矿山", "Non-coal mines", true),
        new("road_traffic", "道路交通", "Road traffic", true),
        new("construction", "建筑施工", "Construction", true),
        new("fire_safety", "消防", "Fire safety", true),
        new("industry_trade", "工贸", "Industry and trade", false),
        new("special_equipment", "特种设备", "Special equipment", false),
    ];

    private static readonly Dictionary<string, Sector> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    /// <summary>Finds a sector by its code (exact, case-sensitive); null when unknown.</summary>
    public static Sector? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var s) ? s : null;

    /// <summary>True when <paramref name="code"/> is a known sector code.</summary>
    public static bool IsKnown(string? code) => Find(code) is not null;
}
