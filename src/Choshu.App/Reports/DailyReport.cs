using Choshu.Domain.Reconciliation;

namespace Choshu.App.Reports;

/// <summary>
/// 収納日計表: the money received on one day, by channel and tax kind, and what is still pending or unmatched.
/// <see cref="LateEntries"/> lists the counter payments counted on this day whose 納付日 is an earlier day (entered after
/// that day was closed: 後日入力). <see cref="Closed"/> is set when the day is closed (日計締め): the figures are then the
/// ones stored at the close, and never change.
/// </summary>
public sealed record DailyReport(DateOnly Date, IReadOnlyList<DailyLine> Booked, IReadOnlyList<DailyLine> Pending, IReadOnlyList<DailyLine> Unmatched,
    DailyLine BookedTotal, IReadOnlyList<DailyLateEntry>? LateEntries = null, DailyClose? Closed = null);

/// <summary>
/// One channel and tax kind. For booked payments, <see cref="Amount"/> = principal + reminder fee +
/// late fee + overpaid + enforcement costs, each the sum of the journal's payment entries (and overpayments) of those payments;
/// <see cref="EnforcementCost"/> is the part of them taken first for the taxpayer's 滞納処分費 (<c>enforcement_cost_payments</c>),
/// which never reaches the journal.
/// Pending (速報) and unmatched lines have no tax-kind split of the money, only count and amount.
/// </summary>
public sealed record DailyLine(PaymentChannel? Channel, string TaxKindCode, string TaxKindName, int Count, long Amount,
    long Principal, long ReminderFee, long LateFee, long Overpaid, long EnforcementCost = 0);

/// <summary>後日入力: a payment counted on the report's 収入日 although paid (納付日) on an earlier, closed day.</summary>
public sealed record DailyLateEntry(long PaymentId, PaymentChannel Channel, string? ReceiptNo, DateOnly PaidOn, string NoticeNo, short Period, long Amount);

/// <summary>日計締め of the report's day: when and by whom.</summary>
public sealed record DailyClose(DateTime ClosedAtUtc, string ClosedBy);
