using Choshu.App.Imports;
using Choshu.App.Refunds;
using Choshu.App.Stores;
using Choshu.App.Tests.Reconciliation;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Refunds;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Refunds;

/// <summary>
/// Overpayments with their cause (17条の4第1項): an assessment reduced below what was paid turns the excess into an overpayment
/// of the reduction's cause, dated its 更正日, from the payment it came from; <see cref="OverpaymentFacts"/> reads it back.
/// </summary>
public sealed class OverpaymentCauseTests
{
    private const string Header = "宛名番号,税目,調定年度,相当年度,通知書番号,期別,納期限,税額,更正日,更正事由,更正請求日,所得税更正通知日";
    private static readonly DateOnly May31 = new(2024, 5, 31), Sep01 = new(2025, 9, 1);

    internal static async Task<ImportResult> ImportAsync(ReconciliationFixture f, params string[] lines) =>
        await new AssessmentImport(f.Store.Store, f.Clock).RunAsync(new ImportRequest(f.Write([Header, .. lines], "assessments.csv"), null, ReconciliationFixture.Actor));

    /// <summary>
    /// domain.md §4: 固定資産税 2024 1期 300,000 due 2024-04-30, paid 2024-05-31 (late fee 300,000×2.4%×31/365 = 611 → 0);
    /// 市民税 2025 1期 200,000 due 2025-06-30, unpaid. Returns (source installment, target installment, payment id).
    /// </summary>
    internal static async Task<(long Taxpayer, long Source, long Target, long Payment)> WorkedExampleAsync(ReconciliationFixture f)
    {
        var taxpayer = await f.TaxpayerAsync();
        var source = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2024, "2024020001", new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 300_000)))[0];
        var target = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025010001", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000)))[0];
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(source), 300_000, May31, May31)])), "bank");
        return (taxpayer, source, target, (await f.PaymentsAsync()).Single().Id);
    }

    // The 固定資産税 is reduced to 0 by 賦課決定 on 2025-09-01 (cause 1): the Amendment −300,000, and the pair Payment/Principal
    // +300,000 (reduction.overpaid) and Payment/Overpayment −300,000 (overpayment.reduction), both dated 09-01 with the payment's id.
    // The view shows it with reason 減額更正, cause 1, arising 09-01; the facts give paid-on 2024-05-31, and the interest on a
    // refund of 98,100 decided 2025-10-15 is 98,000 × 0.9% × 502/365 = 1,213 → 1,200 (domain.md §4).
    [Fact]
    public async Task Import_ReductionToZeroAfterPayment_OverpaymentOfCause1DatedCorrection()
    {
        await using var f = await ReconciliationFixture.CreateAsync(StoreProvider.Postgres);
        var (taxpayer, source, _, payment) = await WorkedExampleAsync(f);

        var r = await ImportAsync(f, "1000000001,02,2024,2024,2024020001,1,2024-04-30,0,2025-09-01,1,,");

        Assert.Equal((1, 0), (r.Changed, r.Quarantined));
        var added = (await f.BookedEntriesAsync()).Where(j => j.ReasonCode != "payment").Select(Expected.Of).ToList();
        Assert.Equal(
        [
            new Expected(source, JournalEntryKind.Amendment, LedgerComponent.Principal, -300_000, Sep01, "amendment.import", null),
            new Expected(source, JournalEntryKind.Payment, LedgerComponent.Principal, 300_000, Sep01, "reduction.overpaid", payment),
            new Expected(source, JournalEntryKind.Payment, LedgerComponent.Overpayment, -300_000, Sep01, "overpayment.reduction", payment),
        ], added);
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((payment, 300_000L, OverpaymentReason.Reduction, RefundInterestCause.Reduction, Sep01, (DateOnly?)Sep01),
            (o.PaymentId, o.Amount, o.Reason, o.Cause, o.AroseOn, o.CorrectedOn));
        var ledger = await f.LedgerAsync(source);
        Assert.Equal((0L, 0L, 300_000L), (ledger.Principal, ledger.PrincipalBalance, ledger.OverpaymentBalance));

        await using var db = f.Open();
        Assert.Empty(await OverpaymentAccount.CheckAsync(db));
        var fact = Assert.Single(await OverpaymentFacts.OpenAsync(db, taxpayer));
        Assert.Equal((o.Id, 300_000L, 300_000L, May31, RefundInterestCause.Reduction), (fact.Id, fact.Amount, fact.Balance, fact.PaidOn, fact.Cause));
        var rates = await ReferenceData.LoadRefundInterestRatesAsync(db);
        Assert.Equal(1_200, OverpaymentFacts.Interest(fact, 98_100, new DateOnly(2025, 10, 15), rates).Interest);

        // The same file again changes nothing.
        var again = await ImportAsync(f, "1000000001,02,2024,2024,2024020001,1,2024-04-30,0,2025-09-01,1,,");
        Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal(0, again.Changed);
    }

    // 300,000 paid in two parts (100,000 on 2024-04-30, 200,000 on 2024-05-31), reduced to 150,000 by a 更正 on a 更正の請求
    // (cause 2, requested 2025-05-20, 更正 2025-09-10): 150,000 is paid beyond it, taken from the latest payment (05-31). The
    // overpayment carries both dates; its interest starts 2025-08-21 (3 months from 05-21 pass on 08-20, before 10-10).
    // The late fee of what stays (150,000, the 04-30 payment whole) is nothing: no negative payment reaches the calculator.
    [Fact]
    public async Task Import_PartialReductionOnRequest_ExcessFromLatestPaymentWithBothDates()
    {
        await using var f = await ReconciliationFixture.CreateAsync(StoreProvider.Postgres);
        var taxpayer = await f.TaxpayerAsync();
        var source = (await f.AssessmentAsync(taxpayer, TaxKindCodes.CorporateInhabitantTax, 2024, "2024040001", new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 300_000)))[0];
        await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(source), 100_000, new DateOnly(2024, 4, 30), new DateOnly(2024, 4, 30)),
            new BankLine("2", Key(source), 200_000, May31, May31)])), "bank");
        var latest = (await f.PaymentsAsync())[1].Id;

        var r = await ImportAsync(f, "1000000001,04,2024,2024,2024040001,1,2024-04-30,150000,2025-09-10,2,2025-05-20,");

        Assert.Equal(1, r.Changed);
        var o = Assert.Single(await f.OverpaymentsAsync());
        Assert.Equal((latest, 150_000L, RefundInterestCause.Request, (DateOnly?)new DateOnly(2025, 5, 20), (DateOnly?)new DateOnly(2025, 9, 10)),
            (o.PaymentId, o.Amount, o.Cause, o.RequestedOn, o.CorrectedOn));
        var ledger = await f.LedgerAsync(source);
        Assert.Equal((150_000L, 0L, 150_000L), (ledger.Principal, ledger.PrincipalBalance, ledger.OverpaymentBalance));
        Assert.Equal([(new DateOnly(2024, 4, 30), 100_000L), (May31, 50_000L)], ledger.PrincipalPayments.Select(p => (p.PaidOn, p.Amount)));
        Assert.Equal(0, ledger.LateFeeOwed(new DateOnly(2025, 10, 1), await f.RatesAsync()).Owed);
        await using var db = f.Open();
        var fact = Assert.Single(await OverpaymentFacts.OpenAsync(db, null));
        var interest = OverpaymentFacts.Interest(fact, fact.Balance, new DateOnly(2025, 12, 15), await ReferenceData.LoadRefundInterestRatesAsync(db));
        Assert.Equal(new DateOnly(2025, 8, 21), interest.StartDate);
    }

    [Fact]
    public async Task Import_ReductionWithoutCause_QuarantinedInJapaneseAndNothingBooked()
    {
        await using var f = await ReconciliationFixture.CreateAsync(StoreProvider.Sqlite);
        await WorkedExampleAsync(f);
        var before = (await f.JournalAsync()).Count;

        var r = await ImportAsync(f,
            "1000000001,02,2024,2024,2024020001,1,2024-04-30,0,2025-09-01,,,",
            "1000000001,01,2025,2025,2025010001,1,2025-06-30,150000,,1,,");

        Assert.Equal((0, 2), (r.Changed, r.Quarantined));
        Assert.Equal(before, (await f.JournalAsync()).Count);
        await using var db = f.Open();
        var reasons = await db.QuarantinedRecords.OrderBy(q => q.LineNo).Select(q => new { q.Field, q.Reason }).ToListAsync();
        Assert.Equal(["更正事由", "更正日"], reasons.Select(x => x.Field));
        Assert.Contains("還付加算金の起算日", reasons[0].Reason);
    }
}
