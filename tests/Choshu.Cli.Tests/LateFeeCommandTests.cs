using System.Text.Json;
using Choshu.Data;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

public sealed class LateFeeCommandTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(StoreProvider.Sqlite);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task LateFee_PaidInFullAfterNewYear_PrintsThreeSegmentsAnd21000Yen()
    {
        // 500,000 due 2025-09-01 (Mon), paid 2026-03-15:
        //   2025-09-02..10-01  30 days × 2.4% → 500,000×0.024×30/365 =   986.30 →    986
        //   2025-10-02..12-31  91 days × 8.7% → 500,000×0.087×91/365 = 10,845.20 → 10,845
        //   2026-01-01..03-15  74 days × 9.1% → 500,000×0.091×74/365 =  9,224.65 →  9,224
        //   21,055 → truncated to 100 yen → 21,000
        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(),
            "late-fee", "--principal", "500000", "--due", "2025-09-01", "--paid", "2026-03-15", "--json", "--db", _store.Store.ConnectionString);

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(21_000, json.GetProperty("lateFee").GetInt64());
        Assert.Equal("2025-09-01", json.GetProperty("effectiveDueDate").GetString());
        Assert.True(json.GetProperty("isFinal").GetBoolean());
        var segments = json.GetProperty("segments").EnumerateArray()
            .Select(s => (s.GetProperty("from").GetString(), s.GetProperty("to").GetString(), s.GetProperty("days").GetInt32(),
                s.GetProperty("base").GetInt64(), s.GetProperty("rate").GetDecimal(), s.GetProperty("amount").GetInt64()))
            .ToList();
        Assert.Equal(
            [("2025-09-02", "2025-10-01", 30, 500_000L, 2.4m, 986L),
             ("2025-10-02", "2025-12-31", 91, 500_000L, 8.7m, 10_845L),
             ("2026-01-01", "2026-03-15", 74, 500_000L, 9.1m, 9_224L)],
            segments);
    }

    [Fact]
    public async Task LateFee_DueOnGoldenWeekHolidayWithPartialPayment_ShiftsDueDateAndReducesBase()
    {
        // Nominal due 2025-05-03 (Sat, 憲法記念日) → 05-04 Sun, 05-05 こどもの日, 05-06 振替休日 → 2025-05-07.
        // 300,000; 100,000 paid 2025-06-30; rest paid 2025-08-29.
        //   05-08..06-07  31 days, base 300,000, 2.4% → 300,000×0.024×31/365 =  611.5 →   611
        //   06-08..06-30  23 days, base 300,000, 8.7% → 300,000×0.087×23/365 = 1,644.6 → 1,644
        //   07-01..08-29  60 days, base 200,000, 8.7% → 200,000×0.087×60/365 = 2,860.2 → 2,860
        //   5,115 → 5,100
        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(),
            "late-fee", "--principal", "300000", "--due", "2025-05-03",
            "--payment", "2025-06-30:100000", "--payment", "2025-08-29:200000", "--json", "--db", _store.Store.ConnectionString);

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2025-05-07", json.GetProperty("effectiveDueDate").GetString());
        Assert.Equal(5_100, json.GetProperty("lateFee").GetInt64());
        Assert.Equal([611L, 1_644L, 2_860L], json.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("amount").GetInt64()));
        Assert.Equal([300_000L, 300_000L, 200_000L], json.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("base").GetInt64()));
    }

    [Fact]
    public async Task LateFee_UnpaidWithoutAsOf_ComputesToTodayInJapan()
    {
        // Clock: 2026-11-26 JST. 100,000 due 2026-10-30 (Fri), unpaid:
        //   10-31..11-26  27 days (lower period runs to 11-30) × 2.8% → 100,000×0.028×27/365 = 207.1 → 207 → under 1,000 → 0
        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(),
            "late-fee", "--principal", "100000", "--due", "2026-10-30", "--json", "--db", _store.Store.ConnectionString);

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2026-11-26", json.GetProperty("computedTo").GetString());
        Assert.False(json.GetProperty("isFinal").GetBoolean());
        Assert.Equal(207, json.GetProperty("segmentTotal").GetInt64());
        Assert.Equal(0, json.GetProperty("lateFee").GetInt64());
        Assert.Equal(100_000, json.GetProperty("principalUnpaid").GetInt64());
    }

    [Fact]
    public async Task LateFee_InvalidDate_ExitsTwoWithJapaneseMessage()
    {
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(),
            "late-fee", "--principal", "1000", "--due", "2025-02-30", "--db", _store.Store.ConnectionString);

        Assert.Equal(2, code);
        Assert.Contains("--due: 「2025-02-30」は日付として読めません", error);
    }

    [Fact]
    public async Task LateFee_StoreNotInitialised_UsesShippedDataAndSaysSo()
    {
        var path = Path.Combine(Path.GetTempPath(), "choshu-empty-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(),
                "late-fee", "--principal", "500000", "--due", "2025-09-01", "--paid", "2026-03-15", "--db", $"Data Source={path}");
            Assert.Equal(0, code);
            Assert.Contains("延滞金 21,000 円", output);
            Assert.Contains("同梱の祝日・延滞金割合データ", error);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
