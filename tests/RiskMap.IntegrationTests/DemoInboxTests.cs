using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.Api.Features.Notifications;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>The start that loads the demo district raises today's reminders once, as the daily job would.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class DemoInboxTests(DemoApp app)
{
    [Fact]
    public async Task A_demo_chiefs_inbox_holds_the_overdue_reminders_of_their_township_and_the_job_repeats_none_the_same_day()
    {
        const string chief = "chief-431103105";
        // Every open overdue hazard of the township has one Overdue reminder for the chief, and nothing else is there.
        var overdue = (long)(await app.ScalarAsync($"""
            SELECT count(*) FROM hazards WHERE township_code = '431103105' AND status IN ('Open', 'Rectifying')
              AND deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date
            """))!;
        Assert.True(overdue > 0);
        var page = await (await app.ClientForAsync(chief)).GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=1");
        Assert.Equal((int)overdue, (int)(long)(await app.ScalarAsync($"""
            SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE u.user_name = '{chief}' AND n.kind = 'Overdue'
            """))!);
        Assert.True(page.GetProperty("total").GetInt32() >= overdue, $"{page} for {overdue} overdue hazards");
        Assert.True(page.GetProperty("unread").GetInt32() >= overdue);

        // The daily job run the same day finds them all raised already.
        var before = await app.ScalarAsync("SELECT count(*) FROM notifications WHERE kind IN ('Overdue', 'DueSoon')");
        var run = await app.WithDbAsync(db => ReminderJob.RunAsync(db, TimeProvider.System, 7, default));
        Assert.True(run.Ran);
        Assert.Equal((0, 0), (run.DueSoon, run.Overdue));
        Assert.Equal(before, await app.ScalarAsync("SELECT count(*) FROM notifications WHERE kind IN ('Overdue', 'DueSoon')"));
    }
}
