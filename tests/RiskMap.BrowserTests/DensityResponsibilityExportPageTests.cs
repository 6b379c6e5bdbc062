using Microsoft.Playwright;
using MiniExcelLibs;

namespace RiskMap.BrowserTests;

/// <summary>The hazard-density layer, the responsibility panel and the 导出 menu, as a district leader uses them.</summary>
[Collection("browser")]
public sealed class DensityResponsibilityExportPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Switching_the_density_layer_on_draws_hexagons_with_a_legend_in_hazards_per_km2()
    {
        var page = await fixture.OpenMapAsync("#asOf=2022-12-31");
        Assert.Equal(0, await page.Locator(".leaflet-hexagons-pane path").CountAsync());
        await page.CheckAsync("#hexagon-switch");
        await page.WaitForSelectorAsync("#map[data-hexagons]");
        var drawn = int.Parse((await page.GetAttributeAsync("#map", "data-hexagons"))!);
        Assert.True(drawn > 0);
        Assert.Equal(drawn, await page.Locator(".leaflet-hexagons-pane path.leaflet-interactive").CountAsync());
        var legend = page.Locator("#hexagon-legend");
        await Assertions.Expect(legend).ToContainTextAsync("平方公里");
        Assert.Equal(6, await legend.Locator(".row").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "hazard-density.png") });

        await page.UncheckAsync("#hexagon-switch");
        await Assertions.Expect(page.Locator(".leaflet-hexagons-pane path")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#hexagon-legend")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_responsibility_panel_lists_the_leaders_with_their_townships()
    {
        var page = await fixture.OpenMapAsync("#asOf=2022-12-31");
        await page.ClickAsync("#open-responsibility");
        await page.WaitForSelectorAsync("#responsibility:not([hidden])[data-loading='false']");
        var leaders = page.Locator("#responsibility-leaders tr.node");
        Assert.True(await leaders.CountAsync() >= 1);
        Assert.Equal(18, await page.Locator("#responsibility-leaders tr.child").CountAsync());
        // The first leader of the demo's assignments is on the panel.
        var leader = (string)(await fixture.App.ScalarAsync("SELECT min(leader_name) FROM leader_assignments"))!;
        await Assertions.Expect(page.Locator($"#responsibility-leaders tr.node[data-leader='{leader}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#responsibility-departments details.department")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "responsibility.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_export_menu_downloads_the_figures_of_the_period_as_a_workbook()
    {
        var page = await fixture.OpenMapAsync("#from=2020-01-01&to=2020-09-30&asOf=2022-12-31");
        await page.ClickAsync("#export-menu > summary");
        await Assertions.Expect(page.Locator("#export-menu button[data-export='exports.statisticsXlsx']")).ToHaveTextAsync("本期工作成效（Excel）");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-menu button[data-export='exports.statisticsXlsx']"));
        Assert.Equal("statistics_431103_2020-01-01_2020-09-30.xlsx", download.SuggestedFilename);
        var path = await download.PathAsync();
        var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToDictionary(r => (string)r["指标"]!, r => r["数值"]);
        Assert.Equal(1599, Convert.ToInt32(rows["累计检查企业（家）"]));

        await page.ClickAsync("#export-menu > summary");
        var ledger = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-menu button[data-export='exports.hazardsCsv']"));
        Assert.Equal("hazards.csv", ledger.SuggestedFilename);
        await page.Context.CloseAsync();
    }
}
