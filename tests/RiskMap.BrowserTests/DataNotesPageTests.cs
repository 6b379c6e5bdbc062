using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>The 数据说明 panel as a district leader reads it.</summary>
[Collection("browser")]
public sealed class DataNotesPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_top_bar_labels_demo_data_and_the_data_notes_show_the_latest_import_of_each_kind_and_say_the_demo_is_fictional_and_illustrative()
    {
        var page = await fixture.OpenMapAsync("");
        // The demo district is marked demo: the top bar says so before any panel is opened.
        var banner = page.Locator("#demo-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToHaveTextAsync("演示数据");
        await Assertions.Expect(banner).ToHaveAttributeAsync("title", "演示数据：企业、检查、隐患和执法记录均为虚构。");
        await page.ClickAsync("#data-notes summary");
        var imports = page.Locator("#data-notes-imports li");
        await Assertions.Expect(imports.First).ToBeVisibleAsync();
        var lines = await imports.AllTextContentsAsync();
        // The demo loader's files: the enterprises line names its department, its date (China Standard Time) and rows.
        Assert.Contains(lines, l => l.StartsWith("企业 · ", StringComparison.Ordinal) && l.Contains("enterprises.csv", StringComparison.Ordinal));
        // The latest boundary import: the demo's townships.geojson, or a file another test of the shared database imported since.
        Assert.Contains(lines, l => l.StartsWith("乡镇边界 · 未指明部门：", StringComparison.Ordinal) && l.Contains(".geojson）", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"：\d{4}-\d{2}-\d{2} \d{2}:\d{2}，[\d,]+ 条（", l));
        await Assertions.Expect(page.Locator("#data-notes .data-notes-demo")).ToHaveTextAsync("演示数据：企业、检查、隐患和执法记录均为虚构。");
        await Assertions.Expect(page.Locator("#data-notes .data-notes-illustrative")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#data-notes a")).ToHaveAttributeAsync("href", "/swagger/index.html#/Statistics/GetStatistics");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "data-notes.png") });
        await page.Context.CloseAsync();
    }
}
