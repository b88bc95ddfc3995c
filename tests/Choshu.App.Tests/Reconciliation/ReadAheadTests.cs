using Choshu.App.Imports;
using Choshu.App.Reconciliation;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// On PostgreSQL the import reads the next batch (its known payments, its installments' journals) on a second connection
/// while the current batch is written, then brings those reads up to date with what that batch wrote. With one record per
/// batch every record depends on the one before: a 確報 on the 速報 just received, a 取消 on it, a payment dated before the
/// one just booked (booked again in 納付日 order), a duplicate of it. The same files in one batch of 5,000 give the same
/// payments and balances (the journal differs only in that one batch books in order at once, without reversals).
/// </summary>
public sealed class ReadAheadTests
{
    private static readonly DateOnly Due = new(2026, 7, 31);

    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportWithOneRecordPerBatch_EachRecordSeesTheOneBefore_AsInOneBatch(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        foreach (var (batchSize, notice) in new[] { (1, "2026020001"), (PaymentImport.DefaultBatchSize, "2026020002") })
        {
            var ids = await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2026, notice,
                new LedgerSeed.Inst(1, Due, 10_000), new LedgerSeed.Inst(2, Due, 10_000), new LedgerSeed.Inst(3, Due, 10_000));
            var (a, b, c) = (ids[0], ids[1], ids[2]);
            var (barA, barB) = (Barcode(a, 4_000, Due), Barcode(b, 6_000, Due));
            var (atA, atB) = (new DateTime(2026, 6, 5, 10, 0, 0), new DateTime(2026, 6, 6, 11, 30, 0));
            var store = await f.ImportAsync(f.Write(Store(
            [
                new StoreLine('1', $"S{notice}1", barA, 4_000, atA, null),
                new StoreLine('2', $"S{notice}1", barA, 4_000, atA, new DateOnly(2026, 6, 9)),
                new StoreLine('1', $"S{notice}2", barB, 6_000, atB, null),
                new StoreLine('3', $"S{notice}2", barB, 6_000, atB, null),
                new StoreLine('2', $"S{notice}2", barB, 6_000, atB, new DateOnly(2026, 6, 10)),
            ]), "store.csv"), "store", batchSize);
            var bank = await f.ImportAsync(f.Write(Bank(
            [
                new BankLine($"{notice}1", Key(c), 3_000, new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 10)),
                new BankLine($"{notice}2", Key(c), 2_000, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1)),
                new BankLine($"{notice}1", Key(c), 3_000, new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 10)),
                new BankLine($"{notice}3", Key(c), 20_000, new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 1)),
            ]), "bank.csv"), "bank", batchSize);

            Assert.Equal((batchSize, 5, 2, 1, 1, 1, 0), (batchSize, store.Read, store.Pending, store.Booked, store.Cancelled, store.Quarantined, store.Duplicate));
            Assert.Equal(new ImportError(6, "区分", "速報取消済みの収納に確報がありました。収納代行業者に確認してください。"), Assert.Single(store.Errors));
            Assert.Equal((batchSize, 4, 3, 25_000L, 1, 1, 15_000L, ""), (batchSize, bank.Read, bank.Booked, bank.BookedAmount, bank.Duplicate, bank.Overpaid, bank.OverpaidAmount, string.Join("|", bank.Errors)));

            var payments = (await f.PaymentsAsync()).Where(p => p.ImportFileId == store.ImportFileId || p.ImportFileId == bank.ImportFileId).ToList();
            Assert.Equal(
                [(store.ImportFileId, 2, PaymentStatus.Booked, (long?)a, 4_000L), (store.ImportFileId, 4, PaymentStatus.Cancelled, b, 6_000L),
                 (bank.ImportFileId, 2, PaymentStatus.Booked, c, 3_000L), (bank.ImportFileId, 3, PaymentStatus.Booked, c, 2_000L),
                 (bank.ImportFileId, 5, PaymentStatus.Booked, c, 20_000L)],
                payments.OrderBy(p => p.Id).Select(p => (p.ImportFileId!.Value, p.SourceLine!.Value, p.Status, p.InstallmentId, p.Amount)));
            Assert.Equal((6_000L, 10_000L, 0L), ((await f.LedgerAsync(a)).PrincipalBalance, (await f.LedgerAsync(b)).PrincipalBalance, (await f.LedgerAsync(c)).PrincipalBalance));
            Assert.Equal(15_000, (await f.LedgerAsync(c)).OverpaymentBalance);

            // C's journal: paid 2,000 on 6/1, 3,000 on 6/10 and 20,000 on 7/1, of which 5,000 principal and 15,000 over.
            var p1 = payments.Single(p => p.SourceLine == 2 && p.ImportFileId == bank.ImportFileId).Id;
            var p2 = payments.Single(p => p.SourceLine == 3).Id;
            var p4 = payments.Single(p => p.SourceLine == 5).Id;
            var onC = (await f.BookedEntriesAsync()).Where(j => j.InstallmentId == c).Select(Expected.Of).ToList();
            List<Expected> inOrder =
            [
                new(c, JournalEntryKind.Payment, LedgerComponent.Principal, -2_000, new DateOnly(2026, 6, 1), "payment", p2),
                new(c, JournalEntryKind.Payment, LedgerComponent.Principal, -3_000, new DateOnly(2026, 6, 10), "payment", p1),
                new(c, JournalEntryKind.Payment, LedgerComponent.Principal, -5_000, new DateOnly(2026, 7, 1), "payment", p4),
                new(c, JournalEntryKind.Payment, LedgerComponent.Overpayment, -15_000, new DateOnly(2026, 7, 1), OverpaymentReasonCodes.OverPayment, p4),
            ];
            if (batchSize == 1)
            {
                // The 6/10 payment was committed alone first; the 6/1 one, read after it, books it again behind itself.
                Assert.Equal(
                [
                    new(c, JournalEntryKind.Payment, LedgerComponent.Principal, -3_000, new DateOnly(2026, 6, 10), "payment", p1),
                    new(c, JournalEntryKind.Reversal, LedgerComponent.Principal, 3_000, new DateOnly(2026, 6, 10), "payment.rebook", p1),
                    .. inOrder,
                ], onC);
            }
            else
            {
                Assert.Equal(inOrder, onC);
            }
        }
    }
}
