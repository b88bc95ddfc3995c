using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Security;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu fiscal-year carry-forward|report|reverse</c> and <c>choshu accounting-file</c> as staff run them. One taxpayer: 市民税 2025
/// 1期 40,000 due 2025-08-31, unpaid. Today 2026-11-26 (after 2025's closing day 2026-05-31).
/// </summary>
public sealed class BooksCommandsTests
{
    [Fact]
    public async Task FiscalYear_CarryForwardTwiceReportReverse_AccountingFileRefusedForOpenDay()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var db = store.Open())
        {
            var taxpayer = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025010001", new LedgerSeed.Inst(1, new DateOnly(2025, 8, 31), 40_000));
            await StaffSeed.AddAsync(db, "30001", "田中 一郎", StaffSeed.Holds(Role.Approver));
            await StaffSeed.AddAsync(db, "30002", "佐藤 花子", StaffSeed.Holds(Role.CollectionClerk));
        }
        Task<(int ExitCode, string Out, string Err)> Run(params string[] args) => CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

        var (denied, _, deniedErr) = await Run("fiscal-year", "carry-forward", "--fiscal-year", "2025", "--operator", "30002");
        Assert.NotEqual(0, denied);
        Assert.Contains("権限", deniedErr);

        var (code, output, err) = await Run("fiscal-year", "carry-forward", "--fiscal-year", "2025", "--operator", "30001", "--json");
        Assert.True(code == 0, err);
        var first = JsonDocument.Parse(output).RootElement;
        Assert.Equal((40_000L, 1, false), (first.GetProperty("unpaid").GetInt64(), first.GetProperty("installments").GetInt32(), first.GetProperty("alreadyRecorded").GetBoolean()));

        var (again, againOut, againErr) = await Run("fiscal-year", "carry-forward", "--fiscal-year", "2025", "--operator", "30001");
        Assert.True(again == 0, againErr);
        Assert.Contains("2025 年度の滞納繰越は記録済みです", againOut);

        var (rep, repOut, repErr) = await Run("fiscal-year", "report", "--fiscal-year", "2025");
        Assert.True(rep == 0, repErr);
        Assert.Contains("市民税 2025 年度 現年課税分 調定額 40,000 収入額 0 不納欠損額 0 収入未済額 40,000", repOut);

        var (rev, revOut, revErr) = await Run("fiscal-year", "reverse", "--fiscal-year", "2025", "--reason", "集計の確認のため", "--operator", "30001");
        Assert.True(rev == 0, revErr);
        Assert.Contains("2025 年度の滞納繰越（記録 1）を取り消しました。", revOut);

        var path = Path.Combine(Path.GetTempPath(), $"choshu-acc-{Guid.NewGuid():N}.csv");
        var (acc, _, accErr) = await Run("accounting-file", "--date", "2026-11-25", "--out", path, "--operator", "30002");
        Assert.NotEqual(0, acc);
        Assert.Contains("収入日 2026-11-25 は日計締めされていないため", accErr);
        Assert.False(File.Exists(path));
    }
}
