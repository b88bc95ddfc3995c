using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;

namespace Choshu.App.Ledger;

/// <summary>
/// Folds an installment's journal entries into what it owes: the one place that reads the journal's
/// sign convention (positive raises what is owed, negative lowers it). A reversal and the entry it
/// reverses cancel out. Used by every screen, report and booking that needs a balance.
/// </summary>
public sealed class InstallmentLedger
{
    private readonly List<PaymentEvent> _principalPayments = [];
    private List<LimitationRenewal>? _renewals;

    private InstallmentLedger(DateOnly dueDate) => DueDate = dueDate;

    public DateOnly DueDate { get; }
    /// <summary>本税 as assessed: charge plus amendments.</summary>
    public long Principal { get; private set; }
    /// <summary>Money applied to the principal (payments and appropriations).</summary>
    public long PrincipalPaid { get; private set; }
    /// <summary>Other reductions of the principal (write-offs, refunds).</summary>
    public long PrincipalOtherReductions { get; private set; }
    public long ReminderFeeCharged { get; private set; }
    public long ReminderFeePaid { get; private set; }
    /// <summary>Late fee booked as final.</summary>
    public long LateFeeCharged { get; private set; }
    public long LateFeePaid { get; private set; }
    public IReadOnlyList<PaymentEvent> PrincipalPayments => _principalPayments;
    /// <summary>納付日 of the latest money applied (any component); a payment dated before it arrived late and must be re-booked in order.</summary>
    public DateOnly? LastMoneyDate { get; private set; }

    /// <summary>
    /// What renewed the limitation of the claim (時効の更新), in the order applied: a 督促 for every reminder fee
    /// charged (its value date = the day the reminder was sent), a 承認 for every money entry (payment or
    /// appropriation, any component), an increase notice for every increase of the principal. See <see cref="ClaimLimitation"/>.
    /// </summary>
    public IReadOnlyList<LimitationRenewal> LimitationRenewals => (IReadOnlyList<LimitationRenewal>?)_renewals ?? [];

    /// <summary>The first day on which the right to collect has lapsed (時効); null when it cannot be placed (never lapsed).</summary>
    public DateOnly? ClaimLapsesOn => ClaimLimitation.FirstLapsedDay(DueDate, LimitationRenewals);

    /// <summary>True when the right to collect has lapsed on <paramref name="on"/> (on or after <see cref="ClaimLapsesOn"/>).</summary>
    public bool ClaimLapsed(DateOnly on) => ClaimLimitation.HasLapsed(DueDate, LimitationRenewals, on);

    /// <summary>
    /// True when something is still owed (<see cref="Owed"/>) and the right to collect it has lapsed on <paramref name="on"/>:
    /// money for it is an overpayment (時効後の納付, <c>PaymentBooker</c>), the counter must not take it (<c>PaymentDesk</c>),
    /// and the taxpayer page shows it as 時効 (<c>TaxpayerDetailsQuery</c>).
    /// </summary>
    public bool LapsedWithBalance(DateOnly on) => Owed > 0 && ClaimLapsed(on);

    /// <summary>Principal, 督促手数料 and booked 延滞金 still owed.</summary>
    public long Owed => PrincipalBalance + ReminderFeeBalance + LateFeeBalance;

    public long PrincipalBalance => Principal - PrincipalPaid - PrincipalOtherReductions;
    public long ReminderFeeBalance => ReminderFeeCharged - ReminderFeePaid;
    public long LateFeeBalance => LateFeeCharged - LateFeePaid;

    public static InstallmentLedger From(DateOnly dueDate, IEnumerable<LedgerLine> lines)
    {
        var ledger = new InstallmentLedger(dueDate);
        var list = lines as IReadOnlyCollection<LedgerLine> ?? lines.ToList();
        var reversed = list.Where(l => l.ReversesEntryId is not null).Select(l => l.ReversesEntryId!.Value).ToHashSet();
        foreach (var l in list.OrderBy(l => l.ValueDate).ThenBy(l => l.Id))
        {
            if (l.Kind == JournalEntryKind.Reversal || reversed.Contains(l.Id)) continue;
            ledger.Apply(l.Kind, l.Component, l.Amount, l.ValueDate);
        }
        return ledger;
    }

    /// <summary>Applies one more entry (a booking in progress applies what it is about to write).</summary>
    public void Apply(JournalEntryKind kind, LedgerComponent component, long amount, DateOnly valueDate)
    {
        var charge = kind is JournalEntryKind.Charge or JournalEntryKind.Amendment;
        var money = kind is JournalEntryKind.Payment or JournalEntryKind.Appropriation;
        if (money && (LastMoneyDate is null || valueDate > LastMoneyDate)) LastMoneyDate = valueDate;
        if (money && amount < 0)
            (_renewals ??= []).Add(new LimitationRenewal(LimitationRenewalKind.Acknowledgement, valueDate));
        else if (kind == JournalEntryKind.Charge && component == LedgerComponent.ReminderFee && amount > 0)
            (_renewals ??= []).Add(new LimitationRenewal(LimitationRenewalKind.Reminder, valueDate));
        else if (kind == JournalEntryKind.Amendment && component == LedgerComponent.Principal && amount > 0)
            (_renewals ??= []).Add(new LimitationRenewal(LimitationRenewalKind.IncreaseNotice, valueDate));
        switch (component)
        {
            case LedgerComponent.Principal when charge:
                Principal += amount;
                break;
            case LedgerComponent.Principal when money:
                PrincipalPaid -= amount;
                _principalPayments.Add(new PaymentEvent(valueDate, -amount));
                break;
            case LedgerComponent.Principal:
                PrincipalOtherReductions -= amount;
                break;
            case LedgerComponent.ReminderFee when charge:
                ReminderFeeCharged += amount;
                break;
            case LedgerComponent.ReminderFee:
                ReminderFeePaid -= amount;
                break;
            case LedgerComponent.LateFee when charge:
                LateFeeCharged += amount;
                break;
            case LedgerComponent.LateFee:
                LateFeePaid -= amount;
                break;
        }
    }

    /// <summary>The position a payment is allocated against.</summary>
    public InstallmentPosition Position() =>
        new(Principal - PrincipalOtherReductions, DueDate, _principalPayments.ToList(), ReminderFeeBalance, LateFeeCharged, LateFeePaid);

    /// <summary>
    /// The late fee as of <paramref name="asOf"/>: the booked final amount once the principal is paid,
    /// otherwise computed to that day with the one calculator (null when nothing can accrue yet).
    /// </summary>
    public LateFeeResult? LateFee(DateOnly asOf, LateFeeRateTable rates)
    {
        var principal = Principal - PrincipalOtherReductions;
        if (principal <= 0) return null;
        if (asOf <= DueDate && _principalPayments.All(p => p.PaidOn <= DueDate)) return null;
        return LateFeeCalculator.Calculate(principal, DueDate, _principalPayments.OrderBy(p => p.PaidOn).ToList(), asOf, rates);
    }

    /// <summary>
    /// The late fee still owed as of <paramref name="asOf"/>, as every screen and slip shows it: once the
    /// late fee is final and booked, what is left of the booked amount; otherwise the amount computed to
    /// that day (final or not), 0 when nothing accrues. <c>Detail</c> is the computation (null when none).
    /// </summary>
    public (long Owed, LateFeeResult? Detail) LateFeeOwed(DateOnly asOf, LateFeeRateTable rates)
    {
        var fee = LateFee(asOf, rates);
        return (fee is { IsFinal: true } && LateFeeCharged > 0 ? LateFeeBalance : fee?.LateFee ?? 0, fee);
    }
}
