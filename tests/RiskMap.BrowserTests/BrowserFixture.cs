using Microsoft.Playwright;
using RiskMap.TestSupport;

namespace RiskMap.BrowserTests;

/// <summary>
/// The service on the demo district behind a real port, and Debian's Chromium driven by Playwright (never a
/// downloaded browser). Shared by every browser test class through the "browser" collection.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The running service.</summary>
    public KestrelDemoApp App { get; } = new();

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Folder for screenshots: screenshots/ beside the test binaries.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./scripts/test.sh does).");
        await App.InitializeAsync();
        // CI machines are shared and slow: give assertions that wait for the page 20 s instead of 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--lang=zh-CN"],
        });
    }

    /// <summary>A new page (own context, so no state leaks between tests) at 1600×1000, in Chinese.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>
    /// Opens the map (optionally with a #hash state), signs in through the page's form as <paramref name="userName"/>
    /// and waits until the first load is done.
    /// </summary>
    public async Task<IPage> OpenMapAsync(string hash = "", string userName = "leader")
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(App.BaseAddress, "/" + hash).ToString());
        await SignInAsync(page, userName);
        await page.WaitForSelectorAsync("body[data-ready='true'][data-loading='false']");
        return page;
    }

    /// <summary>Fills and submits the sign-in form.</summary>
    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.WaitForSelectorAsync("#login-form");
        await page.FillAsync("#field-userName", userName);
        await page.FillAsync("#field-password", RiskMapApp.Password);
        await page.ClickAsync("#login-form button[type=submit]");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
