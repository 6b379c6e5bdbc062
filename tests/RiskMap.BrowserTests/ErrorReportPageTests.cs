using System.Globalization;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>
/// 纠错 from end to end: a township chief reports an error with a proposed location clicked on the enterprise page's
/// map; an officer of the enterprise's covering department opens the queue from the map's header and rejects it with
/// a reason; the chief reads the outcome under 我的纠错.
/// </summary>
[Collection("browser")]
public sealed class ErrorReportPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_chiefs_report_with_a_clicked_location_is_rejected_by_the_departments_officer_and_the_chief_sees_it()
    {
        // An enterprise in a township, covered by a department: its chief reports, its department's officer decides.
        var row = (string)(await fixture.App.ScalarAsync("""
            SELECT e.id || '|' || e.township_code || '|' || e.department_code FROM enterprises e
            WHERE e.township_code IS NOT NULL AND e.department_code IS NOT NULL ORDER BY e.id LIMIT 1
            """))!;
        var (enterpriseId, township, department) = (row.Split('|')[0], row.Split('|')[1], row.Split('|')[2]);
        var chief = $"chief-{township}";
        var officer = $"officer-{department.Replace('_', '-')}";
        var text = $"地址门牌号有误 {Guid.NewGuid():N}";
        const string reason = "经核实，登记位置正确";

        // The chief: no queue in the header; on the enterprise page the report form's map proposes a location.
        var chiefPage = await fixture.OpenMapAsync(userName: chief);
        await Assertions.Expect(chiefPage.Locator("#open-error-reports")).ToBeHiddenAsync();
        await chiefPage.GotoAsync(new Uri(fixture.App.BaseAddress, $"/enterprise.html?id={enterpriseId}").ToString());
        await Assertions.Expect(chiefPage.Locator("#report-map .leaflet-interactive").First).ToBeAttachedAsync();
        await Assertions.Expect(chiefPage.Locator("#report-location")).ToHaveTextAsync("未选择");
        await chiefPage.FillAsync("#report-text", text);
        await chiefPage.Locator("#report-map").ClickAsync(new LocatorClickOptions { Position = new Position { X = 400, Y = 200 } });
        await Assertions.Expect(chiefPage.Locator("#report-map .proposed-marker")).ToHaveCountAsync(1);
        var chosen = (await chiefPage.Locator("#report-location").TextContentAsync())!;
        Assert.Matches(@"^已选择 \d+\.\d+, \d+\.\d+$", chosen);
        var lonLat = chosen["已选择 ".Length..].Split(", ").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        await chiefPage.ClickAsync("#report-form button[type=submit]");
        var mine = chiefPage.Locator("#my-reports li", new PageLocatorOptions { HasText = text });
        await Assertions.Expect(mine).ToContainTextAsync("待处理");

        // Stored as clicked (the page rounds to 6 decimals), on this enterprise, open.
        var stored = (string)(await fixture.App.ScalarAsync($"""
            SELECT enterprise_id || '|' || status || '|' || round(ST_X(proposed_location)::numeric, 6) || '|' || round(ST_Y(proposed_location)::numeric, 6)
            FROM error_reports WHERE text = '{text}'
            """))!;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{enterpriseId}|Open|{lonLat[0]:F6}|{lonLat[1]:F6}"), stored);

        // The officer: the queue from the header, the report with its subject, reporter and location; rejected with the reason.
        var officerPage = await fixture.OpenMapAsync(userName: officer);
        await officerPage.ClickAsync("#open-error-reports");
        await officerPage.WaitForURLAsync("**/error-reports.html");
        var queued = officerPage.Locator("#queue-reports tbody tr", new PageLocatorOptions { HasText = text });
        // The demo's open report on this enterprise (the loader's first covered enterprise) waits there too, with its proposed point.
        var demo = officerPage.Locator("#queue-reports tbody tr", new PageLocatorOptions { HasText = "企业位置有误" });
        await Assertions.Expect(demo).ToHaveCountAsync(1);
        await Assertions.Expect(demo.Locator(".proposed-location")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d{6}, \d+\.\d{6}$"));
        await Assertions.Expect(queued).ToHaveAttributeAsync("data-status", "Open");
        await Assertions.Expect(queued.Locator("a.report-subject")).ToHaveAttributeAsync("href", $"enterprise.html?id={enterpriseId}");
        await Assertions.Expect(queued.Locator("td").Nth(2)).ToHaveTextAsync(chief);
        await Assertions.Expect(queued.Locator(".proposed-location")).ToHaveTextAsync(
            string.Create(CultureInfo.InvariantCulture, $"{lonLat[0]:F6}, {lonLat[1]:F6}"));
        // Rejecting without a reason is refused with the server's Chinese message; nothing changes.
        await queued.Locator("button.reject").ClickAsync();
        await Assertions.Expect(queued.Locator(".decision-message")).ToContainTextAsync("须说明理由");
        await queued.Locator("textarea.decision-reason").FillAsync(reason);
        await queued.Locator("button.reject").ClickAsync();
        // Decided, it leaves the open queue and shows under 全部 with its outcome.
        await Assertions.Expect(queued).ToHaveCountAsync(0);
        await officerPage.SelectOptionAsync("#queue-status", "");
        await Assertions.Expect(queued).ToHaveAttributeAsync("data-status", "Rejected");
        await Assertions.Expect(queued).ToContainTextAsync(reason);

        // The chief sees the outcome and the reason.
        await chiefPage.ReloadAsync();
        await Assertions.Expect(mine).ToContainTextAsync("已驳回");
        await Assertions.Expect(mine).ToContainTextAsync($"理由：{reason}");
        await chiefPage.Context.CloseAsync();
        await officerPage.Context.CloseAsync();
    }
}
