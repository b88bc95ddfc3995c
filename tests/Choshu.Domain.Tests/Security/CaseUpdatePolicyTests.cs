using Choshu.Domain.Security;

namespace Choshu.Domain.Tests.Security;

/// <summary>
/// Seed III-3 リスク1: appropriation, stays, write-offs, dispositions, officer assignment and the 一斉催告停止
/// flag may be updated only by the officer in charge (or an approver). Accounts: 11 is the officer in charge,
/// 12 another 滞納整理担当, 13 a 収納担当, 14 an approver.
/// </summary>
public class CaseUpdatePolicyTests
{
    private const long Officer = 11, Colleague = 12, Clerk = 13, Approver = 14;

    public static TheoryData<CaseUpdateKind> Kinds => new(Enum.GetValues<CaseUpdateKind>());

    [Theory, MemberData(nameof(Kinds))]
    public void Decide_OfficerInChargeWithActiveRole_Allowed(CaseUpdateKind kind) =>
        Assert.Equal(CaseUpdateDecision.Allow(), CaseUpdatePolicy.Decide(kind, Officer, [Role.DelinquencyOfficer], Officer));

    [Theory, MemberData(nameof(Kinds))]
    public void Decide_AnotherDelinquencyOfficer_RefusedAsNotInCharge(CaseUpdateKind kind) =>
        Assert.Equal(CaseUpdateDecision.Refuse(CaseUpdateRefusal.NotOfficerInCharge),
            CaseUpdatePolicy.Decide(kind, Colleague, [Role.DelinquencyOfficer], Officer));

    [Theory, MemberData(nameof(Kinds))]
    public void Decide_CollectionClerk_Refused(CaseUpdateKind kind) =>
        Assert.False(CaseUpdatePolicy.Decide(kind, Clerk, [Role.CollectionClerk], Officer).Allowed);

    [Theory, MemberData(nameof(Kinds))]
    public void Decide_Approver_AllowedOnAnyCase(CaseUpdateKind kind)
    {
        Assert.True(CaseUpdatePolicy.Decide(kind, Approver, [Role.Approver], Officer).Allowed);
        Assert.True(CaseUpdatePolicy.Decide(kind, Approver, [Role.Approver], null).Allowed);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Decide_SystemActor_RefusedEvenWithEveryRole(CaseUpdateKind kind) =>
        Assert.Equal(CaseUpdateDecision.Refuse(CaseUpdateRefusal.SystemActor),
            CaseUpdatePolicy.Decide(kind, null, Enum.GetValues<Role>(), Officer));

    [Fact]
    public void Decide_FirstAssignmentByDelinquencyOfficer_RefusedOnlyApproverMay()
    {
        Assert.Equal(CaseUpdateDecision.Refuse(CaseUpdateRefusal.UnassignedNeedsApprover),
            CaseUpdatePolicy.Decide(CaseUpdateKind.OfficerAssignment, Officer, [Role.DelinquencyOfficer], null));
        Assert.True(CaseUpdatePolicy.Decide(CaseUpdateKind.OfficerAssignment, Approver, [Role.Approver], null).Allowed);
    }

    [Fact]
    public void Decide_OfficerInChargeWhoseRoleLapsed_RefusedAsWithoutActiveRole() =>
        Assert.Equal(CaseUpdateDecision.Refuse(CaseUpdateRefusal.OfficerWithoutActiveRole),
            CaseUpdatePolicy.Decide(CaseUpdateKind.WriteOff, Officer, [Role.CollectionClerk], Officer));

    [Fact]
    public void Decide_OfficerInChargeOrApproverWhoIsAlsoContractor_Refused()
    {
        // Issue 18 defect 5: 委託業者 reads no taxpayer data, whatever else the account holds.
        Assert.False(CaseUpdatePolicy.Decide(CaseUpdateKind.Disposition, Officer, [Role.DelinquencyOfficer, Role.Contractor], Officer).Allowed);
        Assert.False(CaseUpdatePolicy.Decide(CaseUpdateKind.Disposition, Officer, [Role.Approver, Role.Contractor], null).Allowed);
        Assert.False(CaseUpdatePolicy.MayBeOfficer([Role.DelinquencyOfficer, Role.Contractor]));
        Assert.False(CaseUpdatePolicy.Decide(CaseUpdateKind.Disposition, Officer, [Role.Contractor, Role.SystemAdministrator], Officer).Allowed);
    }

    [Fact]
    public void MayBeOfficer_OnlyActiveDelinquencyOfficer()
    {
        Assert.True(CaseUpdatePolicy.MayBeOfficer([Role.DelinquencyOfficer]));
        Assert.False(CaseUpdatePolicy.MayBeOfficer([Role.Approver]));
        Assert.False(CaseUpdatePolicy.MayBeOfficer([Role.CollectionClerk]));
        Assert.False(CaseUpdatePolicy.MayBeOfficer([]));
    }

    [Fact]
    public void EventKind_EachKind_NumberedCatalogue3010To3019CaseFile3220Pledges3240LateFeeRelief3300Liabilities3280AndInquiries3341()
    {
        Assert.Equal(
            [3012, 3013, 3014, 3015, 3010, 3011, 3017, 3019, 3220, 3221, 3222, 3240, 3300, 3280, 3341, 3343],
            Enum.GetValues<CaseUpdateKind>().Select(k => (int)CaseUpdatePolicy.EventKind(k)));
    }
}
