using System.Xml.Linq;
using Microsoft.Playwright;
using NetTopologySuite.IO;

namespace RiskMap.BrowserTests;

/// <summary>The inspection planner as a township chief uses it: candidates, a start point, a plan, edits, exports.</summary>
[Collection("browser")]
public sealed class PlannerPageTests(BrowserFixture fixture)
{
    private const string Township = "431103105"; // 黄阳司镇

    [Fact]
    public async Task A_chief_plans_two_teams_sees_numbered_stops_reorders_them_and_downloads_GPX_1_1()
    {
        var page = await fixture.OpenMapAsync(userName: $"chief-{Township}");
        await page.ClickAsync("#open-planner");
        await Assertions.Expect(page.Locator("#planner h2")).ToHaveTextAsync("检查路线规划");
        await page.FillAsync("#planner-limit", "8");
        await page.ClickAsync("#planner-find");
        await page.WaitForSelectorAsync("#planner[data-state='candidates']");
        Assert.Equal(8, await page.Locator("#planner-candidates li[data-enterprise]").CountAsync());
        Assert.Equal(8, await page.Locator(".route-candidate-marker").CountAsync());
        await Assertions.Expect(page.Locator("#planner-candidates li").First.Locator(".rank")).ToHaveTextAsync("1");

        await page.FillAsync("#planner-teams", "2");
        await page.FillAsync("#planner-time-limit", "1");
        await page.ClickAsync("#planner-pick-start");
        var map = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(map.X + map.Width / 2, map.Y + map.Height / 2);
        await page.WaitForSelectorAsync("#planner[data-start='set']");
        await page.ClickAsync("#planner-plan");
        await page.WaitForSelectorAsync("#planner[data-state='planned']");

        await Assertions.Expect(page.Locator("#planner-summary")).ToContainTextAsync("2 个组走访 8 家");
        await Assertions.Expect(page.Locator("#planner-result .distance-kind")).ToContainTextAsync("直线距离");
        var teams = page.Locator("#planner-result .planner-team");
        Assert.Equal(2, await teams.CountAsync());
        var stops = 0;
        for (var n = 1; n <= 2; n++)
        {
            var numbers = await page.Locator($".planner-team[data-team='{n}'] ol.stops li .route-number").AllInnerTextsAsync();
            Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), numbers);
            stops += numbers.Count;
        }
        Assert.Equal(8, stops);
        // The map shows one numbered marker per stop and a route line per team with visits.
        Assert.Equal(8, await page.Locator(".route-stop-marker").CountAsync());
        Assert.True(await page.Locator("path.route-line").CountAsync() >= 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "planner.png") });

        // The GPX of the busiest team parses as GPX 1.1 with its stops numbered in visit order.
        var busiest = await BusiestTeamAsync(page);
        var names = await page.Locator($".planner-team[data-team='{busiest}'] ol.stops li .what > b").AllInnerTextsAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($".planner-team[data-team='{busiest}'] a.export-gpx"));
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        var root = XDocument.Parse(text).Root!;
        Assert.Equal(XName.Get("gpx", "http://www.topografix.com/GPX/1/1"), root.Name);
        Assert.Equal("1.1", root.Attribute("version")!.Value);
        var gpx = GpxFile.Parse(text, null);
        Assert.Equal(names.Select((name, i) => $"{i + 1:00} {name}"), gpx.Waypoints.Select(w => w.Name));
        Assert.Equal(names.Count + 1, Assert.Single(gpx.Routes).Waypoints.Count);

        // Move the first stop down, remove the last one, and recompute that order: the page keeps it.
        var team = page.Locator($".planner-team[data-team='{busiest}']");
        var before = await team.Locator("ol.stops li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.enterprise)");
        await team.Locator("ol.stops li").First.Locator("button.down").ClickAsync();
        await team.Locator("ol.stops li").Last.Locator("button.remove").ClickAsync();
        await Assertions.Expect(page.Locator("#planner-result .notice-edited")).ToBeVisibleAsync();
        await page.ClickAsync("#planner-replan-order");
        await page.WaitForSelectorAsync("#planner[data-state='planned'] #planner-summary:has-text('按调整后的顺序')");
        var after = await page.Locator($".planner-team[data-team='{busiest}'] ol.stops li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.enterprise)");
        string[] expected = [before[1], before[0], .. before[2..^1]];
        Assert.Equal(expected, after);
        Assert.Equal(7, await page.Locator(".route-stop-marker").CountAsync());

        // Drag the busiest team's first stop onto the other team (before its first stop, or into its empty list).
        var other = 3 - busiest;
        var otherTeam = page.Locator($".planner-team[data-team='{other}']");
        var target = await otherTeam.Locator("ol.stops li").CountAsync() > 0 ? otherTeam.Locator("ol.stops li").First : otherTeam.Locator(".empty-team");
        await page.Locator($".planner-team[data-team='{busiest}'] ol.stops li").First.DragToAsync(target,
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 20, Y = 3 } });
        await Assertions.Expect(page.Locator("#planner-result .notice-edited")).ToBeVisibleAsync();
        await page.ClickAsync("#planner-replan-order");
        await page.WaitForSelectorAsync("#planner[data-state='planned'] #planner-summary:has-text('按调整后的顺序')");
        var moved = await page.Locator($".planner-team[data-team='{other}'] ol.stops li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.enterprise)");
        Assert.Equal(after[0], moved[0]);
        var rest = await page.Locator($".planner-team[data-team='{busiest}'] ol.stops li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.enterprise)");
        Assert.Equal(after[1..], rest);
        Assert.Equal(7, await page.Locator(".route-stop-marker").CountAsync());
        after = rest;

        // The visit sheet opens as a printable page.
        var sheet = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync($".planner-team[data-team='{busiest}'] a.export-sheet"));
        await sheet.WaitForLoadStateAsync();
        await Assertions.Expect(sheet.Locator("h1")).ToHaveTextAsync("安全生产检查走访单");
        Assert.Equal(after.Length, await sheet.Locator("section.visit").CountAsync());
        await sheet.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "visit-sheet.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private static async Task<int> BusiestTeamAsync(IPage page)
    {
        var counts = new List<int>();
        for (var team = 1; team <= 2; team++) counts.Add(await page.Locator($".planner-team[data-team='{team}'] ol.stops li").CountAsync());
        return counts.IndexOf(counts.Max()) + 1;
    }
}
