namespace Choshu.Data.Cases;

/// <summary>
/// 滞納整理の事案: one per delinquent taxpayer, with the officer in charge (担当者) and the
/// 一斉催告停止 flag. Appropriation, stays, write-offs, dispositions, the officer and the flag may
/// be changed only by the officer in charge or an approver (seed III-3 リスク1; CaseUpdatePolicy).
/// </summary>
public sealed class CollectionCase
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>担当者: the staff account in charge; null until assigned.</summary>
    public long? OfficerAccountId { get; set; }
    /// <summary>一斉催告停止: exclude this taxpayer from mass demand-letter runs.</summary>
    public bool DemandRunHold { get; set; }
    public string? DemandRunHoldReason { get; set; }
    public DateOnly OpenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
}
