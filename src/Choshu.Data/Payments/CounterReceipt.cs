namespace Choshu.Data.Payments;

/// <summary>
/// 領収証書 of the counter (窓口収納): one receipt for the money a cashier took in one go, for one or more
/// installments (its <see cref="CounterReceiptLine"/>s, each a payment). Written once with its payments, in the
/// booking transaction; only the print count changes afterwards (a print after the first is a 再発行).
/// </summary>
public sealed class CounterReceipt
{
    public long Id { get; set; }
    /// <summary>領収番号, unique; each line's payment has the idempotency key <c>counter:{ReceiptNo}</c> (one line) or <c>counter:{ReceiptNo}/{n}</c>.</summary>
    public string ReceiptNo { get; set; } = "";
    /// <summary>The name the receipt is made out to (the first line's taxpayer).</summary>
    public string PayerName { get; set; } = "";
    public long TaxpayerId { get; set; }
    /// <summary>納付日: the day the money was handed over (late fees run to it).</summary>
    public DateOnly PaidOn { get; set; }
    /// <summary>収入日: the business day whose 収納日計表 counts it (a later day when the 納付日's day was closed).</summary>
    public DateOnly ReceivedOn { get; set; }
    /// <summary>合計: the sum of the lines.</summary>
    public long Total { get; set; }
    /// <summary>お預かり: the cash handed over.</summary>
    public long Tendered { get; set; }
    /// <summary>おつり: <see cref="Tendered"/> − <see cref="Total"/>.</summary>
    public long Change { get; set; }
    /// <summary>The clerk confirmed taking money beyond what was owed (過誤納 on the receipt).</summary>
    public bool OverpaymentConfirmed { get; set; }
    public string Actor { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
    /// <summary>How many times the receipt was printed as PDF; a print after the first is marked 再発行.</summary>
    public int PrintCount { get; set; }
    public DateTime? LastPrintedAtUtc { get; set; }
}

/// <summary>One installment paid on a <see cref="CounterReceipt"/>: the payment booked for it.</summary>
public sealed class CounterReceiptLine
{
    public long Id { get; set; }
    public long ReceiptId { get; set; }
    public short LineNo { get; set; }
    public long PaymentId { get; set; }
    public long InstallmentId { get; set; }
    public long Amount { get; set; }
}

/// <summary>
/// 日計締め: one business day (収入日) closed by a clerk after checking its 収納日計表. While closed, the report shown for the
/// day is <see cref="ReportJson"/>, the figures stored at the close, and no payment is given the day as 収入日 (it gets the
/// next open day). Reopening (an approver, with a reason) clears <see cref="Closed"/>; every close and reopen is in the audit log.
/// </summary>
public sealed class BusinessDay
{
    public DateOnly Day { get; set; }
    public bool Closed { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>The 収納日計表 as it stood at the close (JSON of the report record).</summary>
    public string? ReportJson { get; set; }
    public long ClosedTotal { get; set; }
    public int ClosedCount { get; set; }
    public DateTime? ReopenedAtUtc { get; set; }
    public string? ReopenedBy { get; set; }
    public string? ReopenReason { get; set; }
}
