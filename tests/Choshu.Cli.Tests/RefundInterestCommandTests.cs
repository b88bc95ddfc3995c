using System.Text.Json;
using Choshu.Data;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

public sealed class RefundInterestCommandTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(StoreProvider.Sqlite);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task RefundInterest_ReductionHandCase_Prints20600YenWithThreeSegments()
    {
        // 1,234,567, reduction, paid 2024-04-30, decided 2026-02-16; base 1,234,000:
        //   2024-05-01..12-31 245 d × 0.9% = 7,454.71; 2025 365 d × 0.9% = 11,106.00; 2026-01-01..02-16 47 d × 1.3% = 2,065.68
        //   20,626 → 20,600
        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(),
            "refund-interest", "--amount", "1234567", "--cause", "reduction", "--paid", "2024-04-30", "--decided", "2026-02-16",
            "--json", "--db", _store.Store.ConnectionString);

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(20_600, json.GetProperty("refundInterest").GetInt64());
        Assert.Equal("2024-05-01", json.GetProperty("startDate").GetString());
        Assert.Equal("2026-02-16", json.GetProperty("endDate").GetString());
        Assert.Equal(
            [("2024-05-01", "2024-12-31", 245, 0.9m, 7_454.71m), ("2025-01-01", "2025-12-31", 365, 0.9m, 11_106.00m),
             ("2026-01-01", "2026-02-16", 47, 1.3m, 2_065.68m)],
            json.GetProperty("segments").EnumerateArray().Select(s => (s.GetProperty("from").GetString(), s.GetProperty("to").GetString(),
                s.GetProperty("days").GetInt32(), s.GetProperty("rate").GetDecimal(), s.GetProperty("amount").GetDecimal())));
    }

    [Fact]
    public async Task RefundInterest_RequestWithNoticeClaimedLate_StartsAt0821AndLeavesOutDays()
    {
        // request 2025-05-20, 更正 2025-09-10 → from 2025-08-21; notified 2025-09-12, claimed 2025-11-30 → 10-13..11-30 left out.
        // 2,000,000 × 0.9%: 08-21..10-12 53 d = 2,613.7; 12-01..12-15 15 d = 739.7 → 3,353 → 3,300
        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(),
            "refund-interest", "--amount", "2000000", "--cause", "request", "--paid", "2025-04-30", "--decided", "2025-12-15",
            "--requested", "2025-05-20", "--corrected", "2025-09-10", "--notified", "2025-09-12", "--claimed", "2025-11-30",
            "--json", "--db", _store.Store.ConnectionString);

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2025-08-21", json.GetProperty("startDate").GetString());
        Assert.Equal("2025-10-13", json.GetProperty("excludedFrom").GetString());
        Assert.Equal([53, 15], json.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("days").GetInt32()));
        Assert.Equal(3_300, json.GetProperty("refundInterest").GetInt64());
    }

    [Fact]
    public async Task RefundInterest_RequestWithoutDates_FailsInJapanese()
    {
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(),
            "refund-interest", "--amount", "500000", "--cause", "request", "--paid", "2025-04-30", "--decided", "2025-12-15",
            "--db", _store.Store.ConnectionString);

        Assert.NotEqual(0, code);
        Assert.Contains("更正の請求日", error);
    }

    [Fact]
    public async Task RefundInterest_UnknownCause_FailsInJapanese()
    {
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(),
            "refund-interest", "--amount", "500000", "--cause", "gift", "--paid", "2025-04-30", "--decided", "2025-12-15",
            "--db", _store.Store.ConnectionString);

        Assert.NotEqual(0, code);
        Assert.Contains("事由として読めません", error);
    }
}
