using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu case open|assign|hold|show</c>: only the officer in charge or an approver changes a case; a refusal
/// exits 3 and is in the audit log. Taxpayer 1000000001; staff 200001 and 200002 滞納整理担当, 300001 承認者.
/// Today 2026-11-26 (JST).
/// </summary>
public sealed class CaseCommandsTests
{
    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        await LedgerSeed.TaxpayerAsync(db, "1000000001");
        await StaffSeed.AddAsync(db, "200001", "滞納 一郎", StaffSeed.Holds(Role.DelinquencyOfficer));
        await StaffSeed.AddAsync(db, "200002", "滞納 二郎", StaffSeed.Holds(Role.DelinquencyOfficer));
        await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Case_OpenAssignHoldShow_OnlyOfficerInChargeOrApprover(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var open = await RunAsync(store, "case", "open", "--taxpayer", "1000000001", "--operator", "300001");
        Assert.Equal(0, open.ExitCode);
        Assert.Contains("担当者 未設定", open.Out);

        var firstByOfficer = await RunAsync(store, "case", "assign", "--taxpayer", "1000000001", "--officer", "200001", "--operator", "200001");
        Assert.Equal(3, firstByOfficer.ExitCode);
        Assert.Contains("承認者のみ", firstByOfficer.Err);

        var assign = await RunAsync(store, "case", "assign", "--taxpayer", "1000000001", "--officer", "200001", "--operator", "300001");
        Assert.Equal((0, ""), (assign.ExitCode, assign.Err));
        Assert.Contains("担当者を 200001 滞納 一郎 にしました", assign.Out);

        var other = await RunAsync(store, "case", "hold", "--taxpayer", "1000000001", "--reason", "分納誓約", "--operator", "200002");
        Assert.Equal(3, other.ExitCode);
        Assert.Equal("エラー: 一斉催告停止を更新できるのは、この事案の担当者または承認者のみです。", other.Err.Trim());

        var hold = await RunAsync(store, "case", "hold", "--taxpayer", "1000000001", "--reason", "分納誓約", "--operator", "200001");
        Assert.Equal(0, hold.ExitCode);

        var show = await RunAsync(store, "case", "show", "--taxpayer", "1000000001", "--operator", "200002");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("担当者: 200001 滞納 一郎", show.Out);
        Assert.Contains("一斉催告停止: 停止中（理由: 分納誓約）", show.Out);

        await using var db = store.Open();
        // Each operator's choshu login (1000, made by CliRunner) aside.
        var kinds = await db.AuditEvents.Where(e => e.Kind != AuditEventKind.LoginSucceeded).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal([AuditEventKind.CaseOpened, AuditEventKind.AccessDenied, AuditEventKind.CaseOfficerAssigned, AuditEventKind.AccessDenied,
            AuditEventKind.CaseDemandHoldChanged, AuditEventKind.TaxpayerViewed], kinds);
    }

    [Fact]
    public async Task Case_UnknownOperator_RefusedExit3AsWithoutLogin()
    {
        await using var store = await SeedAsync(StoreProvider.Sqlite);

        // No one can log in as an unknown staff number, so the command is refused as any command without proof of the
        // person is (issue 18, defect 6), without telling whether the number exists.
        var r = await RunAsync(store, "case", "open", "--taxpayer", "1000000001", "--operator", "999999");

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("職員番号 999999 として操作するには本人の確認が必要です", r.Err);
        Assert.Contains("choshu login --operator 999999", r.Err);
    }
}
