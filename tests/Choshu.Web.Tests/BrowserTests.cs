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
public sealed class BrowserTests : BrowserHost
{
    [Fact]
    public async Task LoginPage_KeyboardOnly_LabelsFocusAndSignInWithTotp()
    {
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, "61384", "藤田 千尋", [Role.CollectionClerk]);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };

        await page.GotoAsync(Url + "/Account/Login");
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
        await page.Keyboard.TypeAsync(StaffUsers.NextCode(Clock, user.TotpKey));
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
        var (user, initial) = await StaffUsers.CreateAsync(App.Services, Clock, "62493", "岡田 光", [Role.CollectionClerk], enroll: false);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(Url + "/");
        Assert.Equal(Url + "/Account/Login", page.Url);
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
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();

        Assert.Equal("二要素認証を登録しました", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(10, await page.GetByTestId("recovery-codes").Locator("li").CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "ログイン画面へ" }).ClickAsync();
        Assert.Contains("二要素認証を登録しました。", await page.Locator("[role=status]").InnerTextAsync());

        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        Assert.Equal("岡田 光", await page.GetByTestId("banner-name").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        Assert.Equal("ログアウトしました。", await page.Locator("[role=status]").InnerTextAsync());
        await context.CloseAsync();
    }
}
