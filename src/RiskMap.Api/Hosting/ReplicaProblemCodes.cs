using RiskMap.Api.Contract;

namespace RiskMap.Api.Hosting;

/// <summary>
/// The stable codes of the problems of a replicated database (texts in <c>Resources/Messages*.resx</c>, see
/// <see cref="ProblemCodes"/>).
/// </summary>
[ProblemCodeList]
public static class ReplicaProblemCodes
{
    /// <summary>
    /// 503 with <c>Retry-After</c>: standbys are configured and a request that needs the primary (a write, or a read that
    /// must see writes) found none; reads from the standbys still answer. args: seconds to wait.
    /// </summary>
    [ProblemTitle]
    public const string PrimaryUnavailable = "replica.primary-unavailable";
}
