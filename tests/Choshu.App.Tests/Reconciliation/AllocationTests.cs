using Choshu.App.Reconciliation;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// How a payment is applied (充当) through a real import: a partial payment and the late-fee base it
/// changes, the late fee made final by the payment that completes the principal, the money beyond the
/// principal going to the reminder fee and late fee in the configured order, and what is left recorded
/// as an overpayment (過誤納) with its reason.
///
/// The installment of most tests: 固定資産税 2025 period 2, 100,000 yen due 2025-07-31 (Thu); a reminder
/// fee of 100 yen charged 2025-08-20. Late-fee rates: 2025 2.4% / 8.7%, 2026 2.8% / 9.1%; the lower rate
/// runs 2025-08-01..08-31 (one month from the day after the due date).
/// </summary>
public sealed class AllocationTests
{
    private static readonly DateOnly Due = new(2025, 7, 31);
    private static readonly DateOnly Sep30 = new(2025, 9, 30);
    private static readonly DateOnly Mar31 = new(2026, 3, 31);

    private static async Task<(long Inst, string TaxpayerNo)> InstallmentAsync(ReconciliationFixture f, bool reminderFee = true)
    {
        var inst = (await f.InstallmentsAsync(TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(2, Due, 100_000)))[0];
        if (reminderFee)
        {
            await using var db = f.Open();
            await LedgerSeed.ReminderFeeAsync(db, inst, 100, new DateOnly(2025, 8, 20));
        }
        return (inst, "1000000001");
    }

    // 40,000 paid 2025-09-30: principal only (the principal is not complete, so no late fee is final and
    // nothing goes to the reminder fee). 60,000 stays owed. The late fee to 2026-03-31, by hand:
    //   2025-08-01..08-31   31 days 2.4% on 100,000 → 100,000×0.024×31/365 =   203.8 →   203
    //   2025-09-01..09-30   30 days 8.7% on 100,000 → 100,000×0.087×30/365 =   715.0 →   715  (the payment day bears the old balance)
    //   2025-10-01..12-31   92 days 8.7% on  60,000 →  60,000×0.087×92/365 = 1,315.7 → 1,315  (reduced base from the next day)
    //   2026-01-01..03-31   90 days 9.1% on  60,000 →  60,000×0.091×90/365 = 1,346.3 → 1,346
    //   3,579 → 3,500 (not final). Without the partial payment it would be 203 + 2,907 + 2,243 = 5,353 → 5,300.
    // To today 2026-11-26 the last segment is 2026-01-01..11-26, 330 days: 60,000×0.091×330/365 = 4,936.4 → 4,936;
    //   203 + 715 + 1,315 + 4,936 = 7,169 → 7,100.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_PartialPayment_BalanceLeftAndLateFeeOnReducedBaseFromNextDay(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var (inst, taxpayerNo) = await InstallmentAsync(f);

