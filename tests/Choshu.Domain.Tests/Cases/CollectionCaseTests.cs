using Choshu.Domain.Cases;
using Choshu.Domain.Security;

namespace Choshu.Domain.Tests.Cases;

/// <summary>
/// The case aggregate without a store: each method checks the state, appends one event or throws with a stable code,
/// and the projection always equals the fold of the events. Taxpayer 1; officers 11 (200001) and 12 (200002);
/// approver 30 (300001). Opened 2026-11-26.
/// </summary>
public class CollectionCaseTests
{
    private static readonly CaseOfficer A = new(11, "200001");
    private static readonly CaseOfficer B = new(12, "200002");
    private static readonly Role[] Eligible = [Role.DelinquencyOfficer];

    private static CaseStamp By(string staffNo, long accountId, int month, int day) =>
        new(staffNo, accountId, new DateOnly(2026, month, day), new DateTime(2026, month, day, 3, 0, 0, DateTimeKind.Utc));

    private static CollectionCase Opened() => CollectionCase.Open(1, By("300001", 30, 11, 26));

    private static string Code(Action move) => Assert.Throws<DomainException>(move).Code;

    [Fact]
    public void AssignOfficer_AThenB_OfficerHistoryFromEvents()
    {
        var c = Opened();
        c.AssignOfficer(A, Eligible, By("300001", 30, 11, 26));
        c.AssignOfficer(B, Eligible, By("200001", 11, 12, 1));

        Assert.Equal(
        [
            (CaseEventKind.Opened, new DateOnly(2026, 11, 26), (long?)null, "300001"),
            (CaseEventKind.OfficerAssigned, new DateOnly(2026, 11, 26), (long?)11, "300001"),
            (CaseEventKind.OfficerAssigned, new DateOnly(2026, 12, 1), (long?)12, "200001"),
        ], c.History.Select(e => (e.Kind, e.On, e.OfficerAccountId, e.ActorName)));
        Assert.Equal([11L, 12L], c.OfficerHistory.Select(e => e.OfficerAccountId!.Value));
        Assert.Equal((12L, "200001"), (c.OfficerAccountId!.Value, c.UpdatedBy));
    }

    [Fact]
    public void AssignOfficer_IllegalMoves_ThrowWithCodes()
    {
        var c = Opened();
        Assert.Equal("case.officer_not_eligible", Code(() => c.AssignOfficer(A, [Role.CollectionClerk], By("300001", 30, 11, 26))));
        c.AssignOfficer(A, Eligible, By("300001", 30, 11, 26));
        var ex = Assert.Throws<DomainException>(() => c.AssignOfficer(A, Eligible, By("300001", 30, 11, 27)));
        Assert.Equal(("case.officer_unchanged", "職員番号 200001 は既にこの事案の担当者です。"), (ex.Code, ex.Message));
        Assert.Equal(2, c.Events.Count);
    }

    [Fact]
    public void HoldDemandRuns_IllegalMoves_ThrowWithCodes()
    {
        var c = Opened();
        Assert.Equal("case.reason_required", Code(() => c.HoldDemandRuns(" ", By("300001", 30, 11, 26))));
        Assert.Equal("case.reason_too_long", Code(() => c.HoldDemandRuns(new string('理', 501), By("300001", 30, 11, 26))));
        Assert.Equal("case.hold_unchanged", Code(() => c.ReleaseDemandRuns("完納", By("300001", 30, 11, 26))));
        c.HoldDemandRuns(" 分納誓約中 ", By("300001", 30, 11, 26));
        Assert.Equal("case.hold_unchanged", Code(() => c.HoldDemandRuns("分納誓約中", By("300001", 30, 11, 27))));
        Assert.Equal((true, "分納誓約中"), (c.DemandRunHold, c.DemandRunHoldReason));
        c.ReleaseDemandRuns("完納", By("300001", 30, 12, 1));
        Assert.Equal((false, "完納"), (c.DemandRunHold, c.DemandRunHoldReason));
    }

    [Fact]
    public void Close_ClosedCase_RefusesChangesUntilReopened()
    {
        var c = Opened();
        Assert.Equal("case.not_closed", Code(() => c.Reopen("再開", By("300001", 30, 11, 26))));
        Assert.Equal("case.reason_required", Code(() => c.Close("", By("300001", 30, 11, 26))));
        c.Close("完結", By("300001", 30, 12, 1));
        Assert.Equal(new DateOnly(2026, 12, 1), c.ClosedOn);
        Assert.Equal("case.already_closed", Code(() => c.Close("完結", By("300001", 30, 12, 2))));
        Assert.Equal("case.closed", Code(() => c.AssignOfficer(A, Eligible, By("300001", 30, 12, 2))));
        Assert.Equal("case.closed", Code(() => c.HoldDemandRuns("分納誓約中", By("300001", 30, 12, 2))));
        c.Reopen("新たな滞納", By("300001", 30, 12, 3));
        c.AssignOfficer(A, Eligible, By("300001", 30, 12, 3));
        Assert.Equal(((DateOnly?)null, (long?)11), (c.ClosedOn, c.OfficerAccountId));
    }

    [Fact]
    public void Projection_AfterEveryMove_EqualsFoldOfEvents()
    {
        var c = Opened();
        Assert.Equal(c.State, c.Projection);
        c.AssignOfficer(A, Eligible, By("300001", 30, 11, 26));
        c.HoldDemandRuns("分納誓約中", By("200001", 11, 11, 27));
        c.Close("完結", By("200001", 11, 11, 30));
        Assert.Equal(c.State, c.Projection);
        Assert.Equal(new CaseState(11, true, "分納誓約中", new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 30),
            new DateTime(2026, 11, 30, 3, 0, 0, DateTimeKind.Utc), "200001"), c.Projection);
        Assert.Equal(CaseState.Fold(c.Events), c.State);
    }

    [Fact]
    public void CaseEventNames_EveryKind_AuditedInTheCaseBlockTheCaseFileBlockOrTheLiabilityBlock()
    {
        // 3010–3019: the case itself (opening, officer, hold, closing); 3220–3239: the case file (付箋 3221, 注意対象者 3222);
        // 3280–3299: other persons liable for the case's claims (承継・連帯納税義務・第二次納税義務, case events 60–66);
        // 3400–3429: enforcement and distribution (交付要求・滞納処分費・破産・公売・配当, case events 100–108).
        foreach (var kind in Enum.GetValues<CaseEventKind>())
            Assert.True((int)CaseEventNames.AuditKind(kind) is (>= 3010 and <= 3019) or (>= 3220 and <= 3239) or (>= 3280 and <= 3299) or (>= 3360 and <= 3389) or (>= 3400 and <= 3429), kind.ToString());
        Assert.Equal((3221, 3221, 3222, 3222), ((int)CaseEventNames.AuditKind(CaseEventKind.FlagAdded), (int)CaseEventNames.AuditKind(CaseEventKind.FlagRemoved),
            (int)CaseEventNames.AuditKind(CaseEventKind.CautionSet), (int)CaseEventNames.AuditKind(CaseEventKind.CautionCleared)));
        Assert.Equal((3017, 3018), ((int)AuditEventKind.CaseClosed, (int)AuditEventKind.CaseReopened));
    }
}
