using RiskMap.Api.Features.MapConfig;

namespace RiskMap.UnitTests.Features;

public sealed class MapConfigTests
{
    [Theory]
    [InlineData(null, "wgs84", null, "wgs84")]
    [InlineData("https://tiles.example/{z}/{x}/{y}.png", "wgs84", "https://tiles.example/{z}/{x}/{y}.png", "wgs84")]
    [InlineData("https://amap.example/{z}/{x}/{y}", "gcj02", "https://amap.example/{z}/{x}/{y}", "gcj02")]
    [InlineData("https://amap.example/{z}/{x}/{y}", "GCJ-02", "https://amap.example/{z}/{x}/{y}", "gcj02")]
    [InlineData("", "gcj02", null, "gcj02")]
    public void A_gcj02_basemap_makes_the_page_ask_for_gcj02_overlays(string? url, string crs, string? expectedUrl, string expectedCrs)
    {
        var config = MapConfigApi.Get(new MapOptions { BasemapUrl = url, BasemapCrs = crs }).Value!;
        Assert.Equal(expectedUrl, config.BasemapUrl);
        Assert.Equal(expectedCrs, config.OverlayCrs);
    }
}
