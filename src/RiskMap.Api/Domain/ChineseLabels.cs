namespace RiskMap.Api.Domain;

/// <summary>
/// The Chinese labels of the vocabulary (../shared/DOMAIN.md), as exports write them and imports accept them:
/// 一般/重大, 未整改/整改中/已整改/已销号, 执法文书/提醒约谈/立案查处/罚款, 部门检查/企业自查/群众举报/其他, 县级/市级/省级,
/// 街道/镇/乡, and sector names.
/// </summary>
public static class ChineseLabels
{
    private static readonly Dictionary<Type, (Enum Value, string[] Labels)[]> Labels = new()
    {
        [typeof(HazardLevel)] = [(HazardLevel.General, ["一般", "一般隐患"]), (HazardLevel.Major, ["重大", "重大隐患", "重大事故隐患"])],
        [typeof(HazardStatus)] =
        [
            (HazardStatus.Open, ["未整改"]), (HazardStatus.Rectifying, ["整改中"]),
            (HazardStatus.Rectified, ["已整改"]), (HazardStatus.Closed, ["已销号", "验收销号"]),
        ],
        [typeof(EnforcementKind)] =
        [
            (EnforcementKind.Document, ["执法文书"]), (EnforcementKind.Interview, ["提醒约谈"]),
            (EnforcementKind.Case, ["立案查处"]), (EnforcementKind.Fine, ["罚款"]),
        ],
        [typeof(HazardSource)] =
        [
            (HazardSource.DepartmentInspection, ["部门检查", "部门检查发现"]), (HazardSource.EnterpriseSelfReport, ["企业自查", "企业自报"]),
            (HazardSource.PublicTip, ["群众举报", "举报"]), (HazardSource.Other, ["其他"]),
        ],
        [typeof(SupervisionLevel)] = [(SupervisionLevel.County, ["县级"]), (SupervisionLevel.City, ["市级"]), (SupervisionLevel.Province, ["省级"])],
        [typeof(TownshipKind)] = [(TownshipKind.Subdistrict, ["街道"]), (TownshipKind.Town, ["镇"]), (TownshipKind.Township, ["乡"])],
    };

    /// <summary>The first (export) label of <paramref name="value"/>; its name when it has none.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
        => Labels.TryGetValue(typeof(TEnum), out var labels) && labels.FirstOrDefault(l => l.Value.Equals(value)).Labels is [var first, ..]
            ? first
            : value.ToString();

    /// <summary>The member whose label is <paramref name="label"/> (trimmed, exact); null when none.</summary>
    public static TEnum? Parse<TEnum>(string label) where TEnum : struct, Enum
    {
        if (!Labels.TryGetValue(typeof(TEnum), out var labels)) return null;
        var text = label.Trim();
        foreach (var (value, names) in labels)
            if (names.Contains(text, StringComparer.Ordinal)) return (TEnum)value;
        return null;
    }

    /// <summary>
    /// A sector code from its code (<c>gas</c>), Chinese name (燃气) or English name (Gas), case-insensitive; null
    /// when none matches.
    /// </summary>
    public static string? SectorCode(string text)
    {
        var value = text.Trim();
        return Sector.All.FirstOrDefault(s => string.Equals(s.Code, value, StringComparison.OrdinalIgnoreCase)
            || s.NameZh == value || string.Equals(s.NameEn, value, StringComparison.OrdinalIgnoreCase))?.Code;
    }
}
