using Choshu.Domain.Security;

namespace Choshu.Domain.Cases;

/// <summary>
/// What happened to a delinquency case (滞納整理事案). Stored as numbers in <c>case_events.kind</c>: never renumber,
/// only add. Grouped by tens: 1x opening and closing, 2x the officer in charge, 3x the 一斉催告停止, 4x 付箋 and 注意対象者,
/// 6x other persons liable for the taxpayer's claims (承継・連帯納税義務・第二次納税義務; the rows are <c>liabilities</c>), 9x enforcement
/// (差押; the rows are <c>seizures</c>).
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
    /// <summary>承継の記録: the taxpayer died (<c>Reason</c> names the day, the heirs and their shares, the 相続人代表者).</summary>
    SuccessionRecorded = 60,
    /// <summary>相続放棄: an heir renounced; the shares of the others as entered (in <c>Reason</c>).</summary>
    HeirRenounced = 61,
    /// <summary>限定承認: the heirs accepted with limited liability (liability limited to the estate).</summary>
    LimitedAcceptanceRecorded = 62,
    /// <summary>相続人代表者の指定・変更: the heir who receives the letters about the deceased's claims.</summary>
    RepresentativeDesignated = 63,
    /// <summary>連帯納税義務者の記録: a co-owner liable for the whole of one of the taxpayer's claims.</summary>
    JointLiabilityAdded = 65,
    /// <summary>第二次納税義務の告知: a 納付通知書 made a second person liable up to a limit.</summary>
    SecondaryLiabilityNotified = 66,
    /// <summary>交付要求・参加差押 sent to another enforcement body (the rows are the App's <c>claims_for_distribution</c>).</summary>
    ClaimForDistributionMade = 100,
    /// <summary>交付要求・参加差押の終了: the other procedure ended.</summary>
    ClaimForDistributionEnded = 101,
    /// <summary>配当金・交付金の受入: money from a distribution booked (滞納処分費 first, then the claims).</summary>
    DistributionReceived = 102,
    /// <summary>滞納処分費の記録.</summary>
    EnforcementCostCharged = 103,
    /// <summary>破産・民事再生・会社更生の記録 (開始決定, 免責, 法人の解散).</summary>
    InsolvencyRecorded = 104,
    /// <summary>繰上徴収の告知 (地方税法13条の2).</summary>
    AcceleratedCollectionNotified = 105,
    /// <summary>保全差押金額の通知 (地方税法16条の4).</summary>
    ProtectiveSeizureNotified = 106,
    /// <summary>公売の記録 (見積価額・公告・売却決定・代金納付・権利移転登記の嘱託) or 不服申立ての記録.</summary>
    PublicSaleRecorded = 107,
    /// <summary>配当計算書の作成・送付 or 配当の実施.</summary>
    DistributionStatementIssued = 108,
    /// <summary>差押の記録 (9x enforcement; the rows are <c>seizures</c>): <c>Reason</c> says what was seized for which claims.</summary>
    SeizureRecorded = 90,
    /// <summary>差押の送達: the notice reached the third-party debtor (or the record was made); the seizure takes effect.</summary>
    SeizureArrived = 91,
    /// <summary>差押解除 (with a reason).</summary>
    SeizureReleased = 92,
    /// <summary>差押の終了 (the claims paid or the seized receivable exhausted by 取立).</summary>
    SeizureEnded = 93,
}

/// <summary>The Japanese names of <see cref="CaseEventKind"/> and the audit event kind each is recorded under.</summary>
public static class CaseEventNames
{
    public static string Japanese(CaseEventKind kind) => Labels.JapaneseLabels.Of(kind);

    /// <summary>The audit (操作ログ) kind that records the change (the case block 3010–3019; liabilities 3280–3289; enforcement and distribution 3400–3429).</summary>
    public static AuditEventKind AuditKind(CaseEventKind kind) => kind switch
    {
        CaseEventKind.Opened => AuditEventKind.CaseOpened,
        CaseEventKind.OfficerAssigned => AuditEventKind.CaseOfficerAssigned,
        CaseEventKind.DemandRunHoldSet or CaseEventKind.DemandRunHoldCleared => AuditEventKind.CaseDemandHoldChanged,
        CaseEventKind.Closed => AuditEventKind.CaseClosed,
        CaseEventKind.Reopened => AuditEventKind.CaseReopened,
        CaseEventKind.FlagAdded or CaseEventKind.FlagRemoved => AuditEventKind.CaseFlagChanged,
        CaseEventKind.CautionSet or CaseEventKind.CautionCleared => AuditEventKind.CaseCautionChanged,
        CaseEventKind.SuccessionRecorded => AuditEventKind.SuccessionRecorded,
        CaseEventKind.HeirRenounced => AuditEventKind.HeirRenounced,
        CaseEventKind.LimitedAcceptanceRecorded => AuditEventKind.LimitedAcceptanceRecorded,
        CaseEventKind.RepresentativeDesignated => AuditEventKind.HeirRepresentativeDesignated,
        CaseEventKind.JointLiabilityAdded => AuditEventKind.JointLiabilityAdded,
        CaseEventKind.SecondaryLiabilityNotified => AuditEventKind.SecondaryLiabilityNotified,
        CaseEventKind.ClaimForDistributionMade => AuditEventKind.ClaimForDistributionMade,
        CaseEventKind.ClaimForDistributionEnded => AuditEventKind.ClaimForDistributionEnded,
        CaseEventKind.DistributionReceived => AuditEventKind.DistributionReceived,
        CaseEventKind.EnforcementCostCharged => AuditEventKind.EnforcementCostCharged,
        CaseEventKind.InsolvencyRecorded => AuditEventKind.InsolvencyRecorded,
        CaseEventKind.AcceleratedCollectionNotified => AuditEventKind.AcceleratedCollectionNotified,
        CaseEventKind.ProtectiveSeizureNotified => AuditEventKind.ProtectiveSeizureNotified,
        CaseEventKind.PublicSaleRecorded => AuditEventKind.PublicSaleRecorded,
        CaseEventKind.DistributionStatementIssued => AuditEventKind.DistributionStatementIssued,
        CaseEventKind.SeizureRecorded => AuditEventKind.SeizureRecorded,
        CaseEventKind.SeizureArrived => AuditEventKind.SeizureArrived,
        CaseEventKind.SeizureReleased => AuditEventKind.SeizureReleased,
        CaseEventKind.SeizureEnded => AuditEventKind.SeizureEnded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
