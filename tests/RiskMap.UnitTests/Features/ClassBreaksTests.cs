using RiskMap.Api.Features.Townships;

namespace RiskMap.UnitTests.Features;

public sealed class ClassBreaksTests
{
    public static TheoryData<int?[], string> Cases => new()
    {
        { [], "0" },
        { [0, 0, 0], "0" },
        { [null, null], "0" },
        { [0, 1, 1, 2], "0|1|2" },
        { [0, 3, null, 7], "0|3|7" },
        { [0, 1, 2, 3, 4], "0|1|2|3|4" },
        { [0, 1, 2, 3, 4, 5, 6, 7, 8], "0|1-2|3-4|5-6|7-8" },
        { [1, 1, 1, 1, 1, 1, 9], "0|1|9" },
        { [0, 0, 0, 2, 2, 2, 2, 3, 40, 41, 42], "0|1-2|3-40|41-42" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classes_start_with_zero_and_never_repeat(int?[] values, string expected)
    {
        var classes = ClassBreaks.Compute(values);
        Assert.Equal(expected, string.Join("|", classes.Select(c => c.Min == c.Max ? $"{c.Min}" : $"{c.Min}-{c.Max}")));
        for (var i = 1; i < classes.Count; i++) Assert.True(classes[i].Min > classes[i - 1].Max);
    }

    [Fact]
    public void Every_value_falls_in_exactly_one_class()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var values = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (int?)random.Next(0, 30)).ToArray();
            var classes = ClassBreaks.Compute(values, random.Next(2, 8));
            Assert.All(values, v => Assert.Single(classes, c => c.Min <= v && v <= c.Max));
            Assert.All(classes.Zip(classes.Skip(1)), pair => Assert.True(pair.First.Max < pair.Second.Min));
            Assert.All(classes, c => Assert.True(c.Min <= c.Max));
        }
    }

    [Fact]
    public void Negative_counts_are_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => ClassBreaks.Compute([1, -1]));
}
