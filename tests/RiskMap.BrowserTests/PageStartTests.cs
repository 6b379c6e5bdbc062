using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using RiskMap.Api.Domain;
using RiskMap.TestSupport;

namespace RiskMap.BrowserTests;

/// <summary>
/// The page's start in a database of two districts (the demo district and a neighbour added here): the choropleth is
/// drawn before the enterprises are asked for, every enterprise request names the shown district, and the markers drawn
/// are that district's enterprises only. Runs in the browser collection with a service of its own (it adds a district).
/// </summary>
[Collection("browser")]
public sealed class PageStartTests(BrowserFixture browser, KestrelDemoApp app) : IClassFixture<KestrelDemoApp>
{
    private const string Demo = "431103";
    private const string Neighbour = "431199";
    private const int NeighbourEnterprises = 40;

    /// <summary>
    /// District 431199 east of the demo district's outline, one township, <see cref="NeighbourEnterprises"/> gas
    /// enterprises in it; once per service.
    /// </summary>
    private async Task AddNeighbourAsync()
    {
        if (await app.ScalarAsync($"SELECT count(*) FROM districts WHERE code = '{Neighbour}'") is 1L) return;
        var rows = string.Join(",\n", Enumerable.Range(1, NeighbourEnterprises).Select(i =>
        {
            var first17 = $"91{Neighbour}{i:D8}X";
            var point = FormattableString.Invariant($"ST_SetSRID(ST_MakePoint(b.x + 0.02 + {i % 8} * 0.01, b.y + 0.02 + {i / 8} * 0.01), 4326)");
            return $"('{first17}{UnifiedSocialCreditCode.CheckCharacter(first17)}', '邻区企业{i}', 'gas', false, (SELECT {point} FROM b))";
        }));
        await app.ExecuteAsync($"""
            INSERT INTO districts (code, name, boundary, boundary_source)
            SELECT '{Neighbour}', '邻区', ST_Multi(ST_MakeEnvelope(ST_XMax(boundary), ST_YMin(boundary), ST_XMax(boundary) + 0.2, ST_YMin(boundary) + 0.2, 4326)), 'test'
            FROM districts WHERE code = '{Demo}';
            INSERT INTO townships (code, district_code, name, kind, boundary, illustrative)
            SELECT '{Neighbour}001', '{Neighbour}', '邻镇', 'Town', boundary, false FROM districts WHERE code = '{Neighbour}';
            WITH b AS (SELECT ST_XMin(boundary) AS x, ST_YMin(boundary) AS y FROM districts WHERE code = '{Neighbour}')
            INSERT INTO enterprises (credit_code, name, sector, above_scale, location) VALUES
            {rows};
            """);
        Assert.Equal((long)NeighbourEnterprises, await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{Neighbour}001'"));
    }

    [Theory]
    [InlineData(Demo)]
    [InlineData(Neighbour)]
    public async Task The_choropleth_comes_first_and_only_the_shown_districts_enterprises_are_asked_for_and_drawn(string shown)
    {
        await AddNeighbourAsync();
        var page = await browser.NewPageAsync();
        var events = new List<string>(); // "sent …" and "done …" of the choropleth and enterprise requests, in order
        var enterpriseRequests = new List<Uri>();
        var enterpriseAnswers = new List<IResponse>();
        page.Request += (_, r) =>
        {
            var uri = new Uri(r.Url);
            if (uri.AbsolutePath == "/api/v1/enterprises") lock (events) { events.Add("sent enterprises"); enterpriseRequests.Add(uri); }
            if (uri.AbsolutePath == "/api/v1/townships/choropleth") lock (events) events.Add("sent choropleth");
        };
        page.Response += (_, r) =>
        {
            var path = new Uri(r.Url).AbsolutePath;
            if (path == "/api/v1/enterprises") lock (events) { events.Add("done enterprises"); enterpriseAnswers.Add(r); }
            if (path == "/api/v1/townships/choropleth") lock (events) events.Add("done choropleth");
        };
        await page.GotoAsync(new Uri(app.BaseAddress, $"/#district={shown}&clusters=show").ToString());
        await BrowserFixture.SignInAsync(page, "admin");
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");

        // The choropleth was answered (and drawn) before the first enterprise request left.
        Assert.Equal(["sent choropleth", "done choropleth", "sent enterprises", "done enterprises"], events.Take(4));
        Assert.True(await page.EvaluateAsync<bool>("performance.getEntriesByName('choropleth-drawn').length > 0"));

        // Every enterprise request names the shown district, and every enterprise answered lies in it.
        Assert.NotEmpty(enterpriseRequests);
        Assert.All(enterpriseRequests, uri => Assert.Equal(shown, System.Web.HttpUtility.ParseQueryString(uri.Query)["district"]));
        var answer = JsonDocument.Parse(await enterpriseAnswers[0].TextAsync()).RootElement.GetProperty("features");
        var townships = answer.EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("township").GetString()!).ToList();
        Assert.All(townships, code => Assert.StartsWith(shown, code, StringComparison.Ordinal));

        // The markers drawn are exactly the shown district's enterprises.
        var expected = (long)(await app.ScalarAsync(
            $"SELECT count(*) FROM enterprises e JOIN townships t ON t.code = e.township_code WHERE t.district_code = '{shown}'"))!;
        Assert.Equal(expected, townships.Count);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("body", "data-enterprises"));
        Assert.True(expected < (long)(await app.ScalarAsync("SELECT count(*) FROM enterprises"))!, "the other district holds enterprises too");
        Assert.Equal(shown == Demo ? "冷水滩区" : "邻区", await page.Locator("#district-name").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
