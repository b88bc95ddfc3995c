namespace Choshu.Data.Payments;

/// <summary>
/// One debit asked of a bank for one installment, and what the bank answered. A result code 0
/// books a payment; any other code is a 口座引落不能 kept for the failure notice.
/// </summary>
public sealed class DirectDebitResult
{
    public long Id { get; set; }
    public long InstallmentId { get; set; }
    public long AccountId { get; set; }
    /// <summary>振替日</summary>
    public DateOnly DebitDate { get; set; }
    public long Amount { get; set; }
    /// <summary>振替結果コード (0 debited, 1 insufficient funds, 2 no account, 3 stopped by depositor, 4 no authorisation, 8 stopped by biller, 9 other); null until the result file arrives.</summary>
    public short? ResultCode { get; set; }
    public long? RequestFileId { get; set; }
    public long? ResultFileId { get; set; }
    public int? ResultLine { get; set; }
    /// <summary>The payment booked for a debited record.</summary>
    public long? PaymentId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}
