using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Statistics;

namespace RiskMap.Api.Features.Reports;

/// <summary>The query of <c>GET /api/v1/reports/campaign</c>.</summary>
/// <param name="From">First day of the period, yyyy-MM-dd (required, China Standard Time, inclusive).</param>
/// <param name="To">Last day of the period, yyyy-MM-dd (required, inclusive, not before <c>from</c>).</param>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district (404 when unknown).</param>
/// <param name="Township">Only this township (9-digit code); it must be one the caller may read (403 otherwise) and lie in the district (404).</param>
/// <param name="Format">docx (default, Word), pdf or html.</param>
public sealed record CampaignReportQuery(
    [Required, InRange(nameof(Ranges.Day))] DateOnly? From = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? To = null,
    [DigitCode(6)] string? District = null,
    [DigitCode(9)] string? Township = null,
    [OneOf(CampaignReportQuery.Docx, CampaignReportQuery.Pdf, CampaignReportQuery.Html)] string Format = CampaignReportQuery.Docx)
    : IValidatableObject
{
    /// <summary>The Word format.</summary>
    public const string Docx = "docx";
    /// <summary>The PDF format.</summary>
    public const string Pdf = "pdf";
    /// <summary>The HTML format.</summary>
    public const string Html = "html";

    /// <summary>A period that ends before it starts: <see cref="ProblemCodes.PeriodReversed"/> on <c>to</c>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        => Periods.Check(From, To);
}

/// <summary>The body of <c>POST /api/v1/reports/campaign/publications</c>: the bulletin to publish.</summary>
/// <param name="From">First day of the period, yyyy-MM-dd (required, inclusive).</param>
/// <param name="To">Last day of the period, yyyy-MM-dd (required, inclusive, not before <c>from</c>).</param>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district.</param>
/// <param name="Township">Only this township (9-digit code), or null for the district.</param>
public sealed record PublicationRequest(
    [Required, InRange(nameof(Ranges.Day))] DateOnly? From = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? To = null,
    [DigitCode(6)] string? District = null,
    [DigitCode(9)] string? Township = null) : IValidatableObject
{
    /// <summary>A period that ends before it starts: <see cref="ProblemCodes.PeriodReversed"/> on <c>to</c>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        => Periods.Check(From, To);
}

/// <summary>The cross-field rule of a period, shared by the bulletin's query and the publication body.</summary>
internal static class Periods
{
    /// <summary><see cref="ProblemCodes.PeriodReversed"/> on <c>to</c> when both days are given and <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public static IEnumerable<ValidationResult> Check(DateOnly? from, DateOnly? to)
    {
        if (from is { } f && to is { } t && t < f)
            yield return new CodedValidationResult(ProblemCodes.PeriodReversed, ["To"], "from", f, "to", t);
    }
}

/// <summary>The route of <c>GET /api/v1/reports/campaign/publications/{id}</c>.</summary>
/// <param name="Id">The publication's id.</param>
public sealed record PublicationRoute(long Id);

/// <summary>
/// The figures of a campaign bulletin: the headline figures of its area and period, the same figures per township and
/// per sector. Every figure is the statistics endpoint's (<see cref="StatisticsQueries.GetAsync"/>), with its counting rules.
/// </summary>
/// <param name="Headline">The figures of the whole area (the headline paragraph).</param>
/// <param name="Townships">One row per township of the area, by code.</param>
/// <param name="Sectors">One row per sector, in the order of <see cref="Domain.Sector.All"/>.</param>
public sealed record BulletinFigures(StatisticsResponse Headline, IReadOnlyList<AreaFigures> Townships, IReadOnlyList<AreaFigures> Sectors);

/// <summary>The figures of one township or one sector in a bulletin.</summary>
/// <param name="Code">9-digit township code or sector code.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Figures">The statistics endpoint's figures for it.</param>
public sealed record AreaFigures(string Code, string Name, StatisticsResponse Figures);

/// <summary>
/// The fingerprint of the records a bulletin's figures came from: SHA-256 (hex) over the sorted list of
/// <c>kind:id:version</c> of every contributing row (enterprises, inspections, hazards, enforcement actions), computed in SQL.
/// </summary>
/// <param name="Sha256">64 lowercase hex digits.</param>
/// <param name="Enterprises">Contributing enterprises.</param>
/// <param name="Inspections">Contributing inspections.</param>
/// <param name="Hazards">Contributing hazards (found in the period, or open at its end).</param>
/// <param name="EnforcementActions">Contributing enforcement actions.</param>
public sealed record RecordFingerprint(string Sha256, int Enterprises, int Inspections, int Hazards, int EnforcementActions);

/// <summary>A stored, immutable publication of a bulletin.</summary>
/// <param name="Id">Its id.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="PublishedBy">User name of the publisher.</param>
/// <param name="District">District code.</param>
/// <param name="Township">Township code, or null for the district.</param>
/// <param name="From">First day of the period.</param>
/// <param name="To">Last day of the period.</param>
/// <param name="Fingerprint">The fingerprint of the records at publication.</param>
/// <param name="Figures">The figures as published.</param>
public sealed record Publication(long Id, DateTimeOffset PublishedAt, string PublishedBy, string District, string? Township,
    DateOnly From, DateOnly To, RecordFingerprint Fingerprint, BulletinFigures Figures);

/// <summary>A publication and how today's records differ from those it was computed from.</summary>
/// <param name="Publication">The publication as stored.</param>
/// <param name="CurrentFingerprint">The fingerprint of today's records for the same parameters.</param>
/// <param name="Unchanged">True when the fingerprints are equal (no contributing record changed, appeared or went).</param>
/// <param name="ChangedRecords">Records changed since publication, by kind and id; empty when unchanged.</param>
/// <param name="ChangedFigures">Published figures whose value today differs; empty when none does.</param>
public sealed record PublicationComparison(Publication Publication, RecordFingerprint CurrentFingerprint, bool Unchanged,
    IReadOnlyList<RecordChange> ChangedRecords, IReadOnlyList<PublishedFigureChange> ChangedFigures);

/// <summary>A contributing record that changed since a publication.</summary>
/// <param name="Kind">enterprise, inspection, hazard or enforcement.</param>
/// <param name="Id">Row id.</param>
/// <param name="Reference">The record's reference (e.g. HZ-2020-000001) or, for an enterprise, its credit code; null when the row is gone.</param>
/// <param name="Change">changed (same row, new version), added (contributes now, did not then) or removed (contributed then, not now).</param>
public sealed record RecordChange(string Kind, long Id, string? Reference, string Change);

/// <summary>A published figure and its value computed from today's records.</summary>
/// <param name="Figure">Path of the figure in <see cref="BulletinFigures"/>, e.g. <c>headline.generalHazards.rectified</c> or <c>townships[431103001].finesYuan</c>.</param>
/// <param name="Published">The published value (null when absent, e.g. a rate with nothing found).</param>
/// <param name="Today">Today's value.</param>
public sealed record PublishedFigureChange(string Figure, decimal? Published, decimal? Today);
