namespace Choshu.Domain.LateFees;

/// <summary>
/// Computes the late fee (延滞金) of one installment (domain.md §2):
/// <list type="bullet">
/// <item>it runs from the day after the effective due date up to and including the day of payment;</item>
/// <item>payments go to principal first, in date order; what is paid after the principal goes to the
/// late fee, and anything beyond that is overpaid;</item>
/// <item>lower rate up to <see cref="LateFeeRules.LowerRateEnd"/>, higher rate after; days are split at
/// 1 January and each part uses its own year's rate pair;</item>
/// <item>days are split at each principal payment: the payment day still bears the balance before the
/// payment, the days after it bear the balance still unpaid; the base is the unpaid principal truncated
/// to the 1,000 yen, and periods with base 0 are omitted;</item>
/// <item>no late fee at all when the principal is under 2,000 yen;</item>
/// <item>each segment is truncated to the yen, the sum to the 100 yen, and under 1,000 yen it is 0;</item>
/// <item>when the principal is fully paid by <c>asOf</c> the result is final and ends on the final
/// principal payment day; otherwise it runs to <c>asOf</c> inclusive. Payments after <c>asOf</c> are ignored.</item>
/// <item>days are also split at the edges of each relieved period (<paramref name="reliefs"/>, read from the claim's events by
/// <see cref="LateFeeReliefs.From"/>): a day exempt in full bears nothing (the segment is kept with amount 0 to show it);
/// a day halved and capped bears base × min(rate ÷ 2, 猶予特例基準割合 of its year) × days ÷ 365, truncated to the yen
/// (computed in half basis points, so an odd rate halves exactly).</item>
/// </list>
/// </summary>
public static class LateFeeCalculator
{
    public static LateFeeResult Calculate(
        long principal,
        DateOnly effectiveDueDate,
        IReadOnlyList<PaymentEvent> payments,
        DateOnly asOf,
        LateFeeRateTable rates,
        IReadOnlyList<LateFeeReliefPeriod>? reliefs = null)
    {
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(rates);
        if (principal < 0)
        {
            throw new DomainException("latefee.principal_invalid", "本税額が負の値のため、延滞金を計算できません。");
        }

        // Payments up to asOf, in date order (stable: same-day payments keep their given order).
        var applicable = new List<PaymentEvent>();
        foreach (var payment in payments)
        {
            ArgumentNullException.ThrowIfNull(payment);
            if (payment.Amount < 0)
            {
                throw new DomainException(
                    "latefee.payment_invalid",
                    $"{payment.PaidOn:yyyy-MM-dd} の納付額が負の値のため、延滞金を計算できません。");
            }

            if (payment.PaidOn <= asOf && payment.Amount > 0)
            {
                applicable.Add(payment);
            }
        }

        // Allocation, step 1: principal first, by the one allocator. It records the unpaid balance after each day with a
        // principal payment; what exceeds the principal is kept for the late fee.
        var split = Reconciliation.PaymentAllocator.SplitPrincipalFirst(principal, applicable);
        var unpaid = split.PrincipalUnpaid;
        var beyondPrincipal = split.BeyondPrincipal;
        var principalPaidOffOn = split.PrincipalPaidOffOn;
        var balanceAfter = split.UnpaidAfter;

        var isFinal = unpaid == 0;
        var computedTo = isFinal ? principalPaidOffOn ?? effectiveDueDate : asOf;

        var segments = LateFeeRules.IsChargeablePrincipal(principal)
            ? BuildSegments(principal, effectiveDueDate, computedTo, balanceAfter, rates, reliefs ?? [])
            : [];

        long segmentTotal = 0;
        foreach (var segment in segments)
        {
            segmentTotal = checked(segmentTotal + segment.Amount);
        }

        var lateFee = LateFeeRules.FinalLateFee(segmentTotal);

        // Allocation, step 2: what was paid beyond the principal goes to the late fee, the rest is overpaid.
        var lateFeePaid = Math.Min(beyondPrincipal, lateFee);
        var overpaid = beyondPrincipal - lateFeePaid;

        return new LateFeeResult(
            Principal: principal,
            EffectiveDueDate: effectiveDueDate,
            ComputedTo: computedTo,
            IsFinal: isFinal,
            SegmentTotal: segmentTotal,
            LateFee: lateFee,
            PrincipalPaid: principal - unpaid,
            PrincipalUnpaid: unpaid,
            LateFeePaid: lateFeePaid,
            Overpaid: overpaid,
            Segments: segments.AsReadOnly());
    }