        var s = await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 40_000, Sep30, new DateOnly(2025, 10, 2))])), "bank");

        Assert.Equal((1, 40_000L, 0), (s.Booked, s.BookedAmount, s.Overpaid));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal(
            [new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -40_000, Sep30, "payment", p.Id)],
            (await f.BookedEntriesAsync()).Select(Expected.Of));
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((60_000L, 100L, 0L), (ledger.PrincipalBalance, ledger.ReminderFeeBalance, ledger.LateFeeCharged));

        var fee = ledger.LateFee(Mar31, await f.RatesAsync())!;
        Assert.Equal(
        [
            new LateFeeSegment(new(2025, 8, 1), new(2025, 8, 31), 31, 100_000, 240, 203),
            new LateFeeSegment(new(2025, 9, 1), new(2025, 9, 30), 30, 100_000, 870, 715),
            new LateFeeSegment(new(2025, 10, 1), new(2025, 12, 31), 92, 60_000, 870, 1_315),
            new LateFeeSegment(new(2026, 1, 1), new(2026, 3, 31), 90, 60_000, 910, 1_346),
        ], fee.Segments);
        Assert.Equal((3_579L, 3_500L, false), (fee.SegmentTotal, fee.LateFee, fee.IsFinal));

        await using var db = f.Open();
        var details = await TaxpayerDetailsQuery.LoadAsync(db, taxpayerNo, f.Clock);
        var line = Assert.Single(Assert.Single(details!.Assessments).Installments);
        Assert.Equal((100_000L, 40_000L, 60_000L, 7_100L, false), (line.Principal, line.PrincipalPaid, line.PrincipalBalance, line.LateFee, line.LateFeeFinal));
    }

    // The partial payment above (line 2), then line 3 on 2026-03-31 completes the principal:
    //   64,600 = 60,000 principal + 100 reminder fee + 3,500 late fee + 1,000 beyond everything.
    // The late fee becomes final on 2026-03-31 with the segments above: 3,500 (Charge/LateFee, latefee.final),
    // then, in the default order principal → reminder fee → late fee, 100 to the reminder fee, 3,500 to the
    // late fee, and 1,000 is an overpayment (過納, OverPayment) arising on 2026-03-31.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_PaymentCompletingPrincipalLate_FinalLateFeeThenFeesThenOverpayment(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var (inst, _) = await InstallmentAsync(f);

        var s = await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(inst), 40_000, Sep30, new DateOnly(2025, 10, 2)),
            new BankLine("2", Key(inst), 64_600, Mar31, new DateOnly(2026, 4, 2)),
        ])), "bank");

        Assert.Equal((2, 104_600L, 1, 1_000L), (s.Booked, s.BookedAmount, s.Overpaid, s.OverpaidAmount));
        var payments = await f.PaymentsAsync();
        var (p1, p2) = (payments[0].Id, payments[1].Id);
        Assert.Equal(
        [
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -40_000, Sep30, "payment", p1),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -60_000, Mar31, "payment", p2),
            new Expected(inst, JournalEntryKind.Charge, LedgerComponent.LateFee, 3_500, Mar31, "latefee.final", p2),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.ReminderFee, -100, Mar31, "payment", p2),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.LateFee, -3_500, Mar31, "payment", p2),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -1_000, Mar31, "overpayment.over", p2),
        ], (await f.BookedEntriesAsync()).Select(Expected.Of));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((p2, inst, 1_000L, OverpaymentReason.OverPayment, Mar31, (DateTime?)null),
            (o.PaymentId, o.InstallmentId!.Value, o.Amount, o.Reason, o.AroseOn, o.CancelledAtUtc));
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((0L, 0L, 3_500L, 0L), (ledger.PrincipalBalance, ledger.ReminderFeeBalance, ledger.LateFeeCharged, ledger.LateFeeBalance));
    }

    // No partial payment: 102,000 on 2026-03-31 against 100,000 principal + 100 reminder fee. Final late fee:
    //   2025-08-01..08-31  31 days 2.4% on 100,000 →   203
    //   2025-09-01..12-31 122 days 8.7% on 100,000 → 100,000×0.087×122/365 = 2,907.9 → 2,907
    //   2026-01-01..03-31  90 days 9.1% on 100,000 → 100,000×0.091×90/365  = 2,243.8 → 2,243
    //   5,353 → 5,300. The 2,000 beyond the principal goes, by the configured order:
    //   principal,reminder-fee,late-fee (default) → reminder fee 100, late fee 1,900;
    //   principal,late-fee,reminder-fee           → late fee 2,000, reminder fee 0.
    [Theory]
    [InlineData(StoreProvider.Postgres, "principal,reminder-fee,late-fee", 100, 1_900)]
    [InlineData(StoreProvider.Sqlite, "principal,reminder-fee,late-fee", 100, 1_900)]
    [InlineData(StoreProvider.Postgres, "principal,late-fee,reminder-fee", 0, 2_000)]
    [InlineData(StoreProvider.Sqlite, "principal,late-fee,reminder-fee", 0, 2_000)]
    public async Task ImportBank_ConfiguredOrder_MoneyBeyondPrincipalFollowsOrder(StoreProvider provider, string order, long toReminderFee, long toLateFee)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var (inst, _) = await InstallmentAsync(f);
        await f.SetSettingAsync("allocation.order", order);

        var s = await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 102_000, Mar31, new DateOnly(2026, 4, 2))])), "bank");

        Assert.Equal((1, 0), (s.Booked, s.Overpaid));
        var p = Assert.Single(await f.PaymentsAsync()).Id;
        var entries = (await f.BookedEntriesAsync()).Select(Expected.Of).ToList();
        Assert.Equal(new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -100_000, Mar31, "payment", p), entries[0]);
        Assert.Equal(new Expected(inst, JournalEntryKind.Charge, LedgerComponent.LateFee, 5_300, Mar31, "latefee.final", p), entries[1]);
        Assert.Equal(-toReminderFee, entries.Where(e => e.Component == LedgerComponent.ReminderFee).Sum(e => e.Amount));
        Assert.Equal(-toLateFee, entries.Where(e => e.Component == LedgerComponent.LateFee && e.Kind == JournalEntryKind.Payment).Sum(e => e.Amount));
        Assert.Equal(102_000, -entries.Where(e => e.Kind == JournalEntryKind.Payment).Sum(e => e.Amount));
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((100 - toReminderFee, 5_300 - toLateFee), (ledger.ReminderFeeBalance, ledger.LateFeeBalance));
    }

    // 市民税 2026 period 3: 30,000 due 2026-10-30. Line 2 pays it on the due date; line 3 pays the same
    // 30,000 again on 2026-11-02 under another receipt: nothing is owed any more, so the whole 30,000 is
    // an overpayment with reason DoublePayment (二重納付): no entry on the claim, one on the overpayment account
    // (Payment/Overpayment −30,000, overpayment.double).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_SecondPaymentOfPaidInstallment_DoublePaymentOverpayment(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var due = new DateOnly(2026, 10, 30);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, due, 30_000)))[0];

        var s = await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(inst), 30_000, due, new DateOnly(2026, 11, 2)),
            new BankLine("2", Key(inst), 30_000, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 4)),
        ])), "bank");

        Assert.Equal((2, 60_000L, 1, 30_000L), (s.Booked, s.BookedAmount, s.Overpaid, s.OverpaidAmount));
        var payments = await f.PaymentsAsync();
        Assert.All(payments, p => Assert.Equal((PaymentStatus.Booked, (long?)inst), (p.Status, p.InstallmentId)));
        Assert.Equal(
            [
                new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -30_000, due, "payment", payments[0].Id),
                new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -30_000, new DateOnly(2026, 11, 2), "overpayment.double", payments[1].Id),
            ],
            (await f.BookedEntriesAsync()).Select(Expected.Of));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((payments[1].Id, 30_000L, OverpaymentReason.DoublePayment, new DateOnly(2026, 11, 2)), (o.PaymentId, o.Amount, o.Reason, o.AroseOn));
    }

    // 市民税 2026 period 3: 30,000 due 2026-10-30, reduced to 0 by an amendment of −30,000 on 2026-10-15
    // (減額更正). A payment of 30,000 afterwards owes nothing: overpayment PaidAfterReduction, on the overpayment account only.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_PaymentAfterReductionToZero_PaidAfterReductionOverpayment(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var due = new DateOnly(2026, 10, 30);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, due, 30_000)))[0];
        await using (var db = f.Open())
            await LedgerSeed.AmendmentAsync(db, inst, -30_000, new DateOnly(2026, 10, 15));

        var s = await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 30_000, due, new DateOnly(2026, 11, 2))])), "bank");

        Assert.Equal((1, 1, 30_000L), (s.Booked, s.Overpaid, s.OverpaidAmount));
        var p = Assert.Single(await f.PaymentsAsync()).Id;
        Assert.Equal(
            [new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -30_000, due, "overpayment.after-reduction", p)],
            (await f.BookedEntriesAsync()).Select(Expected.Of));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((30_000L, OverpaymentReason.PaidAfterReduction), (o.Amount, o.Reason));
    }

    // The late fee is finalised once: when an increased principal is completed a second time, only the difference is
    // charged (before the fix the whole late fee was charged again). 100,000 due 2025-07-31 paid 2026-03-31: final late fee 5,300 (see the order test above). An amendment
    // of +10,000 (増額更正) valued 2026-05-01 reopens 10,000, paid on 2026-06-01. The one calculator over the installment
    // as it now stands (110,000; 100,000 paid 03-31, 10,000 paid 06-01):
    //   2025-08-01..08-31  31 days 2.4% on 110,000 = 224.2   → 224
    //   2025-09-01..12-31 122 days 8.7% on 110,000 = 3,198.7 → 3,198
    //   2026-01-01..03-31  90 days 9.1% on 110,000 = 2,468.2 → 2,468
    //   2026-04-01..06-01  62 days 9.1% on  10,000 = 154.5   → 154
    //   6,044 → 6,000 in all: 700 is charged on top of the 5,300 already charged (before the fix: 6,000 more, 11,300).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_IncreasedPrincipalCompletedAgain_LateFeeChargedOnce(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var (inst, _) = await InstallmentAsync(f, reminderFee: false);
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 100_000, Mar31, new DateOnly(2026, 4, 2))])), "bank");
        Assert.Equal(5_300, (await f.LedgerAsync(inst)).LateFeeCharged);
        await using (var db = f.Open())
            await LedgerSeed.AmendmentAsync(db, inst, 10_000, new DateOnly(2026, 5, 1));

        await f.ImportAsync(f.Write(Bank([new BankLine("2", Key(inst), 10_000, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 3))])), "bank");

        var ledger = await f.LedgerAsync(inst);
        Assert.Equal(0, ledger.PrincipalBalance);
        Assert.Equal(6_000, ledger.LateFee(ReconciliationFixture.Today, await f.RatesAsync())!.LateFee);
        Assert.Equal(6_000, ledger.LateFeeCharged);
    }
}
