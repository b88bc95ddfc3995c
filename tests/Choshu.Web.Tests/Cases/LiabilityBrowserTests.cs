using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// A succession recorded on the case file in Debian's Chromium: 故 太郎 (4400000001) owes 市民税 2026 第1期 100,001 due 2026-10-31
/// (late fee under 1,000 yen, so 0); his case's officer is 92501. The officer records his death on 2026-06-01 with the heirs
/// 4400000002 1/2, 4400000003 1/4, 4400000004 1/4 and 4400000002 as 相続人代表者; the case file lists them. The approver then gives
/// the first heir's case (opened by the succession) to the same officer, whose case file shows the heir's part: 50,001 of
/// 100,001 (floor each part, the 1 yen left over to the first heir).
/// </summary>
public sealed class LiabilityBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4400000001", "故 太郎", "2026018001", new DateOnly(2026, 10, 31), 100_001);
        await LedgerSeed.TaxpayerAsync(db, "4400000002", "相続 花子");
        await LedgerSeed.TaxpayerAsync(db, "4400000003", "相続 一郎");
        await LedgerSeed.TaxpayerAsync(db, "4400000004", "相続 二郎");
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

    private static async Task OpenFromWorklistAsync(IPage page, string taxpayerNo)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "担当事案一覧" }).ClickAsync();
        await page.GetByTestId("worklist").GetByRole(AriaRole.Link, new() { Name = taxpayerNo }).ClickAsync();
        Assert.Equal("滞納者カルテ", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Officer_RecordsSuccession_HeirsListed_HeirCaseFileShowsPart50001()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "92501", "上村 一郎", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "92502", "東郷 二郎", [Role.Approver]);
        Actor approver;
        await using (var db = Store.Open())
        {
            var approverId = await db.StaffAccounts.Where(a => a.StaffNo == "92502").Select(a => a.Id).SingleAsync();
            approver = Actor.Staff(approverId, "92502", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(approver, "4400000001");
            await cases.AssignAsync(approver, c.Id, "92501");
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        await SignInAsync(page, officer);
        await OpenFromWorklistAsync(page, "4400000001");

        var form = page.GetByTestId("succession-form");
        await form.GetByLabel("死亡日").FillAsync("2026-06-01");
        await form.GetByLabel("相続人と相続分（1行に 宛名番号:相続分。例 100002:1/2。入力の順が端数の帰属順）").FillAsync("4400000002:1/2\n4400000003:1/4\n4400000004:1/4");
        await form.GetByLabel("相続人代表者の宛名番号").FillAsync("4400000002");
        await form.GetByRole(AriaRole.Button, new() { Name = "承継を記録する" }).ClickAsync();

        Assert.Equal("承継を記録しました。", await page.GetByTestId("done").InnerTextAsync());
        var rows = page.GetByTestId("others-liable").Locator("tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        var first = await rows.Nth(0).InnerTextAsync();
        Assert.Contains("4400000002", first);
        Assert.Contains("相続分 1/2", first);
        Assert.Contains("相続人代表者", first);
        Assert.Contains("相続分 1/4", await rows.Nth(2).InnerTextAsync());

        // Shares that do not make 1 are refused with the sum named.
        await form.GetByLabel("死亡日").FillAsync("2026-06-01");
        await form.GetByLabel("相続人と相続分（1行に 宛名番号:相続分。例 100002:1/2。入力の順が端数の帰属順）").FillAsync("4400000002:1/2");
        await form.GetByLabel("相続人代表者の宛名番号").FillAsync("4400000002");
        await form.GetByRole(AriaRole.Button, new() { Name = "承継を記録する" }).ClickAsync();
        Assert.Contains("相続分の合計が 1/2 です", await page.GetByRole(AriaRole.Alert).InnerTextAsync());

        // The first heir's case, opened by the succession, given to the same officer: the heir's part of the claim.
        await using (var db = Store.Open())
        {
            var heirCase = await new CaseUpdates(db, Clock).FindIdAsync("4400000002");
            await new CaseUpdates(db, Clock).AssignAsync(approver, heirCase!.Value, "92501");
        }
        await OpenFromWorklistAsync(page, "4400000002");
        var liable = page.GetByTestId("liable-for").Locator("tbody tr");
        var line = await liable.Nth(0).InnerTextAsync();
        Assert.Contains("100,001", line);
        Assert.Contains("50,001", line);
        Assert.Contains("50,001", await page.GetByTestId("liable-chargeable").InnerTextAsync());
        Assert.Contains("相続分 1/2 の額を納付する義務を承継", await page.GetByTestId("liability-note").InnerTextAsync());
        Assert.Empty(problems);
        await context.CloseAsync();
    }
}
