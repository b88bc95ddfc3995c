using Choshu.App.Audit;
using Choshu.App.Refunds;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// The overpayment account (過誤納金) in the journal: overpayments booked as entries of component Overpayment with their
/// reason, the overpayments view projected from them (checked by <see cref="OverpaymentAccount.CheckAsync"/>), a reversal
/// cancelling one, and an appropriation (充当) as a linked pair replayed in order with the target's payments.
/// </summary>
public sealed class OverpaymentAccountTests
{
    private static Appropriations Appropriations(ReconciliationFixture f) =>
        new(f.Store.Store, f.Clock, AuditText.SystemNamed(ReconciliationFixture.Actor));

    // One taxpayer, four installments of 30,000 (市民税 2026 periods 1-3, due 2026-06-30, 2026-08-31, 2026-10-30) and one
    // of 50,000 (市民税 2020 period 1, due 2020-06-30, lapsed from 2025-07-01). One bank file:
    //   period 1: 30,000 on 06-30 and again 30,000 on 07-01 → the second is a double payment (overpayment.double, 30,000);
    //   period 2: 31,000 on 08-31 → 1,000 over (overpayment.over);
    //   period 3 (reduced to 0 on 2026-10-15): 30,000 on 10-30 → overpayment.after-reduction, 30,000;
    //   2020 period 1: 50,000 on 2026-11-20 → overpayment.after-lapse, 50,000.
    // Each is one Payment/Overpayment entry (−amount) with its reason code; the view shows the four with their reasons.
    // Then the period-2 payment is reversed: its overpayment entry gets a Reversal (+1,000) and the view shows it
    // cancelled at that reversal's time. The balance is 30,000 + 30,000 + 50,000 = 110,000. The check finds nothing.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_OverpaymentOfEveryReasonThenReversal_JournalEntriesAndViewAgree(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        var (jun30, aug31, oct30) = (new DateOnly(2026, 6, 30), new DateOnly(2026, 8, 31), new DateOnly(2026, 10, 30));
        var ids = await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001",
            new LedgerSeed.Inst(1, jun30, 30_000), new LedgerSeed.Inst(2, aug31, 30_000), new LedgerSeed.Inst(3, oct30, 30_000));
        var lapsed = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2020, "2020010001", new LedgerSeed.Inst(1, new DateOnly(2020, 6, 30), 50_000)))[0];
        await using (var db = f.Open())
            await LedgerSeed.AmendmentAsync(db, ids[2], -30_000, new DateOnly(2026, 10, 15));
        var (jul01, nov20) = (new DateOnly(2026, 7, 1), new DateOnly(2026, 11, 20));

        var s = await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(ids[0]), 30_000, jun30, jun30),
            new BankLine("2", Key(ids[0]), 30_000, jul01, jul01),
            new BankLine("3", Key(ids[1]), 31_000, aug31, aug31),
            new BankLine("4", Key(ids[2]), 30_000, oct30, oct30),
            new BankLine("5", Key(lapsed), 50_000, nov20, nov20),
        ])), "bank");

        Assert.Equal((5, 4, 111_000L), (s.Booked, s.Overpaid, s.OverpaidAmount));
        var p = (await f.PaymentsAsync()).Select(x => x.Id).ToArray();
        Assert.Equal(
        [
            new Expected(ids[0], JournalEntryKind.Payment, LedgerComponent.Overpayment, -30_000, jul01, "overpayment.double", p[1]),
            new Expected(ids[1], JournalEntryKind.Payment, LedgerComponent.Overpayment, -1_000, aug31, "overpayment.over", p[2]),
            new Expected(ids[2], JournalEntryKind.Payment, LedgerComponent.Overpayment, -30_000, oct30, "overpayment.after-reduction", p[3]),
            new Expected(lapsed, JournalEntryKind.Payment, LedgerComponent.Overpayment, -50_000, nov20, "overpayment.after-lapse", p[4]),
        ], (await f.BookedEntriesAsync()).Where(j => j.Component == LedgerComponent.Overpayment).Select(Expected.Of));
        Assert.Equal(
        [
            (p[1], 30_000L, OverpaymentReason.DoublePayment, jul01, false),
            (p[2], 1_000L, OverpaymentReason.OverPayment, aug31, false),
            (p[3], 30_000L, OverpaymentReason.PaidAfterReduction, oct30, false),
            (p[4], 50_000L, OverpaymentReason.PaidAfterLapse, nov20, false),
        ], (await f.OverpaymentsAsync()).Select(o => (o.PaymentId, o.Amount, o.Reason, o.AroseOn, o.CancelledAtUtc is not null)));

        f.Clock.Advance(TimeSpan.FromHours(1));
        await f.Corrections().ReverseAsync(p[2], "別の期別の納付", CancellationToken.None);

        var reversal = (await f.JournalAsync()).Single(j => j.Kind == JournalEntryKind.Reversal && j.Component == LedgerComponent.Overpayment);
        Assert.Equal((ids[1], 1_000L, (long?)p[2]), (reversal.InstallmentId, reversal.Amount, reversal.PaymentId));
        var cancelled = (await f.OverpaymentsAsync()).Single(o => o.PaymentId == p[2]);
        Assert.Equal((reversal.ReversesEntryId, (DateTime?)reversal.RecordedAtUtc, (DateTime?)new DateTime(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc)),
            ((long?)cancelled.Id, cancelled.CancelledAtUtc, cancelled.CancelledAtUtc));
        await using var check = f.Open();
        Assert.Equal(110_000, await OverpaymentAccount.BalanceAsync(check, taxpayer));
        Assert.Empty(await OverpaymentAccount.CheckAsync(check));
    }

    // 市民税 2025 period 1: 200,000 due 2025-06-30 (the target). 固定資産税 2025 period 1 of the same taxpayer: 10,000 due
    // 2025-09-01, paid 60,000 on its due date → 50,000 overpaid (overpayment.over) arising 2025-09-01 (the source).
    // 150,000 is paid on the target on 2025-10-31 and booked first (the principal is not complete: no late fee yet).
    // Then 50,000 of the overpayment is appropriated to the target: effective on the later of the target's 法定納期限
    // (2025-06-30) and the day the overpayment arose (2025-09-01) = 2025-09-01, before the booked payment. The target is
    // booked again in order: Appropriation/Principal −50,000 on 09-01, then the 10-31 payment completes the principal and
    // the late fee is final on 10-31, counting the 50,000 from 09-01 (rates 2025: 2.4% to 07-31, then 8.7%):
    //   2025-07-01..07-31  31 days 2.4% on 200,000 → 200,000×0.024×31/365 =   407.6 →   407
    //   2025-08-01..09-01  32 days 8.7% on 200,000 → 200,000×0.087×32/365 = 1,525.4 → 1,525 (the day bears the old balance)
    //   2025-09-02..10-31  60 days 8.7% on 150,000 → 150,000×0.087×60/365 = 2,145.2 → 2,145
    //   4,077 → 4,000 (Charge/LateFee +4,000 latefee.final on 10-31, owed). Without the replay the appropriation would
    //   complete the principal "on 09-01" after the 10-31 payment: 407 + 1,525 = 1,932 → 1,900.
    // The source gets Appropriation/Overpayment +50,000 on 09-01; each side links to the other; the account is empty.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task AppropriateAsync_DatedBeforeBookedPayment_ReplaysAndLateFeeCountsAppropriationFromItsDay(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        var (due, sep01, oct31) = (new DateOnly(2025, 6, 30), new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 31));
        var target = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025010001", new LedgerSeed.Inst(1, due, 200_000)))[0];
        var source = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(1, sep01, 10_000)))[0];
        await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(source), 60_000, sep01, sep01),
            new BankLine("2", Key(target), 150_000, oct31, new DateOnly(2025, 11, 4)),
        ])), "bank");
        var payment = (await f.PaymentsAsync())[1].Id;
        var overpayment = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((source, 50_000L, sep01), (overpayment.InstallmentId!.Value, overpayment.Amount, overpayment.AroseOn));
        Assert.Equal(0, (await f.LedgerAsync(target)).LateFeeCharged);
        var before = (await f.JournalAsync()).Count;

        var r = await Appropriations(f).AppropriateAsync(new AppropriationRequest(overpayment.Id, target, 50_000, "充当（申出による）"));

        Assert.Equal((source, target, 50_000L, sep01), (r.SourceInstallmentId, r.TargetInstallmentId, r.Amount, r.EffectiveOn));
        Assert.Equal([payment], r.Rebooked);
        var added = (await f.JournalAsync()).Skip(before).ToList();
        Assert.Equal(
        [
            new Expected(source, JournalEntryKind.Appropriation, LedgerComponent.Overpayment, 50_000, sep01, "appropriation", null),
            new Expected(target, JournalEntryKind.Reversal, LedgerComponent.Principal, 150_000, oct31, "payment.rebook", payment),
            new Expected(target, JournalEntryKind.Appropriation, LedgerComponent.Principal, -50_000, sep01, "appropriation", null),
            new Expected(target, JournalEntryKind.Payment, LedgerComponent.Principal, -150_000, oct31, "payment", payment),
            new Expected(target, JournalEntryKind.Charge, LedgerComponent.LateFee, 4_000, oct31, "latefee.final", payment),
        ], added.Select(Expected.Of));
        Assert.Equal(r.SourceEntryId, added[0].Id);
        await using (var db = f.Open())
        {
            var links = await db.JournalEntries.AsNoTracking().Where(j => j.LinkedEntryId != null).OrderBy(j => j.Id)
                .Select(j => new { j.Id, j.LinkedEntryId }).ToListAsync();
            Assert.Equal([(added[0].Id, (long?)added[2].Id), (added[2].Id, (long?)added[0].Id)], links.Select(l => (l.Id, l.LinkedEntryId)));
        }

        var ledger = await f.LedgerAsync(target);
        Assert.Equal((0L, 200_000L, 4_000L, 4_000L), (ledger.PrincipalBalance, ledger.PrincipalPaid, ledger.LateFeeCharged, ledger.LateFeeBalance));
        var fee = ledger.LateFee(ReconciliationFixture.Today, await f.RatesAsync())!;
        Assert.Equal(
        [
            new LateFeeSegment(new(2025, 7, 1), new(2025, 7, 31), 31, 200_000, 240, 407),
            new LateFeeSegment(new(2025, 8, 1), new(2025, 9, 1), 32, 200_000, 870, 1_525),
            new LateFeeSegment(new(2025, 9, 2), new(2025, 10, 31), 60, 150_000, 870, 2_145),
        ], fee.Segments);
        Assert.Equal((4_077L, 4_000L, true), (fee.SegmentTotal, fee.LateFee, fee.IsFinal));
        Assert.Equal(0, (await f.LedgerAsync(source)).OverpaymentBalance);
        await using var check = f.Open();
        Assert.Equal(0, await OverpaymentAccount.BalanceAsync(check, taxpayer));
        Assert.Empty(await OverpaymentAccount.CheckAsync(check));
        // The overpayment arose and stays (appropriated, not cancelled).
        Assert.Null(Assert.Single(await f.OverpaymentsAsync()).CancelledAtUtc);
    }

    // The same source (50,000 overpaid on 2025-09-01) and target (200,000 owed): 50,001 is more than the account holds;
    // a target of another taxpayer is refused. Nothing is written.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task AppropriateAsync_MoreThanBalanceOrOtherTaxpayer_RefusedNothingWritten(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        var sep01 = new DateOnly(2025, 9, 1);
        var target = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025010001", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000)))[0];
        var source = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(1, sep01, 10_000)))[0];
        var other = (await f.AssessmentAsync(await f.TaxpayerAsync("1000000002"), TaxKindCodes.InhabitantTax, 2025, "2025010002", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000)))[0];
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(source), 60_000, sep01, sep01)])), "bank");
        var overpayment = Assert.Single(await f.OverpaymentsAsync()).Id;
        var before = await f.JournalAsync();

        var tooMuch = await Assert.ThrowsAsync<DomainException>(() => Appropriations(f).AppropriateAsync(new AppropriationRequest(overpayment, target, 50_001)));
        var otherTaxpayer = await Assert.ThrowsAsync<DomainException>(() => Appropriations(f).AppropriateAsync(new AppropriationRequest(overpayment, other, 10_000)));

        Assert.Equal(("appropriation.exceeds_overpayment", "appropriation.other_taxpayer"), (tooMuch.Code, otherTaxpayer.Code));
        Assert.Equal(before, await f.JournalAsync());
    }
    // 60,000 paid 2025-09-01 on a 10,000 固定資産税 installment → 50,000 overpaid. 20,000 of it is appropriated to the 市民税
    // 200,000 (key "run-1:1"); the same request again (a retry after a timeout) is refused as already recorded and writes
    // nothing. Reversing the 60,000 payment would take back money already appropriated: refused, nothing written.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task AppropriateAsync_RetriedWithSameKeyOrPaymentReversed_RefusedNothingWritten(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        var sep01 = new DateOnly(2025, 9, 1);
        var target = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025010001", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000)))[0];
        var source = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(1, sep01, 10_000)))[0];
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(source), 60_000, sep01, sep01)])), "bank");
        var overpayment = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal(50_000, overpayment.Amount);

        var first = await Appropriations(f).AppropriateAsync(new AppropriationRequest(overpayment.Id, target, 20_000, IdempotencyKey: "run-1:1"));
        var after = await f.JournalAsync();
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            Appropriations(f).AppropriateAsync(new AppropriationRequest(overpayment.Id, target, 20_000, IdempotencyKey: "run-1:1")));
        var payment = Assert.Single(await f.PaymentsAsync());
        var reversal = await Assert.ThrowsAsync<DomainException>(() => f.Corrections().ReverseAsync(payment.Id, "誤入力", CancellationToken.None));

        Assert.Equal((sep01, 20_000L), (first.EffectiveOn, first.Amount));
        Assert.Equal(("appropriation.duplicate", "payment.overpayment_used"), (again.Code, reversal.Code));
        Assert.Contains("20,000 円", reversal.Message);
        Assert.Equal(after, await f.JournalAsync());
        Assert.Equal(180_000, (await f.LedgerAsync(target)).PrincipalBalance);
    }
}
