using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>The planner's week schedule as a township chief uses it: a date range, two teams, a depot to start from, a day at a time.</summary>
[Collection("browser")]
public sealed partial class SchedulePageTests(BrowserFixture fixture)
{
    private const string Township = "431103105"; // 黄阳司镇
    private const string Depot = "黄阳司镇人民政府";

    [Fact]
    public async Task A_chief_schedules_three_working_days_for_two_teams_from_a_depot_and_reads_each_day_with_clock_times()
    {
        var page = await fixture.OpenMapAsync(userName: $"chief-{Township}");
        await page.ClickAsync("#open-planner");
        await page.FillAsync("#planner-limit", "4");
        await page.ClickAsync("#planner-find");
        await page.WaitForSelectorAsync("#planner[data-state='candidates']");

        await page.CheckAsync("#planner-mode-week");
        await Assertions.Expect(page.Locator("#planner-from")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#planner-hours")).ToBeHiddenAsync();
        // Monday 2 to Wednesday 4 November 2026: three working days.
        await page.FillAsync("#planner-from", "2026-11-02");
        await page.FillAsync("#planner-to", "2026-11-04");
        var due = page.Locator("#planner-due[data-count]");
        await Assertions.Expect(due).ToContainTextAsync("截至 2026-11-04 按检查频次到期");
        var dueCount = int.Parse((await due.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
        Assert.Equal(dueCount, await page.Locator("#planner-due .due-list li").CountAsync());

        await page.FillAsync("#planner-teams", "2");
        await page.FillAsync("#planner-time-limit", "3");
        await page.SelectOptionAsync("#planner-start-depot", new SelectOptionValue { Label = Depot });
        await Assertions.Expect(page.Locator("#planner-start")).ToHaveTextAsync(Depot);
        // A range longer than 31 days: the server's problem, in Chinese, naming the field.
        await page.FillAsync("#planner-to", "2026-12-31");
        await page.ClickAsync("#planner-plan");
        await page.WaitForSelectorAsync("#planner[data-state='error']");
        await Assertions.Expect(page.Locator("#planner-error li")).ToHaveTextAsync("to: 日期范围共 60 天，最多 31 天。");
        await page.FillAsync("#planner-to", "2026-11-04");
        await page.ClickAsync("#planner-plan");
        await page.WaitForSelectorAsync("#planner[data-state='scheduled']", new PageWaitForSelectorOptions { Timeout = 60_000 });

        var days = page.Locator("#planner-days button.planner-day");
        Assert.Equal(["2026-11-02", "2026-11-03", "2026-11-04"], await days.EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.day)"));
        await Assertions.Expect(page.Locator("#planner-summary")).ToContainTextAsync("3 个工作日共走访");

        var visited = 0;
        foreach (var day in new[] { "2026-11-03", "2026-11-02" })
        {
            // Switch the day: the list, the map's numbered stops and the day's start follow it.
            await page.ClickAsync($"#planner-days button[data-day='{day}']");
            await Assertions.Expect(page.Locator($"#planner-day[data-day='{day}']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"#planner-days button[data-day='{day}']")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.Locator("#planner-day-start")).ToContainTextAsync($"08:30 从 {Depot} 出发");
            Assert.Equal(2, await page.Locator("#planner-day .planner-team").CountAsync());
            var times = await page.Locator("#planner-day .visit-times").AllInnerTextsAsync();
            Assert.Equal(times.Count, await page.Locator(".route-stop-marker").CountAsync());
            foreach (var text in times)
            {
                var match = VisitTimes().Match(text);
                Assert.True(match.Success, text);
                var (arrival, departure) = (TimeOnly.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), TimeOnly.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
                Assert.True(arrival >= new TimeOnly(8, 30) && departure <= new TimeOnly(17, 30), text);
                Assert.Equal(TimeSpan.FromMinutes(30), departure - arrival);
            }
            visited += times.Count;
        }
        Assert.True(visited > 0, "no visit on the first two days");
        // More enterprises are due than six team-days hold: those left out are listed with the server's reason.
        await Assertions.Expect(page.Locator("#planner-summary")).ToContainTextAsync("必查企业排不下");
        var dropped = await page.Locator("#planner-dropped li").AllInnerTextsAsync();
        Assert.NotEmpty(dropped);
        Assert.All(dropped, text => Assert.Matches(@"^\S.* — \S", text));
        Assert.Contains(dropped, text => text.Contains(" (必查) — ", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "planner-schedule.png") });

        // The day's visit sheet names the depot the team leaves from.
        var sheet = await page.Locator("#planner-day .planner-team[data-team='1'] a.export-sheet").GetAttributeAsync("href");
        var response = await page.Context.APIRequest.GetAsync(new Uri(fixture.App.BaseAddress, sheet!).ToString());
        Assert.True(response.Ok, $"{response.Status}");
        Assert.Contains(Depot, await response.TextAsync());
    }

    [GeneratedRegex(@"(\d\d:\d\d)–(\d\d:\d\d)$")]
    private static partial Regex VisitTimes();
}
