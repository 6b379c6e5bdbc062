using RiskMap.Api.Features.Statistics;

namespace RiskMap.UnitTests.Features;

/// <summary>The change of a figure between two intervals (环比, 同比) as the series answers it.</summary>
public sealed class FigureChangeTests
{
    [Theory]
    [InlineData(4, 5, false, 4, 1, 25)]
    [InlineData(3, 2, false, 3, -1, -33.33)]
    [InlineData(3, 1, false, 3, -2, -66.67)] // −66.666… rounds half away from zero
    [InlineData(1000, 1500, false, 1000, 500, 50)]
    [InlineData(2, 0, false, 2, -2, -100)]
    public void Counts_change_by_a_difference_and_a_percent_of_the_earlier_value(double earlier, double now, bool isRate, double @base, double difference, double percent)
        => Assert.Equal(new FigureChange((decimal)@base, (decimal)difference, (decimal)percent), FigureChange.Between((decimal)earlier, (decimal)now, isRate));

    [Fact]
    public void From_nothing_there_is_a_difference_but_no_percent()
        => Assert.Equal(new FigureChange(0m, 5m, null), FigureChange.Between(0m, 5m, false));

    [Fact]
    public void A_rate_changes_in_percentage_points_only()
        => Assert.Equal(new FigureChange(93.97m, -13.97m, null), FigureChange.Between(93.97m, 80m, true));

    [Fact]
    public void A_rate_with_nothing_found_on_either_side_has_no_change()
    {
        Assert.Equal(new FigureChange(null, null, null), FigureChange.Between(null, 80m, true));
        Assert.Equal(new FigureChange(80m, null, null), FigureChange.Between(80m, null, true));
    }

    /// <summary>Every value of <see cref="PeriodFigures"/> (nested records included) as its JSON path, e.g. generalHazards.found.</summary>
    private static IEnumerable<string> Leaves(Type type, string prefix = "")
        => type.GetProperties().Where(p => p.DeclaringType == type && p.GetMethod!.IsPublic).SelectMany(p =>
        {
            var name = prefix + char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            return p.PropertyType.IsClass && p.PropertyType != typeof(string) ? Leaves(p.PropertyType, name + ".") : [name];
        });

    [Fact]
    public void Every_figure_of_an_interval_is_listed_once_with_a_kind()
    {
        Assert.Equal(Leaves(typeof(PeriodFigures)).Order(), SeriesFigure.All.Select(f => f.Name).Order());
        Assert.All(SeriesFigure.All, f => Assert.Contains(f.Kind, Enum.GetNames<FigureKind>()));
    }
}
