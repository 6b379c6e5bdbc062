using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.LocationQuality;

/// <summary>
/// The stable codes of the location-quality and duplicate-review problems (texts in <c>Resources/Messages*.resx</c>, see
/// <see cref="ProblemCodes"/>).
/// </summary>
[ProblemCodeList]
public static class LocationQualityProblemCodes
{
    /// <summary>404: no enterprise has the id; args: id, field.</summary>
    [ProblemTitle]
    public const string EnterpriseUnknown = "quality.enterprise-unknown";

    // Field-level codes (message only).

    /// <summary>A merge or distinct decision names the same enterprise twice; args: id.</summary>
    public const string SameEnterprise = "quality.same-enterprise";
    /// <summary>Two enterprises of different districts (or one in none) cannot be merged; args: id, its district, the other's district.</summary>
    public const string AcrossDistricts = "quality.across-districts";
}
