using Choshu.App.Security;
using Choshu.Domain.Security;

namespace Choshu.App.Cases;

/// <summary>
/// The permission, given by <see cref="CaseUpdates.AuthorizeAsync"/>, for one person to make one kind of change
/// to one case. <see cref="OfficerAccountId"/> is the officer in charge when it was given: the change's
/// transaction checks it is still the same (<see cref="CaseUpdates.RecordChangeAsync"/>), so a reassignment in
/// between takes the right away.
/// </summary>
public sealed record CaseUpdateGrant(long CaseId, long TaxpayerId, CaseUpdateKind Kind, Actor Actor, long? OfficerAccountId)
{
    /// <summary>The audit event kind the change is recorded under (3010–3015).</summary>
    public AuditEventKind EventKind => CaseUpdatePolicy.EventKind(Kind);
}
