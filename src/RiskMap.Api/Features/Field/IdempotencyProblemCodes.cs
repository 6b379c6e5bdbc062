using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Field;

/// <summary>
/// The stable codes of the problems of <see cref="IdempotentWrites"/> (texts in <c>Resources/Messages*.resx</c>, see
/// <see cref="ProblemCodes"/>).
/// </summary>
[ProblemCodeList]
public static class IdempotencyProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>
    /// 422: the caller already used the Idempotency-Key for another request (another endpoint, path or body), whose first
    /// answer is kept; args: the key.
    /// </summary>
    [ProblemTitle]
    public const string KeyReused = "idempotency.key-reused";

    // Field-level codes (message only).

    /// <summary>The Idempotency-Key header is given twice, empty, longer than the limit or holds other than visible ASCII; args: the limit in characters.</summary>
    public const string KeyInvalid = "idempotency.key-invalid";
}
