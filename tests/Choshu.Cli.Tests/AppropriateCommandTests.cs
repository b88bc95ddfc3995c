using System.Text;
using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu appropriate</c> on the worked example of domain.md §4: 固定資産税 2024 1期 300,000 paid 2024-05-31, reduced to 0 on
/// 2025-09-01 (cause 1); 市民税 2025 1期 200,000 due 2025-06-30 unpaid → 201,900 appropriated on 2025-09-01 (late fee 1,900),
/// refund interest 2,200; 98,100 and 2,200 left for refund.
/// </summary>
public sealed class AppropriateCommandTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        _dir = Directory.CreateTempSubdirectory("choshu-appropriate-").FullName;
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

    [Fact]
    public async Task Appropriate_DryRunThenRun_201900WithInterest2200ThenNothingTwice()
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

        var (dryCode, dry, _) = await CliRunner.RunAsync(CliRunner.Clock(), "appropriate", "--as-of", "2025-09-30", "--dry-run", "--json", "--db", db1);
        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "appropriate", "--as-of", "2025-09-30", "--json", "--db", db1);
        var (againCode, again, _) = await CliRunner.RunAsync(CliRunner.Clock(), "appropriate", "--as-of", "2025-09-30", "--json", "--db", db1);

        Assert.Equal((0, 0, 0), (dryCode, code, againCode));
        Assert.True(JsonDocument.Parse(dry).RootElement.GetProperty("dryRun").GetBoolean());
        var json = JsonDocument.Parse(output).RootElement;
        var a = Assert.Single(json.GetProperty("appropriations").EnumerateArray().ToList());
        Assert.Equal(("2025010001", 1, "2025-09-01", 200_000L, 1_900L, 2_200L, 201_900L),
            (a.GetProperty("noticeNo").GetString(), a.GetProperty("period").GetInt32(), a.GetProperty("effectiveOn").GetString(),
             a.GetProperty("principal").GetInt64(), a.GetProperty("lateFee").GetInt64(), a.GetProperty("refundInterest").GetInt64(), a.GetProperty("amount").GetInt64()));
        Assert.True(a.GetProperty("overpaymentId").GetInt64() > 0);
        var left = Assert.Single(json.GetProperty("leftForRefund").EnumerateArray().ToList());
        Assert.Equal((98_100L, 2_200L), (left.GetProperty("overpayment").GetInt64(), left.GetProperty("refundInterest").GetInt64()));
        Assert.Equal(201_900L, JsonDocument.Parse(dry).RootElement.GetProperty("appropriations")[0].GetProperty("amount").GetInt64());
        Assert.Equal(0, JsonDocument.Parse(again).RootElement.GetProperty("count").GetInt32());
    }
}
