using Choshu.App.Imports;
using Choshu.App.Reconciliation;
using Choshu.App.Reports;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Zengin;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// Every payment channel end to end through <see cref="PaymentImport"/>: the file as the channel sends
/// it, the journal entries written (kind, component, amount, value date), the payment row (status,
/// dates, channel, source, idempotency key) and the import summary. Today is 2026-11-26.
/// </summary>
public sealed class PaymentChannelTests
{
    private static readonly DateOnly Sep30 = new(2026, 9, 30);
    private static readonly DateOnly Oct30 = new(2026, 10, 30);

    // 市民税 2026 notice 2026010001: period 3 due 2026-09-30 (Wed) 45,600; period 4 due 2026-10-30 (Fri) 30,000.
    // Bank line 2 pays period 3 in full on its due date (no late fee), received 2026-10-02;
    // line 3 pays 10,000 of period 4 on 2026-10-20, before its due date, received 2026-10-22: 20,000 stays owed.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_FullAndPartialPayment_BooksPrincipalWithPaidOnAndReceivedOn(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var ids = await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001",
            new LedgerSeed.Inst(3, Sep30, 45_600), new LedgerSeed.Inst(4, Oct30, 30_000));
        BankLine[] lines =
        [
            new("000000000001", Key(ids[0]), 45_600, Sep30, new DateOnly(2026, 10, 2)),
            new("000000000002", Key(ids[1]), 10_000, new DateOnly(2026, 10, 20), new DateOnly(2026, 10, 22)),
        ];
        var path = f.Write(Bank(lines), "bank.csv");

        var s = await f.ImportAsync(path, "bank");

        Assert.Equal((2, 2, 55_600L, 0, 0, 0, 0, 0, 0, 0), (s.Read, s.Booked, s.BookedAmount, s.Duplicate, s.Unmatched, s.Quarantined, s.Overpaid, s.Pending, s.Cancelled, s.DebitFailures));
        var payments = await f.PaymentsAsync();
        Assert.Equal(2, payments.Count);
        var (p1, p2) = (payments[0], payments[1]);
        Assert.Equal((PaymentChannel.Bank, PaymentStatus.Booked, ids[0], 45_600L, Sep30, (DateOnly?)new DateOnly(2026, 10, 2)),
            (p1.Channel, p1.Status, p1.InstallmentId!.Value, p1.Amount, p1.PaidOn, p1.ReceivedOn));
        Assert.Equal(("0123-456", "bank:0123:456:000000000001:2026-09-30", BankData(lines[0]), 2, (long?)s.ImportFileId, Key(ids[0])),
            (p1.SourceCode, p1.IdempotencyKey, p1.RawRecord, p1.SourceLine!.Value, p1.ImportFileId, p1.RawKey));
        Assert.Equal((PaymentStatus.Booked, ids[1], 10_000L, new DateOnly(2026, 10, 20), (DateOnly?)new DateOnly(2026, 10, 22)),
            (p2.Status, p2.InstallmentId!.Value, p2.Amount, p2.PaidOn, p2.ReceivedOn));

        var entries = await f.BookedEntriesAsync();
        Assert.Equal(
        [
            new Expected(ids[0], JournalEntryKind.Payment, LedgerComponent.Principal, -45_600, Sep30, "payment", p1.Id),
            new Expected(ids[1], JournalEntryKind.Payment, LedgerComponent.Principal, -10_000, new DateOnly(2026, 10, 20), "payment", p2.Id),
        ], entries.Select(Expected.Of));
        Assert.All(entries, e => Assert.Equal(s.ImportFileId, e.ImportFileId));
        Assert.Equal([2, 3], entries.Select(e => e.SourceLine!.Value));
        Assert.Equal(0, (await f.LedgerAsync(ids[0])).PrincipalBalance);
        Assert.Equal(20_000, (await f.LedgerAsync(ids[1])).PrincipalBalance); // 30,000 − 10,000
        Assert.Empty(await f.OverpaymentsAsync());
    }

    // 市民税 2026 period 3: 12,300 due 2026-10-30. A 速報 of a slip paid 2026-10-29 10:15 at a store: the
    // installment is paid-pending — a Pending payment with no 収入日, nothing in the journal, the principal
    // still owed, and the daily report lists it under 速報 for 2026-10-29.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportStore_Preliminary_PendingPaymentAndNoJournalEntry(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Oct30, 12_300)))[0];
        var barcode = Barcode(inst, 12_300, Oct30);

        var s = await f.ImportAsync(f.Write(Store([new StoreLine('1', "R0001", barcode, 12_300, new DateTime(2026, 10, 29, 10, 15, 0), null)]), "store.csv"), "store");

        Assert.Equal((1, 0, 0L, 1, 0, 0, 0), (s.Read, s.Booked, s.BookedAmount, s.Pending, s.Cancelled, s.Unmatched, s.Quarantined));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentChannel.Store, PaymentStatus.Pending, (long?)inst, 12_300L, new DateOnly(2026, 10, 29), (DateOnly?)null),
            (p.Channel, p.Status, p.InstallmentId, p.Amount, p.PaidOn, p.ReceivedOn));
        Assert.Equal(($"store:AB123:0001234:R0001:{barcode}", "AB123-0001234", barcode), (p.IdempotencyKey, p.SourceCode, p.RawKey));
        Assert.Empty(await f.BookedEntriesAsync());
        Assert.Equal(12_300, (await f.LedgerAsync(inst)).PrincipalBalance);
        await using var db = f.Open();
        var daily = await DailyReportQuery.LoadAsync(db, new DateOnly(2026, 10, 29));
        var pending = Assert.Single(daily.Pending);
        Assert.Equal((PaymentChannel.Store, 1, 12_300L), (pending.Channel, pending.Count, pending.Amount));
        Assert.Empty(daily.Booked);
    }

    // The 速報 of 2026-10-29 (file 1), then its 確報 with 収入日 2026-11-04 (file 2): the same payment row
    // becomes Booked with that 収入日, and one entry Payment/Principal −12,300 valued on the 納付日 2026-10-29.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportStore_FinalAfterPreliminary_BooksSamePaymentWithReceivedOn(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Oct30, 12_300)))[0];
        var barcode = Barcode(inst, 12_300, Oct30);
        var paidAt = new DateTime(2026, 10, 29, 10, 15, 0);
        await f.ImportAsync(f.Write(Store([new StoreLine('1', "R0001", barcode, 12_300, paidAt, null)]), "sokuho.csv"), "store");
        var pendingId = Assert.Single(await f.PaymentsAsync()).Id;

        var s = await f.ImportAsync(f.Write(Store([new StoreLine('2', "R0001", barcode, 12_300, paidAt, new DateOnly(2026, 11, 4))]), "kakuho.csv"), "store");

        Assert.Equal((1, 1, 12_300L, 0, 0, 0), (s.Read, s.Booked, s.BookedAmount, s.Pending, s.Duplicate, s.Quarantined));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((pendingId, PaymentStatus.Booked, (long?)inst, new DateOnly(2026, 10, 29), (DateOnly?)new DateOnly(2026, 11, 4)),
            (p.Id, p.Status, p.InstallmentId, p.PaidOn, p.ReceivedOn));
        var e = Assert.Single(await f.BookedEntriesAsync());
        Assert.Equal(new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -12_300, new DateOnly(2026, 10, 29), "payment", pendingId), Expected.Of(e));
        Assert.Equal((s.ImportFileId, 2), (e.ImportFileId!.Value, e.SourceLine!.Value));
        Assert.Equal(0, (await f.LedgerAsync(inst)).PrincipalBalance);
    }

    // A 速報 then its 速報取消: the payment is Cancelled, nothing is booked; a 確報 arriving afterwards for
    // the cancelled payment is quarantined (a clerk asks the store company), still nothing booked.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportStore_CancelOfPreliminary_CancelledAndNothingBooked(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Oct30, 12_300)))[0];
        var barcode = Barcode(inst, 12_300, Oct30);
        var paidAt = new DateTime(2026, 10, 29, 10, 15, 0);
        await f.ImportAsync(f.Write(Store([new StoreLine('1', "R0001", barcode, 12_300, paidAt, null)]), "sokuho.csv"), "store");

        var s = await f.ImportAsync(f.Write(Store([new StoreLine('3', "R0001", barcode, 12_300, paidAt, null)]), "torikeshi.csv"), "store");

        Assert.Equal((1, 0, 1, 0), (s.Read, s.Booked, s.Cancelled, s.Quarantined));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentStatus.Cancelled, (DateOnly?)null), (p.Status, p.ReceivedOn));
        Assert.Empty(await f.BookedEntriesAsync());
        Assert.Equal(12_300, (await f.LedgerAsync(inst)).PrincipalBalance);

        var late = await f.ImportAsync(f.Write(Store([new StoreLine('2', "R0001", barcode, 12_300, paidAt, new DateOnly(2026, 11, 4))]), "kakuho.csv"), "store");

        Assert.Equal((0, 1), (late.Booked, late.Quarantined));
        Assert.Equal(new ImportError(2, "区分", "速報取消済みの収納に確報がありました。収納代行業者に確認してください。"), Assert.Single(late.Errors));
        Assert.Equal(PaymentStatus.Cancelled, Assert.Single(await f.PaymentsAsync()).Status);
        Assert.Empty(await f.BookedEntriesAsync());
    }

    // A 確報 with no 速報 before it (the store company sent only the final report) books like any payment.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportStore_FinalWithoutPreliminary_Books(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Oct30, 12_300)))[0];
        var barcode = Barcode(inst, 12_300, Oct30);

        var s = await f.ImportAsync(f.Write(Store([new StoreLine('2', "R0002", barcode, 12_300, new DateTime(2026, 10, 29, 18, 40, 0), new DateOnly(2026, 11, 4))]), "kakuho.csv"), "store");

        Assert.Equal((1, 1, 12_300L, 0), (s.Read, s.Booked, s.BookedAmount, s.Pending));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentChannel.Store, PaymentStatus.Booked, (long?)inst, new DateOnly(2026, 10, 29), (DateOnly?)new DateOnly(2026, 11, 4), $"store:AB123:0001234:R0002:{barcode}"),
            (p.Channel, p.Status, p.InstallmentId, p.PaidOn, p.ReceivedOn, p.IdempotencyKey));
        var e = Assert.Single(await f.BookedEntriesAsync());
        Assert.Equal(new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -12_300, new DateOnly(2026, 10, 29), "payment", p.Id), Expected.Of(e));
    }

    // 速報 (line 2) and 確報 (line 3) in one file book the payment; a later 速報取消 of it (file 2, line 2) is
    // quarantined with its reason, in quarantined_records too, and the booking stands untouched.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportStore_CancelAfterFinal_Quarantined(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(3, Oct30, 12_300)))[0];
        var barcode = Barcode(inst, 12_300, Oct30);
        var paidAt = new DateTime(2026, 10, 29, 10, 15, 0);
        var first = await f.ImportAsync(f.Write(Store(
        [
            new StoreLine('1', "R0001", barcode, 12_300, paidAt, null),
            new StoreLine('2', "R0001", barcode, 12_300, paidAt, new DateOnly(2026, 11, 4)),
        ]), "both.csv"), "store");
        Assert.Equal((2, 1, 1), (first.Read, first.Pending, first.Booked));
        var journal = await f.JournalAsync();

        var s = await f.ImportAsync(f.Write(Store([new StoreLine('3', "R0001", barcode, 12_300, paidAt, null)]), "torikeshi.csv"), "store");

        Assert.Equal((1, 0, 0, 1), (s.Read, s.Booked, s.Cancelled, s.Quarantined));
        const string reason = "確報済みの収納は速報取消できません。収納の取消（payment reverse）で処理してください。";
        Assert.Equal(new ImportError(2, "区分", reason), Assert.Single(s.Errors));
        await using var db = f.Open();
        var q = Assert.Single(await db.QuarantinedRecords.Where(r => r.ImportFileId == s.ImportFileId).ToListAsync());
        Assert.Equal((2, "区分", reason), (q.LineNo, q.Field, q.Reason));
        Assert.Contains(barcode, q.RawLine);
        Assert.Equal(PaymentStatus.Booked, Assert.Single(await f.PaymentsAsync()).Status);
        Assert.Equal(journal, await f.JournalAsync());
    }

    // 固定資産税 2026 period 3 (8,000), period 4 (15,000), period 5 (23,000), all due 2026-10-27 (Tue), the debit date.
    // The bank's result file (header 1027, read on 2026-11-26 → 2026-10-27):
    //   record 2: period 3, 8,000, code 0 (振替済)            → booked
    //   record 3: period 4, 15,000, code 1 (資金不足)          → debit failure
    //   record 4: period 5, 23,000, code 2 (取引なし)          → debit failure
    //   record 5: a key of no installment, 5,000, code 3        → debit failure, installment null
    // Trailer 4 / 51,000; debited 1 / 8,000; failed 3 / 43,000.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportZengin_DebitedAndFailed_BooksDebitedRecordsFailuresWithCodes(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var debitDay = new DateOnly(2026, 10, 27);
        var ids = await f.InstallmentsAsync(TaxKindCodes.FixedAssetTax, 2026, "2026020001",
            new LedgerSeed.Inst(3, debitDay, 8_000), new LedgerSeed.Inst(4, debitDay, 15_000), new LedgerSeed.Inst(5, debitDay, 23_000));
        var nobody = Key(9_999_999);
        ZenginResultLine[] lines =
        [
            new(Key(ids[0]), 8_000, ZenginResultCode.Debited),
            new(Key(ids[1]), 15_000, ZenginResultCode.InsufficientFunds),
            new(Key(ids[2]), 23_000, ZenginResultCode.NoSuchAccount),
            new(nobody, 5_000, ZenginResultCode.StoppedByDepositor, "0789", "012"),
        ];
        var path = f.WriteBytes(ZenginResult(ZenginHeaderFor1027, lines), "result.txt");

        var s = await f.ImportAsync(path, "zengin");

        Assert.Equal((4, 1, 8_000L, 0, 0, 3), (s.Read, s.Booked, s.BookedAmount, s.Unmatched, s.Quarantined, s.DebitFailures));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentChannel.DirectDebit, PaymentStatus.Booked, (long?)ids[0], 8_000L, debitDay, (DateOnly?)debitDay),
            (p.Channel, p.Status, p.InstallmentId, p.Amount, p.PaidOn, p.ReceivedOn));
        Assert.Equal(("0123-456", $"zengin:2026-10-27:{Key(ids[0])}", 2), (p.SourceCode, p.IdempotencyKey, p.SourceLine!.Value));
        var e = Assert.Single(await f.BookedEntriesAsync());
        Assert.Equal(new Expected(ids[0], JournalEntryKind.Payment, LedgerComponent.Principal, -8_000, debitDay, "payment", p.Id), Expected.Of(e));

        await using var db = f.Open();
        var failures = (await db.DebitFailures.AsNoTracking().ToListAsync()).OrderBy(x => x.SourceLine)
            .Select(x => (x.InstallmentId, x.CustomerNo, x.Amount, x.ResultCode, x.DebitDate, x.SourceLine, x.SourceCode!, x.ImportFileId)).ToList();
        Assert.Equal(
        [
            (ids[1], Key(ids[1]), 15_000L, (short)1, debitDay, 3, "0123-456", s.ImportFileId),
            (ids[2], Key(ids[2]), 23_000L, (short)2, debitDay, 4, "0123-456", s.ImportFileId),
            ((long?)null, nobody, 5_000L, (short)3, debitDay, 5, "0789-012", s.ImportFileId),
        ], failures);
        Assert.Equal(15_000, (await f.LedgerAsync(ids[1])).PrincipalBalance);
        Assert.Equal(23_000, (await f.LedgerAsync(ids[2])).PrincipalBalance);

        // The same result file again records no failure twice and books nothing.
        var again = await f.ImportAsync(f.WriteBytes(ZenginResult(ZenginHeaderFor1027, lines), "result.txt"), "zengin");
        Assert.Equal((0, 1), (again.Booked, again.Duplicate));
        Assert.Equal(3, await db.DebitFailures.CountAsync());
        Assert.Single(await f.BookedEntriesAsync());
    }

    // 軽自動車税 2026 period 1: 10,800 due 2026-06-01 (Mon), paid through eLTAX on 2026-06-20, transferred 2026-06-23.
    // Late: 2026-06-02..06-20 = 19 days at 2.8% on 10,000 (10,800 truncated to the 1,000 yen)
    //   = 10,000 × 0.028 × 19 / 365 = 14.5 → 14 yen → under 1,000 → 0: no late-fee entry.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportEltax_LatePaymentUnderLateFeeFloor_BooksPrincipalOnly(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.LightVehicleTax, 2026, "2026030001", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 1), 10_800)))[0];
        var line = new EltaxLine("EL-2026-000001", Key(inst), 10_800, new DateOnly(2026, 6, 20), new DateOnly(2026, 6, 23), "スマホ決済");

        var s = await f.ImportAsync(f.Write(Eltax([line]), "eltax.csv"), "eltax");

        Assert.Equal((1, 1, 10_800L, 0, 0), (s.Read, s.Booked, s.BookedAmount, s.Overpaid, s.Quarantined));
        var p = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentChannel.Eltax, PaymentStatus.Booked, (long?)inst, new DateOnly(2026, 6, 20), (DateOnly?)new DateOnly(2026, 6, 23)),
            (p.Channel, p.Status, p.InstallmentId, p.PaidOn, p.ReceivedOn));
        Assert.Equal(("スマホ決済", "eltax:EL-2026-000001", EltaxData(line)), (p.SourceCode, p.IdempotencyKey, p.RawRecord));
        var e = Assert.Single(await f.BookedEntriesAsync());
        Assert.Equal(new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -10_800, new DateOnly(2026, 6, 20), "payment", p.Id), Expected.Of(e));
        var ledger = await f.LedgerAsync(inst);
        Assert.Equal((0L, 0L), (ledger.PrincipalBalance, ledger.LateFeeCharged));
    }

    // 市民税 2026 period 4: 5,000 due 2026-11-30. Counter receipts typed elsewhere (no trailer): C-0001 pays
    // 3,000 on 2026-11-24, C-0002 the remaining 2,000 on 2026-11-25. 納付日 = 収入日 (money taken at the counter).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportCounter_TwoReceipts_BooksEachWithReceivedOnEqualPaidOn(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var inst = (await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(4, new DateOnly(2026, 11, 30), 5_000)))[0];
        var (d24, d25) = (new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25));

        var s = await f.ImportAsync(f.Write(Counter([new("C-0001", Key(inst), 3_000, d24), new("C-0002", Key(inst), 2_000, d25)]), "counter.csv"), "counter");

        Assert.Equal((2, 2, 5_000L, 0), (s.Read, s.Booked, s.BookedAmount, s.Quarantined));
        var payments = await f.PaymentsAsync();
        Assert.Equal(
        [
            (PaymentChannel.Counter, PaymentStatus.Booked, (long?)inst, 3_000L, d24, (DateOnly?)d24, (string?)null, "counter:C-0001"),
            (PaymentChannel.Counter, PaymentStatus.Booked, (long?)inst, 2_000L, d25, (DateOnly?)d25, (string?)null, "counter:C-0002"),
        ], payments.Select(p => (p.Channel, p.Status, p.InstallmentId, p.Amount, p.PaidOn, p.ReceivedOn, p.SourceCode, p.IdempotencyKey)).ToList());
        Assert.Equal(
        [
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -3_000, d24, "payment", payments[0].Id),
            new Expected(inst, JournalEntryKind.Payment, LedgerComponent.Principal, -2_000, d25, "payment", payments[1].Id),
        ], (await f.BookedEntriesAsync()).Select(Expected.Of));
        Assert.Equal(0, (await f.LedgerAsync(inst)).PrincipalBalance);
    }
}
