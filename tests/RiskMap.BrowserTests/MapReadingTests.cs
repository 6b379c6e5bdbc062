using System.Diagnostics;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>
/// The map as a meeting reads it: township names at district zoom on a 1366×768 projector, the enterprise clusters
/// hidden for the district leader until asked for (and then explained in the legend), the selected township outlined,
/// and Ctrl+P of the map view on one page.
/// </summary>
[Collection("browser")]
public sealed class MapReadingTests(BrowserFixture fixture)
{
    private async Task<IPage> ProjectorAsync(string hash = "")
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/" + hash).ToString());
        await BrowserFixture.SignInAsync(page, "leader");
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        return page;
    }

    [Fact]
    public async Task Township_names_show_at_district_zoom_on_a_projector_without_overlapping()
    {
        var page = await ProjectorAsync();
        var shown = page.Locator(".leaflet-labels-pane .township-label[data-shown='true']");
        var count = await shown.CountAsync();
        Assert.InRange(count, 10, 18);
        var map = (await page.Locator("#map").BoundingBoxAsync())!;
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < count; i++)
        {
            await Assertions.Expect(shown.Nth(i)).ToBeVisibleAsync();
            Assert.False(string.IsNullOrWhiteSpace(await shown.Nth(i).TextContentAsync()));
            var box = (await shown.Nth(i).BoundingBoxAsync())!;
            Assert.True(box.X >= map.X && box.X + box.Width <= map.X + map.Width, "a name outside the map");
            Assert.InRange(await shown.Nth(i).EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)"), 12, 40);
            boxes.Add(box);
        }
        for (var i = 0; i < boxes.Count; i++)
        for (var j = i + 1; j < boxes.Count; j++)
        {
            var (a, b) = (boxes[i], boxes[j]);
            Assert.False(a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height, "two names overlap");
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "projector-names.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clusters_are_hidden_for_the_leader_until_switched_on_and_the_legend_says_they_count_enterprises()
    {
        var page = await ProjectorAsync();
        await page.WaitForSelectorAsync("body[data-clusters='hidden']");
        Assert.Equal(0, await page.Locator(".leaflet-enterprises-pane .cluster").CountAsync());
        Assert.False(await page.IsCheckedAsync("#show-clusters"));
        Assert.Equal(0, await page.Locator("#legend-clusters").CountAsync());

        await page.CheckAsync("#show-clusters");
        await page.WaitForSelectorAsync("body[data-clusters='shown']");
        await Assertions.Expect(page.Locator(".leaflet-enterprises-pane .cluster").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#legend-clusters")).ToContainTextAsync("企业数");
        // Neutral: not one of the choropleth's class colours.
        var background = await page.Locator(".leaflet-enterprises-pane .cluster").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(238, 241, 245)", background);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_selected_township_is_outlined_while_its_panel_is_open()
    {
        var page = await ProjectorAsync("#selected=431103105");
        await page.WaitForSelectorAsync("#detail[data-township='431103105'][data-loading='false']");
        var outlined = page.Locator(".leaflet-townships-pane path[data-selected='true']");
        await Assertions.Expect(outlined).ToHaveCountAsync(1);
        Assert.Equal("4", await outlined.GetAttributeAsync("stroke-width"));
        await page.ClickAsync("#detail-close");
        await Assertions.Expect(outlined).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Printing_the_map_view_gives_one_page_with_the_map_the_legend_and_the_title()
    {
        var page = await ProjectorAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator(".sidebar")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#legend")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#title")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "print-view.png"), FullPage = true });
        var pdf = Path.Combine(BrowserFixture.ScreenshotDirectory, "print-view.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, PreferCSSPageSize = true, PrintBackground = true });
        var start = new ProcessStartInfo("pdfinfo", pdf) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var info = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Matches(@"(?m)^Pages:\s+1$", info);
        await page.Context.CloseAsync();
    }
}
