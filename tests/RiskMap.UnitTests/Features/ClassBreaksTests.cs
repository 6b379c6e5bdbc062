using RiskMap.Api.Features.Townships;

namespace RiskMap.UnitTests.Features;

public sealed class ClassBreaksTests
{
    public static TheoryData<string, string> Tables => new()
    {
        { "openMajor", "sequential" }, { "openGeneral", "sequential" }, { "overdue", "sequential" },
        { "openMajor", "official" }, { "openGeneral", "official" }, { "overdue", "official" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_count_falls_in_exactly_one_class_zero_alone_and_the_last_open(string metric, string scheme)
    {
        var classes = ClassBreaks.For(metric, scheme);
        Assert.Equal(new ClassRange(0, 0, classes[0].Color), classes[0]);
        Assert.Null(classes[^1].Max);
        for (var value = 0; value <= 1000; value++)
            Assert.Single(classes, c => c.Holds(value));
        Assert.Equal(classes.Count, classes.Select(c => c.Color).Distinct().Count());
        Assert.All(classes, c => Assert.Matches("^#[0-9a-f]{6}$", c.Color));
    }

    [Fact]
    public void The_sequential_open_general_classes_are_the_documented_ones()
        => Assert.Equal("0|1-3|4-5|6-10|11-20|21+",
            string.Join("|", ClassBreaks.For("openGeneral").Select(c => c.Max is null ? $"{c.Min}+" : c.Min == c.Max ? $"{c.Min}" : $"{c.Min}-{c.Max}")));

    [Fact]
    public void The_official_scheme_is_blue_yellow_orange_red()
        => Assert.Equal(["#1f78d1", "#ffd92f", "#ff8c1a", "#e31a1c"], ClassBreaks.For("overdue", "official").Select(c => c.Color));

    [Fact]
    public void No_data_has_its_own_colour_and_negative_counts_are_refused()
    {
        Assert.Equal(ColorSchemes.NoData, ClassBreaks.ColorOf(null, ClassBreaks.For("openMajor")));
        Assert.Equal("#800026", ClassBreaks.ColorOf(7, ClassBreaks.For("openMajor")));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassBreaks.ColorOf(-1, ClassBreaks.For("openMajor")));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassBreaks.For("openMajor", "rainbow"));
    }
}
