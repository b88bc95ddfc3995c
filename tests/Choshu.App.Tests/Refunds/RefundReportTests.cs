using Choshu.App.Refunds;
using Choshu.App.Reports;
using Choshu.App.Tests.Reconciliation;
using Choshu.Domain.Assessments;
using Choshu.Domain.Refunds;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Refunds;

/// <summary>
/// 還付充当一覧 and the collection report's 還付額・うち充当 on the worked example of domain.md §4 (the same setup as
/// <see cref="RefundTests.DecideAsync_WorkedExampleOfDomain4_TaxpayerReceives101500"/>, in a store of its own).
/// </summary>
public sealed class RefundReportTests(RefundWorld w) : IClassFixture<RefundWorld>
{
    private ReconciliationFixture F => w.F;

    // 固定資産税 2024 1期 300,000 paid 2024-05-31, reduced to 0 on 2025-09-01 (cause 1): overpayment 300,000 arising
    // 2025-09-01. The run as of 2025-09-30 appropriates 201,900 to 市民税 2025 1期 (due 2025-06-30) on the 充当適状日
    // 2025-09-01 (the later of the due date and the day the overpayment arose): principal 200,000, late fee 1,900, no
    // reminder fee; the part earned refund interest 2,200, booked on the 固定資産税 (where the money arose) that day.
    // The 98,100 left is refunded, decided 2025-10-15, interest 1,200; paid with it 1,200 + 2,200 = 3,400, in all 101,500.
    // The money was received on 2024-05-31 (fiscal year 2024), decided in fiscal year 2025: 98,100 is 過年度 (歳出), not
    // 戻出; all interest is 歳出: 歳出 101,500. Collection report of fiscal year 2025 as of 2025-10-15: 市民税 現年度 収入額
    // 200,000, all of it うち充当, 未納額 0; 固定資産税 滞納繰越 還付額 98,100 (the refund interest is not tax).
    [Fact]
    public async Task LoadAsync_WorkedExampleOfDomain4_AppropriationAndRefundOnTheirDaysAndTaxKinds()
    {
        var taxpayer = await F.TaxpayerAsync("2000000106");
        var source = (await F.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2024, "2024029106", new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 300_000)))[0];
        await F.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025019106", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000));
        var may31 = new DateOnly(2024, 5, 31);
        await F.ImportAsync(F.Write(Bank([new BankLine("61", Key(source), 300_000, may31, may31)]), "example.csv"), "bank");
        await OverpaymentCauseTests.ImportAsync(F, "2000000106,02,2024,2024,2024029106,1,2024-04-30,0,2025-09-01,1,,");
        var overpayment = (await F.OverpaymentsAsync()).Single(o => o.InstallmentId == source).Id;
        await new Appropriations(F.Store.Store, F.Clock, Choshu.App.Audit.AuditText.SystemNamed(ReconciliationFixture.Actor))
            .RunAsync(new AppropriationRunRequest(new DateOnly(2025, 9, 30), taxpayer));
        var oct15 = new DateOnly(2025, 10, 15);
        var draft = await w.Desk(w.Clerk).DraftAsync(new RefundDraftRequest(overpayment, new DateOnly(2025, 10, 1), oct15, RefundMethod.Counter));
        await w.Desk(w.Approver).DecideAsync(draft.Id, oct15);

        await using var db = F.Open();
        var report = await RefundReportQuery.LoadAsync(db, new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 31));
        var sep1 = new DateOnly(2025, 9, 1);
        Assert.Equal(
        [
            new RefundReportLine(sep1, TaxKindCodes.InhabitantTax, "市民税", 200_000, 0, 1_900, 0, 0, 0, 0, 0, 0),
            new RefundReportLine(sep1, TaxKindCodes.FixedAssetTax, "固定資産税", 0, 0, 0, 2_200, 0, 0, 0, 0, 0),
            new RefundReportLine(oct15, TaxKindCodes.FixedAssetTax, "固定資産税", 0, 0, 0, 0, 98_100, 1_200, 3_400, 0, 101_500),
        ], report.Lines);
        Assert.Equal((201_900L, 2_200L, 98_100L, 1_200L, 101_500L, 0L, 101_500L),
            (report.Total.Appropriated, report.Total.AppropriationInterest, report.Total.Refunded, report.Total.RefundInterest,
             report.Total.Paid, report.Total.Reversal, report.Total.Expenditure));
        // A range that leaves out 1 September shows the refund only.
        Assert.Equal([oct15], (await RefundReportQuery.LoadAsync(db, new DateOnly(2025, 9, 2), oct15)).Lines.Select(l => l.Date));

        var collection = await CollectionReportQuery.LoadAsync(db, 2025, oct15);
        var inhabitant = collection.Lines.Single(l => l.TaxKindCode == TaxKindCodes.InhabitantTax && l.Bucket == "current");
        var fixedAsset = collection.Lines.Single(l => l.TaxKindCode == TaxKindCodes.FixedAssetTax && l.Bucket == "arrears");
        Assert.Equal((200_000L, 200_000L, 200_000L, 0L, 0L), (inhabitant.Assessed, inhabitant.Collected, inhabitant.Appropriated, inhabitant.Refunded, inhabitant.Balance));
        Assert.Equal((98_100L, 0L, 0L), (fixedAsset.Refunded, fixedAsset.Appropriated, fixedAsset.Balance));
        Assert.Equal((98_100L, 200_000L), (collection.Total.Refunded, collection.Total.Appropriated));
        // The report's principal appropriated equals the collection report's うち充当, its refunds the 還付額.
        Assert.Equal((report.Total.AppropriatedPrincipal, report.Total.Refunded), (collection.Total.Appropriated, collection.Total.Refunded));
    }
}
