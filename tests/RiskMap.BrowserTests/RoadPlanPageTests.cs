using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RiskMap.Api.Features.Import;

namespace RiskMap.BrowserTests;

/// <summary>The planner on a road network: with the district's roads imported, the plan's lines follow the roads.</summary>
[Collection("browser")]
public sealed class RoadPlanPageTests(BrowserFixture fixture)
{
    private const string Township = "431103105"; // 黄阳司镇

    [Fact]
    public async Task A_plan_on_an_imported_road_network_draws_road_following_lines()
    {
        // A 0.01° grid of 县道 over the whole district: every point of it is within about 600 m of a road.
        var box = ((string)(await fixture.App.ScalarAsync(
            "SELECT concat_ws(',', ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)) FROM (SELECT ST_Extent(boundary)::geometry AS b FROM districts WHERE code = '431103') d"))!)
            .Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double x0 = Math.Floor(box[0] * 100) / 100 - 0.01, y0 = Math.Floor(box[1] * 100) / 100 - 0.01;
        int columns = (int)Math.Ceiling((box[2] - x0) * 100) + 2, rows = (int)Math.Ceiling((box[3] - y0) * 100) + 2;
        string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        string Line(IEnumerable<(double X, double Y)> points) => "{\"type\":\"Feature\",\"properties\":{\"class\":\"县道\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":["
            + string.Join(",", points.Select(p => $"[{F(p.X)},{F(p.Y)}]")) + "]}}";
        var lines = Enumerable.Range(0, rows).Select(r => Line(Enumerable.Range(0, columns).Select(c => (x0 + c * 0.01, y0 + r * 0.01))))
            .Concat(Enumerable.Range(0, columns).Select(c => Line(Enumerable.Range(0, rows).Select(r => (x0 + c * 0.01, y0 + r * 0.01)))));
        var path = Path.Combine(Path.GetTempPath(), $"roads-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(path, "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", lines) + "]}");
        try
        {
            await using (var scope = fixture.App.Services.CreateAsyncScope())
            {
                var outcome = await scope.ServiceProvider.GetRequiredService<ImportPipeline>()
                    .RunAsync(new ImportRequest(ImportKind.Roads, path, "grid.geojson", District: "431103", Crs: "wgs84"), null, default);
                Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
            }

            var page = await fixture.OpenMapAsync(userName: $"chief-{Township}");
            await page.ClickAsync("#open-planner");
            await page.FillAsync("#planner-limit", "6");
            await page.ClickAsync("#planner-find");
            await page.WaitForSelectorAsync("#planner[data-state='candidates']");
            await page.FillAsync("#planner-time-limit", "3");
            await page.ClickAsync("#planner-pick-start");
            var map = (await page.Locator("#map").BoundingBoxAsync())!;
            await page.Mouse.ClickAsync(map.X + map.Width / 2, map.Y + map.Height / 2);
            await page.WaitForSelectorAsync("#planner[data-start='set']");
            await page.ClickAsync("#planner-plan");
            await page.WaitForSelectorAsync("#planner[data-state='planned']");

            await Assertions.Expect(page.Locator("#planner-result .distance-kind")).ToContainTextAsync("道路距离");
            // Every team's line follows the roads, and along a grid the lines turn: together they have more points than
            // the start (once per team) and the six stops.
            var road = page.Locator("path.route-line-road");
            var teams = await road.CountAsync();
            Assert.InRange(teams, 1, 6);
            Assert.Equal(teams, await page.Locator("path.route-line").CountAsync());
            var points = (await road.EvaluateAllAsync<int[]>("paths => paths.map(p => (p.getAttribute('d').match(/[ML]/g) || []).length)")).Sum();
            Assert.True(points > 6 + teams, $"the road lines have {points} points");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "planner-roads.png") });
        }
        finally
        {
            File.Delete(path);
            await fixture.App.ExecuteAsync("DELETE FROM road_edges; DELETE FROM road_vertices; DELETE FROM road_class_speeds;");
        }
    }
}
