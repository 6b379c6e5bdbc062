using System.Text.Json;
using Microsoft.Playwright;

namespace RiskMap.BrowserTests;

/// <summary>
/// A page of another origin on the same host (another loopback port: same site, so the SameSite=Strict session cookie
/// goes along) posts a multipart form with a file to the service's import upload while an admin is signed in. Chromium
/// sends the cookie, and the service refuses the request; the same form from the service's own page is accepted.
/// </summary>
[Collection("browser")]
public sealed class CrossOriginFormTests(BrowserFixture fixture)
{
    // Builds a multipart form with a file field and submits it, as a page's script can without asking anyone.
    private const string SubmitForm = """
        (action) => {
          const form = document.createElement('form');
          form.method = 'post';
          form.enctype = 'multipart/form-data';
          form.action = action;
          const input = document.createElement('input');
          input.type = 'file';
          input.name = 'file';
          const files = new DataTransfer();
          files.items.add(new File(['{"type":"FeatureCollection","features":[]}'], 'forged.geojson', { type: 'application/geo+json' }));
          input.files = files.files;
          form.append(input);
          document.body.append(form);
          form.submit();
        }
        """;

    [Fact]
    public async Task A_multipart_form_posted_from_another_loopback_origin_with_the_admins_cookie_is_refused()
    {
        var page = await fixture.OpenMapAsync(userName: "admin");
        var service = fixture.App.BaseAddress;
        var upload = new Uri(service, "/api/v1/imports/uploads").ToString();
        // Another port of the same host: nothing listens there; Playwright answers for it with the other site's page,
        // whose own script posts the form when its button is clicked.
        var other = new UriBuilder(service) { Port = service.Port == 65535 ? 65534 : service.Port + 1 }.Uri;
        await page.Context.RouteAsync(new Uri(other, "/**").ToString(), route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Body = $$"""
                <!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>抽奖活动</title>
                <button id="go" type="button">领取奖品</button>
                <script>document.getElementById('go').addEventListener('click', () => ({{SubmitForm}})({{JsonSerializer.Serialize(upload)}}));</script>
                </html>
                """,
        }));
        var attacker = await page.Context.NewPageAsync();
        await attacker.GotoAsync(new Uri(other, "/prize.html").ToString());

        var forged = await attacker.RunAndWaitForResponseAsync(() => attacker.ClickAsync("#go"), r => r.Url == upload);
        var sent = await forged.Request.AllHeadersAsync();
        Assert.Equal(other.GetLeftPart(UriPartial.Authority), sent["origin"]);
        Assert.Contains("riskmap=", sent["cookie"]); // the admin's session went along
        Assert.StartsWith("multipart/form-data", sent["content-type"]);
        Assert.Equal(403, forged.Status);
        var problem = JsonDocument.Parse(await forged.TextAsync()).RootElement;
        Assert.Equal("cross-origin-write", problem.GetProperty("code").GetString());
        // Chromium adds Sec-Fetch-Site below what Playwright shows of a request; the service names what it received.
        Assert.Contains("(Sec-Fetch-Site: same-site)", problem.GetProperty("detail").GetString());
        await attacker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "cross-origin-form-refused.png") });

        // The same form from the service's own page is an ordinary upload.
        var own = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync(SubmitForm, upload), r => r.Url == upload);
        Assert.Equal(service.GetLeftPart(UriPartial.Authority), (await own.Request.AllHeadersAsync())["origin"]);
        Assert.Equal(201, own.Status);
        Assert.Equal("forged.geojson", JsonDocument.Parse(await own.TextAsync()).RootElement.GetProperty("fileName").GetString());
        await page.Context.CloseAsync();
    }
}
