using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Statistics;

/// <summary>The query of <c>GET /api/v1/statistics/series</c>.</summary>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district.</param>
/// <param name="From">First day of the period, yyyy-MM-dd (required).</param>
/// <param name="To">Last day of the period, yyyy-MM-dd (required, not before <c>from</c>); with <c>interval=month</c> less than
/// <see cref="MaxMonthlyYears"/> years after <c>from</c>.</param>
/// <param name="Interval">month (default), quarter or year: calendar intervals, the first and last clipped to the period.</param>
/// <param name="Township">Only this township (9-digit code): one the caller may read (403 otherwise) and of the district (400 otherwise).</param>
/// <param name="Sector">Only these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>.</param>
/// <param name="By">township or sector: one series per township of the area (the caller's) or per sector; default one series.</param>
public sealed record StatisticsSeriesQuery(
    [DigitCode(6)] string? District = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? From = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? To = null,
    [OneOf("month", "quarter", "year")] string? Interval = null,
    [DigitCode(9)] string? Township = null,
    SectorList? Sector = null,
    [OneOf("township", "sector")] string? By = null) : IValidatableObject
{
    /// <summary>
    /// The longest period a monthly series covers: 10 years (120 rows per series); a longer period asks for quarters or years.
    /// </summary>
    public const int MaxMonthlyYears = 10;

    /// <summary>The interval in lower case, month when absent (a method, so that validation does not read it).</summary>
    public string IntervalUnit() => string.IsNullOrWhiteSpace(Interval) ? "month" : Interval.Trim().ToLowerInvariant();

    /// <summary>The grouping in lower case, or null (a method, so that validation does not read it).</summary>
    public string? Grouping() => string.IsNullOrWhiteSpace(By) ? null : By.Trim().ToLowerInvariant();

    /// <summary>
    /// A reversed period (<see cref="ProblemCodes.PeriodReversed"/>, naming <c>to</c>) and a monthly series over more than
    /// <see cref="MaxMonthlyYears"/> years (<see cref="StatisticsProblemCodes.SeriesTooLong"/>, naming <c>interval</c>).
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is not { } from || To is not { } to) yield break;
        if (to < from)
            yield return new CodedValidationResult(ProblemCodes.PeriodReversed, [nameof(To)], "from", from, "to", to);
        else if (IntervalUnit() == "month" && to >= from.AddYears(MaxMonthlyYears))
            yield return new CodedValidationResult(StatisticsProblemCodes.SeriesTooLong, [nameof(Interval)], MaxMonthlyYears, from, to);
    }
}

/// <summary>The codes of the statistics endpoints' problems (texts in Resources/Messages*.resx).</summary>
[ProblemCodeList]
public static class StatisticsProblemCodes
{
    /// <summary>A monthly series over too long a period; args: maximum years, from, to.</summary>
    public const string SeriesTooLong = "statistics.series.too-long";
    /// <summary>No district has the code; args: code.</summary>
    public const string DistrictUnknown = "statistics.district.unknown";
    /// <summary>The district has no township of the code; args: code, district.</summary>
    public const string TownshipUnknown = "statistics.township.unknown";
    /// <summary>No district given and the database holds none or several; args: districts held.</summary>
    public const string DistrictAmbiguous = "statistics.district.ambiguous";
}

/// <summary>The campaign figures of one period (the counting rules of <see cref="StatisticsQueries.FiguresSql"/>).</summary>
/// <param name="InspectionGroups">Distinct inspection groups (检查组) with an inspection in the period.</param>
/// <param name="InspectorVisits">Inspector visits (检查人次).</param>
/// <param name="EnterprisesInspected">Distinct enterprises inspected.</param>
/// <param name="AboveScaleEnterprisesInspected">Of those, above the statistical size threshold (规模以上).</param>
/// <param name="GeneralHazards">General hazards found in the period, of them rectified by its end, rate.</param>
/// <param name="MajorHazards">Major hazards found in the period, of them rectified by its end, rate.</param>
/// <param name="EnforcementDocuments">Enforcement documents issued (执法文书).</param>
/// <param name="ReminderInterviews">Reminder interviews (提醒约谈).</param>
/// <param name="EnterprisesWithCases">Distinct enterprises with a case filed (立案查处).</param>
/// <param name="FinesYuan">Fines in yuan (罚款).</param>
/// <param name="OpenAtEnd">Hazards open (and overdue) at the end of the period's last day, found in any period.</param>
public sealed record PeriodFigures(int InspectionGroups, int InspectorVisits, int EnterprisesInspected, int AboveScaleEnterprisesInspected,
    HazardFigures GeneralHazards, HazardFigures MajorHazards, int EnforcementDocuments, int ReminderInterviews, int EnterprisesWithCases,
    decimal FinesYuan, Townships.HazardCounts OpenAtEnd);

