namespace Choshu.Domain.Reconciliation;

/// <summary>Where a received payment stands. The money itself is only ever in the journal.</summary>
public enum PaymentStatus : short
{
    /// <summary>速報のみ: a convenience store reported it; shown as paid-pending, nothing booked yet.</summary>
    Pending = 1,
    /// <summary>消込済: booked into the journal (and any excess recorded as an overpayment).</summary>
    Booked = 2,
    /// <summary>未消込: matched no installment, or its booking was reversed; waiting in the unmatched queue with its raw data.</summary>
    Unmatched = 3,
    /// <summary>速報取消: the store cancelled its preliminary report.</summary>
    Cancelled = 4,
}
