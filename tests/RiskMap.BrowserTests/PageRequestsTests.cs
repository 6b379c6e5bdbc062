using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>
/// How the page talks to the API, read from the requests Chromium sends: the page's language on every request, only
/// the latest answer drawn, and the headline comparison from the statistics endpoint.
/// </summary>
[Collection("browser")]
public sealed class PageRequestsTests(BrowserFixture fixture)
{
    private const string Choropleth = "/api/v1/townships/choropleth";

    /// <summary>Opens the map as the district leader, recording every API request from the first one.</summary>
    private async Task<(IPage Page, List<IRequest> Requests)> OpenRecordingAsync()
    {
        var page = await fixture.NewPageAsync();
        var requests = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
                lock (requests) requests.Add(request);
        };
        await page.GotoAsync(fixture.App.BaseAddress.ToString());
        await BrowserFixture.SignInAsync(page, "leader");
        await WaitUntilLoadedAsync(page);
        return (page, requests);
    }

    /// <summary>The map, the headline figures and the comparison have all drawn their latest answers.</summary>
    private static async Task WaitUntilLoadedAsync(IPage page)
    {
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        await page.WaitForSelectorAsync("#headline-figures[data-loading='false']");
        await page.WaitForSelectorAsync("#headline-change[data-loading='false']");
    }

    private static List<IRequest> Since(List<IRequest> requests, int start)
    {
        lock (requests) return requests.Skip(start).ToList();
    }

    private static string PathOf(IRequest request) => new Uri(request.Url).AbsolutePath;

    [Fact]
    public async Task Every_request_carries_the_pages_language_and_switching_to_English_sends_en()
    {
        var (page, requests) = await OpenRecordingAsync();
        await AssertLanguageAsync(Since(requests, 0), "zh-CN");

        // The browser itself speaks Chinese (the context's locale is zh-CN): "en" can only come from the page.
        var english = await SwitchLanguageAsync(page, requests, "Work-Safety Risk Map", "Since");
        await AssertLanguageAsync(english, "en");
        Assert.Contains(english, r => PathOf(r) == "/api/v1/statistics");
        Assert.Contains(english, r => PathOf(r) == "/api/v1/enterprises");

        await AssertLanguageAsync(await SwitchLanguageAsync(page, requests, "安全生产风险地图", "较"), "zh-CN");
        await page.Context.CloseAsync();
    }

    /// <summary>Clicks the language switch and returns the requests the page made for it once it has reloaded.</summary>
    private static async Task<List<IRequest>> SwitchLanguageAsync(IPage page, List<IRequest> requests, string title, string changePrefix)
    {
        var mark = Since(requests, 0).Count;
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync(title);
        await page.WaitForFunctionAsync("prefix => document.querySelector('#headline-change').textContent.startsWith(prefix)", changePrefix);
        await WaitUntilLoadedAsync(page);
        return Since(requests, mark);
    }

    /// <summary>The requests include the map's and every one of them asked for <paramref name="tag"/>, exactly.</summary>
    private static async Task AssertLanguageAsync(List<IRequest> requests, string tag)
    {
        Assert.Contains(requests, r => PathOf(r) == Choropleth);
        foreach (var request in requests)
            Assert.Equal(tag, await request.HeaderValueAsync("accept-language"));
    }

    [Fact]
    public async Task A_choropleth_request_replaced_by_a_newer_one_is_aborted_and_never_drawn()
    {
        var (page, _) = await OpenRecordingAsync();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        static bool IsFireworksMap(string url) => url.Contains(Choropleth, StringComparison.Ordinal) && url.Contains("sector=fireworks", StringComparison.Ordinal);
        // The fireworks map is held back until the gas map has been drawn.
        await page.RouteAsync(IsFireworksMap, async route =>
        {
            held.TrySetResult();
            await release.Task;
            try { await route.ContinueAsync(); }
            catch (PlaywrightException) { } // the page gave the request up
        });
        page.RequestFailed += (_, request) => { if (IsFireworksMap(request.Url)) aborted.TrySetResult(request.Failure); };

        await page.SelectOptionAsync("#sector", "fireworks");
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.SelectOptionAsync("#sector", "gas");
        await page.WaitForSelectorAsync("#map[data-sectors='gas']");
        await page.WaitForSelectorAsync("body[data-loading='false']");
        Assert.Equal("net::ERR_ABORTED", await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var gas = await MapPageTests.FillsAsync(page);

        release.SetResult();
        await page.WaitForTimeoutAsync(500);
        Assert.Equal("gas", await page.GetAttributeAsync("#map", "data-sectors"));
        Assert.Equal(gas, await MapPageTests.FillsAsync(page));
        Assert.Equal("", await page.Locator("#status").InnerTextAsync());
        Assert.False(await page.Locator("#status.error").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_headline_comparison_comes_from_the_statistics_of_the_two_days_and_loads_no_second_choropleth()
    {
        var (page, requests) = await OpenRecordingAsync();
        var http = await fixture.App.ClientForAsync("leader");
        Assert.Single(Since(requests, 0), r => PathOf(r) == Choropleth);
        Assert.Contains(Since(requests, 0), r => r.Url.Contains("/api/v1/statistics?district=431103&from=2022-11-30&to=2022-11-30", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#headline-change")).ToHaveTextAsync(await ExpectedChangeAsync(http, "2022-12-31", "2022-11-30", null));

        var mark = Since(requests, 0).Count;
        await page.FillAsync("#as-of", "2021-06-15");
        await page.DispatchEventAsync("#as-of", "change");
        await page.WaitForSelectorAsync("#headline-change[data-as-of='2021-06-15'][data-loading='false']");
        await page.WaitForSelectorAsync("body[data-loading='false']");
        var after = Since(requests, mark);
        Assert.Single(after, r => PathOf(r) == Choropleth);
        Assert.True(after.Any(r => r.Url.Contains("from=2021-05-15&to=2021-05-15", StringComparison.Ordinal)), string.Join("\n", after.Select(r => r.Url)));
        await Assertions.Expect(page.Locator("#headline-change")).ToHaveTextAsync(await ExpectedChangeAsync(http, "2021-06-15", "2021-05-15", null));

        const string township = "431103105"; // 黄阳司镇
        await page.SelectOptionAsync("#township", township);
        await page.WaitForFunctionAsync($"() => location.hash.includes('township={township}')");
        await WaitUntilLoadedAsync(page);
        await Assertions.Expect(page.Locator("#headline-change")).ToHaveTextAsync(await ExpectedChangeAsync(http, "2021-06-15", "2021-05-15", township));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The comparison line as the page should write it, from the choropleth's township figures on the two days (the
    /// figures the map shows, so that the headline agrees with it).
    /// </summary>
    private static async Task<string> ExpectedChangeAsync(HttpClient http, string day, string before, string? township)
    {
        async Task<(int Major, int Overdue)> On(string asOf)
        {
            var map = await http.GetFromJsonAsync<JsonElement>($"{Choropleth}?district=431103&asOf={asOf}");
            var townships = map.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
                .Where(p => township is null || p.GetProperty("code").GetString() == township).ToList();
            return (townships.Sum(p => p.GetProperty("openMajor").GetInt32()), townships.Sum(p => p.GetProperty("overdue").GetInt32()));
        }
        var now = await On(day);
        var then = await On(before);
        static string Signed(int n) => n > 0 ? $"+{n}" : n.ToString(CultureInfo.InvariantCulture);
        return $"较{before}：未整改重大隐患 {now.Major} ({Signed(now.Major - then.Major)})，超期隐患 {now.Overdue} ({Signed(now.Overdue - then.Overdue)})";
    }
}
