using Choshu.Domain.Security;

namespace Choshu.Domain.Cases;

/// <summary>
/// What happened to a delinquency case (滞納整理事案). Stored as numbers in <c>case_events.kind</c>: never renumber,
/// only add. Grouped by tens: 1x opening and closing, 2x the officer in charge, 3x the 一斉催告停止, 4x 付箋 and 注意対象者.
/// </summary>
public enum CaseEventKind : short
{
    /// <summary>事案の開始 (no officer yet).</summary>
    Opened = 1,
    /// <summary>事案の終了 (with a reason).</summary>
    Closed = 2,
    /// <summary>事案の再開 (a closed case opened again, with a reason).</summary>
    Reopened = 3,
    /// <summary>担当者の設定・変更: <c>OfficerAccountId</c> is the officer in charge from now on.</summary>
    OfficerAssigned = 20,
    /// <summary>一斉催告停止の設定 (with a reason).</summary>
    DemandRunHoldSet = 30,
    /// <summary>一斉催告停止の解除 (with a reason).</summary>
    DemandRunHoldCleared = 31,
    /// <summary>付箋の貼付: a coloured flag (<c>Colour</c>) with a text (<c>Reason</c>) and an optional end date (<c>EndsOn</c>).</summary>
    FlagAdded = 40,
    /// <summary>付箋の取り外し: <c>RefersToEventId</c> is the <see cref="FlagAdded"/> event removed (with a reason).</summary>
    FlagRemoved = 41,
    /// <summary>注意対象者の設定 (with a reason): shown only to the officer in charge and approvers.</summary>
    CautionSet = 45,
    /// <summary>注意対象者の解除 (with a reason).</summary>
    CautionCleared = 46,
}

/// <summary>The Japanese names of <see cref="CaseEventKind"/> and the audit event kind each is recorded under.</summary>
public static class CaseEventNames
{
    public static string Japanese(CaseEventKind kind) => Labels.JapaneseLabels.Of(kind);

    /// <summary>The audit (操作ログ) kind that records the change (the case block 3010–3019).</summary>
    public static AuditEventKind AuditKind(CaseEventKind kind) => kind switch
    {
        CaseEventKind.Opened => AuditEventKind.CaseOpened,
        CaseEventKind.OfficerAssigned => AuditEventKind.CaseOfficerAssigned,
        CaseEventKind.DemandRunHoldSet or CaseEventKind.DemandRunHoldCleared => AuditEventKind.CaseDemandHoldChanged,
        CaseEventKind.Closed => AuditEventKind.CaseClosed,
        CaseEventKind.Reopened => AuditEventKind.CaseReopened,
        CaseEventKind.FlagAdded or CaseEventKind.FlagRemoved => AuditEventKind.CaseFlagChanged,
        CaseEventKind.CautionSet or CaseEventKind.CautionCleared => AuditEventKind.CaseCautionChanged,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
