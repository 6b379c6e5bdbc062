namespace RiskMap.Api.Features.Import;

/// <summary>A field an import reads, by its canonical name (as data/README.md and the API spell it).</summary>
/// <param name="Name">Canonical name, e.g. <c>credit_code</c>.</param>
/// <param name="Chinese">The header a Chinese spreadsheet uses and the exports write, e.g. 统一社会信用代码.</param>
/// <param name="Required">True when a file without this column is refused.</param>
/// <param name="Synonyms">Other headers recognised for it (matched after <see cref="ImportText.HeaderKey"/>).</param>
public sealed record ImportField(string Name, string Chinese, bool Required, params string[] Synonyms);

/// <summary>
/// The fields of each table import and how a file's header maps to them: a mapping chosen by the user wins, then a
/// header equal to the canonical name, its Chinese header or a synonym.
/// </summary>
public static class ImportColumns
{
    /// <summary>Enterprises: longitude and latitude may instead come in one <c>coordinates</c> cell.</summary>
    public static readonly ImportField[] Enterprises =
    [
        new("credit_code", "统一社会信用代码", true, "信用代码", "社会信用代码", "creditcode", "uscc"),
        new("name", "企业名称", true, "单位名称", "名称", "企业", "enterprise"),
        new("sector", "行业领域", true, "行业", "行业类别", "所属行业"),
        new("above_scale", "规模以上", false, "规上企业", "是否规上", "规上", "是否规模以上"),
        new("address", "地址", false, "详细地址", "企业地址", "经营地址"),
        new("longitude", "经度", false, "lng", "lon", "x"),
        new("latitude", "纬度", false, "lat", "y"),
        new("coordinates", "经纬度", false, "坐标", "lnglat", "location"),
        new("department_code", "监管部门", false, "行业监管部门", "监管部门代码", "department"),
        new("opening_hours", "营业时间", false, "开放时间", "营业时段", "hours"),
    ];

    /// <summary>Inspections.</summary>
    public static readonly ImportField[] Inspections =
    [
        new("reference", "检查编号", false, "编号"),
        new("credit_code", "统一社会信用代码", true, "信用代码"),
        new("date", "检查日期", true, "日期"),
        new("inspection_group", "检查组", true),
        new("inspector_visits", "检查人次", true, "人次"),
    ];

    /// <summary>
    /// Hazards (the same Chinese headers as the hazard export, so that an export reads back); the ledger columns from
    /// <c>source</c> on (来源, 判定依据, 五到位 plan, 挂牌督办, 销号文号) are optional.
    /// </summary>
    public static readonly ImportField[] Hazards =
    [
        new("reference", "隐患编号", false, "编号"),
        new("inspection_reference", "检查编号", false),
        new("credit_code", "统一社会信用代码", true, "信用代码"),
        new("sector", "行业领域", true, "行业"),
        new("level", "隐患等级", true, "等级"),
        new("description", "隐患描述", true, "描述", "隐患内容"),
        new("found_on", "发现日期", true),
        new("deadline", "整改期限", true),
        new("rectified_on", "整改日期", false, "整改完成日期"),
        new("closed_on", "销号日期", false, "验收销号日期"),
        new("status", "状态", true, "整改状态"),
        new("responsible_person", "整改责任人", false, "责任人"),
        new("supervised", "挂牌督办", false),
        new("source", "隐患来源", false, "来源"),
        new("criterion_clause", "判定依据", false, "判定依据条款"),
        new("plan_measures", "整改措施", false),
        new("plan_funds_yuan", "整改资金（元）", false, "整改资金"),
        new("plan_owner", "整改方案责任人", false),
        new("plan_interim_measures", "临时安全措施", false, "应急预案"),
        new("plan_completion_on", "计划完成日期", false),
        new("supervision_level", "督办级别", false),
        new("supervising_unit", "督办单位", false),
        new("supervision_listed_on", "挂牌日期", false),
        new("supervision_delisted_on", "摘牌日期", false),
        new("close_document_number", "销号文号", false),
    ];

    /// <summary>Enforcement actions.</summary>
    public static readonly ImportField[] Enforcement =
    [
        new("reference", "文书编号", false, "编号"),
        new("credit_code", "统一社会信用代码", true, "信用代码"),
        new("date", "日期", true, "执法日期"),
        new("kind", "类型", true, "执法类型"),
        new("amount_yuan", "罚款金额（元）", false, "罚款金额", "金额"),
    ];

    /// <summary>The fields of a table import kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For boundaries (not a table).</exception>
    public static ImportField[] For(ImportKind kind) => kind switch
    {
        ImportKind.Enterprises => Enterprises,
        ImportKind.Inspections => Inspections,
        ImportKind.Hazards => Hazards,
        ImportKind.Enforcement => Enforcement,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a table import."),
    };

    /// <summary>
    /// Maps each field to a column index of <paramref name="header"/>. <paramref name="mapping"/> (field → header text)
    /// is the user's choice; fields it does not name are matched by name, Chinese header or synonym. Returns the
    /// indices and the user's mappings that name no header.
    /// </summary>
    public static (Dictionary<string, int> Index, List<string> UnknownMappings) Resolve(IReadOnlyList<string> header,
        IReadOnlyList<ImportField> fields, IReadOnlyDictionary<string, string>? mapping)
    {
        var keys = header.Select(ImportText.HeaderKey).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var taken = new HashSet<int>();
        foreach (var (field, column) in mapping ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(column)) continue;
            var i = Array.IndexOf(keys, ImportText.HeaderKey(column));
            if (i < 0) unknown.Add(field);
            else if (taken.Add(i)) index[field] = i;
        }
        foreach (var field in fields)
        {
            if (index.ContainsKey(field.Name) || mapping?.ContainsKey(field.Name) == true) continue;
            foreach (var candidate in new[] { field.Name, field.Chinese }.Concat(field.Synonyms))
            {
                var i = Array.IndexOf(keys, ImportText.HeaderKey(candidate));
                if (i >= 0 && taken.Add(i))
                {
                    index[field.Name] = i;
                    break;
                }
            }
        }
        return (index, unknown);
    }
}

/// <summary>What a file imports.</summary>
public enum ImportKind
{
    /// <summary>Township boundaries (GeoJSON, zipped Shapefile, GeoPackage).</summary>
    Boundaries,
    /// <summary>Enterprises (CSV, XLSX).</summary>
    Enterprises,
    /// <summary>Inspections (CSV, XLSX).</summary>
    Inspections,
    /// <summary>Hazards (CSV, XLSX).</summary>
    Hazards,
    /// <summary>Enforcement actions (CSV, XLSX).</summary>
    Enforcement,
    /// <summary>A district's road network (GeoJSON, zipped Shapefile, GeoPackage, OpenStreetMap .osm/.osm.pbf).</summary>
    Roads,
}
