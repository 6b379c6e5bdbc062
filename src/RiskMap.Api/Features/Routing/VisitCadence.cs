using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Routing;

/// <summary>Which enterprises a <see cref="CadenceRule"/> speaks of.</summary>
public enum CadenceRiskClass
{
    /// <summary>Enterprises with an open major hazard (重大事故隐患) on the day.</summary>
    OpenMajorHazard,

    /// <summary>Above-scale enterprises (规模以上).</summary>
    AboveScale,

    /// <summary>Every enterprise.</summary>
    Any,
}

/// <summary>
/// One visiting-cadence rule (检查频次): enterprises of <paramref name="RiskClass"/> in <paramref name="Sector"/> (every sector when
/// null) are to be inspected at least every <paramref name="IntervalDays"/> days.
/// </summary>
/// <param name="RiskClass">Which enterprises the rule speaks of.</param>
/// <param name="Sector">A sector code (<see cref="Sector.All"/>), or null for every sector.</param>
/// <param name="IntervalDays">Longest time between two inspections, days (<see cref="Ranges.CadenceDays"/>).</param>
public sealed record CadenceRule(CadenceRiskClass RiskClass, string? Sector, int IntervalDays);

/// <summary>
/// The visiting cadence of a district: each enterprise's interval is the shortest of the rules that apply to it, and it is due
/// on the day its last inspection plus that interval reaches (an enterprise never inspected is due at once; one no rule applies
/// to is never due).
/// </summary>
/// <param name="Rules">The district's rules.</param>
public sealed record VisitCadence(IReadOnlyList<CadenceRule> Rules)
{
    /// <summary>Days of the default monthly interval: 30.</summary>
    public const int Monthly = 30;

    /// <summary>Days of the default quarterly interval: 91.</summary>
    public const int Quarterly = 91;

    /// <summary>Days of the default yearly interval: 365.</summary>
    public const int Yearly = 365;

    /// <summary>
    /// The defaults when a district has set none, the graded supervision (分级分类监管) the campaign asks of county departments in
    /// its simplest form: enterprises with an open major hazard monthly, above-scale enterprises of the high-risk sectors (燃气,
    /// 烟花爆竹, 危险化学品, 非煤矿山: <see cref="Sector.RiskWeight"/> 10) quarterly, every other enterprise yearly. The intervals are the
    /// project's choice; a district sets its own.
    /// </summary>
    public static VisitCadence Default { get; } = new(
    [
        new(CadenceRiskClass.OpenMajorHazard, null, Monthly),
        .. Sector.All.Where(s => s.RiskWeight >= 10).Select(s => new CadenceRule(CadenceRiskClass.AboveScale, s.Code, Quarterly)),
        new(CadenceRiskClass.Any, null, Yearly),
    ]);

    /// <summary>The interval in days for an enterprise with these facts; null when no rule applies.</summary>
    /// <param name="sector">Its sector code.</param>
    /// <param name="aboveScale">Whether it is above scale.</param>
    /// <param name="openMajorHazards">Open major hazards on the day.</param>
    public int? IntervalDays(string? sector, bool aboveScale, int openMajorHazards) => Rules
        .Where(r => (r.Sector is null || r.Sector == sector) && r.RiskClass switch
        {
            CadenceRiskClass.OpenMajorHazard => openMajorHazards > 0,
            CadenceRiskClass.AboveScale => aboveScale,
            _ => true,
        })
        .Select(r => (int?)r.IntervalDays)
        .Min();

    /// <summary>The day an enterprise falls due: its last inspection plus <paramref name="intervalDays"/>; null (due at once) when never inspected.</summary>
    public static DateOnly? DueOn(DateOnly? lastInspectedOn, int intervalDays) => lastInspectedOn?.AddDays(intervalDays);
}
