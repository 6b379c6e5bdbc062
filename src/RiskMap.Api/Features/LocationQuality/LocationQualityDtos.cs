using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.LocationQuality;

/// <summary>Which enterprises a location-quality filter keeps (the enterprise list, the admin list).</summary>
public enum LocationQualityFilter
{
    /// <summary>Flag <see cref="LocationQualityFlag.SharedPoint"/> set.</summary>
    SharedPoint,
    /// <summary>Flag <see cref="LocationQualityFlag.NearLabelPoint"/> set.</summary>
    NearLabelPoint,
    /// <summary>Flag <see cref="LocationQualityFlag.CoarseCoordinates"/> set.</summary>
    CoarseCoordinates,
    /// <summary>Flag <see cref="LocationQualityFlag.AddressNamesOtherTownship"/> set.</summary>
    AddressNamesOtherTownship,
    /// <summary>Any flag set: a questionable location.</summary>
    Any,
    /// <summary>No flag set.</summary>
    None,
}

/// <summary>The query of <c>GET /api/v1/enterprises/location-quality</c>.</summary>
/// <param name="Flag">Only enterprises with this flag (SharedPoint, NearLabelPoint, CoarseCoordinates, AddressNamesOtherTownship) or Any (default: any flag); None lists the unflagged ones.</param>
/// <param name="Township">Only this township (9-digit code); it must exist (404).</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Enterprises per page, 1–5000; default 100.</param>
public sealed record LocationQualityQuery(
    LocationQualityFilter? Flag = null,
    [DigitCode(9)] string? Township = null,
    [InRange(nameof(Ranges.Page))] int Page = 1,
    [InRange(nameof(Ranges.EnterprisePageSize))] int PageSize = 100);

/// <summary>The location quality of the stored enterprises: counts per flag and a page of the enterprises the filter keeps.</summary>
/// <param name="Enterprises">Enterprises stored (in the township when one was named).</param>
/// <param name="Questionable">Of them, with at least one flag.</param>
/// <param name="Counts">Enterprises per flag, every flag listed (an enterprise with two flags counts in both).</param>
/// <param name="Items">The page, ordered by number of flags (most first), then name and id.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Page size.</param>
/// <param name="Total">Enterprises the filter keeps, on all pages.</param>
public sealed record LocationQualityReport(int Enterprises, int Questionable, IReadOnlyList<LocationQualityCount> Counts,
    IReadOnlyList<QuestionableLocation> Items, int Page, int PageSize, int Total);

/// <summary>How many enterprises carry one flag.</summary>
/// <param name="Flag">Flag name (<see cref="LocationQualityFlag"/>).</param>
/// <param name="Enterprises">Enterprises with the flag.</param>
public sealed record LocationQualityCount(string Flag, int Enterprises);

/// <summary>An enterprise and the flags of its point.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Name">Name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Address">Address as stored.</param>
/// <param name="Township">Township code the point falls in; null when in none.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Longitude">WGS-84 longitude, degrees.</param>
/// <param name="Latitude">WGS-84 latitude, degrees.</param>
/// <param name="LocationQuality">Flag names (<see cref="LocationQualityFlag"/>), lowest bit first.</param>
public sealed record QuestionableLocation(long Id, string Name, string CreditCode, string? Address, string? Township, string? TownshipName,
    double Longitude, double Latitude, IReadOnlyList<string> LocationQuality);

/// <summary>The query of <c>GET /api/v1/enterprises/duplicates</c>.</summary>
/// <param name="MinSimilarity">
/// Least pg_trgm similarity (0.1–1) of two names for a pair within 200 m to be proposed; default 0.45. Chinese names share
/// their legal form (有限公司), so unrelated names of one industry score about 0.35–0.4.
/// </param>
/// <param name="District">Only this district (6-digit code); it must exist (404).</param>
/// <param name="Limit">Most pairs returned, 1–1000; default 100.</param>
public sealed record DuplicateCandidateQuery(
    [InRange(nameof(Ranges.NameSimilarity))] double MinSimilarity = DuplicateCandidates.DefaultMinSimilarity,
    [DigitCode(6)] string? District = null,
    [InRange(nameof(Ranges.DuplicatePairs))] int Limit = 100);

