using Microsoft.Playwright;
using RiskMap.Api.Features.Notifications;

namespace RiskMap.BrowserTests;

/// <summary>The notification inbox on the page: the header's unread badge, the list, marking read, a chief's deadline view.</summary>
[Collection("browser")]
public sealed class InboxPageTests(BrowserFixture fixture)
{
    private const string Chief = "chief-431103105";

    [Fact]
    public async Task The_badge_counts_the_unread_notifications_and_a_chief_opens_on_the_overdue_ones()
    {
        // Three overdue open hazards of the chief's township, raised through the service's own event call.
        var chiefId = (string)(await fixture.App.ScalarAsync($"SELECT id FROM users WHERE user_name = '{Chief}'"))!;
        var hazards = new List<long>();
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT id FROM hazards WHERE township_code = '431103105' AND status IN ('Open', 'Rectifying') ORDER BY id LIMIT 3", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) hazards.Add(reader.GetInt64(0));
        }
        Assert.Equal(3, hazards.Count);
        foreach (var hazard in hazards)
            await fixture.App.WithDbAsync(db => Notifications.RaiseAsync(db, NotificationKind.Overdue, hazard, TimeProvider.System, null, [chiefId]));
        var unread = (long)(await fixture.App.ScalarAsync($"SELECT count(*) FROM notifications WHERE user_id = '{chiefId}' AND read_at IS NULL"))!;
        Assert.True(unread >= 3);

        var page = await fixture.OpenMapAsync(userName: Chief);
        await Assertions.Expect(page.Locator("#inbox-badge")).ToHaveTextAsync(unread.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-deadline-view", "true");
        Assert.True(await page.Locator("input[name=metric][value=overdue]").IsCheckedAsync());

        await page.ClickAsync("#open-inbox");
        await page.WaitForSelectorAsync("#inbox-dialog");
        foreach (var hazard in hazards)
            await Assertions.Expect(page.Locator($"#inbox-dialog li.unread[data-hazard='{hazard}']")).ToContainTextAsync("逾期未整改");
        await page.ClickAsync("#inbox-read-all");
        await Assertions.Expect(page.Locator("#inbox-count")).ToHaveTextAsync("0 条未读");
        await Assertions.Expect(page.Locator("#inbox-badge")).ToBeHiddenAsync();
        Assert.Equal(0L, await fixture.App.ScalarAsync($"SELECT count(*) FROM notifications WHERE user_id = '{chiefId}' AND read_at IS NULL"));
        await page.Context.CloseAsync();
    }
}
