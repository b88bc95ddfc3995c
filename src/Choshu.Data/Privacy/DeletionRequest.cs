namespace Choshu.Data.Privacy;

public enum DeletionStatus : short
{
    Requested = 1,
    Approved = 2,
    Rejected = 3,
    Executed = 4,
}

/// <summary>
/// 削除: personal data past its retention period, deleted only after a second person (an
/// approver) signs (maker-checker). Records date, operator, approver and what was deleted.
/// </summary>
public sealed class DeletionRequest
{
    public long Id { get; set; }
    /// <summary>What is deleted, e.g. my-numbers-of-closed-taxpayers.</summary>
    public string Scope { get; set; } = "";
    /// <summary>Records whose last activity ended before this date are past retention.</summary>
    public DateOnly Cutoff { get; set; }
    public string Reason { get; set; } = "";
    public DeletionStatus Status { get; set; }
    public int TargetCount { get; set; }
    public long RequestedByAccountId { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public long? DecidedByAccountId { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public string? DecisionComment { get; set; }
    public long? ExecutedByAccountId { get; set; }
    public DateTime? ExecutedAtUtc { get; set; }
}

/// <summary>One record a deletion request covers (fixed when requested, so the approver signs a known list).</summary>
public sealed class DeletionTarget
{
    public long Id { get; set; }
    public long DeletionRequestId { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>宛名番号 at the time, kept so the record of what was deleted stays readable.</summary>
    public string TaxpayerNo { get; set; } = "";
    public DateTime? DeletedAtUtc { get; set; }
}
