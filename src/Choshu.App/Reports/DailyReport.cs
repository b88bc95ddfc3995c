using Choshu.Domain.Reconciliation;

namespace Choshu.App.Reports;

/// <summary>収納日計表: the money received on one day, by channel and tax kind, and what is still pending or unmatched.</summary>
public sealed record DailyReport(DateOnly Date, IReadOnlyList<DailyLine> Booked, IReadOnlyList<DailyLine> Pending, IReadOnlyList<DailyLine> Unmatched, DailyLine BookedTotal);

/// <summary>
/// One channel and tax kind. For booked payments, <see cref="Amount"/> = principal + reminder fee +
/// late fee + overpaid, each the sum of the journal's payment entries (and overpayments) of those payments.
/// Pending (速報) and unmatched lines have no tax-kind split of the money, only count and amount.
/// </summary>
public sealed record DailyLine(PaymentChannel? Channel, string TaxKindCode, string TaxKindName, int Count, long Amount,
    long Principal, long ReminderFee, long LateFee, long Overpaid);
