using Choshu.App.Assessments;
using Choshu.App.Reconciliation;
using Choshu.App.Reports;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// The counter with a receipt (<see cref="CounterReceipts"/>: several installments, お預かり・おつり, the overpayment
/// confirmation, the PDF and its 再発行) and the day close (<see cref="BusinessDays"/>: the closed report stored and unchanged,
/// a late entry counted on the open day with its true 納付日, reopening by an approver with a reason). Today is 2026-11-26 (Thu).
/// </summary>
public sealed class CounterAndDayCloseTests
{
    private static readonly DateOnly Nov25 = new(2026, 11, 25);
    private static readonly DateOnly Nov26 = new(2026, 11, 26);
    private static readonly DateOnly Nov30 = new(2026, 11, 30);
    private static readonly DateOnly Dec28 = new(2026, 12, 28);
    private static readonly Actor Clerk = Choshu.App.Audit.AuditText.SystemNamed("test:counter");

    /// <summary>市民税 2026010001 periods 4 (30,000) and 5 (20,000), 固定資産税 2026020001 period 3 (15,000); none overdue on 2026-11-26.</summary>
    private static async Task<long[]> ThreeInstallmentsAsync(ReconciliationFixture f)
    {
        var taxpayer = await f.TaxpayerAsync();
        var a = await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(4, Nov30, 30_000), new LedgerSeed.Inst(5, Dec28, 20_000));
        var b = await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2026, "2026020001", new LedgerSeed.Inst(3, Nov30, 15_000));
        return [a[0], a[1], b[0]];
    }

    // 30,000 + 20,000 + 15,000 = 65,000 paid on 2026-11-26 with 70,000 handed over: おつり 5,000; three counter payments,
    // keys counter:R-1/1..3, 収入日 = 納付日; the day's report counts 3 counter payments, 65,000. The PDF reads back the
    // amounts, the 和暦 date and the city; the second print says 再発行.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Take_ThreeInstallmentsOfTwoNoticesWithChange_OneReceiptThreePaymentsAndPdf(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var ids = await ThreeInstallmentsAsync(f);

        var r = await CounterReceipts.TakeAsync(f.Store.Store, new CounterSale("R-1", Nov26, 70_000,
            [new(ids[0], 30_000), new(ids[1], 20_000), new(ids[2], 15_000)], false), Clerk, f.Clock);

        Assert.Equal(("R-1", false, 65_000L, 5_000L, 0L, Nov26), (r.ReceiptNo, r.Duplicate, r.Total, r.Change, r.Overpaid, r.ReceivedOn));
        var payments = await f.PaymentsAsync();
        Assert.Equal(["counter:R-1/1", "counter:R-1/2", "counter:R-1/3"], payments.Select(p => p.IdempotencyKey));
        Assert.All(payments, p => Assert.Equal((PaymentChannel.Counter, PaymentStatus.Booked, Nov26, (DateOnly?)Nov26), (p.Channel, p.Status, p.PaidOn, p.ReceivedOn)));
        Assert.Equal([30_000L, 20_000L, 15_000L], payments.Select(p => p.Amount));
        foreach (var id in ids) Assert.Equal(0, (await f.LedgerAsync(id)).PrincipalBalance);

        // The same receipt sent again books nothing.
        var again = await CounterReceipts.TakeAsync(f.Store.Store, new CounterSale("R-1", Nov26, 70_000,
            [new(ids[0], 30_000), new(ids[1], 20_000), new(ids[2], 15_000)], false), Clerk, f.Clock);
        Assert.True(again.Duplicate);
        Assert.Equal(3, (await f.PaymentsAsync()).Count);

        await using var db = f.Open();
        var daily = await DailyReportQuery.LoadAsync(db, Nov26);
        Assert.Equal((3, 65_000L, 65_000L), (daily.BookedTotal.Count, daily.BookedTotal.Amount, daily.BookedTotal.Principal));
        Assert.Empty(daily.LateEntries!);

        var view = (await CounterReceipts.LoadAsync(db, Clerk, "R-1", "領収証書の表示", f.Clock))!;
        Assert.Equal((65_000L, 70_000L, 5_000L, 3, "鹿児島市"), (view.Total, view.Tendered, view.Change, view.Lines.Count, view.City.Name));

        using var first = new MemoryStream();
        await CounterReceipts.PrintAsync(db, Clerk, "R-1", first, f.Clock);
        var text = Poppler.Text(first.ToArray());
        Assert.Contains("領収証書", text);
        Assert.DoesNotContain("再発行", text);
        Assert.Contains("65,000", text);
        Assert.Contains("70,000", text);
        Assert.Contains("5,000", text);
        Assert.Contains("令和8年11月26日", text);
        Assert.Contains("鹿児島市", text);
        using var second = new MemoryStream();
        await CounterReceipts.PrintAsync(db, Clerk, "R-1", second, f.Clock);
        Assert.Contains("再発行", Poppler.Text(second.ToArray()));
        Assert.Equal([AuditEventKind.CounterReceiptIssued, AuditEventKind.CounterReceiptPrinted, AuditEventKind.CounterReceiptPrinted],
            await db.AuditEvents.Where(e => e.Kind >= AuditEventKind.CounterReceiptIssued && e.Kind <= AuditEventKind.CounterReceiptPrinted).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    // 30,000 owed on period 4; 35,000 offered: refused without the clerk's confirmation (nothing booked), then taken with it:
    // 5,000 is an overpayment. 25,000 handed over for 30,000 is refused.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Take_MoreThanOwed_RefusedUntilConfirmedThenOverpaid(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var ids = await ThreeInstallmentsAsync(f);

        var refused = await Assert.ThrowsAsync<DomainException>(() => CounterReceipts.TakeAsync(f.Store.Store,
            new CounterSale("R-2", Nov26, 40_000, [new(ids[0], 35_000)], false), Clerk, f.Clock));
        Assert.Equal(CounterReceipts.OverpaymentCode, refused.Code);
        Assert.Contains("5,000円 が過誤納になります", refused.Message);
        Assert.Empty(await f.PaymentsAsync());
        var short_ = await Assert.ThrowsAsync<DomainException>(() => CounterReceipts.TakeAsync(f.Store.Store,
            new CounterSale("R-3", Nov26, 25_000, [new(ids[0], 30_000)], false), Clerk, f.Clock));
        Assert.Equal("receipt.tendered_short", short_.Code);

        var r = await CounterReceipts.TakeAsync(f.Store.Store, new CounterSale("R-2", Nov26, 40_000, [new(ids[0], 35_000)], true), Clerk, f.Clock);

        Assert.Equal((35_000L, 5_000L, 5_000L), (r.Total, r.Change, r.Overpaid));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal(5_000, o.Amount);
    }

    // 2026-11-25: 12,300 taken and the day closed (1 payment, 12,300 stored). Then a payment with 納付日 2026-11-25 is
    // entered on 2026-11-26 (a late entry): 収入日 2026-11-26, its journal dated 2026-11-25 (the true 納付日). The first
    // payment is reversed: the closed report still says 1 / 12,300; 2026-11-26 counts the late 8,000 and lists it.
    // Reopening needs a reason and an approver; after it the 25th is computed again (nothing booked: the reversal).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Close_LateEntryAndReversalAfterwards_ClosedReportUnchangedLateEntryOnOpenDay(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        var ids = await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(4, Nov30, 12_300), new LedgerSeed.Inst(5, Dec28, 8_000));
        await CounterReceipts.TakeAsync(f.Store.Store, new CounterSale("D-1", Nov25, 12_300, [new(ids[0], 12_300)], false), Clerk, f.Clock);

        var closed = await BusinessDays.CloseAsync(f.Store.Store, Clerk, Nov25, f.Clock);
        Assert.Equal((1, 12_300L), (closed.BookedTotal.Count, closed.BookedTotal.Amount));
        Assert.Equal("day.closed", (await Assert.ThrowsAsync<DomainException>(() => BusinessDays.CloseAsync(f.Store.Store, Clerk, Nov25, f.Clock))).Code);
        Assert.Equal("day.future", (await Assert.ThrowsAsync<DomainException>(() => BusinessDays.CloseAsync(f.Store.Store, Clerk, new DateOnly(2026, 11, 27), f.Clock))).Code);

        var late = await CounterReceipts.TakeAsync(f.Store.Store, new CounterSale("D-2", Nov25, 10_000, [new(ids[1], 8_000)], false), Clerk, f.Clock);
        Assert.Equal((Nov26, 2_000L), (late.ReceivedOn, late.Change));
        var payment = (await f.PaymentsAsync()).Single(p => p.IdempotencyKey == "counter:D-2");
        Assert.Equal((Nov25, (DateOnly?)Nov26), (payment.PaidOn, payment.ReceivedOn));
        Assert.All((await f.BookedEntriesAsync()).Where(e => e.PaymentId == payment.Id), e => Assert.Equal(Nov25, e.ValueDate));

        var first = (await f.PaymentsAsync()).Single(p => p.IdempotencyKey == "counter:D-1");
        await f.Corrections().ReverseAsync(first.Id, "二重入力の訂正", CancellationToken.None);

        await using (var db = f.Open())
        {
            var day25 = await DailyReportQuery.LoadAsync(db, Nov25);
            Assert.Equal((1, 12_300L, 12_300L), (day25.BookedTotal.Count, day25.BookedTotal.Amount, day25.BookedTotal.Principal));
            Assert.NotNull(day25.Closed);
            Assert.Equal(0, (await DailyReportQuery.LiveAsync(db, Nov25)).BookedTotal.Count); // what it would say now
            var day26 = await DailyReportQuery.LoadAsync(db, Nov26);
            Assert.Equal((1, 8_000L), (day26.BookedTotal.Count, day26.BookedTotal.Amount));
            var entry = Assert.Single(day26.LateEntries!);
            Assert.Equal(("D-2", Nov25, "2026010001", (short)5, 8_000L), (entry.ReceiptNo, entry.PaidOn, entry.NoticeNo, entry.Period, entry.Amount));
            Assert.Null(day26.Closed);
        }

        Assert.Equal("day.reason_required", (await Assert.ThrowsAsync<DomainException>(() => BusinessDays.ReopenAsync(f.Store.Store, Clerk, Nov25, " ", f.Clock))).Code);
        var status = await BusinessDays.ReopenAsync(f.Store.Store, Clerk, Nov25, "収納取消の反映のため", f.Clock);
        Assert.Equal((false, "収納取消の反映のため"), (status.Closed, status.ReopenReason));
        await using (var db = f.Open())
        {
            Assert.Equal(0, (await DailyReportQuery.LoadAsync(db, Nov25)).BookedTotal.Count);
            Assert.Equal([AuditEventKind.BusinessDayClosed, AuditEventKind.BusinessDayReopened],
                await db.AuditEvents.Where(e => e.Kind == AuditEventKind.BusinessDayClosed || e.Kind == AuditEventKind.BusinessDayReopened).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        }
    }
}
