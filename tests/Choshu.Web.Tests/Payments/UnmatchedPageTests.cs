using System.Net;
using System.Text.RegularExpressions;
using Choshu.Data.Payments;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Payments;

/// <summary>
/// 未消込一覧, the manual match and 収納取消 over HTTP, on PostgreSQL, today 2026-11-26 (JST). Unmatched payments
/// come from bank files whose 消込番号 has a wrong check digit (<see cref="PaymentFiles.BadKey"/>).
/// </summary>
public sealed class UnmatchedPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static readonly DateOnly Oct2 = new(2026, 10, 2);

    /// <summary>The handle of the action link in the table row of payment <paramref name="paymentId"/>.</summary>
    private static string RowHandle(string html, long paymentId, string page)
    {
        var row = Regex.Match(html, $"<tr>\\s*<td>{paymentId}</td>.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for payment {paymentId}");
        return Handle(row.Value, page);
    }

    private async Task<long> PaymentIdAsync(string idempotencyKey)
    {
        await using var db = web.Store.Open();
        return await db.Payments.Where(p => p.IdempotencyKey == idempotencyKey).Select(p => p.Id).SingleAsync();
    }

    // A bank line for 20,000 whose key has a wrong check digit is in the queue with its raw line; a payment whose raw
    // record holds a My Number shows it masked. Reading the queue is audited (2004).
    [Fact]
    public async Task List_UnmatchedPayments_RawDataWithMyNumbersMaskedAndAudited()
    {
        var ids = await SeedAsync(web, "1000000201", "川内 一子", "2026030001", new LedgerSeed.Inst(1, Sep30, 20_000));
        await ImportAsync(web, "bank", Bank([new BankLine("201", BadKey(ids[0]), 20_000, Sep30, Oct2)]), "bank-201.csv");
        var myNumber = "48217395106" + MyNumber.ComputeCheckDigit("48217395106");
        await using (var db = web.Store.Open())
        {
            db.Payments.Add(new Payment
            {
                Channel = PaymentChannel.Bank, Status = PaymentStatus.Unmatched, RawKey = "99999999999999999999", Amount = 5_000,
                PaidOn = Sep30, ReceivedOn = Oct2, IdempotencyKey = "test:masked:201", RawRecord = $"D,0123,456,202,{myNumber},5000,2026-09-30,2026-10-02,,",
                Actor = "test:seed", RecordedAtUtc = LedgerSeed.NowUtc,
            });
            await db.SaveChangesAsync();
        }
        var (clerk, _) = await web.CreateUserAsync("61245", "中村 陽子", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var html = await HtmlAsync(await client.GetAsync("/Payments/Unmatched"));

        var bankId = await PaymentIdAsync($"bank:0123:456:201:2026-09-30");
        var row = Regex.Match(html, $"<tr>\\s*<td>{bankId}</td>.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<td>金融機関</td>", row);
        Assert.Contains("<td>2026-09-30</td>", row);
        Assert.Contains("<td>2026-10-02</td>", row);
        Assert.Contains("<td class=\"num\">20,000円</td>", row);
        Assert.Contains($"D,0123,456,201,{BadKey(ids[0])},20000,2026-09-30,2026-10-02,,", row);
        Assert.Contains("D,0123,456,202,************,5000,", html);
        Assert.DoesNotContain(myNumber, html);
        var audit = Assert.Single(await web.AuditAsync(), a => a.ActorName == "61245" && a.Kind == AuditEventKind.UnmatchedPaymentsListed);
        Assert.StartsWith("未消込 ", audit.Detail);
    }

    // Unmatched 20,000 paid 2026-09-30 → matched by hand to notice 2026030002 period 1 (20,000 due 2026-09-30):
    // the confirm step names the taxpayer and books nothing; the match books Payment/Principal −20,000 on 09-30 and is
    // audited (3005). Sending the match again books nothing and says the payment is no longer unmatched.
    [Fact]
    public async Task Match_ConfirmThenMatch_BookedOnceAndAudited()
    {
        var ids = await SeedAsync(web, "1000000202", "出水 二郎", "2026030002", new LedgerSeed.Inst(1, Sep30, 20_000));
        await ImportAsync(web, "bank", Bank([new BankLine("202", BadKey(ids[0]), 20_000, Sep30, Oct2)]), "bank-202.csv");
        var paymentId = await PaymentIdAsync("bank:0123:456:202:2026-09-30");
        var (clerk, _) = await web.CreateUserAsync("62356", "小林 大輔", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);
        var handle = RowHandle(await HtmlAsync(await client.GetAsync("/Payments/Unmatched")), paymentId, "/Payments/Match");

        var page = await HtmlAsync(await client.GetAsync($"/Payments/Match/{handle}"));
        Assert.Equal("20,000円", TestId(page, "payment-amount"));
        Assert.Contains("消込先を確認する", page);

        var fields = new Dictionary<string, string> { ["NoticeNo"] = "2026030002", ["Period"] = "1", ["Comment"] = "納付書の控えで確認" };
        var confirm = await HtmlAsync(await Forms.PostAsync(client, "/", fields, $"/Payments/Match/{handle}?handler=Confirm"));
        Assert.Contains("この期別に消し込みます。よろしいですか", confirm);
        Assert.Equal("出水 二郎", TestId(confirm, "taxpayer-name"));
        Assert.Equal("20,000円", TestId(confirm, "amount-due-total"));
        await using (var db = web.Store.Open())
        {
            Assert.Equal(PaymentStatus.Unmatched, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId)).Status);
            Assert.False(await db.JournalEntries.AnyAsync(j => j.PaymentId == paymentId));
        }

        var done = await HtmlAsync(await Forms.PostAsync(client, "/", fields, $"/Payments/Match/{handle}?handler=Match"));
        Assert.Contains($"収納番号 {paymentId} の 20,000円 を消し込みました。", done);
        List<LedgerSeed.JournalEntryColumns> journal;
        await using (var db = web.Store.Open())
        {
            var p = await db.Payments.AsNoTracking().SingleAsync(x => x.Id == paymentId);
            Assert.Equal((PaymentStatus.Booked, (long?)ids[0], "62356", "手動消込: 納付書の控えで確認"), (p.Status, p.InstallmentId, p.StatusChangedBy, p.StatusReason));
            var e = await db.JournalEntries.AsNoTracking().SingleAsync(j => j.PaymentId == paymentId);
            Assert.Equal((JournalEntryKind.Payment, LedgerComponent.Principal, -20_000L, Sep30), (e.Kind, e.Component, e.Amount, e.ValueDate));
            journal = await LedgerSeed.JournalAsync(db);
        }
        var audit = Assert.Single(await web.AuditAsync(), a => a.ActorName == "62356" && a.Kind == AuditEventKind.PaymentMatched);
        Assert.Equal($"収納 {paymentId} 20000円 を通知書番号 2026030002 第1期（市民税 2026年度）に消込（過誤納 0円）: 納付書の控えで確認", audit.Detail);

        var again = await HtmlAsync(await Forms.PostAsync(client, "/", fields, $"/Payments/Match/{handle}?handler=Match"));
        Assert.Contains($"収納 {paymentId} は未消込ではありません（状態: 消込済）。", again);
        await using (var db = web.Store.Open())
            Assert.Equal(journal, await LedgerSeed.JournalAsync(db));
    }

    // 1,000,000 paid on its due date 2026-06-30 (received 07-02) with a wrong key: the confirm step quotes the installment as
    // of the payment's 納付日 (1,000,000円, no late fee), as the booking will allocate it, not as of today (2026-11-26, when a
    // late fee would have run since 07-01); matched, nothing is overpaid.
    [Fact]
    public async Task Match_Confirm_QuotesAsOfThePaymentsPaidOn()
    {
        var ids = await SeedAsync(web, "1000000205", "谷山 五郎", "2026030005", new LedgerSeed.Inst(1, June30, 1_000_000));
        await ImportAsync(web, "bank", Bank([new BankLine("205", BadKey(ids[0]), 1_000_000, June30, new DateOnly(2026, 7, 2))]), "bank-205.csv");
        var paymentId = await PaymentIdAsync("bank:0123:456:205:2026-06-30");
        var (clerk, _) = await web.CreateUserAsync("62359", "谷山 六子", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);
        var handle = RowHandle(await HtmlAsync(await client.GetAsync("/Payments/Unmatched")), paymentId, "/Payments/Match");

        var fields = new Dictionary<string, string> { ["NoticeNo"] = "2026030005", ["Period"] = "1" };
        var confirm = await HtmlAsync(await Forms.PostAsync(client, "/", fields, $"/Payments/Match/{handle}?handler=Confirm"));
        Assert.Contains("2026-06-30 に納める額", confirm);
        Assert.Equal("1,000,000円", TestId(confirm, "amount-due-total"));

        var done = await HtmlAsync(await Forms.PostAsync(client, "/", fields, $"/Payments/Match/{handle}?handler=Match"));
        Assert.Contains($"収納番号 {paymentId} の 1,000,000円 を消し込みました。", done);
        await using var db = web.Store.Open();
        Assert.False(await db.Overpayments.AnyAsync(o => o.PaymentId == paymentId));
    }

    // A booked bank payment of 20,000 on notice 2026030003 period 1 is found by its installment. Without a reason
    // (at the confirm step, or sent straight to the last step) nothing changes; with the reason 通知書番号の入力誤り
    // the booking is reversed by one linked entry, the payment is back in the queue, and 3006 records the reason.
    [Fact]
    public async Task Reverse_ReasonRequiredThenReversedAndAudited()
    {
        var ids = await SeedAsync(web, "1000000203", "枕崎 三子", "2026030003", new LedgerSeed.Inst(1, Sep30, 20_000));
        await ImportAsync(web, "bank", Bank([new BankLine("203", Key(ids[0]), 20_000, Sep30, Oct2)]), "bank-203.csv");
        var paymentId = await PaymentIdAsync("bank:0123:456:203:2026-09-30");
        var (clerk, _) = await web.CreateUserAsync("63467", "加藤 由美", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var found = await HtmlAsync(await Forms.PostAsync(client, "/", new() { ["NoticeNo"] = "2026030003", ["Period"] = "1" }, "/Payments/Reverse?handler=Find"));
        Assert.Equal("枕崎 三子", TestId(found, "taxpayer-name"));
        Assert.Equal("0円", TestId(found, "amount-due-total"));
        var handle = RowHandle(found, paymentId, "/Payments/Reverse");

        List<LedgerSeed.JournalEntryColumns> before;
        await using (var db = web.Store.Open())
            before = await LedgerSeed.JournalAsync(db);
        var noReason = await HtmlAsync(await Forms.PostAsync(client, "/", new() { ["Reason"] = "" }, $"/Payments/Reverse/{handle}?handler=Confirm"));
        Assert.Contains("取消の理由を入力してください（例: 通知書番号の入力誤り）。理由は記録に残ります。", noReason);
        Assert.DoesNotContain("この消込を取り消します。よろしいですか", noReason);
        var straight = await HtmlAsync(await Forms.PostAsync(client, "/", new() { ["Reason"] = "  " }, $"/Payments/Reverse/{handle}?handler=Reverse"));
        Assert.Contains("取消の理由を入力してください", straight);
        Assert.DoesNotContain("reverse-done", straight);
        await using (var db = web.Store.Open())
        {
            Assert.Equal(before, await LedgerSeed.JournalAsync(db));
            Assert.Equal(PaymentStatus.Booked, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId)).Status);
        }
        Assert.DoesNotContain(await web.AuditAsync(), a => a.ActorName == "63467" && a.Kind == AuditEventKind.PaymentReversed);

        var reason = new Dictionary<string, string> { ["Reason"] = "通知書番号の入力誤り" };
        var confirm = await HtmlAsync(await Forms.PostAsync(client, "/", reason, $"/Payments/Reverse/{handle}?handler=Confirm"));
        Assert.Contains("この消込を取り消します。よろしいですか", confirm);
        Assert.Equal("通知書番号の入力誤り", TestId(confirm, "reason"));
        var done = await HtmlAsync(await Forms.PostAsync(client, "/", reason, $"/Payments/Reverse/{handle}?handler=Reverse"));
        Assert.Contains($"収納番号 {paymentId} の消込を取り消しました（取消の仕訳 1 件）。この収納は未消込に戻りました。", done);

        await using (var db = web.Store.Open())
        {
            var p = await db.Payments.AsNoTracking().SingleAsync(x => x.Id == paymentId);
            Assert.Equal((PaymentStatus.Unmatched, (long?)null, "消込取消: 通知書番号の入力誤り"), (p.Status, p.InstallmentId, p.StatusReason));
            var entries = await db.JournalEntries.AsNoTracking().Where(j => j.PaymentId == paymentId).OrderBy(j => j.Id).ToListAsync();
            Assert.Equal(2, entries.Count);
            Assert.Equal((JournalEntryKind.Reversal, 20_000L, (long?)entries[0].Id), (entries[1].Kind, entries[1].Amount, entries[1].ReversesEntryId));
        }
        var audit = Assert.Single(await web.AuditAsync(), a => a.ActorName == "63467" && a.Kind == AuditEventKind.PaymentReversed);
        Assert.Equal($"収納 {paymentId} 20000円 の消込を取消（通知書番号 2026030003 第1期（市民税 2026年度）、取消仕訳 1 件、再消込 0 件）: 通知書番号の入力誤り", audit.Detail);
    }

    // A match page's handle used in another session (another clerk) is not found, and nothing is read or audited for them.
    [Fact]
    public async Task Match_HandleFromAnotherSession_NotFound()
    {
        var ids = await SeedAsync(web, "1000000204", "串木野 四朗", "2026030004", new LedgerSeed.Inst(1, Sep30, 20_000));
        await ImportAsync(web, "bank", Bank([new BankLine("204", BadKey(ids[0]), 20_000, Sep30, Oct2)]), "bank-204.csv");
        var paymentId = await PaymentIdAsync("bank:0123:456:204:2026-09-30");
        var (clerk, _) = await web.CreateUserAsync("64578", "吉田 健一", [Role.CollectionClerk]);
        var (other, _) = await web.CreateUserAsync("65689", "山田 花", [Role.CollectionClerk]);
        var handle = RowHandle(await HtmlAsync(await (await web.SignedInClientAsync(clerk)).GetAsync("/Payments/Unmatched")), paymentId, "/Payments/Match");

        var otherClient = await web.SignedInClientAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/Payments/Match/{handle}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/Payments/Reverse/{handle}")).StatusCode);
        var post = await Forms.PostAsync(otherClient, "/", new() { ["NoticeNo"] = "2026030004", ["Period"] = "1" }, $"/Payments/Match/{handle}?handler=Match");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await using var db = web.Store.Open();
        Assert.Equal(PaymentStatus.Unmatched, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId)).Status);
        Assert.DoesNotContain(await web.AuditAsync(), a => a.ActorName == "65689" && (int)a.Kind >= 2000);
    }
}
