using Choshu.Domain.LateFees;

namespace Choshu.Domain.Refunds;

/// <summary>The individual rules of refund interest (還付加算金, 地方税法17条の4; rounding 20条の4の2), one place for each.</summary>
public static class RefundInterestRules
{
    /// <summary>Statutory rate 7.3%, the cap of the special rate, in basis points.</summary>
    public const int StatutoryBasisPoints = 730;

    /// <summary>No interest at all on an overpayment under this amount (yen).</summary>
    public const long MinimumBearingAmount = 2_000;

    /// <summary>Interest under this amount (yen) is not added.</summary>
    public const long MinimumInterest = 1_000;

    /// <summary>Days of the 30-day window after a notice of overpayment (17条の4第2項).</summary>
    public const int ClaimWindowDays = 30;

    /// <summary>The base of the interest: the overpayment truncated to the 1,000 yen, 0 when it is under 2,000 yen.</summary>
    public static long Base(long amount) =>
        amount < MinimumBearingAmount ? 0 : LateFeeRules.TruncateTo1000(amount);

    /// <summary>The interest from the sum of the segments: truncated to the 100 yen, 0 when under 1,000 yen.</summary>
    public static long Final(long rawTotal)
    {
        var truncated = LateFeeRules.TruncateTo100(rawTotal);
        return truncated < MinimumInterest ? 0 : truncated;
    }

    /// <summary>
    /// The day on which <paramref name="months"/> months have passed counting from <paramref name="first"/> (民法143条):
    /// the day before the corresponding day, or the last day of the month when it has none.
    /// From 2025-05-21, 3 months → 2025-08-20; from 2025-01-31, 1 month → 2025-02-28.
    /// </summary>
    public static DateOnly MonthsPassed(DateOnly first, int months)
    {
        var target = new DateOnly(first.Year, first.Month, 1).AddMonths(months);
        var daysInTarget = DateTime.DaysInMonth(target.Year, target.Month);
        return first.Day <= daysInTarget
            ? new DateOnly(target.Year, target.Month, first.Day).AddDays(-1)
            : new DateOnly(target.Year, target.Month, daysInTarget);
    }
}
