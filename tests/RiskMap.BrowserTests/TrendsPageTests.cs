using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>The 趋势 panel (ECharts charts per sector and per township, the township ranking) and the as-of time slider.</summary>
[Collection("browser")]
public sealed class TrendsPageTests(BrowserFixture fixture)
{
    private const string Campaign = "#from=2020-01-01&to=2022-12-31&asOf=2022-12-31";

    private async Task<(IPage Page, CspViolations Violations)> OpenAsync(string hash)
    {
        var page = await fixture.NewPageAsync();
        var violations = await CspViolations.WatchAsync(page);
        await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/" + hash).ToString());
        await BrowserFixture.SignInAsync(page, "leader");
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        return (page, violations);
    }

    /// <summary>Pixels of the chart's canvas that are drawn (not transparent and not white).</summary>
    private static Task<int> DrawnPixelsAsync(IPage page, string chart) => page.EvaluateAsync<int>("""
        (id) => {
          const canvas = document.querySelector(`#${id} canvas`);
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let drawn = 0;
          for (let i = 0; i < data.length; i += 4)
            if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) drawn++;
          return drawn;
        }
        """, chart);

    [Fact]
    public async Task The_trends_panel_draws_a_line_per_sector_and_per_township_and_ranks_every_township()
    {
        var (page, violations) = await OpenAsync(Campaign);
        await page.ClickAsync("#open-trends");
        await page.WaitForSelectorAsync("#trends[data-loading='false'] #trends-by-township canvas");

        Assert.Equal("9", await page.GetAttributeAsync("#trends-by-sector", "data-series"));
        Assert.Equal("18", await page.GetAttributeAsync("#trends-by-township", "data-series"));
        Assert.True(await DrawnPixelsAsync(page, "trends-by-sector") > 2000, "the sector chart is blank");
        Assert.True(await DrawnPixelsAsync(page, "trends-by-township") > 2000, "the township chart is blank");
        await Assertions.Expect(page.Locator("#trends")).ToContainTextAsync("分行业");
        await Assertions.Expect(page.Locator("#trends-kind")).ToContainTextAsync("可累加");

        // One row per township, ranked on the chosen figure in the last month, highest first as the API counts it.
        await page.SelectOptionAsync("#trends-figure", "inspectorVisits");
        var rows = page.Locator("#trends-ranking tbody tr");
        Assert.Equal(18, await rows.CountAsync());
        await Assertions.Expect(page.Locator("#trends-ranking thead")).ToContainTextAsync("检查人次");
        var api = await page.EvaluateAsync<JsonElement>("""
            () => fetch('/api/v1/statistics/series?from=2020-01-01&to=2022-12-31&by=township').then((r) => r.json())
            """);
        var expected = api.GetProperty("series").EnumerateArray()
            .Select(s => (Code: s.GetProperty("township").GetString()!, Visits: s.GetProperty("intervals")[35].GetProperty("figures").GetProperty("inspectorVisits").GetInt32()))
            .OrderByDescending(s => s.Visits).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(e => e.Code), await rows.EvaluateAllAsync<string[]>("rows => rows.map((r) => r.dataset.township)"));
        Assert.Equal(expected[0].Visits.ToString(CultureInfo.InvariantCulture), (await rows.First.Locator("td").Nth(2).InnerTextAsync()).Replace(",", ""));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "trends-panel.png") });

        // In English, the labels follow.
        await page.ClickAsync("#language");
        await page.WaitForSelectorAsync("#trends[data-loading='false'] #trends-by-sector canvas");
        await Assertions.Expect(page.Locator("#trends")).ToContainTextAsync("By sector");
        await Assertions.Expect(page.Locator("#trends-ranking thead")).ToContainTextAsync("Inspector visits");
        await violations.AssertNoneAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_server_message_of_a_refused_period_is_shown_as_sent()
    {
        // Ten years and a day of months: the series refuses it, and the panel says why in the page's language.
        var (page, _) = await OpenAsync("#from=2010-01-01&to=2020-01-01&asOf=2020-01-01");
        await page.ClickAsync("#open-trends");
        await Assertions.Expect(page.Locator("#trends-error")).ToContainTextAsync("按月统计的期间最长 10 年");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_slider_moves_the_as_of_day_a_month_at_a_time_and_the_choropleth_request_carries_it()
    {
        var (page, violations) = await OpenAsync("#from=2020-01-01&to=2020-12-31&asOf=2020-12-31");
        var choropleth = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/v1/townships/choropleth", StringComparison.Ordinal)) choropleth.Add(request.Url); };
        await Assertions.Expect(page.Locator("#time-slider-day")).ToContainTextAsync("截至 2020-12-31");
        Assert.Equal("11", await page.GetAttributeAsync("#time-slider-range", "max"));

        // Dragging to the sixth month: 30 June 2020, on the map and in the link.
        await page.EvalOnSelectorAsync("#time-slider-range", "(e) => { e.value = '5'; e.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.WaitForSelectorAsync("body[data-loading='false']");
        Assert.Equal("2020-06-30", await page.InputValueAsync("#as-of"));
        await page.WaitForFunctionAsync("() => location.hash.includes('asOf=2020-06-30')");
        Assert.Contains(choropleth, url => url.Contains("asOf=2020-06-30", StringComparison.Ordinal));

        // Playing steps on a month at a time, each step loading the map for its day.
        await page.ClickAsync("#time-slider-play");
        await page.WaitForFunctionAsync("() => document.getElementById('as-of').value === '2020-08-31'", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await page.ClickAsync("#time-slider-play");
        await page.WaitForSelectorAsync("#time-slider[data-playing='false']");
        await page.WaitForSelectorAsync("body[data-loading='false']");
        Assert.Contains(choropleth, url => url.Contains("asOf=2020-07-31", StringComparison.Ordinal));
        Assert.Contains(choropleth, url => url.Contains("asOf=2020-08-31", StringComparison.Ordinal));
        var paused = await page.InputValueAsync("#as-of");
        await page.WaitForTimeoutAsync(2500);
        Assert.Equal(paused, await page.InputValueAsync("#as-of"));
        Assert.Equal(paused, await page.GetAttributeAsync("#time-slider", "data-as-of"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "time-slider.png") });
        await violations.AssertNoneAsync();
        await page.Context.CloseAsync();
    }
}
