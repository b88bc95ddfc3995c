using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// The unmatched queue (未消込) and the corrections by staff (<see cref="App.Reconciliation.PaymentCorrections"/>):
/// a payment whose key matches nothing waits with its raw data, is matched by hand, and a booking is
/// reversed only by appending linked reversal entries — later payments on the installment are reversed
/// and booked again. No journal row is ever changed.
/// </summary>
public sealed class UnmatchedAndReversalTests
{
    private static readonly DateOnly Due = new(2026, 10, 30);

    // A bank line whose 消込番号 has a wrong check digit (12,000 paid 2026-10-30, received 2026-11-02): the payment
    // waits in the queue, Unmatched, no installment, its line kept as raw data, nothing in the journal. Matched by
    // hand to 市民税 2026 period 3 (30,000): Payment/Principal −12,000 valued on its 納付日, the payment Booked with
    // its 収入日 kept and the reason recorded; 18,000 stays owed.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task MatchAsync_UnmatchedBadKey_BooksToChosenInstallment(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000)))[0];
        var line = new BankLine("77", BadKey(inst), 12_000, Due, new DateOnly(2026, 11, 2));
        var s = await f.ImportAsync(f.Write(Bank([line])), "bank");
        Assert.Equal((1, 12_000L, 0), (s.Unmatched, s.UnmatchedAmount, s.Booked));
        var queued = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentStatus.Unmatched, (long?)null, BadKey(inst), BankData(line), (DateOnly?)new DateOnly(2026, 11, 2)),
            (queued.Status, queued.InstallmentId, queued.RawKey, queued.RawRecord, queued.ReceivedOn));
        Assert.Empty(await f.BookedEntriesAsync());

        var r = await f.Corrections().MatchAsync(queued.Id, inst, "消込番号の誤記（納付書で確認）", CancellationToken.None);

        Assert.Equal((queued.Id, inst, 12_000L, 0L), (r.PaymentId, r.InstallmentId, r.Amount, r.Overpaid));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentStatus.Booked, (long?)inst, (DateOnly?)new DateOnly(2026, 11, 2), "手動消込: 消込番号の誤記（納付書で確認）", ReconciliationFixture.Actor),
            (p.Status, p.InstallmentId, p.ReceivedOn, p.StatusReason, p.StatusChangedBy));
        var e = Assert.Single(await f.BookedEntriesAsync());
        Assert.Equal(new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -12_000, Due, "payment", p.Id), Expected.Of(e));
        Assert.Equal((s.ImportFileId, 2), (e.ImportFileId!.Value, e.SourceLine!.Value));
        Assert.Equal(18_000, (await f.LedgerAsync(inst)).PrincipalBalance);

        var again = await Assert.ThrowsAsync<DomainException>(() => f.Corrections().MatchAsync(queued.Id, inst, null, CancellationToken.None));
        Assert.Equal("payment.not_unmatched", again.Code);
    }

    // 市民税 2026 period 3: 30,000 due 2026-10-30, paid 35,000 on the due date: Payment/Principal −30,000 and an
    // overpayment of 5,000 (Payment/Overpayment −5,000, overpayment.over). Reversed ("二重入力"): Reversal/Principal +30,000
    // linked to the payment entry, same value date, and Reversal/Overpayment +5,000 linked to the overpayment entry, which
    // cancels the overpayment; the payment back in the queue without an installment; the
    // 30,000 owed again. Every row the journal had before is still there, unchanged.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ReverseAsync_BookedWithOverpayment_LinkedReversalOverpaymentCancelledUnmatched(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000)))[0];
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 35_000, Due, new DateOnly(2026, 11, 2))])), "bank");
        var before = await f.JournalAsync();
        var paymentId = Assert.Single(await f.PaymentsAsync()).Id;
        var bookedEntries = await f.BookedEntriesAsync();
        Assert.Equal(
        [
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -30_000, Due, "payment", paymentId),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -5_000, Due, "overpayment.over", paymentId),
        ], bookedEntries.Select(Expected.Of));
        var booked = bookedEntries[0];
        Assert.Equal(5_000, Assert.Single(await f.OverpaymentsAsync()).Amount);

        var r = await f.Corrections().ReverseAsync(paymentId, "二重入力", CancellationToken.None);

        Assert.Equal((paymentId, inst, 2), (r.PaymentId, r.InstallmentId, r.EntriesReversed));
        Assert.Empty(r.Rebooked);
        var after = await f.JournalAsync();
        Assert.Equal(before, after.Take(before.Count));
        var reversals = after.Skip(before.Count).ToList();
        Assert.Equal(2, reversals.Count);
        var reversal = reversals[0];
        Assert.Equal((inst, JournalEntryKind.Reversal, LedgerComponent.Principal, 30_000L, Due, (long?)booked.Id, (long?)paymentId, "payment.reverse", "二重入力"),
            (reversal.InstallmentId, reversal.Kind, reversal.Component, reversal.Amount, reversal.ValueDate, reversal.ReversesEntryId, reversal.PaymentId, reversal.ReasonCode!, reversal.Comment!));
        Assert.Equal((inst, JournalEntryKind.Reversal, LedgerComponent.Overpayment, 5_000L, Due, (long?)bookedEntries[1].Id, (long?)paymentId, "payment.reverse", "二重入力"),
            (reversals[1].InstallmentId, reversals[1].Kind, reversals[1].Component, reversals[1].Amount, reversals[1].ValueDate, reversals[1].ReversesEntryId, reversals[1].PaymentId, reversals[1].ReasonCode!, reversals[1].Comment!));
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.NotNull(o.CancelledAtUtc);
        Assert.Equal(reversals[1].RecordedAtUtc, o.CancelledAtUtc);
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentStatus.Unmatched, (long?)null, "消込取消: 二重入力", (DateOnly?)new DateOnly(2026, 11, 2)), (p.Status, p.InstallmentId, p.StatusReason, p.ReceivedOn));
        Assert.Equal(30_000, (await f.LedgerAsync(inst)).PrincipalBalance);

        var twice = await Assert.ThrowsAsync<DomainException>(() => f.Corrections().ReverseAsync(paymentId, "再度", CancellationToken.None));
        Assert.Equal("payment.not_booked", twice.Code);
        var noReason = await Assert.ThrowsAsync<DomainException>(() => f.Corrections().ReverseAsync(paymentId, " ", CancellationToken.None));
        Assert.Equal("payment.reason_required", noReason.Code);
        Assert.Equal(after, await f.JournalAsync());
    }

    // 固定資産税 2025 period 2: 100,000 due 2025-07-31.
    //   P1 (line 2) 100,000 paid 2025-12-26 completes the principal; the late fee is final:
    //     2025-08-01..08-31  31 days 2.4% on 100,000 → 100,000×0.024×31/365  =   203.8 →   203
    //     2025-09-01..12-26 117 days 8.7% on 100,000 → 100,000×0.087×117/365 = 2,788.7 → 2,788
    //     2,991 → 2,900: Charge/LateFee +2,900 (latefee.final).
    //   P2 (line 3) 2,900 paid 2026-01-15 pays that late fee: Payment/LateFee −2,900.
    // Reversing P1 (it went to the wrong taxpayer) reverses its two entries and P2's entry (booked on top of it),
    // then books P2 again on the installment as it stands without P1: the principal is not complete, so P2 goes
    // to the principal — Payment/Principal −2,900 on 2026-01-15 — and there is no late-fee charge any more.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ReverseAsync_EarlierPaymentThatFinalisedLateFee_LaterPaymentRebookedToPrincipal(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(2, new DateOnly(2025, 7, 31), 100_000)))[0];
        var (dec26, jan15) = (new DateOnly(2025, 12, 26), new DateOnly(2026, 1, 15));
        await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(inst), 100_000, dec26, new DateOnly(2025, 12, 29)),
            new BankLine("2", Key(inst), 2_900, jan15, new DateOnly(2026, 1, 19)),
        ])), "bank");
        var payments = await f.PaymentsAsync();
        var (p1, p2) = (payments[0].Id, payments[1].Id);
        var before = await f.JournalAsync();
        var booked = await f.BookedEntriesAsync();
        Assert.Equal(
        [
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -100_000, dec26, "payment", p1),
            new Expected(inst, JournalEntryKind.Charge, LedgerComponent.LateFee, 2_900, dec26, "latefee.final", p1),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.LateFee, -2_900, jan15, "payment", p2),
        ], booked.Select(Expected.Of));

        var r = await f.Corrections().ReverseAsync(p1, "別人の納付書で納付", CancellationToken.None);

        Assert.Equal(2, r.EntriesReversed);
        Assert.Equal([p2], r.Rebooked);
        var after = await f.JournalAsync();
        Assert.Equal(before, after.Take(before.Count));
        var added = after.Skip(before.Count).ToList();
        Assert.Equal(
        [
            (JournalEntryKind.Reversal, LedgerComponent.Principal, 100_000L, dec26, (long?)booked[0].Id, (long?)p1, "payment.reverse"),
            (JournalEntryKind.Reversal, LedgerComponent.LateFee, -2_900L, dec26, (long?)booked[1].Id, (long?)p1, "payment.reverse"),
            (JournalEntryKind.Reversal, LedgerComponent.LateFee, 2_900L, jan15, (long?)booked[2].Id, (long?)p2, "payment.rebook"),
            (JournalEntryKind.Payment, LedgerComponent.Principal, -2_900L, jan15, (long?)null, (long?)p2, "payment"),
        ], added.Select(j => (j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId, j.PaymentId, j.ReasonCode!)).ToList());
        Assert.All(added, j => Assert.Equal(inst, j.InstallmentId));

        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((97_100L, 2_900L, 0L, 0L), (ledger.PrincipalBalance, ledger.PrincipalPaid, ledger.LateFeeCharged, ledger.LateFeePaid));
        // The raw sum of the journal agrees with the ledger: every reversal nets out its entry.
        Assert.Equal(97_100, after.Where(j => j.InstallmentId == inst && j.Component == LedgerComponent.Principal).Sum(j => j.Amount));
        Assert.Equal(0, after.Where(j => j.InstallmentId == inst && j.Component == LedgerComponent.LateFee).Sum(j => j.Amount));
        var now = await f.PaymentsAsync();
        Assert.Equal((PaymentStatus.Unmatched, PaymentStatus.Booked, (long?)inst), (now[0].Status, now[1].Status, now[1].InstallmentId));
        Assert.Empty(await f.OverpaymentsAsync());
    }

    // 市民税 2026 period 3: 30,000 due 2026-10-30. P1 pays it on 10-30; P2 pays the same 30,000 again on 11-02 and is a
    // DoublePayment overpayment (Payment/Overpayment −30,000, overpayment.double). P1 turns out to be another taxpayer's money
    // and is reversed: P2's overpayment entry is reversed (so the overpayment is cancelled) and P2 is booked again, now to
    // the principal (Payment/Principal −30,000 on 11-02).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ReverseAsync_FirstOfDoublePayment_SecondRebookedToPrincipalOverpaymentCancelled(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000)))[0];
        var nov02 = new DateOnly(2026, 11, 2);
        await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(inst), 30_000, Due, nov02),
            new BankLine("2", Key(inst), 30_000, nov02, new DateOnly(2026, 11, 4)),
        ])), "bank");
        var payments = await f.PaymentsAsync();
        var (p1, p2) = (payments[0].Id, payments[1].Id);
        var before = await f.JournalAsync();
        var bookedEntries = await f.BookedEntriesAsync();
        Assert.Equal(
        [
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -30_000, Due, "payment", p1),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Overpayment, -30_000, nov02, "overpayment.double", p2),
        ], bookedEntries.Select(Expected.Of));
        var first = bookedEntries[0];
        Assert.Equal(OverpaymentReason.DoublePayment, Assert.Single(await f.OverpaymentsAsync()).Reason);

        var r = await f.Corrections().ReverseAsync(p1, "他の納税者の納付", CancellationToken.None);

        Assert.Equal([p2], r.Rebooked);
        var after = await f.JournalAsync();
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(
        [
            (JournalEntryKind.Reversal, LedgerComponent.Principal, 30_000L, Due, (long?)first.Id, (long?)p1),
            (JournalEntryKind.Reversal, LedgerComponent.Overpayment, 30_000L, nov02, (long?)bookedEntries[1].Id, (long?)p2),
            (JournalEntryKind.Payment, LedgerComponent.Principal, -30_000L, nov02, (long?)null, (long?)p2),
        ], after.Skip(before.Count).Select(j => (j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId, j.PaymentId)).ToList());
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((p2, true), (o.PaymentId, o.CancelledAtUtc is not null));
        Assert.Equal(0, (await f.LedgerAsync(inst)).PrincipalBalance);
        var now = await f.PaymentsAsync();
        Assert.Equal((PaymentStatus.Unmatched, PaymentStatus.Booked), (now[0].Status, now[1].Status));
    }

    // A store 速報 whose barcode's free field is not our scheme (first digit 2) is pending with no installment;
    // its 確報 puts it in the unmatched queue with the 確報's 収入日 and the raw line of the 速報.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportStore_FinalOfForeignBarcode_GoesToUnmatchedWithReceivedOn(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 12_300)))[0];
        var foreign = new Choshu.Formats.Barcodes.StoreBarcode(StoreBiller, "2" + Key(inst), 0, Due, false, 12_300).Encode();
        var paidAt = new DateTime(2026, 10, 29, 10, 15, 0);
        var pending = await f.ImportAsync(f.Write(Store([new StoreLine('1', "R1", foreign, 12_300, paidAt, null)])), "store");
        Assert.Equal(1, pending.Pending);
        Assert.Equal((PaymentStatus.Pending, (long?)null), (Assert.Single(await f.PaymentsAsync()).Status, Assert.Single(await f.PaymentsAsync()).InstallmentId));

        var s = await f.ImportAsync(f.Write(Store([new StoreLine('2', "R1", foreign, 12_300, paidAt, new DateOnly(2026, 11, 4))])), "store");

        Assert.Equal((1, 12_300L, 0), (s.Unmatched, s.UnmatchedAmount, s.Booked));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentStatus.Unmatched, (long?)null, (DateOnly?)new DateOnly(2026, 11, 4), foreign), (p.Status, p.InstallmentId, p.ReceivedOn, p.RawKey));
        Assert.Empty(await f.BookedEntriesAsync());
        Assert.Equal(12_300, (await f.LedgerAsync(inst)).PrincipalBalance);
    }

    // A reversal when a payment dated earlier arrived after the reversed one. 固定資産税 2025 period 2, 100,000
    // due 2025-07-31: P1 (bank) 100,000 paid 2026-03-31 is booked first; P2 (store 確報, arriving later) 40,000
    // paid 2026-03-20 is dated before it, so the installment is booked again in 納付日 order: P2 pays 40,000,
    // P1 pays the last 60,000 and finalises the late fee 5,200 (203 + 2,907 + 1,969 + 164 = 5,243 → 5,200,
    // see OutOfOrderArrivalTests) and pays it; 100,000 − 60,000 − 5,200 = 34,800 is P1's overpayment.
    // Reversing P1 then undoes only P1 (P2 was allocated before it): 40,000 paid, 60,000 owed, no late fee
    // charged, P1's overpayment cancelled, nothing re-booked.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ReverseAsync_EarlierDatedPaymentArrivedAfter_UndoesOnlyTheReversedPayment(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(2, new DateOnly(2025, 7, 31), 100_000)))[0];
        var (mar20, mar31) = (new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 31));
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(inst), 100_000, mar31, new DateOnly(2026, 4, 2))]), "bank.csv"), "bank");
        await f.ImportAsync(f.Write(Store(
            [new StoreLine('2', "R1", Barcode(inst, 40_000, mar31), 40_000, new DateTime(2026, 3, 20, 15, 0, 0), new DateOnly(2026, 3, 25))]), "store.csv"), "store");
        var payments = await f.PaymentsAsync();
        var (p1, p2) = (payments[0].Id, payments[1].Id);
        Assert.Equal(34_800, Assert.Single(await f.OverpaymentsAsync()).Amount);

        var r = await f.Corrections().ReverseAsync(p1, "別人の納付", CancellationToken.None);

        var ledger = await f.LedgerAsync(inst);
        var journal = await f.JournalAsync();
        var lateFeeSum = journal.Where(j => j.InstallmentId == inst && j.Component == LedgerComponent.LateFee).Sum(j => j.Amount);
        Assert.True(lateFeeSum >= 0, $"late-fee balance in the journal is {lateFeeSum}");
        Assert.Equal((60_000L, 0L), (ledger.PrincipalBalance, ledger.LateFeeBalance));
        Assert.Empty(r.Rebooked);
        Assert.All(await f.OverpaymentsAsync(), o => Assert.NotNull(o.CancelledAtUtc));
    }
}
