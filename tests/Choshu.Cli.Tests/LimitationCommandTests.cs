using System.Text.Json;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu limitation</c>: the one limitation rule as a command (a pure computation: no store is opened). Dates are
/// domain.md §5's worked examples, checkable by hand: a period of 5 years from its first counted day F ends at the end of
/// the day before the same day 5 years on, which is the first day the right no longer exists (lapsesOn).
/// </summary>
public sealed class LimitationCommandTests
{
    private static async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), ["limitation", .. args, "--json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    // Due 2025-04-30; reminder sent 2025-05-20 → F = 2025-05-31; pledge signed 2027-02-15 → F = 2027-02-16 → lapses on 2032-02-16.
    [Fact]
    public async Task Limitation_ReminderThenPledge_Lapses20320216WithEachStep()
    {
        var json = await Json("--due", "2025-04-30", "--reminder-sent", "2025-05-20", "--acknowledged", "2027-02-15");

        Assert.Equal("2032-02-16", json.GetProperty("lapsesOn").GetString());
        Assert.Equal("2032-02-15", json.GetProperty("lastCollectableDay").GetString());
        var steps = json.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("on").GetString(), e.GetProperty("event").GetString(), e.GetProperty("effect").GetString(), e.GetProperty("firstCountedDay").GetString()))
            .ToList();
        Assert.Equal(
            [("2025-04-30", "StatutoryDueDate", "Start", "2025-05-01"),
             ("2025-05-20", "ReminderDispatched", "Renewed", "2025-05-31"),
             ("2027-02-15", "Acknowledgement", "Renewed", "2027-02-16")],
            steps);
    }

    // Due 2020-06-30 (lapses 2025-07-01). 催告 arrived 2025-03-10 → completion postponed to the end of 2025-09-10 → 2025-09-11.
    // A second 催告 arriving 2025-06-01 (inside the six months) does nothing.
    [Fact]
    public async Task Limitation_TwoDemandsInsideSixMonths_PostponedOnce()
    {
        var json = await Json("--due", "2020-06-30", "--demand", "2025-03-10", "--demand", "2025-06-01");

        Assert.Equal("2025-09-11", json.GetProperty("lapsesOn").GetString());
        Assert.Equal(["Postponed", "None"], json.GetProperty("events").EnumerateArray().Skip(1).Select(e => e.GetProperty("effect").GetString()));
    }

    // Stay from 2025-03-10 → extinguished at the end of 2028-03-10: lapsesOn 2028-03-11, earlier than the limitation (2030-02-01).
    [Fact]
    public async Task Limitation_StayFrom20250310_Extinguished20280311()
    {
        var json = await Json("--due", "2025-01-31", "--stay", "2025-03-10");

        Assert.Equal("2028-03-11", json.GetProperty("lapsesOn").GetString());
        Assert.Equal("2028-03-11", json.GetProperty("stayExtinguishesOn").GetString());
        Assert.Equal("2030-02-01", json.GetProperty("limitationLapsesOn").GetString());
    }

    // A late assessment: 法定納期限 2023-05-31, the notice's 納期限 2024-02-29: the 告知 renews from 2024-03-01 → 2029-03-01 (from
    // the 法定納期限 alone it would be 2028-06-01). A seizure 2024-06-03 still pending → the lapse cannot be placed; released
    // 2025-01-15 → F = 2025-01-16 → 2030-01-16.
    [Fact]
    public async Task Limitation_StatutoryDueAndSeizure_PendingUnknownThenRenewed()
    {
        Assert.Equal("2029-03-01", (await Json("--due", "2024-02-29", "--statutory-due", "2023-05-31")).GetProperty("lapsesOn").GetString());
        Assert.Equal(JsonValueKind.Null, (await Json("--due", "2024-02-29", "--statutory-due", "2023-05-31", "--seizure", "2024-06-03")).GetProperty("lapsesOn").ValueKind);
        Assert.Equal("2030-01-16", (await Json("--due", "2024-02-29", "--statutory-due", "2023-05-31", "--seizure", "2024-06-03:2025-01-15")).GetProperty("lapsesOn").GetString());
    }

    [Fact]
    public async Task Limitation_BadPeriod_JapaneseErrorNamingTheOption()
    {
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "limitation", "--due", "2025-04-30", "--deferment", "2026-01-01");

        Assert.NotEqual(0, code);
        Assert.Contains("--deferment", error);
        Assert.Contains("FROM:TO", error);
    }
}