/// <summary>Pairs of enterprises that may be one enterprise recorded twice, most similar first.</summary>
/// <param name="MinSimilarity">The similarity threshold used.</param>
/// <param name="DistanceMetres">How near two points must be for similar (not equal) names to make a pair, metres.</param>
/// <param name="Total">Pairs found before <paramref name="Limit"/>.</param>
/// <param name="Limit">Most pairs returned.</param>
/// <param name="Items">The pairs.</param>
public sealed record DuplicateCandidateList(double MinSimilarity, double DistanceMetres, int Total, int Limit, IReadOnlyList<DuplicateCandidate> Items);

/// <summary>Two enterprise records that may be the same enterprise.</summary>
/// <param name="First">The record with the lower id.</param>
/// <param name="Second">The record with the higher id.</param>
/// <param name="Reason">SameName (the same name, at any distance within the district) or SimilarName (similar names within 200 m).</param>
/// <param name="Similarity">pg_trgm similarity of the names, 0–1.</param>
/// <param name="DistanceMetres">Distance between the points, metres (geography).</param>
public sealed record DuplicateCandidate(DuplicateEnterprise First, DuplicateEnterprise Second, string Reason, double Similarity, double DistanceMetres);

/// <summary>One record of a duplicate pair, with what a merge would move.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Name">Name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Address">Address.</param>
/// <param name="Township">Township code.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Inspections">Inspections recorded for it.</param>
/// <param name="Hazards">Hazards recorded for it.</param>
/// <param name="EnforcementActions">Enforcement actions recorded for it.</param>
public sealed record DuplicateEnterprise(long Id, string Name, string CreditCode, string Sector, string? Address, string? Township,
    string? TownshipName, int Inspections, int Hazards, int EnforcementActions);

/// <summary>
/// Merge two records of one enterprise (<c>POST /api/v1/enterprises/merges</c>): every record of <see cref="MergedId"/>
/// moves to <see cref="SurvivorId"/>, which keeps its own name, credit code and point; the merged record is deleted.
/// </summary>
/// <param name="SurvivorId">The record that stays; required.</param>
/// <param name="MergedId">The record merged into it and deleted; required, not <paramref name="SurvivorId"/>.</param>
public sealed record MergeEnterprisesRequest([property: Required] long? SurvivorId, [property: Required] long? MergedId) : IValidatableObject
{
    /// <summary><c>mergedId</c> equal to <c>survivorId</c>: <see cref="LocationQualityProblemCodes.SameEnterprise"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SurvivorId is { } s && s == MergedId) yield return new CodedValidationResult(LocationQualityProblemCodes.SameEnterprise, [nameof(MergedId)], s);
    }
}

/// <summary>What a merge did.</summary>
/// <param name="SurvivorId">The record that stays.</param>
/// <param name="MergedId">The record merged and deleted.</param>
/// <param name="Moved">Rows moved per table and column referring to enterprises, in table order (0 when there were none).</param>
public sealed record EnterpriseMergeOutcome(long SurvivorId, long MergedId, IReadOnlyList<MovedEnterpriseRecords> Moved);

/// <summary>Rows of one table moved to the survivor.</summary>
/// <param name="Table">Table name, e.g. hazards.</param>
/// <param name="Column">Column referring to the enterprise, e.g. enterprise_id.</param>
/// <param name="Rows">Rows moved.</param>
public sealed record MovedEnterpriseRecords(string Table, string Column, long Rows);

/// <summary>
/// Two records that are different enterprises (<c>POST /api/v1/enterprises/distinct-pairs</c>): the pair is never
/// proposed as a duplicate again.
/// </summary>
/// <param name="FirstId">One record; required.</param>
/// <param name="SecondId">The other; required, not <paramref name="FirstId"/>.</param>
public sealed record DistinctEnterprisesRequest([property: Required] long? FirstId, [property: Required] long? SecondId) : IValidatableObject
{
    /// <summary><c>secondId</c> equal to <c>firstId</c>: <see cref="LocationQualityProblemCodes.SameEnterprise"/>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstId is { } f && f == SecondId) yield return new CodedValidationResult(LocationQualityProblemCodes.SameEnterprise, [nameof(SecondId)], f);
    }
}

/// <summary>A recorded decision that two records are different enterprises.</summary>
/// <param name="FirstId">The lower id.</param>
/// <param name="SecondId">The higher id.</param>
/// <param name="DecidedAt">When it was first decided.</param>
/// <param name="DecidedBy">User name of who decided.</param>
public sealed record DistinctEnterprisePair(long FirstId, long SecondId, DateTimeOffset DecidedAt, string DecidedBy);
