namespace RiskMap.Api.Domain;

/// <summary>
/// A work-safety sector (行业领域): the one definition of the vocabulary, served to the page by
/// <c>GET /api/v1/map-config</c>. <see cref="Code"/> is what the API, the database and the data files use.
/// </summary>
/// <param name="Code">Stable lower-case code, e.g. <c>hazardous_chemicals</c>.</param>
/// <param name="NameZh">Chinese label, e.g. 危险化学品.</param>
/// <param name="NameEn">English label.</param>
/// <param name="CampaignNamed">True for the seven sectors the 2020 special rectification campaign names.</param>
/// <param name="RiskWeight">
/// Points the sector adds to an enterprise's inspection priority (<see cref="Features.Routing.RiskScore"/>): 10 for the
/// high-risk sectors (高危行业: fireworks, hazardous chemicals, non-coal mines, gas), 5 for the other campaign-named
/// ones, 2 for the rest. The project's own weighting; no national standard prescribes one.
/// </param>
/// <param name="Department">The department that typically supervises the sector.</param>
public sealed record Sector(string Code, string NameZh, string NameEn, bool CampaignNamed, int RiskWeight, SupervisingDepartment Department)
{
    /// <summary>Every sector the service knows, in display order (docs/domain.md, "Enterprises and sectors").</summary>
    public static IReadOnlyList<Sector> All { get; } =
    [
        new("gas", "燃气", "Gas", true, 10, SupervisingDepartment.UrbanManagement),
        new("fireworks", "烟花爆竹", "Fireworks", true, 10, SupervisingDepartment.Emergency),
        new("hazardous_chemicals", "危险化学品", "Hazardous chemicals", true, 10, SupervisingDepartment.Emergency),
        new("non_coal_mines", "非煤矿山", "Non-coal mines", true, 10, SupervisingDepartment.Emergency),
        new("road_traffic", "道路交通", "Road traffic", true, 5, SupervisingDepartment.Transport),
        new("construction", "建筑施工", "Construction", true, 5, SupervisingDepartment.Housing),
        new("fire_safety", "消防", "Fire safety", true, 5, SupervisingDepartment.FireRescue),
        new("industry_trade", "工贸", "Industry and trade", false, 2, SupervisingDepartment.Emergency),
        new("special_equipment", "特种设备", "Special equipment", false, 2, SupervisingDepartment.MarketRegulation),
    ];

    private static readonly Dictionary<string, Sector> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    /// <summary>Finds a sector by its code (exact, case-sensitive); null when unknown.</summary>
    public static Sector? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var s) ? s : null;

    /// <summary>True when <paramref name="code"/> is a known sector code.</summary>
    public static bool IsKnown(string? code) => Find(code) is not null;
}
