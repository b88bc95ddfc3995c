using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu deletion request|approve|execute|show</c>: two people, and nothing deleted before approval. Taxpayer
/// 2000000001 paid its only installment (市民税 2019, 50,000) on 2019-06-28 and holds a My Number; 2000000002 still owes
/// 50,000 of the same. Staff 500001 システム管理者, 500002 システム管理者 and 承認者, 300001 承認者. Today 2026-11-26.
/// </summary>
public sealed class DeletionCommandsTests
{
    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var old = new DateTime(2019, 4, 1, 1, 0, 0, DateTimeKind.Utc);
        foreach (var (no, paid) in new[] { ("2000000001", true), ("2000000002", false) })
        {
            var t = new Taxpayer { TaxpayerNo = no, Facts = new TaxpayerFacts { NameKanji = "削除 対象", NameKana = "サクジョ" }, HistorySeq = 1, EffectiveDate = new DateOnly(2018, 4, 1), CreatedAtUtc = old, UpdatedAtUtc = old };
            db.Taxpayers.Add(t);
            await db.SaveChangesAsync();
            db.TaxpayerMyNumbers.Add(new TaxpayerMyNumber { TaxpayerId = t.Id, Value = "ciphertext-" + no, KeyVersion = 1, BlindIndex = new string('a', 64), UpdatedAtUtc = old });
            var a = new Assessment
            {
                TaxpayerId = t.Id, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2019, LiabilityYear = 2019, NoticeNo = "2019" + no, CreatedAtUtc = old,
                Installments = [new Installment { Period = 1, NominalDueDate = new DateOnly(2019, 7, 1), DueDate = new DateOnly(2019, 7, 1), StatutoryDueDate = new DateOnly(2019, 7, 1) }],
            };
            db.Assessments.Add(a);
            await db.SaveChangesAsync();
            db.JournalEntries.Add(new JournalEntry { InstallmentId = a.Installments[0].Id, Kind = JournalEntryKind.Charge, Component = LedgerComponent.Principal, Amount = 50_000, ValueDate = new DateOnly(2019, 4, 1), RecordedAtUtc = old, Actor = "test" });
            if (paid)
                db.JournalEntries.Add(new JournalEntry { InstallmentId = a.Installments[0].Id, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -50_000, ValueDate = new DateOnly(2019, 6, 28), RecordedAtUtc = old.AddDays(90), Actor = "test" });
            await db.SaveChangesAsync();
        }
        await StaffSeed.AddAsync(db, "500001", "管理 一郎", StaffSeed.Holds(Role.SystemAdministrator));
        await StaffSeed.AddAsync(db, "500002", "管理 二郎", StaffSeed.Holds(Role.SystemAdministrator), StaffSeed.Holds(Role.Approver));
        await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Deletion_RequestSelfApproveExecuteBeforeApprovalThenApproveAndExecute(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var tooLate = await RunAsync(store, "deletion", "request", "--scope", "my-numbers", "--cutoff", "2022-01-01", "--reason", "年次削除", "--operator", "500002");
        Assert.Equal(2, tooLate.ExitCode);
        Assert.Contains("保存期間（5年）内です", tooLate.Err);

        var request = await RunAsync(store, "deletion", "request", "--scope", "my-numbers", "--cutoff", "2021-04-01", "--reason", "年次削除", "--operator", "500002");
        Assert.Equal((0, ""), (request.ExitCode, request.Err));
        Assert.Contains("削除申請 1 を登録しました: 個人番号 1 件", request.Out);

        var self = await RunAsync(store, "deletion", "approve", "1", "--operator", "500002");
        Assert.Equal(3, self.ExitCode);
        Assert.Contains("自分が申請した削除は承認・却下できません", self.Err);

        var early = await RunAsync(store, "deletion", "execute", "1", "--operator", "500001");
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("まだ承認されていません", early.Err);

        var approve = await RunAsync(store, "deletion", "approve", "1", "--operator", "300001", "--comment", "一覧確認済み");
        Assert.Equal(0, approve.ExitCode);
        var execute = await RunAsync(store, "deletion", "execute", "1", "--operator", "500001");
        Assert.Equal(0, execute.ExitCode);
        Assert.Contains("個人番号を削除 1 件、対象外 0 件", execute.Out);

        var show = await RunAsync(store, "deletion", "show", "1");
        Assert.Contains("削除申請 1  実行済み", show.Out);
        Assert.Contains("申請: 500002 管理 二郎  2026-11-26 12:00:00", show.Out);
        Assert.Contains("承認: 300001 承認 三郎  2026-11-26 12:00:00  一覧確認済み", show.Out);
        Assert.Contains("実行: 500001 管理 一郎  2026-11-26 12:00:00  削除 1 件 / 対象 1 件", show.Out);
        Assert.Contains("宛名番号 2000000001  削除 2026-11-26 12:00:00", show.Out);

        await using var db = store.Open();
        var left = await (from m in db.TaxpayerMyNumbers join t in db.Taxpayers on m.TaxpayerId equals t.Id select t.TaxpayerNo).ToListAsync();
        Assert.Equal(["2000000002"], left);
    }
}