/// <summary>How a figure of consecutive intervals relates to the figure of their whole period.</summary>
public enum FigureKind
{
    /// <summary>Counts or sums events: the intervals' figures add up to the whole period's.</summary>
    Additive,
    /// <summary>
    /// Counts distinct things (enterprises, groups) that may recur in several intervals: the whole period's figure lies
    /// between the largest interval's and the intervals' sum. Not additive.
    /// </summary>
    Distinct,
    /// <summary>
    /// Rectified: of the hazards found in the interval, those rectified by the interval's end. A hazard rectified after the
    /// interval it was found in counts for the whole period but for no interval, so the intervals' sum is at most the whole
    /// period's figure. Not additive.
    /// </summary>
    Cohort,
    /// <summary>A rate in percent: recomputed from its counts, never summed or averaged.</summary>
    Rate,
    /// <summary>The state at the end of the interval's last day: the last interval's equals the whole period's.</summary>
    State,
}

/// <summary>A figure of the series: its name in <see cref="StatisticsSeriesInterval.ChangeOnPrevious"/> and how it adds up.</summary>
/// <param name="Name">Its path in <see cref="PeriodFigures"/> as JSON spells it, e.g. <c>generalHazards.found</c>.</param>
/// <param name="Kind">Additive, Distinct, Cohort, Rate or State (<see cref="FigureKind"/>).</param>
public sealed record SeriesFigure(string Name, string Kind)
{
    /// <summary>Reads the figure from an interval's figures (null: a rate with nothing found).</summary>
    internal Func<PeriodFigures, decimal?> Value { get; init; } = _ => null;

    /// <summary>Every figure of <see cref="PeriodFigures"/>, in its order, with its kind: the one list the changes, the README and the tests use.</summary>
    public static IReadOnlyList<SeriesFigure> All { get; } =
    [
        Of("inspectionGroups", FigureKind.Distinct, f => f.InspectionGroups),
        Of("inspectorVisits", FigureKind.Additive, f => f.InspectorVisits),
        Of("enterprisesInspected", FigureKind.Distinct, f => f.EnterprisesInspected),
        Of("aboveScaleEnterprisesInspected", FigureKind.Distinct, f => f.AboveScaleEnterprisesInspected),
        Of("generalHazards.found", FigureKind.Additive, f => f.GeneralHazards.Found),
        Of("generalHazards.rectified", FigureKind.Cohort, f => f.GeneralHazards.Rectified),
        Of("generalHazards.rectificationRate", FigureKind.Rate, f => f.GeneralHazards.RectificationRate),
        Of("majorHazards.found", FigureKind.Additive, f => f.MajorHazards.Found),
        Of("majorHazards.rectified", FigureKind.Cohort, f => f.MajorHazards.Rectified),
        Of("majorHazards.rectificationRate", FigureKind.Rate, f => f.MajorHazards.RectificationRate),
        Of("enforcementDocuments", FigureKind.Additive, f => f.EnforcementDocuments),
        Of("reminderInterviews", FigureKind.Additive, f => f.ReminderInterviews),
        Of("enterprisesWithCases", FigureKind.Distinct, f => f.EnterprisesWithCases),
        Of("finesYuan", FigureKind.Additive, f => f.FinesYuan),
        Of("openAtEnd.openMajor", FigureKind.State, f => f.OpenAtEnd.OpenMajor),
        Of("openAtEnd.openGeneral", FigureKind.State, f => f.OpenAtEnd.OpenGeneral),
        Of("openAtEnd.overdue", FigureKind.State, f => f.OpenAtEnd.Overdue),
    ];

