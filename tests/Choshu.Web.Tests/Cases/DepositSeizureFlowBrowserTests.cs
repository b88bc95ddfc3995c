using Choshu.App.Cases;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// Issue 15's done-when flow in Debian's Chromium, from inquiry to recovery (today 2026-11-26 JST). 預金 次郎 (4500000001) owes 市民税 2026
/// 第1期 60,000 due 2026-10-31, reminded 2026-11-05 (seizable from 2026-11-16); the late fee to 2026-11-26 is under 1,000 yen, so 0. His
/// officer 91801 records a deposit inquiry to 鹿児島銀行 本店 (0182-001) from the case file, makes its 照会書 (answer due 2026-12-10), types
/// the bank's answer (普通 1234567, 523,000 yen as of 2026-11-26), presses 「この預金を差し押さえる」 on the answer row: the seize form comes
/// back filled from it (the bank as third-party debtor, balance 523,000, amount 60,000 = what the claim owes). He records the seizure
/// (it names the answer), issues the 債権差押通知書 sent 2026-11-26, records its arrival 2026-11-26 and books the 60,000 collected on
/// 2026-11-26: the claim is paid (計 0円), the seizure has ended (終了 2026-11-26), and the answer row shows the seizure.
/// </summary>
public sealed class DepositSeizureFlowBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4500000001", "預金 次郎", "2026019501", new DateOnly(2026, 10, 31), 60_000);
    }

    [Fact]
    public async Task Case_DepositInquiry_Answer523000_SeizedFromTheAnswer_NoticeSentArrived_Recovery60000_ClaimPaid_SeizureEnded()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91801", "西郷 一郎", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "91802", "大山 二郎", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var ids = await db.StaffAccounts.Where(a => a.StaffNo == "91801" || a.StaffNo == "91802").ToDictionaryAsync(a => a.StaffNo, a => a.Id);
            var approver = Actor.Staff(ids["91802"], "91802", "test");
            var me = Actor.Staff(ids["91801"], "91801", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(approver, "4500000001");
            await cases.AssignAsync(approver, c.Id, "91801");
            var inst = await db.Installments.Where(i => i.Assessment!.NoticeNo == "2026019501").Select(i => i.Id).SingleAsync();
            await new ClaimEvents(db, Clock).RecordAsync(me, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, new DateOnly(2026, 11, 5)));
            await new Inquiries(db, Clock).AddTargetAsync(me, new InquiryTargetRequest(InquiryTargetKind.Bank, "鹿児島銀行", "鹿児島県鹿児島市金生町6番6号",
                PostalCode: "8920828", BankCode: "0182", BranchCode: "001", BranchName: "本店"));
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(officer.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(officer.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, officer.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "担当事案一覧" }).ClickAsync();
        await page.GetByTestId("worklist").GetByRole(AriaRole.Link, new() { Name = "4500000001" }).ClickAsync();
        Assert.Equal("滞納者カルテ", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("計 60,000円", await page.GetByTestId("grand-total").InnerTextAsync());

        // 1. The deposit inquiry to the bank and its 照会書.
        var form = page.GetByTestId("inquiry-form");
        await form.GetByLabel("照会先").SelectOptionAsync(new SelectOptionValue { Label = "金融機関: 鹿児島銀行 本店（0182-001）" });
        await form.GetByLabel("照会事項").SelectOptionAsync(new SelectOptionValue { Label = "預貯金" });
        await form.GetByRole(AriaRole.Button, new() { Name = "照会を記録する" }).ClickAsync();
        Assert.Contains("鹿児島銀行 本店（0182-001） 預貯金）を記録しました（未発送）。", await page.GetByTestId("done").InnerTextAsync());
        await page.GetByTestId("inquiries").Locator("tbody tr").Nth(0).GetByRole(AriaRole.Button, new() { Name = "照会書を作成" }).ClickAsync();
        Assert.Contains("発送日 2026-11-26、回答期限 2026-12-10。", await page.GetByTestId("done").InnerTextAsync());

        // 2. The bank's answer: 普通 1234567, 523,000 yen.
        var answer = page.GetByTestId("answer-form");
        await answer.GetByLabel("回答の種類").SelectOptionAsync(new SelectOptionValue { Label = "預貯金" });
        await answer.GetByLabel("回答日").FillAsync("2026-11-26");
        await answer.GetByLabel("基準日（残高など）").FillAsync("2026-11-26");
        await answer.GetByLabel("金融機関コード").FillAsync("0182");
        await answer.GetByLabel("支店コード").FillAsync("001");
        await answer.GetByLabel("預金種目（1 普通、2 当座、4 貯蓄、9 その他）").FillAsync("1");
        await answer.GetByLabel("口座番号").FillAsync("1234567");
        await answer.GetByLabel("口座名義").FillAsync("ﾖｷﾝ ｼﾞﾛｳ");
        await answer.GetByLabel("残高（円）").FillAsync("523,000");
        await answer.GetByRole(AriaRole.Button, new() { Name = "回答を記録する" }).ClickAsync();
        Assert.Contains("の回答", await page.GetByTestId("done").InnerTextAsync());
        var answerRow = page.GetByTestId("inquiry-answers").Locator("tbody tr").Nth(0);
        Assert.Contains("523,000", await answerRow.InnerTextAsync());

        // 3. Seize it from the answer row: the seize form comes back filled from the answer.
        await answerRow.GetByRole(AriaRole.Button, new() { Name = "この預金を差し押さえる" }).ClickAsync();
        Assert.Contains("残高 523,000円）を差押の記録欄に入れました。", await page.GetByTestId("done").InnerTextAsync());
        var seize = page.GetByTestId("seize-form");
        Assert.Contains("の預金を差し押さえます。", await seize.GetByTestId("seize-from-answer").InnerTextAsync());
        Assert.Equal("deposit", await seize.GetByLabel("差押財産").InputValueAsync());
        Assert.Equal("2026-11-26", await seize.GetByLabel("差押日").InputValueAsync());
        Assert.Equal("普通預金 口座番号 1234567（口座名義 ﾖｷﾝ ｼﾞﾛｳ）", await seize.GetByLabel("財産の表示（口座・勤務先・所在地など）").InputValueAsync());
        Assert.Equal("鹿児島銀行 本店", await seize.GetByLabel("第三債務者（金融機関・支店、勤務先など）").InputValueAsync());
        Assert.Equal("鹿児島県鹿児島市金生町6番6号", await seize.GetByLabel("第三債務者の所在地").InputValueAsync());
        Assert.Equal("60,000", await seize.GetByLabel("差押金額（債権、円）").InputValueAsync());
        Assert.Equal("523,000", await seize.GetByLabel("預金残高（円、任意）").InputValueAsync());
        await seize.GetByRole(AriaRole.Button, new() { Name = "差押を記録する（差押調書を発行）" }).ClickAsync();
        var recorded = await page.GetByTestId("done").InnerTextAsync();
        Assert.Contains("を記録しました（預貯金 60,000円、差押調書 発行番号", recorded);
        Assert.Contains("の預金）。", recorded);
        Assert.Contains("差押 ", await page.GetByTestId("answer-seized").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "この預金を差し押さえる" }).CountAsync());
        Assert.StartsWith("送達待ち", await page.GetByTestId("seizure-state").InnerTextAsync());
        long seizureId, answerId;
        await using (var db = Store.Open())
        {
            var s = await db.Seizures.AsNoTracking().SingleAsync();
            answerId = await db.InquiryAnswers.AsNoTracking().Select(a => a.Id).SingleAsync();
            (seizureId, var via, var amount, var balance) = (s.Id, s.InquiryAnswerId, s.Amount, s.Balance);
            Assert.Equal((answerId, 60_000L, 523_000L), (via, amount, balance));
        }
        Assert.Contains($"（照会の回答 {answerId}）", await page.GetByTestId("seizures").InnerTextAsync());

        // 4. The 債権差押通知書 to the bank, sent 2026-11-26.
        var act = page.GetByTestId("seizure-action-form");
        await act.GetByLabel("日付（発送日・到達日・取立日・解除日）").FillAsync("2026-11-26");
        await act.GetByRole(AriaRole.Button, new() { Name = "差押通知書を発行する" }).ClickAsync();
        Assert.StartsWith($"差押 {seizureId}: 債権差押通知書", await page.GetByTestId("done").InnerTextAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "債権差押通知書（PDF）" }).ClickAsync());
        var text = await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains("債権差押通知書", text);
        Assert.Contains("鹿児島銀行 本店", text);
        Assert.Contains("1234567", text);
        Assert.Contains("鹿児島銀行 本店 御中", text);
        Assert.DoesNotContain("様", text);
        Assert.Contains("滞納者 預金 次郎（宛名番号 4500000001、", text);
        Assert.Contains("60,000", text);

        // 5. Arrival 2026-11-26: in force.
        act = page.GetByTestId("seizure-action-form");
        await act.GetByLabel("日付（発送日・到達日・取立日・解除日）").FillAsync("2026-11-26");
        await act.GetByRole(AriaRole.Button, new() { Name = "到達日を記録する" }).ClickAsync();
        Assert.Equal($"差押 {seizureId}: 到達日 2026-11-26 を記録しました（執行中）。", await page.GetByTestId("done").InnerTextAsync());

        // 6. 取立 of exactly what the claim owes, 60,000 on 2026-11-26: paid, the seizure ended.
        act = page.GetByTestId("seizure-action-form");
        await act.GetByLabel("日付（発送日・到達日・取立日・解除日）").FillAsync("2026-11-26");
        await act.GetByLabel("取立の番号（伝票番号など）").FillAsync("R-2026-0415");
        await act.GetByLabel("取立額（円）").FillAsync("60,000");
        await act.GetByRole(AriaRole.Button, new() { Name = "取立を収納する" }).ClickAsync();
        Assert.Equal($"取立 60,000円を収納しました（通知書番号 2026019501 第1期（市民税 2026年度） 60,000円）。差押 {seizureId} は終了しました。",
            await page.GetByTestId("done").InnerTextAsync());
        var total = await page.GetByTestId("grand-total").InnerTextAsync();
        Assert.StartsWith("合計 0 件", total);
        Assert.Contains("計 0円", total);
        Assert.StartsWith("終了 2026-11-26", await page.GetByTestId("seizure-state").InnerTextAsync());
        Assert.Equal("60,000円", await page.GetByTestId("seizure-collected").InnerTextAsync());
        Assert.Equal($"差押 {seizureId}（終了）", await page.GetByTestId("answer-seized").InnerTextAsync());
        Assert.Equal(0, await page.GetByTestId("seizure-action-form").CountAsync());
        Assert.Empty(problems);
        await context.CloseAsync();

        await using var check = Store.Open();
        var payment = await check.Payments.AsNoTracking().SingleAsync();
        Assert.Equal((PaymentChannel.Seizure, 60_000L, new DateOnly(2026, 11, 26)), (payment.Channel, payment.Amount, payment.PaidOn));
    }
}
