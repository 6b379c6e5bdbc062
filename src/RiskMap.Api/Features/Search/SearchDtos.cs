using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Search;

/// <summary>The query of <c>GET /api/v1/search</c>.</summary>
/// <param name="Q">
/// What to look for (required, <see cref="Ranges.SearchTextLength"/>; leading and trailing spaces ignored): part of an
/// enterprise's name or address, a name spelt nearly the same (pg_trgm similarity), a whole unified social credit code,
/// or part of a township's name.
/// </param>
/// <param name="Limit">Most results to return, <see cref="Ranges.SearchLimit"/>; default 10.</param>
public sealed record SearchQuery(
    [Required, InRange(nameof(Ranges.SearchTextLength))] string? Q = null,
    [InRange(nameof(Ranges.SearchLimit))] int Limit = 10) : IValidatableObject
{
    /// <summary>A NUL character in the text, which no stored text holds and PostgreSQL refuses: <see cref="ProblemCodes.FormatTextNul"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Q is not null && Q.Contains('\0')) yield return new CodedValidationResult(ProblemCodes.FormatTextNul, [nameof(Q)]);
    }
}

/// <summary>The results of a search, best first.</summary>
/// <param name="Query">The text searched for, without outer spaces.</param>
/// <param name="Items">Results, best first: exact name or credit code, then names starting with the text, names holding it, addresses holding it, then similar names; the same rank by similarity, then name.</param>
public sealed record SearchAnswer(string Query, IReadOnlyList<SearchHit> Items);

/// <summary>One search result: an enterprise or a township the caller may read.</summary>
/// <param name="Kind">Enterprise or Township.</param>
/// <param name="Id">Enterprise id; null for a township.</param>
/// <param name="Code">Township code (9 digits) for a township; null for an enterprise.</param>
/// <param name="Name">Name.</param>
/// <param name="CreditCode">Unified social credit code of an enterprise; null for a township.</param>
/// <param name="Address">Address of an enterprise; null when unknown and for a township.</param>
/// <param name="Township">Township code: the enterprise's (null when in none) or the township's own.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="MatchedOn">What matched: ExactName, CreditCode, NamePrefix, Name, Address or SimilarName.</param>
/// <param name="Similarity">pg_trgm similarity of the name to the text, 0 … 1.</param>
/// <param name="Longitude">WGS-84 longitude, degrees: the enterprise's point or the township's label point.</param>
/// <param name="Latitude">WGS-84 latitude, degrees.</param>
public sealed record SearchHit(string Kind, long? Id, string? Code, string Name, string? CreditCode, string? Address, string? Township,
    string? TownshipName, string MatchedOn, double Similarity, double? Longitude, double? Latitude);
