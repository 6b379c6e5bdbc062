using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Xml;
using NetTopologySuite.IO;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// One team's route as a file: GPX 1.1 for navigation devices and GIS, CSV for Excel, and an A4 visit sheet to print.
/// Every export takes the stored plan in WGS-84 (GPX requires it) and writes text from data only through an encoder
/// (XmlWriter, CsvHelper, <see cref="HtmlEncoder"/>).
/// </summary>
public static class RouteExports
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// GPX 1.1 (http://www.topografix.com/GPX/1/1): metadata named after the team and day; one waypoint per visit named
    /// "01 name" in visit order (description = address, type = 必查 for mandatory visits); one route (<c>rte</c>) from
    /// the start through the visits to the end point when given. Straight segments: GPX readers draw a route as such.
    /// </summary>
    /// <returns>UTF-8 XML without a byte-order mark.</returns>
    public static byte[] Gpx(PlannedRoutes plan, PlannedTeam team)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"巡查路线 第{team.Team}组 {plan.AsOf:yyyy-MM-dd}");
        var file = new GpxFile
        {
            Metadata = new GpxMetadata("RiskMap").WithName(title)
                .WithDescription(string.Create(CultureInfo.InvariantCulture, $"{DistanceWords(plan.DistanceKind)}；共 {team.Visits.Count} 家企业，{team.TotalDistanceMetres / 1000:0.0} 公里"))
                .WithCreationTimeUtc(plan.CreatedAt.UtcDateTime),
        };
        var start = Waypoint(plan.Start).WithName("出发点");
        List<GpxWaypoint> routePoints = [start];
        foreach (var visit in team.Visits)
        {
            var point = Waypoint(new PlannedPoint(visit.Longitude, visit.Latitude))
                .WithName($"{visit.Sequence:00} {visit.Name}")
                .WithDescription(visit.Address)
                .WithClassification(visit.Mandatory ? "必查" : "选查");
            file.Waypoints.Add(point);
            routePoints.Add(point);
        }
        if (plan.End is { } end && team.Visits.Count > 0) routePoints.Add(Waypoint(end).WithName("终点"));
        file.Routes.Add(new GpxRoute().WithName($"第{team.Team}组").WithNumber((uint)team.Team).WithWaypoints(routePoints));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            file.WriteTo(writer, new GpxWriterSettings());
        }
        return stream.ToArray();
    }

    /// <summary>The column headers of <see cref="Csv"/>, in order.</summary>
    public static readonly string[] CsvHeaders =
    [
        "序号", "企业名称", "统一社会信用代码", "行业", "地址", "乡镇/街道", "经度", "纬度", "必查", "未整改重大隐患", "未整改一般隐患", "超期隐患",
        "风险分", "本段距离(米)", "累计距离(米)", "预计到达(出发后分钟)", "预计离开(出发后分钟)", "标记",
    ];

    /// <summary>
    /// CSV (RFC 4180) of the team's visits with <see cref="CsvHeaders"/>: WGS-84 degrees to 7 decimals, metres and
    /// minutes rounded to whole numbers, 是/否 for mandatory, flags as 不在任何乡镇 / 在区界外.
    /// </summary>
    /// <returns>UTF-8 with a byte-order mark, so that Excel reads the Chinese text.</returns>
    public static byte[] Csv(PlannedTeam team)
        => ExcelCsv.Write(CsvHeaders, team.Visits.Select(v => (IReadOnlyList<CsvCell>)
        [
            CsvCell.Number(v.Sequence), v.Name, v.CreditCode, Sector.Find(v.Sector)?.NameZh ?? v.Sector, v.Address, v.TownshipName,
            CsvCell.Number(v.Longitude, "0.0000000"), CsvCell.Number(v.Latitude, "0.0000000"),
            v.Mandatory ? "是" : "否", CsvCell.Number(v.OpenMajor), CsvCell.Number(v.OpenGeneral), CsvCell.Number(v.Overdue),
            CsvCell.Number(v.Score, "0.##"), CsvCell.Number(Math.Round(v.LegDistanceMetres)),
            CsvCell.Number(Math.Round(v.CumulativeDistanceMetres)), CsvCell.Number(Math.Round(v.ArrivalSeconds / 60)),
            CsvCell.Number(Math.Round(v.DepartureSeconds / 60)), string.Join("；", v.Flags.Select(FlagWords)),
        ]));

    /// <summary>
    /// The A4 visit sheet as a print-styled HTML page (CSS <c>@page { size: A4 }</c>): team, day, start point, distance
    /// and time; per visit the enterprise, address, sector, township, expected arrival, its open hazards with deadlines
    /// (overdue days, supervision) and a blank box for findings; signature lines. All data text is HTML-encoded.
    /// </summary>
    /// <param name="plan">The plan (WGS-84).</param>
    /// <param name="team">The team's route.</param>
    /// <param name="hazards">Open hazards on the plan's day of the team's enterprises (<see cref="RoutingQueries.OpenHazardsAsync"/>).</param>
    /// <param name="printedOn">Day shown as the sheet's date (China Standard Time).</param>
    public static string Sheet(PlannedRoutes plan, PlannedTeam team, IReadOnlyList<SheetHazard> hazards, DateOnly printedOn)
    {
        var byEnterprise = hazards.ToLookup(h => h.EnterpriseId);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>检查走访单 第{{team.Team}}组 {{printedOn:yyyy-MM-dd}}</title>
            <style>
            @page { size: A4; margin: 14mm 12mm; }
            body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #000; margin: 0; }
            @media screen { body { max-width: 186mm; margin: 12px auto; } .hint { color: #555; font-size: 9pt; } }
            @media print { .hint { display: none; } }
            h1 { font-size: 16pt; margin: 0 0 4px; text-align: center; }
            .meta { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 10px; font-size: 10pt; }
            .visit { border: 1px solid #000; padding: 6px 8px; margin: 0 0 8px; break-inside: avoid; page-break-inside: avoid; }
            .visit h2 { font-size: 12pt; margin: 0 0 3px; }
            .visit .line { margin: 1px 0; }
            .tag { border: 1px solid #000; padding: 0 3px; font-size: 9pt; margin-left: 6px; font-weight: normal; }
            table { border-collapse: collapse; width: 100%; margin: 4px 0; font-size: 9.5pt; }
            th, td { border: 1px solid #777; padding: 2px 4px; text-align: left; vertical-align: top; }
            .findings { border: 1px solid #000; height: 30mm; margin-top: 4px; padding: 2px 4px; color: #444; }
            .sign { display: flex; gap: 30mm; margin-top: 4px; }
            </style>
            </head>
            <body>
            <p class="hint">按 Ctrl+P 打印（A4）。</p>
            <h1>安全生产检查走访单</h1>
            <div class="meta">
            <span>检查组：第 {{team.Team}} 组</span>
            <span>日期：{{printedOn:yyyy-MM-dd}}</span>
            <span>隐患截至：{{plan.AsOf:yyyy-MM-dd}}</span>
            <span>企业：{{team.Visits.Count}} 家</span>
            <span>路程：{{team.TotalDistanceMetres / 1000:0.0}} 公里（{{E(DistanceWords(plan.DistanceKind))}}）</span>
            <span>预计用时：{{Duration(team.TotalTimeSeconds)}}</span>
            <span>出发点：{{plan.Start.Longitude:0.00000}}, {{plan.Start.Latitude:0.00000}}</span>
            </div>

            """);
        foreach (var v in team.Visits)
        {
            s.Append(CultureInfo.InvariantCulture, $"""<section class="visit" data-sequence="{v.Sequence}">""").Append('\n');
            s.Append(CultureInfo.InvariantCulture, $"<h2>{v.Sequence}. {E(v.Name)}");
            if (v.Mandatory) s.Append("""<span class="tag">必查</span>""");
            foreach (var flag in v.Flags) s.Append(CultureInfo.InvariantCulture, $"""<span class="tag">{E(FlagWords(flag))}</span>""");
            s.Append("</h2>\n");
            s.Append(CultureInfo.InvariantCulture, $"""<p class="line">地址：{E(v.Address ?? "—")}　行业：{E(Sector.Find(v.Sector)?.NameZh ?? v.Sector)}　乡镇/街道：{E(v.TownshipName ?? "—")}</p>""").Append('\n');
            s.Append(CultureInfo.InvariantCulture, $"""<p class="line">统一社会信用代码：{E(v.CreditCode)}　预计到达：出发后 {Duration(v.ArrivalSeconds)}　本段 {v.LegDistanceMetres / 1000:0.0} 公里</p>""").Append('\n');
            var open = byEnterprise[v.EnterpriseId].ToList();
            if (open.Count == 0)
            {
                s.Append("""<p class="line">未整改隐患：无</p>""").Append('\n');
            }
            else
            {
                s.Append("<table><thead><tr><th>等级</th><th>隐患</th><th>发现日期</th><th>整改期限</th><th>状态</th></tr></thead><tbody>\n");
                foreach (var h in open)
                {
                    var state = h.DaysOverdue is { } days ? $"超期 {days} 天" : "未到期";
                    if (h.Supervised) state += "，挂牌督办";
                    s.Append(CultureInfo.InvariantCulture, $"<tr><td>{(h.Level == "Major" ? "重大" : "一般")}</td><td>{E(h.Description)}</td><td>{h.FoundOn:yyyy-MM-dd}</td>")
                        .Append(CultureInfo.InvariantCulture, $"<td>{h.Deadline:yyyy-MM-dd}</td><td>{E(state)}</td></tr>\n");
                }
                s.Append("</tbody></table>\n");
            }
            s.Append("""<div class="findings">检查发现：</div>""").Append('\n');
            s.Append("""<div class="sign"><span>检查人员：</span><span>企业负责人：</span></div>""").Append('\n');
            s.Append("</section>\n");
        }
        if (team.Visits.Count == 0) s.Append("<p>本组没有安排走访。</p>\n");
        s.Append("</body>\n</html>\n");
        return s.ToString();
    }

    /// <summary>A file name for an export: <c>route-{first 8 of id}-team-{n}.{extension}</c> (ASCII).</summary>
    public static string FileName(PlannedRoutes plan, int team, string extension) => $"route-{plan.Id[..8]}-team-{team}.{extension}";

    private static GpxWaypoint Waypoint(PlannedPoint point) => new(new GpxLongitude(point.Longitude), new GpxLatitude(point.Latitude));

    private static string E(string text) => Html.Encode(text);

    private static string DistanceWords(string kind) => kind == nameof(DistanceKind.Road) ? "道路距离" : "直线距离（椭球面），实际道路更长";

    private static string FlagWords(string flag) => flag switch
    {
        StopFlags.NoTownship => "不在任何乡镇",
        StopFlags.OutsideDistrict => "在区界外",
        _ => flag,
    };

    private static string Duration(double seconds)
    {
        var minutes = (int)Math.Round(seconds / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}:{minutes % 60:00}");
    }
}
