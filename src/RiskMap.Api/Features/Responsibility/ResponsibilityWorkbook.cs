using Microsoft.Extensions.Localization;
using RiskMap.Api.Features.Exports;

namespace RiskMap.Api.Features.Responsibility;

/// <summary>
/// The sheets of the responsibility workbook in the request's language: leaders with each covered township (one row per
/// leader and township), departments with their sectors and totals, and enterprises with their department. Headers and
/// sheet names come from the message resources (<c>export.responsibility.*</c>); sectors are written as
/// <see cref="ExportTexts.SectorLabel"/> writes them.
/// </summary>
/// <param name="localizer">Texts in the request's language.</param>
public sealed class ResponsibilityWorkbook(IStringLocalizer localizer)
{
    private static readonly string[] LeaderColumns =
        ["leader", "leader-title", "township-code", "township-name", "chiefs", "enterprises", "open-major", "overdue-major", "last-inspection"];

    private static readonly string[] DepartmentColumns =
        ["department-code", "department", "sectors", "enterprises", "open-major", "overdue-major", "last-inspection"];

    private static readonly string[] EnterpriseColumns =
    [
        "department", "enterprise", "credit-code", "sector", "township-code", "township-name", "responsible-person",
        "open-major", "overdue-major", "last-inspection",
    ];

    private static readonly string[] SheetNames = ["leaders", "departments", "enterprises"];

    /// <summary>Every resource key the workbook reads (the message resources hold these; a unit test checks both languages).</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        .. LeaderColumns.Concat(DepartmentColumns).Concat(EnterpriseColumns).Distinct().Select(HeaderKey),
        .. SheetNames.Select(SheetKey),
    ];

    /// <summary>The three sheets of <paramref name="view"/>.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<IDictionary<string, object?>> Rows)> Sheets(ResponsibilityView view)
    {
        var leaderHeaders = Headers(LeaderColumns);
        var departmentHeaders = Headers(DepartmentColumns);
        var enterpriseHeaders = Headers(EnterpriseColumns);
        return
        [
            (localizer[SheetKey("leaders")], [.. view.Leaders.SelectMany(l => l.Townships.Select(t => XlsxFiles.Row(leaderHeaders,
                [l.Name, l.Title, t.Code, t.Name, string.Join("、", t.Chiefs), .. Figures(t.Figures)])))]),
            (localizer[SheetKey("departments")], [.. view.Departments.Select(d => XlsxFiles.Row(departmentHeaders,
                [d.Code, d.Name, string.Join("、", d.Sectors.Select(ExportTexts.SectorLabel)), .. Figures(d.Figures)]))]),
            (localizer[SheetKey("enterprises")], [.. view.Departments.SelectMany(d => d.Enterprises.Select(e => XlsxFiles.Row(enterpriseHeaders,
                [d.Name, e.Name, e.CreditCode, ExportTexts.SectorLabel(e.Sector), e.Township, e.TownshipName, e.ResponsiblePerson,
                    .. Figures(e.Figures).Skip(1)])))]),
        ];
    }

    // Enterprises, open major, overdue major, last inspection (as a date cell).
    private static object?[] Figures(ResponsibilityFigures f)
        => [f.Enterprises, f.OpenMajor, f.OverdueMajor, f.LastInspection?.ToDateTime(TimeOnly.MinValue)];

    private string[] Headers(IEnumerable<string> columns) => [.. columns.Select(c => (string)localizer[HeaderKey(c)])];

    private static string HeaderKey(string column) => $"export.responsibility.header.{column}";

    private static string SheetKey(string sheet) => $"export.responsibility.sheet.{sheet}";
}
