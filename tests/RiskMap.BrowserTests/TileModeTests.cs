using Microsoft.Playwright;
using RiskMap.TestSupport;

namespace RiskMap.BrowserTests;

/// <summary>
/// The page above its enterprise threshold (lowered to 100 for the demo district): enterprises come from vector tiles
/// drawn on canvas and township boundaries come simplified to the zoom. Runs in the browser collection (one browser,
/// tests one after another) with a service of its own.
/// </summary>
[Collection("browser")]
public sealed class TileModeTests(BrowserFixture browser, KestrelTileModeApp app) : IClassFixture<KestrelTileModeApp>
{
    [Fact]
    public async Task Enterprises_come_from_vector_tiles_and_boundaries_from_the_simplified_choropleth()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        var violations = await CspViolations.WatchAsync(page);
        var tiles = new List<IResponse>();
        var choropleths = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Url.Contains("/api/v1/tiles/enterprises/", StringComparison.Ordinal)) tiles.Add(r);
            if (r.Url.Contains("/api/v1/townships/choropleth", StringComparison.Ordinal)) choropleths.Add(r.Url);
        };

        // The leader's enterprises are hidden by default: the link asks for them.
        await page.GotoAsync(new Uri(app.BaseAddress, "/#clusters=show").ToString());
        await BrowserFixture.SignInAsync(page, "leader");
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        await page.WaitForSelectorAsync(".leaflet-enterprises-pane canvas");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("tiles", await page.GetAttributeAsync("body", "data-enterprise-mode"));
        Assert.Equal(18, await page.Locator(".leaflet-townships-pane path.leaflet-interactive").CountAsync());
        Assert.Contains(tiles, r => r.Status == 200);
        Assert.All(tiles, r => Assert.Contains(r.Status, new[] { 200, 204 }));
        Assert.All(choropleths, url => Assert.Contains("zoom=", url));
        Assert.Equal(0, await page.Locator(".leaflet-marker-icon:not(.township-label)").CountAsync());
        // Leaflet.VectorGrid decodes and draws the tiles under the page's Content-Security-Policy.
        await violations.AssertNoneAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "tile-mode.png") });
        await context.CloseAsync();
    }
}
