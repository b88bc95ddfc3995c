namespace Choshu.Domain.Security;

/// <summary>
/// What may be changed on a delinquency case (滞納整理事案) only by the staff member in charge
/// (seed III-3 リスク1), as the policy is asked about it. Numbers are not stored. What is recorded is the case event the
/// change appends (<c>Cases.CaseEventKind</c>, audited under its own kind); a change that appends none (an appropriation,
/// a stay) is audited under <see cref="CaseUpdatePolicy.EventKind"/>.
/// </summary>
public enum CaseUpdateKind
{
    /// <summary>充当内容.</summary>
    Appropriation,
    /// <summary>執行停止.</summary>
    StayOfExecution,
    /// <summary>不納欠損.</summary>
    WriteOff,
    /// <summary>滞納処分.</summary>
    Disposition,
    /// <summary>担当者の設定・変更.</summary>
    OfficerAssignment,
    /// <summary>一斉催告停止.</summary>
    DemandRunHold,
    /// <summary>事案の終了・再開.</summary>
    Closing,
    /// <summary>猶予 (徴収猶予・換価の猶予) recorded on a claim of the case.</summary>
    Deferment,
    /// <summary>経過記録 (a case log entry, or its correction).</summary>
    CaseLog,
    /// <summary>付箋.</summary>
    Flag,
    /// <summary>注意対象者.</summary>
    Caution,
    /// <summary>約束・分納誓約: recorded, cancelled or completed on the case (audited 3240–3242).</summary>
    Pledge,
    /// <summary>延滞金減免: drafted on a claim of the case (audited 3300; decided and cancelled by an approver, 3301–3302).</summary>
    LateFeeWaiver,
    /// <summary>承継・連帯納税義務・第二次納税義務: another person made liable for the case's claims (audited 3280–3285).</summary>
    Liability,
    /// <summary>財産調査: an inquiry from the case to a bank, employer, insurer, pension payer, the registry or a municipality (audited 3341).</summary>
    Inquiry,
    /// <summary>財産調査の回答: what a target answered, typed in on the case (audited 3343).</summary>
    InquiryAnswer,
}

/// <summary>Why an update was refused.</summary>
public enum CaseUpdateRefusal
{
    /// <summary>The system actor (a CLI command or batch job) never updates a case: a named person must.</summary>
    SystemActor,
    /// <summary>The case has no officer yet: only an approver may assign the first one (or change anything on it).</summary>
    UnassignedNeedsApprover,
    /// <summary>Someone other than the officer in charge, without the approver role.</summary>
    NotOfficerInCharge,
    /// <summary>The officer in charge, but without an active 滞納整理担当 today (the right lapsed or was revoked).</summary>
    OfficerWithoutActiveRole,
}

/// <summary>The outcome of <see cref="CaseUpdatePolicy.Decide"/>.</summary>
public readonly record struct CaseUpdateDecision(bool Allowed, CaseUpdateRefusal? Refusal)
{
    public static CaseUpdateDecision Allow() => new(true, null);

    public static CaseUpdateDecision Refuse(CaseUpdateRefusal why) => new(false, why);
}

/// <summary>
/// The one rule of who may update a delinquency case (seed III-3 リスク1: 充当内容・執行停止・不納欠損・
/// 滞納処分・担当者の設定・一斉催告停止 are updated only by the staff member in charge). Allowed to:
/// <list type="bullet">
/// <item>an active 承認者 (課長・係長), for every kind, including the first assignment of an unassigned case;</item>
/// <item>the officer in charge of the case (<c>caseOfficerAccountId</c>) while holding an active role that
/// gives <see cref="Permission.UpdateCases"/> (滞納整理担当), for every kind, including handing the case to a colleague.</item>
/// </list>
/// Nobody else: not another 滞納整理担当, not 収納担当, not the system actor. Pure: the caller supplies
/// the roles active today (dated grants) and the case's officer.
/// </summary>
public static class CaseUpdatePolicy
{
    /// <param name="kind">What is about to change (every kind follows the same rule today; call sites name it so a kind can get its own rule).</param>
    /// <param name="actorAccountId">The person acting; null for the system actor.</param>
    /// <param name="activeRoles">The roles the person holds today.</param>
    /// <param name="caseOfficerAccountId">The officer in charge of the case; null while unassigned.</param>
    public static CaseUpdateDecision Decide(CaseUpdateKind kind, long? actorAccountId, IReadOnlyCollection<Role> activeRoles, long? caseOfficerAccountId)
    {
        if (actorAccountId is not { } actor) return CaseUpdateDecision.Refuse(CaseUpdateRefusal.SystemActor);
        if (activeRoles.Contains(Role.Approver) && RolePermissions.Allows(activeRoles, Permission.UpdateCases)) return CaseUpdateDecision.Allow();
        if (caseOfficerAccountId is not { } officer) return CaseUpdateDecision.Refuse(CaseUpdateRefusal.UnassignedNeedsApprover);
        if (officer != actor) return CaseUpdateDecision.Refuse(CaseUpdateRefusal.NotOfficerInCharge);
        return RolePermissions.Allows(activeRoles, Permission.UpdateCases)
            ? CaseUpdateDecision.Allow()
            : CaseUpdateDecision.Refuse(CaseUpdateRefusal.OfficerWithoutActiveRole);
    }

    /// <summary>Whether a person may be made the officer in charge: an active 滞納整理担当 today.</summary>
    public static bool MayBeOfficer(IReadOnlyCollection<Role> activeRoles) =>
        activeRoles.Contains(Role.DelinquencyOfficer) && RolePermissions.Allows(activeRoles, Permission.UpdateCases);

    /// <summary>
    /// The audit event kind that records a change of this kind when it appends no case event (3010–3017, 3019). A change
    /// that appends one is audited under that event's kind (<c>CaseEventNames.AuditKind</c>: a reopening is 3018).
    /// </summary>
    public static AuditEventKind EventKind(CaseUpdateKind kind) => kind switch
    {
        CaseUpdateKind.OfficerAssignment => AuditEventKind.CaseOfficerAssigned,
        CaseUpdateKind.DemandRunHold => AuditEventKind.CaseDemandHoldChanged,
        CaseUpdateKind.Appropriation => AuditEventKind.CaseAppropriation,
        CaseUpdateKind.StayOfExecution => AuditEventKind.CaseStayOfExecution,
        CaseUpdateKind.WriteOff => AuditEventKind.CaseWriteOff,
        CaseUpdateKind.Disposition => AuditEventKind.CaseDisposition,
        CaseUpdateKind.Closing => AuditEventKind.CaseClosed,
        CaseUpdateKind.Deferment => AuditEventKind.CaseDeferment,
        CaseUpdateKind.CaseLog => AuditEventKind.CaseLogRecorded,
        CaseUpdateKind.Flag => AuditEventKind.CaseFlagChanged,
        CaseUpdateKind.Caution => AuditEventKind.CaseCautionChanged,
        CaseUpdateKind.Pledge => AuditEventKind.PledgeRecorded,
        CaseUpdateKind.LateFeeWaiver => AuditEventKind.LateFeeWaiverDrafted,
        CaseUpdateKind.Liability => AuditEventKind.SuccessionRecorded,
        CaseUpdateKind.Inquiry => AuditEventKind.InquiryRecorded,
        CaseUpdateKind.InquiryAnswer => AuditEventKind.InquiryAnswerRecorded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The Japanese name staff read.</summary>
    public static string Japanese(CaseUpdateKind kind) => Labels.JapaneseLabels.Of(kind);
}
