using System.Text;
using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Cli.Tests;

/// <summary>
/// Issue 18 at the command line: inputs that used to crash a command or be booked now get a Japanese error (exit 2)
/// or a quarantined line (exit 3), never a stack trace. One taxpayer; 市民税 2026 notice 2026010001: period 2 20,000
/// due 2026-09-30, period 3 30,000 due 2026-10-30. Today 2026-11-26 (JST).
/// </summary>
public sealed class HardeningCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-cli-hard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateOnly Sep30 = new(2026, 9, 30);

    /// <summary>19 nines + its Luhn digit: 20 digits with a correct check digit, beyond long.MaxValue.</summary>
    private static readonly string HugeKey = "9999999999999999999" + (char)('0' + MatchKey.ComputeCheckDigit("9999999999999999999"));

    private static async Task<(TestStore Store, long P2, long P3)> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var taxpayer = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        var ids = await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001",
            new LedgerSeed.Inst(2, Sep30, 20_000), new LedgerSeed.Inst(3, new DateOnly(2026, 10, 30), 30_000));
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

    private static void JapaneseErrorNoTrace(int expectedExit, (int ExitCode, string Out, string Err) r, string message)
    {
        Assert.True(r.ExitCode == expectedExit, $"exit {r.ExitCode}: {r.Err}");
        Assert.Contains("エラー: " + message, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    // Line 2 pays period 2 in full (20,000); line 3 carries a 20-digit key with a correct check digit whose number is beyond
    // any installment (4,000). Exit 3: line 3 is quarantined with 「消込番号: 番号が大きすぎます…」, line 2 is booked.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ImportPayments_KeyBeyondAnyInstallment_LineQuarantinedRestBooked(StoreProvider provider)
    {
        var (store, p2, _) = await SeedAsync(provider);
        await using var owned = store;
        var path = WriteFile(Bank([new BankLine("1", Key(p2), 20_000, Sep30, Sep30), new BankLine("2", HugeKey, 4_000, Sep30, Sep30)]), "huge.csv");

        var (code, _, error) = await RunAsync(store, "import", "payments", "--format", "bank", path);

        Assert.True(code == 3, error);
        Assert.Contains("huge.csv:3 消込番号: 番号が大きすぎます（どの期別の消込番号でもありません）。", error);
        Assert.DoesNotContain("   at ", error);
        await using var db = store.Open();
        var booked = await db.Payments.SingleAsync();
        Assert.Equal((p2, 20_000L, PaymentStatus.Booked), (booked.InstallmentId, booked.Amount, booked.Status));
        Assert.Equal(3, (await db.QuarantinedRecords.SingleAsync()).LineNo);
    }

    // 18,447 lines of 999,999,999,999,999 yen for period 2 sum to 2^64 + 255,926,290,429,937; the trailer declares the wrapped
    // 255,926,290,429,937. The file is refused (exit 2), nothing is booked.
    [Fact]
    public async Task ImportPayments_AmountsWrapPast64Bits_RefusedNothingBooked()
    {
        var (store, p2, _) = await SeedAsync(StoreProvider.Sqlite);
        await using var owned = store;
        var lines = Enumerable.Range(1, 18_447).Select(i => new BankLine(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Key(p2), 999_999_999_999_999, Sep30, Sep30));
        var path = WriteFile(Bank(lines, trailerAmount: 255_926_290_429_937), "wrap.csv");

        var (code, _, error) = await RunAsync(store, "import", "payments", "--format", "bank", path);

        Assert.True(code == 2, error);
        Assert.Contains("ファイル全体を受け付けませんでした。消込は行っていません。", error);
        await using var db = store.Open();
        Assert.Equal(0, await db.Payments.CountAsync());
    }

    // The counter: a 納付日 tomorrow, in 9999 (the command line's date bounds) or before 平成 (1988-12-31) is refused; one 5 years and a day back (2021-11-25, before the window
    // that starts 2021-11-26) is refused without an override and booked with one, recorded as 3080 with its reason.
    [Fact]
    public async Task Pay_DateOutsideWindow_RefusedOverrideRecorded()
    {
        var (store, p2, _) = await SeedAsync(StoreProvider.Sqlite);
        await using var owned = store;
        string[] Pay(string date, string receipt) => ["pay", "--notice-no", "2026010001", "--period", "2", "--amount", "1000", "--date", date, "--receipt-no", receipt];

        JapaneseErrorNoTrace(2, await RunAsync(store, Pay("2026-11-27", "R-1")), "納付日: 未来の日付です（2026-11-26 までの日付を指定してください）。");
        JapaneseErrorNoTrace(2, await RunAsync(store, Pay("9999-12-31", "R-2")), "--date: 日付は 1868-01-01 から 2999-12-31 までで指定してください。");
        JapaneseErrorNoTrace(2, await RunAsync(store, Pay("1988-12-31", "R-3")), "納付日: ありえない日付です（年を確かめてください）。");
        JapaneseErrorNoTrace(2, await RunAsync(store, Pay("2021-11-25", "R-4")), "納付日: 2021-11-26 より前の日付です");
        await using (var db = store.Open())
            Assert.Equal(0, await db.Payments.CountAsync());

        var ok = await RunAsync(store, [.. Pay("2021-11-25", "R-5"), "--date-override", "旧システムからの移行漏れの訂正"]);

        Assert.True(ok.ExitCode == 0, ok.Err);
        await using var check = store.Open();
        var p = await check.Payments.SingleAsync();
        Assert.Equal((p2, 1_000L, new DateOnly(2021, 11, 25)), (p.InstallmentId, p.Amount, p.PaidOn));
        var audit = await check.AuditEvents.SingleAsync(e => e.Kind == (AuditEventKind)3080);
        Assert.Contains("受付期間外の納付日 2021-11-25 1000円", audit.Detail);
        Assert.Contains("旧システムからの移行漏れの訂正", audit.Detail);
    }

    // An argument starting with @ is a search term, not a response file to read.
    [Fact]
    public async Task TaxpayerSearch_NameStartingWithAt_TakenLiterally()
    {
        var (store, _, _) = await SeedAsync(StoreProvider.Sqlite);
        await using var owned = store;

        var r = await RunAsync(store, "taxpayer", "search", "--name", "@foo", "--json");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(0, JsonDocument.Parse(r.Out).RootElement.GetProperty("total").GetInt32());
    }

    // Values that used to end in an unhandled exception: each a Japanese error, exit 2, no stack trace.
    [Fact]
    public async Task FarDatesAndYears_JapaneseErrorsNoStackTrace()
    {
        var (store, _, _) = await SeedAsync(StoreProvider.Sqlite);
        await using var owned = store;

        JapaneseErrorNoTrace(2, await RunAsync(store, "slip", "--notice-no", "2026010001", "--period", "2", "--as-of", "9999-12-31"),
            "--as-of: 日付は 1868-01-01 から 2999-12-31 までで指定してください。");
        JapaneseErrorNoTrace(2, await RunAsync(store, "report", "collection", "--fiscal-year", "9999"),
            "年度は 1868 から 2998 までで指定してください。");
        JapaneseErrorNoTrace(2, await RunAsync(store, "audit", "review", "--month", "9999-12"),
            "月は 1868-01 から 2999-12 までで指定してください。");
    }
}
