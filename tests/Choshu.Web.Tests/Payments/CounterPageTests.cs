using System.Net;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.Web.Tests.Payments.PaymentPages;
using static Choshu.Web.Tests.Taxpayers.TaxpayerPages;

namespace Choshu.Web.Tests.Payments;

/// <summary>
/// 窓口収納 and its 領収証書 over HTTP, on PostgreSQL, today 2026-11-26 (JST). Each test has its own notice
/// number and staff member in the class's shared store.
/// </summary>
public sealed class CounterPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static Dictionary<string, string> Lookup(string noticeNo, string period) => new() { ["NoticeNo"] = noticeNo, ["Period"] = period };

    // 市民税 2026 notice 2026020001 period 1: 12,300 yen due 2026-06-30. Looked up today (2026-11-26) it owes 12,300
    // (the late fee on 12,000 for 149 days is under 1,000 yen, so none). Paid 12,300 at the counter on 2026-06-30:
    // booked as Payment/Principal −12,300, the receipt shows 12,300 円, 令和8年6月30日, the receipt number and the clerk.
    // The same form posted again books nothing new and shows the same receipt with a notice.
    [Fact]
    public async Task Book_InstallmentPaidInFullOnDueDate_BookedReceiptAndRepostBooksNothing()
    {
        var ids = await SeedAsync(web, "1000000101", "鹿児島 花子", "2026020001", new LedgerSeed.Inst(1, June30, 12_300));
        var (clerk, _) = await web.CreateUserAsync("51234", "田中 一郎", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var lookup = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2026020001", "1"), "/Payments/Counter?handler=Lookup"));
        Assert.Equal("鹿児島 花子", TestId(lookup, "taxpayer-name"));
        Assert.Equal("12,300円", TestId(lookup, "amount-due-total"));
        Assert.Contains("<td class=\"num\">12,300円</td>", lookup); // 本税（未納分）
        Assert.Equal("12,300", Field(lookup, "Amount"));
        Assert.Equal("2026-11-26", Field(lookup, "PaidOn"));
        var formKey = Field(lookup, "FormKey");

        var book = new Dictionary<string, string>
        {
            ["NoticeNo"] = "2026020001", ["Period"] = "1", ["TaxKind"] = "", ["FiscalYear"] = "",
            ["FormKey"] = formKey, ["Amount"] = "12,300", ["PaidOn"] = "2026-06-30",
        };
        var booked = await Forms.PostAsync(client, "/Payments/Counter", book, "/Payments/Counter?handler=Book");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var receiptUrl = booked.Headers.Location!.OriginalString;
        Assert.StartsWith("/Payments/Receipt/", receiptUrl);

        var receipt = await HtmlAsync(await client.GetAsync(receiptUrl));
        Assert.Equal("12,300 円", TestId(receipt, "receipt-amount"));
        Assert.Equal("令和8年6月30日", TestId(receipt, "receipt-paid-on"));
        Assert.Equal("鹿児島 花子", TestId(receipt, "receipt-payer"));
        Assert.Equal("田中 一郎", TestId(receipt, "receipt-staff"));
        Assert.Contains("（職員番号 51234）", receipt);
        Assert.Contains("<h1 id=\"receipt-title\">領収証書</h1>", receipt);
        Assert.Contains("<td class=\"num\">12,300 円</td>", receipt); // 内訳 本税
        Assert.Contains("記録日時 令和8年11月26日 12:", receipt);
        Assert.Contains("/assets/payments.css", receipt);
        var receiptNo = TestId(receipt, "receipt-no");
        Assert.Matches("^W261126-[0-9A-HJKMNP-TV-Z]{8}$", receiptNo);

        List<LedgerSeed.JournalEntryColumns> journal;
        await using (var db = web.Store.Open())
        {
            var p = await db.Payments.AsNoTracking().SingleAsync(x => x.InstallmentId == ids[0]);
            Assert.Equal((PaymentChannel.Counter, PaymentStatus.Booked, 12_300L, June30, (DateOnly?)June30, "counter:" + receiptNo, "51234"),
                (p.Channel, p.Status, p.Amount, p.PaidOn, p.ReceivedOn, p.IdempotencyKey, p.Actor));
            var e = await db.JournalEntries.AsNoTracking().SingleAsync(j => j.PaymentId == p.Id);
            Assert.Equal((JournalEntryKind.Payment, LedgerComponent.Principal, -12_300L, June30), (e.Kind, e.Component, e.Amount, e.ValueDate));
            journal = await LedgerSeed.JournalAsync(db);
        }
        // The lookup and the receipt name the taxpayer (2001); the booking is 3004, all by this clerk.
        var audit = (await web.AuditAsync()).Where(a => a.ActorName == "51234" && (int)a.Kind >= 2000).ToList();
        Assert.Equal([AuditEventKind.TaxpayerViewed, AuditEventKind.PaymentEntered, AuditEventKind.TaxpayerViewed], audit.Select(a => a.Kind));
        long taxpayerId;
        await using (var db = web.Store.Open())
            taxpayerId = await db.Taxpayers.Where(t => t.TaxpayerNo == "1000000101").Select(t => t.Id).SingleAsync();
        Assert.All(audit, a => Assert.Equal(taxpayerId, a.TaxpayerId));
        Assert.Equal("窓口収納の照会: 通知書番号 2026020001 第1期 2026年度 税目01（2026-11-26 現在 合計 12300円）", audit[0].Detail);

        // The same form again (a double click, the back button): the same receipt, nothing booked.
        var again = await Forms.PostAsync(client, "/Payments/Counter", book, "/Payments/Counter?handler=Book");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/Payments/Receipt/", again.Headers.Location!.OriginalString);
        Assert.EndsWith("?notice=duplicate", again.Headers.Location!.OriginalString);
        var duplicate = await HtmlAsync(await client.GetAsync(again.Headers.Location));
        Assert.Equal(receiptNo, TestId(duplicate, "receipt-no"));
        Assert.Equal("12,300 円", TestId(duplicate, "receipt-amount"));
        Assert.Contains($"この入力は既に記録されています（領収番号 {receiptNo}）。二重には記録していません。", duplicate);
        await using (var db = web.Store.Open())
        {
            Assert.Equal(1, await db.Payments.CountAsync(x => x.InstallmentId == ids[0]));
            Assert.Equal(journal, await LedgerSeed.JournalAsync(db));
        }
    }

    // Period 1 of notice 2026020002: 12,300 due 2026-06-30 with a 督促手数料 of 100 charged 2026-07-20. Today it owes
    // 12,400 (no late fee: under 1,000 yen). Paying 12,400 today books 12,300 to the principal and 100 to the
    // reminder fee, and the receipt's 内訳 says so.
    [Fact]
    public async Task Book_WithReminderFee_QuoteAndReceiptShowTheSplit()
    {
        var ids = await SeedAsync(web, "1000000102", "霧島 次郎", "2026020002", new LedgerSeed.Inst(1, June30, 12_300));
        await using (var db = web.Store.Open())
            await LedgerSeed.ReminderFeeAsync(db, ids[0], 100, new DateOnly(2026, 7, 20));
        var (clerk, _) = await web.CreateUserAsync("52345", "佐藤 美咲", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var lookup = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2026020002", "1"), "/Payments/Counter?handler=Lookup"));
        Assert.Equal("12,400円", TestId(lookup, "amount-due-total"));
        Assert.Contains("<tr><th scope=\"row\">督促手数料</th><td class=\"num\">100円</td></tr>", lookup);

        var booked = await Forms.PostAsync(client, "/Payments/Counter", new()
        {
            ["NoticeNo"] = "2026020002", ["Period"] = "1", ["FormKey"] = Field(lookup, "FormKey"), ["Amount"] = "12400", ["PaidOn"] = "2026-11-26",
        }, "/Payments/Counter?handler=Book");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var receipt = await HtmlAsync(await client.GetAsync(booked.Headers.Location));
        Assert.Equal("12,400 円", TestId(receipt, "receipt-amount"));
        Assert.Equal("令和8年11月26日", TestId(receipt, "receipt-paid-on"));
        Assert.Contains("<tr><th scope=\"row\">内訳　本税</th><td class=\"num\">12,300 円</td></tr>", receipt);
        Assert.Contains("<tr><th scope=\"row\">督促手数料</th><td class=\"num\">100 円</td></tr>", receipt);
        Assert.Contains("<tr><th scope=\"row\">延滞金</th><td class=\"num\">0 円</td></tr>", receipt);
    }

    // A 納付日 after today (2026-11-27) and an amount of 0 are refused with what to do; nothing is booked.
    [Fact]
    public async Task Book_FutureDateAndZeroAmount_ErrorsNothingBooked()
    {
        var ids = await SeedAsync(web, "1000000103", "桜島 三郎", "2026020003", new LedgerSeed.Inst(1, June30, 12_300));
        var (clerk, _) = await web.CreateUserAsync("53456", "鈴木 健", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);
        var lookup = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2026020003", "1"), "/Payments/Counter?handler=Lookup"));

        var html = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", new()
        {
            ["NoticeNo"] = "2026020003", ["Period"] = "1", ["FormKey"] = Field(lookup, "FormKey"), ["Amount"] = "0", ["PaidOn"] = "2026-11-27",
        }, "/Payments/Counter?handler=Book"));

        Assert.Contains("納付額: 金額は 1 円以上の整数で入力してください（例: 12,300）。", html);
        Assert.Contains("納付日に未来の日付（2026-11-27）は入力できません。今日（2026-11-26）以前の日付を入力してください。", html);
        Assert.Contains("role=\"alert\" id=\"book-errors\"", html);
        await using var db = web.Store.Open();
        Assert.False(await db.Payments.AnyAsync(p => p.InstallmentId == ids[0]));
    }

    // Notice 2026020007 period 1 owes 12,300 today (2026-11-26). 15,000 taken without the confirmation box is refused
    // with the 過誤納 of 2,700 and what to do, the box is offered, nothing is booked; sent again with the box ticked it
    // is booked: 12,300 to the principal and 2,700 as an overpayment.
    [Fact]
    public async Task Book_OverpaymentWithoutConfirmation_WarnedNothingBookedThenBookedWithConfirmation()
    {
        var ids = await SeedAsync(web, "1000000107", "吹上 七郎", "2026020007", new LedgerSeed.Inst(1, June30, 12_300));
        var (clerk, _) = await web.CreateUserAsync("59234", "小林 茂", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);
        var lookup = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2026020007", "1"), "/Payments/Counter?handler=Lookup"));
        Assert.DoesNotContain("confirm-overpayment", lookup);
        var book = new Dictionary<string, string>
        {
            ["NoticeNo"] = "2026020007", ["Period"] = "1", ["FormKey"] = Field(lookup, "FormKey"), ["Amount"] = "15,000", ["PaidOn"] = "2026-11-26",
        };

        var warned = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", book, "/Payments/Counter?handler=Book"));
        Assert.Contains("role=\"alert\" id=\"book-errors\"", warned);
        Assert.Contains(
            "<p>通知書番号 2026020007 第1期（市民税 2026年度）に納付日 2026年11月26日 に納める額は 12,300円 です。15,000円 を受け取ると 2,700円 が過誤納になります。記録していません。"
            + "受け取る場合は、過誤納になることを納税者に説明してから「受け取ることを確認しました」に印を付けて、もう一度「納付を記録する」を押してください。</p>",
            warned);
        Assert.Contains("<label for=\"confirm-overpayment\">過誤納になることを納税者に説明し、受け取ることを確認しました</label>", warned);
        await using (var db = web.Store.Open())
            Assert.False(await db.Payments.AnyAsync(p => p.InstallmentId == ids[0]));

        book["ConfirmOverpayment"] = "true";
        var booked = await Forms.PostAsync(client, "/Payments/Counter", book, "/Payments/Counter?handler=Book");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var receipt = await HtmlAsync(await client.GetAsync(booked.Headers.Location));
        Assert.Equal("15,000 円", TestId(receipt, "receipt-amount"));
        await using (var db = web.Store.Open())
        {
            var p = await db.Payments.AsNoTracking().SingleAsync(x => x.InstallmentId == ids[0]);
            Assert.Equal((PaymentStatus.Booked, 15_000L), (p.Status, p.Amount));
            var e = await db.JournalEntries.AsNoTracking().SingleAsync(j => j.PaymentId == p.Id && j.Component == LedgerComponent.Principal);
            Assert.Equal((JournalEntryKind.Payment, LedgerComponent.Principal, -12_300L), (e.Kind, e.Component, e.Amount));
            var o = await db.JournalEntries.AsNoTracking().SingleAsync(j => j.PaymentId == p.Id && j.Component == LedgerComponent.Overpayment);
            Assert.Equal((JournalEntryKind.Payment, -2_700L), (o.Kind, o.Amount));
            Assert.Equal(2_700L, (await db.Overpayments.AsNoTracking().SingleAsync(o => o.PaymentId == p.Id)).Amount);
        }
    }

    // An unknown notice number: the use case's Japanese message and what to check.
    [Fact]
    public async Task Lookup_UnknownNotice_SaysNotRegistered()
    {
        var (clerk, _) = await web.CreateUserAsync("54567", "高橋 誠", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);
        var html = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2099999999", "3"), "/Payments/Counter?handler=Lookup"));
        Assert.Contains("通知書番号 2099999999 の第3期は登録されていません。通知書番号と期別を確かめてください。", html);
        Assert.DoesNotContain("FormKey", html);
    }

    // A booking form whose sealed receipt number was made in another session (or tampered with) books nothing.
    [Fact]
    public async Task Book_FormKeyFromAnotherSession_RefusedNothingBooked()
    {
        var ids = await SeedAsync(web, "1000000104", "開聞 四郎", "2026020004", new LedgerSeed.Inst(1, June30, 12_300));
        var (clerk, _) = await web.CreateUserAsync("55678", "伊藤 直子", [Role.CollectionClerk]);
        var first = await web.SignedInClientAsync(clerk);
        var lookup = await HtmlAsync(await Forms.PostAsync(first, "/Payments/Counter", Lookup("2026020004", "1"), "/Payments/Counter?handler=Lookup"));
        var second = await web.SignedInClientAsync(clerk);

        var html = await HtmlAsync(await Forms.PostAsync(second, "/Payments/Counter", new()
        {
            ["NoticeNo"] = "2026020004", ["Period"] = "1", ["FormKey"] = Field(lookup, "FormKey"), ["Amount"] = "12300", ["PaidOn"] = "2026-11-26",
        }, "/Payments/Counter?handler=Book"));

        Assert.Contains("この入力画面は有効期限が切れました", html);
        await using var db = web.Store.Open();
        Assert.False(await db.Payments.AnyAsync(p => p.InstallmentId == ids[0]));
    }

    // A receipt's handle opened by another person (another session) is not found; so is a made-up handle.
    [Fact]
    public async Task Receipt_HandleFromAnotherSession_NotFound()
    {
        await SeedAsync(web, "1000000105", "指宿 五郎", "2026020005", new LedgerSeed.Inst(1, June30, 12_300));
        var (clerk, _) = await web.CreateUserAsync("56718", "渡辺 翔", [Role.CollectionClerk]);
        var (other, _) = await web.CreateUserAsync("57093", "山本 彩", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);
        var lookup = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2026020005", "1"), "/Payments/Counter?handler=Lookup"));
        var booked = await Forms.PostAsync(client, "/Payments/Counter", new()
        {
            ["NoticeNo"] = "2026020005", ["Period"] = "1", ["FormKey"] = Field(lookup, "FormKey"), ["Amount"] = "12300", ["PaidOn"] = "2026-11-26",
        }, "/Payments/Counter?handler=Book");
        var receiptUrl = booked.Headers.Location!.OriginalString;

        var otherClient = await web.SignedInClientAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(receiptUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Payments/Receipt/CfDJ8madeup")).StatusCode);
        Assert.DoesNotContain(await web.AuditAsync(), a => a.ActorName == "57093" && a.Kind == AuditEventKind.TaxpayerViewed);
    }

    // 時効: taxpayer 1000000106 has 市民税 FY2020 notice 2020020006 period 1, 50,000 due 2020-06-30, never paid nor
    // reminded: lapsed from 2025-07-01 (令和7年7月1日); and 市民税 FY2026 notice 2026020006 period 1, 12,300 due 2026-06-30.
    // Today (2026-11-26) the counter quotes the FY2020 installment at 0 with the lapse and offers no booking form. A
    // booking sent for it anyway (here with the form key of the FY2026 lookup, as a form opened before the lapse or
    // forged would be) is refused with the use case's Japanese message as a form error: nothing booked, audited 3004
    // Failed. The taxpayer page shows the installment as 「時効（令和7年7月1日に消滅）」 and owes only 12,300.
    [Fact]
    public async Task Book_LapsedInstallment_NoFormRefusedAsFormErrorAndPageShowsLapse()
    {
        long taxpayer, lapsing;
        await using (var db = web.Store.Open())
        {
            taxpayer = await LedgerSeed.TaxpayerAsync(db, "1000000106", "大隅 六郎");
            lapsing = (await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.InhabitantTax, 2020, "2020020006",
                new LedgerSeed.Inst(1, new DateOnly(2020, 6, 30), 50_000)))[0];
            await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026020006", new LedgerSeed.Inst(1, June30, 12_300));
        }
        var (clerk, _) = await web.CreateUserAsync("58123", "中村 優", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var lapsed = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2020020006", "1"), "/Payments/Counter?handler=Lookup"));
        Assert.Equal("0円", TestId(lapsed, "amount-due-total"));
        Assert.Equal("2025-07-01（令和7年7月1日）に徴収権が消滅", TestId(lapsed, "lapsed-on"));
        Assert.Equal(
            "通知書番号 2020020006 第1期（市民税 2020年度）は、徴収権が時効により2025年7月1日に消滅しています（地方税法18条）。納める額はありません。"
            + "窓口で収納しないでください。誤って受け取ったお金は過誤納として還付または充当の手続きをします。",
            TestId(lapsed, "lapse-notice"));
        Assert.DoesNotContain("FormKey", lapsed);
        Assert.DoesNotContain("納付を記録する", lapsed);

        var current = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", Lookup("2026020006", "1"), "/Payments/Counter?handler=Lookup"));
        var refused = await HtmlAsync(await Forms.PostAsync(client, "/Payments/Counter", new()
        {
            ["NoticeNo"] = "2020020006", ["Period"] = "1", ["FormKey"] = Field(current, "FormKey"), ["Amount"] = "50,000", ["PaidOn"] = "2026-11-26",
        }, "/Payments/Counter?handler=Book"));
        Assert.Contains("role=\"alert\" id=\"book-errors\"", refused);
        Assert.Contains(
            "<p>通知書番号 2020020006 第1期（市民税 2020年度）は、徴収権が時効により2025年7月1日に消滅しているため（地方税法18条）、"
            + "納付日 2026年11月26日 の窓口収納は記録できません。この期別のお金を受け取らないでください。既に受け取った場合は過誤納として還付または充当の手続きをしてください。</p>",
            refused);
        Assert.DoesNotContain("納付を記録する", refused);
        await using (var db = web.Store.Open())
        {
            Assert.False(await db.Payments.AnyAsync(p => p.InstallmentId == lapsing));
            Assert.False(await db.Overpayments.AnyAsync(o => o.TaxpayerId == taxpayer));
        }
        var entered = Assert.Single(await web.AuditAsync(), a => a.ActorName == "58123" && a.Kind == AuditEventKind.PaymentEntered);
        Assert.Equal((AuditOutcome.Failed, (long?)taxpayer), (entered.Outcome, entered.TaxpayerId));

        var page = await HtmlAsync(await client.GetAsync($"/Taxpayers/View/{await HandleAsync(client, "1000000106")}"));
        var row = Assert.Single(Rows(page), r => r.StartsWith("第1期 | 2020-06-30 |", StringComparison.Ordinal));
        Assert.StartsWith("第1期 | 2020-06-30 | 50,000円 | 0円 | 50,000円 | 0円 |", row);
        Assert.EndsWith("| 時効（令和7年7月1日に消滅）", row);
        Assert.Contains("第1期 | 2026-06-30 | 12,300円 | 0円 | 12,300円 | 0円 | 0円 |  |  | 2031-07-01 | 未納", Rows(page));
        Assert.Equal("12,300円", TestId(page, "total-balance"));
        Assert.Equal("0円", TestId(page, "total-late-fee"));
    }
}
