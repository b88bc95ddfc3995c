using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu relief add|approve|cancel</c> and <c>choshu report relief</c> on SQLite. Today 2026-07-01 (JST). Taxpayer 1000000001 owes
/// two 市民税 2025 installments of 50,000 (notice 2025010000001), officer 200001, approvers 300001 and 300002. Late fee to 2026-07-01,
/// base 50,000 (rates 2025 2.4% / 8.7%, 2026 9.1%):
/// <list type="bullet">
/// <item>第1期, due 2025-04-30: 05-01–05-31 31 days × 2.4% = 101; 06-01–12-31 214 days × 8.7% = 2,550; 2026-01-01–07-01 182 days × 9.1%
/// = 2,268; 4,919 → 4,900. Relieved by 1,900 → 3,000 owed; a payment of 53,000 then goes 50,000 to principal and 3,000 to late fee.</item>
/// <item>第2期, due 2025-07-31: 101 + 09-01–12-31 122 days × 8.7% = 1,453 + 2,268 = 3,822 → 3,800. Relief of the period
/// 2026-01-01–07-01: without those days 101 + 1,453 = 1,554 → 1,500, so 3,800 − 1,500 = 2,300 relieved and 1,500 owed.</item>
/// </list>
/// </summary>
public sealed class ReliefCommandsTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero));

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(Clock, [.. args, "--db", store.Store.ConnectionString]);

    private static async Task<JsonElement> CaseAsync(TestStore store)
    {
        var show = await RunAsync(store, "case", "show", "1000000001", "--json");
        Assert.Equal((0, ""), (show.ExitCode, show.Err));
        return JsonDocument.Parse(show.Out).RootElement;
    }

    private static long LateFeeOf(JsonElement file, int period) =>
        file.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("period").GetInt16() == period).GetProperty("lateFee").GetInt64();

    [Fact]
    public async Task Relief_DraftedDecidedByAnother_LateFeeAndAllocationReflectIt_CancelRestores_ReportPerTaxKind()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        long first, second;
        await using (var db = store.Open())
        {
            var id = await LedgerSeed.TaxpayerAsync(db, "1000000001", "減免 花子");
            var ids = await LedgerSeed.AssessmentAsync(db, id, "01", 2025, "2025010000001",
                new LedgerSeed.Inst(1, new DateOnly(2025, 4, 30), 50_000), new LedgerSeed.Inst(2, new DateOnly(2025, 7, 31), 50_000));
            (first, second) = (ids[0], ids[1]);
            await LedgerSeed.ClaimEventAsync(db, first, ClaimEventKind.ReminderDispatched, new DateOnly(2025, 5, 20));
            await StaffSeed.AddAsync(db, "200001", "滞納 一郎", StaffSeed.Holds(Role.DelinquencyOfficer));
            await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
            await StaffSeed.AddAsync(db, "300002", "鹿児島 四郎", StaffSeed.Holds(Role.Approver));
        }
        Assert.Equal(0, (await RunAsync(store, "case", "open", "--taxpayer", "1000000001", "--operator", "300001")).ExitCode);
        Assert.Equal(0, (await RunAsync(store, "case", "assign", "--taxpayer", "1000000001", "--officer", "200001", "--operator", "300001")).ExitCode);
        var before = await CaseAsync(store);
        Assert.Equal((4_900L, 3_800L), (LateFeeOf(before, 1), LateFeeOf(before, 2)));

        var add = await RunAsync(store, "relief", "add", "1000000001", "--claim", first.ToString(), "--amount", "1900",
            "--reason", "災害により納付が遅れたため", "--basis", "326-3", "--operator", "200001");
        Assert.Equal((0, ""), (add.ExitCode, add.Err));
        Assert.Contains("延滞金減免 1 を起案しました", add.Out);
        Assert.Contains("地方税法第326条第3項", add.Out);
        // More than the late fee owed is refused; an unknown basis code needs its text.
        var tooMuch = await RunAsync(store, "relief", "add", "1000000001", "--claim", first.ToString(), "--amount", "5000", "--reason", "理由", "--basis", "326-3", "--operator", "200001");
        Assert.Equal(2, tooMuch.ExitCode);
        Assert.Contains("4,900円", tooMuch.Err);
        var noText = await RunAsync(store, "relief", "add", "1000000001", "--claim", second.ToString(), "--all", "--reason", "理由", "--basis", "X-1", "--operator", "200001");
        Assert.Equal(2, noText.ExitCode);
        Assert.Contains("--basis-text", noText.Err);

        var period = await RunAsync(store, "relief", "add", "1000000001", "--claim", second.ToString(), "--from", "2026-01-01", "--to", "2026-07-01",
            "--reason", "病気療養のため", "--basis", "city-9", "--basis-text", "市税条例第19条第3項", "--operator", "300001");
        Assert.Equal((0, ""), (period.ExitCode, period.Err));
        Assert.Contains("延滞金減免 2 を起案しました", period.Out);

        // A draft changes nothing; the officer cannot decide; the drafter cannot decide their own draft (audited).
        Assert.Equal(4_900L, LateFeeOf(await CaseAsync(store), 1));
        Assert.Equal(3, (await RunAsync(store, "relief", "approve", "1", "--operator", "200001")).ExitCode);
        var self = await RunAsync(store, "relief", "approve", "2", "--operator", "300001");
        Assert.Equal(3, self.ExitCode);
        Assert.Contains("自分が起案した延滞金減免は決裁できません", self.Err);

        var approve1 = await RunAsync(store, "relief", "approve", "1", "--operator", "300001");
        Assert.Equal((0, ""), (approve1.ExitCode, approve1.Err));
        Assert.Contains("減免額 1,900円", approve1.Out);
        var approve2 = await RunAsync(store, "relief", "approve", "2", "--operator", "300002");
        Assert.Equal((0, ""), (approve2.ExitCode, approve2.Err));
        Assert.Contains("減免額 2,300円", approve2.Out);
        var twice = await RunAsync(store, "relief", "approve", "1", "--operator", "300002");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("決裁済み", twice.Err);

        var after = await CaseAsync(store);
        Assert.Equal((3_000L, 1_500L, 4_500L), (LateFeeOf(after, 1), LateFeeOf(after, 2), after.GetProperty("total").GetProperty("lateFee").GetInt64()));

        // 53,000 paid on 第1期: principal 50,000, late fee 3,000 (4,900 booked as final, 1,900 relieved), nothing overpaid.
        var pay = await RunAsync(store, "pay", "--notice-no", "2025010000001", "--period", "1", "--amount", "53000", "--date", "2026-07-01", "--json");
        Assert.Equal((0, ""), (pay.ExitCode, pay.Err));
        Assert.Equal(0L, JsonDocument.Parse(pay.Out).RootElement.GetProperty("overpaid").GetInt64());
        await using (var db = store.Open())
        {
            var journal = (await LedgerSeed.JournalAsync(db)).Where(j => j.InstallmentId == first && (j.Kind != JournalEntryKind.Charge || j.ReasonCode == "latefee.final"))
                .Select(j => (j.Kind, j.Component, j.Amount)).ToList();
            Assert.Equal([
                (JournalEntryKind.LateFeeRelief, LedgerComponent.LateFee, -1_900L),
                (JournalEntryKind.Payment, LedgerComponent.Principal, -50_000L),
                (JournalEntryKind.Charge, LedgerComponent.LateFee, 4_900L),
                (JournalEntryKind.Payment, LedgerComponent.LateFee, -3_000L),
            ], journal);
        }

        // Cancelling the decided relief of 第1期 reverses its entry: the 1,900 is owed again.
        var cancel = await RunAsync(store, "relief", "cancel", "1", "--reason", "減免の要件を満たさないことが判明", "--operator", "300002");
        Assert.Equal((0, ""), (cancel.ExitCode, cancel.Err));
        Assert.Contains("1,900円 の減免を取り消し", cancel.Out);
        Assert.Equal(1_900L, LateFeeOf(await CaseAsync(store), 1));

        var report = await RunAsync(store, "report", "relief", "--from", "2026-07-01", "--to", "2026-07-01", "--json");
        Assert.Equal((0, ""), (report.ExitCode, report.Err));
        var row = Assert.Single(JsonDocument.Parse(report.Out).RootElement.EnumerateArray());
        Assert.Equal(("01", 1, 2_300L), (row.GetProperty("taxKindCode").GetString(), row.GetProperty("count").GetInt32(), row.GetProperty("amount").GetInt64()));

        await using (var db = store.Open())
        {
            var kinds = await db.AuditEvents.AsNoTracking().Where(e => (int)e.Kind >= 3300 && (int)e.Kind <= 3319).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
            Assert.Equal([AuditEventKind.LateFeeWaiverDrafted, AuditEventKind.LateFeeWaiverDrafted, AuditEventKind.LateFeeWaiverDecided,
                AuditEventKind.LateFeeWaiverDecided, AuditEventKind.LateFeeWaiverCancelled], kinds);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Kind == AuditEventKind.AccessDenied && e.Detail!.Contains("延滞金減免 2 の決裁: 起案者本人")));
        }
    }
}
