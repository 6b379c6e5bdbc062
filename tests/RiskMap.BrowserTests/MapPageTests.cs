using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>What a district leader and a township chief see on the map page, read from the page as a person would.</summary>
[Collection("browser")]
public sealed class MapPageTests(BrowserFixture fixture)
{
    private const string TownshipPaths = ".leaflet-townships-pane path.leaflet-interactive";

    [Fact]
    public async Task The_district_view_draws_18_townships_with_a_legend_and_a_screenshot()
    {
        var page = await fixture.OpenMapAsync();
        Assert.Equal(18, await page.Locator(TownshipPaths).CountAsync());
        var legend = page.Locator("#legend");
        await Assertions.Expect(legend).ToContainTextAsync("未整改重大隐患");
        await Assertions.Expect(legend).ToContainTextAsync("截至 2022-12-31");
        Assert.True(await legend.Locator(".row").CountAsync() >= 2);
        await Assertions.Expect(page.Locator("#illustrative-notice")).ToContainTextAsync("示意");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "district-view.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_period_of_the_published_figures_shows_them_in_the_headline_panel()
    {
        var page = await fixture.OpenMapAsync();
        await page.FillAsync("#period-from", "2020-01-01");
        await page.FillAsync("#period-to", "2020-09-30");
        await page.DispatchEventAsync("#period-to", "change");
        await page.WaitForSelectorAsync("#headline-figures[data-period='2020-01-01..2020-09-30'][data-loading='false']");
        var figures = page.Locator("#headline-figures");
        await Assertions.Expect(figures.Locator("[data-figure='headline.enterprisesInspected']")).ToContainTextAsync("1,599");
        await Assertions.Expect(figures.Locator("[data-figure='headline.generalRate']")).ToHaveTextAsync("93.97%");
        await Assertions.Expect(figures.Locator("[data-figure='headline.inspectionGroups']")).ToContainTextAsync("343");
        await Assertions.Expect(figures.Locator("[data-figure='headline.fines']")).ToContainTextAsync("21.221");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Choosing_a_sector_recolours_at_least_one_township()
    {
        var page = await fixture.OpenMapAsync();
        var before = await FillsAsync(page);
        await page.SelectOptionAsync("#sector", "fireworks");
        await page.WaitForSelectorAsync("body[data-loading='false']");
        await page.WaitForFunctionAsync("() => location.hash.includes('sector=fireworks')");
        var after = await FillsAsync(page);
        Assert.Equal(18, after.Count);
        Assert.True(before.Zip(after).Count(p => p.First != p.Second) >= 1, "no township changed colour");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_township_opens_its_panel_with_its_name_leader_and_hazards()
    {
        var page = await fixture.OpenMapAsync();
        var name = await ClickLargestTownshipAsync(page);
        await page.WaitForSelectorAsync("#detail:not([hidden])[data-loading='false']");
        await Assertions.Expect(page.Locator("#detail-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#detail-leaders")).Not.ToBeEmptyAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_township_filter_shows_only_that_townships_enterprises_and_greys_out_the_others()
    {
        var page = await fixture.OpenMapAsync();
        var all = int.Parse((await page.GetAttributeAsync("body", "data-enterprises"))!);
        const string township = "431103105"; // 黄阳司镇
        await page.SelectOptionAsync("#township", township);
        await page.WaitForSelectorAsync($"#detail[data-township='{township}'][data-loading='false']");
        await page.WaitForSelectorAsync("body[data-loading='false']");
        var shown = int.Parse((await page.GetAttributeAsync("body", "data-enterprises"))!);

        var http = await fixture.App.ClientForAsync("leader");
        var expected = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises?township={township}&asOf=2022-12-31&pageSize=1")).GetProperty("total").GetInt32();
        Assert.Equal(expected, shown);
        Assert.True(shown < all);
        var greyed = await page.Locator(TownshipPaths).EvaluateAllAsync<int>("paths => paths.filter(p => p.getAttribute('fill') === '#f2f2f2').length");
        Assert.Equal(17, greyed);
        await Assertions.Expect(page.Locator("#detail-name")).ToHaveTextAsync("黄阳司镇");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "township-view.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_switches_to_English()
    {
        var page = await fixture.OpenMapAsync();
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("Work-Safety Risk Map");
        await Assertions.Expect(page.Locator("#legend")).ToContainTextAsync("Open major hazards");
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("安全生产风险地图");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sector_filter_lists_the_sectors_of_the_map_configuration_in_the_pages_language()
    {
        using var http = fixture.App.CreateClient();
        var sectors = (await http.GetFromJsonAsync<JsonElement>("/api/v1/map-config")).GetProperty("sectors").EnumerateArray().ToList();
        var page = await fixture.OpenMapAsync();
        var options = page.Locator("#sector option:not([value=''])");
        await Assertions.Expect(options).ToHaveTextAsync(sectors.Select(s => s.GetProperty("nameZh").GetString()!).ToArray());
        Assert.Equal(sectors.Select(s => s.GetProperty("code").GetString()!),
            await options.EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        Assert.Contains("烟花爆竹", await options.AllTextContentsAsync());
        await page.ClickAsync("#language");
        await Assertions.Expect(options).ToHaveTextAsync(sectors.Select(s => s.GetProperty("nameEn").GetString()!).ToArray());
        Assert.Contains("Fireworks", await options.AllTextContentsAsync());
        await page.ClickAsync("#language");
        await page.Context.CloseAsync();
    }

    internal static async Task<List<string>> FillsAsync(IPage page)
        => [.. await page.Locator(TownshipPaths).EvaluateAllAsync<string[]>("paths => paths.map(p => p.getAttribute('fill'))")];

    /// <summary>Clicks the middle of the largest township on screen and returns the name the hover box shows.</summary>
    internal static async Task<string> ClickLargestTownshipAsync(IPage page)
    {
        var boxes = new List<(ILocator Path, LocatorBoundingBoxResult Box)>();
        foreach (var path in await page.Locator(TownshipPaths).AllAsync())
            if (await path.BoundingBoxAsync() is { } box) boxes.Add((path, box));
        var (largest, b) = boxes.OrderByDescending(x => x.Box.Width * x.Box.Height).First();
        await page.Mouse.MoveAsync(b.X + b.Width / 2, b.Y + b.Height / 2);
        await page.WaitForSelectorAsync("#hover-info b");
        var name = await page.Locator("#hover-info b").InnerTextAsync();
        await page.Mouse.ClickAsync(b.X + b.Width / 2, b.Y + b.Height / 2);
        return name;
    }
}
