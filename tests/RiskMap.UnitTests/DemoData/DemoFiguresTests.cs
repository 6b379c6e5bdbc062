using System.Globalization;

namespace RiskMap.UnitTests.DemoData;

/// <summary>
/// The district's published campaign figures for 2020-01-01 .. 2020-09-30 (../shared/DOMAIN.md), recomputed from
/// the committed CSV files by the counting rules of the statistics endpoint.
/// </summary>
public sealed class DemoFiguresTests
{
    private static readonly DateOnly From = new(2020, 1, 1);
    private static readonly DateOnly To = new(2020, 9, 30);

    private static CommittedDemoData Data => CommittedDemoData.Instance;

    private static bool InPeriod(DateOnly date) => date >= From && date <= To;

    private static readonly Lazy<IReadOnlyDictionary<string, decimal>> Figures = new(Compute);

    private static IReadOnlyDictionary<string, decimal> Compute()
    {
        var inspections = Data.Inspections.Where(i => InPeriod(i.Date("date"))).ToList();
        var found = Data.Hazards.Where(h => InPeriod(h.Date("found_on"))).ToList();
        // Rectified in the period: rectified_on or closed_on on or before its last day.
        bool Rectified(CsvRecord h) => h.DateOrNull("rectified_on") <= To || h.DateOrNull("closed_on") <= To;
        var actions = Data.Actions.Where(a => InPeriod(a.Date("date"))).ToList();
        return new Dictionary<string, decimal>
        {
            ["inspection groups"] = inspections.Select(i => i["inspection_group"]).Distinct().Count(),
            ["inspector visits"] = inspections.Sum(i => i.Int("inspector_visits")),
            ["enterprises inspected"] = inspections.Select(i => i["credit_code"]).Distinct().Count(),
            ["general hazards found"] = found.Count(h => h["level"] == "General"),
            ["general hazards rectified"] = found.Count(h => h["level"] == "General" && Rectified(h)),
            ["major hazards found"] = found.Count(h => h["level"] == "Major"),
            ["major hazards rectified"] = found.Count(h => h["level"] == "Major" && Rectified(h)),
            ["enforcement documents"] = actions.Count(a => a["kind"] == "Document"),
            ["reminder interviews"] = actions.Count(a => a["kind"] == "Interview"),
            ["enterprises with a case"] = actions.Where(a => a["kind"] == "Case").Select(a => a["credit_code"]).Distinct().Count(),
            ["fines (yuan)"] = actions.Where(a => a["kind"] == "Fine").Sum(a => decimal.Parse(a["amount_yuan"], CultureInfo.InvariantCulture)),
        };
    }

    [Theory]
    [InlineData("inspection groups", 343)]
    [InlineData("inspector visits", 1437)]
    [InlineData("enterprises inspected", 1599)]
    [InlineData("general hazards found", 1178)]
    [InlineData("general hazards rectified", 1107)]
    [InlineData("major hazards found", 5)]
    [InlineData("major hazards rectified", 4)]
    [InlineData("enforcement documents", 2000)]
    [InlineData("reminder interviews", 47)]
    [InlineData("enterprises with a case", 67)]
    [InlineData("fines (yuan)", 212210)]
    public void Published_figure_is_reproduced(string figure, int expected)
        => Assert.Equal(expected, Figures.Value[figure]);

    [Theory]
    [InlineData("General", 93.97)]
    [InlineData("Major", 80.00)]
    public void Rectification_rate_rounds_to_the_published_percentage(string level, double percent)
    {
        var key = level.ToLowerInvariant();
        var rate = Figures.Value[$"{key} hazards rectified"] / Figures.Value[$"{key} hazards found"] * 100;
        Assert.Equal((decimal)percent, Math.Round(rate, 2));
    }

    [Fact]
    public void All_100_above_scale_enterprises_are_inspected_in_the_period()
    {
        var aboveScale = Data.Enterprises.Where(e => e.Bool("above_scale")).Select(e => e["credit_code"]).ToList();
        var inspected = Data.Inspections.Where(i => InPeriod(i.Date("date"))).Select(i => i["credit_code"]).ToHashSet();
        Assert.Equal(100, aboveScale.Count);
        Assert.All(aboveScale, code => Assert.Contains(code, inspected));
    }

    [Fact]
    public void A_trip_records_its_inspectors_once_so_many_rows_carry_zero_visits()
    {
        var inPeriod = Data.Inspections.Where(i => InPeriod(i.Date("date"))).ToList();
        Assert.Contains(inPeriod, i => i.Int("inspector_visits") == 0);
        Assert.True(inPeriod.Count > 1599, "re-inspections add rows beyond the distinct enterprises");
        // Each group records visits on at least one row.
        Assert.All(inPeriod.GroupBy(i => i["inspection_group"]), g => Assert.True(g.Sum(i => i.Int("inspector_visits")) > 0, g.Key));
    }
}
