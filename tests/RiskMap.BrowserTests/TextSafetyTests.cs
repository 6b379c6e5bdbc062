using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>Names from data are shown as text: markup in a name runs nothing.</summary>
[Collection("browser")]
public sealed class TextSafetyTests(BrowserFixture fixture)
{
    private const string Injected = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_township_and_an_enterprise_named_with_markup_show_the_characters_and_run_nothing()
    {
        const string township = "431103201"; // 杨村甸乡
        var original = (string)(await fixture.App.ScalarAsync($"SELECT name FROM townships WHERE code = '{township}'"))!;
        var enterpriseId = (long)(await fixture.App.ScalarAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{township}'"))!;
        var enterpriseName = (string)(await fixture.App.ScalarAsync($"SELECT name FROM enterprises WHERE id = {enterpriseId}"))!;
        await fixture.App.ExecuteAsync($"UPDATE townships SET name = '{Injected}' WHERE code = '{township}'");
        await fixture.App.ExecuteAsync($"UPDATE enterprises SET name = '{Injected}' WHERE id = {enterpriseId}");
        try
        {
            var page = await fixture.NewPageAsync();
            var dialogs = 0;
            page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
            await page.GotoAsync(new Uri(fixture.App.BaseAddress, $"/#township={township}").ToString());
            await BrowserFixture.SignInAsync(page, "leader");
            await page.WaitForSelectorAsync($"#detail[data-township='{township}'][data-loading='false']");

            await Assertions.Expect(page.Locator("#detail-name")).ToHaveTextAsync(Injected);
            Assert.Equal(Injected, await page.Locator($"#township option[value='{township}']").InnerTextAsync());
            Assert.Equal(0, await page.Locator("#detail img, #township img, .leaflet-popup img").CountAsync());

            // A link naming the enterprise opens its popup: the name must read as text there too.
            await page.GotoAsync(new Uri(fixture.App.BaseAddress, $"/#township={township}&enterprise={enterpriseId}").ToString());
            await page.ReloadAsync();
            await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
            await Assertions.Expect(page.Locator(".leaflet-popup-content h4")).ToHaveTextAsync(Injected);
            Assert.Equal(0, await page.Locator(".leaflet-popup img").CountAsync());
            await page.WaitForTimeoutAsync(500);
            Assert.Equal(0, dialogs);
            await page.Context.CloseAsync();
        }
        finally
        {
            await fixture.App.ExecuteAsync($"UPDATE townships SET name = '{original}' WHERE code = '{township}'");
            await fixture.App.ExecuteAsync($"UPDATE enterprises SET name = '{enterpriseName.Replace("'", "''")}' WHERE id = {enterpriseId}");
        }
    }
}
