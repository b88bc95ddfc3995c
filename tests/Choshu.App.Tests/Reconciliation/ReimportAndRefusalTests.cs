using Choshu.App.Imports;
using Choshu.App.Reconciliation;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// Exactly once: a file imported again books nothing (every record a duplicate, journal and payments
/// unchanged), and a file whose trailer does not add up is refused whole before anything is written.
/// </summary>
public sealed class ReimportAndRefusalTests
{
    private static readonly DateOnly Due = new(2026, 10, 30);

    // 市民税 2026 periods 3 and 4, 30,000 each, due 2026-10-30.
    //   bank file: line 2 pays period 3 (30,000), line 3 pays 10,000 of period 4, line 4 has a bad check digit (5,000, unmatched).
    //   store file: a 速報 (line 2) and its 確報 (line 3) paying 20,000 of period 4.
    // Imported once: bank booked 2 + unmatched 1; store pending 1 then booked 1. Imported again: all duplicates.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportPayments_SameFilesAgain_AllDuplicatesNothingWritten(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var ids = await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000), new LedgerSeed.Inst(4, Due, 30_000));
        var bank = f.Write(Bank(
        [
            new BankLine("1", Key(ids[0]), 30_000, Due, new DateOnly(2026, 11, 2)),
            new BankLine("2", Key(ids[1]), 10_000, Due, new DateOnly(2026, 11, 2)),
            new BankLine("3", BadKey(ids[1]), 5_000, Due, new DateOnly(2026, 11, 2)),
        ]), "bank.csv");
        var barcode = Barcode(ids[1], 20_000, Due);
        var paidAt = new DateTime(2026, 10, 30, 11, 0, 0);
        var store = f.Write(Store(
        [
            new StoreLine('1', "R1", barcode, 20_000, paidAt, null),
            new StoreLine('2', "R1", barcode, 20_000, paidAt, new DateOnly(2026, 11, 4)),
        ]), "store.csv");
        var firstBank = await f.ImportAsync(bank, "bank");
        var firstStore = await f.ImportAsync(store, "store");
        Assert.Equal((2, 1, 0), (firstBank.Booked, firstBank.Unmatched, firstBank.Duplicate));
        Assert.Equal((1, 1, 0), (firstStore.Pending, firstStore.Booked, firstStore.Duplicate));
        var journal = await f.JournalAsync();
        var payments = await f.PaymentsAsync();
        Assert.Equal(4, payments.Count);
        Assert.Equal(0, (await f.LedgerAsync(ids[1])).PrincipalBalance); // 30,000 − 10,000 − 20,000

        var againBank = await f.ImportAsync(bank, "bank");
        var againStore = await f.ImportAsync(store, "store");

