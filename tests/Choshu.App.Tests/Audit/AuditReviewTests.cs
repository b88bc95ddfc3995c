using Choshu.App.Audit;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Settings;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Cases;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Audit;

/// <summary>
/// The monthly review of November 2026, each section with records written at explicit Japan times.
/// Calendar: 2026-11-14 Sat, 11-15 Sun, 11-17 Tue, 11-18 Wed, 11-23 Mon 勤労感謝の日. Working hours default
/// 08:00-19:00. The review runs on 2026-12-01 09:00 JST as the system actor.
/// </summary>
public sealed class AuditReviewTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static readonly AuditPeriod November = AuditPeriod.Month("2026-11");

    private static Actor Staff(string staffNo) => Actor.Staff(long.Parse(staffNo[1..]), staffNo, "10.0.0.5");

    /// <summary>Japan time → the UTC instant.</summary>
    private static DateTimeOffset Jst(int month, int day, int hour, int minute) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static async Task AppendAtAsync(ChoshuDbContext db, DateTimeOffset jst, Actor actor, AuditRecord record) =>
        await AuditLog.AppendAsync(db, actor, record, new FakeTimeProvider(jst));

    private static async Task<AuditReviewReport> ReviewAsync(TestStore store, Actor? actor = null)
    {
        await using var db = store.Open();
        return await AuditReview.RunAsync(db, actor ?? Actor.SystemAs("officer", "host"), November, new FakeTimeProvider(Jst(12, 1, 9, 0)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RunAsync_WeekendHolidayAndLateAccess_ListedAsOutsideHoursWithTheReason(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.Open())
        {
            var view = new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1);
            await AppendAtAsync(db, Jst(10, 31, 23, 59), Staff("A001"), view); // October (Sat): not this month
            await AppendAtAsync(db, Jst(11, 14, 10, 0), Staff("A001"), view);  // Sat
            await AppendAtAsync(db, Jst(11, 15, 10, 0), Staff("A001"), view);  // Sun
            await AppendAtAsync(db, Jst(11, 17, 7, 59), Staff("A001"), view);  // Tue, before 08:00
            await AppendAtAsync(db, Jst(11, 17, 8, 0), Staff("A001"), view);   // inside
            await AppendAtAsync(db, Jst(11, 17, 10, 0), Staff("A001"), view);  // inside
            await AppendAtAsync(db, Jst(11, 17, 18, 59), Staff("A001"), view); // inside
            await AppendAtAsync(db, Jst(11, 17, 19, 0), Staff("A001"), view);  // from 19:00: outside
            await AppendAtAsync(db, Jst(11, 17, 22, 30), Staff("A001"), view); // Tue night
            await AppendAtAsync(db, Jst(11, 23, 10, 0), Staff("A001"), view);  // 勤労感謝の日
            await AppendAtAsync(db, Jst(11, 18, 23, 0), Staff("A001"), new AuditRecord(AuditEventKind.LoginFailed, AuditOutcome.Failed)); // own section
        }

        var r = await ReviewAsync(store);

        Assert.Equal(10, r.EventCount); // every November record, the failed login included
        Assert.Equal(
            [
                ("2026-11-14T10:00", "土曜日"),
                ("2026-11-15T10:00", "日曜日"),
                ("2026-11-17T07:59", "時間外（07:59、業務時間 08:00-19:00）"),
                ("2026-11-17T19:00", "時間外（19:00、業務時間 08:00-19:00）"),
                ("2026-11-17T22:30", "時間外（22:30、業務時間 08:00-19:00）"),
                ("2026-11-23T10:00", "祝日（勤労感謝の日）"),
            ],
            r.OutsideHours.Select(o => (o.Event.OccurredAtJst[..16], o.Reason)));
        Assert.All(r.OutsideHours, o => Assert.Equal(("A001", AuditEventKind.TaxpayerViewed), (o.Event.ActorName, o.Event.Kind)));
    }

    [Fact]
    public async Task RunAsync_WorkingHoursSetTo0900To1700_AccessAt0830IsOutside()
    {
        await using var store = await TestStore.CreateSqliteAsync();
        await using (var db = store.Open())
        {
            db.Settings.Add(new Setting { Key = AuditReviewSettings.WorkingHoursKey, Value = "09:00-17:00", UpdatedBy = "test" });
            await db.SaveChangesAsync();
            await AppendAtAsync(db, Jst(11, 17, 8, 30), Staff("A001"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1));
            await AppendAtAsync(db, Jst(11, 17, 16, 59), Staff("A001"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1));
        }

        var r = await ReviewAsync(store);

        Assert.Equal("09:00-17:00", r.WorkingHours);
        Assert.Equal(["時間外（08:30、業務時間 09:00-17:00）"], r.OutsideHours.Select(o => o.Reason));
    }

    [Fact]
    public async Task RunAsync_ThresholdThree_UserWithFourDistinctTaxpayersInOneDayListed()
    {
        await using var store = await TestStore.CreateSqliteAsync();
        await using (var db = store.Open())
        {
            db.Settings.Add(new Setting { Key = AuditReviewSettings.DailyThresholdKey, Value = "3", UpdatedBy = "test" });
            await db.SaveChangesAsync();
            var minute = 0;
            async Task View(string who, int day, long taxpayer) =>
                await AppendAtAsync(db, Jst(11, day, 10, minute++), Staff(who), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: taxpayer));
            // A001 on Wed 11-18: taxpayers 1, 2, 3, 4 and 1 again = 4 distinct in 5 lookups → listed.
            foreach (var t in new long[] { 1, 2, 3, 4, 1 }) await View("A001", 18, t);
            // B001 the same day: 3 distinct → not above 3.
            foreach (var t in new long[] { 1, 2, 3 }) await View("B001", 18, t);
            // A001 on 11-19 and 11-20: 2 a day → not listed.
            foreach (var t in new long[] { 1, 2 }) await View("A001", 19, t);
            foreach (var t in new long[] { 3, 4 }) await View("A001", 20, t);
            // A denied attempt names a taxpayer but read nothing: not counted.
            await AppendAtAsync(db, Jst(11, 19, 11, 0), Staff("A001"), new AuditRecord(AuditEventKind.TaxpayerViewed, AuditOutcome.Failed, 5));
        }

        var r = await ReviewAsync(store);

        Assert.Equal(3, r.DailyTaxpayerThreshold);
        var h = Assert.Single(r.HeavyLookups);
        Assert.Equal((new DateOnly(2026, 11, 18), "A001", 4, 5), (h.Day, h.ActorName, h.DistinctTaxpayers, h.Lookups));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RunAsync_LookupsWithoutCaseOrActivity_OnlyTheQuietTaxpayersListed(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var old = new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var ids = new Dictionary<string, long>();
        var installments = new Dictionary<string, long>();
        await using (var db = store.Open())
        {
            foreach (var no in new[] { "T1", "T2", "T3", "T4", "T5" })
            {
                var t = new Taxpayer
                {
                    TaxpayerNo = "900000000" + no[1], Facts = new TaxpayerFacts { NameKanji = "試験 " + no, NameKana = "シケン" },
                    HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = old, UpdatedAtUtc = old,
                };
                db.Taxpayers.Add(t);
                await db.SaveChangesAsync();
                ids[no] = t.Id;
                var a = new Assessment
                {
                    TaxpayerId = t.Id, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2025, LiabilityYear = 2025, NoticeNo = "N" + no, CreatedAtUtc = old,
                    Installments = [new Installment { Period = 1, NominalDueDate = new DateOnly(2025, 6, 30), DueDate = new DateOnly(2025, 6, 30), StatutoryDueDate = new DateOnly(2025, 6, 30) }],
                };
                db.Assessments.Add(a);
                await db.SaveChangesAsync();
                installments[no] = a.Installments[0].Id;
                // Every one has an old charge (2025): not activity in November 2026.
                db.JournalEntries.Add(new JournalEntry
                {
                    InstallmentId = installments[no], Kind = JournalEntryKind.Charge, Component = LedgerComponent.Principal, Amount = 10_000,
                    ValueDate = new DateOnly(2025, 4, 1), RecordedAtUtc = old, Actor = "test",
                });
            }
            // T1: a case open since October, still open.
            db.CollectionCases.Add(CollectionCase.Open(ids["T1"], new CaseStamp("test", null, new DateOnly(2026, 10, 1), old)));
            // T2: paid on 2026-11-10 (recorded in October's run? no: the payment date is in November).
            db.Payments.Add(new Payment
            {
                Channel = PaymentChannel.Bank, Status = PaymentStatus.Booked, RawKey = "k", InstallmentId = installments["T2"], Amount = 10_000,
                PaidOn = new DateOnly(2026, 11, 10), ReceivedOn = new DateOnly(2026, 11, 12), IdempotencyKey = "bank:T2", RawRecord = "D,...", Actor = "test",
                RecordedAtUtc = new DateTime(2026, 11, 12, 3, 0, 0, DateTimeKind.Utc),
            });
            // T3: a journal entry recorded on 2026-11-05 (an amendment valued in 2025).
            db.JournalEntries.Add(new JournalEntry
            {
                InstallmentId = installments["T3"], Kind = JournalEntryKind.Amendment, Component = LedgerComponent.Principal, Amount = -1_000,
                ValueDate = new DateOnly(2025, 4, 1), RecordedAtUtc = new DateTime(2026, 11, 5, 2, 0, 0, DateTimeKind.Utc), Actor = "test",
            });
            // T4: nothing. T5: a case closed on 2026-10-15, before the month.
            var closed = CollectionCase.Open(ids["T5"], new CaseStamp("test", null, new DateOnly(2026, 4, 1), old));
            closed.Close("完結", new CaseStamp("test", null, new DateOnly(2026, 10, 15), old));
            db.CollectionCases.Add(closed);
            await db.SaveChangesAsync();

            var minute = 0;
            foreach (var no in new[] { "T1", "T2", "T3", "T4", "T5" })
                await AppendAtAsync(db, Jst(11, 18, 10, minute++), Staff("A001"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: ids[no]));
            await AppendAtAsync(db, Jst(11, 18, 11, 0), Staff("B001"), new AuditRecord(AuditEventKind.SlipIssued, TaxpayerId: ids["T4"]));
        }

        var r = await ReviewAsync(store);

        Assert.Equal(
            [("9000000004", 2, "A001,B001", "2026-11-18T10:03"), ("9000000005", 1, "A001", "2026-11-18T10:04")],
            r.LookupsWithoutActivity.Select(l => (l.TaxpayerNo, l.Lookups, string.Join(",", l.ActorNames), l.FirstAtJst[..16])));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RunAsync_RevealsFailedLoginsLapsedAndDenied_EachInItsSection(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        long taxpayerId;
        await using (var db = store.Open())
        {
            taxpayerId = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            await AppendAtAsync(db, Jst(11, 18, 10, 10), Staff("M001"), new AuditRecord(AuditEventKind.MyNumberRevealed, TaxpayerId: taxpayerId, Purpose: "児童手当の照会", Detail: "宛名番号 1000000001"));
            await AppendAtAsync(db, Jst(11, 18, 10, 20), Staff("M001"), new AuditRecord(AuditEventKind.MyNumberSearched, TaxpayerId: taxpayerId, Purpose: "本人確認"));
            await AppendAtAsync(db, Jst(11, 18, 9, 0), new Actor(ActorKind.Staff, null, "X001", "10.0.0.9"), new AuditRecord(AuditEventKind.LoginFailed, AuditOutcome.Failed, Detail: "パスワード誤り"));
            await AppendAtAsync(db, Jst(11, 18, 9, 1), Staff("X001"), new AuditRecord(AuditEventKind.LockedOut, AuditOutcome.Denied));
            await AppendAtAsync(db, Jst(11, 18, 9, 2), Staff("C001"), new AuditRecord(AuditEventKind.LoginSucceeded));
            await AppendAtAsync(db, Jst(11, 19, 9, 0), Staff("L001"), new AuditRecord(AuditEventKind.AccessDeniedLapsedRights, AuditOutcome.Denied, Detail: "ViewTaxpayer"));
            await AppendAtAsync(db, Jst(11, 19, 9, 5), Staff("N001"), new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, Detail: "RevealMyNumber"));
        }

        var r = await ReviewAsync(store);

        Assert.Equal(
            [("M001", "2026-11-18T10:10", AuditEventKind.MyNumberRevealed, "1000000001", "児童手当の照会"), ("M001", "2026-11-18T10:20", AuditEventKind.MyNumberSearched, "1000000001", "本人確認")],
            r.MyNumberAccess.Select(e => (e.ActorName, e.OccurredAtJst[..16], e.Kind, e.TaxpayerNo!, e.Purpose!)));
        Assert.Equal([(AuditEventKind.LoginFailed, "X001", "10.0.0.9"), (AuditEventKind.LockedOut, "X001", "10.0.0.5")],
            r.FailedLogins.Select(e => (e.Kind, e.ActorName, e.Terminal)));
        Assert.Equal(["L001"], r.LapsedRightsAttempts.Select(e => e.ActorName));
        Assert.Equal(["N001"], r.OtherDenials.Select(e => e.ActorName));
    }

    [Fact]
    public async Task RunAsync_Always_RecordsTheReviewWithItsCountsAsTheLastRecord()
    {
        await using var store = await TestStore.CreateSqliteAsync();
        await using (var db = store.Open())
            await AppendAtAsync(db, Jst(11, 14, 10, 0), Staff("A001"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1));

        var r = await ReviewAsync(store);

        await using var check = store.Open();
        var own = await check.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal((2L, AuditEventKind.AuditReviewed, "system:cli:officer", own.Hash), (own.Id, own.Kind, own.ActorName, r.ReviewRecordHash));
        Assert.Equal(2L, r.ReviewRecordId);
        Assert.Equal("月次点検 2026-11: 記録 1 件、時間外 1 件、多数照会 0 件、活動のない照会 1 人、個人番号 0 件、ログイン失敗 0 件、失効権限 0 件、その他の拒否 0 件", own.Detail);
        Assert.Equal("2026-12-01T09:00:00.000000+09:00", own.OccurredAtJst);
    }

    [Fact]
    public async Task RunAsync_CollectionClerk_DeniedAndRecorded()
    {
        await using var store = await TestStore.CreateSqliteAsync();
        long clerk;
        await using (var db = store.Open())
        {
            var a = new Data.Security.StaffAccount
            {
                StaffNo = "C001", UserName = "C001", NormalizedUserName = "C001", FullName = "収納 太郎", DepartmentCode = "0310", SectionCode = "01",
                ValidFrom = new DateOnly(2020, 4, 1), CreatedBy = "test", SecurityStamp = "s",
            };
            db.StaffAccounts.Add(a);
            await db.SaveChangesAsync();
            db.RoleGrants.Add(new Data.Security.RoleGrant { AccountId = a.Id, Role = Role.CollectionClerk, ValidFrom = new DateOnly(2020, 4, 1), GrantedBy = "test" });
            await db.SaveChangesAsync();
            clerk = a.Id;
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => ReviewAsync(store, Actor.Staff(clerk, "C001", "10.0.0.5")));

        await using var check = store.Open();
        Assert.Equal([AuditEventKind.AccessDenied], await check.AuditEvents.Select(e => e.Kind).ToListAsync());
    }
}
