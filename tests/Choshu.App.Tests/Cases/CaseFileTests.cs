using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Data.Documents;
using Choshu.Data.Taxpayers;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;
using Inst = Choshu.TestSupport.LedgerSeed.Inst;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// The case file (滞納者カルテ), the case log, 注意対象者 and opening by the city's rule, on real stores. Today 2026-11-26 (JST),
/// fiscal year 2026. Taxpayer 1300000001 (地区 D01): 市民税 2024 第1期 due 2024-07-01, 50,000 yen, reminder sent 2024-07-20 with a
/// 100-yen fee (滞納繰越分); 市民税 2026 第3期 due 2026-11-02, 30,000 yen, no reminder (現年分). The case's officer is 200001.
/// </summary>
public sealed class CaseFileTests : IAsyncLifetime
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private readonly Dictionary<StoreProvider, (TestStore Store, long CaseId)> _stores = [];
    private Actor _officer = null!, _colleague = null!, _approver = null!, _clerk = null!;

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { StoreProvider.Postgres, StoreProvider.Sqlite })
        {
            var store = await TestStore.CreateAsync(provider);
            await using var db = store.Open();
            _officer = await AddAsync(db, "200001", "滞納 一郎", Holds(Role.DelinquencyOfficer));
            _colleague = await AddAsync(db, "200002", "滞納 二郎", Holds(Role.DelinquencyOfficer));
            _approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver));
            _clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk));
            var t = await TaxpayerAsync(db, "1300000001", "D01");
            var old = await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2024, "2024010001", new Inst(1, new DateOnly(2024, 7, 1), 50_000));
            await LedgerSeed.ReminderFeeAsync(db, old[0], 100, new DateOnly(2024, 7, 20));
            await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2026, "2026010001", new Inst(3, new DateOnly(2026, 11, 2), 30_000));
            db.IssuedDocuments.Add(new IssuedDocument
            {
                Kind = IssuedDocumentKinds.Slip, Template = "slip", TemplateVersion = 1, TaxpayerId = t, DataSha256 = new string('0', 64),
                ActorName = "200001", IssuedAtUtc = new DateTime(2026, 11, 20, 1, 30, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync();
            var cases = new CaseUpdates(db, Clock());
            var c = await cases.OpenAsync(_approver, "1300000001");
            await cases.AssignAsync(_approver, c.Id, "200001");
            _stores[provider] = (store, c.Id);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (s, _) in _stores.Values) await s.DisposeAsync();
    }

    internal static async Task<long> TaxpayerAsync(ChoshuDbContext db, string no, string? district, string name = "鹿児島 花子")
    {
        var t = new Taxpayer
        {
            TaxpayerNo = no,
            Facts = new TaxpayerFacts { NameKanji = name, NameKana = "カゴシマ ハナコ", BirthDate = new DateOnly(1980, 4, 1), Sex = Sex.Female, DistrictCode = district, PhoneNumber = "099-000-0001" },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = LedgerSeed.NowUtc, UpdatedAtUtc = LedgerSeed.NowUtc,
        };
        db.Taxpayers.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task CaseFile_EveryUnpaidClaim_CarriedForwardAndCurrentApart_WithLapseDaysAndSteps(StoreProvider provider)
    {
        var (store, caseId) = _stores[provider];
        await using var db = store.Open();

        var f = await new CaseFiles(db, Clock()).LoadAsync(_colleague, caseId);

        var old = Assert.Single(f.CarriedForward);
        Assert.Equal((2024, (short)1, 50_000L, 100L, new DateOnly(2024, 7, 20), new DateOnly(2024, 7, 31), new DateOnly(2029, 7, 31), ClaimStatusKind.Reminded),
            (old.FiscalYear, old.Period, old.Principal, old.ReminderFee, old.ReminderSentOn!.Value, old.SeizableFrom!.Value, old.LimitationLapsesOn!.Value, old.State));
        // 起算 the day after 2024-07-01, then 更新 by the reminder: the new period's first day 2024-07-31.
        Assert.Equal(["起算", "更新"], old.LimitationSteps.Select(s => s.Effect).Take(2));
        Assert.Equal(new DateOnly(2024, 7, 31), old.LimitationSteps[1].FirstCountedDay);
        var current = Assert.Single(f.CurrentYear);
        Assert.Equal((2026, 30_000L, 0L, (DateOnly?)null, new DateOnly(2031, 11, 3), ClaimStatusKind.Unpaid),
            (current.FiscalYear, current.Principal, current.ReminderFee, current.ReminderSentOn, current.LimitationLapsesOn!.Value, current.State));
        // The late fee is the one rule's, as the taxpayer page computes it.
        var details = await TaxpayerDetailsQuery.LoadAsync(db, "1300000001", Clock());
        Assert.Equal(details!.OwedNow().Sum(o => o.Installment.LateFee), f.Total.LateFee);
        Assert.True(old.LateFee > 0);
        Assert.Equal((1, 50_000L, 100L), (f.CarriedForwardTotal.Count, f.CarriedForwardTotal.Principal, f.CarriedForwardTotal.ReminderFee));
        Assert.Equal((1, 30_000L), (f.CurrentYearTotal.Count, f.CurrentYearTotal.Principal));
        Assert.Equal("D01", f.DistrictCode);
        Assert.Equal("200001", Assert.Single(f.Officers).StaffNo);
        // The slip issued shows in the log by itself.
        Assert.Contains(f.Log, l => l.Source == "発行記録" && l.Content.StartsWith("納付書 発行", StringComparison.Ordinal) && l.On == new DateOnly(2026, 11, 20));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Caution_SeenOnlyByOfficerInChargeAndApprover_SetOnlyByThem(StoreProvider provider)
    {
        var (store, caseId) = _stores[provider];
        await using var db = store.Open();
        var cases = new CaseUpdates(db, Clock());
        await Assert.ThrowsAsync<AccessDeniedException>(() => cases.SetCautionAsync(_colleague, caseId, true, "威圧的な言動あり"));
        var files = new CaseFiles(db, Clock());
        if ((await files.LoadAsync(_officer, caseId)).Caution is null)
            await cases.SetCautionAsync(_officer, caseId, true, "威圧的な言動あり");

        Assert.Equal("威圧的な言動あり", (await files.LoadAsync(_officer, caseId)).Caution?.Reason);
        Assert.Equal("威圧的な言動あり", (await files.LoadAsync(_approver, caseId)).Caution?.Reason);
        var colleague = await files.LoadAsync(_colleague, caseId);
        var clerk = await files.LoadAsync(_clerk, caseId);
        Assert.Equal((false, (CautionMark?)null, false, (CautionMark?)null), (colleague.CautionVisible, colleague.Caution, clerk.CautionVisible, clerk.Caution));
        Assert.DoesNotContain(colleague.Events, e => e.Kind.Contains("注意対象者", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task CaseLog_OfficerRecords_CorrectionLinks_OthersRefused_StoreRefusesUpdate(StoreProvider provider)
    {
        var (store, caseId) = _stores[provider];
        await using var db = store.Open();
        var logs = new CaseLogs(db, Clock());

        var first = await logs.RecordAsync(_officer, caseId, new CaseLogInput(CaseLogMethod.Phone, "本人と通話。12月末までに納付すると。", "本人", "納付確認", new DateOnly(2026, 12, 28),
            On: new DateOnly(2026, 11, 25), At: new TimeOnly(10, 15)));
        var fix = await logs.RecordAsync(_officer, caseId, new CaseLogInput(CaseLogMethod.Phone, "本人と通話。12月25日までに納付すると。", "本人",
            On: new DateOnly(2026, 11, 25), At: new TimeOnly(10, 15), CorrectsEntryId: first.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => logs.RecordAsync(_colleague, caseId, new CaseLogInput(CaseLogMethod.Visit, "来庁")));
        await Assert.ThrowsAsync<DomainException>(() => logs.RecordAsync(_officer, caseId, new CaseLogInput(CaseLogMethod.Phone, " ")));

        var log = await CaseLogView.ForCaseAsync(db, caseId, (await db.CollectionCases.SingleAsync(c => c.Id == caseId)).TaxpayerId);
        var original = Assert.Single(log, l => l.EntryId == first.Id);
        Assert.Equal((fix.Id, "電話", "本人", new TimeOnly(10, 15), "納付確認", new DateOnly(2026, 12, 28)),
            (original.CorrectedBy!.Value, original.Method, original.Counterpart, original.At!.Value, original.NextAction!, original.NextActionOn!.Value));
        Assert.Equal(first.Id, Assert.Single(log, l => l.EntryId == fix.Id).CorrectsEntryId);

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE case_log_entries SET content = 'x' WHERE id = {first.Id}"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM case_log_entries WHERE id = {first.Id}"));
        Assert.Contains(await db.AuditEvents.Where(e => e.Kind == AuditEventKind.CaseLogRecorded).Select(e => e.Detail).ToListAsync(),
            d => d!.Contains($"（{first.Id} の訂正）", StringComparison.Ordinal));
    }

    /// <summary>
    /// open-due with the default rule (滞納繰越分あり, or 100,000 yen, or 3 reminders): 1300000101 (地区 D09, 2025 arrears of 8,000) is
    /// opened and given 200002 by the district table; 1300000102 (only 2026 arrears of 30,000) is not; the open case of
    /// 1300000103, whose one claim is paid by an amendment to nothing, is closed. Only an approver runs it.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task OpenDue_OpensByRule_AssignsByDistrict_ClosesWhenNothingOwed(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var officer = await AddAsync(db, "200001", "滞納 一郎", Holds(Role.DelinquencyOfficer));
        var colleague = await AddAsync(db, "200002", "滞納 二郎", Holds(Role.DelinquencyOfficer));
        var approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver));
        var a = await TaxpayerAsync(db, "1300000101", "D09");
        await LedgerSeed.AssessmentAsync(db, a, TaxKindCodes.InhabitantTax, 2025, "2025010101", new Inst(1, new DateOnly(2025, 6, 30), 8_000));
        var b = await TaxpayerAsync(db, "1300000102", "D09");
        await LedgerSeed.AssessmentAsync(db, b, TaxKindCodes.InhabitantTax, 2026, "2026010102", new Inst(1, new DateOnly(2026, 6, 30), 30_000));
        var c = await TaxpayerAsync(db, "1300000103", "D09");
        var paid = await LedgerSeed.AssessmentAsync(db, c, TaxKindCodes.InhabitantTax, 2025, "2025010103", new Inst(1, new DateOnly(2025, 6, 30), 5_000));
        await LedgerSeed.AmendmentAsync(db, paid[0], -5_000, new DateOnly(2025, 6, 1));
        var cases = new CaseUpdates(db, Clock());
        await cases.OpenAsync(approver, "1300000103");
        var rules = new DistrictRules(db, Clock());
        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.SetAsync(officer, "D09", "200002", new DateOnly(2026, 11, 1)));
        await rules.SetAsync(approver, "D09", "200002", new DateOnly(2026, 11, 1));
        var opening = new CaseOpening(db, Clock());
        await Assert.ThrowsAsync<AccessDeniedException>(() => opening.RunAsync(colleague, new DateOnly(2026, 11, 26), dryRun: false));

        var dry = await opening.RunAsync(approver, new DateOnly(2026, 11, 26), dryRun: true);
        Assert.Equal(["1300000101"], dry.Opened);
        Assert.Equal(["1300000103"], dry.Closed);
        Assert.Null(await cases.FindIdAsync("1300000101"));
        var r = await opening.RunAsync(approver, new DateOnly(2026, 11, 26), dryRun: false);

        Assert.Equal(1, r.Qualifying);
        Assert.Equal(["1300000101"], r.Opened);
        Assert.Equal(["1300000101"], r.Assigned);
        Assert.Equal(["1300000103"], r.Closed);
        var opened = await db.CollectionCases.AsNoTracking().Include(x => x.Events).SingleAsync(x => x.TaxpayerId == a);
        Assert.Equal(colleague.AccountId, opened.OfficerAccountId);
        Assert.Equal("地区担当表（地区 D09）による割当", opened.OfficerHistory.Single().Reason);
        Assert.False(await db.CollectionCases.AnyAsync(x => x.TaxpayerId == b));
        Assert.Equal(new DateOnly(2026, 11, 26), (await db.CollectionCases.SingleAsync(x => x.TaxpayerId == c)).ClosedOn);
        // Both runs are audited: the dry run lists the taxpayers it would touch.
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.CasesOpenedByRule));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.CasesOpenedByRule && e.Detail!.StartsWith("試行")));
        _ = officer;
    }

    /// <summary>
    /// Closed when nothing is owed, by the open-due run: 1300000201 owes 20,000 (市民税 2026 第2期 due 2026-10-30) and
    /// 1300000202 owes 12,000 (市民税 2025 第1期 due 2025-06-30), both with open cases. A first run on 2026-11-26 closes neither.
    /// Then the first pays 20,000 (納付日 2026-10-30, the due day: no late fee) and the second's claim is extinguished at once and
    /// written off (即時消滅 2026-11-20, 不納欠損 2026-11-25); the next run closes both: a 事案の終了 event dated 2026-11-26 with
    /// the run's reason, by the approver who ran it, audited 3017.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task OpenDue_PaymentOrWriteOffClearingEverything_ClosesTheCase(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver));
        var paying = await TaxpayerAsync(db, "1300000201", "D01");
        var paid = (await LedgerSeed.AssessmentAsync(db, paying, TaxKindCodes.InhabitantTax, 2026, "2026010201", new Inst(2, new DateOnly(2026, 10, 30), 20_000)))[0];
        var lapsing = await TaxpayerAsync(db, "1300000202", "D01");
        var ended = (await LedgerSeed.AssessmentAsync(db, lapsing, TaxKindCodes.InhabitantTax, 2025, "2025010202", new Inst(1, new DateOnly(2025, 6, 30), 12_000)))[0];
        var cases = new CaseUpdates(db, Clock());
        var first = await cases.OpenAsync(approver, "1300000201");
        var second = await cases.OpenAsync(approver, "1300000202");
        var opening = new CaseOpening(db, Clock());

        Assert.Empty((await opening.RunAsync(approver, new DateOnly(2026, 11, 26), dryRun: false)).Closed);

        db.JournalEntries.Add(new Data.Ledger.JournalEntry
        {
            InstallmentId = paid, Kind = Domain.Ledger.JournalEntryKind.Payment, Component = Domain.Ledger.LedgerComponent.Principal, Amount = -20_000,
            ValueDate = new DateOnly(2026, 10, 30), RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test:seed", ReasonCode = "payment",
        });
        await db.SaveChangesAsync();
        await LedgerSeed.ClaimEventAsync(db, ended, ClaimEventKind.ImmediateExtinction, new DateOnly(2026, 11, 20), reason: "即時消滅（15条の7第5項）");
        await LedgerSeed.ClaimEventAsync(db, ended, ClaimEventKind.WriteOff, new DateOnly(2026, 11, 25), ground: (short)WriteOffGround.ImmediateExtinction, reason: "不納欠損");
        db.ChangeTracker.Clear();

        var r = await opening.RunAsync(approver, new DateOnly(2026, 11, 26), dryRun: false);

        Assert.Equal(["1300000201", "1300000202"], r.Closed);
        foreach (var id in new[] { first.Id, second.Id })
        {
            var c = await db.CollectionCases.AsNoTracking().Include(x => x.Events).SingleAsync(x => x.Id == id);
            var closed = Assert.Single(c.History, e => e.Kind == CaseEventKind.Closed);
            Assert.Equal((new DateOnly(2026, 11, 26), CaseOpening.ClosedReason, "300001"), (closed.On, closed.Reason, closed.ActorName));
            Assert.Equal(new DateOnly(2026, 11, 26), c.ClosedOn);
        }
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.CaseClosed && e.ActorName == "300001"));
        // Nothing owed, nothing to do the day after.
        Assert.Empty((await opening.RunAsync(approver, new DateOnly(2026, 11, 27), dryRun: false)).Closed);
    }
}
