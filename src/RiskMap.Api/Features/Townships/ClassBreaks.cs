namespace RiskMap.Api.Features.Townships;

/// <summary>One legend class: counts from <see cref="Min"/> to <see cref="Max"/> inclusive, drawn in <see cref="Color"/>.</summary>
/// <param name="Min">Smallest count in the class.</param>
/// <param name="Max">Largest count in the class; equal to <paramref name="Min"/> for a one-value class such as zero; null for the
/// last class, which has no upper bound ("≥ Min").</param>
/// <param name="Color">Fill colour, CSS hex <c>#rrggbb</c>.</param>
public sealed record ClassRange(int Min, int? Max, string Color)
{
    /// <summary>True when <paramref name="value"/> falls in the class.</summary>
    public bool Holds(int value) => value >= Min && (Max is null || value <= Max);
}

/// <summary>
/// The colour schemes of the choropleth. <c>sequential</c> (default): ColorBrewer YlOrRd for the positive classes and a pale
/// green for zero. <c>official</c>: the four risk colours of the work-safety convention (红 重大, 橙 较大, 黄 一般, 蓝 低;
/// 《国务院安委会办公室关于实施遏制重特大事故工作指南构建双重预防机制的意见》, 安委办〔2016〕11号), with zero blue.
/// </summary>
public static class ColorSchemes
{
    /// <summary>Scheme codes: sequential (default) and official.</summary>
    public static readonly string[] Names = [Sequential, Official];

    /// <summary>The sequential scheme: light to dark red (the default).</summary>
    public const string Sequential = "sequential";

    /// <summary>The official four risk colours 红/橙/黄/蓝.</summary>
    public const string Official = "official";

    /// <summary>The colour of a township without enterprises of the selected sectors ("no data").</summary>
    public const string NoData = "#d9d9d9";
}

/// <summary>
/// Fixed legend classes per metric and scheme, so that one colour means the same count in every sector, district, day and
/// printout (a count of 1 is the same colour for 燃气 as for all sectors). Zero always has a class of its own, classes never
/// overlap, and the last has no upper bound. The breaks (documented in the README's "The map" section):
/// <list type="table">
/// <item><term>openMajor</term><description>sequential 0 | 1 | 2 | 3–4 | ≥5; official 0 蓝 | 1 黄 | 2 橙 | ≥3 红</description></item>
/// <item><term>openGeneral</term><description>sequential 0 | 1–3 | 4–5 | 6–10 | 11–20 | ≥21; official 0 蓝 | 1–5 黄 | 6–20 橙 | ≥21 红</description></item>
/// <item><term>overdue</term><description>sequential 0 | 1–2 | 3–5 | 6–10 | ≥11; official 0 蓝 | 1–2 黄 | 3–5 橙 | ≥6 红</description></item>
/// </list>
/// </summary>
public static class ClassBreaks
{
    private const string Zero = "#e8f3e4";
    private const string Blue = "#1f78d1", Yellow = "#ffd92f", Orange = "#ff8c1a", Red = "#e31a1c";

    private static readonly Dictionary<(string Metric, string Scheme), ClassRange[]> Table = new()
    {
        [("openMajor", "sequential")] = [new(0, 0, Zero), new(1, 1, "#fed976"), new(2, 2, "#fd8d3c"), new(3, 4, "#e31a1c"), new(5, null, "#800026")],
        [("openGeneral", "sequential")] =
            [new(0, 0, Zero), new(1, 3, "#fed976"), new(4, 5, "#feb24c"), new(6, 10, "#fd8d3c"), new(11, 20, "#e31a1c"), new(21, null, "#800026")],
        [("overdue", "sequential")] = [new(0, 0, Zero), new(1, 2, "#fed976"), new(3, 5, "#fd8d3c"), new(6, 10, "#e31a1c"), new(11, null, "#800026")],
        [("openMajor", "official")] = [new(0, 0, Blue), new(1, 1, Yellow), new(2, 2, Orange), new(3, null, Red)],
        [("openGeneral", "official")] = [new(0, 0, Blue), new(1, 5, Yellow), new(6, 20, Orange), new(21, null, Red)],
        [("overdue", "official")] = [new(0, 0, Blue), new(1, 2, Yellow), new(3, 5, Orange), new(6, null, Red)],
    };

    /// <summary>The classes of <paramref name="metric"/> (openMajor, openGeneral, overdue) in <paramref name="scheme"/> (sequential, official).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown metric or scheme.</exception>
    public static IReadOnlyList<ClassRange> For(string metric, string scheme = "sequential")
        => Table.TryGetValue((metric, scheme), out var classes)
            ? classes
            : throw new ArgumentOutOfRangeException(nameof(metric), $"{metric}/{scheme}", "Unknown metric or colour scheme.");

    /// <summary>The fill colour of <paramref name="value"/> among <paramref name="classes"/>; <see cref="ColorSchemes.NoData"/> for null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative value (counts are never negative, so no class holds it).</exception>
    public static string ColorOf(int? value, IReadOnlyList<ClassRange> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (value is not { } v) return ColorSchemes.NoData;
        foreach (var c in classes)
            if (c.Holds(v)) return c.Color;
        throw new ArgumentOutOfRangeException(nameof(value), value, "Counts cannot be negative.");
    }
}
