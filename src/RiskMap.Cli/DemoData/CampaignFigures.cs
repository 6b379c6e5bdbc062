using RiskMap.Api.Domain;
using RiskMap.Api.Features.Hazards;

namespace RiskMap.Cli.DemoData;

/// <summary>
/// The campaign's headline figures for one period, counted the way ../shared/DOMAIN.md and the statistics
/// endpoint count them (see <c>StatisticsQueries.GetAsync</c>).
/// </summary>
internal sealed record CampaignFigures(
    int InspectionGroups,
    int InspectorVisits,
    int EnterprisesInspected,
    int GeneralHazards,
    int GeneralRectified,
    int MajorHazards,
    int MajorRectified,
    int EnforcementDocuments,
    int ReminderInterviews,
    int EnterprisesWithCases,
    decimal FinesYuan)
{
    /// <summary>The district's published figures for 2020-01-01 .. 2020-09-30 (DOMAIN.md, "Figures the demo data must reproduce").</summary>
    public static CampaignFigures Published { get; } = new(343, 1437, 1599, 1178, 1107, 5, 4, 2000, 47, 67, 212_210m);

    /// <summary>
    /// Counts the figures over [<paramref name="from"/>, <paramref name="to"/>]: distinct groups, summed visits and
    /// distinct enterprises of the inspections dated in it; hazards found in it, and of those the ones with
    /// rectified_on or closed_on on or before <paramref name="to"/>; Document and Interview actions; distinct
    /// enterprises with a Case; the sum of Fine amounts (yuan).
    /// </summary>
    public static CampaignFigures Compute(CampaignRecords records, DateOnly from, DateOnly to)
    {
        bool In(DateOnly d) => d >= from && d <= to;
        bool FixedBy(DemoHazard h) => HazardLifecycle.OpenUntil(h.RectifiedOn, h.ClosedOn) <= to;
        var inspections = records.Inspections.Where(i => In(i.Date)).ToList();
        var found = records.Hazards.Where(h => In(h.FoundOn)).ToList();
        var actions = records.Actions.Where(a => In(a.Date)).ToList();
        return new CampaignFigures(
            InspectionGroups: inspections.Select(i => i.Trip.Group).Distinct(StringComparer.Ordinal).Count(),
            InspectorVisits: inspections.Sum(i => i.InspectorVisits),
            EnterprisesInspected: inspections.Select(i => i.Enterprise).Distinct().Count(),
            GeneralHazards: found.Count(h => h.Level == HazardLevel.General),
            GeneralRectified: found.Count(h => h.Level == HazardLevel.General && FixedBy(h)),
            MajorHazards: found.Count(h => h.Level == HazardLevel.Major),
            MajorRectified: found.Count(h => h.Level == HazardLevel.Major && FixedBy(h)),
            EnforcementDocuments: actions.Count(a => a.Kind == EnforcementKind.Document),
            ReminderInterviews: actions.Count(a => a.Kind == EnforcementKind.Interview),
            EnterprisesWithCases: actions.Where(a => a.Kind == EnforcementKind.Case).Select(a => a.Enterprise).Distinct().Count(),
            FinesYuan: actions.Where(a => a.Kind == EnforcementKind.Fine).Sum(a => a.AmountYuan ?? 0));
    }
}
