using Choshu.App.Audit;
using Choshu.App.Refunds;
using Choshu.App.Stores;
using Choshu.App.Tests.Reconciliation;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Refunds;

/// <summary>
/// The mandatory appropriation run (一斉充当) on the worked example of domain.md §4, on PostgreSQL: 固定資産税 2024 1期 300,000
/// paid 2024-05-31, reduced to 0 by 賦課決定 on 2025-09-01 (cause 1); 市民税 2025 1期 200,000 due 2025-06-30, unpaid.
/// 充当適状日 2025-09-01; late fee on 200,000 to 09-01: 07-01..07-31 31 d × 2.4% = 407, 08-01..09-01 32 d × 8.7% = 1,525 →
/// 1,932 → 1,900; appropriated 201,900. Refund interest on it (base 201,000, 2024-06-01..2025-09-01: 214 d + 244 d × 0.9%)
/// = 2,269 → 2,200. Left: 98,100 and the 2,200 (no other arrears); refunded 2025-10-15 with 1,200 interest → 101,500 in all.
/// </summary>
public sealed class AppropriationRunTests
{
    private static readonly DateOnly Sep01 = new(2025, 9, 1), Sep30 = new(2025, 9, 30);

    private static Appropriations Appropriations(ReconciliationFixture f) =>
        new(f.Store.Store, f.Clock, AuditText.SystemNamed(ReconciliationFixture.Actor));