    private static List<LateFeeSegment> BuildSegments(
        long principal,
        DateOnly effectiveDueDate,
        DateOnly computedTo,
        IReadOnlyList<(DateOnly Day, long Unpaid)> balanceAfter,
        LateFeeRateTable rates,
        IReadOnlyList<LateFeeReliefPeriod> reliefs)
    {
        var segments = new List<LateFeeSegment>();
        var first = effectiveDueDate.AddDays(1);
        if (computedTo < first)
        {
            return segments;
        }

        var lowerRateEnd = LateFeeRules.LowerRateEnd(effectiveDueDate);

        // Days on which a new segment starts: the first day, the day after the lower-rate period,
        // each 1 January, and the day after each principal payment.
        var starts = new SortedSet<DateOnly> { first, lowerRateEnd.AddDays(1) };
        for (var year = first.Year + 1; year <= computedTo.Year; year++)
        {
            starts.Add(new DateOnly(year, 1, 1));
        }

        foreach (var (day, _) in balanceAfter)
        {
            starts.Add(day.AddDays(1));
        }

        foreach (var relief in reliefs)
        {
            starts.Add(relief.From);
            if (relief.To < DateOnly.MaxValue) starts.Add(relief.To.AddDays(1));
        }

        var startList = starts.Where(d => d >= first && d <= computedTo).ToList();
        for (var i = 0; i < startList.Count; i++)
        {
            var from = startList[i];
            var to = i + 1 < startList.Count ? startList[i + 1].AddDays(-1) : computedTo;
            var baseAmount = LateFeeRules.TruncateTo1000(UnpaidAtStartOf(from, principal, balanceAfter));
            if (baseAmount == 0)
            {
                continue;
            }

            var rate = rates.For(from.Year);
            var rateBasisPoints = from <= lowerRateEnd ? rate.LowerBasisPoints : rate.HigherBasisPoints;
            var days = to.DayNumber - from.DayNumber + 1;
            var relief = LateFeeReliefs.On(reliefs, from);
            switch (relief)
            {
                case LateFeeReliefKind.Exempt:
                    segments.Add(new LateFeeSegment(from, to, days, baseAmount, 0, 0, relief));
                    break;
                case LateFeeReliefKind.HalvedCapped:
                    var cap = rate.DefermentBasisPoints ?? throw new DomainException(
                        "latefee.deferment_rate_missing",
                        $"{from.Year}年の猶予特例基準割合が未登録のため、猶予期間の延滞金を計算できません。管理者が{from.Year}年の割合を登録してください。");
                    var halfPoints = Math.Min(rateBasisPoints, 2 * cap);
                    segments.Add(new LateFeeSegment(from, to, days, baseAmount, halfPoints / 2,
                        LateFeeRules.SegmentAmountHalfPoints(baseAmount, halfPoints, days), relief));
                    break;
                default:
                    segments.Add(new LateFeeSegment(
                        from,
                        to,
                        days,
                        baseAmount,
                        rateBasisPoints,
                        LateFeeRules.SegmentAmount(baseAmount, rateBasisPoints, days)));
                    break;
            }
        }

        return segments;
    }

    /// <summary>The unpaid principal on <paramref name="day"/>: payments made before that day count, payments on it do not.</summary>
    private static long UnpaidAtStartOf(DateOnly day, long principal, IReadOnlyList<(DateOnly Day, long Unpaid)> balanceAfter)
    {
        var unpaid = principal;
        foreach (var (paidOn, after) in balanceAfter)
        {
            if (paidOn >= day)
            {
                break;
            }

            unpaid = after;
        }

        return unpaid;
    }
}
