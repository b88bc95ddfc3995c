namespace Choshu.Domain.LateFees;

/// <summary>
/// The individual rules of the late fee (地方税法326条 etc., rounding 20条の4の2), one place
/// for each. <see cref="LateFeeCalculator"/> composes them.
/// </summary>
public static class LateFeeRules
{
    /// <summary>Statutory lower rate 7.3% (cap of the special lower rate), in basis points.</summary>
    public const int StatutoryLowerBasisPoints = 730;

    /// <summary>Statutory higher rate 14.6% (cap of the special higher rate), in basis points.</summary>
    public const int StatutoryHigherBasisPoints = 1460;

    /// <summary>No late fee at all when the installment's principal is under this amount (yen).</summary>
    public const long MinimumChargeablePrincipal = 2_000;

    /// <summary>A total late fee under this amount (yen) is not charged.</summary>
    public const long MinimumLateFee = 1_000;

    /// <summary>Days in the year used as divisor; 365 in leap years too.</summary>
    public const int DayCountDivisor = 365;

    /// <summary>Basis points per unit (10,000 bp = 100%).</summary>
    private const int BasisPointsPerUnit = 10_000;

    /// <summary>Truncates an amount to the 1,000 yen (the base of the late fee).</summary>
    public static long TruncateTo1000(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        return amount - (amount % 1_000);
    }

    /// <summary>Truncates an amount to the 100 yen (the total late fee).</summary>
    public static long TruncateTo100(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        return amount - (amount % 100);
    }

    /// <summary>True when an installment's principal is large enough to bear a late fee at all.</summary>
    public static bool IsChargeablePrincipal(long principal) => principal >= MinimumChargeablePrincipal;

    /// <summary>
    /// The late fee of a segment: base × rate × days ÷ (365 × 10,000), truncated to the yen,
    /// in exact integer arithmetic.
    /// </summary>
    public static long SegmentAmount(long baseAmount, int rateBasisPoints, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseAmount);
        ArgumentOutOfRangeException.ThrowIfNegative(rateBasisPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        Int128 numerator = (Int128)baseAmount * rateBasisPoints * days;
        return (long)(numerator / ((Int128)DayCountDivisor * BasisPointsPerUnit));
    }

    /// <summary>
    /// The late fee of a segment at half of <paramref name="halfBasisPoints"/> basis points: base × (rate ÷ 2) × days ÷
    /// (365 × 10,000), truncated to the yen, exact for an odd rate (a halved period, 地方税法15条の9).
    /// </summary>
    public static long SegmentAmountHalfPoints(long baseAmount, int halfBasisPoints, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseAmount);
        ArgumentOutOfRangeException.ThrowIfNegative(halfBasisPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        Int128 numerator = (Int128)baseAmount * halfBasisPoints * days;
        return (long)(numerator / ((Int128)DayCountDivisor * BasisPointsPerUnit * 2));
    }

    /// <summary>The total late fee from the sum of the segments: truncated to the 100 yen, 0 when under 1,000 yen.</summary>
    public static long FinalLateFee(long segmentTotal)
    {
        var truncated = TruncateTo100(segmentTotal);
        return truncated < MinimumLateFee ? 0 : truncated;
    }

    /// <summary>
    /// The last day of the lower rate: the day on which one month has passed since the day after
    /// the due date (民法143条). With start = due + 1, that is the day before the day of the next
    /// month corresponding to start; when the next month has no corresponding day, the last day of
    /// the next month. Due 2025-09-01 → 2025-10-01; due 2025-01-30 → 2025-02-28;
    /// due 2024-01-30 → 2024-02-29; due 2025-08-31 → 2025-09-30.
    /// (Not DateOnly.AddMonths, which clamps 01-31 + 1 month to 02-28 and would give 02-27.)
    /// </summary>
    public static DateOnly LowerRateEnd(DateOnly effectiveDueDate)
    {
        var start = effectiveDueDate.AddDays(1);
        var year = start.Month == 12 ? start.Year + 1 : start.Year;
        var month = start.Month == 12 ? 1 : start.Month + 1;
        var daysInNextMonth = DateTime.DaysInMonth(year, month);
        return start.Day <= daysInNextMonth
            ? new DateOnly(year, month, start.Day).AddDays(-1)
            : new DateOnly(year, month, daysInNextMonth);
    }
}
