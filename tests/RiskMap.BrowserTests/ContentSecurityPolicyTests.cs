using Microsoft.Playwright;
using RiskMap.Api.Hosting;

namespace RiskMap.BrowserTests;

/// <summary>
/// Every Content-Security-Policy violation a page reports: the browser's <c>securitypolicyviolation</c> events (recorded
/// by a script Playwright adds before the page's own, which the policy does not govern) and its console messages about
/// the policy. Attach before the first navigation.
/// </summary>
public sealed class CspViolations
{
    private readonly List<string> _console = [];
    private readonly IPage _page;

    private CspViolations(IPage page) => _page = page;

    /// <summary>Starts recording on <paramref name="page"/>.</summary>
    public static async Task<CspViolations> WatchAsync(IPage page)
    {
        var watch = new CspViolations(page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) watch._console.Add($"{message.Type}: {message.Text}");
        };
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        return watch;
    }

    /// <summary>Fails, listing them, when violations were reported: events of the current document, then console messages of every document.</summary>
    public async Task AssertNoneAsync()
    {
        List<string> reported = [.. await _page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []"), .. _console];
        Assert.True(reported.Count == 0, $"{reported.Count} Content-Security-Policy violations:\n{string.Join("\n", reported)}");
    }
}

/// <summary>The map page and Swagger UI run under their Content-Security-Policy with no violation reported.</summary>
[Collection("browser")]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_map_page_works_under_its_policy_with_no_violation()
    {
        var page = await fixture.NewPageAsync();
        var violations = await CspViolations.WatchAsync(page);
        // The leader's clusters are hidden by default: the link asks for them, so that their icons are drawn too.
        var response = await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/#clusters=show").ToString());
        Assert.Equal(WebSecurity.PagePolicy(null), await response!.HeaderValueAsync("content-security-policy"));
        Assert.Equal("DENY", await response.HeaderValueAsync("x-frame-options"));
        await BrowserFixture.SignInAsync(page, "leader");
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");

        // Leaflet, its marker clusters and the page's own modules did their work: townships, clusters, a panel.
        Assert.Equal(18, await page.Locator(".leaflet-townships-pane path.leaflet-interactive").CountAsync());
        // The cluster icons are the page's own (styled through the CSSOM, as the policy requires).
        var cluster = page.Locator(".leaflet-enterprises-pane .cluster").First;
        await Assertions.Expect(cluster).ToBeVisibleAsync();
        Assert.NotEqual("", await cluster.EvaluateAsync<string>("e => e.style.background"));
        await page.Locator(".leaflet-control-zoom-in").ClickAsync();
        await page.Locator(".leaflet-control-zoom-in").ClickAsync();
        await page.SelectOptionAsync("#township", "431103105");
        await page.WaitForSelectorAsync("#detail[data-township='431103105'][data-loading='false']");
        await page.ClickAsync("#open-planner");
        await page.ClickAsync("#planner-find");
        await page.WaitForSelectorAsync("#planner[data-state='candidates']");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await violations.AssertNoneAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Swagger_UI_works_under_its_policy_with_no_violation()
    {
        var page = await fixture.NewPageAsync();
        var violations = await CspViolations.WatchAsync(page);
        var response = await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/swagger/index.html").ToString());
        Assert.Equal(WebSecurity.SwaggerPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await Assertions.Expect(page.Locator(".swagger-ui .info .title")).ToContainTextAsync("RiskMap API");
        await Assertions.Expect(page.Locator(".opblock-summary-path").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await violations.AssertNoneAsync();
        await page.Context.CloseAsync();
    }
}
