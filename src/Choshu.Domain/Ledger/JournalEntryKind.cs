namespace Choshu.Domain.Ledger;

/// <summary>
/// The kinds of append-only journal entries. Every change to what a taxpayer owes or has paid
/// is one of these; nothing is updated in place or deleted. Numbers are stored: never renumber.
/// </summary>
public enum JournalEntryKind : short
{
    /// <summary>調定: the original assessed amount of an installment.</summary>
    Charge = 1,
    /// <summary>税変・更正: an amendment, up (positive) or down (negative).</summary>
    Amendment = 2,
    /// <summary>収納: money received and applied to a component.</summary>
    Payment = 3,
    /// <summary>取消: reverses another entry exactly (linked by ReversesEntryId).</summary>
    Reversal = 4,
    /// <summary>充当: an overpayment applied to another unpaid tax.</summary>
    Appropriation = 5,
    /// <summary>還付: money refunded.</summary>
    Refund = 6,
    /// <summary>不納欠損: an extinguished claim written off.</summary>
    WriteOff = 7,
    /// <summary>
    /// 還付加算金: refund interest the city owes on an overpayment (地方税法17条の4), on the overpayment account (component
    /// Overpayment, −X) of the installment the overpayment arose on; added to the money and itself appropriated or refunded.
    /// Recorded when an appropriation earns it (linked to that appropriation's source entry).
    /// </summary>
    RefundInterest = 8,
    /// <summary>
    /// 延滞金減免: late fee relieved by a recorded decision (地方税法326条3項 etc.; <c>LateFeeWaivers</c> in the app), component
    /// LateFee, −X. It lowers the late fee owed whether or not the late fee is booked yet (<see cref="InstallmentLedger.LateFeeRelieved"/>);
    /// cancelled by a <see cref="Reversal"/> linked to it (ReversesEntryId).
    /// </summary>
    LateFeeRelief = 9,
}
