using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Enterprises;

/// <summary>The stable codes of the problems of reading one enterprise (texts in <c>Resources/Messages*.resx</c>, see <see cref="ProblemCodes"/>).</summary>
[ProblemCodeList]
public static class EnterpriseProblemCodes
{
    /// <summary>
    /// 404: no enterprise has the id, or the caller may not read it (both answer the same, so that ids of other townships'
    /// enterprises cannot be probed); args: id, parameter.
    /// </summary>
    [ProblemTitle]
    public const string EnterpriseUnknown = "enterprise.unknown";
}
