using Microsoft.Playwright;
using RiskMap.Api.Features.Attachments;

namespace RiskMap.BrowserTests;

/// <summary>A township chief attaches a photo on a hazard's panel and sees its re-encoded thumbnail with its EXIF facts.</summary>
[Collection("browser")]
public sealed class EvidencePageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_chief_attaches_an_after_photo_on_the_hazard_panel_and_sees_its_thumbnail()
    {
        const string township = "431103105";
        var page = await fixture.OpenMapAsync(userName: $"chief-{township}");
        await page.WaitForSelectorAsync($"#detail[data-township='{township}'][data-loading='false']");
        await page.Locator("#detail-open li.clickable").First.ClickAsync();
        await page.WaitForSelectorAsync("#hazard-dialog #evidence");
        await Assertions.Expect(page.Locator("#evidence h4")).ToHaveTextAsync("整改证据（照片与文件）");
        var before = await page.Locator("#evidence-list .evidence-item").CountAsync();

        // A drawn photo with EXIF from the day of the test, 3 km north-east of nowhere in particular: its time is shown.
        var photo = JpegExif.Insert(DemoEvidence.Photo("BROWSER-1", after: true, 0), new DateTime(2026, 5, 4, 10, 20, 30), 26.42, 111.61);
        await page.SelectOptionAsync("#evidence-kind", "After");
        await page.SetInputFilesAsync("#evidence-file", new FilePayload { Name = "整改后.jpg", MimeType = "image/jpeg", Buffer = photo });
        await page.ClickAsync("#evidence-upload");

        var added = page.Locator("#evidence-list .evidence-item[data-kind='After']").Last;
        await Assertions.Expect(page.Locator("#evidence-list .evidence-item")).ToHaveCountAsync(before + 1);
        await Assertions.Expect(added).ToContainTextAsync("整改后照片");
        await Assertions.Expect(added).ToContainTextAsync("整改后.jpg");
        await Assertions.Expect(added).ToContainTextAsync("拍摄位置：北纬 26.42000，东经 111.61000");
        // The thumbnail is the server's JPEG, loaded and at most 320 pixels wide.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#evidence-list .evidence-item:last-child img'); return i && i.complete && i.naturalWidth > 0; }");
        var width = await added.Locator("img").EvaluateAsync<int>("i => i.naturalWidth");
        Assert.Equal(320, width);
        Assert.EndsWith("/thumbnail", await added.Locator("img").GetAttributeAsync("src"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "hazard-evidence.png") });
        await page.Context.CloseAsync();
    }
}
