using Choshu.Domain.Claims;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// A claim lapsed by 時効 (地方税法18条, <c>ClaimLimitation</c>) outside the booker: the taxpayer page data shows it as
/// Lapsed and does not count it as owed, and the counter (窓口収納) quotes nothing for it and refuses money for it.
///
/// Taxpayer 1000000001 has two installments of 市民税:
/// FY2020 notice 2020010001 period 1, 50,000 due 2020-06-30 (Tue), no payment, no reminder: the period counts from
/// 2020-07-01, the last collectable day is 2025-06-30, lapsed from 2025-07-01.
/// FY2026 notice 2026010001 period 1, 12,300 due 2026-06-30: not lapsed; on 2026-11-26 the late fee on 12,000 for
/// 149 days is under 1,000 yen, so 0.
/// </summary>
public sealed class LapsedInstallmentTests
{
    private static readonly DateOnly Due2020 = new(2020, 6, 30);
    private static readonly DateOnly Due2026 = new(2026, 6, 30);
    private static readonly DateOnly FirstLapsedDay = new(2025, 7, 1);

    private static async Task<(long Lapsing, long Current)> SeedAsync(ReconciliationFixture f)
    {
        var taxpayer = await f.TaxpayerAsync("1000000001");
        var lapsing = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2020, "2020010001", new LedgerSeed.Inst(1, Due2020, 50_000)))[0];
        var current = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(1, Due2026, 12_300)))[0];
        return (lapsing, current);
    }

    private static FakeTimeProvider ClockOn(DateOnly day) => new(new DateTimeOffset(day.Year, day.Month, day.Day, 9, 0, 0, TimeSpan.FromHours(9)));

    private static PaymentRecord Counter(long installmentId, long amount, DateOnly paidOn, string receiptNo)
    {
        var key = new MatchKey(installmentId);
        return new PaymentRecord(0, PaymentRecordKind.Payment, PaymentChannel.Counter, key.Value, key, amount, paidOn, paidOn, "窓口",
            PaymentDetails.CounterKeyPrefix + receiptNo, $"窓口: テスト {amount}円 領収番号 {receiptNo}");
    }

    // On 2026-11-26 the FY2020 installment is Lapsed (lapsed from 2025-07-01): its 50,000 is still shown on its line, its
    // late fee stops at 2025-06-30 (computed to that day, not to today), and the totals owe only the FY2026 12,300
    // (late fee 0). Assessed 62,300 and paid 0 count both installments.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task LoadAsync_Fy2020UnpaidOn2026_11_26_LapsedAndNotInOwedTotals(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var (lapsing, _) = await SeedAsync(f);
        var lastDayFee = (await f.LedgerAsync(lapsing)).LateFeeOwed(new DateOnly(2025, 6, 30), await f.RatesAsync()).Owed;

        await using var db = f.Open();
        var d = (await TaxpayerDetailsQuery.LoadAsync(db, "1000000001", ClockOn(new DateOnly(2026, 11, 26))))!;

        var old = Assert.Single(d.Assessments.Single(a => a.FiscalYear == 2020).Installments);
        Assert.Equal((ClaimStatusKind.Lapsed, (DateOnly?)FirstLapsedDay, 50_000L, (DateOnly?)new DateOnly(2025, 6, 30)),
            (old.Status, old.ClaimLapsesOn, old.PrincipalBalance, old.LateFeeComputedTo));
        Assert.True(lastDayFee > 0);
        Assert.Equal(lastDayFee, old.LateFee);
        var current = Assert.Single(d.Assessments.Single(a => a.FiscalYear == 2026).Installments);
        Assert.Equal((ClaimStatusKind.Unpaid, (DateOnly?)new DateOnly(2031, 7, 1), 12_300L, 0L),
            (current.Status, current.ClaimLapsesOn, current.PrincipalBalance, current.LateFee));
        Assert.Equal(new TaxpayerTotals(62_300, 0, 12_300, 0, 0, 0), d.Totals);
    }

    // The same installment on 2025-06-30, its last collectable day: Overdue, owed in full in the totals (50,000 + the
    // FY2026 12,300 not yet due), with its late fee to that day.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task LoadAsync_Fy2020UnpaidOn2025_06_30_OverdueAndOwed(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var (lapsing, _) = await SeedAsync(f);
        var fee = (await f.LedgerAsync(lapsing)).LateFeeOwed(new DateOnly(2025, 6, 30), await f.RatesAsync()).Owed;

        await using var db = f.Open();
        var d = (await TaxpayerDetailsQuery.LoadAsync(db, "1000000001", ClockOn(new DateOnly(2025, 6, 30))))!;

        var old = Assert.Single(d.Assessments.Single(a => a.FiscalYear == 2020).Installments);
        Assert.Equal((ClaimStatusKind.Unpaid, (DateOnly?)FirstLapsedDay, 50_000L, fee),
            (old.Status, old.ClaimLapsesOn, old.PrincipalBalance, old.LateFee));
        var current = Assert.Single(d.Assessments.Single(a => a.FiscalYear == 2026).Installments);
        Assert.Equal(ClaimStatusKind.NotDue, current.Status);
        Assert.Equal(new TaxpayerTotals(62_300, 0, 62_300, 0, fee, 0), d.Totals);
    }

    // The counter on 2026-11-26: the quote for the FY2020 installment owes nothing and says it lapsed on 2025-07-01;
    // a counter payment of 50,000 dated today is refused in Japanese (no payment, no overpayment, no journal entry) and
    // the refusal is audited as 3004 Failed. The FY2026 installment is quoted 12,300 and a counter payment of 12,300
    // is booked to its principal. A counter payment dated 2025-06-30 (the last collectable day) on the FY2020
    // installment is booked too: the refusal looks at the 納付日.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task CounterBook_LapsedInstallment_QuoteSaysLapsedBookingRefusedAndAudited(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var (lapsing, current) = await SeedAsync(f);
        var today = new DateOnly(2026, 11, 26);
        var actor = Actor.System();

        InstallmentQuote lapsedQuote, currentQuote;
        await using (var db = f.Open())
        {
            lapsedQuote = await PaymentDesk.QuoteAsync(db, actor, new InstallmentQuery("2020010001", 1), today, "窓口収納の照会", f.Clock);
            currentQuote = await PaymentDesk.QuoteAsync(db, actor, new InstallmentQuery("2026010001", 1), today, "窓口収納の照会", f.Clock);
        }
        Assert.Equal(((DateOnly?)FirstLapsedDay, 0L), (lapsedQuote.LapsedOn, lapsedQuote.Total));
        Assert.Equal(
            "通知書番号 2020010001 第1期（市民税 2020年度）は、徴収権が時効により2025年7月1日に消滅しています（地方税法18条）。納める額はありません。"
            + "窓口で収納しないでください。誤って受け取ったお金は過誤納として還付または充当の手続きをします。",
            lapsedQuote.LapseNotice);
        Assert.Equal(((DateOnly?)null, 12_300L, (string?)null), (currentQuote.LapsedOn, currentQuote.Total, currentQuote.LapseNotice));

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            SinglePaymentBooking.BookAsync(f.Store.Store, Counter(lapsing, 50_000, today, "T-LAPSED"), actor, f.Clock, CancellationToken.None));
        Assert.Equal(SinglePaymentBooking.ClaimLapsedCode, ex.Code);
        Assert.Equal(
            "通知書番号 2020010001 第1期（市民税 2020年度）は、徴収権が時効により2025年7月1日に消滅しているため（地方税法18条）、"
            + "納付日 2026年11月26日 の窓口収納は記録できません。この期別のお金を受け取らないでください。既に受け取った場合は過誤納として還付または充当の手続きをしてください。",
            ex.Message);
        Assert.Empty(await f.PaymentsAsync());
        Assert.Empty(await f.OverpaymentsAsync());
        Assert.Empty(await f.BookedEntriesAsync());
        await using (var db = f.Open())
        {
            var audit = await db.AuditEvents.AsNoTracking().Where(a => a.Kind == AuditEventKind.PaymentEntered).OrderBy(a => a.Id).ToListAsync();
            var refusal = Assert.Single(audit);
            Assert.Equal((AuditOutcome.Failed, $"収納 - 拒否（時効により消滅した期別） 50000円 納付日 2026-11-26 通知書番号 2020010001 第1期（市民税 2020年度）"), (refusal.Outcome, refusal.Detail));
            Assert.NotNull(refusal.TaxpayerId);
        }

        var booked = await SinglePaymentBooking.BookAsync(f.Store.Store, Counter(current, 12_300, today, "T-CURRENT"), actor, f.Clock, CancellationToken.None);
        Assert.Equal((BookingOutcome.Booked, 12_300L, 0L), (booked.Outcome, booked.Amount, booked.Overpaid));
        var lastDay = await SinglePaymentBooking.BookAsync(f.Store.Store, Counter(lapsing, 10_000, new DateOnly(2025, 6, 30), "T-LASTDAY"), actor, f.Clock,
            CancellationToken.None);
        Assert.Equal((BookingOutcome.Booked, 10_000L, 0L), (lastDay.Outcome, lastDay.Amount, lastDay.Overpaid));
        Assert.Equal(
            [
                (current, JournalEntryKind.Payment, LedgerComponent.Principal, -12_300L, today),
                (lapsing, JournalEntryKind.Payment, LedgerComponent.Principal, -10_000L, new DateOnly(2025, 6, 30)),
            ],
            (await f.BookedEntriesAsync()).Select(j => (j.InstallmentId, j.Kind, j.Component, j.Amount, j.ValueDate)));
        Assert.Empty(await f.OverpaymentsAsync());
    }
}
