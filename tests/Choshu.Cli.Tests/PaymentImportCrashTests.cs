using System.Text;
using System.Text.Json;
using Choshu.App.Reconciliation;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Cli.Tests;

/// <summary>
/// Crash and rerun: the real <c>choshu</c> process imports a bank file of 1,000 records in batches of 100
/// and is killed mid-file (<see cref="PaymentImport.FaultVariable"/> ends it with Environment.FailFast
/// after the commit of batch 2, or before the commit of batch 3); only whole batches have landed and the
/// journal is consistent. Run again without the fault, every payment is applied exactly once and the
/// totals equal the file's.
///
/// The city: 500 installments (125 市民税 2026 notices × periods 1–4), installment k with principal
/// 10,000 + 37·k yen, all due 2026-10-30. The file, record i (line i + 2):
///   i &lt; 500: 60 % of installment i's principal (truncated), paid 2026-10-20;
///   i ≥ 500: the rest of installment i − 500's principal, plus 1,000 when (i − 500) is a multiple of 7, paid 2026-10-28;
///   every 50th record (i mod 50 = 49) carries a key with a wrong check digit: 20 unmatched.
/// Every payment is before the due date, so no late fee arises.
/// </summary>
public sealed class PaymentImportCrashTests
{
    private const int InstallmentCount = 500;
    private const int Records = 1_000;
    private const int BatchSize = 100;
    private static readonly DateOnly Due = new(2026, 10, 30);

    private static long Principal(int k) => 10_000 + 37L * k;

    private static bool IsUnmatched(int i) => i % 50 == 49;

    private static long Amount(int i) => i < InstallmentCount
        ? Principal(i) * 6 / 10
        : Principal(i - InstallmentCount) - Principal(i - InstallmentCount) * 6 / 10 + ((i - InstallmentCount) % 7 == 0 ? 1_000 : 0);

