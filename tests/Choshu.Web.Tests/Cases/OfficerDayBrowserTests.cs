using System.Text.RegularExpressions;
using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// An officer's day in Debian's Chromium (today 2026-11-26 JST), the walk of issue 13's done-when: 誓約 一郎 owes 市民税 2026 第1期
/// 40,000 (due 2026-06-30, 通知書番号 2026017101) and 固定資産税 2026 第1期 15,000 (due 2026-04-30, 2026027101); his case's officer
/// is 91601. The officer signs in, opens 担当事案一覧, the case file, logs a phone call, records from the case file a pledge
/// over the 市民税 claim only (the 固定資産税 one unticked), signed today: 2026-11-30 20,000 and 2026-12-25 20,000; prints the
/// 納付誓約書 with its two slips (read back with pdftotext: name, amounts, dates). The next month (the test clock at 2026-12-11,
/// nothing paid: instalment 1's deadline with 10 grace days was 2026-12-10) the worklist filtered to 分納不履行のみ shows the case
/// as 不履行, and the case file says the breach began 令和8年12月11日 with 20,000 unpaid.
/// </summary>
public sealed class OfficerDayBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4400000001", "誓約 一郎", "2026017101", new DateOnly(2026, 6, 30), 40_000);
        var id = await db.Taxpayers.Where(t => t.TaxpayerNo == "4400000001").Select(t => t.Id).SingleAsync();
        await LedgerSeed.AssessmentAsync(db, id, "02", 2026, "2026027101", new LedgerSeed.Inst(1, new DateOnly(2026, 4, 30), 15_000));
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
    public async Task Officer_Worklist_CaseFile_Call_Pledge_Print_BreachNextMonth()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91601", "西郷 隆", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "91602", "大久保 利", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var approverId = await db.StaffAccounts.Where(a => a.StaffNo == "91602").Select(a => a.Id).SingleAsync();
            var approver = Actor.Staff(approverId, "91602", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(approver, "4400000001");
            await cases.AssignAsync(approver, c.Id, "91601");
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        await SignInAsync(page, officer);

        // The worklist, then the case file.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "担当事案一覧" }).ClickAsync();
        Assert.Contains("91601 西郷 隆 の事案 1 件", await page.GetByTestId("worklist-head").InnerTextAsync());
        await page.GetByTestId("worklist").GetByRole(AriaRole.Link, new() { Name = "4400000001" }).ClickAsync();
        Assert.Equal("滞納者カルテ", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("誓約 一郎", await page.GetByTestId("case-head").InnerTextAsync());
        Assert.Contains("合計 2 件: 本税 55,000円", await page.GetByTestId("grand-total").InnerTextAsync());

        // A phone call.
        var logForm = page.GetByTestId("log-form");
        await logForm.GetByLabel("方法").SelectOptionAsync(new SelectOptionValue { Label = "電話" });
        await logForm.GetByLabel("相手方").FillAsync("本人");
        await logForm.GetByLabel("内容").FillAsync("本人と通話。市民税を2回に分けて納めると。誓約書を郵送する。");
        await logForm.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        Assert.StartsWith("経過記録", await page.GetByTestId("done").InnerTextAsync());
        Assert.Contains("本人と通話。市民税を2回に分けて納めると。", await page.GetByTestId("log").Locator("tbody tr").First.InnerTextAsync());

        // The pledge, from the case file, over the 市民税 claim only.
        var pledgeForm = page.GetByTestId("pledge-form");
        await pledgeForm.GetByLabel(new Regex("2026027101")).UncheckAsync();
        Assert.True(await pledgeForm.GetByLabel(new Regex("2026017101")).IsCheckedAsync());
        Assert.Equal("2026-11-26", await pledgeForm.GetByLabel("誓約日（署名日）").InputValueAsync());
        await pledgeForm.GetByLabel("分納の予定（1行に「YYYY-MM-DD:金額」、古い順に）").FillAsync("2026-11-30:20000\n2026-12-25:20000");
        await pledgeForm.GetByRole(AriaRole.Button, new() { Name = "分納誓約を記録する" }).ClickAsync();
        Assert.Equal("分納誓約 1", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("履行中", await page.GetByTestId("state").InnerTextAsync());
        Assert.Contains("第1回\t令和8年11月30日\t20,000円\t令和8年12月10日\t0円\t20,000円\t未納", await page.GetByTestId("instalments").InnerTextAsync());
        var claims = await page.GetByTestId("claims").InnerTextAsync();
        Assert.Contains("2026017101", claims);
        Assert.DoesNotContain("2026027101", claims);

        // The 納付誓約書 with a slip per instalment.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "納付誓約書と納付書を印刷する（PDF）" }).ClickAsync());
        var text = await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains("納付誓約書", text);
        Assert.Contains("誓約 一郎", text);
        Assert.Contains("令和8年11月30日", text);
        Assert.Contains("令和8年12月25日", text);
        Assert.Contains("20,000", text);
        Assert.Contains("40,000", text);

        // The next month: nothing paid by 2026-12-10, so breached from 2026-12-11.
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 11, 0, 30, 0, TimeSpan.Zero));
        await SignInAsync(page, officer);
        await page.GotoAsync(Url + "/Cases/Worklist");
        await page.GetByLabel("分納不履行のみ").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        Assert.Contains("の事案 1 件", await page.GetByTestId("worklist-head").InnerTextAsync());
        var row = await page.GetByTestId("worklist").Locator("tbody tr").First.InnerTextAsync();
        Assert.Contains("4400000001\t誓約 一郎", row);
        Assert.Contains("\t不履行\t", row);
        await page.GetByTestId("worklist").GetByRole(AriaRole.Link, new() { Name = "4400000001" }).ClickAsync();
        Assert.Contains("分納誓約 1 の第1回（令和8年11月30日まで 20,000円）が猶予 10 日を過ぎても納付されていません。令和8年12月11日から不履行です（未納 20,000円）。",
            await page.GetByTestId("case-breach").InnerTextAsync());
        Assert.Contains("1\t分納誓約\t令和8年11月26日\t不履行\t0円／40,000円", await page.GetByTestId("case-pledges").InnerTextAsync());
        Assert.Empty(problems);
        await context.CloseAsync();

        await using var check = Store.Open();
        var kinds = await check.AuditEvents.AsNoTracking().Where(e => e.ActorName == "91601").Select(e => (int)e.Kind).ToListAsync();
        Assert.Contains(3240, kinds);
        var covered = await check.PledgeClaims.AsNoTracking().Select(c => c.InstallmentId).ToListAsync();
        var civic = await check.Installments.AsNoTracking().Where(i => i.Assessment!.NoticeNo == "2026017101").Select(i => i.Id).SingleAsync();
        Assert.Equal([civic], covered);
    }
}
