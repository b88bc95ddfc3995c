using System.Globalization;
using System.Text;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Choshu.TestSupport.PaymentFiles;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Refunds;

/// <summary>
/// 還付 in Chromium, as the division does it (today 2026-11-26 JST): a clerk drafts on /Refunds/Draft, the drafter is refused the
/// decision, another person (承認者) decides it on /Refunds/Approve, and the clerk writes and downloads the Zengin 総合振込 file on
/// /Refunds/Transfer, read back here field by field from the layout (domain.md §12).
/// </summary>
public sealed class RefundBrowserTests : BrowserHost
{
    private static readonly Encoding Sjis = CreateSjis();

    private static Encoding CreateSjis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }

    private async Task<IPage> SignedInAsync(string staffNo, string name, params Role[] roles)
    {
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, staffNo, name, roles);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", AcceptDownloads = true });
        // Two cores shared by several test runs: wait up to a minute.
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

    private static string Field(byte[] record, int offset, int width) => Sjis.GetString(record, offset, width).TrimEnd(' ');

    // 市民税 2026 1期 300,000 due 2026-06-30, paid by bank on 06-30 and again on 07-01: the second is a double payment, an
    // overpayment of 300,000 arising 2026-07-01 (誤納, 17条の4第1項第4号). Interest from the day after the day one month passes
    // from the day after the payment: 07-02 + 1 month → 08-01, so from 2026-08-02, to the 支出決定日 2026-11-26: 117 days
    // (30 + 30 + 31 + 26) × 1.3% (2026) on 300,000 = 1,250.14 → 1,250 → 1,200. The taxpayer receives 301,200.
    [Fact]
    public async Task Refund_DraftedRefusedToDrafterDecidedByApproverAndTransferFileDownloaded()
    {
        var ids = await SeedAsync(Store, "1000000601", "霧島 花子", "2026060601", new LedgerSeed.Inst(1, June30, 300_000));
        await ImportAsync(Store, Clock, "bank", Bank(
        [
            new BankLine("601", Key(ids[0]), 300_000, June30, June30),
            new BankLine("602", Key(ids[0]), 300_000, new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 1)),
        ]), "bank.csv");
        long overpaymentId;
        await using (var db = Store.Open())
            overpaymentId = (await db.Overpayments.AsNoTracking().SingleAsync(o => o.InstallmentId == ids[0])).Id;

        // The clerk (who also holds the approver role) drafts the refund on the taxpayer's claim, to the account named in it.
        var clerk = await SignedInAsync("71001", "収納 次郎", Role.CollectionClerk, Role.Approver);
        await clerk.GotoAsync(Url + "/Refunds/Overpayments?State=open");
        await clerk.GetByRole(AriaRole.Link, new() { Name = $"過誤納 {overpaymentId} の還付を起案" }).ClickAsync();
        Assert.Equal("還付の起案", await clerk.Locator("h1").InnerTextAsync());
        await clerk.GetByLabel("還付請求日").FillAsync("2026-11-20");
        await clerk.GetByLabel("支出決定予定日").FillAsync("2026-11-26");
        await clerk.GetByLabel("金融機関コード（4桁）").FillAsync("0182");
        await clerk.GetByLabel("金融機関名（カナ）").FillAsync("ｶｺﾞｼﾏｷﾞﾝｺｳ");
        await clerk.GetByLabel("支店コード（3桁）").FillAsync("101");
        await clerk.GetByLabel("支店名（カナ）").FillAsync("ﾎﾝﾃﾝ");
        await clerk.GetByLabel("口座番号（7桁以内）").FillAsync("1234567");
        await clerk.GetByLabel("口座名義（カナ）").FillAsync("キリシマ ハナコ");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "起案する" }).ClickAsync();
        var drafted = await clerk.GetByTestId("drafted").InnerTextAsync();
        Assert.Contains("還付金 300,000円、還付加算金（見込み、2026-11-26 まで）1,200円、計 301,200円。", drafted);
        long refundId;
        await using (var db = Store.Open())
            refundId = (await db.Refunds.AsNoTracking().SingleAsync(r => r.OverpaymentId == overpaymentId)).Id;
        Assert.Contains($"還付 {refundId} を起案しました", drafted);

        // The drafter may not decide it: refused with the Japanese reason, nothing decided.
        await clerk.GotoAsync(Url + "/Refunds/Approve");
        await clerk.GetByRole(AriaRole.Form, new() { Name = $"還付 {refundId} の決定" }).GetByRole(AriaRole.Button, new() { Name = "決定する" }).ClickAsync();
        Assert.Contains("自分が起案した還付は決定できません。起案者以外の承認者が決定してください。", await clerk.Locator("main").InnerTextAsync());
        await using (var db = Store.Open())
            Assert.Null((await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId)).DecidedOn);

        // Another person, an approver, decides it on 2026-11-26: the interest is fixed.
        var approver = await SignedInAsync("73001", "桜島 三郎", Role.Approver);
        await approver.GotoAsync(Url + "/Refunds/Approve");
        var form = approver.GetByRole(AriaRole.Form, new() { Name = $"還付 {refundId} の決定" });
        await form.GetByLabel("支出決定日").FillAsync("2026-11-26");
        await form.GetByRole(AriaRole.Button, new() { Name = "決定する" }).ClickAsync();
        Assert.Equal($"還付 {refundId} を決定しました（支出決定日 2026-11-26）: 還付金 300,000円、還付加算金 1,200円、計 301,200円。",
            (await approver.GetByTestId("decided").InnerTextAsync()).Trim());

        // The clerk writes the transfer file for 2026-11-30 and downloads it.
        await clerk.GotoAsync(Url + "/Refunds/Transfer");
        Assert.Contains("1 件、合計 301,200円", await clerk.GetByTestId("transfer-pending").Locator("caption").InnerTextAsync());
        await clerk.GetByLabel("振込指定日").FillAsync("2026-11-30");
        var download = await clerk.RunAndWaitForDownloadAsync(() =>
            clerk.GetByRole(AriaRole.Button, new() { Name = "振込データを作成してダウンロード" }).ClickAsync());
        Assert.Equal("furikomi-20261130.txt", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());

        // 4 records of 120 bytes, each ended by CR LF: header, one data record, trailer, end.
        Assert.Equal(4 * 122, bytes.Length);
        var records = Enumerable.Range(0, 4).Select(i => bytes[(i * 122)..(i * 122 + 120)]).ToList();
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal("\r\n", Encoding.ASCII.GetString(bytes, i * 122 + 120, 2)));
        var h = records[0];
        Assert.Equal(("1", "21", "0", "1234567890", "1130", "0182", "001", "1", "1234567"),
            (Field(h, 0, 1), Field(h, 1, 2), Field(h, 3, 1), Field(h, 4, 10), Field(h, 54, 4), Field(h, 58, 4), Field(h, 77, 3), Field(h, 95, 1), Field(h, 96, 7)));
        var d = records[1];
        Assert.Equal(("2", "0182", "ｶｺﾞｼﾏｷﾞﾝｺｳ", "101", "ﾎﾝﾃﾝ", "1", "1234567", "ｷﾘｼﾏ ﾊﾅｺ", "0000301200", refundId.ToString("D10", CultureInfo.InvariantCulture), "7"),
            (Field(d, 0, 1), Field(d, 1, 4), Field(d, 5, 15), Field(d, 20, 3), Field(d, 23, 15), Field(d, 42, 1), Field(d, 43, 7), Field(d, 50, 30),
             Field(d, 80, 10), Field(d, 91, 10), Field(d, 111, 1)));
        var t = records[2];
        Assert.Equal(("8", "000001", "000000301200"), (Field(t, 0, 1), Field(t, 1, 6), Field(t, 7, 12)));
        Assert.Equal(("9", ""), (Field(records[3], 0, 1), Field(records[3], 1, 119)));

        // Asked again: nothing left to put in a file, refused in Japanese.
        await clerk.GetByLabel("振込指定日").FillAsync("2026-11-30");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "振込データを作成してダウンロード" }).ClickAsync();
        Assert.Contains("二重には作成しません", await clerk.GetByRole(AriaRole.Alert).InnerTextAsync());
        await using (var db = Store.Open())
        {
            var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId);
            Assert.Equal((1_200L, (long?)1_200L, (DateOnly?)new DateOnly(2026, 11, 26)), (refund.DraftInterest, refund.Interest, refund.DecidedOn));
            Assert.Equal(1, await db.RefundTransfers.CountAsync());
        }
    }

    /// <summary>Saves a screenshot of the page when CHOSHU_SCREENSHOTS names a directory (to look at the screens).</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CHOSHU_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    // The same double payment (300,000, overpayment arising 2026-07-01). The taxpayer (カゴシマ ハナコ) pays 市民税 by direct debit
    // from an account in another person's name (ｷﾘｼﾏ ﾀﾛｳ): chosen on the drafting screen without the taxpayer's request it is
    // refused in Japanese; with the box ticked it is drafted (to 0182-101 普通 7654321). The clerk then withdraws that draft on
    // /Refunds/Manage with a reason (the overpayment is open again), drafts it for the counter, the approver decides it on
    // 2026-11-26 (301,200 with the interest of 1,200) and the clerk records the counter payment with what was checked.
    // An older double payment — 市民税 2021 1期 50,000 paid twice on 2021-06-30, its refund claim lapsed after 2026-06-30 — is
    // listed on /Refunds/Lapse as of 2026-11-26 and closed with a reason. Each step is in the audit log with its reason.
    [Fact]
    public async Task RefundDesk_DebitAccountWithdrawCounterPaymentAndLapse()
    {
        var ids = await SeedAsync(Store, "1000000701", "鹿児島 花子", "2026060701", new LedgerSeed.Inst(1, June30, 300_000));
        long taxpayer, old;
        await using (var db = Store.Open())
        {
            taxpayer = await db.Installments.Where(i => i.Id == ids[0]).Select(i => i.Assessment!.TaxpayerId).SingleAsync();
            old = (await LedgerSeed.AssessmentAsync(db, taxpayer, Domain.Assessments.TaxKindCodes.InhabitantTax, 2021, "2021060701",
                new LedgerSeed.Inst(1, new DateOnly(2021, 6, 30), 50_000)))[0];
            db.DirectDebitAccounts.Add(new Data.Payments.DirectDebitAccount
            {
                TaxpayerId = taxpayer, TaxKindCode = Domain.Assessments.TaxKindCodes.InhabitantTax, BankCode = "0182", BranchCode = "101", AccountType = 1,
                AccountNo = "7654321", HolderKana = "ｷﾘｼﾏ ﾀﾛｳ", StartsOn = new DateOnly(2020, 4, 1), RecordedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var jun30of2021 = new DateOnly(2021, 6, 30);
        // 2021-06-30 lies before the default 5-year window of 納付日 (issue 18): the city widens it to 6 years to load this
        // old bank file, as an administrator would for a late historical import.
        await using (var db = Store.Open())
            await Choshu.App.Settings.AppSettings.SetAsync(db, Choshu.App.Settings.AppSettings.DateWindowKey, "6", "test:setup", Clock.GetUtcNow().UtcDateTime);
        await ImportAsync(Store, Clock, "bank", Bank(
        [
            new BankLine("701", Key(ids[0]), 300_000, June30, June30),
            new BankLine("702", Key(ids[0]), 300_000, new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 1)),
            new BankLine("703", Key(old), 50_000, jun30of2021, jun30of2021),
            new BankLine("704", Key(old), 50_000, jun30of2021, jun30of2021),
        ]), "bank.csv");
        long overpaymentId;
        await using (var db = Store.Open())
            overpaymentId = (await db.Overpayments.AsNoTracking().SingleAsync(o => o.InstallmentId == ids[0])).Id;

        var clerk = await SignedInAsync("71101", "収納 花江", Role.CollectionClerk);
        async Task OpenDraftAsync()
        {
            await clerk.GotoAsync(Url + "/Refunds/Overpayments?State=open");
            await clerk.GetByRole(AriaRole.Link, new() { Name = $"過誤納 {overpaymentId} の還付を起案" }).ClickAsync();
            await clerk.GetByLabel("還付請求日").FillAsync("2026-11-20");
            await clerk.GetByLabel("支出決定予定日").FillAsync("2026-11-26");
        }

        // The registered direct-debit account, in another person's name: refused unless the taxpayer asked for it.
        await OpenDraftAsync();
        var debit = clerk.GetByTestId("debit-accounts");
        Assert.Contains("0182-101 普通 7654321 ｷﾘｼﾏ ﾀﾛｳ", await debit.InnerTextAsync());
        Assert.Contains("（本人以外の名義: 本人の申出が必要）", await debit.InnerTextAsync());
        await ShotAsync(clerk, "refund-draft");
        await clerk.GetByLabel("口座振替の登録口座", new() { Exact = true }).CheckAsync();
        await debit.GetByRole(AriaRole.Radio).CheckAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "起案する" }).ClickAsync();
        Assert.Contains("本人の申出（還付金の振込先の指定）がある場合に限り", await clerk.GetByRole(AriaRole.Alert).InnerTextAsync());
        await using (var db = Store.Open())
            Assert.False(await db.Refunds.AnyAsync());
        await OpenDraftAsync();
        await clerk.GetByLabel("口座振替の登録口座", new() { Exact = true }).CheckAsync();
        await clerk.GetByTestId("debit-accounts").GetByRole(AriaRole.Radio).CheckAsync();
        await clerk.GetByRole(AriaRole.Checkbox, new() { Name = "本人の申出" }).CheckAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "起案する" }).ClickAsync();
        Assert.Contains("還付金 300,000円、還付加算金（見込み、2026-11-26 まで）1,200円、計 301,200円。", await clerk.GetByTestId("drafted").InnerTextAsync());
        long first;
        await using (var db = Store.Open())
        {
            var r = await db.Refunds.AsNoTracking().SingleAsync();
            Assert.Equal(("0182", "101", "7654321", "ｷﾘｼﾏ ﾀﾛｳ", true), (r.BankCode, r.BranchCode, r.AccountNo, r.HolderKana, r.ThirdPartyRequested));
            first = r.Id;
        }

        // Withdrawn on 還付の取下げ・窓口払 with its reason: the overpayment is open again.
        await clerk.GotoAsync(Url + "/Refunds/Manage");
        var withdraw = clerk.GetByRole(AriaRole.Form, new() { Name = $"還付 {first} の取下げ" });
        await withdraw.GetByLabel("取下げの理由").FillAsync("本人から窓口で受け取りたいと申出");
        await withdraw.GetByRole(AriaRole.Button, new() { Name = "取り下げる" }).ClickAsync();
        Assert.Equal($"還付 {first}（1000000701 鹿児島 花子）の起案を取り下げました。過誤納 {overpaymentId} は未処理に戻りました。", (await clerk.GetByTestId("done").InnerTextAsync()).Trim());

        // Drafted again for the counter, decided by the approver, paid at the counter.
        await OpenDraftAsync();
        await clerk.GetByLabel("窓口払").CheckAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "起案する" }).ClickAsync();
        await clerk.GetByTestId("drafted").WaitForAsync();
        long second;
        await using (var db = Store.Open())
            second = (await db.Refunds.AsNoTracking().SingleAsync(r => r.WithdrawnAtUtc == null)).Id;
        var approver = await SignedInAsync("73101", "開聞 四郎", Role.Approver);
        await approver.GotoAsync(Url + "/Refunds/Approve");
        var decide = approver.GetByRole(AriaRole.Form, new() { Name = $"還付 {second} の決定" });
        await decide.GetByLabel("支出決定日").FillAsync("2026-11-26");
        await decide.GetByRole(AriaRole.Button, new() { Name = "決定する" }).ClickAsync();
        await approver.GetByTestId("decided").WaitForAsync();
        await clerk.GotoAsync(Url + "/Refunds/Manage");
        Assert.Contains("301,200円", await clerk.GetByTestId("counter-list").InnerTextAsync());
        await ShotAsync(clerk, "refund-manage");
        var pay = clerk.GetByRole(AriaRole.Form, new() { Name = $"還付 {second} の窓口払" });
        await pay.GetByLabel("支払日").FillAsync("2026-11-26");
        await pay.GetByLabel("受領の確認（送金通知書・受領者・本人確認）").FillAsync("送金通知書と引換え、本人に運転免許証で確認");
        await pay.GetByRole(AriaRole.Button, new() { Name = "支払を記録する" }).ClickAsync();
        Assert.Equal($"還付 {second}（1000000701 鹿児島 花子）を 2026-11-26 に窓口で支払いました: 301,200円。", (await clerk.GetByTestId("done").InnerTextAsync()).Trim());
        Assert.Equal("窓口払を待っている還付はありません。", (await clerk.Locator("h2:has-text('窓口払') + p").InnerTextAsync()).Trim());

        // 還付請求権の時効: the 2021 double payment (50,000) is listed as of 2026-11-26 and closed with a reason.
        await clerk.GotoAsync(Url + "/Refunds/Lapse");
        await clerk.GetByLabel("基準日").FillAsync("2026-11-26");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "一覧" }).ClickAsync();
        var list = clerk.GetByTestId("lapse-list");
        Assert.Contains("1 件、残高計 50,000円", await list.Locator("caption").InnerTextAsync());
        Assert.Contains("2021-06-30", await list.InnerTextAsync());
        Assert.Contains("2026-06-30 経過", await list.InnerTextAsync());
        await ShotAsync(clerk, "refund-lapse");
        await clerk.GetByLabel("理由（還付請求の有無の確認など）").FillAsync("還付請求なし（2026年11月の確認）");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "時効として整理する" }).ClickAsync();
        Assert.Equal("1 件（残高計 50,000円）を時効として整理しました。", (await clerk.GetByTestId("lapsed").InnerTextAsync()).Trim());

        await using (var check = Store.Open())
        {
            var paid = await check.Refunds.AsNoTracking().SingleAsync(r => r.Id == second);
            Assert.Equal(((DateOnly?)new DateOnly(2026, 11, 26), (long?)1_200L), (paid.PaidOn, paid.Interest));
            var lapse = await check.JournalEntries.AsNoTracking().SingleAsync(j => j.ReasonCode == "refund.lapsed");
            Assert.Equal((old, 50_000L, new DateOnly(2026, 7, 1)), (lapse.InstallmentId, lapse.Amount, lapse.ValueDate));
            var audit = await check.AuditEvents.AsNoTracking().Where(e => e.TaxpayerId == taxpayer).Select(e => new { e.Kind, e.Detail }).ToListAsync();
            Assert.Contains(audit, e => e.Kind == AuditEventKind.RefundWithdrawn && e.Detail!.Contains("本人から窓口で受け取りたいと申出"));
            Assert.Contains(audit, e => e.Kind == AuditEventKind.RefundPaidAtCounter && e.Detail!.Contains("301200円: 送金通知書と引換え、本人に運転免許証で確認"));
            // The reason as the audit keeps text: NFKC-normalised (full-width parentheses become ASCII).
            Assert.Contains(audit, e => e.Kind == AuditEventKind.RefundClaimLapsed && e.Detail!.Contains("50000円 を時効により整理（2026-06-30 経過）: 還付請求なし(2026年11月の確認)"));
        }
    }
}
