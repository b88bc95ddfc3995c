using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu enforcement accelerate|protective-seizure</c> on SQLite. Taxpayer 1000000001 owes 固定資産税 2026 notice 2026020901: period 1
/// 40,000 due 2026-12-25 and period 2 30,000 due 2027-02-28; officer 200001 (case assigned by 300001). Today 2026-11-26 (JST).
/// </summary>
public sealed class EnforcementNoticeCommandsTests
{
    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    [Fact]
    public async Task Accelerate_BothPeriodsToNov30_ThenProtectiveSeizure_SixMonths()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var db = store.Open())
        {
            var id = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            await LedgerSeed.AssessmentAsync(db, id, "02", 2026, "2026020901", new LedgerSeed.Inst(1, new DateOnly(2026, 12, 25), 40_000),
                new LedgerSeed.Inst(2, new DateOnly(2027, 2, 28), 30_000));
            await StaffSeed.AddAsync(db, "200001", "滞納 一郎", StaffSeed.Holds(Role.DelinquencyOfficer));
            await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
        }
        Assert.Equal(0, (await RunAsync(store, "case", "open", "--taxpayer", "1000000001", "--operator", "300001")).ExitCode);
        Assert.Equal(0, (await RunAsync(store, "case", "assign", "--taxpayer", "1000000001", "--officer", "200001", "--operator", "300001")).ExitCode);

        var dir = Path.Combine(Path.GetTempPath(), "choshu-h15n-cli-" + Guid.NewGuid().ToString("N"));
        var (code, output, err) = await RunAsync(store, "enforcement", "accelerate", "1000000001", "--on", "2026-11-26", "--new-due", "2026-11-30",
            "--ground", "3", "--notice-no", "2026020901", "--pdf-dir", dir, "--operator", "200001", "--json");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2026-11-30", json.GetProperty("newDueOn").GetString());
        Assert.StartsWith("地方税法第13条の2第1項第3号", json.GetProperty("ground").GetString());
        Assert.Equal([("2026-12-25", 40_000L), ("2027-02-28", 30_000L)], json.GetProperty("claims").EnumerateArray()
            .Select(c => (c.GetProperty("originalDueOn").GetString()!, c.GetProperty("amount").GetInt64())));
        Assert.True(File.Exists(json.GetProperty("pdf").GetString()));

        // Again: nothing left to bring forward (exit 2, Japanese).
        (code, _, err) = await RunAsync(store, "enforcement", "accelerate", "1000000001", "--on", "2026-11-26", "--new-due", "2026-11-30", "--ground", "3",
            "--operator", "200001");
        Assert.Equal(2, code);
        Assert.Contains("繰上徴収できる期別がありません", err);

        (code, output, err) = await RunAsync(store, "enforcement", "protective-seizure", "1000000001", "--on", "2026-11-20", "--amount", "500000",
            "--subject", "令和8年度 法人市民税", "--ground", "不正行為の嫌疑", "--operator", "200001");
        Assert.True(code == 0, err);
        Assert.Contains("保全差押金額 500,000 円 期限 2027-05-20", output);

        (code, output, err) = await RunAsync(store, "enforcement", "show", "1000000001", "--operator", "200001");
        Assert.True(code == 0, err);
        Assert.Contains("繰上徴収 2026-11-26", output);
        Assert.Contains("納期限 2026-11-30", output);
        Assert.Contains("保全差押 2026-11-20", output);
    }
}
