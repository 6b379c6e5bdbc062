using Microsoft.Playwright;
using RiskMap.Api.Features.Accounts;
using RiskMap.TestSupport;

namespace RiskMap.BrowserTests;

/// <summary>
/// The page above its enterprise threshold (lowered to 100 for the demo district): enterprises come from vector tiles
/// drawn on canvas, township boundaries come simplified to the zoom, and the page stays responsive.
/// </summary>
public sealed class TileModeTests(TileModeTests.Fixture fixture) : IClassFixture<TileModeTests.Fixture>
{
    /// <summary>The tile-mode service and Debian's Chromium, signed in as a district leader.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private IPlaywright? _playwright;

        public KestrelTileModeApp App { get; } = new();

        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserFixture.ChromiumPath, Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--lang=zh-CN"],
            });
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            _playwright?.Dispose();
            await ((IAsyncLifetime)App).DisposeAsync();
        }
    }

    [Fact]
    public async Task Enterprises_come_from_vector_tiles_and_boundaries_from_the_simplified_choropleth()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {TestAuthenticationHandler.Token(Roles.DistrictLeader)}" },
        });
        var page = await context.NewPageAsync();
        var tiles = new List<IResponse>();
        var choropleths = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Url.Contains("/api/v1/tiles/enterprises/", StringComparison.Ordinal)) tiles.Add(r);
            if (r.Url.Contains("/api/v1/townships/choropleth", StringComparison.Ordinal)) choropleths.Add(r.Url);
        };

        await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/").ToString());
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        await page.WaitForSelectorAsync(".leaflet-enterprises-pane canvas");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("tiles", await page.GetAttributeAsync("body", "data-enterprise-mode"));
        Assert.Equal(18, await page.Locator(".leaflet-townships-pane path.leaflet-interactive").CountAsync());
        Assert.Contains(tiles, r => r.Status == 200);
        Assert.All(tiles, r => Assert.Contains(r.Status, new[] { 200, 204 }));
        Assert.All(choropleths, url => Assert.Contains("zoom=", url));
        Assert.Equal(0, await page.Locator(".leaflet-marker-icon").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "tile-mode.png") });
        await context.CloseAsync();
    }
}
