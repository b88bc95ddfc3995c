using System.Text.Json;
using Choshu.Data;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary><c>choshu seed</c>: the summary and JSON on stdout, progress on stderr, refusals with exit code 2. Today 2026-11-26 (JST).</summary>
public sealed class SeedCommandTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Json_PrintsOneObjectWithRowsPerTable(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", "40", "--seed", "9", "--json", "--db", store.Store.ConnectionString, "--keys", store.KeysFile);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(40, root.GetProperty("taxpayers").GetInt32());
        Assert.Equal(9, root.GetProperty("seed").GetInt64());
        Assert.Equal("2026-11-26", root.GetProperty("today").GetString());
        Assert.Equal(40, root.GetProperty("rows").GetProperty("taxpayers").GetInt64());
        var rows = root.GetProperty("rows").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.Equal(rows, root.GetProperty("totalRows").GetInt64());
        Assert.Equal(root.GetProperty("rows").GetProperty("journal_entries").GetInt64(),
            root.GetProperty("charges").GetInt64() + root.GetProperty("payments").GetInt64());
        Assert.True(root.GetProperty("elapsedSeconds").GetDouble() > 0);
        Assert.Contains("40 / 40", error);
    }

    // The seeded city's withholding (docs/seeding.md): 400 taxpayers have three current corporations, nine working-age and six
    // elderly individuals, so three employers with three employees each and one pension payer with six pensioners; today
    // (2026-11-26) is past 20 September, so the last pensioner is stopped and switched to 普通徴収.
    [Fact]
    public async Task Seed_AddsEmployersWithEmployeesAndPensioners()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", "400", "--seed", "3", "--db", store.Store.ConnectionString, "--keys", store.KeysFile);
        Assert.True(code == 0, error);
        Assert.Contains("seed: 特別徴収義務者 3（従業員 9人）・年金保険者 1（年金受給者 6人、停止 1人）", error);
        await using var db = store.Open();
        Assert.Equal(["100001", "100002", "100003"], await db.WithholdingEmployers.OrderBy(e => e.DesignationNo).Select(e => e.DesignationNo).ToListAsync());
        Assert.Equal(9, await db.WithholdingAssignments.CountAsync());
        Assert.Equal(6, await db.PensionAssignments.CountAsync());
        var stopped = await db.PensionAssignments.SingleAsync(a => a.StopReason != null);
        Assert.Equal(("4000000006-1150", (short)3), (stopped.PensionNo, stopped.LastMonth));
        Assert.NotNull(stopped.OrdinaryAssessmentId);
    }

    [Fact]
    public async Task Seed_Summary_ListsEveryTableAndTheTime()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);

        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", "25", "--db", store.Store.ConnectionString);

        Assert.Equal(0, code);
        Assert.Contains("合成データの市を作成しました", output);
        Assert.Contains("シード 1", output);
        Assert.Contains("2022～2026 年度", output);
        foreach (var table in new[] { "taxpayers", "taxpayer_versions", "taxpayer_my_numbers", "tax_agents", "assessments", "installments", "journal_entries" })
            Assert.Contains(table, output);
        Assert.Contains("所要時間", output);
        Assert.Contains("行/秒", output);
    }

    [Fact]
    public async Task Seed_StoreWithTaxpayers_IsRefused()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var db = store.Store.ConnectionString;
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", "5", "--db", db)).ExitCode);

        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", "5", "--db", db);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("既に納税義務者", error);
    }

    [Fact]
    public async Task Seed_UninitialisedStore_TellsToRunDbInit()
    {
        var path = Path.Combine(Path.GetTempPath(), "choshu-absent-" + Guid.NewGuid().ToString("N") + ".db");

        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", "5", "--db", $"Data Source={path}");

        Assert.Equal(2, code);
        Assert.Contains("choshu db init", error);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5000001")]
    public async Task Seed_TaxpayersOutOfRange_IsRefused(string taxpayers)
    {
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", taxpayers, "--db", "Data Source=/nonexistent/never.db");

        Assert.Equal(2, code);
        Assert.Contains("--taxpayers", error);
    }
}
