using Choshu.Domain.Reconciliation;

namespace Choshu.Data.Payments;

/// <summary>
/// 口座引落不能: a debit the bank could not make, with its result code, kept for the failure notice
/// (口座不能通知書). A debit that succeeded is not here: it is a booked payment of the direct-debit channel.
/// </summary>
public sealed class DebitFailure
{
    public long Id { get; set; }
    /// <summary>The installment the customer number points to; null when it matches none.</summary>
    public long? InstallmentId { get; set; }
    /// <summary>顧客番号 as the bank returned it.</summary>
    public string CustomerNo { get; set; } = "";
    /// <summary>振替日</summary>
    public DateOnly DebitDate { get; set; }
    public long Amount { get; set; }
    /// <summary>振替結果コード: 1 資金不足, 2 取引なし, 3 預金者の都合による振替停止, 4 依頼書なし, 8 委託者の都合による振替停止, 9 その他.</summary>
    public short ResultCode { get; set; }
    /// <summary>Bank and branch as the record names them.</summary>
    public string? SourceCode { get; set; }
    public long ImportFileId { get; set; }
    public int SourceLine { get; set; }
    /// <summary>"zengin:{debit date}:{customer no}": the same failure reported again is not recorded twice.</summary>
    public string IdempotencyKey { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}
