using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// The case aggregate in a real store, through <see cref="CaseUpdates"/> (and so <see cref="CaseCommand"/>): its events
/// are the truth, the row's columns their fold. One PostgreSQL and one SQLite store for the class; each test opens
/// its own taxpayer's case. Staff: 200001 and 200002 滞納整理担当, 300001 承認者 (all from 2026-04-01).
/// Today 2026-11-26 (JST) unless a test moves the clock.
/// </summary>
public sealed class CaseAggregateTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static readonly DateTimeOffset Nov26 = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero); // 12:00 JST
    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 0, 30, 0, TimeSpan.Zero); // 09:30 JST

    private static async Task<long> OpenAsync(ChoshuDbContext db, FakeTimeProvider clock, Actor approver, string taxpayerNo)
    {
        await LedgerSeed.TaxpayerAsync(db, taxpayerNo);
        return (await new CaseUpdates(db, clock).OpenAsync(approver, taxpayerNo)).Id;
    }

    private static Task<CollectionCase> LoadAsync(ChoshuDbContext db, long caseId) =>
        db.CollectionCases.AsNoTracking().Include(c => c.Events).SingleAsync(c => c.Id == caseId);

    [Theory, MemberData(nameof(Providers))]
    public async Task AssignAsync_OfficerAThenB_OfficerHistoryReadsBackFromEvents(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var clock = new FakeTimeProvider(Nov26);
        var id = await OpenAsync(db, clock, stores.Approver, "1000000101");
        await new CaseUpdates(db, clock).AssignAsync(stores.Approver, id, "200001");
        clock.SetUtcNow(Dec1);
        await new CaseUpdates(db, clock).AssignAsync(stores.Officer, id, "200002"); // the officer hands the case over

        var c = await LoadAsync(db, id);
        Assert.Equal(
        [
            (CaseEventKind.Opened, new DateOnly(2026, 11, 26), (long?)null, "300001", stores.Approver.AccountId, Nov26.UtcDateTime),
            (CaseEventKind.OfficerAssigned, new DateOnly(2026, 11, 26), stores.Officer.AccountId, "300001", stores.Approver.AccountId, Nov26.UtcDateTime),
            (CaseEventKind.OfficerAssigned, new DateOnly(2026, 12, 1), stores.Colleague.AccountId, "200001", stores.Officer.AccountId, Dec1.UtcDateTime),
        ], c.History.Select(e => (e.Kind, e.On, e.OfficerAccountId, e.ActorName, e.ActorAccountId, e.RecordedAtUtc)));
        Assert.Equal([stores.Officer.AccountId, stores.Colleague.AccountId], c.OfficerHistory.Select(e => e.OfficerAccountId));
        Assert.Equal((stores.Colleague.AccountId, "200001", Dec1.UtcDateTime), (c.OfficerAccountId, c.UpdatedBy, c.UpdatedAtUtc));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task CloseAsync_ThenEveryChange_ProjectionEqualsFoldOfEvents(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var clock = new FakeTimeProvider(Nov26);
        var cases = new CaseUpdates(db, clock);
        var id = await OpenAsync(db, clock, stores.Approver, "1000000102");
        await cases.AssignAsync(stores.Approver, id, "200001");
        await cases.SetDemandRunHoldAsync(stores.Officer, id, true, "分納誓約中");
        clock.SetUtcNow(Dec1);
        await cases.SetDemandRunHoldAsync(stores.Officer, id, false, "完納");
        var closed = await cases.CloseAsync(stores.Officer, id, "完納により完結");
        Assert.Equal(new DateOnly(2026, 12, 1), closed.ClosedOn);
        var reopened = await cases.ReopenAsync(stores.Approver, id, "新たな滞納");
        Assert.Null(reopened.ClosedOn);

        var c = await LoadAsync(db, id);
        Assert.Equal(
            [CaseEventKind.Opened, CaseEventKind.OfficerAssigned, CaseEventKind.DemandRunHoldSet, CaseEventKind.DemandRunHoldCleared, CaseEventKind.Closed, CaseEventKind.Reopened],
            c.History.Select(e => e.Kind));
        Assert.Equal(c.State, c.Projection);
        Assert.Equal(new CaseState(stores.Officer.AccountId, false, "完納", new DateOnly(2026, 11, 26), null, Dec1.UtcDateTime, "300001"), c.Projection);

        var audit = await db.AuditEvents.Where(e => e.TaxpayerId == c.TaxpayerId).OrderBy(e => e.Id).Select(e => new { e.Kind, e.Detail }).ToListAsync();
        Assert.Equal(
        [
            (AuditEventKind.CaseOpened, $"事案 {id}"),
            (AuditEventKind.CaseOfficerAssigned, $"事案 {id}: 担当者 なし → 200001"),
            (AuditEventKind.CaseDemandHoldChanged, $"事案 {id}: 一斉催告停止 設定: 分納誓約中"),
            (AuditEventKind.CaseDemandHoldChanged, $"事案 {id}: 一斉催告停止 解除: 完納"),
            (AuditEventKind.CaseClosed, $"事案 {id}: 終了: 完納により完結"),
            (AuditEventKind.CaseReopened, $"事案 {id}: 再開: 新たな滞納"),
        ], audit.Select(a => (a.Kind, a.Detail)));
    }

    [Fact]
    public async Task CloseAsync_IllegalMoves_RefusedWithCodesNothingRecorded()
    {
        var store = stores[StoreProvider.Postgres];
        await using var db = store.Open();
        var clock = new FakeTimeProvider(Nov26);
        var cases = new CaseUpdates(db, clock);
        var id = await OpenAsync(db, clock, stores.Approver, "1000000103");
        await cases.AssignAsync(stores.Approver, id, "200001");
        var events = await db.Set<CaseEvent>().CountAsync(e => e.CaseId == id);
        var audits = await db.AuditEvents.CountAsync();

        async Task<string> Refused(Func<Task> move) => (await Assert.ThrowsAsync<DomainException>(move)).Code;
        Assert.Equal("case.officer_unchanged", await Refused(() => cases.AssignAsync(stores.Officer, id, "200001")));
        Assert.Equal("case.hold_unchanged", await Refused(() => cases.SetDemandRunHoldAsync(stores.Officer, id, false, "完納")));
        Assert.Equal("case.reason_required", await Refused(() => cases.CloseAsync(stores.Officer, id, "  ")));
        Assert.Equal("case.not_closed", await Refused(() => cases.ReopenAsync(stores.Officer, id, "再開")));
        Assert.Equal((events, audits), (await db.Set<CaseEvent>().CountAsync(e => e.CaseId == id), await db.AuditEvents.CountAsync()));

        await cases.CloseAsync(stores.Officer, id, "完結");
        Assert.Equal("case.already_closed", await Refused(() => cases.CloseAsync(stores.Officer, id, "完結")));
        Assert.Equal("case.closed", await Refused(() => cases.SetDemandRunHoldAsync(stores.Officer, id, true, "分納誓約中")));
        Assert.Equal("case.closed", await Refused(() => cases.AssignAsync(stores.Officer, id, "200002")));
        Assert.Equal((events + 1, audits + 1), (await db.Set<CaseEvent>().CountAsync(e => e.CaseId == id), await db.AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task RunAsync_FeatureChangeWithoutCaseEvent_AuditedUnderItsKind()
    {
        var store = stores[StoreProvider.Sqlite];
        await using var db = store.Open();
        var clock = new FakeTimeProvider(Nov26);
        var id = await OpenAsync(db, clock, stores.Approver, "1000000104");
        await new CaseUpdates(db, clock).AssignAsync(stores.Approver, id, "200001");

        var c = await new CaseCommand(db, clock).RunAsync(stores.Officer, id, CaseUpdateKind.WriteOff, _ => Task.FromResult("不納欠損 10,000円"));

        Assert.Equal(2, c.Events.Count);
        var e = await db.AuditEvents.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal((AuditEventKind.CaseWriteOff, "200001", $"事案 {id}: 不納欠損 10,000円"), (e.Kind, e.ActorName, e.Detail));
    }
}
