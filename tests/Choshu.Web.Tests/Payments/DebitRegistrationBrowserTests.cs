using Choshu.Domain.DirectDebit;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Payments;

/// <summary>
/// 口座振替依頼書 typed in on /Payments/DebitRegistration by a 収納担当 (today 2026-11-26 JST): a new registration of 市民税 from
/// 2026年度第3期 at ゆうちょ 記号 10180 番号 12345671 shows in the history as 9900-018 普通 1234567; a holder typed in full-width
/// katakana is refused naming 口座名義カナ with its half-width form, and nothing is recorded for it.
/// </summary>
public sealed class DebitRegistrationBrowserTests : BrowserHost
{
    [Fact]
    public async Task DebitRegistration_TypedInForm_JapanPostAccountConverted_HistoryShown_BadKanaRefused()
    {
        await SeedAsync(Store, "1000000701", "桜島 一郎", "2026010701", new Choshu.TestSupport.LedgerSeed.Inst(1, June30, 30_000));
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, "70001", "口座 担当", [Role.CollectionClerk]);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();

        await page.GotoAsync(Url + "/Payments/DebitRegistration");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "口座振替依頼書の入力" });
        await form.GetByLabel("宛名番号", new() { Exact = true }).FillAsync("1000000701");
        await form.GetByLabel("税目コード（空欄は全税目）", new() { Exact = true }).FillAsync("01");
        await form.GetByLabel("受付日", new() { Exact = true }).FillAsync("2026-11-20");
        await form.GetByLabel("開始年度", new() { Exact = true }).FillAsync("2026");
        await form.GetByLabel("開始期", new() { Exact = true }).FillAsync("3");
        await form.GetByLabel("ゆうちょ記号", new() { Exact = true }).FillAsync("10180");
        await form.GetByLabel("ゆうちょ番号", new() { Exact = true }).FillAsync("12345671");
        await form.GetByLabel("口座名義（半角カナ）", new() { Exact = true }).FillAsync("ｻｸﾗｼﾞﾏ ｲﾁﾛｳ");
        await form.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await page.GetByTestId("recorded").WaitForAsync();
        var accounts = await page.GetByTestId("debit-accounts").InnerTextAsync();
        Assert.Contains("9900-018 普通 1234567", accounts, StringComparison.Ordinal);
        Assert.Contains("2026年度第3期", accounts, StringComparison.Ordinal);
        Assert.Contains("口座振替依頼書", await page.GetByTestId("debit-events").InnerTextAsync(), StringComparison.Ordinal);

        form = page.GetByRole(AriaRole.Form, new() { Name = "口座振替依頼書の入力" });
        await form.GetByLabel("宛名番号", new() { Exact = true }).FillAsync("1000000701");
        await form.GetByLabel("口座名義（半角カナ）", new() { Exact = true }).FillAsync("サクラジマ　イチロウ");
        await form.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        var error = await page.GetByTestId("errors").InnerTextAsync();
        Assert.Contains("口座名義カナ", error, StringComparison.Ordinal);
        Assert.Contains("ｻｸﾗｼﾞﾏ ｲﾁﾛｳ", error, StringComparison.Ordinal);

        await using var db = Store.Open();
        var rows = await db.DirectDebitRegistrations.AsNoTracking().ToListAsync();
        Assert.Equal([(DebitRegistrationKind.New, DebitRegistrationSource.Form, "10180", "018", "1234567")],
            rows.Select(r => (r.Kind, r.Source, r.JapanPostSymbol, r.BranchCode, r.AccountNo)));
        await context.CloseAsync();
    }
}
