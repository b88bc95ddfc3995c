using System.Text;
using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Cli.Tests;

/// <summary>`choshu report refunds` (還付充当一覧) on SQLite, after the appropriation of domain.md §4.</summary>
public sealed class RefundReportCommandTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        _dir = Directory.CreateTempSubdirectory("choshu-refund-report-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
        return path;
    }

    // 固定資産税 2024 300,000 paid 2024-05-31, reduced to 0 on 2025-09-01; the run as of 2025-09-30 appropriates to 市民税
    // 2025 1期 on 2025-09-01: principal 200,000 + late fee 1,900 (市民税), refund interest earned 2,200 (固定資産税).
    // Nothing is refunded yet. A reversed range is refused with exit code 2.
    [Fact]
    public async Task ReportRefunds_AfterAppropriation_CsvAndJsonByDayAndTaxKind()
    {
        long source;
        await using (var db = _store.Open())
        {
            var taxpayer = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            source = (await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.FixedAssetTax, 2024, "2024020001", new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 300_000)))[0];
            await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025010001", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000));
        }
        var db1 = _store.Store.ConnectionString;
        var paid = new DateOnly(2024, 5, 31);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.Clock(), "import", "payments", "--format", "bank",
            Write("bank.csv", Bank([new BankLine("1", Key(source), 300_000, paid, paid)])), "--db", db1)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.Clock(), "import", "assessments", Write("reduce.csv",
        [
            "宛名番号,税目,調定年度,相当年度,通知書番号,期別,納期限,税額,更正日,更正事由",
            "1000000001,02,2024,2024,2024020001,1,2024-04-30,0,2025-09-01,1",
        ]), "--db", db1)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.Clock(), "appropriate", "--as-of", "2025-09-30", "--db", db1)).ExitCode);

        var (csvCode, csv, _) = await CliRunner.RunAsync(CliRunner.Clock(), "report", "refunds", "--from", "2025-09-01", "--to", "2025-09-30", "--csv", "--db", db1);
        var (jsonCode, json, _) = await CliRunner.RunAsync(CliRunner.Clock(), "report", "refunds", "--from", "2025-09-01", "--to", "2025-09-30", "--json", "--db", db1);
        var (wrongCode, _, wrong) = await CliRunner.RunAsync(CliRunner.Clock(), "report", "refunds", "--from", "2025-09-30", "--to", "2025-09-01", "--db", db1);

        Assert.Equal((0, 0, 2), (csvCode, jsonCode, wrongCode));
        Assert.Equal(
        [
            "日付,税目コード,税目,充当本税,充当督促手数料,充当延滞金,充当額,充当分還付加算金,還付金,還付加算金,還付加算金支払額,支払額,戻出,歳出",
            "2025-09-01,01,市民税,200000,0,1900,201900,0,0,0,0,0,0,0",
            "2025-09-01,02,固定資産税,0,0,0,0,2200,0,0,0,0,0,0",
            ",,合計,200000,0,1900,201900,2200,0,0,0,0,0,0",
        ], csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        var total = JsonDocument.Parse(json).RootElement.GetProperty("total");
        Assert.Equal((201_900L, 2_200L, 0L), (total.GetProperty("appropriated").GetInt64(), total.GetProperty("appropriationInterest").GetInt64(), total.GetProperty("paid").GetInt64()));
        Assert.Contains("--to は --from 以後の日付にしてください。", wrong);
    }
}
