using System.ComponentModel.DataAnnotations;

namespace RiskMap.Api.Contract;

/// <summary>
/// A text that must be one of <see cref="Allowed"/>, compared case-insensitively after trimming (for names such as an
/// encoding, <c>utf-8</c>, that an enum cannot spell, and for route values checked together with a body); fails with
/// <see cref="ProblemCodes.FormatOneOf"/> (args: value, allowed values). Null and empty pass (use
/// <see cref="RequiredAttribute"/> for required ones).
/// </summary>
/// <param name="allowed">The allowed values as the documentation spells them.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(params string[] allowed) : ValidationAttribute, ICodedValidationAttribute
{
    /// <summary>The allowed values.</summary>
    public IReadOnlyList<string> Allowed { get; } = allowed;

    /// <inheritdoc />
    public override bool IsValid(object? value)
        => value is not string text || text.Length == 0 || Allowed.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public string Code => ProblemCodes.FormatOneOf;

    /// <inheritdoc />
    public object?[] Arguments(object? value) => [value, Allowed];
}
