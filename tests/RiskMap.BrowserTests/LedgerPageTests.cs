using System.Globalization;
using Microsoft.Playwright;
using SkiaSharp;

namespace RiskMap.BrowserTests;

/// <summary>
/// The hazard ledger in the hazard dialog, the loop 整改 → 验收 → 销号 through the page: a township chief changes a major
/// hazard's rectification plan and marks it rectified; the sector's department officer, told by the inbox, is refused the
/// acceptance while no "after" photo is attached (the server's Chinese detail in the form); the chief attaches one (and,
/// for an unsupervised hazard, is refused the acceptance of their own rectification); the officer's acceptance with a
/// 销号 document number then passes and the dialog shows 已验收销号 with the photo's thumbnail.
/// </summary>
[Collection("browser")]
public sealed class LedgerPageTests(BrowserFixture fixture)
{
    private const string Township = "431103105";

    [Fact]
    public async Task A_chief_rectifies_a_major_hazard_with_an_after_photo_and_an_officer_closes_it_out_from_the_inbox()
    {
        var chief = await fixture.OpenMapAsync(userName: $"chief-{Township}");
        await chief.WaitForSelectorAsync($"#detail[data-township='{Township}'][data-loading='false']");
        var listed = await chief.Locator("#detail-open li.clickable, #detail-overdue li.clickable")
            .EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.hazard))");
        // A major hazard of the list still to be rectified, decided at county level (the demo gives every major hazard a
        // plan) and with no "after" photo yet; an unsupervised one first, which its chief may also accept.
        var found = await fixture.App.ScalarAsync($"""
            SELECT id FROM hazards WHERE id IN ({string.Join(',', listed.Distinct().DefaultIfEmpty(0))}) AND level = 'Major'
              AND coalesce(supervision_level, 'County') = 'County' AND status IN ('Open', 'Rectifying') AND plan_measures IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.hazard_id = hazards.id AND a.kind = 'After')
            ORDER BY supervised, status DESC, id LIMIT 1
            """);
        Assert.True(found is long, $"no open major hazard decided at county level among the {listed.Length} listed");
        var id = (long)found!;
        var supervised = (bool)(await fixture.App.ScalarAsync($"SELECT supervised FROM hazards WHERE id = {id}"))!;
        var officer = (string)(await fixture.App.ScalarAsync($"""
            SELECT u.user_name FROM users u JOIN departments d ON d.code = u.department_code JOIN hazards h ON h.sector = ANY (d.sectors)
            WHERE h.id = {id} AND u.user_name LIKE 'officer-%' ORDER BY u.user_name LIMIT 1
            """))!;

        await chief.Locator($"li.clickable[data-hazard='{id}']").First.ClickAsync();
        await chief.WaitForSelectorAsync("#hazard-dialog #ledger");
        await Assertions.Expect(chief.Locator("#ledger h4")).ToHaveTextAsync("隐患台账");
        await Assertions.Expect(chief.Locator("#ledger")).ToContainTextAsync("整改方案（五到位）");

        // The plan (五到位): the demo's, with other funds.
        await chief.ClickAsync("#ledger-set-plan");
        await chief.FillAsync("#plan-form #field-fundsYuan", "35000.50");
        await chief.ClickAsync("#plan-form button[type=submit]");
        await Assertions.Expect(chief.Locator("#hazard-dialog #ledger-plan")).ToContainTextAsync("整改资金（元）：35,000.50");

        // Open → Rectifying when needed, then Rectified with a note; the dialog shows the hazard again after each step.
        if (await chief.Locator("#hazard-status").TextContentAsync() == "未整改")
        {
            await chief.ClickAsync("#hazard-dialog button[type=submit]");
            await Assertions.Expect(chief.Locator("#hazard-status")).ToHaveTextAsync("整改中");
        }
        await chief.FillAsync("#hazard-dialog #field-note", "护栏已安装，气瓶已固定");
        await chief.ClickAsync("#hazard-dialog button[type=submit]");
        await Assertions.Expect(chief.Locator("#hazard-status")).ToHaveTextAsync("已整改");

        // The officer's badge counts the acceptance requested of them; the inbox opens the hazard.
        var officerId = (string)(await fixture.App.ScalarAsync($"SELECT id FROM users WHERE user_name = '{officer}'"))!;
        Assert.Equal(1L, await fixture.App.ScalarAsync(
            $"SELECT count(*) FROM notifications WHERE user_id = '{officerId}' AND hazard_id = {id} AND kind = 'AcceptanceRequested' AND read_at IS NULL"));
        var unread = (long)(await fixture.App.ScalarAsync($"SELECT count(*) FROM notifications WHERE user_id = '{officerId}' AND read_at IS NULL"))!;
        var page = await fixture.OpenMapAsync(userName: officer);
        await Assertions.Expect(page.Locator("#inbox-badge")).ToHaveTextAsync(unread.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("#open-inbox");
        await page.ClickAsync($"#inbox-dialog li[data-kind='AcceptanceRequested'][data-hazard='{id}'] button");
        await page.WaitForSelectorAsync("#hazard-dialog #ledger");
        Assert.Equal(0L, await fixture.App.ScalarAsync(
            $"SELECT count(*) FROM notifications WHERE user_id = '{officerId}' AND hazard_id = {id} AND kind = 'AcceptanceRequested' AND read_at IS NULL"));

        // No "after" photo yet: the major hazard does not pass, and the form says why in the server's Chinese.
        await page.ClickAsync("#ledger-accept");
        await page.FillAsync("#acceptance-form #field-documentNumber", "冷安销〔2026〕测1号");
        await page.FillAsync("#acceptance-form #field-note", "现场核查合格");
        await page.ClickAsync("#acceptance-form button[type=submit]");
        await Assertions.Expect(page.Locator("#acceptance-form .form-error")).ToContainTextAsync("缺少整改后照片");
        await Assertions.Expect(page.Locator("#acceptance-form .form-error")).ToContainTextAsync($"重大隐患 {id} 验收通过（销号）前须至少上传一张整改后照片");

        // The chief attaches the "after" photo, drawn here, in the dialog still open.
        await chief.SelectOptionAsync("#evidence-kind", "After");
        await chief.SetInputFilesAsync("#evidence-file", new FilePayload { Name = "整改后.png", MimeType = "image/png", Buffer = AfterPhoto() });
        await chief.ClickAsync("#evidence-upload");
        await Assertions.Expect(chief.Locator("#evidence-list .evidence-item[data-kind='After']")).ToContainTextAsync("整改后.png");

        // The chief may accept an unsupervised hazard of the township, but not their own rectification: the server's
        // detail, in Chinese. A supervised one is the officer's alone: no acceptance for the chief.
        if (supervised)
        {
            await Assertions.Expect(chief.Locator("#ledger-accept")).ToHaveCountAsync(0);
        }
        else
        {
            await chief.ClickAsync("#ledger-accept");
            await chief.FillAsync("#acceptance-form #field-documentNumber", "冷安销〔2026〕测1号");
            await chief.ClickAsync("#acceptance-form button[type=submit]");
            await Assertions.Expect(chief.Locator("#acceptance-form .form-error")).ToContainTextAsync("验收人不能是整改人");
            await Assertions.Expect(chief.Locator("#acceptance-form .form-error")).ToContainTextAsync($"用户 chief-{Township} 将该隐患标记为已整改");
        }
        await chief.Context.CloseAsync();

        // The officer sends the same form again: it passes.
        await page.ClickAsync("#acceptance-form button[type=submit]");
        await Assertions.Expect(page.Locator("#hazard-dialog #hazard-status")).ToHaveTextAsync("已验收销号");
        await Assertions.Expect(page.Locator("#ledger-document-number")).ToHaveTextAsync("冷安销〔2026〕测1号");
        await Assertions.Expect(page.Locator("#ledger-acceptances li[data-result='Pass']").Last).ToContainTextAsync($"合格（销号） · {officer}");
        await Assertions.Expect(page.Locator("#ledger-accept")).ToHaveCountAsync(0);
        var thumbnail = page.Locator("#evidence-list .evidence-item[data-kind='After'] img").Last;
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("/thumbnail$"));
        await page.WaitForFunctionAsync(
            "() => { const i = [...document.querySelectorAll(\"#evidence-list .evidence-item[data-kind='After'] img\")].pop(); return i && i.complete && i.naturalWidth > 0; }");
        Assert.Equal("Closed", await fixture.App.ScalarAsync($"SELECT status FROM hazards WHERE id = {id}"));
        Assert.Equal("冷安销〔2026〕测1号", await fixture.App.ScalarAsync($"SELECT close_document_number FROM hazards WHERE id = {id}"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "hazard-ledger.png") });
        await page.Context.CloseAsync();
    }

    /// <summary>A 480 × 360 PNG: a grey wall behind a yellow guard rail, drawn with SkiaSharp.</summary>
    private static byte[] AfterPhoto()
    {
        using var surface = SKSurface.Create(new SKImageInfo(480, 360));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xB0, 0xB4, 0xB8));
        using var rail = new SKPaint { Color = new SKColor(0xF2, 0xC2, 0x1B), StrokeWidth = 12, IsAntialias = true };
        canvas.DrawLine(40, 220, 440, 220, rail);
        canvas.DrawLine(40, 280, 440, 280, rail);
        for (var x = 60; x <= 420; x += 90) canvas.DrawLine(x, 200, x, 330, rail);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
