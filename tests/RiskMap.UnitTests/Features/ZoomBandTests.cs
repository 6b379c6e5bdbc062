using RiskMap.Api.Features.Density;
using RiskMap.Api.Features.Responsibility;

namespace RiskMap.UnitTests.Features;

/// <summary>The density layer's zoom bands and classes, and how responsibility figures add up.</summary>
public sealed class ZoomBandTests
{
    [Fact]
    public void The_bands_cover_every_map_zoom_once_with_hexagons_shrinking_as_one_zooms_in()
    {
        for (var zoom = 0; zoom <= 22; zoom++)
            Assert.Single(ZoomBand.All, b => zoom >= b.MinZoom && zoom <= b.MaxZoom);
        Assert.All(ZoomBand.All.Zip(ZoomBand.All.Skip(1)), p =>
        {
            Assert.Equal(p.First.MaxZoom + 1, p.Second.MinZoom);
            Assert.True(p.Second.EdgeMetres < p.First.EdgeMetres);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() => ZoomBand.For(23));
    }

    [Theory]
    [InlineData(11, 1000, 2.598076)]
    [InlineData(13, 300, 0.233827)]
    [InlineData(22, 100, 0.025981)]
    public void A_zoom_picks_its_band_and_a_hexagon_is_three_root_three_halves_edge_squared(int zoom, double edge, double areaKm2)
    {
        var band = ZoomBand.For(zoom);
        Assert.Equal(edge, band.EdgeMetres);
        Assert.Equal(areaKm2, band.AreaKm2, 6);
    }

    [Fact]
    public void The_density_classes_start_at_zero_follow_on_and_end_open()
    {
        var classes = DensityClass.All;
        Assert.Equal(0, classes[0].Min);
        Assert.All(classes.Zip(classes.Skip(1)), p => Assert.Equal(p.First.Max, p.Second.Min));
        Assert.Null(classes[^1].Max);
    }

    [Fact]
    public void Figures_add_up_and_keep_the_latest_inspection()
    {
        var sum = ResponsibilityFigures.Sum([
            new(1, 2, 1, new DateOnly(2022, 3, 1)), new(1, 0, 0, null), new(3, 1, 1, new DateOnly(2022, 12, 30)),
        ]);
        Assert.Equal(new ResponsibilityFigures(5, 3, 2, new DateOnly(2022, 12, 30)), sum);
        Assert.Equal(ResponsibilityFigures.None, ResponsibilityFigures.Sum([]));
    }
}
