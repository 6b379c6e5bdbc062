using System.Globalization;
using RiskMap.Api.Features.Statistics;

namespace RiskMap.Api.Features.Reports;

/// <summary>A part of a bulletin, written out the same way by the DOCX, PDF and HTML writers.</summary>
public abstract record BulletinBlock;

/// <summary>The title (level 0) or a section heading (level 1).</summary>
/// <param name="Text">Its text.</param>
/// <param name="Level">0 for the title, 1 for a section.</param>
public sealed record BulletinHeading(string Text, int Level) : BulletinBlock;

/// <summary>A paragraph of running text.</summary>
/// <param name="Text">Its text.</param>
/// <param name="Centered">Centred (the period under the title).</param>
/// <param name="Small">Smaller print (notes, the fingerprint).</param>
public sealed record BulletinParagraph(string Text, bool Centered = false, bool Small = false) : BulletinBlock;

/// <summary>A table with a caption, a header row and relative column widths.</summary>
/// <param name="Caption">Caption above the table.</param>
/// <param name="Header">Column headers.</param>
/// <param name="Rows">Cells, row by row.</param>
/// <param name="Widths">Relative column widths (any unit; the writers scale them to the page).</param>
public sealed record BulletinTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<float> Widths) : BulletinBlock;

/// <summary>The monthly trend chart (<see cref="TrendChart"/>) with its caption.</summary>
/// <param name="Caption">Caption under the figure.</param>
/// <param name="Months">The months.</param>
public sealed record BulletinChart(string Caption, IReadOnlyList<MonthPoint> Months) : BulletinBlock;

/// <summary>The printed choropleth (<see cref="Maps.MapRenderer"/>, the sheet of <c>GET /api/v1/maps/choropleth.pdf</c>) with its caption.</summary>
/// <param name="Caption">Caption under the figure.</param>
/// <param name="Map">The sheet: A4 landscape, open major hazards on the period's last day, in the bulletin's area.</param>
public sealed record BulletinMap(string Caption, Maps.PrintedMap Map) : BulletinBlock;

/// <summary>
/// The words of the campaign bulletin. The bulletin is a Chinese government document (通报), so its text is Chinese
/// whatever the reader's language; its sentences follow the county's published bulletin, and its appendix states the
/// counting rule (口径) of every figure after docs/domain.md.
/// </summary>
public static class BulletinText
{
    /// <summary>
    /// The headline paragraph in the published sentence shape: 组织检查组…个，出动检查人次…次；累计检查企业…家，排查一般隐患…项，
    /// 完成整治…项，整改率为…%；排查出重大隐患…项，完成整治…项，整改率…%。下达执法文书…份，提醒约谈…人次，立案查处企业…家，共处罚款…万元。
    /// Rates as <see cref="Rate"/>, fines as <see cref="TenThousandYuan"/>.
    /// </summary>
    public static string Headline(StatisticsResponse s) =>
        $"组织检查组{s.InspectionGroups}个，出动检查人次{s.InspectorVisits}次；累计检查企业{s.EnterprisesInspected}家，" +
        $"排查一般隐患{s.GeneralHazards.Found}项，完成整治{s.GeneralHazards.Rectified}项，整改率为{Rate(s.GeneralHazards.RectificationRate)}；" +
        $"排查出重大隐患{s.MajorHazards.Found}项，完成整治{s.MajorHazards.Rectified}项，整改率{Rate(s.MajorHazards.RectificationRate)}。" +
        $"下达执法文书{s.EnforcementDocuments}份，提醒约谈{s.ReminderInterviews}人次，立案查处企业{s.EnterprisesWithCases}家，" +
        $"共处罚款{TenThousandYuan(s.FinesYuan)}万元。";

