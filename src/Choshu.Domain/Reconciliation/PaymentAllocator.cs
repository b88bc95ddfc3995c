using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Reconciliation;

/// <summary>What an installment owes just before a payment is applied.</summary>
/// <param name="Principal">Principal as assessed (charge plus amendments).</param>
/// <param name="DueDate">Effective due date (after the holiday shift).</param>
/// <param name="PrincipalPayments">Earlier money applied to the principal, with dates.</param>
/// <param name="ReminderFeeOutstanding">督促手数料 charged and not yet paid.</param>
/// <param name="LateFeeCharged">Late fee already booked as final (0 while the principal is unpaid).</param>
/// <param name="LateFeePaid">Late fee already paid.</param>
/// <param name="Reliefs">The periods the claim's stays and deferments relieve.</param>
/// <param name="LateFeeRelieved">Late fee relieved by decision (延滞金減免): not owed, whether booked already or on finalising.</param>
public sealed record InstallmentPosition(
    long Principal,
    DateOnly DueDate,
    IReadOnlyList<PaymentEvent> PrincipalPayments,
    long ReminderFeeOutstanding,
    long LateFeeCharged,
    long LateFeePaid,
    IReadOnlyList<LateFeeReliefPeriod>? Reliefs = null,
    long LateFeeRelieved = 0)
{
    public long PrincipalOutstanding => Principal - PrincipalPayments.Sum(p => p.Amount);
}

/// <summary>How one payment splits. The parts and <see cref="Overpaid"/> always sum to the payment.</summary>
/// <param name="LateFeeFinalised">The late fee that became final with this payment (the principal is now
/// fully paid) beyond what was already charged, to be booked as a late-fee charge before
/// <see cref="ToLateFee"/>; 0 otherwise.</param>
public sealed record PaymentAllocation(long Amount, long ToPrincipal, long ToReminderFee, long ToLateFee, long Overpaid, long LateFeeFinalised, LateFeeResult? LateFee)
{
    public long Part(LedgerComponent c) => c switch
    {
        LedgerComponent.Principal => ToPrincipal,
        LedgerComponent.ReminderFee => ToReminderFee,
        _ => ToLateFee,
    };
}

/// <summary>
/// Splits a payment over the parts of one installment in the configured order (消込の充当). When the
/// payment completes the principal, the late fee is computed to the payment day with the one
/// calculator and becomes final; only then can money go to it. What is left is an overpayment (過誤納).
/// </summary>
public static class PaymentAllocator
{
    /// <summary>How dated payments split principal-first over one installment (the late-fee calculator's allocation).</summary>
    /// <param name="UnpaidAfter">The unpaid principal at the end of each day with money to the principal, in date order.</param>
    /// <param name="BeyondPrincipal">What was paid beyond the principal (for the late fee, then overpaid).</param>
    /// <param name="PrincipalPaidOffOn">The day the principal was completed; null while some is unpaid.</param>
    public sealed record PrincipalSplit(IReadOnlyList<(DateOnly Day, long Unpaid)> UnpaidAfter, long PrincipalUnpaid, long BeyondPrincipal, DateOnly? PrincipalPaidOffOn);

    /// <summary>
    /// Applies dated payments to a principal in 納付日 order (stable: same-day payments keep their order), principal first
    /// (国税通則法62条2項; domain.md §2): the one allocation the late fee is computed over. Payments must be non-negative.
    /// </summary>
    public static PrincipalSplit SplitPrincipalFirst(long principal, IEnumerable<PaymentEvent> payments)
    {
        var unpaid = principal;
        long beyond = 0;
        DateOnly? paidOff = null;
        var after = new List<(DateOnly Day, long Unpaid)>();
        foreach (var payment in payments.OrderBy(p => p.PaidOn))
        {
            var toPrincipal = Math.Min(payment.Amount, unpaid);
            if (toPrincipal > 0)
            {
                unpaid -= toPrincipal;
                if (after.Count > 0 && after[^1].Day == payment.PaidOn) after[^1] = (payment.PaidOn, unpaid);
                else after.Add((payment.PaidOn, unpaid));
                if (unpaid == 0) paidOff = payment.PaidOn;
            }
            beyond = checked(beyond + payment.Amount - toPrincipal);
        }
        return new PrincipalSplit(after, unpaid, beyond, paidOff);
    }

    /// <summary>
    /// 滞納処分費 first (国税徴収法137条, applied to local taxes through 地方税法's 滞納処分の例; domain.md §10): of money received from a
    /// taxpayer with unpaid enforcement costs, the costs are satisfied before any tax (principal, 督促手数料, late fee); the rest is
    /// allocated to the installment by <see cref="Allocate"/>. Example: costs 3,000 unpaid, payment 10,000 → 3,000 to the costs, 7,000 left.
    /// </summary>
    public static (long ToCosts, long ToClaim) CostsFirst(long amount, long costsOutstanding)
    {
        if (amount < 0) throw new DomainException("allocation.amount_invalid", "納付額は0円以上でなければなりません。");
        var toCosts = Math.Min(amount, Math.Max(0, costsOutstanding));
        return (toCosts, amount - toCosts);
    }

    public static PaymentAllocation Allocate(long amount, DateOnly paidOn, InstallmentPosition position, AllocationOrder order, LateFeeRateTable rates)
    {
        if (amount <= 0)
            throw new DomainException("allocation.amount_invalid", "納付額は1円以上でなければなりません。");
        var left = amount;
        long toPrincipal = 0, toFee = 0, toLateFee = 0, finalised = 0;
        LateFeeResult? lateFee = null;
        var principalOutstanding = Math.Max(0, position.PrincipalOutstanding);
        foreach (var component in order.Components)
        {
            switch (component)
            {
                case LedgerComponent.Principal:
                    toPrincipal = Math.Min(left, principalOutstanding);
                    left -= toPrincipal;
                    if (principalOutstanding > 0 && toPrincipal == principalOutstanding)
                    {
                        // The principal is complete with this payment: the late fee is final, computed over every
                        // principal payment in 納付日 order (one booked earlier may be dated after this one).
                        var payments = position.PrincipalPayments.Append(new PaymentEvent(paidOn, toPrincipal)).ToList();
                        lateFee = LateFeeCalculator.Calculate(position.Principal, position.DueDate, payments, payments.Max(p => p.PaidOn), rates, position.Reliefs);
                        // Charge only what is not charged yet: an increase that reopened a paid installment
                        // adds the difference, never the whole late fee again.
                        finalised = Math.Max(0, lateFee.LateFee - position.LateFeeCharged);
                    }
                    break;
                case LedgerComponent.ReminderFee:
                    toFee = Math.Min(left, Math.Max(0, position.ReminderFeeOutstanding));
                    left -= toFee;
                    break;
                case LedgerComponent.LateFee:
                    var charged = position.LateFeeCharged + finalised;
                    var lateFeeOutstanding = charged - position.LateFeePaid - Math.Min(position.LateFeeRelieved, charged);
                    toLateFee = Math.Min(left, Math.Max(0, lateFeeOutstanding));
                    left -= toLateFee;
                    break;
            }
        }
        return new PaymentAllocation(amount, toPrincipal, toFee, toLateFee, left, finalised, lateFee);
    }
}
