using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Payments;

/// <summary>
/// For the payment and import browser tests: the app on a real Kestrel port over a fresh PostgreSQL store and a
/// clock at 2026-11-26 12:00 JST, and Debian's Chromium driven by Playwright (<see cref="BrowserHost"/>), plus a signed-in page.
/// </summary>
public abstract class PaymentBrowser : BrowserHost
{
    /// <summary>A 収納担当 signed in through the login page in a new browser context; console errors and warnings are collected.</summary>
    protected async Task<(IPage Page, List<string> Problems)> SignedInPageAsync(string staffNo, string name, bool javaScript = true)
    {
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, staffNo, name, [Role.CollectionClerk]);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", JavaScriptEnabled = javaScript });
        // The machine running the tests may be busy (two cores shared by several test runs): wait up to a minute.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();
        return (page, problems);
    }
}