        Assert.Equal((3, 0, 0L, 3, 0, 0, 0), (againBank.Read, againBank.Booked, againBank.BookedAmount, againBank.Duplicate, againBank.Unmatched, againBank.Quarantined, againBank.Overpaid));
        Assert.Equal((2, 0, 0, 2, 0), (againStore.Read, againStore.Booked, againStore.Pending, againStore.Duplicate, againStore.Quarantined));
        Assert.Equal((firstBank.ImportFileId, firstStore.ImportFileId), (againBank.ImportFileId, againStore.ImportFileId));
        Assert.Equal(journal, await f.JournalAsync());
        Assert.Equal(payments.Select(p => (p.Id, p.Status, p.InstallmentId, p.ReceivedOn)), (await f.PaymentsAsync()).Select(p => (p.Id, p.Status, p.InstallmentId, p.ReceivedOn)));
        Assert.Empty(await f.OverpaymentsAsync());
        await using var db = f.Open();
        Assert.Equal(2, await db.ImportFiles.CountAsync());
        Assert.Equal(4, await db.ImportRuns.CountAsync());
    }

    // The same payments re-sent as a new file (another trailer line order, 納付日 written YYYYMMDD): a different
    // SHA-256, but the idempotency keys (bank:{bank}:{branch}:{receipt}:{yyyy-MM-dd}) are the same — still duplicates.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_SamePaymentsInAnotherFile_DuplicatesByIdempotencyKey(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000)))[0];
        var first = await f.ImportAsync(f.Write(Bank([new BankLine("000123", Key(inst), 30_000, Due, new DateOnly(2026, 11, 2))])), "bank");
        var journal = await f.JournalAsync();

        var resent = await f.ImportAsync(f.Write(
        [
            BankHeader,
            $"D,0123,456,000123,{Key(inst)},\"30,000\",20261030,20261102,,",
            "T,,,,,,,,1,30000",
        ]), "bank");

        Assert.NotEqual(first.Sha256, resent.Sha256);
        Assert.Equal((1, 0, 1), (resent.Read, resent.Booked, resent.Duplicate));
        Assert.Equal(journal, await f.JournalAsync());
        Assert.Single(await f.PaymentsAsync());
    }

    // Two data lines (30,000 + 10,000 = 40,000) under a trailer that says 3 records, or 41,000 yen:
    // the whole file is refused before anything is written — no payment, no journal entry, no import file row.
    [Theory]
    [InlineData(StoreProvider.Postgres, 3, 40_000L, "bank.csv:4 件数: トレーラの件数（3件）とデータ行の件数（2件）が一致しません。ファイル全体を取り込みません。")]
    [InlineData(StoreProvider.Sqlite, 3, 40_000L, "bank.csv:4 件数: トレーラの件数（3件）とデータ行の件数（2件）が一致しません。ファイル全体を取り込みません。")]
    [InlineData(StoreProvider.Postgres, 2, 41_000L, "bank.csv:4 合計金額: トレーラの合計金額（41,000円）とデータ行の金額の合計（40,000円）が一致しません。ファイル全体を取り込みません。")]
    [InlineData(StoreProvider.Sqlite, 2, 41_000L, "bank.csv:4 合計金額: トレーラの合計金額（41,000円）とデータ行の金額の合計（40,000円）が一致しません。ファイル全体を取り込みません。")]
    public async Task ImportBank_TrailerDoesNotAddUp_RefusedWholeNothingBooked(StoreProvider provider, int trailerCount, long trailerAmount, string message)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var ids = await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000), new LedgerSeed.Inst(4, Due, 30_000));
        var journal = await f.JournalAsync();
        var path = f.Write(Bank(
        [
            new BankLine("1", Key(ids[0]), 30_000, Due, new DateOnly(2026, 11, 2)),
            new BankLine("2", Key(ids[1]), 10_000, Due, new DateOnly(2026, 11, 2)),
        ], trailerCount, trailerAmount), "bank.csv");

        var refused = await Assert.ThrowsAsync<PaymentFileRefusedException>(() => f.ImportAsync(path, "bank"));

        Assert.Equal([message], refused.Messages);
        Assert.Empty(await f.PaymentsAsync());
        Assert.Equal(journal, await f.JournalAsync());
        await using var db = f.Open();
        Assert.Equal(0, await db.ImportFiles.CountAsync());
        Assert.Equal(0, await db.QuarantinedRecords.CountAsync());
    }

    // The same receipt twice in one file (line 3 repeats line 2): booked once, the repeat a duplicate — whether
    // both lines fall in one batch or in two.
    [Theory]
    [InlineData(StoreProvider.Postgres, 1)]
    [InlineData(StoreProvider.Sqlite, 1)]
    [InlineData(StoreProvider.Postgres, 5_000)]
    [InlineData(StoreProvider.Sqlite, 5_000)]
    public async Task ImportBank_SameReceiptTwiceInFile_BookedOnceThenDuplicate(StoreProvider provider, int batchSize)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000)))[0];
        var line = new BankLine("1", Key(inst), 30_000, Due, new DateOnly(2026, 11, 2));

        var s = await f.ImportAsync(f.Write(Bank([line, line])), "bank", batchSize);

        Assert.Equal((2, 1, 30_000L, 1, 0), (s.Read, s.Booked, s.BookedAmount, s.Duplicate, s.Overpaid));
        Assert.Single(await f.PaymentsAsync());
        Assert.Single(await f.BookedEntriesAsync());
        Assert.Empty(await f.OverpaymentsAsync());
    }

    // A line whose 収入日 is before its 納付日 (line 3) is quarantined with the file, line, field and a Japanese
    // reason; the good line is booked. Imported again, nothing is booked and no second quarantine row is added.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_BadLine_QuarantinedWithReasonOthersBooked(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var ids = await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Due, 30_000), new LedgerSeed.Inst(4, Due, 30_000));
        var path = f.Write(Bank(
        [
            new BankLine("1", Key(ids[0]), 30_000, Due, new DateOnly(2026, 11, 2)),
            new BankLine("2", Key(ids[1]), 30_000, Due, new DateOnly(2026, 10, 29)),
        ]), "bank.csv");

        var s = await f.ImportAsync(path, "bank");

        Assert.Equal((2, 1, 1), (s.Read, s.Booked, s.Quarantined));
        const string reason = "収入日が納付日より前です（収入日は納付日と同じ日かその後です）。";
        Assert.Equal(new ImportError(3, "収入日", reason), Assert.Single(s.Errors));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((long?)ids[0], p.InstallmentId);
        await using var db = f.Open();
        var q = Assert.Single(await db.QuarantinedRecords.ToListAsync());
        Assert.Equal((s.ImportFileId, 3, "収入日", reason), (q.ImportFileId, q.LineNo, q.Field, q.Reason));

        var again = await f.ImportAsync(path, "bank");

        Assert.Equal((0, 1, 1), (again.Booked, again.Duplicate, again.Quarantined));
        Assert.Equal(1, await db.QuarantinedRecords.CountAsync());
        Assert.Single(await f.PaymentsAsync());
    }
}
