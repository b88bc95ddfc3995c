using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// 延滞金減免, 執行停止 and 猶予 from the case file in Debian's Chromium (today 2026-11-26 JST). 減免 太郎 owes 市民税 2026 第1期 60,000 due
/// 2026-06-30; his case's officer is 91601, approvers 91602 and 91603. Late fee to 2026-11-26 (base 60,000, 2026 rates 2.8% / 9.1%):
/// 07-01–07-31 31 days × 2.8% = 142; 08-01–11-26 118 days × 9.1% = 1,765; 1,907 → 1,900. The officer drafts a relief of 400; approver
/// 91602 cannot decide his own draft but 91603 decides the officer's: 1,900 − 400 = 1,500 owed. Approver 91603 then records a stay
/// (ground 2, from 2026-11-26; the 執行停止通知書 downloaded), cancels it the next day (the 執行停止取消通知書), records a 換価の猶予 and extends it.
/// </summary>
public sealed class MeasureBrowserTests : BrowserHost
{
    private long caseId;

    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4400000001", "減免 太郎", "2026017101", new DateOnly(2026, 6, 30), 60_000);
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

    /// <summary>The case file of the case, by the handle sealed to the person's newest session (as a worklist link gives it).</summary>
    private async Task OpenCaseFileAsync(IPage page, string staffNo)
    {
        await using var db = Store.Open();
        var session = await (from s in db.StaffSessions join a in db.StaffAccounts on s.AccountId equals a.Id
                             where a.StaffNo == staffNo && s.EndedAtUtc == null orderby s.Id descending select s.Id).FirstAsync();
        var handle = App.Services.GetRequiredService<OpaqueIds>().Protect(Choshu.Web.Pages.Cases.CaseForms.CaseHandle, caseId, session);
        await page.GotoAsync(Url + "/Cases/File/" + handle);
        Assert.Equal("滞納者カルテ", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Relief_DraftedByOfficer_DecidedByAnotherApprover_StayAndDefermentFromTheCaseFile()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91601", "上村 一郎", [Role.DelinquencyOfficer]);
        var (approver, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91602", "東郷 二郎", [Role.Approver]);
        var (chief, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91603", "西郷 三郎", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var approverId = await db.StaffAccounts.Where(a => a.StaffNo == "91602").Select(a => a.Id).SingleAsync();
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(Actor.Staff(approverId, "91602", "test"), "4400000001");
            await cases.AssignAsync(Actor.Staff(approverId, "91602", "test"), c.Id, "91601");
            caseId = c.Id;
        }

        // The officer drafts a relief of 400 yen from the case file.
        var page = await SignInAsync(officer);
        await OpenCaseFileAsync(page, "91601");
        Assert.Contains("延滞金（本日まで）1,900円", await page.GetByTestId("grand-total").InnerTextAsync());
        await page.GetByTestId("measure-links").GetByRole(AriaRole.Link, new() { Name = "延滞金減免" }).ClickAsync();
        Assert.Equal("延滞金減免", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("通知書番号 2026017101 第1期（市民税 2026年度）\t令和8年6月30日\t1,900円", await page.GetByTestId("claims").InnerTextAsync());
        var draft = page.GetByTestId("draft-form");
        await draft.GetByLabel("減免の方法").SelectOptionAsync(new SelectOptionValue { Label = "金額を指定して減免" });
        await draft.GetByLabel("減免額（円。金額を指定するとき）").FillAsync("400");
        await draft.GetByLabel("根拠法令", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "326-3" });
        await draft.GetByLabel("減免の理由").FillAsync("台風による被災のため納付が遅れた");
        await draft.GetByRole(AriaRole.Button, new() { Name = "起案する" }).ClickAsync();
        Assert.StartsWith("延滞金減免 1 を起案しました", await page.GetByTestId("done").InnerTextAsync());
        Assert.Equal(0, await page.GetByTestId("decide-form").CountAsync());
        await page.Context.CloseAsync();

        // Approver 91602 drafts the whole relief and may not decide it himself (403, audited); 91603 decides the officer's.
        page = await SignInAsync(approver);
        await OpenCaseFileAsync(page, "91602");
        await page.GetByTestId("measure-links").GetByRole(AriaRole.Link, new() { Name = "延滞金減免" }).ClickAsync();
        draft = page.GetByTestId("draft-form");
        await draft.GetByLabel("減免の方法").SelectOptionAsync(new SelectOptionValue { Label = "全額を減免（決裁の日の延滞金）" });
        await draft.GetByLabel("減免の理由").FillAsync("病気療養のため");
        await draft.GetByRole(AriaRole.Button, new() { Name = "起案する" }).ClickAsync();
        Assert.StartsWith("延滞金減免 2 を起案しました", await page.GetByTestId("done").InnerTextAsync());
        await page.GetByTestId("decide-form").GetByLabel("決裁する減免").SelectOptionAsync("2");
        await page.GetByTestId("decide-form").GetByRole(AriaRole.Button, new() { Name = "決裁する" }).ClickAsync();
        Assert.Contains("自分が起案した延滞金減免は決裁できません", await page.ContentAsync());
        await page.Context.CloseAsync();

        page = await SignInAsync(chief);
        await OpenCaseFileAsync(page, "91603");
        await page.GetByTestId("measure-links").GetByRole(AriaRole.Link, new() { Name = "延滞金減免" }).ClickAsync();
        await page.GetByTestId("decide-form").GetByLabel("決裁する減免").SelectOptionAsync("1");
        await page.GetByTestId("decide-form").GetByRole(AriaRole.Button, new() { Name = "決裁する" }).ClickAsync();
        Assert.Equal("延滞金減免 1 を決裁しました: 通知書番号 2026017101 第1期（市民税 2026年度） 減免額 400円。", await page.GetByTestId("done").InnerTextAsync());
        Assert.Contains("1,500円", await page.GetByTestId("claims").InnerTextAsync());
        var waivers = await page.GetByTestId("waivers").InnerTextAsync();
        Assert.Contains("金額指定\t400円\t地方税法第326条第3項（市町村民税の延滞金の減免）\t台風による被災のため納付が遅れた\t91601", waivers);
        Assert.Contains("決裁済", waivers);
        await page.GetByRole(AriaRole.Link, new() { Name = "滞納者カルテに戻る" }).ClickAsync();
        Assert.Contains("延滞金（本日まで）1,500円", await page.GetByTestId("grand-total").InnerTextAsync());

        // A stay (ground 2) from today: the 執行停止通知書 is downloaded and the stay is listed.
        await page.GetByTestId("measure-links").GetByRole(AriaRole.Link, new() { Name = "執行停止・猶予" }).ClickAsync();
        Assert.Equal("執行停止・猶予", await page.Locator("h1").InnerTextAsync());
        var stay = page.GetByTestId("stay-form");
        await stay.GetByLabel("事由").SelectOptionAsync("2");
        await stay.GetByLabel("執行停止の日").FillAsync("2026-11-26");
        await stay.GetByLabel("執行停止の理由").FillAsync("生活保護の受給を開始");
        var notice = await page.RunAndWaitForDownloadAsync(() => stay.GetByRole(AriaRole.Button, new() { Name = "執行停止を決定し通知書を印刷する（PDF）" }).ClickAsync());
        var text = await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await notice.PathAsync()));
        Assert.Contains("執行停止通知書", text);
        Assert.Contains("減免 太郎", text);
        Assert.Contains("第15条の7第1項第2号", text);
        await page.ReloadAsync();
        Assert.Contains("執行停止（生活の窮迫（2号））\t令和8年11月26日", await page.GetByTestId("measures").InnerTextAsync());
        await page.Context.CloseAsync();

        // The next day the stay is cancelled (the 執行停止取消通知書), then a 換価の猶予 by the city is recorded and extended.
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
        page = await SignInAsync(chief);
        await OpenCaseFileAsync(page, "91603");
        await page.GetByTestId("measure-links").GetByRole(AriaRole.Link, new() { Name = "執行停止・猶予" }).ClickAsync();
        var cancel = page.GetByTestId("stay-cancel-form");
        await cancel.GetByLabel("取消の日").FillAsync("2026-11-27");
        await cancel.GetByLabel("取消の理由").FillAsync("就職により資力が回復");
        var cancelled = await page.RunAndWaitForDownloadAsync(() => cancel.GetByRole(AriaRole.Button, new() { Name = "執行停止を取り消し取消通知書を印刷する（PDF）" }).ClickAsync());
        Assert.Contains("執行停止取消通知書", await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await cancelled.PathAsync())));
        await page.ReloadAsync();
        Assert.Equal(0, await page.GetByTestId("measures").CountAsync());

        var defer = page.GetByTestId("defer-form");
        await defer.GetByLabel("猶予の種類").SelectOptionAsync("sale-city");
        await defer.GetByLabel("猶予期間の初日").FillAsync("2026-11-27");
        await defer.GetByLabel("猶予期間の末日").FillAsync("2027-02-26");
        await defer.GetByLabel("猶予の理由").FillAsync("事業の継続のため換価を猶予");
        await defer.GetByRole(AriaRole.Button, new() { Name = "猶予を決定する" }).ClickAsync();
        Assert.StartsWith("換価の猶予", await page.GetByTestId("done").InnerTextAsync());
        Assert.Contains("令和8年11月27日\t令和9年2月26日", await page.GetByTestId("measures").InnerTextAsync());
        var extend = page.GetByTestId("extend-form");
        await extend.GetByLabel("延長後の末日").FillAsync("2027-05-26");
        await extend.GetByLabel("延長の理由").FillAsync("売上の回復に時間を要する");
        await extend.GetByRole(AriaRole.Button, new() { Name = "猶予を延長する" }).ClickAsync();
        Assert.Equal("猶予を 令和9年5月26日 まで延長しました（1 件）。", await page.GetByTestId("done").InnerTextAsync());
        Assert.Contains("令和8年11月27日\t令和9年5月26日", await page.GetByTestId("measures").InnerTextAsync());
        await page.Context.CloseAsync();

        await using var check = Store.Open();
        var kinds = await check.AuditEvents.AsNoTracking().Select(e => new { e.Kind, e.ActorName, e.Detail }).ToListAsync();
        Assert.Equal(2, kinds.Count(k => k.Kind == AuditEventKind.LateFeeWaiverDrafted));
        Assert.Equal("91603", kinds.Single(k => k.Kind == AuditEventKind.LateFeeWaiverDecided).ActorName);
        Assert.Contains(kinds, k => k.Kind == AuditEventKind.AccessDenied && k.ActorName == "91602" && k.Detail!.Contains("起案者本人"));
        Assert.Equal(2, kinds.Count(k => k.Kind == AuditEventKind.CaseStayOfExecution));
        Assert.Equal(2, kinds.Count(k => k.Kind == AuditEventKind.CaseDeferment));
    }
}
