using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>An admin runs the import wizard on a small file and sees the new townships on the map.</summary>
[Collection("browser")]
public sealed class ImportWizardTests(BrowserFixture fixture)
{
    private const string TownshipPaths = ".leaflet-townships-pane path.leaflet-interactive";

    // A district code above the demo's (431103), so that the other tests keep seeing the demo district first.
    private const string District = "431197";

    private static string Square(double minLon, double minLat, double size) => string.Create(CultureInfo.InvariantCulture,
        $"[[[{minLon},{minLat}],[{minLon + size},{minLat}],[{minLon + size},{minLat + size}],[{minLon},{minLat + size}],[{minLon},{minLat}]]]");

    private static string Geojson() => $$$"""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"DM":"{{{District}}}001","MC":"<b>新城</b>街道"},"geometry":{"type":"Polygon","coordinates":{{{Square(111.50, 26.20, 0.05)}}}}},
          {"type":"Feature","properties":{"DM":"{{{District}}}002","MC":"新河镇"},"geometry":{"type":"Polygon","coordinates":{{{Square(111.55, 26.20, 0.05)}}}}},
          {"type":"Feature","properties":{"DM":"{{{District}}}003","MC":"新山乡"},"geometry":{"type":"Polygon","coordinates":{{{Square(111.50, 26.25, 0.05)}}}}}]}
        """;

    [Fact]
    public async Task The_wizard_uploads_previews_dry_runs_and_commits_boundaries_and_the_map_shows_the_new_townships()
    {
        var page = await fixture.OpenMapAsync(userName: "admin");
        await page.ClickAsync("#open-import");
        await page.WaitForSelectorAsync("#import-panel[data-step='upload']");
        await page.SelectOptionAsync("#import-kind", "boundaries");
        await page.SetInputFilesAsync("#import-file", new FilePayload
        {
            Name = "新区乡镇.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(Geojson()),
        });
        await page.ClickAsync("#import-upload");

        await page.WaitForSelectorAsync("#import-panel[data-step='options']");
        // The first rows are shown as text, markup included, and the mapping is guessed from the values.
        await Assertions.Expect(page.Locator("#import-sample")).ToContainTextAsync("<b>新城</b>街道");
        Assert.Equal(0, await page.Locator("#import-sample b").CountAsync());
        Assert.Equal("DM", await page.InputValueAsync("#import-mapping select[data-field='code']"));
        Assert.Equal("MC", await page.InputValueAsync("#import-mapping select[data-field='name']"));
        await page.SelectOptionAsync("#import-crs", "wgs84");
        await page.FillAsync("#import-district-name", "新区");

        await page.ClickAsync("#import-dry-run");
        await page.WaitForSelectorAsync("#import-panel[data-job='Succeeded'][data-dry-run='true']");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("试运行通过");
        await page.WaitForSelectorAsync("#map[data-import-preview='3']");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "import-dry-run.png") });

        await page.ClickAsync("#import-commit");
        // A committed boundary import reloads the page on the new district.
        await page.WaitForURLAsync(url => url.Contains($"district={District}"));
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        await Assertions.Expect(page.Locator("#district-name")).ToHaveTextAsync("新区");
        Assert.Equal(3, await page.Locator(TownshipPaths).CountAsync());
        var options = await page.Locator("#township option").AllTextContentsAsync();
        Assert.Contains("<b>新城</b>街道", options);
        Assert.Contains("新山乡", options);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "import-new-district.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_import_button_is_shown_to_admins_only()
    {
        var page = await fixture.OpenMapAsync(userName: "leader");
        Assert.False(await page.IsVisibleAsync("#open-import"));
        await page.Context.CloseAsync();
    }
}
