using System.Text.Json;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Zengin;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu debit request</c> for the debit date Mon 2026-11-30, default settings (委託者コード 1234567890,
/// 委託者名 ｶｺﾞｼﾏｼ). Installments due that day (fixed ids, so the customer numbers can be checked):
/// <list type="bullet">
/// <item>A: 市民税 2001, 45,000 unpaid; 固定資産税 2002, 60,000 of which 20,000 paid 2026-11-10 (balance
/// 40,000); both registered to 0185-012 普通 1234567 ｶｺﾞｼﾏ ﾀﾛｳ since 2020-04-01. A's 市民税 2003 due
/// 2026-12-25 is not due on the date.</item>
/// <item>B: 市民税 2004, 30,000, no registration.</item>
/// <item>C: 軽自動車税 2005, 10,800, registered to 0587-101 当座 0007001 ｻﾂﾏｹﾝｾﾂ(ｶ.</item>
/// <item>D: 市民税 2006, 20,000: the registration at 0185-200 ended on 2026-11-30 (not in force that day), the new
/// one at 0587-300 普通 1111111 started on 2026-11-30 (in force).</item>
/// <item>E: 市民税 2007, 15,000: registered only from 2026-12-01.</item>
/// <item>F: 市民税 2008, 12,000, registered at 0185-012, paid in full on 2026-11-20: nothing to debit.</item>
/// </list>
/// So bank 0185 debits 2001 (45,000) and 2002 (40,000) = 2 records, 85,000; bank 0587 debits 2005 (10,800) and
/// 2006 (20,000) = 2 records, 30,800. Everything: 4 records, 115,800.
/// </summary>
public sealed class DebitRequestCommandTests : IDisposable
{
    private static readonly DateOnly DebitDate = new(2026, 11, 30);
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-debit-").FullName;

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var now = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
        var taxpayers = new Dictionary<char, Taxpayer>();
        foreach (var (letter, kana) in new[] { ('A', "カゴシマ　タロウ"), ('B', "サクラジマ　ハナコ"), ('C', "カブシキガイシャ　サツマケンセツ"), ('D', "タニヤマ　ジロウ"), ('E', "イシキ　サブロウ"), ('F', "ヨシノ　シロウ") })
        {
            var t = new Taxpayer
            {
                TaxpayerNo = "100000000" + (letter - 'A' + 1),
                Facts = new TaxpayerFacts { NameKanji = "試験　" + letter, NameKana = kana, TownName = "鹿児島県鹿児島市山下町" },
                HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            taxpayers[letter] = t;
            db.Taxpayers.Add(t);
        }
        await db.SaveChangesAsync();

        var serial = 0;
        void Installment(char who, string kind, long id, DateOnly due) => db.Assessments.Add(new Assessment
        {
            TaxpayerId = taxpayers[who].Id, TaxKindCode = kind, FiscalYear = 2026, LiabilityYear = 2026,
            NoticeNo = $"2026{kind}{++serial:D7}", CreatedAtUtc = now,
            Installments = [new Installment { Id = id, Period = 1, NominalDueDate = due, DueDate = due, StatutoryDueDate = due }],
        });
        Installment('A', TaxKindCodes.InhabitantTax, 2001, DebitDate);
        Installment('A', TaxKindCodes.FixedAssetTax, 2002, DebitDate);
        Installment('A', TaxKindCodes.InhabitantTax, 2003, new DateOnly(2026, 12, 25));
        Installment('B', TaxKindCodes.InhabitantTax, 2004, DebitDate);
        Installment('C', TaxKindCodes.LightVehicleTax, 2005, DebitDate);
        Installment('D', TaxKindCodes.InhabitantTax, 2006, DebitDate);
        Installment('E', TaxKindCodes.InhabitantTax, 2007, DebitDate);
        Installment('F', TaxKindCodes.InhabitantTax, 2008, DebitDate);
        await db.SaveChangesAsync();

        JournalEntry Entry(long installmentId, JournalEntryKind kind, long amount, DateOnly on) => new()
        {
            InstallmentId = installmentId, Kind = kind, Component = LedgerComponent.Principal, Amount = amount, ValueDate = on,
            RecordedAtUtc = now, Actor = "test",
        };
        var notice = new DateOnly(2026, 6, 10);
        db.JournalEntries.AddRange(
            Entry(2001, JournalEntryKind.Charge, 45_000, notice),
            Entry(2002, JournalEntryKind.Charge, 60_000, notice),
            Entry(2002, JournalEntryKind.Payment, -20_000, new DateOnly(2026, 11, 10)),
            Entry(2003, JournalEntryKind.Charge, 45_000, notice),
            Entry(2004, JournalEntryKind.Charge, 30_000, notice),
            Entry(2005, JournalEntryKind.Charge, 10_800, notice),
            Entry(2006, JournalEntryKind.Charge, 20_000, notice),
            Entry(2007, JournalEntryKind.Charge, 15_000, notice),
            Entry(2008, JournalEntryKind.Charge, 12_000, notice),
            Entry(2008, JournalEntryKind.Payment, -12_000, new DateOnly(2026, 11, 20)));

        DirectDebitAccount Account(char who, string kind, string bank, string branch, short type, string no, string holder, DateOnly from, DateOnly? to = null) => new()
        {
            TaxpayerId = taxpayers[who].Id, TaxKindCode = kind, BankCode = bank, BranchCode = branch, AccountType = type, AccountNo = no,
            HolderKana = holder, StartsOn = from, EndsOn = to, RecordedAtUtc = now,
        };
        var since = new DateOnly(2020, 4, 1);
        db.DirectDebitAccounts.AddRange(
            Account('A', TaxKindCodes.InhabitantTax, "0185", "012", 1, "1234567", "ｶｺﾞｼﾏ ﾀﾛｳ", since),
            Account('A', TaxKindCodes.FixedAssetTax, "0185", "012", 1, "1234567", "ｶｺﾞｼﾏ ﾀﾛｳ", since),
            Account('C', TaxKindCodes.LightVehicleTax, "0587", "101", 2, "0007001", "ｻﾂﾏｹﾝｾﾂ(ｶ", since),
            Account('D', TaxKindCodes.InhabitantTax, "0185", "200", 1, "7654321", "ﾀﾆﾔﾏ ｼﾞﾛｳ", since, DebitDate),
            Account('D', TaxKindCodes.InhabitantTax, "0587", "300", 1, "1111111", "ﾀﾆﾔﾏ ｼﾞﾛｳ", DebitDate),
            Account('E', TaxKindCodes.InhabitantTax, "0185", "012", 1, "2222222", "ｲｼｷ ｻﾌﾞﾛｳ", DebitDate.AddDays(1)),
            Account('F', TaxKindCodes.InhabitantTax, "0185", "012", 1, "3333333", "ﾖｼﾉ ｼﾛｳ", since));
        await db.SaveChangesAsync();
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> Debit(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), ["debit", "request", .. args, "--db", store.Store.ConnectionString]);

    private static ZenginFileRead ReadBack(string path)
    {
        using var stream = File.OpenRead(path);
        return ZenginReader.ReadAll(stream, Path.GetFileName(path), ZenginFileKind.Request);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DebitRequest_WithoutBank_OneFilePerBank_BalancesCustomerNumbersAndTotals(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        var output = Path.Combine(_dir, "debit-20261130.txt");

        var (code, text, error) = await Debit(store, "--date", "2026-11-30", "--out", output, "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(4, json.GetProperty("count").GetInt32());
        Assert.Equal(115_800, json.GetProperty("amount").GetInt64());
        Assert.False(File.Exists(output));
        var kagin = Path.Combine(_dir, "debit-20261130-0185.txt");
        var minami = Path.Combine(_dir, "debit-20261130-0587.txt");
        Assert.Equal([kagin, minami], json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(2, Directory.GetFiles(_dir).Length);

        // Bank 0185: header, 2 data records, trailer, end: 5 records of 120 bytes + CR LF.
        Assert.Equal(5 * 122, new FileInfo(kagin).Length);
        var read = ReadBack(kagin);
        Assert.True(read.Summary.IsWellFormed, string.Join(" / ", read.Summary.StructuralErrors.Select(e => e.Message)));
        var header = read.Summary.Header!;
        Assert.Equal(("1234567890", "ｶｺﾞｼﾏｼ", 11, 30, "0185"), (header.BillerCode, header.BillerName, header.DebitMonth, header.DebitDay, header.BankCode));
        var debits = read.ValidDebits.ToList();
        Assert.Equal(
            [
                ("0185", "012", 1, "1234567", "ｶｺﾞｼﾏ ﾀﾛｳ", 45_000L, 0, new MatchKey(2001).Value),
                ("0185", "012", 1, "1234567", "ｶｺﾞｼﾏ ﾀﾛｳ", 40_000L, 0, new MatchKey(2002).Value), // 60,000 − 20,000: the balance only
            ],
            debits.Select(d => (d.BankCode, d.BranchCode, d.AccountType, d.AccountNo, d.DepositorName, d.Amount, d.NewCode, d.CustomerNo)));
        // 顧客番号 of installment 2001: 19 digits 0000000000000002001, Luhn from the right 1→2, 0, 0→0, 2: sum 4, check 6.
        Assert.Equal("00000000000000020016", debits[0].CustomerNo);
        Assert.Equal(new ZenginTrailer(2, 85_000, 0, 0, 0, 0), read.Summary.Trailer);
        Assert.True(read.Summary.HasEndRecord);

        // Bank 0587: C's 当座 account, and D's new registration (the old one at 0185 ended on the debit date).
        Assert.Equal(5 * 122, new FileInfo(minami).Length);
        var other = ReadBack(minami);
        Assert.True(other.Summary.IsWellFormed);
        Assert.Equal("0587", other.Summary.Header!.BankCode);
        Assert.Equal(
            [("101", 2, "0007001", "ｻﾂﾏｹﾝｾﾂ(ｶ", 10_800L, new MatchKey(2005).Value), ("300", 1, "1111111", "ﾀﾆﾔﾏ ｼﾞﾛｳ", 20_000L, new MatchKey(2006).Value)],
            other.ValidDebits.Select(d => (d.BranchCode, d.AccountType, d.AccountNo, d.DepositorName, d.Amount, d.CustomerNo)));
        Assert.Equal(new ZenginTrailer(2, 30_800, 0, 0, 0, 0), other.Summary.Trailer);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DebitRequest_WithBank_WritesOnlyThatBankToOut(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        var output = Path.Combine(_dir, "minami.txt");

        var (code, text, error) = await Debit(store, "--date", "2026-11-30", "--out", output, "--bank", "0587");

        Assert.True(code == 0, error);
        Assert.Contains("2 件 30,800 円", text);
        Assert.Equal([output], Directory.GetFiles(_dir));
        var read = ReadBack(output);
        Assert.True(read.Summary.IsWellFormed);
        Assert.Equal([new MatchKey(2005).Value, new MatchKey(2006).Value], read.ValidDebits.Select(d => d.CustomerNo));
        Assert.Equal(new ZenginTrailer(2, 30_800, 0, 0, 0, 0), read.Summary.Trailer);
        Assert.Equal(5 * 122, new FileInfo(output).Length);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DebitRequest_DateWithNothingToDebit_WritesNoFileAndSaysSo(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        var output = Path.Combine(_dir, "none.txt");

        // Nothing falls due on Tue 2026-12-01.
        var (code, text, error) = await Debit(store, "--date", "2026-12-01", "--out", output);

        Assert.True(code == 0, error);
        Assert.Contains("振替日 2026-12-01 に振替対象の期別はありません。ファイルは作成していません。", text);
        Assert.Empty(Directory.GetFiles(_dir));

        var (_, json, _) = await Debit(store, "--date", "2026-12-01", "--out", output, "--json");
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(0, root.GetProperty("count").GetInt32());
        Assert.Empty(root.GetProperty("files").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DebitRequest_StorePaymentPending_LeavesTheInstallmentOut(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        await using (var db = store.Open())
        {
            // A paid 2001 at a convenience store on 2026-11-27: the 速報 is in, the 確報 not yet.
            db.Payments.Add(new Payment
            {
                Channel = PaymentChannel.Store, Status = PaymentStatus.Pending, RawKey = "test", InstallmentId = 2001, Amount = 45_000,
                PaidOn = new DateOnly(2026, 11, 27), IdempotencyKey = "test:pending:2001", RawRecord = "test", Actor = "test",
                RecordedAtUtc = new DateTime(2026, 11, 27, 3, 0, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync();
        }
        var output = Path.Combine(_dir, "kagin.txt");

        var (code, text, error) = await Debit(store, "--date", "2026-11-30", "--out", output, "--bank", "0185", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(1, json.GetProperty("skippedPending").GetInt32());
        Assert.Equal(40_000, json.GetProperty("amount").GetInt64());
        Assert.Equal([new MatchKey(2002).Value], ReadBack(output).ValidDebits.Select(d => d.CustomerNo));
    }

    [Fact]
    public async Task DebitRequest_BankNotFourDigits_Refused()
    {
        await using var store = await SeedAsync(StoreProvider.Sqlite);

        var (code, _, error) = await Debit(store, "--date", "2026-11-30", "--out", Path.Combine(_dir, "x.txt"), "--bank", "185");

        Assert.Equal(2, code);
        Assert.Contains("金融機関コードは半角数字4桁", error);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
