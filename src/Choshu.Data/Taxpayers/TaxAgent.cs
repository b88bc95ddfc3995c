namespace Choshu.Data.Taxpayers;

/// <summary>
/// 納税管理人 (管理人情報): a person, itself a taxpayer record, who receives mail and handles
/// payment for a taxpayer who lives away. Registration and cancellation are dated; a cancelled
/// registration stays on record.
/// </summary>
public sealed class TaxAgent
{
    public long Id { get; set; }
    /// <summary>義務者宛名番号 (the taxpayer)</summary>
    public long TaxpayerId { get; set; }
    /// <summary>管理人宛名番号 (the agent)</summary>
    public long AgentTaxpayerId { get; set; }
    /// <summary>科目コード: the tax kind the agent is for, or null for every kind.</summary>
    public string? TaxKindCode { get; set; }
    /// <summary>管理人種別: 1 納税管理人, 2 送付先 (mail only), 3 相続人代表者.</summary>
    public short AgentKind { get; set; } = 1;
    /// <summary>管理人登録日</summary>
    public DateOnly RegisteredOn { get; set; }
    /// <summary>管理人取消日</summary>
    public DateOnly? CancelledOn { get; set; }
    /// <summary>登録事由</summary>
    public string? Reason { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}
