using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu claim event add|end|withdraw</c> and <c>choshu claim show</c>. Taxpayer 1000000001 with 市民税 2020 notice
/// 2020010001 period 1 of 50,000 due 2020-06-30 (法定納期限 the same). Staff 100001 収納担当, 200001 滞納整理担当 (the
/// officer in charge once the case is opened), 300001 承認者. Today 2026-11-26 (JST). The reminder fee is set to 0.
/// </summary>
public sealed class ClaimCommandsTests
{
    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var taxpayerId = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        await LedgerSeed.AssessmentAsync(db, taxpayerId, "01", 2020, "2020010001", new LedgerSeed.Inst(1, new DateOnly(2020, 6, 30), 50_000));
        await StaffSeed.AddAsync(db, "100001", "収納 花子", StaffSeed.Holds(Role.CollectionClerk));
        await StaffSeed.AddAsync(db, "200001", "滞納 一郎", StaffSeed.Holds(Role.DelinquencyOfficer));
        await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    private static readonly string[] Claim = ["--notice-no", "2020010001", "--period", "1"];

    private static async Task<JsonElement> ShowJsonAsync(TestStore store, string asOf)
    {
        var show = await RunAsync(store, ["claim", "show", .. Claim, "--as-of", asOf, "--json"]);
        Assert.True(show.ExitCode == 0, show.Err);
        return JsonDocument.Parse(show.Out).RootElement;
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ClaimEventAdd_ReminderWithFeeZero_RenewsAndShowsLapseDay(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        Assert.Equal(0, (await RunAsync(store, "settings", "set", "reminder.fee_yen", "0")).ExitCode);

        var early = await RunAsync(store, ["claim", "event", "add", .. Claim, "--kind", "reminder", "--on", "2020-06-30", "--operator", "100001"]);
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("督促は納期限 2020-06-30 の翌日以後に発します", early.Err);

        var add = await RunAsync(store, ["claim", "event", "add", .. Claim, "--kind", "reminder", "--on", "2020-07-20", "--operator", "100001"]);
        Assert.True(add.ExitCode == 0, add.Err);
        Assert.Contains("通知書番号 2020010001 第1期 督促 2020-07-20", add.Out);

        // Due 2020-06-30, reminder 2020-07-20 (no fee): renewed from 2020-07-31, lapses on 2025-07-31.
        var json = await ShowJsonAsync(store, "2020-08-01");
        Assert.Equal(("2020-06-30", "2020-06-30", "Reminded", "督促済", "2020-07-20", "2020-07-31", "2025-07-31", "2025-07-30", 50_000L),
            (json.GetProperty("dueDate").GetString(), json.GetProperty("statutoryDueDate").GetString(), json.GetProperty("status").GetString(),
             json.GetProperty("statusLabel").GetString(), json.GetProperty("reminderOn").GetString(), json.GetProperty("seizableFrom").GetString(),
             json.GetProperty("lapsesOn").GetString(), json.GetProperty("lastCollectableDay").GetString(), json.GetProperty("owed").GetInt64()));
        var e = json.GetProperty("events")[0];
        Assert.Equal(("ReminderDispatched", "督促", "2020-07-20", true, "100001"),
            (e.GetProperty("kind").GetString(), e.GetProperty("label").GetString(), e.GetProperty("on").GetString(), e.GetProperty("inForce").GetBoolean(), e.GetProperty("actor").GetString()));
        Assert.Equal(
            [("StatutoryDueDate", "Start", "2020-07-01"), ("ReminderDispatched", "Renewed", "2020-07-31")],
            json.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("event").GetString(), s.GetProperty("effect").GetString(), s.GetProperty("firstCountedDay").GetString())));

        var text = await RunAsync(store, ["claim", "show", .. Claim]);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("状態: 時効", text.Out); // today 2026-11-26, after 2025-07-31
        Assert.Contains("徴収権は 2025-07-31 に消滅します（最終日 2025-07-30）。", text.Out);

        await using var db = store.Open();
        Assert.Equal(0, await db.JournalEntries.CountAsync(j => j.Component == Domain.Ledger.LedgerComponent.ReminderFee));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ClaimEventEndAndWithdraw_Seizure_EndedThenTheEndWithdrawn(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        Assert.Equal(0, (await RunAsync(store, ["claim", "event", "add", .. Claim, "--kind", "reminder", "--on", "2020-07-20", "--operator", "100001"])).ExitCode);

        var noCase = await RunAsync(store, ["claim", "event", "add", .. Claim, "--kind", "seizure", "--on", "2020-08-03", "--operator", "200001"]);
        Assert.Equal(2, noCase.ExitCode);
        Assert.Contains("滞納整理事案の更新です", noCase.Err);
        Assert.Equal(0, (await RunAsync(store, "case", "open", "--taxpayer", "1000000001", "--operator", "300001")).ExitCode);
        Assert.Equal(0, (await RunAsync(store, "case", "assign", "--taxpayer", "1000000001", "--officer", "200001", "--operator", "300001")).ExitCode);
        var byClerk = await RunAsync(store, ["claim", "event", "add", .. Claim, "--kind", "seizure", "--on", "2020-08-03", "--operator", "100001"]);
        Assert.Equal(3, byClerk.ExitCode);

        var seize = await RunAsync(store, ["claim", "event", "add", .. Claim, "--kind", "seizure", "--on", "2020-08-03", "--reason", "預金", "--operator", "200001"]);
        Assert.True(seize.ExitCode == 0, seize.Err);
        Assert.Equal(JsonValueKind.Null, (await ShowJsonAsync(store, "2020-09-01")).GetProperty("lapsesOn").ValueKind);
        var seizureId = (await ShowJsonAsync(store, "2020-09-01")).GetProperty("events")[1].GetProperty("id").GetInt64();

        var end = await RunAsync(store, "claim", "event", "end", seizureId.ToString(), "--on", "2021-03-31", "--reason", "取立完了", "--operator", "200001");
        Assert.True(end.ExitCode == 0, end.Err);
        Assert.Contains("差押 2020-08-03〜2021-03-31", end.Out);
        // Ended 2021-03-31: renewed from 2021-04-01, lapses on 2026-04-01.
        var ended = await ShowJsonAsync(store, "2021-04-01");
        Assert.Equal(("2026-04-01", "Reminded"), (ended.GetProperty("lapsesOn").GetString(), ended.GetProperty("status").GetString()));
        var endId = ended.GetProperty("events")[2].GetProperty("id").GetInt64();
        Assert.Equal(seizureId, ended.GetProperty("events")[2].GetProperty("reversesEventId").GetInt64());

        var again = await RunAsync(store, "claim", "event", "end", endId.ToString(), "--on", "2021-04-30", "--reason", "二重", "--operator", "200001");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("終了を記録できません", again.Err);

        // The end was recorded in error: withdrawn, the seizure is pending again.
        var withdraw = await RunAsync(store, "claim", "event", "withdraw", endId.ToString(), "--reason", "終了日の誤り", "--operator", "200001");
        Assert.True(withdraw.ExitCode == 0, withdraw.Err);
        var reopened = await ShowJsonAsync(store, "2021-04-01");
        Assert.Equal((JsonValueKind.Null, "Seized"), (reopened.GetProperty("lapsesOn").ValueKind, reopened.GetProperty("status").GetString()));
        var twice = await RunAsync(store, "claim", "event", "withdraw", endId.ToString(), "--reason", "再度", "--operator", "200001");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("既に取り消されている", twice.Err);
    }
}