    [Theory]
    [InlineData(StoreProvider.Postgres, "after-commit:2")]
    [InlineData(StoreProvider.Sqlite, "after-commit:2")]
    [InlineData(StoreProvider.Postgres, "before-commit:3")]
    [InlineData(StoreProvider.Sqlite, "before-commit:3")]
    public async Task ImportPayments_ProcessKilledMidFile_RerunBooksEveryPaymentExactlyOnce(StoreProvider provider, string fault)
    {
        await using var store = await TestStore.CreateAsync(provider);
        long[] ids;
        await using (var db = store.Open())
        {
            var taxpayer = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            var created = await LedgerSeed.AssessmentsAsync(db, taxpayer, [.. Enumerable.Range(0, InstallmentCount / 4).Select(n =>
                (TaxKindCodes.InhabitantTax, 2026, $"2026{n:D6}", Enumerable.Range(0, 4).Select(p => new LedgerSeed.Inst((short)(p + 1), Due, Principal(n * 4 + p))).ToArray()))]);
            ids = [.. created.SelectMany(x => x)];
        }
        var lines = Enumerable.Range(0, Records).Select(i =>
        {
            var inst = ids[i % InstallmentCount];
            var paidOn = i < InstallmentCount ? new DateOnly(2026, 10, 20) : new DateOnly(2026, 10, 28);
            return new BankLine((i + 1).ToString("D10", System.Globalization.CultureInfo.InvariantCulture), IsUnmatched(i) ? BadKey(inst) : Key(inst), Amount(i), paidOn, paidOn.AddDays(2));
        }).ToList();
        var dir = Directory.CreateTempSubdirectory("choshu-crash-").FullName;
        var path = Path.Combine(dir, "bank.csv");
        await File.WriteAllTextAsync(path, string.Join("\r\n", Bank(lines)) + "\r\n", new UTF8Encoding(false));
        var bookedTotal = lines.Where((_, i) => !IsUnmatched(i)).Sum(l => l.Amount);

        try
        {
            // The killed run: two batches of 100 committed, nothing of the third.
            var (crashCode, _, crashErr) = await RunChoshuAsync(fault, "import", "payments", "--format", "bank", path, "--batch-size", "100", "--json", "--db", store.Store.ConnectionString);

            Assert.True(crashCode != 0, $"the process was to be killed ({fault}) but exited 0: {crashErr}");
            int landedCount;
            await using (var db = store.Open())
            {
                var landed = await db.Payments.AsNoTracking().ToListAsync();
                landedCount = landed.Count;
                Assert.Equal(2 * BatchSize, landed.Count); // every record makes one payment row: whole batches only
                Assert.Equal(Enumerable.Range(2, 2 * BatchSize), landed.Select(p => p.SourceLine!.Value).Order());
                await AssertJournalConsistentAsync(db);
                var run = await db.ImportRuns.SingleAsync();
                Assert.Equal((2 * BatchSize, (DateTime?)null), (run.LinesRead, run.FinishedAtUtc));
            }

            // The rerun books what is missing and nothing twice.
            var (code, output, error) = await RunChoshuAsync(null, "import", "payments", "--format", "bank", path, "--batch-size", "100", "--json", "--db", store.Store.ConnectionString);

            Assert.True(code == 0, error);
            var s = JsonDocument.Parse(output).RootElement;
            // The first 200 records (4 of them unmatched) were there already: exactly what had landed is a duplicate.
            Assert.Equal((Records, landedCount, 800 - 16, 16, 0),
                (s.GetProperty("read").GetInt32(), s.GetProperty("duplicate").GetInt32(), s.GetProperty("booked").GetInt32(), s.GetProperty("unmatched").GetInt32(), s.GetProperty("quarantined").GetInt32()));

            await using var check = store.Open();
            var payments = await check.Payments.AsNoTracking().ToListAsync();
            Assert.Equal(Records, payments.Count);
            Assert.Equal(Records, payments.Select(p => p.IdempotencyKey).Distinct().Count());
            Assert.Equal(Enumerable.Range(2, Records), payments.Select(p => p.SourceLine!.Value).Order());
            Assert.Equal(20, payments.Count(p => p.Status == PaymentStatus.Unmatched));
            Assert.Equal(bookedTotal, payments.Where(p => p.Status == PaymentStatus.Booked).Sum(p => p.Amount));
            // The overpayment account (component Overpayment) is the overpaid side, projected by the overpayments view.
            var moved = -await check.JournalEntries.Where(j => j.Kind == JournalEntryKind.Payment && j.Component != LedgerComponent.Overpayment).SumAsync(j => j.Amount);
            var overpaid = await check.Overpayments.SumAsync(o => o.Amount);
            Assert.Equal(bookedTotal, moved + overpaid);
            await AssertJournalConsistentAsync(check);

            // Each installment: principal − what its matched records paid, never below zero; the excess overpaid.
            var balances = (await check.JournalEntries.AsNoTracking().Where(j => j.Component == LedgerComponent.Principal)
                    .Select(j => new { j.InstallmentId, j.Amount }).ToListAsync())
                .GroupBy(j => j.InstallmentId).ToDictionary(g => g.Key, g => g.Sum(j => j.Amount));
            for (var k = 0; k < InstallmentCount; k++)
            {
                var paid = Enumerable.Range(0, Records).Where(i => i % InstallmentCount == k && !IsUnmatched(i)).Sum(Amount);
                Assert.Equal(Math.Max(0, Principal(k) - paid), balances[ids[k]]);
            }
            Assert.Equal(Enumerable.Range(0, Records).Where(i => !IsUnmatched(i)).GroupBy(i => i % InstallmentCount)
                .Sum(g => Math.Max(0, g.Sum(Amount) - Principal(g.Key))), overpaid);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every booked payment's live journal entries and overpayment add up to its amount; none booked twice.</summary>
    private static async Task AssertJournalConsistentAsync(ChoshuDbContext db) =>
        Assert.Empty(await CrashPointHarness.JournalFailuresAsync(db));

    /// <summary>Runs the built choshu.dll (in this test project's output) as a child process, with or without the fault.</summary>
    private static Task<(int ExitCode, string Out, string Err)> RunChoshuAsync(string? fault, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "choshu.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        return CrashPointHarness.RunChoshuAsync(dll, fault, CancellationToken.None, args);
    }
}
