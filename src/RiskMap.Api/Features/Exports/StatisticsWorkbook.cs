using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Statistics;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Exports;

/// <summary>The query of <c>GET /api/v1/exports/statistics</c>: the parameters of <c>GET /api/v1/statistics</c>.</summary>
/// <param name="District">6-digit district code; may be omitted when the database holds exactly one district (404 when unknown).</param>
/// <param name="From">First day of the period, yyyy-MM-dd (required).</param>
/// <param name="To">Last day of the period, yyyy-MM-dd (required, not before from).</param>
/// <param name="Township">Only this township (9-digit code); it must be one the caller may read (403 otherwise) and exist (404).</param>
/// <param name="Sector">Only this sector (one sector code); default all.</param>
public sealed record StatisticsExportQuery(
    [DigitCode(6)] string? District = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? From = null,
    [Required, InRange(nameof(Ranges.Day))] DateOnly? To = null,
    [DigitCode(9)] string? Township = null,
    SectorList? Sector = null) : IValidatableObject
{
    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to && to < from)
            yield return new CodedValidationResult(ProblemCodes.PeriodReversed, [nameof(To)], "from", from, "to", to);
        if (Sector is { Codes.Count: > 1 })
            yield return new CodedValidationResult(StatisticsExportProblemCodes.OneSector, [nameof(Sector)], Sector.ToString());
    }
}

/// <summary>The codes of the statistics export's own problems.</summary>
[ProblemCodeList]
public static class StatisticsExportProblemCodes
{
    /// <summary>The figures are for one sector or all; args: the value.</summary>
    public const string OneSector = "export.statistics.one-sector";
}

/// <summary>
/// The headline figures (专项整治工作成效) of a period as an XLSX workbook: the answer of <c>GET /api/v1/statistics</c>
/// (<see cref="StatisticsQueries.GetAsync"/>, the one home of the counting rules) written as one row per figure, with
/// its label in the request's language (<c>export.statistics.*</c> resources) and its value as a number.
/// </summary>
public static class StatisticsWorkbook
{
    private static readonly string[] Figures =
    [
        "district", "township", "sector", "from", "to", "inspection-groups", "inspector-visits", "enterprises-inspected",
        "above-scale-enterprises-inspected", "general-found", "general-rectified", "general-rate", "major-found", "major-rectified",
        "major-rate", "enforcement-documents", "reminder-interviews", "enterprises-with-cases", "fines-yuan", "open-major-at-end",
        "open-general-at-end", "overdue-at-end",
    ];

    private static readonly string[] Columns = ["figure", "value"];

    /// <summary>Every resource key the workbook reads (the message resources hold these; a unit test checks both languages).</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [.. Figures.Select(RowKey), .. Columns.Select(HeaderKey), "export.statistics.sheet", "export.statistics.whole-district", "export.statistics.all-sectors"];

    /// <summary>The statistics of <paramref name="query"/> within the caller's scope as a workbook: 403 for a township outside it, 404 for an unknown district or township.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export([AsParameters] StatisticsExportQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, Accounts.ReadScope scope, IStringLocalizer<Messages> localizer,
        CancellationToken cancellationToken)
    {
        if (query.Township is { } township && !scope.Covers(township)) return Problems.OutsideScope("township", township);
        var (district, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        if (query.Township is { } named && await Areas.TownshipExistsAsync(db, named, district, cancellationToken) is { } missing) return missing;
        var s = await StatisticsQueries.GetAsync(dataSource, district!, query.Township, query.Sector?.Codes[0], query.From!.Value, query.To!.Value,
            scope.AsArray(), cancellationToken);
        var area = s.Township ?? (scope.IsEverything ? (string)localizer["export.statistics.whole-district"] : string.Join(",", scope.AsArray()!));
        object?[] values =
        [
            s.District, area, s.Sector is null ? localizer["export.statistics.all-sectors"].Value : ExportTexts.SectorLabel(s.Sector),
            s.From.ToDateTime(TimeOnly.MinValue), s.To.ToDateTime(TimeOnly.MinValue), s.InspectionGroups, s.InspectorVisits,
            s.EnterprisesInspected, s.AboveScaleEnterprisesInspected, s.GeneralHazards.Found, s.GeneralHazards.Rectified,
            s.GeneralHazards.RectificationRate, s.MajorHazards.Found, s.MajorHazards.Rectified, s.MajorHazards.RectificationRate,
            s.EnforcementDocuments, s.ReminderInterviews, s.EnterprisesWithCases, s.FinesYuan, s.OpenAtEnd.OpenMajor,
            s.OpenAtEnd.OpenGeneral, s.OpenAtEnd.Overdue,
        ];
        var headers = Columns.Select(c => (string)localizer[HeaderKey(c)]).ToArray();
        var rows = Figures.Select((figure, i) => XlsxFiles.Row(headers, [(string)localizer[RowKey(figure)], values[i]])).ToList();
        return XlsxFiles.Write($"statistics_{s.District}_{s.From:yyyy-MM-dd}_{s.To:yyyy-MM-dd}.xlsx", [(localizer["export.statistics.sheet"], rows)]);
    }

    private static string RowKey(string figure) => $"export.statistics.row.{figure}";

    private static string HeaderKey(string column) => $"export.statistics.header.{column}";
}
