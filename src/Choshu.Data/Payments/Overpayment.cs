using Choshu.Domain.Reconciliation;

namespace Choshu.Data.Payments;

/// <summary>
/// 過誤納: money received beyond what the installment owed, or for a claim that had lapsed. Must be appropriated to
/// other unpaid local tax of the same person first (地方税法17条の2), then refunded. Read-only: one row of the view
/// <c>overpayments</c>, projected from the journal entry that booked it (kind Payment, component Overpayment,
/// <see cref="Id"/> is that entry's id); <see cref="CancelledAtUtc"/> is when a reversal entry undid it.
/// </summary>
public sealed class Overpayment
{
    public long Id { get; set; }
    public long PaymentId { get; set; }
    public long TaxpayerId { get; set; }
    public long? InstallmentId { get; set; }
    public long Amount { get; set; }
    public OverpaymentReason Reason { get; set; }
    /// <summary>The refund interest cause (17条の4第1項): the recorded one (<c>overpayment_causes</c>), else 誤納.</summary>
    public Domain.Refunds.RefundInterestCause Cause { get; set; }
    /// <summary>更正の請求の日 (cause 2).</summary>
    public DateOnly? RequestedOn { get; set; }
    /// <summary>更正日 (a reduction).</summary>
    public DateOnly? CorrectedOn { get; set; }
    /// <summary>所得税の更正の通知日 (cause 3).</summary>
    public DateOnly? IncomeTaxNoticeOn { get; set; }
    /// <summary>The day the overpayment arose (the payment's 納付日; for a reduction, its 更正日).</summary>
    public DateOnly AroseOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    /// <summary>When the overpayment was undone (its entry reversed: the payment reversed or booked again).</summary>
    public DateTime? CancelledAtUtc { get; set; }
}
