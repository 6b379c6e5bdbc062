using RiskMap.Api.Domain;
using RiskMap.Cli.DemoData;

namespace RiskMap.UnitTests.DemoData;

public sealed class DemoSourcesTests
{
    [Theory]
    [InlineData("梅湾街道", TownshipKind.Subdistrict)]
    [InlineData("花桥街镇", TownshipKind.Town)] // ends with 镇: the 街 inside the name does not make it a subdistrict
    [InlineData("蔡市镇", TownshipKind.Town)]
    [InlineData("杨村甸乡", TownshipKind.Township)]
    public void Kind_follows_the_name_ending(string name, TownshipKind kind) => Assert.Equal(kind, DemoSources.KindOf(name));

    [Fact]
    public void A_name_without_a_known_ending_is_rejected() => Assert.Throws<InvalidDataException>(() => DemoSources.KindOf("某某村"));

    [Theory]
    [InlineData(10, new[] { 1.0, 1.0, 1.0 }, 0, new[] { 4, 3, 3 })]
    [InlineData(343, new[] { 20.0, 8.0, 36.0 }, 1, new[] { 107, 44, 192 })]
    [InlineData(5, new[] { 0.0, 0.0, 10.0 }, 1, new[] { 1, 1, 3 })]
    public void Apportion_splits_a_total_by_largest_remainder(int total, double[] weights, int minimum, int[] expected)
    {
        var shares = RandomExtensions.Apportion(total, weights, minimum);
        Assert.Equal(expected, shares);
        Assert.Equal(total, shares.Sum());
    }
}