    /// <summary>A rate in percent as the bulletin writes it: at most two decimals, trailing zeros dropped (93.97%, 80%); — when nothing was found.</summary>
    public static string Rate(decimal? percent) => percent is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Yuan as 万元 (÷ 10,000), without trailing zeros: 212210 → 21.221.</summary>
    public static string TenThousandYuan(decimal yuan) => (yuan / 10_000m).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A day as 2020年1月1日.</summary>
    public static string Day(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    /// <summary>The bulletin's title.</summary>
    public static string Title(CampaignBulletin b) => $"{AreaName(b)}安全生产专项整治工作情况通报";

    /// <summary>The area's name: the district's, followed by the townships' when the bulletin covers only some.</summary>
    public static string AreaName(CampaignBulletin b)
        => b.CoveredTownships is { } t ? b.DistrictName + string.Concat(t.Take(3)) + (t.Count > 3 ? "等" : "") : b.DistrictName;

    /// <summary>The columns of the township and sector tables.</summary>
    public static readonly string[] FigureColumns =
    [
        "检查组（个）", "检查人次", "检查企业（家）", "一般隐患（项）", "一般隐患已整改", "一般隐患整改率",
        "重大隐患（项）", "重大隐患已整改", "重大隐患整改率", "执法文书（份）", "提醒约谈（人次）", "立案查处企业（家）", "罚款（万元）",
    ];

    /// <summary>The cells of one row of the township or sector table, in the order of <see cref="FigureColumns"/>.</summary>
    public static IReadOnlyList<string> FigureCells(StatisticsResponse s) =>
    [
        Int(s.InspectionGroups), Int(s.InspectorVisits), Int(s.EnterprisesInspected),
        Int(s.GeneralHazards.Found), Int(s.GeneralHazards.Rectified), Rate(s.GeneralHazards.RectificationRate),
        Int(s.MajorHazards.Found), Int(s.MajorHazards.Rectified), Rate(s.MajorHazards.RectificationRate),
        Int(s.EnforcementDocuments), Int(s.ReminderInterviews), Int(s.EnterprisesWithCases), TenThousandYuan(s.FinesYuan),
    ];

    /// <summary>The counting rules (口径) of the appendix, one per figure, after docs/domain.md.</summary>
    public static readonly IReadOnlyList<string> CountingRules =
    [
        "统计范围：企业按其坐标所在的乡镇（街道）边界归属该乡镇（街道）；统计期为所列起止日期（含首尾两日，按北京时间计）。",
        "组织检查组：统计期内有检查记录的检查组，按检查组编号去重计数。",
        "出动检查人次：统计期内全部检查记录所记检查人次之和；同一检查组一次出行检查多家企业的，人次只记一次。",
        "累计检查企业：统计期内有检查记录的企业，按企业去重计数。",
        "排查一般隐患、排查出重大隐患：发现日期在统计期内的隐患，按一般、重大两个等级分别计数。",
        "完成整治：上述隐患中，在统计期最后一日（含）以前已整改或已验收销号的隐患数。",
        "整改率：完成整治数除以排查数再乘以100%，按等级分别计算，四舍五入保留两位小数，末尾的零不写；当期未排查出隐患的记为“—”。",
        "下达执法文书、提醒约谈：日期在统计期内的该类执法记录数。",
        "立案查处企业：统计期内有立案记录的企业，按企业去重计数。",
        "共处罚款：日期在统计期内的罚款金额之和，按元记录，除以一万折算为万元。",
        "分乡镇（街道）统计：各乡镇（街道）按其辖区内企业分别统计；检查组可到多个乡镇（街道）检查，故各乡镇检查组数相加可多于合计。",
        "分行业统计：检查和执法按被检查企业所属行业归类，隐患按隐患登记的行业归类。",
        "超期、挂牌督办重大隐患：统计期最后一日结束时仍未整改的重大隐患中，已超过当日有效整改期限（期限经延长的，以当日有效的期限为准）或已挂牌督办的隐患。",
        "月度趋势：每月（首尾两月只计统计期内的日子）发现的隐患数（一般、重大合计），以及该月最后一日结束时仍未整改的隐患数。",
        "数据指纹：对上述各项数字所依据的全部记录（企业、检查、隐患、执法记录）的类别、编号和数据库行版本，按类别和编号排序后计算的SHA-256摘要。任何一条所依据记录被修改、新增或不再计入，指纹即改变，可据此核对已发布的数字。",
    ];

    /// <summary>The bulletin as blocks, in reading order.</summary>
    public static IReadOnlyList<BulletinBlock> Compose(CampaignBulletin b)
    {
        var f = b.Figures;
        var period = $"{Day(b.Area.From)}至{Day(b.Area.To)}";
        var blocks = new List<BulletinBlock>
        {
            new BulletinHeading(Title(b), 0),
            new BulletinParagraph($"（{period}）", Centered: true),
        };
        if (b.CoveredTownships is { } covered)
            blocks.Add(new BulletinParagraph($"本通报仅涵盖{string.Join("、", covered)}，不含{b.DistrictName}其他乡镇（街道）的数据。"));
        blocks.Add(new BulletinParagraph($"现将{period}{AreaName(b)}安全生产专项整治工作情况通报如下。"));
        blocks.Add(new BulletinHeading("一、总体情况", 1));
        blocks.Add(new BulletinParagraph(Headline(f.Headline)));
        blocks.Add(new BulletinParagraph(
            $"截至{Day(b.Area.To)}，尚未整改的重大隐患{f.Headline.OpenAtEnd.OpenMajor}项、一般隐患{f.Headline.OpenAtEnd.OpenGeneral}项，其中超过整改期限的{f.Headline.OpenAtEnd.Overdue}项。"));
        float[] widths = [2.6f, .. Enumerable.Repeat(1f, FigureColumns.Length)];
        blocks.Add(new BulletinHeading("二、各乡镇（街道）情况", 1));
        blocks.Add(new BulletinTable("表1 各乡镇（街道）专项整治情况", ["乡镇（街道）", .. FigureColumns],
            f.Townships.Select(t => (IReadOnlyList<string>)[t.Name, .. FigureCells(t.Figures)]).ToList(), widths));
        blocks.Add(new BulletinHeading("三、各行业领域情况", 1));
        blocks.Add(new BulletinTable("表2 各行业领域专项整治情况", ["行业领域", .. FigureColumns],
            f.Sectors.Select(s => (IReadOnlyList<string>)[s.Name, .. FigureCells(s.Figures)]).ToList(), widths));
        blocks.Add(new BulletinHeading("四、超期未整改和挂牌督办的重大隐患", 1));
        if (b.Hazards.Count == 0)
            blocks.Add(new BulletinParagraph($"截至{Day(b.Area.To)}，无超期未整改或挂牌督办的重大隐患。"));
        else
            blocks.Add(new BulletinTable($"表3 截至{Day(b.Area.To)}超期未整改和挂牌督办的重大隐患",
                ["序号", "隐患编号", "企业", "乡镇（街道）", "行业", "隐患描述", "发现日期", "整改期限", "责任人", "情形"],
                b.Hazards.Select((h, i) => (IReadOnlyList<string>)
                [
                    Int(i + 1), h.Reference ?? "", h.Enterprise, h.Township, Domain.Sector.Find(h.Sector)?.NameZh ?? h.Sector, h.Description,
                    IsoDay(h.FoundOn), IsoDay(h.Deadline), h.ResponsiblePerson ?? "未登记",
                    string.Join("、", new[] { h.Overdue ? "超期" : null, h.Supervised ? "挂牌督办" : null }.OfType<string>()),
                ]).ToList(), [0.8f, 2.2f, 3f, 1.8f, 1.4f, 4f, 1.9f, 1.9f, 1.4f, 1.6f]));
        var section = "五";
        var figure = 1;
        if (b.Map is { } map)
        {
            blocks.Add(new BulletinHeading("五、重大隐患分布", 1));
            blocks.Add(new BulletinMap($"图{Int(figure++)} 截至{Day(b.Area.To)}各乡镇（街道）未整改重大隐患分布", map));
            section = "六";
        }
        blocks.Add(new BulletinHeading($"{section}、月度趋势", 1));
        blocks.Add(new BulletinChart($"图{Int(figure)} 各月排查隐患数（柱）与月末未整改隐患数（线）", b.Months));
        blocks.Add(new BulletinHeading("附件：统计口径", 1));
        blocks.AddRange(CountingRules.Select((rule, i) => new BulletinParagraph($"{i + 1}. {rule}")));
        blocks.Add(new BulletinParagraph(
            $"数据指纹（SHA-256）：{b.Fingerprint.Sha256}；所依据记录：企业{b.Fingerprint.Enterprises}家、检查{b.Fingerprint.Inspections}次、" +
            $"隐患{b.Fingerprint.Hazards}项、执法记录{b.Fingerprint.EnforcementActions}条。生成时间：" +
            b.GeneratedAt.ToOffset(CampaignCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）。",
            Small: true));
        return blocks;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
