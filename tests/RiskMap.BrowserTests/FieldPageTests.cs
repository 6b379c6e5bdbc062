using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Attachments;

namespace RiskMap.BrowserTests;

/// <summary>
/// The phone page (/field/) on a phone-sized screen: a township chief downloads the day's route, goes offline, records an
/// inspection with a hazard and a photo and marks an open hazard found rectified, closes and reopens the page (the records
/// still wait, 待同步), comes back online and syncs: the server holds exactly one inspection, one hazard and one attachment;
/// the hazard someone else changed meanwhile shows both versions until the chief keeps theirs.
/// </summary>
[Collection("browser")]
public sealed class FieldPageTests(BrowserFixture fixture)
{
    private const string Township = "431103105";
    private const string Chief = "chief-" + Township;

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_day_worked_offline_syncs_exactly_once_and_a_changed_hazard_shows_both_versions()
    {
        var today = CampaignCalendar.Today(TimeProvider.System);
        // Two enterprises of the township, the first with an Open General hazard the chief will find rectified.
        var hazardId = (long)(await fixture.App.ScalarAsync($"""
            SELECT h.id FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = '{Township}' AND h.status = 'Open' AND h.level = 'General'
              AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.hazard_id = h.id)
            ORDER BY h.id LIMIT 1
            """))!;
        var first = (long)(await fixture.App.ScalarAsync($"SELECT enterprise_id FROM hazards WHERE id = {hazardId}"))!;
        var second = (long)(await fixture.App.ScalarAsync($"SELECT id FROM enterprises WHERE township_code = '{Township}' AND id <> {first} ORDER BY id LIMIT 1"))!;
        var lon = (double)(await fixture.App.ScalarAsync($"SELECT ST_X(location) FROM enterprises WHERE id = {first}"))!;
        var lat = (double)(await fixture.App.ScalarAsync($"SELECT ST_Y(location) FROM enterprises WHERE id = {first}"))!;

        var chief = await fixture.App.ClientForAsync(Chief);
        var plan = await chief.PostAsJsonAsync("/api/v1/routes/plan", new
        {
            start = new { longitude = lon + 0.01, latitude = lat },
            stops = new[] { new { enterpriseId = first, mandatory = true }, new { enterpriseId = second, mandatory = true } },
            teams = 1, timeLimitSeconds = 0.1,
            district = Township[..6], // named: other tests of the collection may add a second district
        });
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());
        var planId = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var assigned = await chief.PutAsJsonAsync($"/api/v1/routes/plans/{planId}/teams/1/assignment", new { inspector = Chief, day = D(today) });
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());

        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            Geolocation = new Geolocation { Longitude = (float)lon, Latitude = (float)lat, Accuracy = 15 },
            Permissions = ["geolocation"],
            BaseURL = fixture.App.BaseAddress.ToString(),
        });
        var errors = new List<string>();
        // Script errors only: the first GET auth/me before signing in is an expected 401 the console reports too.
        context.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(message.Text); };
        var log = new List<string>(); // every console line and failed request, to tell why a step never got ready
        context.Console += (_, message) => log.Add($"{message.Type}: {message.Text}");
        context.RequestFailed += (_, request) => log.Add($"failed {request.Url} {request.Failure}");
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/field/");
        await page.FillAsync("#login-user", Chief);
        await page.FillAsync("#login-password", TestSupport.RiskMapApp.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForSelectorAsync("body[data-ready='true'] #day:not([hidden])");
        await page.ClickAsync("#download");
        await Assertions.Expect(page.Locator("#stops li.stop")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#stops li.stop").First).ToHaveAttributeAsync("data-enterprise", first.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#stops li.stop").First.Locator(".distance")).ToContainTextAsync("距您");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await ExpectRouteMapAsync(page);
        // The page's own files are cached before the connection goes.
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.ready.then(() => true)"));
        await page.WaitForFunctionAsync("() => caches.open('riskmap-field-1').then(c => c.keys()).then(k => k.length >= 13)");
        // Every file of the site the page loaded (not API answers) is in the worker's cache, so none is missing offline.
        var loaded = await page.EvaluateAsync<string[]>("""
            () => performance.getEntriesByType('resource').map(e => new URL(e.name))
              .filter(u => u.origin === location.origin && !u.pathname.startsWith('/api/')).map(u => u.pathname)
            """);
        Assert.Contains("/lib/idb/index.js", loaded);
        Assert.Contains("/js/dom.js", loaded);
        var cached = await page.EvaluateAsync<string[]>(
            "async () => (await (await caches.open('riskmap-field-1')).keys()).map(r => new URL(r.url).pathname)");
        Assert.Empty(loaded.Except(cached));

        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("离线");
        await page.ClickAsync($"#stops li.stop[data-enterprise='{first}'] button");
        // The enterprise's sector by its label (downloaded with the day), not its code.
        var sectorCode = (string)(await fixture.App.ScalarAsync($"SELECT sector FROM enterprises WHERE id = {first}"))!;
        var sectorLabel = (await chief.GetFromJsonAsync<JsonElement>("/api/v1/map-config")).GetProperty("sectors").EnumerateArray()
            .Single(x => x.GetProperty("code").GetString() == sectorCode).GetProperty("nameZh").GetString()!;
        await Assertions.Expect(page.Locator("#visit-facts")).ToContainTextAsync(sectorLabel);
        Assert.DoesNotContain(sectorCode, await page.Locator("#visit-facts").InnerTextAsync());
        await page.FillAsync("#inspection-group", "手机检查组");
        await page.ClickAsync("#add-hazard");
        await page.FillAsync("#new-hazards .hazard-description", "消防通道堵塞（手机记录）");
        var photo = DemoEvidence.Photo("FIELD-1", after: false, 0);
        await page.SetInputFilesAsync("#new-hazards .hazard-photos", new FilePayload { Name = "现场.jpg", MimeType = "image/jpeg", Buffer = photo });
        await Assertions.Expect(page.Locator("#inspection-position")).ToContainTextAsync("精度 15 米");
        await page.ClickAsync("#inspection-form button[type=submit]");
        await Assertions.Expect(page.Locator("#inspection-message")).ToHaveTextAsync("检查记录已保存，待同步。");
        await page.ClickAsync($".open-hazard[data-hazard='{hazardId}'] .mark-rectified");
        await page.ClickAsync($".open-hazard[data-hazard='{hazardId}'] form button[type=submit]");
        await Assertions.Expect(page.Locator("#pending-count")).ToHaveTextAsync("待同步 3");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "field-offline.png") });

        // Closed and opened again without a connection: the page comes from its cache, the records from IndexedDB.
        await page.CloseAsync();
        page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(30_000);
        try { await page.GotoAsync("/field/"); } catch (PlaywrightException e) { errors.Add("goto: " + e.Message); }
        try { await page.WaitForSelectorAsync("body[data-ready='true']"); }
        catch (TimeoutException) { Assert.Fail("Reopened offline, the page never got ready:\n" + string.Join("\n", errors.Concat(log))); }
        await Assertions.Expect(page.Locator("#pending-count")).ToHaveTextAsync("待同步 3");
        await Assertions.Expect(page.Locator("#stops li.stop")).ToHaveCountAsync(2);
        await ExpectRouteMapAsync(page);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(0L, await fixture.App.ScalarAsync("SELECT count(*) FROM inspections WHERE inspection_group = '手机检查组'"));

        // Meanwhile an admin extends the hazard's deadline: the chief's change is based on the version before.
        var admin = await fixture.App.ClientForAsync("admin");
        var seen = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazardId}")).GetProperty("version").GetUInt32();
        var extended = await admin.PostAsJsonAsync($"/api/v1/hazards/{hazardId}/deadline", new { deadline = D(today.AddDays(90)), reason = "设备待采购", beyondOneYearReason = "整改需更换主体设备", version = seen });
        Assert.True(extended.IsSuccessStatusCode, await extended.Content.ReadAsStringAsync());

        await context.SetOfflineAsync(false);
        await page.ClickAsync("#sync-now");
        await Assertions.Expect(page.Locator("#pending-count")).ToHaveTextAsync("待同步 1");
        var conflict = page.Locator(".outbox-item[data-state='conflict']");
        await Assertions.Expect(conflict.Locator(".mine")).ToContainTextAsync("标记为“现场已整改”");
        await Assertions.Expect(conflict.Locator(".server")).ToContainTextAsync("未整改");
        await Assertions.Expect(conflict.Locator(".server")).ToContainTextAsync(D(today.AddDays(90)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "field-conflict.png") });

        Assert.Equal(1L, await fixture.App.ScalarAsync($"SELECT count(*) FROM inspections WHERE inspection_group = '手机检查组' AND enterprise_id = {first}"));
        Assert.Equal(1L, await fixture.App.ScalarAsync("SELECT count(*) FROM hazards WHERE description = '消防通道堵塞（手机记录）'"));
        Assert.Equal(1L, await fixture.App.ScalarAsync("""
            SELECT count(*) FROM attachments a JOIN hazards h ON h.id = a.hazard_id WHERE h.description = '消防通道堵塞（手机记录）'
            """));
        Assert.Equal(1L, await fixture.App.ScalarAsync("""
            SELECT count(*) FROM inspection_positions p JOIN inspections i ON i.id = p.inspection_id
            WHERE i.inspection_group = '手机检查组' AND NOT p.far_from_enterprise
            """));

        await conflict.Locator(".keep-mine").ClickAsync();
        await Assertions.Expect(page.Locator("#pending-count")).ToHaveTextAsync("待同步 0");
        var hazard = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazardId}");
        Assert.Equal("Rectified", hazard.GetProperty("status").GetString());
        Assert.Equal(D(today.AddDays(90)), hazard.GetProperty("deadline").GetString());
        Assert.Equal(1L, await fixture.App.ScalarAsync("SELECT count(*) FROM inspections WHERE inspection_group = '手机检查组'"));
        await context.CloseAsync();
    }

    /// <summary>The route map of the day drawn without a basemap: the stops' township outline, one route line, two stop markers.</summary>
    private static async Task ExpectRouteMapAsync(IPage page)
    {
        var map = page.Locator("#route-map");
        await Assertions.Expect(map.Locator("path.township-outline")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("path.route-line")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("path.route-stop")).ToHaveCountAsync(2);
        // The view is fitted to the route: the line spans most of the 390 × 240 px map, not a few pixels of it.
        var box = await map.Locator("path.route-line").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 150 || box.Height > 100, $"route line {box.Width}×{box.Height} px");
    }
}
