using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>The switch that rings enterprises with questionable locations (the demo register's data-quality examples).</summary>
[Collection("browser")]
public sealed class QualityLayerTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_quality_switch_rings_the_questionable_locations_says_why_and_clears_them_again()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/").ToString());
        await BrowserFixture.SignInAsync(page, "leader");
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        var rings = page.Locator(".leaflet-quality-pane path");
        Assert.Equal(0, await rings.CountAsync());
        Assert.False(await page.IsCheckedAsync("#show-quality"));

        await page.CheckAsync("#show-quality");
        await page.WaitForSelectorAsync("body:not([data-quality=''])[data-quality]");
        var drawn = int.Parse((await page.GetAttributeAsync("body", "data-quality"))!, System.Globalization.CultureInfo.InvariantCulture);
        // Five on one point, three coarse, two misaddressed, one on a label point (and any demo point near a label point).
        Assert.True(drawn >= 11, $"{drawn} rings");
        await Assertions.Expect(rings).ToHaveCountAsync(drawn);
        Assert.Contains("quality=show", page.Url);

        // A ring's tooltip names the enterprise and the reason in the page's language.
        await page.EvaluateAsync("""
            () => { const ring = [...document.querySelectorAll('.leaflet-quality-pane path')].at(-1); ring.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); }
            """);
        await Assertions.Expect(page.Locator(".leaflet-tooltip-pane .leaflet-tooltip")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("坐标|标注点|地址"));

        await page.UncheckAsync("#show-quality");
        await Assertions.Expect(rings).ToHaveCountAsync(0);
        Assert.DoesNotContain("quality=show", page.Url);
        await context.CloseAsync();
    }
}
