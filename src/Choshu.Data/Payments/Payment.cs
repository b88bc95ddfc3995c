using Choshu.Domain.Reconciliation;

namespace Choshu.Data.Payments;

/// <summary>
/// 収納: one payment as received from a channel, with its raw record. The money it moves is in
/// the journal (entries carry <c>PaymentId</c>); this row is the receipt and its place in the
/// workflow (pending, booked, unmatched, cancelled, reversed). Its idempotency key is unique:
/// the same record received again is recognised and not booked twice.
/// </summary>
public sealed class Payment
{
    public long Id { get; set; }
    public PaymentChannel Channel { get; set; }
    public PaymentStatus Status { get; set; }
    /// <summary>The key as received (barcode, eL番号, customer number, or notice number and period).</summary>
    public string RawKey { get; set; } = "";
    /// <summary>The installment it was matched to; null while unmatched.</summary>
    public long? InstallmentId { get; set; }
    public long Amount { get; set; }
    /// <summary>納付日: the day the taxpayer paid (late fee runs to it).</summary>
    public DateOnly PaidOn { get; set; }
    /// <summary>収入日: the day the money reached the city; null while only a preliminary report exists.</summary>
    public DateOnly? ReceivedOn { get; set; }
    /// <summary>Bank, branch or store code as received, for the daily report and enquiries.</summary>
    public string? SourceCode { get; set; }
    public long? ImportFileId { get; set; }
    public int? SourceLine { get; set; }
    public string IdempotencyKey { get; set; } = "";
    /// <summary>The record exactly as it arrived (decoded text), kept for the unmatched queue and audit.</summary>
    public string RawRecord { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
    /// <summary>Set when booked, reversed or matched by hand: who and when (the workflow trail).</summary>
    public DateTime? StatusChangedAtUtc { get; set; }
    public string? StatusChangedBy { get; set; }
    public string? StatusReason { get; set; }
}
