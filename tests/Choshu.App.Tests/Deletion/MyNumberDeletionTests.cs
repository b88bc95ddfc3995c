using Choshu.App.Deletion;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Privacy;
using Choshu.Data.Settings;
using Choshu.Data.Taxpayers;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Deletion;

/// <summary>
/// Deletion of My Numbers after the retention period, with two signatures. Today 2026-11-26 (JST); retention 5
/// years, so the latest cutoff is 2021-11-26; requests here use cutoff 2021-04-01. Every taxpayer below holds a
/// My Number (stored 2018-05-01) and one 市民税 2019 installment due 2019-07-01 of 50,000 charged 2019-04-01:
/// <list type="bullet">
/// <item>2000000001: paid 50,000 on 2019-06-28 → eligible.</item>
/// <item>2000000002: paid 50,000 on 2019-06-28 → eligible (a test later gives it a new 2026 assessment).</item>
/// <item>2000000003: unpaid (balance 50,000) → not eligible.</item>
/// <item>2000000004: paid 20,000 on 2019-06-28 and 30,000 on 2021-06-01, after the cutoff → not eligible.</item>
/// <item>2000000005: paid on 2019-06-28 but a direct-debit registration is still in force → not eligible.</item>
/// </list>
/// Staff: 500001 システム管理者 (requests), 500002 システム管理者 and 承認者, 300001 承認者, 100001 収納担当.
/// </summary>
public class MyNumberDeletionTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static readonly DateOnly Cutoff = new(2021, 4, 1);

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private sealed class World : IAsyncDisposable
    {
        public required TestStore Store { get; init; }
        public required Actor Admin { get; init; }
        public required Actor AdminApprover { get; init; }
        public required Actor Approver { get; init; }
        public required Actor Clerk { get; init; }
        public required Dictionary<string, long> Ids { get; init; }
        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 1, 0, 0, DateTimeKind.Utc);

    private static async Task<World> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var ids = new Dictionary<string, long>();
        foreach (var (no, payments) in new (string, (long, DateOnly)[])[]
                 {
                     ("2000000001", [(50_000, new DateOnly(2019, 6, 28))]),
                     ("2000000002", [(50_000, new DateOnly(2019, 6, 28))]),
                     ("2000000003", []),
                     ("2000000004", [(20_000, new DateOnly(2019, 6, 28)), (30_000, new DateOnly(2021, 6, 1))]),
                     ("2000000005", [(50_000, new DateOnly(2019, 6, 28))]),
                 })
        {
            var t = new Taxpayer
            {
                TaxpayerNo = no, Facts = new TaxpayerFacts { NameKanji = "削除 対象" + no[^1], NameKana = "サクジョ" },
                HistorySeq = 1, EffectiveDate = new DateOnly(2018, 4, 1), CreatedAtUtc = Utc(2018, 4, 1), UpdatedAtUtc = Utc(2018, 4, 1),
            };
            db.Taxpayers.Add(t);
            await db.SaveChangesAsync();
            ids[no] = t.Id;
            // Stands for ciphertext: these tests never read the value, only whether the row exists.
            db.TaxpayerMyNumbers.Add(new TaxpayerMyNumber { TaxpayerId = t.Id, Value = "ciphertext-" + no, KeyVersion = 1, BlindIndex = new string('a', 64), UpdatedAtUtc = Utc(2018, 5, 1) });
            var a = new Assessment
            {
                TaxpayerId = t.Id, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2019, LiabilityYear = 2019, NoticeNo = "2019" + no, CreatedAtUtc = Utc(2019, 4, 1),
                Installments = [new Installment { Period = 1, NominalDueDate = new DateOnly(2019, 7, 1), DueDate = new DateOnly(2019, 7, 1), StatutoryDueDate = new DateOnly(2019, 7, 1) }],
            };
            db.Assessments.Add(a);
            await db.SaveChangesAsync();
            var inst = a.Installments[0].Id;
            db.JournalEntries.Add(Entry(inst, JournalEntryKind.Charge, 50_000, new DateOnly(2019, 4, 1)));
            foreach (var (amount, on) in payments) db.JournalEntries.Add(Entry(inst, JournalEntryKind.Payment, -amount, on));
            await db.SaveChangesAsync();
        }
        db.DirectDebitAccounts.Add(new DirectDebitAccount
        {
            TaxpayerId = ids["2000000005"], TaxKindCode = TaxKindCodes.InhabitantTax, BankCode = "0182", BranchCode = "001", AccountNo = "1234567",
            HolderKana = "ｻｸｼﾞｮ", StartsOn = new DateOnly(2019, 4, 1), RecordedAtUtc = Utc(2019, 3, 1),
        });
        await db.SaveChangesAsync();
        return new World
        {
            Store = store, Ids = ids,
            Admin = await AddAsync(db, "500001", "管理 一郎", Holds(Role.SystemAdministrator)),
            AdminApprover = await AddAsync(db, "500002", "管理 二郎", Holds(Role.SystemAdministrator), Holds(Role.Approver)),
            Approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver)),
            Clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk)),
        };
    }

    private static JournalEntry Entry(long installmentId, JournalEntryKind kind, long amount, DateOnly on) => new()
    {
        InstallmentId = installmentId, Kind = kind, Component = LedgerComponent.Principal, Amount = amount, ValueDate = on,
        RecordedAtUtc = new DateTime(on.Year, on.Month, on.Day, 1, 0, 0, DateTimeKind.Utc), Actor = "test",
    };

    private static async Task<List<string>> HoldersAsync(World w)
    {
        await using var db = w.Store.Open();
        return (await (from m in db.TaxpayerMyNumbers join t in db.Taxpayers on m.TaxpayerId equals t.Id select t.TaxpayerNo).ToListAsync()).Order(StringComparer.Ordinal).ToList();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RequestAsync_ClosedAndQuietBeforeCutoff_FixesExactlyThoseTargets(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();

        var v = await new DeletionRequests(db, Clock()).RequestAsync(w.Admin, "my-numbers", Cutoff, "保存期間経過（年次）");

        Assert.Equal((DeletionStatus.Requested, 2, "500001 管理 一郎", MyNumberRetention.Scope), (v.Status, v.TargetCount, v.RequestedBy, v.Scope));
        Assert.Equal(["2000000001", "2000000002"], v.Targets.Select(t => t.TaxpayerNo));
        Assert.All(v.Targets, t => Assert.Null(t.DeletedAtUtc));
        var e = await db.AuditEvents.SingleAsync();
        Assert.Equal((AuditEventKind.DeletionRequested, "500001", "保存期間経過（年次）"), (e.Kind, e.ActorName, e.Purpose));
        Assert.Equal($"削除申請 {v.Id}: {MyNumberRetention.Scope} 基準日 2021-04-01 対象 2 件", e.Detail);
        Assert.Equal(5, (await HoldersAsync(w)).Count); // a request deletes nothing
    }

    [Fact]
    public async Task RequestAsync_CutoffWithinRetentionPeriod_Refused()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var service = new DeletionRequests(db, Clock());

        var ex = await Assert.ThrowsAsync<DomainException>(() => service.RequestAsync(w.Admin, "my-numbers", new DateOnly(2021, 11, 27), "早すぎる"));
        Assert.Equal("deletion.cutoff_too_late", ex.Code);
        Assert.Contains("2021-11-26 以前", ex.Message);

        // The period is the city's setting: with 3 years, 2021-11-27 is allowed, and 2000000004 (last paid 2021-06-01) is then past it too.
        db.Settings.Add(new Setting { Key = MyNumberRetention.SettingKey, Value = "3", UpdatedAtUtc = Utc(2026, 11, 1), UpdatedBy = "test" });
        await db.SaveChangesAsync();
        var v = await service.RequestAsync(w.Admin, "my-numbers", new DateOnly(2021, 11, 27), "保存期間の変更後");
        Assert.Equal(["2000000001", "2000000002", "2000000004"], v.Targets.Select(t => t.TaxpayerNo));
    }

    [Fact]
    public async Task RequestAsync_WithoutRequestRight_RefusedAndAudited()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();

        await Assert.ThrowsAsync<AccessDeniedException>(() => new DeletionRequests(db, Clock()).RequestAsync(w.Clerk, "my-numbers", Cutoff, "x"));

        Assert.Equal(0, await db.DeletionRequests.CountAsync());
        Assert.Equal(AuditEventKind.AccessDenied, (await db.AuditEvents.SingleAsync()).Kind);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ApproveAsync_RequesterApprovesOwnRequest_RefusedAndAudited(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        var service = new DeletionRequests(db, Clock());
        var v = await service.RequestAsync(w.AdminApprover, "my-numbers", Cutoff, "保存期間経過");

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => service.ApproveAsync(w.AdminApprover, v.Id, null));

        Assert.Contains("自分が申請した削除", ex.Message);
        Assert.Equal(DeletionStatus.Requested, (await db.DeletionRequests.AsNoTracking().SingleAsync()).Status);
        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "500002", $"ApproveDeletion: 削除申請 {v.Id} の承認: 申請者本人"),
            (e.Kind, e.Outcome, e.ActorName, e.Detail));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RejectAsync(w.AdminApprover, v.Id, "取り下げ"));
    }

    [Fact]
    public async Task ApproveAsync_PersonWithoutApproverRole_RefusedAndAudited()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var service = new DeletionRequests(db, Clock());
        var v = await service.RequestAsync(w.AdminApprover, "my-numbers", Cutoff, "保存期間経過");

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ApproveAsync(w.Admin, v.Id, null));

        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal((AuditEventKind.AccessDenied, "500001"), (e.Kind, e.ActorName));
        Assert.Equal(DeletionStatus.Requested, (await db.DeletionRequests.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task ExecuteAsync_BeforeApproval_RefusedNothingDeleted()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var service = new DeletionRequests(db, Clock());
        var v = await service.RequestAsync(w.Admin, "my-numbers", Cutoff, "保存期間経過");

        var ex = await Assert.ThrowsAsync<DomainException>(() => service.ExecuteAsync(w.Admin, v.Id));

        Assert.Equal("deletion.not_approved", ex.Code);
        Assert.Equal(5, (await HoldersAsync(w)).Count);
        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal((AuditEventKind.DeletionExecuted, AuditOutcome.Failed, $"削除申請 {v.Id}: 承認待ちのため実行しません"), (e.Kind, e.Outcome, e.Detail));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ExecuteAsync_AfterApproval_DeletesTargetsOnlyAndRecordsWhoAndWhen(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        var clock = Clock();
        var service = new DeletionRequests(db, clock);
        var v = await service.RequestAsync(w.Admin, "my-numbers", Cutoff, "保存期間経過");
        clock.Advance(TimeSpan.FromHours(1));
        await service.ApproveAsync(w.Approver, v.Id, "対象一覧を確認");
        clock.Advance(TimeSpan.FromHours(1));

        var outcome = await service.ExecuteAsync(w.Admin, v.Id);

        Assert.Equal(["2000000001", "2000000002"], outcome.Deleted);
        Assert.Empty(outcome.Skipped);
        Assert.Equal(["2000000003", "2000000004", "2000000005"], await HoldersAsync(w));
        var shown = await service.ShowAsync(v.Id);
        Assert.Equal((DeletionStatus.Executed, "500001 管理 一郎", "300001 係長 三郎", "500001 管理 一郎", "対象一覧を確認", 2),
            (shown.Status, shown.RequestedBy, shown.DecidedBy, shown.ExecutedBy, shown.DecisionComment, shown.DeletedCount));
        Assert.Equal(new DateTime(2026, 11, 26, 4, 0, 0, DateTimeKind.Utc), shown.DecidedAtUtc);
        Assert.Equal(new DateTime(2026, 11, 26, 5, 0, 0, DateTimeKind.Utc), shown.ExecutedAtUtc);
        Assert.All(shown.Targets, t => Assert.Equal(new DateTime(2026, 11, 26, 5, 0, 0, DateTimeKind.Utc), t.DeletedAtUtc));
        var trail = await db.AuditEvents.OrderBy(e => e.Id).Select(e => new { e.Kind, e.ActorName, e.Detail }).ToListAsync();
        Assert.Equal([AuditEventKind.DeletionRequested, AuditEventKind.DeletionApproved, AuditEventKind.DeletionExecuted], trail.Select(t => t.Kind));
        Assert.Equal(("300001", $"削除申請 {v.Id}: 対象 2 件 対象一覧を確認"), (trail[1].ActorName, trail[1].Detail));
        Assert.Equal(("500001", $"削除申請 {v.Id}: 個人番号を削除 2 件、対象外 0 件。併せて消去: 口座振替の口座 0 件、経過記録 0 件、返戻郵便の記録 0 件、還付先口座 0 件、保留行の原文 0 件。"), (trail[2].ActorName, trail[2].Detail));
        // Executed once: a second execution is refused.
        Assert.Equal("deletion.not_approved", (await Assert.ThrowsAsync<DomainException>(() => service.ExecuteAsync(w.Admin, v.Id))).Code);
    }

    /// <summary>
    /// Issue 18, finding 10: the deletion erased only the My Number. 2000000001 (eligible) also had a direct-debit
    /// registration 2018-04-01 to 2020-03-31 and a case opened 2019-07-10, a phone call logged, closed 2019-08-01;
    /// 2000000003 (unpaid, not eligible) has an open case with a call logged. After the deletion 2000000001's account
    /// number and holder name and its call's counterpart, content and next action are gone (date, method and officer
    /// kept); 2000000003's stay as they were. Of two quarantined lines, the one of 2020 (before the cutoff) loses its raw
    /// text, the one of 2026 keeps it.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task ExecuteAsync_AfterApproval_ErasesBankAccountAndCaseLogTextOfDeletedTaxpayersOnly(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using (var seed = w.Store.Open())
        {
            seed.DirectDebitAccounts.Add(new DirectDebitAccount
            {
                TaxpayerId = w.Ids["2000000001"], TaxKindCode = TaxKindCodes.InhabitantTax, BankCode = "0182", BranchCode = "001", AccountNo = "7654321",
                HolderKana = "ｻｸｼﾞｮ ｲﾁ", StartsOn = new DateOnly(2018, 4, 1), EndsOn = new DateOnly(2020, 3, 31), RecordedAtUtc = Utc(2018, 3, 1),
            });
            var opened = new Choshu.Domain.Cases.CaseStamp("300001", null, new DateOnly(2019, 7, 10), Utc(2019, 7, 10));
            var closedCase = Choshu.Domain.Cases.CollectionCase.Open(w.Ids["2000000001"], opened);
            var openCase = Choshu.Domain.Cases.CollectionCase.Open(w.Ids["2000000003"], opened);
            seed.CollectionCases.AddRange(closedCase, openCase);
            await seed.SaveChangesAsync();
            closedCase.Close("完納", opened with { On = new DateOnly(2019, 8, 1), RecordedAtUtc = Utc(2019, 8, 1) });
            foreach (var c in new[] { closedCase, openCase })
                seed.CaseLogEntries.Add(Choshu.Domain.Cases.CaseLogEntry.Create(c.Id, new DateOnly(2019, 7, 12), new TimeOnly(10, 30), Choshu.Domain.Cases.CaseLogMethod.Phone,
                    "本人（090-0000-0000）", "7月末に全額納付すると申出", "入金確認", new DateOnly(2019, 7, 31), null, Choshu.Domain.Cases.CaseLogSource.Staff, null,
                    opened with { On = new DateOnly(2019, 7, 12), RecordedAtUtc = Utc(2019, 7, 12) }));
            var file = new Choshu.Data.Imports.ImportFile { Kind = "taxpayers", FileName = "atena.csv", Sha256 = new string('d', 64), Encoding = "shift_jis", SizeBytes = 1, FirstImportedAtUtc = Utc(2020, 5, 1) };
            seed.ImportFiles.Add(file);
            await seed.SaveChangesAsync();
            seed.QuarantinedRecords.AddRange(
                new Choshu.Data.Imports.QuarantinedRecord { ImportFileId = file.Id, LineNo = 7, Field = "生年月日", Reason = "日付が不正です", RawLine = "2000000009,保留 太郎,鹿児島市山下町1-1", QuarantinedAtUtc = Utc(2020, 5, 1) },
                new Choshu.Data.Imports.QuarantinedRecord { ImportFileId = file.Id, LineNo = 8, Field = "生年月日", Reason = "日付が不正です", RawLine = "2000000010,保留 花子,鹿児島市山下町1-2", QuarantinedAtUtc = Utc(2026, 5, 1) });
            await seed.SaveChangesAsync();
        }
        await using var db = w.Store.Open();
        var clock = Clock();
        var service = new DeletionRequests(db, clock);
        var v = await service.RequestAsync(w.Admin, "my-numbers", Cutoff, "保存期間経過");
        await service.ApproveAsync(w.Approver, v.Id, null);

        var outcome = await service.ExecuteAsync(w.Admin, v.Id);

        Assert.Equal(["2000000001", "2000000002"], outcome.Deleted);
        Assert.Equal(new PersonalDataErasure(1, 1, 0, 0, 1), outcome.Erased);
        Assert.Equal([(7, "生年月日", "（保存期間経過により消去）"), (8, "生年月日", "2000000010,保留 花子,鹿児島市山下町1-2")],
            (await db.QuarantinedRecords.AsNoTracking().OrderBy(q => q.LineNo).Select(q => new { q.LineNo, q.Field, q.RawLine }).ToListAsync()).Select(q => (q.LineNo, q.Field, q.RawLine)));
        db.ChangeTracker.Clear();
        var accounts = await db.DirectDebitAccounts.AsNoTracking().OrderBy(d => d.TaxpayerId)
            .Select(d => new { d.TaxpayerId, d.BankCode, d.AccountNo, d.HolderKana, d.EndsOn }).ToListAsync();
        Assert.Equal([(w.Ids["2000000001"], "0182", "", "", (DateOnly?)new DateOnly(2020, 3, 31)), (w.Ids["2000000005"], "0182", "1234567", "ｻｸｼﾞｮ", (DateOnly?)null)],
            accounts.Select(a => (a.TaxpayerId, a.BankCode, a.AccountNo, a.HolderKana, a.EndsOn)));
        var log = await (from e in db.CaseLogEntries.AsNoTracking() join c in db.CollectionCases on e.CaseId equals c.Id orderby c.TaxpayerId
                         select new { c.TaxpayerId, e.ContactedOn, e.Method, e.Counterpart, e.Content, e.NextAction }).ToListAsync();
        Assert.Equal(2, log.Count);
        Assert.Equal((w.Ids["2000000001"], new DateOnly(2019, 7, 12), Choshu.Domain.Cases.CaseLogMethod.Phone, "（保存期間経過により消去）", "（保存期間経過により消去）", (string?)null),
            (log[0].TaxpayerId, log[0].ContactedOn, log[0].Method, log[0].Counterpart, log[0].Content, log[0].NextAction));
        Assert.Equal((w.Ids["2000000003"], "本人（090-0000-0000）", "7月末に全額納付すると申出", (string?)"入金確認"),
            (log[1].TaxpayerId, log[1].Counterpart, log[1].Content, log[1].NextAction));
        var detail = await db.AuditEvents.Where(e => e.Kind == AuditEventKind.DeletionExecuted).Select(e => e.Detail).SingleAsync();
        Assert.Equal($"削除申請 {v.Id}: 個人番号を削除 2 件、対象外 0 件。併せて消去: 口座振替の口座 1 件、経過記録 1 件、返戻郵便の記録 0 件、還付先口座 0 件、保留行の原文 1 件。", detail);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ExecuteAsync_TargetActiveAgainAfterRequest_SkippedKeptAndReported(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        var service = new DeletionRequests(db, Clock());
        var v = await service.RequestAsync(w.Admin, "my-numbers", Cutoff, "保存期間経過");
        await service.ApproveAsync(w.Approver, v.Id, null);
        // 2000000002 moves back to the city: a 2026 assessment arrives after the request.
        var a = new Assessment
        {
            TaxpayerId = w.Ids["2000000002"], TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2026, LiabilityYear = 2026, NoticeNo = "2026000000002",
            CreatedAtUtc = Utc(2026, 11, 25), Installments = [new Installment { Period = 1, NominalDueDate = new DateOnly(2026, 12, 28), DueDate = new DateOnly(2026, 12, 28), StatutoryDueDate = new DateOnly(2026, 12, 28) }],
        };
        db.Assessments.Add(a);
        await db.SaveChangesAsync();
        db.JournalEntries.Add(Entry(a.Installments[0].Id, JournalEntryKind.Charge, 12_000, new DateOnly(2026, 11, 25)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var outcome = await service.ExecuteAsync(w.Admin, v.Id);

        Assert.Equal(["2000000001"], outcome.Deleted);
        Assert.Equal("2000000002", Assert.Single(outcome.Skipped).TaxpayerNo);
        Assert.Equal(["2000000002", "2000000003", "2000000004", "2000000005"], await HoldersAsync(w));
        var shown = await service.ShowAsync(v.Id);
        Assert.Equal((1, 2), (shown.DeletedCount, shown.TargetCount));
        Assert.Null(shown.Targets.Single(t => t.TaxpayerNo == "2000000002").DeletedAtUtc);
        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal($"削除申請 {v.Id}: 個人番号を削除 1 件、対象外 1 件（2000000002）。併せて消去: 口座振替の口座 0 件、経過記録 0 件、返戻郵便の記録 0 件、還付先口座 0 件、保留行の原文 0 件。", e.Detail);
    }

    [Fact]
    public async Task RejectAsync_ThenExecute_RefusedNothingDeleted()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var service = new DeletionRequests(db, Clock());
        var v = await service.RequestAsync(w.Admin, "my-numbers", Cutoff, "保存期間経過");

        Assert.Equal("deletion.comment_required", (await Assert.ThrowsAsync<DomainException>(() => service.RejectAsync(w.Approver, v.Id, " "))).Code);
        var rejected = await service.RejectAsync(w.Approver, v.Id, "係争中の案件を含むため");
        Assert.Equal(DeletionStatus.Rejected, rejected.Status);

        await Assert.ThrowsAsync<DomainException>(() => service.ExecuteAsync(w.Admin, v.Id));
        Assert.Equal(5, (await HoldersAsync(w)).Count);
    }
}
