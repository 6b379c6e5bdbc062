using System.Globalization;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Contract;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Exports;

/// <summary>The query of <c>GET /api/v1/exports/townships</c>.</summary>
/// <param name="Format">geojson (default: a FeatureCollection of MultiPolygons) or csv (the boundary as WKT).</param>
/// <param name="Crs">Coordinates in wgs84 (default, RFC 7946) or gcj02 (Amap, Tencent; a GeoJSON file is then application/json).</param>
/// <param name="District">Only the townships of this district (6-digit code); default all within the caller's townships.</param>
public sealed record TownshipExportQuery([OneOf(ExportsApi.GeoJson, ExportsApi.Csv)] string Format = ExportsApi.GeoJson,
    [OneOf(ExportsApi.Wgs84, ExportsApi.Gcj02)] string Crs = ExportsApi.Wgs84, [DigitCode(6)] string? District = null);

/// <summary>The query of <c>GET /api/v1/exports/enterprises</c>.</summary>
/// <param name="Format">geojson (default: points) or csv (the columns of the enterprise import, so that it reads back).</param>
/// <param name="Crs">Coordinates in wgs84 (default) or gcj02 (Amap, Tencent).</param>
/// <param name="Township">Only this township (9-digit code); it must be one the caller may read (403 otherwise).</param>
/// <param name="Sector">Only these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>.</param>
public sealed record EnterpriseExportQuery([OneOf(ExportsApi.GeoJson, ExportsApi.Csv)] string Format = ExportsApi.GeoJson,
    [OneOf(ExportsApi.Wgs84, ExportsApi.Gcj02)] string Crs = ExportsApi.Wgs84, [DigitCode(9)] string? Township = null,
    SectorList? Sector = null);

/// <summary>The query of <c>GET /api/v1/exports/hazards</c>.</summary>
/// <param name="Format">csv (default, UTF-8 with a byte-order mark for Excel) or xlsx.</param>
/// <param name="Township">Only the hazards of enterprises in this township (9-digit code); it must be one the caller may read (403 otherwise).</param>
/// <param name="Sector">Only hazards of these sectors: comma-separated sector codes, e.g. <c>gas,fireworks</c>.</param>
public sealed record HazardExportQuery([OneOf(ExportsApi.Csv, ExportsApi.Xlsx)] string Format = ExportsApi.Csv,
    [DigitCode(9)] string? Township = null, SectorList? Sector = null);

/// <summary>
/// The words of the exported files in the request's language, from the message resources (<c>IStringLocalizer&lt;Messages&gt;</c>):
/// column headers (<c>export.{export}.header.{column}</c>), the hazards' sheet name and the labels of levels, statuses,
/// township kinds and yes/no (<c>label.*</c>). The Chinese texts are the headers and labels the imports read
/// (<see cref="Import.ImportColumns"/>, <see cref="ChineseLabels"/>); the English ones are the canonical column names and
/// values of data/README.md, which the imports read too. So an export reads back through the import in either language
/// (a unit test checks the resources against the imports' vocabulary).
/// </summary>
/// <param name="localizer">Texts in the current UI culture (the request's).</param>
public sealed class ExportTexts(IStringLocalizer localizer)
{
    /// <summary>The columns of the townships' CSV, canonical names in file order (the boundary last, as WKT).</summary>
    public static readonly string[] TownshipColumns = ["code", "name", "kind", "district_code", "illustrative", "area_km2", "boundary_wkt"];

    /// <summary>The columns of the enterprises' CSV: those of the enterprise import, then the township found for the point.</summary>
    public static readonly string[] EnterpriseColumns = [.. Import.EnterpriseRecord.Columns, "opening_hours", "township_code", "township_name"];

    /// <summary>The columns of the hazards' CSV and XLSX, canonical names in file order.</summary>
    public static readonly string[] HazardColumns =
    [
        "reference", "inspection_reference", "credit_code", "enterprise_name", "township_name", "sector", "level", "description",
        "found_on", "deadline", "rectified_on", "closed_on", "status", "responsible_person", "supervised",
        "source", "criterion_clause", "plan_measures", "plan_funds_yuan", "plan_owner", "plan_interim_measures", "plan_completion_on",
        "supervision_level", "supervising_unit", "supervision_listed_on", "supervision_delisted_on", "close_document_number",
    ];

    private const string HazardsSheetKey = "export.hazards.sheet";

