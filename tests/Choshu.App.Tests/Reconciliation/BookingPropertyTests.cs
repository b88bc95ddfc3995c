using System.Text;
using Choshu.App.Reconciliation;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// Random payment sequences booked into a real store through <see cref="PaymentImport"/> (random batch
/// sizes, so payments of one installment meet in one batch and across batches; some keys unmatched):
/// afterwards every installment's principal balance summed from the journal is ≥ 0 and equals what the
/// ledger folds (principal − principal paid), no fee balance is negative, every booked payment's entries
/// plus its overpayment equal its amount, and the late fee booked as final is the calculator's.
/// 100 cases on SQLite, 15 on PostgreSQL, each case adding its own installments to one store.
/// (Run with FsCheck's <see cref="Check"/> inside an async theory rather than as a [Property]: a property
/// method cannot await the store it needs.)
/// </summary>
public sealed class BookingPropertyTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    /// <summary>An installment of a case: principal, due date, whether a 100-yen reminder fee is charged.</summary>
    public sealed record Inst(long Principal, DateOnly Due, bool ReminderFee);

    /// <summary>A payment of a case: which installment (−1 = a bad key, unmatched), amount, 納付日.</summary>
    public sealed record Pay(int Installment, long Amount, DateOnly PaidOn);

    public sealed record Case(Inst[] Installments, Pay[] Payments, int BatchSize)
    {
        public override string ToString() =>
            $"batch {BatchSize}; installments [{string.Join("; ", Installments.Select(i => $"{i.Principal} due {i.Due:yyyy-MM-dd}{(i.ReminderFee ? " +100" : "")}"))}]; "
            + $"payments [{string.Join("; ", Payments.Select(p => $"#{p.Installment} {p.Amount} on {p.PaidOn:yyyy-MM-dd}"))}]";
    }

    private static Gen<Inst> Installment() =>
        from principal in Gen.Frequency((1, Gen.Choose(500, 1_999)), (4, Gen.Choose(2_000, 300_000)))
        from dueOffset in Gen.Choose(0, 900)
        from fee in Gen.Elements(false, true)
        select new Inst(principal, new DateOnly(2024, 4, 30).AddDays(dueOffset), fee);

    /// <summary>
    /// Payments in any 納付日 order (bank data and store 確報 arrive days after the payment). The properties hold
    /// in any order; whether the late fee is legally right when an earlier-dated payment arrives after the
    /// principal was completed is <see cref="OutOfOrderArrivalTests"/>'s matter.
    /// </summary>
    private static Gen<Case> Cases() =>
        from installments in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Installment(), n))
        from payments in Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(
            from target in Gen.Frequency((1, Gen.Constant(-1)), (9, Gen.Choose(0, installments.Length - 1)))
            from share in Gen.Frequency((3, Gen.Choose(1, 60)), (3, Gen.Choose(60, 100)), (1, Gen.Choose(100, 130)))
            from offset in Gen.Choose(-20, 600)
            let inst = installments[Math.Max(0, target)]
            let paidOn = inst.Due.AddDays(offset)
            select new Pay(target, Math.Max(1, inst.Principal * share / 100 + (share >= 100 ? 13_000 : 0)), paidOn > Today ? Today : paidOn), n))
        from batch in Gen.Choose(1, 4)
        select new Case(installments, payments, batch);

    [Theory]
    [InlineData(StoreProvider.Sqlite, 100)]
    [InlineData(StoreProvider.Postgres, 15)]
    public async Task ImportBank_RandomPaymentSequences_JournalBalancesNeverNegativeAndConsistent(StoreProvider provider, int cases)
    {
        await using var store = await TestStore.CreateAsync(provider);
        long taxpayerId;
        await using (var db = store.Open())
            taxpayerId = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        var dir = Directory.CreateTempSubdirectory("choshu-prop-").FullName;
        try
        {
            var n = 0;
            // Off the test's synchronization context: each case blocks on its import.
            await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases),
                Prop.ForAll(Cases().ToArbitrary(), c => CheckAsync(store, taxpayerId, dir, ++n, c).GetAwaiter().GetResult())));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task CheckAsync(TestStore store, long taxpayerId, string dir, int n, Case c)
    {
        long[] ids;
        await using (var db = store.Open())
        {
            ids = await LedgerSeed.AssessmentAsync(db, taxpayerId, TaxKindCodes.FixedAssetTax, 2024, $"P{n:D8}",
                c.Installments.Select((i, k) => new LedgerSeed.Inst((short)(k + 1), i.Due, i.Principal)).ToArray());
            for (var k = 0; k < ids.Length; k++)
                if (c.Installments[k].ReminderFee) await LedgerSeed.ReminderFeeAsync(db, ids[k], 100, c.Installments[k].Due.AddDays(20));
        }
        var lines = c.Payments.Select((p, k) => new BankLine($"{n}{k:D3}", p.Installment < 0 ? BadKey(ids[0]) : Key(ids[p.Installment]), p.Amount, p.PaidOn, p.PaidOn)).ToList();
        var path = Path.Combine(dir, $"case-{n}.csv");
        await File.WriteAllTextAsync(path, string.Join("\r\n", Bank(lines)) + "\r\n", new UTF8Encoding(false));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(9)));

        var s = await new PaymentImport(store.Store, clock) { BatchSize = c.BatchSize }.RunAsync(new PaymentImportRequest(path, "bank", "test:property"));

        var unmatched = c.Payments.Count(p => p.Installment < 0);
        Assert.Equal((c.Payments.Length - unmatched, unmatched, 0), (s.Booked, s.Unmatched, s.Quarantined));
        await using var check = store.Open();
        var rates = await ReferenceData.LoadRatesAsync(check);
        var journal = await check.JournalEntries.AsNoTracking().Where(j => ids.Contains(j.InstallmentId)).ToListAsync();
        var payments = await check.Payments.AsNoTracking().Where(p => p.ImportFileId == s.ImportFileId).ToListAsync();
        var paymentIds = payments.Select(p => p.Id).ToList();
        var overpayments = await check.Overpayments.AsNoTracking().Where(o => paymentIds.Contains(o.PaymentId)).ToListAsync();

        for (var k = 0; k < ids.Length; k++)
        {
            var own = journal.Where(j => j.InstallmentId == ids[k]).ToList();
            var ledger = InstallmentLedger.From(c.Installments[k].Due, own.Select(j => new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId)));
            long Sum(LedgerComponent component) => own.Where(j => j.Component == component).Sum(j => j.Amount);
            var principalBalance = Sum(LedgerComponent.Principal);
            Assert.True(principalBalance >= 0, $"installment {k}: principal balance {principalBalance}; {c}");
            Assert.Equal(principalBalance, ledger.PrincipalBalance);
            Assert.Equal(c.Installments[k].Principal - ledger.PrincipalPaid, principalBalance);
            Assert.True(Sum(LedgerComponent.ReminderFee) >= 0 && Sum(LedgerComponent.LateFee) >= 0, c.ToString());
            Assert.Equal(Sum(LedgerComponent.LateFee), ledger.LateFeeBalance);
            // The late fee booked as final is the one calculator's, over the payments in the journal.
            var expectedFee = principalBalance == 0
                ? LateFeeCalculator.Calculate(c.Installments[k].Principal, c.Installments[k].Due, ledger.PrincipalPayments.ToList(), Today, rates).LateFee
                : 0;
            Assert.True(expectedFee == ledger.LateFeeCharged, $"installment {k}: late fee charged {ledger.LateFeeCharged}, calculator {expectedFee}; {c}");
        }
        var byId = journal.ToDictionary(j => j.Id);
        foreach (var p in payments)
        {
            // A payment booked again in 納付日 order has its first entries reversed: count a reversal as what it reverses.
            // The overpayment account (component Overpayment) is the "overpaid" side: the view projects it.
            var moved = -journal.Where(j => j.PaymentId == p.Id && j.Component != LedgerComponent.Overpayment
                    && (j.Kind == JournalEntryKind.Payment || (j.Kind == JournalEntryKind.Reversal && byId[j.ReversesEntryId!.Value].Kind == JournalEntryKind.Payment)))
                .Sum(j => j.Amount);
            var over = overpayments.Where(o => o.PaymentId == p.Id && o.CancelledAtUtc == null).Sum(o => o.Amount);
            if (p.Status == PaymentStatus.Booked)
                Assert.True(moved + over == p.Amount, $"payment {p.Amount}: booked {moved} + overpaid {over}; {c}");
            else
                Assert.Equal((PaymentStatus.Unmatched, 0L, 0L), (p.Status, moved, over));
        }
        Assert.Equal(c.Payments.Length, payments.Count);
        Assert.Equal(s.BookedAmount, payments.Where(p => p.Status == PaymentStatus.Booked).Sum(p => p.Amount));
    }
}
