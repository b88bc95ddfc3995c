using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// An officer's pledge in Debian's Chromium (today 2026-11-26 JST): 分納 花子 owes 市民税 2026 第1期 60,000 due 2026-06-30; her case's
/// officer is 91501. The officer records a pledge signed today, 2026-11-30 30,000 and 2026-12-25 30,000, prints the 納付誓約書 with
/// its two slips, and the next month (the test clock moved to 2026-12-11, nothing paid: instalment 1's deadline with 10 grace days
/// was 2026-12-10) sees it breached in the list and on its page, and prints the 分納不履行通知書.
/// </summary>
public sealed class PledgeBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4300000001", "分納 花子", "2026017001", new DateOnly(2026, 6, 30), 60_000);
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
    public async Task Officer_RecordsPledge_PrintsForm_SeesBreachNextMonth()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91501", "上村 一郎", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "91502", "東郷 二郎", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var approverId = await db.StaffAccounts.Where(a => a.StaffNo == "91502").Select(a => a.Id).SingleAsync();
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(Actor.Staff(approverId, "91502", "test"), "4300000001");
            await cases.AssignAsync(Actor.Staff(approverId, "91502", "test"), c.Id, "91501");
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        await SignInAsync(page, officer);

        // Record the pledge from the menu.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "分納誓約・約束" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "分納誓約・約束を記録する" }).ClickAsync();
        await page.GetByLabel("宛名番号").FillAsync("4300000001");
        await page.GetByLabel("分納の予定（分納誓約。1行に「YYYY-MM-DD:金額」、古い順に）").FillAsync("2026-11-30:30000\n2026-12-25:30000");
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        Assert.Equal("分納誓約 1", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("履行中", await page.GetByTestId("state").InnerTextAsync());
        var schedule = await page.GetByTestId("instalments").InnerTextAsync();
        Assert.Contains("第1回\t令和8年11月30日\t30,000円\t令和8年12月10日\t0円\t30,000円\t未納", schedule);
        Assert.Contains("分納中", await page.GetByTestId("claims").InnerTextAsync());

        // Print the 納付誓約書 with its slips.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "納付誓約書と納付書を印刷する（PDF）" }).ClickAsync());
        var text = await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains("納付誓約書", text);
        Assert.Contains("分納 花子", text);
        Assert.Contains("令和8年12月25日まで", text);

        // The next month: nothing paid by 2026-12-10, so breached from 2026-12-11.
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 11, 0, 30, 0, TimeSpan.Zero));
        await SignInAsync(page, officer);
        await page.GotoAsync(Url + "/Cases/Pledges");
        var list = await page.GetByTestId("pledges").InnerTextAsync();
        Assert.Contains("4300000001\t分納 花子\t分納誓約\t令和8年11月26日\t不履行\t第1回（令和8年11月30日）未納 30,000円・令和8年12月11日から不履行", list);
        await page.GetByRole(AriaRole.Link, new() { Name = "1", Exact = true }).ClickAsync();
        Assert.Equal("不履行", await page.GetByTestId("state").InnerTextAsync());
        Assert.Contains("令和8年12月11日から不履行です（未納 30,000円）", await page.GetByTestId("breach").InnerTextAsync());
        var letter = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "分納不履行通知書を印刷する（PDF）" }).ClickAsync());
        Assert.Contains("分納不履行通知書", await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await letter.PathAsync())));
        Assert.Empty(problems);
        await context.CloseAsync();

        await using var check = Store.Open();
        var kinds = await check.AuditEvents.AsNoTracking().Where(e => e.ActorName == "91501").Select(e => (int)e.Kind).ToListAsync();
        Assert.Contains(3240, kinds);
        Assert.Contains(3243, kinds);
        Assert.Equal(2, await check.PledgeEvents.CountAsync());
    }
}
