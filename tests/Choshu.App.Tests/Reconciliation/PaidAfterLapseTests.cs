using Choshu.Domain.Claims;
using System.Globalization;
using Choshu.App.Reports;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// Money for a claim whose right to collect has lapsed (時効, 地方税法18条: 5 years from the day after the due date,
/// renewed by a 督促 and by a payment, see <c>ClaimLimitation</c>) is an overpayment with reason PaidAfterLapse, not a
/// payment of the claim: through a real import, the booking replayed in 納付日 order, and a reversal.
///
/// The installment of every test: 市民税 2020 period 1, due 2020-06-30 (Tue), principal as stated. Without a renewal the
/// new period counts from 2020-07-01: the last day still collectable is 2025-06-30, lapsed from 2025-07-01.
/// A reminder sent 2020-07-20 (fee 100): 10 days have passed on 2020-07-30, the period counts from 2020-07-31, last
/// day 2025-07-30, lapsed from 2025-07-31. Today is 2026-11-26.
/// </summary>
public sealed class PaidAfterLapseTests
{
    private static readonly DateOnly Due = new(2020, 6, 30);
    private static readonly DateOnly Reminder = new(2020, 7, 20);

    private static async Task<long> InstallmentAsync(ReconciliationFixture f, long principal, bool reminder = false)
    {
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2020, "2020010001", new LedgerSeed.Inst(1, Due, principal)))[0];
        if (reminder)
        {
            await using var db = f.Open();
            await LedgerSeed.ReminderFeeAsync(db, inst, 100, Reminder);
        }
        return inst;
    }

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // 50,000 owed, no reminder, no payment; 50,000 paid 2026-11-20 (received 2026-11-24), long after 2025-07-01.
    // The whole 50,000 is an overpayment PaidAfterLapse arising 2026-11-20: one entry on the overpayment account
    // (Payment/Overpayment −50,000, overpayment.after-lapse), none on the claim; 50,000 still stands in
    // the journal (until written off), shown on the page as a lapsed installment not counted as owed. 収納日計表 2026-11-24: bank 市民税 1 payment 50,000, principal 0, 過誤納 50,000.
    // 調定収納集計 2026: 市民税 arrears carried in 50,000, collected 0, balance 50,000. The taxpayer page lists the
    // overpayment with its reason (the web shows it as 「時効後の納付」).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_PaidLongAfterLapse_WholeAmountOverpaidAfterLapseReportsAndPageShowIt(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = await InstallmentAsync(f, 50_000);
        var paidOn = new DateOnly(2026, 11, 20);
        var receivedOn = new DateOnly(2026, 11, 24);

        var s = await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 50_000, paidOn, receivedOn)])), "bank");

        Assert.Equal((1, 1, 50_000L, 1, 50_000L), (s.Read, s.Booked, s.BookedAmount, s.Overpaid, s.OverpaidAmount));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentStatus.Booked, (long?)inst), (p.Status, p.InstallmentId));
        Assert.Equal(
            [new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -50_000, paidOn, "overpayment.after-lapse", p.Id)],
            (await f.BookedEntriesAsync()).Select(Expected.Of));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((p.Id, (long?)inst, 50_000L, OverpaymentReason.PaidAfterLapse, paidOn, (DateTime?)null),
            (o.PaymentId, o.InstallmentId, o.Amount, o.Reason, o.AroseOn, o.CancelledAtUtc));
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((50_000L, new DateOnly(2025, 7, 1)), (ledger.PrincipalBalance, ledger.ClaimLapsesOn!.Value));
        await AssertConsistentAsync(f);

        await using var db = f.Open();
        var daily = await DailyReportQuery.LoadAsync(db, receivedOn);
        var line = Assert.Single(daily.Booked);
        Assert.Equal((PaymentChannel.Bank, "01", 1, 50_000L, 0L, 0L, 0L, 50_000L),
            (line.Channel!.Value, line.TaxKindCode, line.Count, line.Amount, line.Principal, line.ReminderFee, line.LateFee, line.Overpaid));
        var collection = await CollectionReportQuery.LoadAsync(db, 2026, ReconciliationFixture.Today);
        var arrears = Assert.Single(collection.Lines);
        Assert.Equal(("01", "arrears", 50_000L, 0L, 50_000L), (arrears.TaxKindCode, arrears.Bucket, arrears.Assessed, arrears.Collected, arrears.Balance));
        var details = (await TaxpayerDetailsQuery.LoadAsync(db, "1000000001", f.Clock))!;
        var shown = Assert.Single(details.Overpayments);
        Assert.Equal((50_000L, OverpaymentReason.PaidAfterLapse, paidOn, PaymentChannel.Bank, paidOn, false),
            (shown.Amount, shown.Reason, shown.AroseOn, shown.Channel, shown.PaidOn, shown.Cancelled));
        // The installment itself is shown as lapsed (50,000 left on its line) and is not owed in the totals.
        var lapsedLine = Assert.Single(Assert.Single(details.Assessments).Installments);
        Assert.Equal((ClaimStatusKind.Lapsed, 50_000L), (lapsedLine.Status, lapsedLine.PrincipalBalance));
        Assert.Equal((0L, 0L, 50_000L), (details.Totals.PrincipalBalance, details.Totals.LateFee, details.Totals.Overpayments));
    }

    // 100,000 owed; 20,000 paid on the day given. Without a reminder: on 2025-06-30 (the last day) it is booked to the
    // principal (80,000 left); on 2025-07-01 (the first lapsed day) all 20,000 is an overpayment PaidAfterLapse.
    // With the reminder of 2020-07-20: 2025-07-01 and 2025-07-30 are still collectable, 2025-07-31 is lapsed.
    [Theory]
    [InlineData(StoreProvider.Postgres, false, "2025-06-30", false)]
    [InlineData(StoreProvider.Postgres, false, "2025-07-01", true)]
    [InlineData(StoreProvider.Postgres, true, "2025-07-01", false)]
    [InlineData(StoreProvider.Postgres, true, "2025-07-30", false)]
    [InlineData(StoreProvider.Postgres, true, "2025-07-31", true)]
    [InlineData(StoreProvider.Sqlite, false, "2025-06-30", false)]
    [InlineData(StoreProvider.Sqlite, false, "2025-07-01", true)]
    [InlineData(StoreProvider.Sqlite, true, "2025-07-01", false)]
    [InlineData(StoreProvider.Sqlite, true, "2025-07-30", false)]
    [InlineData(StoreProvider.Sqlite, true, "2025-07-31", true)]
    public async Task ImportBank_PaidAroundLapseDay_BookedUpToLastDayOverpaidFromFirstLapsedDay(StoreProvider provider, bool reminder, string paid, bool lapsed)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = await InstallmentAsync(f, 100_000, reminder);
        var paidOn = D(paid);

        var s = await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 20_000, paidOn, paidOn.AddDays(2))])), "bank");

        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((1, 20_000L), (s.Booked, s.BookedAmount));
        if (lapsed)
        {
            Assert.Equal((1, 20_000L), (s.Overpaid, s.OverpaidAmount));
            Assert.Equal(
                [new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -20_000, paidOn, "overpayment.after-lapse", p.Id)],
                (await f.BookedEntriesAsync()).Select(Expected.Of));
            var o = Assert.Single(await f.OverpaymentsAsync());
            Assert.Equal((20_000L, OverpaymentReason.PaidAfterLapse, paidOn), (o.Amount, o.Reason, o.AroseOn));
            Assert.Equal(100_000, (await f.LedgerAsync(inst)).PrincipalBalance);
        }
        else
        {
            Assert.Equal(0, s.Overpaid);
            Assert.Equal(
                [new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -20_000, paidOn, "payment", p.Id)],
                (await f.BookedEntriesAsync()).Select(Expected.Of));
            Assert.Empty(await f.OverpaymentsAsync());
            var ledger = await f.LedgerAsync(inst);
            // The payment renews the period from the next day: lapsed five years later.
            Assert.Equal((80_000L, paidOn.AddDays(1).AddYears(5)), (ledger.PrincipalBalance, ledger.ClaimLapsesOn!.Value));
        }
        await AssertConsistentAsync(f);
    }

    // 100,000 owed. Payment A: 30,000 paid 2025-07-10 (after the lapse of 2025-07-01); payment B: 20,000 paid
    // 2025-06-30 (the last day) that arrives after A — in a later file, or after A in the same file. In 納付日 order B
    // comes first and renews the period (lapsed from 2030-07-01), so A pays the principal too: B −20,000, then A −30,000
    // (50,000 left); A's overpayment, if it was written (in an earlier file: Payment/Overpayment −30,000), is cancelled by
    // the reversal of that entry (Reversal/Overpayment +30,000); A had no entry on the claim.
    [Theory]
    [InlineData(StoreProvider.Postgres, false)]
    [InlineData(StoreProvider.Postgres, true)]
    [InlineData(StoreProvider.Sqlite, false)]
    [InlineData(StoreProvider.Sqlite, true)]
    public async Task ImportBank_EarlierPaymentBeforeLapseArrivesLate_LaterPaymentBookedAgainToPrincipal(StoreProvider provider, bool sameFile)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = await InstallmentAsync(f, 100_000);
        var (jul10, jun30) = (new DateOnly(2025, 7, 10), new DateOnly(2025, 6, 30));
        var a = new BankLine("1", Key(inst), 30_000, jul10, new DateOnly(2025, 7, 14));
        var b = new BankLine("2", Key(inst), 20_000, jun30, new DateOnly(2025, 7, 15));

        if (sameFile)
        {
            var s = await f.ImportAsync(f.Write(Bank([a, b])), "bank");
            Assert.Equal((2, 50_000L, 0), (s.Booked, s.BookedAmount, s.Overpaid));
            Assert.Empty(await f.OverpaymentsAsync());
        }
        else
        {
            var first = await f.ImportAsync(f.Write(Bank([a])), "bank");
            Assert.Equal((1, 1, 30_000L), (first.Booked, first.Overpaid, first.OverpaidAmount));
            Assert.Equal(OverpaymentReason.PaidAfterLapse, Assert.Single(await f.OverpaymentsAsync()).Reason);
            var second = await f.ImportAsync(f.Write(Bank([b])), "bank");
            Assert.Equal((1, 0), (second.Booked, second.Overpaid));
            var o = Assert.Single(await f.OverpaymentsAsync());
            Assert.NotNull(o.CancelledAtUtc);
        }

        var payments = await f.PaymentsAsync();
        var (pa, pb) = (payments.Single(p => p.Amount == 30_000).Id, payments.Single(p => p.Amount == 20_000).Id);
        Expected[] overpaidThenCancelled = sameFile ? [] :
        [
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -30_000, jul10, "overpayment.after-lapse", pa),
            new Expected(inst, JournalEntryKind.Reversal, LedgerComponent.Overpayment, 30_000, jul10, "payment.rebook", pa),
        ];
        Assert.Equal(
        [
            .. overpaidThenCancelled,
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -20_000, jun30, "payment", pb),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -30_000, jul10, "payment", pa),
        ], (await f.BookedEntriesAsync()).Select(Expected.Of));
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((50_000L, new DateOnly(2030, 7, 11)), (ledger.PrincipalBalance, ledger.ClaimLapsesOn!.Value));
        await AssertConsistentAsync(f);
    }

    // 100,000 owed. 20,000 paid 2025-06-30 (the last day: renews) and 30,000 paid 2025-07-10 are both booked to the
    // principal. The 2025-06-30 booking is reversed (a payment for another installment): without it the claim lapsed
    // on 2025-07-01, so the 2025-07-10 payment is booked again as a whole overpayment PaidAfterLapse: its −30,000
    // entry is reversed (+30,000), Payment/Overpayment −30,000 is booked, and 100,000 stands again.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ReverseAsync_PaymentThatRenewedTheClaim_LaterPaymentBecomesPaidAfterLapse(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = await InstallmentAsync(f, 100_000);
        var (jun30, jul10) = (new DateOnly(2025, 6, 30), new DateOnly(2025, 7, 10));
        var s = await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(inst), 20_000, jun30, new DateOnly(2025, 7, 2)),
            new BankLine("2", Key(inst), 30_000, jul10, new DateOnly(2025, 7, 14)),
        ])), "bank");
        Assert.Equal((2, 0), (s.Booked, s.Overpaid));
        var payments = await f.PaymentsAsync();
        var (p1, p2) = (payments[0].Id, payments[1].Id);
        Assert.Equal(50_000, (await f.LedgerAsync(inst)).PrincipalBalance);

        var r = await f.Corrections().ReverseAsync(p1, "別の期別の納付", CancellationToken.None);

        Assert.Equal(p2, Assert.Single(r.Rebooked));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((p2, 30_000L, OverpaymentReason.PaidAfterLapse, jul10, (DateTime?)null), (o.PaymentId, o.Amount, o.Reason, o.AroseOn, o.CancelledAtUtc));
        (JournalEntryKind, long, long?)[] expected =
        [
            (JournalEntryKind.Payment, -20_000, p1),
            (JournalEntryKind.Payment, -30_000, p2),
            (JournalEntryKind.Payment, -30_000, p2),
            (JournalEntryKind.Reversal, 20_000, p1),
            (JournalEntryKind.Reversal, 30_000, p2),
        ];
        Assert.Equal(expected, (await f.BookedEntriesAsync()).Select(e => (e.Kind, e.Amount, e.PaymentId)).OrderBy(e => e.Kind).ThenBy(e => e.PaymentId));
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((100_000L, new DateOnly(2025, 7, 1)), (ledger.PrincipalBalance, ledger.ClaimLapsesOn!.Value));
        await AssertConsistentAsync(f);
    }

    /// <summary>
    /// For every booked payment: the money its entries applied (payment entries net of their reversals) plus its live
    /// overpayment equals its amount. For every installment: the principal summed from the journal equals the ledger's.
    /// </summary>
    private static async Task AssertConsistentAsync(ReconciliationFixture f)
    {
        var journal = await f.JournalAsync();
        var byId = journal.ToDictionary(j => j.Id);
        var overpayments = await f.OverpaymentsAsync();
        foreach (var p in (await f.PaymentsAsync()).Where(p => p.Status == PaymentStatus.Booked))
        {
            // The overpayment account (component Overpayment) is the "overpaid" side: the view projects it.
            var applied = -journal
                .Where(j => j.PaymentId == p.Id && j.Component != LedgerComponent.Overpayment && (j.Kind == JournalEntryKind.Reversal ? byId[j.ReversesEntryId!.Value].Kind : j.Kind) == JournalEntryKind.Payment)
                .Sum(j => j.Amount);
            var overpaid = overpayments.Where(o => o.PaymentId == p.Id && o.CancelledAtUtc is null).Sum(o => o.Amount);
            Assert.Equal(p.Amount, applied + overpaid);
        }
        foreach (var g in journal.GroupBy(j => j.InstallmentId))
            Assert.Equal(g.Where(j => j.Component == LedgerComponent.Principal).Sum(j => j.Amount), (await f.LedgerAsync(g.Key)).PrincipalBalance);
    }
}
