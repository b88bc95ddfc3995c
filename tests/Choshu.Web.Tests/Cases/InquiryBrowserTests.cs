using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// 財産調査 in Debian's Chromium: 調査 太郎 (4500000001) owes 市民税 2026 第1期 80,000 due 2026-10-31; his case's officer is 92601.
/// The officer adds 鹿児島銀行 本店 (0182-001) on the 照会先 page, records a deposit inquiry from the case file, makes its 照会書 (sent
/// today, answer due 14 days later) and types the bank's answer: an ordinary account ****567 with 523,000 yen. The case file lists the
/// inquiry as 回答済 and the answer with its amount; the full account number is never shown.
/// </summary>
public sealed class InquiryBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4500000001", "調査 太郎", "2026019001", new DateOnly(2026, 10, 31), 80_000);
    }

    private async Task SignInAsync(IPage page, StaffUser user)
    {
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();
    }

    [Fact]
    public async Task Officer_AddsBank_SendsDepositInquiry_EntersAnswer523000_CaseFileShowsIt()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "92601", "伊集院 一郎", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "92602", "東郷 三郎", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var approverId = await db.StaffAccounts.Where(a => a.StaffNo == "92602").Select(a => a.Id).SingleAsync();
            var approver = Actor.Staff(approverId, "92602", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(approver, "4500000001");
            await cases.AssignAsync(approver, c.Id, "92601");
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        await SignInAsync(page, officer);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" });

        // The bank, on the 照会先 page: a 3-digit bank code is refused, then the right one is taken.
        await menu.GetByRole(AriaRole.Link, new() { Name = "照会先" }).ClickAsync();
        var targetForm = page.GetByTestId("target-form");
        await targetForm.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "金融機関" });
        await targetForm.GetByLabel("名称（金融機関は銀行名）").FillAsync("鹿児島銀行");
        await targetForm.GetByLabel("金融機関コード（4桁・金融機関のみ）").FillAsync("182");
        await targetForm.GetByLabel("支店コード（3桁・金融機関のみ）").FillAsync("001");
        await targetForm.GetByLabel("支店名（金融機関のみ）").FillAsync("本店");
        await targetForm.GetByLabel("所在地").FillAsync("鹿児島県鹿児島市金生町6番6号");
        await targetForm.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        Assert.Equal("金融機関コードは4桁の数字で入力してください。", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        await targetForm.GetByLabel("金融機関コード（4桁・金融機関のみ）").FillAsync("0182");
        await targetForm.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        Assert.Contains("鹿児島銀行 本店（0182-001））を登録しました。", await page.GetByTestId("done").InnerTextAsync());

        // The case file: a deposit inquiry to it, then its 照会書.
        await menu.GetByRole(AriaRole.Link, new() { Name = "担当事案一覧" }).ClickAsync();
        await page.GetByTestId("worklist").GetByRole(AriaRole.Link, new() { Name = "4500000001" }).ClickAsync();
        var form = page.GetByTestId("inquiry-form");
        await form.GetByLabel("照会先").SelectOptionAsync(new SelectOptionValue { Label = "金融機関: 鹿児島銀行 本店（0182-001）" });
        await form.GetByLabel("照会事項").SelectOptionAsync(new SelectOptionValue { Label = "預貯金" });
        await form.GetByRole(AriaRole.Button, new() { Name = "照会を記録する" }).ClickAsync();
        Assert.Contains("預貯金）を記録しました（未発送）。", await page.GetByTestId("done").InnerTextAsync());
        var row = page.GetByTestId("inquiries").Locator("tbody tr").Nth(0);
        Assert.Contains("未発送", await row.InnerTextAsync());
        await row.GetByRole(AriaRole.Button, new() { Name = "照会書を作成" }).ClickAsync();
        var sent = await page.GetByTestId("done").InnerTextAsync();
        Assert.Contains("照会書（発行番号", sent);
        var today = Choshu.Domain.Calendar.JapanTime.Today(Clock);
        Assert.Contains($"回答期限 {today.AddDays(14):yyyy-MM-dd}", sent);
        Assert.Contains("照会中", await page.GetByTestId("inquiries").Locator("tbody tr").Nth(0).InnerTextAsync());

        // The bank's answer typed in.
        var answer = page.GetByTestId("answer-form");
        await answer.GetByLabel("回答の種類").SelectOptionAsync(new SelectOptionValue { Label = "預貯金" });
        await answer.GetByLabel("回答日").FillAsync($"{today:yyyy-MM-dd}");
        await answer.GetByLabel("基準日（残高など）").FillAsync($"{today:yyyy-MM-dd}");
        await answer.GetByLabel("金融機関コード").FillAsync("0182");
        await answer.GetByLabel("支店コード").FillAsync("001");
        await answer.GetByLabel("預金種目（1 普通、2 当座、4 貯蓄、9 その他）").FillAsync("1");
        await answer.GetByLabel("口座番号").FillAsync("1234567");
        await answer.GetByLabel("口座名義").FillAsync("ﾁｮｳｻ ﾀﾛｳ");
        await answer.GetByLabel("残高（円）").FillAsync("523,000");
        await answer.GetByRole(AriaRole.Button, new() { Name = "回答を記録する" }).ClickAsync();
        Assert.Contains("の回答", await page.GetByTestId("done").InnerTextAsync());
        var answered = await page.GetByTestId("inquiry-answers").Locator("tbody tr").Nth(0).InnerTextAsync();
        Assert.Contains("****567", answered);
        Assert.Contains("523,000", answered);
        Assert.DoesNotContain("1234567", await page.GetByTestId("inquiry-answers").InnerTextAsync());
        Assert.Contains("回答済", await page.GetByTestId("inquiries").Locator("tbody tr").Nth(0).InnerTextAsync());
        Assert.Empty(problems);
        await context.CloseAsync();
    }
}
