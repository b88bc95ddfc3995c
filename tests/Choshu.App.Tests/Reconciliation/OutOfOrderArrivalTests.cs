using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// Payments that reach the city in another order than they were paid: a counter receipt is booked the same
/// day, while bank data and a store's 確報 arrive days after the 納付日. The late fee runs over the intervals
/// between principal payments in 納付日 order (domain.md §2), whatever order the records were booked in.
///
/// The installment: 固定資産税 2025 period 2, 100,000 due 2025-07-31. Paid 40,000 on 2026-03-20 and
/// 60,000 on 2026-03-31; the final late fee, by hand:
///   2025-08-01..08-31  31 days 2.4% on 100,000 → 100,000×0.024×31/365  =   203.8 →   203
///   2025-09-01..12-31 122 days 8.7% on 100,000 → 100,000×0.087×122/365 = 2,907.9 → 2,907
///   2026-01-01..03-20  79 days 9.1% on 100,000 → 100,000×0.091×79/365  = 1,969.5 → 1,969
///   2026-03-21..03-31  11 days 9.1% on  60,000 →  60,000×0.091×11/365  =   164.5 →   164
///   5,243 → 5,200.
/// </summary>
public sealed class OutOfOrderArrivalTests
{
    private static readonly DateOnly Mar20 = new(2026, 3, 20);
    private static readonly DateOnly Mar31 = new(2026, 3, 31);

    private static async Task<long> InstallmentAsync(ReconciliationFixture f) =>
        (await f.InstallmentsAsync(TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(2, new DateOnly(2025, 7, 31), 100_000)))[0];

    // The counter receipt of 60,000 on 03-31 is booked first (60,000 to principal, 40,000 still owed); the bank's
    // record of 40,000 paid 03-20 arrives afterwards. In 納付日 order the 03-20 payment came first, so the
    // installment is booked again in that order: the 03-31 payment's entry is reversed (linked, nothing edited),
    // the 03-20 payment pays 40,000, then the 03-31 payment pays the last 60,000 and finalises the late fee of
    // 5,200 computed over both (the segments in the class comment).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_CompletingPaymentDatedBeforeBookedOne_LateFeeCountsBothPayments(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = await InstallmentAsync(f);
        await f.ImportAsync(f.Write(Counter([new CounterLine("C-1", Key(inst), 60_000, Mar31)]), "counter.csv"), "counter");

        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 40_000, Mar20, new DateOnly(2026, 3, 24))]), "bank.csv"), "bank");

        var payments = await f.PaymentsAsync();
        Assert.Equal(
        [
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -60_000, Mar31, "payment", payments[0].Id),
            new Expected(inst, JournalEntryKind.Reversal, LedgerComponent.Principal, 60_000, Mar31, "payment.rebook", payments[0].Id),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -40_000, Mar20, "payment", payments[1].Id),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -60_000, Mar31, "payment", payments[0].Id),
            new Expected(inst, JournalEntryKind.Charge, LedgerComponent.LateFee, 5_200, Mar31, "latefee.final", payments[0].Id),
        ], (await f.BookedEntriesAsync()).Select(Expected.Of));
        var ledger = await f.LedgerAsync(inst);
        var fee = ledger.LateFee(ReconciliationFixture.Today, await f.RatesAsync())!;
        Assert.Equal((true, Mar31, 5_200L), (fee.IsFinal, fee.ComputedTo, fee.LateFee));
        Assert.Equal(fee.LateFee, ledger.LateFeeCharged);
    }

    // Fixed by re-booking in 納付日 order (InstallmentReplay): the bank's 100,000 paid 03-31 is booked first
    // and completes the principal with a late fee on the full 100,000 up to 03-31
    // (203 + 2,907 + 2026-01-01..03-31 90 days 2,243 = 5,353 → 5,300). The store's 確報 of 40,000 paid 03-20
    // arrives afterwards: in 納付日 order it was the first principal payment, so the base from 03-21 was 60,000
    // and the late fee is 5,200; of the 140,000 paid, 100,000 + 5,200 were owed and 34,800 is the overpayment.
    // (Booked in arrival order, as before the fix, the late fee was 5,300 and 34,700 overpaid: 100 yen too much.)
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportStore_FinalDatedBeforeCompletingPayment_LateFeeOnReducedBase(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = await InstallmentAsync(f);
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 100_000, Mar31, new DateOnly(2026, 4, 2))]), "bank.csv"), "bank");

        var s = await f.ImportAsync(f.Write(Store(
            [new StoreLine('2', "R1", Barcode(inst, 40_000, Mar31), 40_000, new DateTime(2026, 3, 20, 15, 0, 0), new DateOnly(2026, 3, 25))]), "store.csv"), "store");

        Assert.Equal(1, s.Booked);
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal(0, ledger.PrincipalBalance);
        Assert.Equal((5_200L, 5_200L), (ledger.LateFeeCharged, ledger.LateFeePaid));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((34_800L, OverpaymentReason.OverPayment), (o.Amount, o.Reason));
    }
}
