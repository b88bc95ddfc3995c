using Choshu.App.Cases;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.Domain.Claims;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// 差押 from the case file in Debian's Chromium (today 2026-11-26 JST). 差押 花子 owes 市民税 2026 第1期 60,000 due 2026-10-31, reminded
/// 2026-11-05 (seizable from 2026-11-16); the late fee to 2026-11-25 is under 1,000 yen, so 0. Her officer 91701 first tries a seizure
/// dated 2026-11-15 (refused: before the seizable-from day), then seizes her deposit at 鹿児島銀行 本店 for 60,000 on 2026-11-20, issues
/// and downloads the 債権差押通知書, records its arrival on 2026-11-24 and books the 60,000 collected on 2026-11-25: the claim is paid
/// (計 0円) and the seizure has ended.
/// </summary>
public sealed class SeizureBrowserTests : BrowserHost
{
    private long caseId;

    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4500000001", "差押 花子", "2026017201", new DateOnly(2026, 10, 31), 60_000);
    }

    private async Task<IPage> SignInAsync(StaffUser user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task Deposit_SeizedFromTheCaseFile_NoticePrinted_ArrivalRecorded_RecoveryBooked_ClaimPaid_SeizureEnded()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91701", "島津 一郎", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "91702", "大久保 二郎", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var ids = await db.StaffAccounts.Where(a => a.StaffNo == "91701" || a.StaffNo == "91702").ToDictionaryAsync(a => a.StaffNo, a => a.Id);
            var approver = Actor.Staff(ids["91702"], "91702", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(approver, "4500000001");
            await cases.AssignAsync(approver, c.Id, "91701");
            caseId = c.Id;
            var inst = await db.Installments.Where(i => i.Assessment!.NoticeNo == "2026017201").Select(i => i.Id).SingleAsync();
            await new ClaimEvents(db, Clock).RecordAsync(Actor.Staff(ids["91701"], "91701", "test"), inst,
                new ClaimEventRequest(ClaimEventKind.ReminderDispatched, new DateOnly(2026, 11, 5)));
        }

        var page = await SignInAsync(officer);
        await using (var db = Store.Open())
        {
            var session = await (from s in db.StaffSessions join a in db.StaffAccounts on s.AccountId equals a.Id
                                 where a.StaffNo == "91701" && s.EndedAtUtc == null orderby s.Id descending select s.Id).FirstAsync();
            var handle = App.Services.GetRequiredService<OpaqueIds>().Protect(Choshu.Web.Pages.Cases.CaseForms.CaseHandle, caseId, session);
            await page.GotoAsync(Url + "/Cases/File/" + handle);
        }
        Assert.Equal("滞納者カルテ", await page.Locator("h1").InnerTextAsync());

        // Before the seizable-from day: refused in Japanese, naming the claim.
        var seize = page.GetByTestId("seize-form");
        await seize.GetByLabel("差押財産").SelectOptionAsync("deposit");
        await seize.GetByLabel("差押日").FillAsync("2026-11-15");
        await seize.GetByLabel("財産の表示（口座・勤務先・所在地など）").FillAsync("普通預金 口座番号 7654321");
        await seize.GetByLabel("第三債務者（金融機関・支店、勤務先など）").FillAsync("鹿児島銀行 本店");
        await seize.GetByLabel("第三債務者の所在地").FillAsync("鹿児島市金生町6番6号");
        await seize.GetByLabel("差押金額（債権、円）").FillAsync("60000");
        await seize.GetByRole(AriaRole.Button, new() { Name = "差押を記録する（差押調書を発行）" }).ClickAsync();
        var error = await page.Locator(".error").First.InnerTextAsync();
        Assert.Contains("通知書番号 2026017201 第1期", error);
        Assert.Contains("2026-11-16", error);

        seize = page.GetByTestId("seize-form");
        await seize.GetByLabel("差押日").FillAsync("2026-11-20");
        await seize.GetByRole(AriaRole.Button, new() { Name = "差押を記録する（差押調書を発行）" }).ClickAsync();
        Assert.StartsWith("差押 1 を記録しました（預貯金 60,000円", await page.GetByTestId("done").InnerTextAsync());

        var act = page.GetByTestId("seizure-action-form");
        await act.GetByLabel("日付（発送日・到達日・取立日・解除日）").FillAsync("2026-11-20");
        await act.GetByRole(AriaRole.Button, new() { Name = "差押通知書を発行する" }).ClickAsync();
        Assert.StartsWith("差押 1: 債権差押通知書", await page.GetByTestId("done").InnerTextAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "債権差押通知書（PDF）" }).ClickAsync());
        var text = await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains("債権差押通知書", text);
        Assert.Contains("鹿児島銀行 本店", text);
        Assert.Contains("差押 花子", text);
        Assert.Contains("60,000", text);

        act = page.GetByTestId("seizure-action-form");
        await act.GetByLabel("日付（発送日・到達日・取立日・解除日）").FillAsync("2026-11-24");
        await act.GetByRole(AriaRole.Button, new() { Name = "到達日を記録する" }).ClickAsync();
        Assert.Equal("差押 1: 到達日 2026-11-24 を記録しました（執行中）。", await page.GetByTestId("done").InnerTextAsync());

        act = page.GetByTestId("seizure-action-form");
        await act.GetByLabel("日付（発送日・到達日・取立日・解除日）").FillAsync("2026-11-25");
        await act.GetByLabel("取立の番号（伝票番号など）").FillAsync("R-2026-001");
        await act.GetByLabel("取立額（円）").FillAsync("60000");
        await act.GetByRole(AriaRole.Button, new() { Name = "取立を収納する" }).ClickAsync();
        Assert.Equal("取立 60,000円を収納しました（通知書番号 2026017201 第1期（市民税 2026年度） 60,000円）。差押 1 は終了しました。",
            await page.GetByTestId("done").InnerTextAsync());
        Assert.Contains("計 0円", await page.GetByTestId("grand-total").InnerTextAsync());
        Assert.StartsWith("終了 2026-11-25", await page.GetByTestId("seizure-state").InnerTextAsync());
        Assert.Equal("60,000円", await page.GetByTestId("seizure-collected").InnerTextAsync());
        Assert.Equal(0, await page.GetByTestId("seizure-action-form").CountAsync());
        await page.Context.CloseAsync();

        await using var check = Store.Open();
        var payment = await check.Payments.AsNoTracking().SingleAsync();
        Assert.Equal((PaymentChannel.Seizure, 60_000L), (payment.Channel, payment.Amount));
        var kinds = await check.AuditEvents.AsNoTracking().Where(e => e.ActorName == "91701").Select(e => e.Kind).ToListAsync();
        Assert.Contains(AuditEventKind.SeizureRecorded, kinds);
        Assert.Contains(AuditEventKind.SeizureArrived, kinds);
        Assert.Contains(AuditEventKind.SeizureRecovered, kinds);
        Assert.Contains(AuditEventKind.SeizureEnded, kinds);
    }
}