    /// <summary>
    /// Every resource key these texts read: the headers of <see cref="TownshipColumns"/>, <see cref="EnterpriseColumns"/> and
    /// <see cref="HazardColumns"/>, the sheet name, and the label of every <see cref="HazardLevel"/>, <see cref="HazardStatus"/>,
    /// <see cref="HazardSource"/>, <see cref="Domain.SupervisionLevel"/>,
    /// <see cref="Domain.TownshipKind"/> and yes/no, and those of the headline-figures and responsibility workbooks
    /// (<see cref="StatisticsWorkbook.Keys"/>, <see cref="Responsibility.ResponsibilityWorkbook.Keys"/>). The message resources hold these besides the problem codes (a unit test
    /// checks both languages have exactly those).
    /// </summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        .. TownshipColumns.Select(c => HeaderKey("townships", c)),
        .. EnterpriseColumns.Select(c => HeaderKey("enterprises", c)),
        .. HazardColumns.Select(c => HeaderKey("hazards", c)),
        HazardsSheetKey,
        .. StatisticsWorkbook.Keys,
        .. Responsibility.ResponsibilityWorkbook.Keys,
        .. Enum.GetNames<HazardLevel>().Select(LevelKey),
        .. Enum.GetNames<HazardStatus>().Select(StatusKey),
        .. Enum.GetNames<HazardSource>().Select(SourceKey),
        .. Enum.GetNames<Domain.SupervisionLevel>().Select(SupervisionLevelKey),
        .. Enum.GetNames<Domain.TownshipKind>().Select(TownshipKindKey),
        BooleanKey(true), BooleanKey(false),
    ];

    /// <summary>The header of <paramref name="column"/> (canonical name, e.g. <c>found_on</c>) in the <paramref name="export"/> file (townships, enterprises, hazards).</summary>
    public string Header(string export, string column) => localizer[HeaderKey(export, column)];

    /// <summary>The headers of <paramref name="columns"/>.</summary>
    public string[] Headers(string export, IEnumerable<string> columns) => columns.Select(c => Header(export, c)).ToArray();

    /// <summary>The name of the hazards' XLSX worksheet: 隐患 or hazards.</summary>
    public string HazardsSheet => localizer[HazardsSheetKey];

    /// <summary>A hazard level (General, Major): 一般/重大 or the name.</summary>
    public string Level(string level) => localizer[LevelKey(level)];

    /// <summary>A hazard status (Open, Rectifying, Rectified, Closed): 未整改… or the name.</summary>
    public string Status(string status) => localizer[StatusKey(status)];

    /// <summary>A hazard source (DepartmentInspection, EnterpriseSelfReport, PublicTip, Other): 部门检查… or the name.</summary>
    public string Source(string source) => localizer[SourceKey(source)];

    /// <summary>A supervision level (County, City, Province): 县级/市级/省级 or the name; empty for none.</summary>
    public string SupervisionLevel(string? level) => level is null ? "" : localizer[SupervisionLevelKey(level)];

    /// <summary>A township kind (Subdistrict, Town, Township): 街道/镇/乡 or the name.</summary>
    public string TownshipKind(string kind) => localizer[TownshipKindKey(kind)];

    /// <summary>A yes/no value: 是/否 or true/false.</summary>
    public string Boolean(bool value) => localizer[BooleanKey(value)];

    /// <summary>
    /// A sector: its Chinese name (<see cref="Domain.Sector.NameZh"/>, the vocabulary's one home) in Chinese, its code in
    /// English (the imports read both).
    /// </summary>
    public static string SectorLabel(string code)
        => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? code : Domain.Sector.Find(code)?.NameZh ?? code;

    private static string HeaderKey(string export, string column) => $"export.{export}.header.{column.Replace('_', '-')}";

    private static string LevelKey(string level) => $"label.hazard-level.{level.ToLowerInvariant()}";

    private static string StatusKey(string status) => $"label.hazard-status.{status.ToLowerInvariant()}";

    private static string SourceKey(string source) => $"label.hazard-source.{source.ToLowerInvariant()}";

    private static string SupervisionLevelKey(string level) => $"label.supervision-level.{level.ToLowerInvariant()}";

    private static string TownshipKindKey(string kind) => $"label.township-kind.{kind.ToLowerInvariant()}";

    private static string BooleanKey(bool value) => value ? "label.boolean.true" : "label.boolean.false";
}