    private static SeriesFigure Of(string name, FigureKind kind, Func<PeriodFigures, decimal?> value) => new(name, kind.ToString()) { Value = value };
}

/// <summary>A figure of an interval against the same figure of an earlier interval.</summary>
/// <param name="Base">The earlier interval's value; null for a rate with nothing found then.</param>
/// <param name="Difference">This interval's value minus <paramref name="Base"/> (percentage points for rates); null when either is null.</param>
/// <param name="Percent">
/// <paramref name="Difference"/> / <paramref name="Base"/> × 100, rounded half away from zero to two decimals; null when the
/// base is 0 or null, and for rates (whose change is <paramref name="Difference"/>).
/// </param>
public sealed record FigureChange(decimal? Base, decimal? Difference, decimal? Percent)
{
    /// <summary>The change from <paramref name="earlier"/> to <paramref name="now"/>.</summary>
    public static FigureChange Between(decimal? earlier, decimal? now, bool isRate)
    {
        decimal? difference = earlier is { } e && now is { } n ? n - e : null;
        decimal? percent = isRate || difference is null || earlier is 0 or null
            ? null : Math.Round(100m * difference.Value / earlier.Value, 2, MidpointRounding.AwayFromZero);
        return new FigureChange(earlier, difference, percent);
    }
}

/// <summary>One interval of a series.</summary>
/// <param name="From">First day (inclusive; the period's first day for the first interval).</param>
/// <param name="To">Last day (inclusive; the period's last day for the last interval).</param>
/// <param name="Figures">The figures of the interval; <c>openAtEnd</c> is the state at the end of <paramref name="To"/>.</param>
/// <param name="ChangeOnPrevious">
/// 环比: each figure of <see cref="SeriesFigure.All"/> (by name) against the whole calendar interval before this one.
/// </param>
/// <param name="ChangeOnYearBefore">同比: each figure against the same days a year before.</param>
public sealed record StatisticsSeriesInterval(DateOnly From, DateOnly To, PeriodFigures Figures,
    IReadOnlyDictionary<string, FigureChange> ChangeOnPrevious, IReadOnlyDictionary<string, FigureChange> ChangeOnYearBefore);

/// <summary>The intervals of one area: the whole request, or one township or sector of it.</summary>
/// <param name="Township">Township code of a series per township (or the requested township); null otherwise.</param>
/// <param name="TownshipName">Its name, when the series is per township.</param>
/// <param name="Sector">Sector code of a series per sector; null otherwise.</param>
/// <param name="Intervals">The intervals in order.</param>
public sealed record StatisticsSeries(string? Township, string? TownshipName, string? Sector, IReadOnlyList<StatisticsSeriesInterval> Intervals);

/// <summary>The answer of <c>GET /api/v1/statistics/series</c>.</summary>
/// <param name="District">6-digit district code.</param>
/// <param name="Township">The requested township, or null.</param>
/// <param name="Sectors">The requested sectors, or null for all.</param>
/// <param name="From">First day of the period.</param>
/// <param name="To">Last day of the period.</param>
/// <param name="Interval">month, quarter or year.</param>
/// <param name="By">township, sector or null.</param>
/// <param name="Figures">Every figure with its kind: which ones add up over the intervals (<see cref="FigureKind"/>).</param>
/// <param name="Series">One series, or one per township or sector (ordered by code).</param>
public sealed record StatisticsSeriesResponse(string District, string? Township, IReadOnlyList<string>? Sectors, DateOnly From, DateOnly To,
    string Interval, string? By, IReadOnlyList<SeriesFigure> Figures, IReadOnlyList<StatisticsSeries> Series)
{
    /// <summary>
    /// The townships the figures cover when the caller's read scope limits them and no township was asked for; null when
    /// the figures cover the whole district.
    /// </summary>
    public IReadOnlyList<string>? Townships { get; init; }
}
