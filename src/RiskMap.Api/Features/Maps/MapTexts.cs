namespace RiskMap.Api.Features.Maps;

/// <summary>The printed map's texts: keys of <c>Resources/Messages.resx</c> (Chinese) and <c>Messages.en.resx</c> (English).</summary>
public static class MapTexts
{
    /// <summary>Title; {0} district name, {1} metric name, {2} sectors.</summary>
    public const string Title = "map.print.title";
    /// <summary>As-of line; {0} the day.</summary>
    public const string AsOf = "map.print.as-of";
    /// <summary>"All sectors" in the title.</summary>
    public const string AllSectors = "map.print.all-sectors";
    /// <summary>Legend row of townships without enterprises of the sectors.</summary>
    public const string NoData = "map.print.no-data";
    /// <summary>Letter on the north arrow.</summary>
    public const string North = "map.print.north";
    /// <summary>The illustrative-boundaries notice.</summary>
    public const string Illustrative = "map.print.illustrative";
    /// <summary>Footer; {0} issuing unit, {1} generation time.</summary>
    public const string Footer = "map.print.footer";
    /// <summary>Footer without an issuing unit; {0} generation time.</summary>
    public const string FooterGenerated = "map.print.footer-generated";
    /// <summary>Heading of the numbered townships' key.</summary>
    public const string Key = "map.print.key";
    /// <summary>Legend label of a one-value class; {0} the count.</summary>
    public const string LegendCount = "map.legend.count";
    /// <summary>Legend label of a range; {0} lowest, {1} highest.</summary>
    public const string LegendRange = "map.legend.range";
    /// <summary>Legend label of the open last class; {0} lowest.</summary>
    public const string LegendAtLeast = "map.legend.at-least";

    /// <summary>The metric's name: <c>map.metric.{metric}</c>.</summary>
    public static string Metric(string metric) => $"map.metric.{metric}";

    /// <summary>Every key above (the metric names for each metric included), for the tests that check both languages.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        Title, AsOf, AllSectors, NoData, North, Illustrative, Footer, FooterGenerated, Key, LegendCount, LegendRange, LegendAtLeast,
        .. Townships.TownshipsApi.Metrics.Select(Metric),
    ];
}
