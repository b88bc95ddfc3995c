using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Taxpayers;

/// <summary>
/// The taxpayer flow in Debian's Chromium (Playwright, a real Kestrel port, <see cref="TaxpayerCity"/>):
/// sign in with TOTP as 個人番号利用事務担当, search by half-width kana from the menu, open the taxpayer,
/// ask to reveal the My Number with a purpose, re-authenticate with password and a fresh code, and see
/// it — with no personal data in any address the browser visited.
/// </summary>
public sealed class TaxpayerBrowserTests : BrowserHost
{
    protected override Task SeedStoreAsync() => TaxpayerCity.SeedAsync(Store, Clock);

    [Fact]
    public async Task SearchByKana_OpenTaxpayer_RevealMyNumberAfterReauthentication()
    {
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, "63593", "西郷 みどり", [Role.MyNumberClerk]);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        var visited = new List<string>();
        page.Request += (_, r) => { if (r.IsNavigationRequest) visited.Add(r.Url); };

        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        Assert.Equal("西郷 みどり", await page.GetByTestId("banner-name").InnerTextAsync());

        // Search from the menu by half-width kana.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "納税義務者検索" }).ClickAsync();
        Assert.Equal("納税義務者検索", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("氏名（カナ）").FillAsync("ｶｺﾞｼﾏ");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        Assert.Contains("該当 1 件", await page.GetByTestId("result-count").InnerTextAsync());
        Assert.Equal(Url + "/Taxpayers/Search", page.Url);

        // Open the taxpayer: the address is an opaque handle.
        await page.GetByRole(AriaRole.Link, new() { Name = "鹿児島 花子" }).ClickAsync();
        Assert.Equal("納税義務者　鹿児島 花子", await page.Locator("h1").InnerTextAsync());
        var taxpayerUrl = page.Url;
        Assert.StartsWith(Url + "/Taxpayers/View/CfDJ8", taxpayerUrl);
        Assert.Equal("************", await page.GetByTestId("my-number").InnerTextAsync());

        // Reveal: purpose, then 本人確認 (not re-authenticated yet), then back to the taxpayer.
        await page.GetByLabel("利用目的").FillAsync("滞納処分のための財産調査");
        await page.GetByRole(AriaRole.Button, new() { Name = "個人番号を表示" }).ClickAsync();
        Assert.Equal("本人確認", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        Assert.Equal(taxpayerUrl, page.Url);
        await page.GetByLabel("利用目的").FillAsync("滞納処分のための財産調査");
        await page.GetByRole(AriaRole.Button, new() { Name = "個人番号を表示" }).ClickAsync();

        Assert.Equal(TaxpayerCity.HanakoMyNumberGrouped, await page.GetByTestId("my-number").InnerTextAsync());
        Assert.Contains("個人番号を表示しました", await page.Locator("[role=status]").First.InnerTextAsync());

        foreach (var url in visited.Append(page.Url))
        {
            Assert.DoesNotContain(TaxpayerCity.HanakoMyNumber, url);
            Assert.DoesNotContain(TaxpayerCity.HanakoNo, url);
            Assert.DoesNotContain("ｶｺﾞｼﾏ", Uri.UnescapeDataString(url));
        }
        Assert.Empty(problems);
        await context.CloseAsync();

        await using var db = Store.Open();
        var kinds = (await db.AuditEvents.AsNoTracking().Where(e => e.ActorName == "63593").OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync())
            .SkipWhile(k => k != AuditEventKind.LoginSucceeded).ToList(); // after the enrollment's records
        Assert.Equal(
        [
            AuditEventKind.LoginSucceeded, AuditEventKind.TaxpayerSearched, AuditEventKind.TaxpayerViewed, AuditEventKind.AccessDenied,
            AuditEventKind.Reauthenticated, AuditEventKind.TaxpayerViewed, AuditEventKind.MyNumberRevealed, AuditEventKind.TaxpayerViewed,
        ], kinds);
    }
    // A collection clerk's view of the taxpayer page: the search form and its results fit the first screen (1280×800),
    // the search by phone number finds 鹿児島 花子, her page opens on what she owes now (433,500円, four installments) with
    // the facts folded, and opening 基本情報 shows her 電話番号. Screenshots of both pages go to the temp folder to look at.
    [Fact]
    public async Task SearchByPhone_TaxpayerPage_OwedNowFirstFactsFolded()
    {
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, "63602", "東郷 さくら", [Role.CollectionClerk]);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };

        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await page.GotoAsync(Url + "/Taxpayers/Search");
        await page.GetByLabel("電話番号").FillAsync("099-224-1111");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        Assert.Contains("該当 1 件", await page.GetByTestId("result-count").InnerTextAsync());
        var link = page.GetByRole(AriaRole.Link, new() { Name = "鹿児島 花子" });
        var box = await link.BoundingBoxAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "choshu-taxpayer-search.png") });
        Assert.True(box is not null && box.Y + box.Height <= 800, $"the first result is below the first screen (y = {box?.Y})");

        await link.ClickAsync();
        Assert.Equal("合計 433,500円（うち納期限を過ぎた滞納分 333,500円）", await page.GetByTestId("owed-total").InnerTextAsync());
        Assert.Equal(6, await page.GetByTestId("owed").Locator("tr").CountAsync()); // heading, four installments, total
        Assert.True(await page.GetByTestId("owed-total").IsVisibleAsync());
        Assert.False(await page.GetByTestId("phone").IsVisibleAsync()); // folded
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "choshu-taxpayer-view.png") });
        await page.GetByText("基本情報（氏名・生年月日・住所・電話番号・住登状況など）").ClickAsync();
        Assert.Equal("099-224-1111", await page.GetByTestId("phone").InnerTextAsync());
        Assert.Empty(problems);
        await context.CloseAsync();
    }
}
