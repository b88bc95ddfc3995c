namespace Choshu.App.Reconciliation;

/// <summary>What became of one payment record.</summary>
public enum BookingOutcome
{
    /// <summary>消込済: booked into the journal (any excess recorded as an overpayment).</summary>
    Booked,
    /// <summary>速報: recorded as paid-pending.</summary>
    Pending,
    /// <summary>速報取消: the preliminary record was cancelled.</summary>
    Cancelled,
    /// <summary>重複: the same record was received before; nothing was done.</summary>
    Duplicate,
    /// <summary>未消込: matched no installment; in the unmatched queue.</summary>
    Unmatched,
    /// <summary>保留: the record could not be applied; kept with its reason.</summary>
    Quarantined,
}

/// <summary>The outcome of one record, with what a clerk needs to know about it.</summary>
public sealed record BookingResult(int LineNo, BookingOutcome Outcome, long Amount, long? PaymentId, long Overpaid, string? Field, string? Reason);

/// <summary>The words staff read for a <see cref="BookingOutcome"/> (audit details, import summaries).</summary>
public static class BookingOutcomes
{
    public static string Label(BookingOutcome o) => o switch
    {
        BookingOutcome.Booked => "消込済",
        BookingOutcome.Pending => "速報",
        BookingOutcome.Cancelled => "速報取消",
        BookingOutcome.Duplicate => "重複",
        BookingOutcome.Unmatched => "未消込",
        BookingOutcome.Quarantined => "保留",
        _ => "不明",
    };
}
