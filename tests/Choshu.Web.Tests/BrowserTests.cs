using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Choshu.Web.Tests;

/// <summary>
/// Debian's Chromium (installed by scripts/ensure-chromium.sh, never downloaded by Playwright), driven
/// by Playwright for .NET, against the app on a real Kestrel port.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    /// <summary>What the machine notes say Chromium needs here (no sandbox as root; no background network on a closed network).</summary>
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly FakeTimeProvider _clock = new(WebFixture.Start);
    private TestStore _store = null!;
    private WebApplication _app = null!;
    private string _url = "";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHOSHU_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"Chromium is not at {path}: run the tests with ./test.sh, which installs Debian's chromium (scripts/ensure-chromium.sh).");
    }

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _store = await TestStore.CreatePostgresAsync();
        _app = ChoshuWeb.BuildApp(["--urls", "http://127.0.0.1:0"], _store.Store, _clock);
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task LoginPage_KeyboardOnly_LabelsFocusAndSignInWithTotp()
    {
        var (user, _) = await StaffUsers.CreateAsync(_app.Services, _clock, "61384", "藤田 千尋", [Role.CollectionClerk]);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };

        await page.GotoAsync(_url + "/Account/Login");
        Assert.Equal("ログイン | Choshu 市税収納管理", await page.TitleAsync());
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        // Each field is reachable by its Japanese label.
        Assert.Equal("staff-no", await page.GetByLabel("職員番号", new() { Exact = true }).GetAttributeAsync("id"));
        Assert.Equal("password", await page.GetByLabel("パスワード", new() { Exact = true }).GetAttributeAsync("id"));
        Assert.Equal("code", await page.GetByLabel("確認コード（6桁）").GetAttributeAsync("id"));

        // Keyboard only: the first Tab reaches the skip link, Enter jumps to the main content, the next Tab the first field.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("本文へ移動", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("staff-no", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal("3px", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineWidth"));
        await page.Keyboard.TypeAsync(user.StaffNo);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(user.Password);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("code", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(StaffUsers.NextCode(_clock, user.TotpKey));
        await page.Keyboard.PressAsync("Enter");
        // Home (the URL keeps the skip link's #main: a redirect without a fragment inherits the request's).
        await page.GetByTestId("banner-name").WaitForAsync();
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);

        Assert.Equal("藤田 千尋", await page.GetByTestId("banner-name").InnerTextAsync());
        Assert.Equal("ホーム | Choshu 市税収納管理", await page.TitleAsync());
        Assert.Empty(problems); // no CSP violation or failed resource
        await context.CloseAsync();
    }

    [Fact]
    public async Task FirstLogin_JavaScriptDisabled_EnrollsWithQrCodeAndSignsIn()
    {
        var (user, initial) = await StaffUsers.CreateAsync(_app.Services, _clock, "62493", "岡田 光", [Role.CollectionClerk], enroll: false);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(_url + "/");
        Assert.Equal(_url + "/Account/Login", page.Url);
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(initial);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        Assert.Equal("二要素認証の登録", await page.Locator("h1").InnerTextAsync());
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "認証アプリに登録するための QR コード" });
        Assert.True(await qr.IsVisibleAsync());
        var box = await qr.BoundingBoxAsync();
        Assert.True(box is { Width: > 150, Height: > 150 }, "the QR code is drawn large enough to scan");
        var key = (await page.GetByTestId("enroll-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);

        const string newPassword = "夏は夜。月のころはさらなり、闇もなほ";
        await page.GetByLabel("管理者から受け取った初期パスワード").FillAsync(initial);
        await page.GetByLabel("新しいパスワード", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("新しいパスワード（確認のためもう一度）").FillAsync(newPassword);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(_clock, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();

        Assert.Equal("二要素認証を登録しました", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(10, await page.GetByTestId("recovery-codes").Locator("li").CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "ログイン画面へ" }).ClickAsync();
        Assert.Contains("二要素認証を登録しました。", await page.Locator("[role=status]").InnerTextAsync());

        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(_clock, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        Assert.Equal("岡田 光", await page.GetByTestId("banner-name").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        Assert.Equal("ログアウトしました。", await page.Locator("[role=status]").InnerTextAsync());
        await context.CloseAsync();
    }
}
