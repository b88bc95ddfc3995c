using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// Officer-only updates (seed III-3 リスク1) against a real store. Today is 2026-11-26 (JST). Taxpayer 1000000001
/// has case opened by the approver 300001. Staff: 200001 and 200002 滞納整理担当 (from 2026-04-01), 100001 収納担当,
/// 300001 承認者, 200003 滞納整理担当 until 2026-11-25 (lapsed yesterday).
/// </summary>
public class CaseUpdatesTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private sealed record World(TestStore Store, long CaseId, long TaxpayerId, Actor Officer, Actor Colleague, Actor Clerk, Actor Approver, Actor Lapsed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    private static async Task<World> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var taxpayerId = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        var officer = await AddAsync(db, "200001", "滞納 一郎", Holds(Role.DelinquencyOfficer));
        var colleague = await AddAsync(db, "200002", "滞納 二郎", Holds(Role.DelinquencyOfficer));
        var clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk));
        var approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver));
        var lapsed = await AddAsync(db, "200003", "異動 四郎", new Grant(Role.DelinquencyOfficer, new DateOnly(2025, 4, 1), new DateOnly(2026, 11, 25)));
        var c = await new CaseUpdates(db, Clock()).OpenAsync(approver, "1000000001");
        return new World(store, c.Id, taxpayerId, officer, colleague, clerk, approver, lapsed);
    }

    private static async Task<Data.Security.AuditEvent> LastAuditAsync(TestStore store)
    {
        await using var db = store.Open();
        return await db.AuditEvents.OrderByDescending(e => e.Id).FirstAsync();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AuthorizeAsync_OfficerInCharge_AllowedForEveryKind(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");

        foreach (var kind in Enum.GetValues<CaseUpdateKind>())
        {
            var grant = await cases.AuthorizeAsync(w.Officer, w.CaseId, kind);
            Assert.Equal((w.CaseId, w.TaxpayerId, kind, w.Officer.AccountId), (grant.CaseId, grant.TaxpayerId, grant.Kind, grant.OfficerAccountId));
        }
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Outcome == AuditOutcome.Denied));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AuthorizeAsync_AnotherDelinquencyOfficer_RefusedAndAudited(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => cases.AuthorizeAsync(w.Colleague, w.CaseId, CaseUpdateKind.WriteOff));
        Assert.False(ex.RightsLapsed);
        Assert.Contains("担当者または承認者のみ", ex.Message);
        var e = await LastAuditAsync(w.Store);
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, w.Colleague.AccountId, "200002", (long?)w.TaxpayerId),
            (e.Kind, e.Outcome, e.AccountId, e.ActorName, e.TaxpayerId));
        Assert.Equal($"UpdateCases: 不納欠損（事案 {w.CaseId}）: NotOfficerInCharge", e.Detail);
    }

    [Fact]
    public async Task AuthorizeAsync_CollectionClerk_RefusedAndAudited()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");

        await Assert.ThrowsAsync<AccessDeniedException>(() => cases.AuthorizeAsync(w.Clerk, w.CaseId, CaseUpdateKind.Appropriation));
        var e = await LastAuditAsync(w.Store);
        Assert.Equal((AuditEventKind.AccessDenied, w.Clerk.AccountId, (long?)w.TaxpayerId), (e.Kind, e.AccountId, e.TaxpayerId));
        Assert.Equal($"UpdateCases: 充当内容（事案 {w.CaseId}）", e.Detail);
    }

    [Fact]
    public async Task AuthorizeAsync_Approver_AllowedOnSomeoneElsesCase()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");

        var grant = await cases.AuthorizeAsync(w.Approver, w.CaseId, CaseUpdateKind.StayOfExecution);
        Assert.Equal(AuditEventKind.CaseStayOfExecution, grant.EventKind);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AuthorizeAsync_OfficerWhoseGrantLapsedYesterday_RefusedAsLapsed(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using (var setup = w.Store.Open())
        {
            // Made officer while the right was valid: the right lapses on 2026-11-26 with nobody acting.
            var yesterday = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
            await new CaseUpdates(setup, yesterday).AssignAsync(w.Approver, w.CaseId, "200003");
        }
        await using var db = w.Store.Open();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new CaseUpdates(db, Clock()).AuthorizeAsync(w.Lapsed, w.CaseId, CaseUpdateKind.DemandRunHold));
        Assert.True(ex.RightsLapsed);
        var e = await LastAuditAsync(w.Store);
        Assert.Equal((AuditEventKind.AccessDeniedLapsedRights, AuditOutcome.Denied, w.Lapsed.AccountId), (e.Kind, e.Outcome, e.AccountId));
    }

    [Fact]
    public async Task AuthorizeAsync_SystemActor_RefusedAndAudited()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");
        var system = Actor.SystemAs("batch", "srv01");

        await Assert.ThrowsAsync<AccessDeniedException>(() => cases.AuthorizeAsync(system, w.CaseId, CaseUpdateKind.Disposition));
        var e = await LastAuditAsync(w.Store);
        Assert.Equal((AuditEventKind.AccessDenied, ActorKind.System, "system:cli:batch"), (e.Kind, e.ActorKind, e.ActorName));
        Assert.EndsWith(": SystemActor", e.Detail);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AssignAsync_Reassignment_MovesTheRightToTheNewOfficer(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");
        await cases.SetDemandRunHoldAsync(w.Officer, w.CaseId, true, "分納誓約中");

        var moved = await cases.AssignAsync(w.Officer, w.CaseId, "200002"); // the officer hands the case over

        Assert.Equal(("200002", "滞納 二郎"), (moved.OfficerStaffNo, moved.OfficerName));
        await Assert.ThrowsAsync<AccessDeniedException>(() => cases.SetDemandRunHoldAsync(w.Officer, w.CaseId, false, "完納"));
        var cleared = await cases.SetDemandRunHoldAsync(w.Colleague, w.CaseId, false, "完納");
        Assert.False(cleared.DemandRunHold);
        Assert.Equal("200002", cleared.UpdatedBy);

        var trail = await db.AuditEvents.Where(e => e.TaxpayerId == w.TaxpayerId).OrderBy(e => e.Id).Select(e => new { e.Kind, e.ActorName, e.Detail }).ToListAsync();
        Assert.Equal(
        [
            (AuditEventKind.CaseOpened, "300001", $"事案 {w.CaseId}"),
            (AuditEventKind.CaseOfficerAssigned, "300001", $"事案 {w.CaseId}: 担当者 なし → 200001"),
            (AuditEventKind.CaseDemandHoldChanged, "200001", $"事案 {w.CaseId}: 一斉催告停止 設定: 分納誓約中"),
            (AuditEventKind.CaseOfficerAssigned, "200001", $"事案 {w.CaseId}: 担当者 200001 → 200002"),
            (AuditEventKind.AccessDenied, "200001", $"UpdateCases: 一斉催告停止（事案 {w.CaseId}）: NotOfficerInCharge"),
            (AuditEventKind.CaseDemandHoldChanged, "200002", $"事案 {w.CaseId}: 一斉催告停止 解除: 完納"),
        ], trail.Select(t => (t.Kind, t.ActorName, t.Detail)));
    }

    [Fact]
    public async Task AssignAsync_FirstAssignmentByDelinquencyOfficer_RefusedOnlyApproverMay()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new CaseUpdates(db, Clock()).AssignAsync(w.Officer, w.CaseId, "200001"));
        Assert.Contains("担当者がいません", ex.Message);
        Assert.Null((await db.CollectionCases.SingleAsync()).OfficerAccountId);
        Assert.EndsWith(": UnassignedNeedsApprover", (await LastAuditAsync(w.Store)).Detail);
    }

    [Fact]
    public async Task AssignAsync_TargetWithoutDelinquencyRole_RefusedNothingChanged()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());

        var clerk = await Assert.ThrowsAsync<DomainException>(() => cases.AssignAsync(w.Approver, w.CaseId, "100001"));
        Assert.Equal("case.officer_not_eligible", clerk.Code);
        var lapsed = await Assert.ThrowsAsync<DomainException>(() => cases.AssignAsync(w.Approver, w.CaseId, "200003"));
        Assert.Equal("case.officer_not_eligible", lapsed.Code);
        Assert.Null((await db.CollectionCases.SingleAsync()).OfficerAccountId);
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.CaseOfficerAssigned));
    }

    [Fact]
    public async Task SetDemandRunHoldAsync_NoReason_Refused()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");

        var ex = await Assert.ThrowsAsync<DomainException>(() => cases.SetDemandRunHoldAsync(w.Officer, w.CaseId, true, " "));
        Assert.Equal("case.reason_required", ex.Code);
        Assert.False((await db.CollectionCases.AsNoTracking().SingleAsync()).DemandRunHold);
    }

    [Fact]
    public async Task RecordChangeAsync_OfficerReassignedAfterAuthorize_RefusedAndNothingRecorded()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var cases = new CaseUpdates(db, Clock());
        await cases.AssignAsync(w.Approver, w.CaseId, "200001");
        var grant = await cases.AuthorizeAsync(w.Officer, w.CaseId, CaseUpdateKind.WriteOff);
        await using (var other = w.Store.Open())
            await new CaseUpdates(other, Clock()).AssignAsync(w.Approver, w.CaseId, "200002");
        var before = await db.AuditEvents.CountAsync();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => cases.RecordChangeAsync(grant, "不納欠損 10,000円"));
            Assert.Equal("case.officer_changed", ex.Code);
        }
        Assert.Equal(before, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task OpenAsync_CollectionClerk_RefusedAndAudited()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        await LedgerSeed.TaxpayerAsync(db, "1000000002", "谷山 次郎");

        await Assert.ThrowsAsync<AccessDeniedException>(() => new CaseUpdates(db, Clock()).OpenAsync(w.Clerk, "1000000002"));
        Assert.Equal(1, await db.CollectionCases.CountAsync());
        Assert.Equal(AuditEventKind.AccessDenied, (await LastAuditAsync(w.Store)).Kind);
    }

    /// <summary>
    /// Issue 18 defect 10: a case is opened by a person, or by the documented trigger run (<see cref="SystemActor.CaseTrigger"/>);
    /// any other system actor (a CLI command, a batch job) is refused and the refusal recorded.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task OpenAsync_SystemActorOtherThanTheTriggerRun_RefusedAndAudited(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        await LedgerSeed.TaxpayerAsync(db, "1000000002", "谷山 次郎");
        await LedgerSeed.TaxpayerAsync(db, "1000000003", "谷山 三郎");

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new CaseUpdates(db, Clock()).OpenAsync(Actor.SystemAs("batch", "srv01"), "1000000002"));
        var refusal = await LastAuditAsync(w.Store);
        var byTrigger = await new CaseUpdates(db, Clock()).OpenAsync(Actor.CaseTrigger("srv01"), "1000000003");

        Assert.Contains("職員本人", ex.Message);
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "system:cli:batch"), (refusal.Kind, refusal.Outcome, refusal.ActorName));
        Assert.Equal(["1000000001", "1000000003"], await db.CollectionCases.Join(db.Taxpayers, c => c.TaxpayerId, t => t.Id, (c, t) => t.TaxpayerNo).OrderBy(n => n).ToListAsync());
        Assert.Equal("1000000003", byTrigger.TaxpayerNo);
        Assert.Equal(("system:case-trigger", AuditEventKind.CaseOpened), ((await LastAuditAsync(w.Store)).ActorName, (await LastAuditAsync(w.Store)).Kind));
    }
}
