using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Field;

/// <summary>The stable codes of the problems of the phone page's endpoints (texts in <c>Resources/Messages*.resx</c>).</summary>
[ProblemCodeList]
public static class FieldProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>404: the plan has no such team; args: the team, the plan's teams.</summary>
    [ProblemTitle]
    public const string TeamUnknown = "field.team-unknown";

    // Field-level codes (message only).

    /// <summary>No account that records inspections has this user name; args: the name.</summary>
    public const string InspectorUnknown = "field.inspector-unknown";
    /// <summary>Some stops of the team lie outside the townships the assignee may read; args: the name, how many stops.</summary>
    public const string InspectorScope = "field.inspector-scope";
}
