using System.Text.Json;

namespace Choshu.Cli.Tests;

/// <summary><c>choshu seizable-wage</c>: the protected-wage rule on figures typed in (no store needed), the two examples of domain.md §9.</summary>
public sealed class SeizureCommandsTests
{
    [Fact]
    public async Task SeizableWage_DomainExample_Protected246000_Seizable104000()
    {
        var (code, output, err) = await CliRunner.RunAsync(CliRunner.Clock(),
            "seizable-wage", "--gross", "350000", "--income-tax", "8000", "--resident-tax", "15000", "--social-insurance", "52000", "--dependants", "1", "--json");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal((246_000L, 104_000L, 145_000L, 26_000L), (json.GetProperty("protected").GetInt64(), json.GetProperty("seizable").GetInt64(),
            json.GetProperty("living").GetInt64(), json.GetProperty("extra").GetInt64()));
    }

    [Fact]
    public async Task SeizableWage_Cap_Protected560000_Seizable1040000_TextShowsTheCap()
    {
        var (code, output, err) = await CliRunner.RunAsync(CliRunner.Clock(),
            "seizable-wage", "--gross", "1600000", "--income-tax", "100000", "--resident-tax", "60000", "--social-insurance", "100000", "--dependants", "0", "--json");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal((560_000L, 1_040_000L, true), (json.GetProperty("protected").GetInt64(), json.GetProperty("seizable").GetInt64(), json.GetProperty("capped").GetBoolean()));

        (code, output, err) = await CliRunner.RunAsync(CliRunner.Clock(),
            "seizable-wage", "--gross", "1600000", "--income-tax", "100000", "--resident-tax", "60000", "--social-insurance", "100000", "--dependants", "0");
        Assert.True(code == 0, err);
        Assert.Contains("差押禁止額 560,000円", output);
        Assert.Contains("差押可能額 1,040,000円", output);
    }

    [Fact]
    public async Task SeizableWage_WeeklyPension_AndBadPeriod_RefusedInJapanese()
    {
        // A weekly pay, no dependant: (4) = 7 × 3,340 = 23,380; (5) = 20% of (50,000 − 23,380) = 5,324; protected 28,704.
        var (code, output, err) = await CliRunner.RunAsync(CliRunner.Clock(),
            "seizable-wage", "--gross", "50000", "--income-tax", "0", "--resident-tax", "0", "--social-insurance", "0", "--dependants", "0", "--period", "7d", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(28_704L, JsonDocument.Parse(output).RootElement.GetProperty("protected").GetInt64());

        (code, _, err) = await CliRunner.RunAsync(CliRunner.Clock(),
            "seizable-wage", "--gross", "50000", "--income-tax", "0", "--resident-tax", "0", "--social-insurance", "0", "--dependants", "0", "--period", "week");
        Assert.NotEqual(0, code);
        Assert.Contains("--period", err);
        Assert.Contains("支給期間", err);
    }
}
