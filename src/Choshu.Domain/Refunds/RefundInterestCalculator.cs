using Choshu.Domain.LateFees;

namespace Choshu.Domain.Refunds;

/// <summary>
/// Computes the refund interest (還付加算金, 地方税法17条の4; domain.md §4) on an overpayment:
/// <list type="bullet">
/// <item>base: the amount truncated to the 1,000 yen; none at all when the amount is under 2,000 yen;</item>
/// <item>it runs from the day after the cause's start date (<see cref="StartDay"/>) to <c>endDate</c> inclusive (the
/// 支出決定日 of the refund, or the 充当適状日 of an appropriation);</item>
/// <item>days are split at 1 January, each part at its own year's rate, divisor 365 in leap years too;</item>
/// <item>when the taxpayer was notified and claimed later than 30 days after, the days from the 31st day to the claim
/// are left out (17条の4第2項);</item>
/// <item>the exact sum of the parts is truncated to the yen and then to the 100 yen; under 1,000 yen it is 0.</item>
/// </list>
/// </summary>
public static class RefundInterestCalculator
{
    private const int BasisPointsPerUnit = 10_000;

    public static RefundInterestResult Compute(
        long amount,
        RefundInterestCause cause,
        DateOnly paidOn,
        DateOnly endDate,
        RefundInterestRateTable rates,
        RefundInterestDates? dates = null)
    {
        ArgumentNullException.ThrowIfNull(rates);
        dates ??= RefundInterestDates.None;
        if (amount < 0)
        {
            throw new DomainException("refundinterest.amount_invalid", "過誤納金の額が負の値のため、還付加算金を計算できません。");
        }

        var start = StartDay(cause, paidOn, dates).AddDays(1);
        var baseAmount = RefundInterestRules.Base(amount);

        DateOnly? excludedFrom = null, excludedTo = null;
        if (dates.NotifiedOn is { } notified && dates.ClaimedOn is { } claimed
            && claimed > notified.AddDays(RefundInterestRules.ClaimWindowDays))
        {
            excludedFrom = notified.AddDays(RefundInterestRules.ClaimWindowDays + 1);
            excludedTo = claimed;
        }

        var segments = new List<RefundInterestSegment>();
        Int128 numerator = 0;
        if (baseAmount > 0)
        {
            foreach (var (from, to) in Periods(start, endDate, excludedFrom, excludedTo))
            {
                var rate = rates.For(from.Year).BasisPoints;
                var days = to.DayNumber - from.DayNumber + 1;
                Int128 part = (Int128)baseAmount * rate * days;
                numerator += part;
                segments.Add(new RefundInterestSegment(from, to, days, baseAmount, rate,
                    (decimal)part / (LateFeeRules.DayCountDivisor * BasisPointsPerUnit)));
            }
        }

        var rawTotal = (long)(numerator / ((Int128)LateFeeRules.DayCountDivisor * BasisPointsPerUnit));
        return new RefundInterestResult(amount, baseAmount, cause, start, endDate, excludedFrom, excludedTo, rawTotal,
            RefundInterestRules.Final(rawTotal), segments.AsReadOnly());
    }

    /// <summary>
    /// The start date D of the cause (interest runs from D + 1), 17条の4第1項各号:
    /// 1 the payment day; 2 the earlier of the day 3 months pass from the day after the request and the day 1 month passes
    /// from the day after the 更正; 3 the day 1 month passes from the day after the income-tax notice; 4 the day 1 month
    /// passes from the day after the payment. For 2 and 3 a payment made after that day starts from the payment.
    /// </summary>
    public static DateOnly StartDay(RefundInterestCause cause, DateOnly paidOn, RefundInterestDates dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        switch (cause)
        {
            case RefundInterestCause.Reduction:
                return paidOn;
            case RefundInterestCause.Request:
                if (dates.RequestedOn is not { } requested || dates.CorrectedOn is not { } corrected)
                {
                    throw new DomainException("refundinterest.dates_missing",
                        "更正の請求による更正の過納金には、更正の請求日と更正日の両方が必要です（還付加算金の起算日が決まりません）。");
                }

                var byRequest = RefundInterestRules.MonthsPassed(requested.AddDays(1), 3);
                var byCorrection = RefundInterestRules.MonthsPassed(corrected.AddDays(1), 1);
                return Later(byRequest < byCorrection ? byRequest : byCorrection, paidOn);
            case RefundInterestCause.IncomeTax:
                if (dates.IncomeTaxNoticeOn is not { } notice)
                {
                    throw new DomainException("refundinterest.dates_missing",
                        "所得税の更正等に基因する過納金には、所得税の更正の通知日が必要です（還付加算金の起算日が決まりません）。");
                }

                return Later(RefundInterestRules.MonthsPassed(notice.AddDays(1), 1), paidOn);
            case RefundInterestCause.Erroneous:
                return RefundInterestRules.MonthsPassed(paidOn.AddDays(1), 1);
            default:
                throw new DomainException("refundinterest.cause_invalid", $"過誤納の事由（{(int)cause}）が正しくありません。");
        }
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>The days start..end split at each 1 January and around the excluded window (which is left out).</summary>
    private static IEnumerable<(DateOnly From, DateOnly To)> Periods(DateOnly start, DateOnly end, DateOnly? exFrom, DateOnly? exTo)
    {
        var from = start;
        while (from <= end)
        {
            if (exFrom is { } xf && exTo is { } xt && from >= xf && from <= xt)
            {
                from = xt.AddDays(1);
                continue;
            }

            var to = new DateOnly(from.Year, 12, 31);
            if (to > end) to = end;
            if (exFrom is { } xf2 && xf2 > from && xf2 <= to) to = xf2.AddDays(-1);
            yield return (from, to);
            from = to.AddDays(1);
        }
    }
}
