using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>The map's search box leads to an enterprise's page, which shows its whole history in date order and prints.</summary>
[Collection("browser")]
public sealed class EnterprisePageBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Search_opens_the_enterprise_page_with_its_history_in_date_order()
    {
        // The demo enterprise with the longest history: its name is what a user types.
        var name = (string)(await fixture.App.ScalarAsync("""
            SELECT e.name FROM enterprises e
            WHERE (SELECT count(*) FROM hazards h WHERE h.enterprise_id = e.id) > 0
              AND (SELECT count(*) FROM enterprises o WHERE o.name = e.name) = 1
            ORDER BY (SELECT count(*) FROM inspections i WHERE i.enterprise_id = e.id) DESC, e.id LIMIT 1
            """))!;
        var events = (long)(await fixture.App.ScalarAsync($"""
            SELECT (SELECT count(*) FROM inspections WHERE enterprise_id = e.id) + (SELECT count(*) FROM enforcement_actions WHERE enterprise_id = e.id)
                 + (SELECT count(*) + count(rectifying_on) + count(rectified_on) + count(closed_on) FROM hazards WHERE enterprise_id = e.id)
                 + (SELECT count(*) FROM deadline_extensions x JOIN hazards h ON h.id = x.hazard_id WHERE h.enterprise_id = e.id)
            FROM enterprises e WHERE e.name = '{name.Replace("'", "''")}'
            """))!;

        var page = await fixture.OpenMapAsync(userName: "admin");
        await page.FillAsync("#search", name);
        var first = page.Locator("#search-results li.clickable").First;
        await Assertions.Expect(first).ToContainTextAsync(name);
        await first.ClickAsync();

        await page.WaitForURLAsync("**/enterprise.html?id=*");
        await Assertions.Expect(page.Locator("#enterprise-name")).ToHaveTextAsync(name);
        var rows = page.Locator("#enterprise-timeline tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync((int)events);
        var dates = await page.Locator("#enterprise-timeline tbody tr td:first-child").AllTextContentsAsync();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        await Assertions.Expect(page.Locator("#enterprise-hazards tbody tr").First).ToBeVisibleAsync();

        // Printed: the report without the map's controls or the error-report form.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator("#report-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#print-page")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#enterprise-timeline")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
