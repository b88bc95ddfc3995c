using System.Text;
using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Cli.Tests;

/// <summary>
/// The payment commands as staff run them: <c>choshu pay</c>, <c>import payments --json</c> (summary,
/// refusal exit 2, quarantine exit 3), <c>unmatched list|match</c>, <c>payment reverse</c> and both
/// reports as JSON. One taxpayer; 市民税 2026 notice 2026010001: period 2 20,000 due 2026-09-30, period 3
/// 30,000 due 2026-10-30. Today 2026-11-26 (JST).
/// </summary>
public sealed class PaymentCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-cli-pay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateOnly Sep30 = new(2026, 9, 30);
    private static readonly DateOnly Oct30 = new(2026, 10, 30);

    private static async Task<(TestStore Store, long P2, long P3)> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var taxpayer = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        var ids = await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001",
            new LedgerSeed.Inst(2, Sep30, 20_000), new LedgerSeed.Inst(3, Oct30, 30_000));
        return (store, ids[0], ids[1]);
    }

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    private string WriteFile(IEnumerable<string> lines, string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
        return path;
    }

    // 25,000 at the counter on 2026-09-30 against period 2 (20,000): Payment/Principal −20,000 on 09-30 and an
    // overpayment of 5,000; the payment is the counter channel with 納付日 = 収入日. The same receipt number
    // again is a duplicate: the same payment id, nothing more written.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Pay_CounterPaymentWithReceiptNo_BooksOnceSecondIsDuplicate(StoreProvider provider)
    {
        var (store, p2, _) = await SeedAsync(provider);
        await using var owned = store;

        // 5,000 beyond what is owed: refused without the clerk's confirmation, nothing booked.
        var (refused, _, refusal) = await RunAsync(store, "pay", "--notice-no", "2026010001", "--period", "2", "--amount", "25000", "--date", "2026-09-30", "--receipt-no", "R-0001");
        Assert.Equal(3, refused);
        Assert.Contains("5,000円 が過誤納になります", refusal);
        await using (var db = store.Open())
            Assert.Equal(0, await db.Payments.CountAsync());

        var (code, output, error) = await RunAsync(store, "pay", "--notice-no", "2026010001", "--period", "2", "--amount", "25000", "--date", "2026-09-30", "--receipt-no", "R-0001", "--confirm-overpayment", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("booked", 25_000L, 5_000L, Key(p2)),
            (json.GetProperty("outcome").GetString(), json.GetProperty("amount").GetInt64(), json.GetProperty("overpaid").GetInt64(), json.GetProperty("matchKey").GetString()));
        var paymentId = json.GetProperty("paymentId").GetInt64();
        await using (var db = store.Open())
        {
            var p = await db.Payments.SingleAsync();
            Assert.Equal((paymentId, PaymentChannel.Counter, PaymentStatus.Booked, (long?)p2, 25_000L, Sep30, (DateOnly?)Sep30, "窓口", "counter:R-0001", (long?)null),
                (p.Id, p.Channel, p.Status, p.InstallmentId, p.Amount, p.PaidOn, p.ReceivedOn, p.SourceCode, p.IdempotencyKey, p.ImportFileId));
            // The 20,000 on the principal, the 5,000 beyond it on the overpayment account.
            var entries = await db.JournalEntries.Where(j => j.PaymentId == paymentId).OrderBy(j => j.Id).ToListAsync();
            Assert.Equal(
                [(p2, JournalEntryKind.Payment, LedgerComponent.Principal, -20_000L, Sep30), (p2, JournalEntryKind.Payment, LedgerComponent.Overpayment, -5_000L, Sep30)],
                entries.Select(e => (e.InstallmentId, e.Kind, e.Component, e.Amount, e.ValueDate)));
            var o = await db.Overpayments.SingleAsync();
            Assert.Equal((paymentId, 5_000L, OverpaymentReason.OverPayment), (o.PaymentId, o.Amount, o.Reason));
        }

        var (again, againOut, _) = await RunAsync(store, "pay", "--notice-no", "2026010001", "--period", "2", "--amount", "25000", "--date", "2026-09-30", "--receipt-no", "R-0001");

        Assert.Equal(0, again);
        Assert.Contains($"領収番号 R-0001 は既に消込済みです（収納 {paymentId}）。二重計上はしていません。", againOut);
        await using var check = store.Open();
        Assert.Equal((1, 4, 1), (await check.Payments.CountAsync(), await check.JournalEntries.CountAsync(), await check.Overpayments.CountAsync()));
    }

    // One receipt at the counter for period 2 (20,000 owed on 2026-09-30, no amount given) and 10,000 of period 3, with
    // 50,000 handed over: 合計 30,000, おつり 20,000. The day is closed (2 payments, 30,000); 5,000 more paid on 2026-09-30
    // and entered afterwards is counted on a later 収入日, and the closed day's report still says 30,000.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task PayInstallments_WithTenderedThenDayClose_ChangeAndLateEntryOnLaterDay(StoreProvider provider)
    {
        var (store, _, _) = await SeedAsync(provider);
        await using var owned = store;

        var (code, output, error) = await RunAsync(store, "pay", "--installment", "2026010001:2", "--installment", "2026010001:3:10000", "--tendered", "50000",
            "--date", "2026-09-30", "--receipt-no", "R-5", "--json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal((30_000L, 50_000L, 20_000L, "2026-09-30"), (json.GetProperty("total").GetInt64(), json.GetProperty("tendered").GetInt64(),
            json.GetProperty("change").GetInt64(), json.GetProperty("receivedOn").GetString()));

        var (closed, closeOut, closeErr) = await RunAsync(store, "day", "close", "--date", "2026-09-30");
        Assert.True(closed == 0, closeErr);
        Assert.Contains("消込済 2 件 30,000 円", closeOut);

        var (late, lateOut, lateErr) = await RunAsync(store, "pay", "--installment", "2026010001:3:5000", "--date", "2026-09-30", "--json");
        Assert.True(late == 0, lateErr);
        Assert.NotEqual("2026-09-30", JsonDocument.Parse(lateOut).RootElement.GetProperty("receivedOn").GetString());
        var (_, daily, _) = await RunAsync(store, "report", "daily", "--date", "2026-09-30", "--json");
        Assert.Equal(30_000L, JsonDocument.Parse(daily).RootElement.GetProperty("bookedTotal").GetProperty("amount").GetInt64());
    }

    // A bank file: line 2 pays period 2 in full (20,000), line 3 pays period 3 with 31,000 (1,000 overpaid),
    // line 4 carries a key with a wrong check digit (4,000, unmatched). The JSON summary gives every count.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ImportPayments_BankJson_SummaryCountsAndAmounts(StoreProvider provider)
    {
        var (store, p2, p3) = await SeedAsync(provider);
        await using var owned = store;
        var path = WriteFile(Bank(
        [
            new BankLine("1", Key(p2), 20_000, Sep30, new DateOnly(2026, 10, 2)),
            new BankLine("2", Key(p3), 31_000, Oct30, new DateOnly(2026, 11, 2)),
            new BankLine("3", BadKey(p3), 4_000, Oct30, new DateOnly(2026, 11, 2)),
        ]), "bank.csv");

        var (code, output, error) = await RunAsync(store, "import", "payments", "--format", "bank", path, "--json");

        Assert.True(code == 0, error);
        var j = JsonDocument.Parse(output).RootElement;
        Assert.Equal((3, 2, 51_000L, 0, 1, 4_000L, 0, 1, 1_000L),
            (j.GetProperty("read").GetInt32(), j.GetProperty("booked").GetInt32(), j.GetProperty("bookedAmount").GetInt64(), j.GetProperty("duplicate").GetInt32(),
             j.GetProperty("unmatched").GetInt32(), j.GetProperty("unmatchedAmount").GetInt64(), j.GetProperty("quarantined").GetInt32(),
             j.GetProperty("overpaid").GetInt32(), j.GetProperty("overpaidAmount").GetInt64()));
        Assert.Equal(("bank.csv", "bank"), (j.GetProperty("file").GetString(), j.GetProperty("format").GetString()));

        var (again, againOut, _) = await RunAsync(store, "import", "payments", "--format", "bank", path, "--json");
        Assert.Equal(0, again);
        var a = JsonDocument.Parse(againOut).RootElement;
        Assert.Equal((3, 0, 3, 0), (a.GetProperty("read").GetInt32(), a.GetProperty("booked").GetInt32(), a.GetProperty("duplicate").GetInt32(), a.GetProperty("unmatched").GetInt32()));
        await using var db = store.Open();
        Assert.Equal(3, await db.Payments.CountAsync());
    }

    // The trailer says 3 records for 2 lines: exit 2, {"refused": true} with the message, nothing in payments
    // or the journal.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ImportPayments_TrailerCountWrong_ExitsTwoNothingBooked(StoreProvider provider)
    {
        var (store, p2, p3) = await SeedAsync(provider);
        await using var owned = store;
        var path = WriteFile(Bank([new BankLine("1", Key(p2), 20_000, Sep30, Sep30), new BankLine("2", Key(p3), 30_000, Oct30, Oct30)], trailerCount: 3), "bank.csv");

        var (code, output, error) = await RunAsync(store, "import", "payments", "--format", "bank", path, "--json");

        Assert.Equal(2, code);
        var j = JsonDocument.Parse(output).RootElement;
        Assert.True(j.GetProperty("refused").GetBoolean());
        Assert.Equal("bank.csv:4 件数: トレーラの件数（3件）とデータ行の件数（2件）が一致しません。ファイル全体を取り込みません。", Assert.Single(j.GetProperty("errors").EnumerateArray()).GetString());
        Assert.Contains("ファイル全体を受け付けませんでした。消込は行っていません。", error);
        await using var db = store.Open();
        Assert.Equal((0, 2), (await db.Payments.CountAsync(), await db.JournalEntries.CountAsync()));
    }

    // 速報 + 確報 of period 3 booked; then a file with the 速報取消 of it: exit 3 and the quarantine line on stderr.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ImportPayments_StoreCancelAfterFinal_ExitsThreeWithReason(StoreProvider provider)
    {
        var (store, _, p3) = await SeedAsync(provider);
        await using var owned = store;
        var barcode = Barcode(p3, 30_000, Oct30);
        var paidAt = new DateTime(2026, 10, 29, 9, 30, 0);
        var (first, _, _) = await RunAsync(store, "import", "payments", "--format", "store", WriteFile(Store(
            [new StoreLine('1', "R9", barcode, 30_000, paidAt, null), new StoreLine('2', "R9", barcode, 30_000, paidAt, new DateOnly(2026, 11, 4))]), "store.csv"));
        Assert.Equal(0, first);

        var (code, _, error) = await RunAsync(store, "import", "payments", "--format", "store", WriteFile(Store([new StoreLine('3', "R9", barcode, 30_000, paidAt, null)]), "cancel.csv"));

        Assert.Equal(3, code);
        Assert.Contains("cancel.csv:2 区分: 確報済みの収納は速報取消できません。収納の取消（payment reverse）で処理してください。", error);
        await using var db = store.Open();
        Assert.Equal(PaymentStatus.Booked, (await db.Payments.SingleAsync()).Status);
    }

    // A bank payment of 30,000 (paid 2026-10-30, received 11-02) with a mistyped key waits in the queue:
    // `unmatched list --json` shows it with its raw line; `unmatched match` books it to period 3;
    // `payment reverse` puts it back, with a reversal entry linked to the payment entry.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task UnmatchedListMatchThenPaymentReverse_BadKey_QueuedBookedAndReversed(StoreProvider provider)
    {
        var (store, _, p3) = await SeedAsync(provider);
        await using var owned = store;
        var line = new BankLine("000000000042", BadKey(p3), 30_000, Oct30, new DateOnly(2026, 11, 2));
        await RunAsync(store, "import", "payments", "--format", "bank", WriteFile(Bank([line]), "bank.csv"));

        var (listCode, listOut, _) = await RunAsync(store, "unmatched", "list", "--json");

        Assert.Equal(0, listCode);
        var row = Assert.Single(JsonDocument.Parse(listOut).RootElement.EnumerateArray());
        Assert.Equal((30_000L, BadKey(p3), BankData(line), "2026-10-30", "2026-11-02", "bank"),
            (row.GetProperty("amount").GetInt64(), row.GetProperty("rawKey").GetString(), row.GetProperty("raw").GetString(),
             row.GetProperty("paidOn").GetString(), row.GetProperty("receivedOn").GetString(), row.GetProperty("channel").GetString()));
        var id = row.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (matchCode, matchOut, matchErr) = await RunAsync(store, "unmatched", "match", id, "--notice-no", "2026010001", "--period", "3", "--comment", "納付書で確認");

        Assert.True(matchCode == 0, matchErr);
        Assert.Contains($"収納 {id} の 30,000 円を通知書番号 2026010001 第3期に消し込みました。", matchOut);
        long entryId;
        await using (var db = store.Open())
        {
            var p = await db.Payments.SingleAsync();
            Assert.Equal((PaymentStatus.Booked, (long?)p3), (p.Status, p.InstallmentId));
            var e = await db.JournalEntries.SingleAsync(j => j.PaymentId == p.Id);
            Assert.Equal((JournalEntryKind.Payment, LedgerComponent.Principal, -30_000L, Oct30), (e.Kind, e.Component, e.Amount, e.ValueDate));
            entryId = e.Id;
        }
        var (emptyCode, emptyOut, _) = await RunAsync(store, "unmatched", "list", "--json");
        Assert.Equal((0, 0), (emptyCode, JsonDocument.Parse(emptyOut).RootElement.GetArrayLength()));

        var (revCode, revOut, revErr) = await RunAsync(store, "payment", "reverse", id, "--reason", "誤消込");

        Assert.True(revCode == 0, revErr);
        Assert.Contains($"収納 {id} の消込を取り消しました（取消仕訳 1 件）。未消込に戻しました。", revOut);
        await using var check = store.Open();
        var r = await check.JournalEntries.SingleAsync(j => j.Kind == JournalEntryKind.Reversal);
        Assert.Equal(((long?)entryId, 30_000L, Oct30, "誤消込"), (r.ReversesEntryId, r.Amount, r.ValueDate, r.Comment));
        Assert.Equal(PaymentStatus.Unmatched, (await check.Payments.SingleAsync()).Status);
        var (reverseAgain, _, againErr) = await RunAsync(store, "payment", "reverse", id, "--reason", "再度");
        Assert.Equal(2, reverseAgain);
        Assert.Contains("消込済みではないため取り消せません", againErr);
    }

    // After the bank file of the summary test: `report daily --date 2026-11-02 --json` gives period 3's 31,000 as
    // principal 30,000 + overpaid 1,000 and the unmatched 4,000; `report collection --fiscal-year 2026 --json`
    // gives 市民税 assessed 50,000, collected 50,000, balance 0.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Reports_AfterBankImport_JsonAgreesWithBookings(StoreProvider provider)
    {
        var (store, p2, p3) = await SeedAsync(provider);
        await using var owned = store;
        await RunAsync(store, "import", "payments", "--format", "bank", WriteFile(Bank(
        [
            new BankLine("1", Key(p2), 20_000, Sep30, new DateOnly(2026, 10, 2)),
            new BankLine("2", Key(p3), 31_000, Oct30, new DateOnly(2026, 11, 2)),
            new BankLine("3", BadKey(p3), 4_000, Oct30, new DateOnly(2026, 11, 2)),
        ]), "bank.csv"));

        var (dailyCode, dailyOut, _) = await RunAsync(store, "report", "daily", "--date", "2026-11-02", "--json");

        Assert.Equal(0, dailyCode);
        var daily = JsonDocument.Parse(dailyOut).RootElement;
        var booked = Assert.Single(daily.GetProperty("booked").EnumerateArray());
        Assert.Equal((1, 31_000L, 30_000L, 0L, 0L, 1_000L),
            (booked.GetProperty("count").GetInt32(), booked.GetProperty("amount").GetInt64(), booked.GetProperty("principal").GetInt64(),
             booked.GetProperty("reminderFee").GetInt64(), booked.GetProperty("lateFee").GetInt64(), booked.GetProperty("overpaid").GetInt64()));
        var unmatched = Assert.Single(daily.GetProperty("unmatched").EnumerateArray());
        Assert.Equal((1, 4_000L), (unmatched.GetProperty("count").GetInt32(), unmatched.GetProperty("amount").GetInt64()));

        var (collCode, collOut, _) = await RunAsync(store, "report", "collection", "--fiscal-year", "2026", "--json");

        Assert.Equal(0, collCode);
        var line = Assert.Single(JsonDocument.Parse(collOut).RootElement.GetProperty("lines").EnumerateArray());
        Assert.Equal(("01", "current", 50_000L, 50_000L, 0L),
            (line.GetProperty("taxKindCode").GetString(), line.GetProperty("bucket").GetString(), line.GetProperty("assessed").GetInt64(),
             line.GetProperty("collected").GetInt64(), line.GetProperty("balance").GetInt64()));
    }
}
