using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// The stable codes of the route planner's refusals (texts in <c>Resources/Messages*.resx</c>, see
/// <see cref="ProblemCodes"/>). Each comes with <c>Retry-After</c>; its first argument is the seconds to wait.
/// </summary>
[ProblemCodeList]
public static class RoutingProblemCodes
{
    /// <summary>503: no solver became free within the request's own time limit; args: seconds to wait, the time limit in seconds.</summary>
    [ProblemTitle]
    public const string PlannerBusy = "plan.planner-busy";
    /// <summary>429: the user already has as many plans being worked out as allowed; args: seconds to wait, that number.</summary>
    [ProblemTitle]
    public const string PlanRunning = "plan-running";
    /// <summary>429: the user started as many plans in the last minute as allowed; args: seconds to wait, that number.</summary>
    [ProblemTitle]
    public const string PlansPerMinute = "plans-per-minute";
}
