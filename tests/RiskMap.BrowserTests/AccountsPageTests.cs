using System.Globalization;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>Signing in as a township chief and as a district leader, and recording a hazard through the page.</summary>
[Collection("browser")]
public sealed class AccountsPageTests(BrowserFixture fixture)
{
    private const string TownshipPaths = ".leaflet-townships-pane path.leaflet-interactive";

    [Fact]
    public async Task A_chief_sees_only_their_township_records_a_major_hazard_and_the_township_changes_colour()
    {
        const string township = "431103106"; // 上岭桥镇: no open major hazard at the end of the campaign
        var page = await fixture.OpenMapAsync(userName: $"chief-{township}");
        await Assertions.Expect(page.Locator("#user")).ToContainTextAsync("乡镇/街道负责人");
        Assert.Equal(1, await page.Locator(TownshipPaths).CountAsync());
        Assert.True(await page.Locator("#township").IsDisabledAsync());
        Assert.Equal(township, await page.Locator("#township").InputValueAsync());
        await page.WaitForSelectorAsync($"#detail[data-township='{township}'][data-loading='false']");
        // The demo's reminders reach the chief at first start: the page opens on the overdue metric; the test colours by
        // open major hazards.
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-deadline-view", "true");
        await page.CheckAsync("#metric input[value=openMajor]");
        await page.WaitForFunctionAsync("() => document.querySelector('.leaflet-container')?.dataset && document.body.dataset.loading === 'false'");
        await Assertions.Expect(page.Locator(TownshipPaths).First).ToHaveAttributeAsync("fill", "#e8f3e4"); // no open major hazard: class 0
        var before = await page.Locator(TownshipPaths).First.GetAttributeAsync("fill");

        await page.ClickAsync("#record-inspection");
        await page.WaitForSelectorAsync("#inspection-form");
        var option = await page.Locator("#inspection-form datalist option").First.GetAttributeAsync("value");
        await page.FillAsync("#field-enterpriseId", option!);
        await page.FillAsync("#field-inspectionGroup", "浏览器测试组");
        await page.ClickAsync("#add-hazard");
        await page.SelectOptionAsync("#hazard-rows [name=level]", "Major");
        await page.FillAsync("#hazard-rows [name=description]", "液化气钢瓶存放在地下室");
        var deadline = DateTime.UtcNow.AddHours(8).AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.FillAsync("#hazard-rows [name=deadline]", deadline);
        await page.ClickAsync("#inspection-form button[type=submit]");
        await page.WaitForSelectorAsync("#inspection-form", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync("body[data-loading='false']");
        // The record is dated today, after the map's day: the day does not move by itself; the page says so and offers to jump.
        await Assertions.Expect(page.Locator("#as-of-notice")).ToBeVisibleAsync();
        Assert.Equal(before, await page.Locator(TownshipPaths).First.GetAttributeAsync("fill"));
        await page.ClickAsync("#as-of-jump");
        await Assertions.Expect(page.Locator("#as-of")).ToHaveValueAsync(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#as-of-notice")).ToBeHiddenAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('{TownshipPaths}')?.getAttribute('fill') !== '{before}'");

        await Assertions.Expect(page.Locator("#detail-open")).ToContainTextAsync("液化气钢瓶存放在地下室");
        await Assertions.Expect(page.Locator(".kpi").First).ToContainTextAsync("1");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_errors_are_shown_by_field_in_the_pages_language()
    {
        var page = await fixture.OpenMapAsync(userName: "chief-431103105");
        await page.ClickAsync("#record-inspection");
        await page.WaitForSelectorAsync("#inspection-form");
        await page.ClickAsync("#inspection-form button[type=submit]");
        await Assertions.Expect(page.Locator("#inspection-form .field-error[data-for='enterpriseId']")).ToHaveTextAsync("请从列表中选择企业。");
        await Assertions.Expect(page.Locator("#inspection-form .field-error[data-for='inspectionGroup']")).ToHaveTextAsync("必填。");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_district_leader_sees_the_whole_district_and_no_write_controls()
    {
        var page = await fixture.OpenMapAsync(userName: "leader");
        Assert.Equal(18, await page.Locator(TownshipPaths).CountAsync());
        Assert.True(await page.Locator("#actions").IsHiddenAsync());
        Assert.False(await page.Locator("#township").IsDisabledAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_creates_a_user_on_the_page()
    {
        var page = await fixture.OpenMapAsync(userName: "admin");
        await page.ClickAsync("#manage-users");
        await Assertions.Expect(page.Locator("#users-table")).ToContainTextAsync("chief-431103105");
        await page.ClickAsync("#users-dialog button[type=submit]");
        await page.WaitForSelectorAsync("#user-form");
        await page.FillAsync("#field-userName", "inspector-browser");
        await page.FillAsync("#field-displayName", "浏览器检查员");
        await page.FillAsync("#field-password", "Browser-Passw0rd");
        await page.SelectOptionAsync("#field-role", "Inspector");
        await page.FillAsync("#field-townships", "431103104, 431103105");
        await page.ClickAsync("#user-form button[type=submit]");
        await Assertions.Expect(page.Locator("#users-table tr[data-user='inspector-browser']")).ToContainTextAsync("431103104 431103105");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_setting_their_own_password_on_the_page_is_asked_for_the_current_one()
    {
        var page = await fixture.OpenMapAsync(userName: "admin");
        await page.ClickAsync("#manage-users");
        await page.ClickAsync("#users-table tr[data-user='admin'] button");
        await page.WaitForSelectorAsync("#reset-form");
        await page.FillAsync("#field-newPassword", "Never-Saved-Passw0rd");
        await page.ClickAsync("#reset-form button[type=submit]");
        await Assertions.Expect(page.Locator("#reset-form .field-error[data-for='currentPassword']")).ToHaveTextAsync("必填。");
        // A wrong current password comes back from the server under its field; nothing changes.
        await page.FillAsync("#field-currentPassword", "Not-the-Passw0rd");
        await page.ClickAsync("#reset-form button[type=submit]");
        await Assertions.Expect(page.Locator("#reset-form .field-error[data-for='currentPassword']")).ToHaveTextAsync("这不是您当前的密码。");
        await page.Context.CloseAsync();

        // Another user's reset dialog has no such field.
        page = await fixture.OpenMapAsync(userName: "admin");
        await page.ClickAsync("#manage-users");
        await page.ClickAsync("#users-table tr[data-user='leader'] button");
        await page.WaitForSelectorAsync("#reset-form");
        Assert.Equal(0, await page.Locator("#field-currentPassword").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_form()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress.ToString());
        await page.WaitForSelectorAsync("#login-form");
        await page.FillAsync("#field-userName", "leader");
        await page.FillAsync("#field-password", "wrong-password");
        await page.ClickAsync("#login-form button[type=submit]");
        // The server's own message, in the page's language (Chinese by default).
        await Assertions.Expect(page.Locator("#login-form .form-error")).ToContainTextAsync("用户名或密码错误");
        Assert.Equal(0, await page.Locator(TownshipPaths).CountAsync());
        await page.Context.CloseAsync();
    }
}