    [Fact]
    public async Task RunAsync_WorkedExample_Appropriates201900WithInterest2200AndLeaves101500()
    {
        await using var f = await ReconciliationFixture.CreateAsync(StoreProvider.Postgres);
        var (taxpayer, source, target, _) = await OverpaymentCauseTests.WorkedExampleAsync(f);
        await OverpaymentCauseTests.ImportAsync(f, "1000000001,02,2024,2024,2024020001,1,2024-04-30,0,2025-09-01,1,,");
        var before = (await f.JournalAsync()).Count;

        var plan = await Appropriations(f).RunAsync(new AppropriationRunRequest(Sep30, DryRun: true));
        Assert.Equal(before, (await f.JournalAsync()).Count);
        var run = await Appropriations(f).RunAsync(new AppropriationRunRequest(Sep30));

        var line = Assert.Single(run.Lines);
        Assert.Equal((target, Sep01, 201_900L, 200_000L, 0L, 1_900L, 2_200L, false),
            (line.TargetInstallmentId, line.EffectiveOn, line.Amount, line.Principal, line.ReminderFee, line.LateFee, line.RefundInterest, line.FromInterest));
        Assert.Equal(line with { SourceEntryId = null }, Assert.Single(plan.Lines));
        Assert.Equal((98_100L, 2_200L), (run.Remainders.Single().Overpayment, run.Remainders.Single().RefundInterest));

        var added = (await f.JournalAsync()).Skip(before).Select(Expected.Of).ToList();
        Assert.Equal(
        [
            new Expected(source, JournalEntryKind.Appropriation, LedgerComponent.Overpayment, 201_900, Sep01, "appropriation", null),
            new Expected(target, JournalEntryKind.Appropriation, LedgerComponent.Principal, -200_000, Sep01, "appropriation", null),
            new Expected(target, JournalEntryKind.Charge, LedgerComponent.LateFee, 1_900, Sep01, "latefee.final", null),
            new Expected(target, JournalEntryKind.Appropriation, LedgerComponent.LateFee, -1_900, Sep01, "appropriation", null),
            new Expected(source, JournalEntryKind.RefundInterest, LedgerComponent.Overpayment, -2_200, Sep01, "refund-interest", null),
        ], added);
        var ledger = await f.LedgerAsync(target);
        Assert.Equal(0, ledger.Owed);

        await using var db = f.Open();
        Assert.Empty(await OverpaymentAccount.CheckAsync(db));
        Assert.Equal(100_300, await OverpaymentAccount.BalanceAsync(db, taxpayer));
        var facts = await OverpaymentFacts.OpenAsync(db, taxpayer);
        Assert.Equal([(98_100L, false), (2_200L, true)], facts.Select(x => (x.Balance, x.IsInterest)));
        var refundInterest = OverpaymentFacts.Interest(facts[0], facts[0].Balance, new DateOnly(2025, 10, 15), await ReferenceData.LoadRefundInterestRatesAsync(db));
        Assert.Equal(1_200, refundInterest.Interest);
        Assert.Equal(101_500, facts.Sum(x => x.Balance) + refundInterest.Interest);
        Assert.Single(await db.AuditEvents.Where(e => e.Kind == AuditEventKind.AppropriationRun).ToListAsync());

        // Run again (or after a kill): nothing is booked twice.
        var again = await Appropriations(f).RunAsync(new AppropriationRunRequest(Sep30));
        Assert.Empty(again.Lines);
        Assert.Equal(before + 5, (await f.JournalAsync()).Count);

        // The 還付充当通知書: one letter, recorded as an issued document, its text readable.
        var person = await db.Taxpayers.SingleAsync(t => t.Id == taxpayer);
        person.Facts = person.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11-1" };
        await db.SaveChangesAsync();
        var dir = Directory.CreateTempSubdirectory("choshu-appropriation-").FullName;
        try
        {
            var pdf = await new AppropriationNotices(f.Store.Store, f.Clock, AuditText.SystemNamed(ReconciliationFixture.Actor)).WriteAsync(run, dir);
            Assert.Equal((1, 0), (pdf.Letters, pdf.NotSent.Count));
            var text = Poppler.Text(File.ReadAllBytes(pdf.Path));
            Assert.Contains("還付充当通知書", text);
            Assert.Contains("201,900", text.Replace(" ", ""));
            Assert.Contains("2,200円", text.Replace(" ", ""));
            var doc = Assert.Single(await db.IssuedDocuments.Where(d => d.Kind == IssuedDocumentKinds.AppropriationNotice).ToListAsync());
            Assert.Equal(taxpayer, doc.TaxpayerId);
            if (Environment.GetEnvironmentVariable("CHOSHU_KEEP_PDF") is { } keep) File.Copy(pdf.Path, keep, overwrite: true);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // The same taxpayer also owes 市民税 2019 1期 50,000 due 2019-07-01, never reminded nor paid: lapsed from 2024-07-02, before
    // the 充当適状日 2025-09-01. Although it is the oldest, it takes nothing; the 2025 claim gets 201,900 as before.
    [Fact]
    public async Task RunAsync_LapsedClaim_TakesNothing()
    {
        await using var f = await ReconciliationFixture.CreateAsync(StoreProvider.Sqlite);
        var (taxpayer, _, target, _) = await OverpaymentCauseTests.WorkedExampleAsync(f);
        var lapsed = (await f.AssessmentAsync(taxpayer, Domain.Assessments.TaxKindCodes.InhabitantTax, 2019, "2019010001",
            new LedgerSeed.Inst(1, new DateOnly(2019, 7, 1), 50_000)))[0];
        await OverpaymentCauseTests.ImportAsync(f, "1000000001,02,2024,2024,2024020001,1,2024-04-30,0,2025-09-01,1,,");

        var run = await Appropriations(f).RunAsync(new AppropriationRunRequest(Sep30));

        Assert.DoesNotContain(run.Lines, l => l.TargetInstallmentId == lapsed);
        Assert.Equal(201_900, run.Lines.Single(l => l.TargetInstallmentId == target).Amount);
        Assert.Equal(50_000, (await f.LedgerAsync(lapsed)).PrincipalBalance);
    }

    // Two taxpayers, each the worked example (固定資産税 300,000 paid 2024-05-31 and reduced to 0 on 2025-09-01; 市民税 200,000 due
    // 2025-06-30 unpaid), booked one taxpayer per transaction. The run is "killed" after its first transaction commits: the first
    // taxpayer has the 5 entries (201,900 appropriated, 2,200 interest), the second none. Run again: the second gets its 5, the first
    // nothing more; every overpayment account agrees with the journal and both claims are settled.
    [Fact]
    public async Task RunAsync_KilledAfterFirstChunk_RerunBooksTheRestOnce()
    {
        await using var f = await ReconciliationFixture.CreateAsync(StoreProvider.Sqlite);
        var first = await OverpaymentCauseTests.WorkedExampleAsync(f);
        var secondTaxpayer = await f.TaxpayerAsync("1000000002");
        var secondSource = (await f.AssessmentAsync(secondTaxpayer, Domain.Assessments.TaxKindCodes.FixedAssetTax, 2024, "2024020002",
            new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 300_000)))[0];
        var secondTarget = (await f.AssessmentAsync(secondTaxpayer, Domain.Assessments.TaxKindCodes.InhabitantTax, 2025, "2025010002",
            new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000)))[0];
        var may31 = new DateOnly(2024, 5, 31);
        await f.ImportAsync(f.Write(PaymentFiles.Bank([new PaymentFiles.BankLine("2", PaymentFiles.Key(secondSource), 300_000, may31, may31)]), "bank2.txt"), "bank");
        await OverpaymentCauseTests.ImportAsync(f,
            "1000000001,02,2024,2024,2024020001,1,2024-04-30,0,2025-09-01,1,,",
            "1000000002,02,2024,2024,2024020002,1,2024-04-30,0,2025-09-01,1,,");
        var before = (await f.JournalAsync()).Count;

        using var kill = new CancellationTokenSource();
        var killed = new Appropriations(f.Store.Store, f.Clock, AuditText.SystemNamed(ReconciliationFixture.Actor))
        {
            ChunkSize = 1, Progress = new CancelOnReport(kill),
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.RunAsync(new AppropriationRunRequest(Sep30), kill.Token));
        Assert.Equal(before + 5, (await f.JournalAsync()).Count);
        Assert.Equal(0, (await f.LedgerAsync(first.Target)).Owed);
        Assert.Equal(200_000, (await f.LedgerAsync(secondTarget)).Owed);

        var rerun = await new Appropriations(f.Store.Store, f.Clock, AuditText.SystemNamed(ReconciliationFixture.Actor)) { ChunkSize = 1 }
            .RunAsync(new AppropriationRunRequest(Sep30));
        var line = Assert.Single(rerun.Lines);
        Assert.Equal((secondTarget, Sep01, 201_900L, 1_900L, 2_200L), (line.TargetInstallmentId, line.EffectiveOn, line.Amount, line.LateFee, line.RefundInterest));
        Assert.Equal(before + 10, (await f.JournalAsync()).Count);
        Assert.Equal(0, (await f.LedgerAsync(secondTarget)).Owed);
        Assert.Empty((await new Appropriations(f.Store.Store, f.Clock, AuditText.SystemNamed(ReconciliationFixture.Actor)).RunAsync(new AppropriationRunRequest(Sep30))).Lines);

        await using var db = f.Open();
        Assert.Empty(await OverpaymentAccount.CheckAsync(db));
        Assert.Equal(100_300, await OverpaymentAccount.BalanceAsync(db, first.Taxpayer));
        Assert.Equal(100_300, await OverpaymentAccount.BalanceAsync(db, secondTaxpayer));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.OverpaymentAppropriated));
        Assert.Equal(2, await db.JournalEntries.CountAsync(j => j.IdempotencyKey != null && j.IdempotencyKey.StartsWith("appropriation:auto:20250930:") && !j.IdempotencyKey.EndsWith(":interest")));
    }

    /// <summary>Cancels the run's token when the first chunk is reported committed (a kill between two transactions).</summary>
    private sealed class CancelOnReport(CancellationTokenSource kill) : IProgress<int>
    {
        public void Report(int value) => kill.Cancel();
    }
}
