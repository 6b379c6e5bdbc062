using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Routing;

/// <summary>What the risk score of one candidate enterprise is computed from.</summary>
/// <param name="EnterpriseId">Enterprise id; the tie-break when scores are equal (ascending).</param>
/// <param name="SectorCode">Sector code (see <see cref="Sector"/>); null or unknown weighs 0.</param>
/// <param name="AboveScale">规模以上: above the statistical size threshold.</param>
/// <param name="OpenMajorHazards">Open (not rectified or closed) major hazards, overdue ones included; ≥ 0.</param>
/// <param name="OverdueMajorHazards">Of <paramref name="OpenMajorHazards"/>, those past their rectification deadline; 0 … OpenMajorHazards.</param>
/// <param name="SupervisedMajorHazards">Of <paramref name="OpenMajorHazards"/>, those under supervision (挂牌督办); 0 … OpenMajorHazards.</param>
/// <param name="OpenGeneralHazards">Open general hazards, overdue ones included; ≥ 0.</param>
/// <param name="OverdueGeneralHazards">Of <paramref name="OpenGeneralHazards"/>, those past their deadline; 0 … OpenGeneralHazards.</param>
/// <param name="LastInspectedOn">Day of the latest inspection; null when never inspected.</param>
public sealed record RiskCandidate(
    long EnterpriseId,
    string? SectorCode,
    bool AboveScale,
    int OpenMajorHazards,
    int OverdueMajorHazards,
    int SupervisedMajorHazards,
    int OpenGeneralHazards,
    int OverdueGeneralHazards,
    DateOnly? LastInspectedOn);

/// <summary>A candidate with its score.</summary>
/// <param name="Candidate">The input.</param>
/// <param name="Score">Its <see cref="RiskScore.Compute"/> value (points, higher = visit sooner).</param>
public sealed record ScoredCandidate(RiskCandidate Candidate, double Score);

/// <summary>
/// Ranks enterprises worth an inspection visit: open major hazards and overdue hazards first, then enterprises
/// not inspected for a long time and in high-risk sectors.
/// </summary>
/// <remarks>
/// The project's own weighting (no national standard prescribes one), in points:
/// <code>
/// score = 1000·overdueMajor + 400·openMajor + 200·supervisedMajor
///       +   50·overdueGeneral + 10·openGeneral
///       +   20·min(daysSinceLastInspection, 365)/365      (never inspected counts as 365 days)
///       + sectorWeight                                    (Sector.RiskWeight: 10 high-risk, 5 other campaign-named, 2 other; 0 unknown)
///       +    5·aboveScale
/// </code>
/// Overdue hazards are also open, so an overdue major hazard adds 1400 and an overdue general one 60. The
/// weights are spaced so that any open major hazard (≥ 400) outranks everything but hazard counts: recency, sector
/// and size together add at most 35 and only order enterprises with similar hazards. The sector weights are defined
/// with the sectors (<see cref="Sector.RiskWeight"/>), which the page also reads from the map configuration. Ties are
/// broken by ascending enterprise id so the ranking is stable.
/// </remarks>
public static class RiskScore
{
    /// <summary>Days after which an enterprise counts as not inspected for the full recency weight.</summary>
    public const int RecencyCapDays = 365;

    /// <summary>Score of <paramref name="candidate"/> on day <paramref name="asOf"/>, in points (see the remarks for the formula).</summary>
    /// <param name="candidate">Counts and facts of one enterprise.</param>
    /// <param name="asOf">Day the ranking is for; an inspection after it counts as 0 days ago.</param>
    /// <exception cref="ArgumentException">When a count is negative or a subset count exceeds its open count; the parameter name is the field's.</exception>
    public static double Compute(RiskCandidate candidate, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        Check(candidate.OpenMajorHazards >= 0, nameof(RiskCandidate.OpenMajorHazards), "must be ≥ 0");
        Check(candidate.OpenGeneralHazards >= 0, nameof(RiskCandidate.OpenGeneralHazards), "must be ≥ 0");
        Check(candidate.OverdueMajorHazards >= 0 && candidate.OverdueMajorHazards <= candidate.OpenMajorHazards,
            nameof(RiskCandidate.OverdueMajorHazards), "must be 0 … OpenMajorHazards");
        Check(candidate.SupervisedMajorHazards >= 0 && candidate.SupervisedMajorHazards <= candidate.OpenMajorHazards,
            nameof(RiskCandidate.SupervisedMajorHazards), "must be 0 … OpenMajorHazards");
        Check(candidate.OverdueGeneralHazards >= 0 && candidate.OverdueGeneralHazards <= candidate.OpenGeneralHazards,
            nameof(RiskCandidate.OverdueGeneralHazards), "must be 0 … OpenGeneralHazards");

        var days = candidate.LastInspectedOn is { } last ? Math.Clamp(asOf.DayNumber - last.DayNumber, 0, RecencyCapDays) : RecencyCapDays;
        return 1000.0 * candidate.OverdueMajorHazards
            + 400.0 * candidate.OpenMajorHazards
            + 200.0 * candidate.SupervisedMajorHazards
            + 50.0 * candidate.OverdueGeneralHazards
            + 10.0 * candidate.OpenGeneralHazards
            + 20.0 * days / RecencyCapDays
            + SectorWeight(candidate.SectorCode)
            + (candidate.AboveScale ? 5.0 : 0.0);
    }

    /// <summary>Sector weight in points: the sector's <see cref="Sector.RiskWeight"/>, 0 for null or unknown codes.</summary>
    public static double SectorWeight(string? sectorCode) => Sector.Find(sectorCode)?.RiskWeight ?? 0;

    /// <summary>Orders by score descending, then enterprise id ascending.</summary>
    public static IComparer<ScoredCandidate> Order { get; } = Comparer<ScoredCandidate>.Create((x, y) =>
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : x.Candidate.EnterpriseId.CompareTo(y.Candidate.EnterpriseId);
    });

    /// <summary>Scores every candidate and returns them in <see cref="Order"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="Compute"/>.</exception>
    public static IReadOnlyList<ScoredCandidate> Rank(IEnumerable<RiskCandidate> candidates, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var scored = candidates.Select(c => new ScoredCandidate(c, Compute(c, asOf))).ToList();
        scored.Sort(Order);
        return scored;
    }

    private static void Check(bool ok, string field, string rule)
    {
        if (!ok) throw new ArgumentException($"{field} {rule}.", field);
    }
}
