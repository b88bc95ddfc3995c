using Choshu.Domain.Reconciliation;

namespace Choshu.Data.Payments;

/// <summary>
/// 過誤納: money received beyond what the installment owed. Must be appropriated to other unpaid
/// local tax of the same person first (地方税法17条の2), then refunded; those steps are later work.
/// </summary>
public sealed class Overpayment
{
    public long Id { get; set; }
    public long PaymentId { get; set; }
    public long TaxpayerId { get; set; }
    public long? InstallmentId { get; set; }
    public long Amount { get; set; }
    public OverpaymentReason Reason { get; set; }
    /// <summary>The day the overpayment arose (the payment's 納付日).</summary>
    public DateOnly AroseOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    /// <summary>Set when the overpayment is undone by reversing its payment.</summary>
    public DateTime? CancelledAtUtc { get; set; }
}
