using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Statistics;

/// <summary>The query of <c>GET /api/v1/statistics</c>; <c>to</c> may not be before <c>from</c>.</summary>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district.</param>
/// <param name="From">First day of the period, yyyy-MM-dd, inclusive (required).</param>
/// <param name="To">Last day of the period, yyyy-MM-dd, inclusive (required, not before from).</param>
/// <param name="Township">Only this 9-digit township of the district; it must be one the caller may read (403 otherwise).</param>
/// <param name="Sector">Only enterprises of this sector (one sector code); all when absent.</param>
public sealed record StatisticsQuery(
    [DigitCode(6)] string? District = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? From = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? To = null,
    [DigitCode(9)] string? Township = null,
    SectorCode? Sector = null) : IValidatableObject
{
    /// <summary>The period's end before its start: <see cref="ProblemCodes.PeriodReversed"/> on <c>to</c>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From > To) yield return new CodedValidationResult(ProblemCodes.PeriodReversed, [nameof(To)], "from", From, "to", To);
    }
}

/// <summary>
/// Campaign figures for an area and a period, computed from raw records (see
/// <see cref="StatisticsQueries.GetAsync"/> for the counting rules).
/// </summary>
/// <param name="District">6-digit district code.</param>
/// <param name="Township">9-digit township code when the figures are for one township, else null.</param>
/// <param name="Sector">Sector code when filtered, else null.</param>
/// <param name="From">First day of the period (inclusive).</param>
/// <param name="To">Last day of the period (inclusive).</param>
/// <param name="InspectionGroups">Distinct inspection groups (检查组) with an inspection in the period.</param>
/// <param name="InspectorVisits">Inspector visits (检查人次): sum over the period's inspections.</param>
/// <param name="EnterprisesInspected">Distinct enterprises with an inspection in the period.</param>
/// <param name="AboveScaleEnterprisesInspected">Of those, enterprises above the statistical size threshold (规模以上).</param>
/// <param name="GeneralHazards">General hazards: found, rectified, rate.</param>
/// <param name="MajorHazards">Major hazards: found, rectified, rate.</param>
/// <param name="EnforcementDocuments">Enforcement documents issued (执法文书).</param>
/// <param name="ReminderInterviews">Reminder interviews (提醒约谈).</param>
/// <param name="EnterprisesWithCases">Distinct enterprises with a case filed (立案查处).</param>
/// <param name="FinesYuan">Sum of fines in yuan (罚款).</param>
/// <param name="OpenAtEnd">
/// Hazards open at the end of the period's last day (<paramref name="To"/>) and, of them, overdue on it — the figures the
/// map shows as of that day, found in any period. The page compares two of these a month apart.
/// </param>
public sealed record StatisticsResponse(
    string District,
    string? Township,
    string? Sector,
    DateOnly From,
    DateOnly To,
    int InspectionGroups,
    int InspectorVisits,
    int EnterprisesInspected,
    int AboveScaleEnterprisesInspected,
    HazardFigures GeneralHazards,
    HazardFigures MajorHazards,
    int EnforcementDocuments,
    int ReminderInterviews,
    int EnterprisesWithCases,
    decimal FinesYuan,
    Townships.HazardCounts OpenAtEnd)
{
    /// <summary>
    /// The townships the figures cover when the caller's read scope limits them (a township chief's or an inspector's
    /// townships) and no township was asked for; null when the figures cover the whole district.
    /// </summary>
    public IReadOnlyList<string>? Townships { get; init; }

    /// <summary>
    /// The hazards found in the period (both levels) split by source and by supervision, the way the national
    /// major-hazard database reports them; the four sources add up to general + major found and rectified.
    /// </summary>
    public HazardSplitFigures? HazardSplit { get; init; }
}

/// <summary>
/// Hazards found in a period (General and Major together) and rectified, by source (来源) and under supervision (挂牌督办).
/// The four sources partition the hazards found; <paramref name="Supervised"/> is a subset of them.
/// </summary>
/// <param name="DepartmentInspection">Found by departments' inspections (部门检查).</param>
/// <param name="EnterpriseSelfReport">Self-reported by enterprises (企业自查自报).</param>
/// <param name="PublicTip">From public tips (举报, e.g. 12350).</param>
/// <param name="Other">Other sources.</param>
/// <param name="Supervised">Under supervision (挂牌督办).</param>
public sealed record HazardSplitFigures(HazardFigures DepartmentInspection, HazardFigures EnterpriseSelfReport, HazardFigures PublicTip,
    HazardFigures Other, HazardFigures Supervised);

/// <summary>Hazards of one level found in a period and how many of them were rectified.</summary>
/// <param name="Found">Hazards found in the period.</param>
/// <param name="Rectified">Of those, rectified or closed on or before the period's last day.</param>
/// <param name="RectificationRate">整改率 = Rectified / Found × 100, in percent rounded half away from zero to two decimals; null when nothing was found.</param>
public sealed record HazardFigures(int Found, int Rectified, decimal? RectificationRate)
{
    /// <summary>Builds the figures and computes the rate from the two counts.</summary>
    public static HazardFigures From(int found, int rectified)
        => new(found, rectified, found == 0 ? null : Math.Round(100m * rectified / found, 2, MidpointRounding.AwayFromZero));
}
