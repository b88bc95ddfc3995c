using Choshu.Domain.Refunds;

namespace Choshu.Data.Payments;

/// <summary>
/// The refund interest cause of an overpayment that is not 誤納 (17条の4第1項第1–3号), and the dates its start needs: one row per
/// overpayment entry (the journal entry that booked it, <see cref="JournalEntryId"/>), written with it. An overpayment without a
/// row is 誤納 (cause 4). Append-only, like the journal.
/// </summary>
public sealed class OverpaymentCause
{
    public long JournalEntryId { get; set; }
    public RefundInterestCause Cause { get; set; }
    /// <summary>更正の請求の日 (cause 2).</summary>
    public DateOnly? RequestedOn { get; set; }
    /// <summary>更正日: the day the reduction took effect.</summary>
    public DateOnly? CorrectedOn { get; set; }
    /// <summary>所得税の更正の通知日 (cause 3).</summary>
    public DateOnly? IncomeTaxNoticeOn { get; set; }
    /// <summary>Set by EF when the row is written with its journal entry (the entry's id is the store's).</summary>
    public Ledger.JournalEntry? Entry { get; set; }
}
