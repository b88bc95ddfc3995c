using Choshu.Domain.LateFees;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.LateFees;

public class LateFeeRulesTests
{
    // One month from the day after the due date (民法143条): start = due + 1; end = the day before
    // the corresponding day of the next month, or the last day of the next month when it has none.
    [Theory]
    [InlineData("2025-09-01", "2025-10-01")] // start 09-02 → 10-02 − 1
    [InlineData("2025-01-27", "2025-02-27")] // start 01-28 → 02-28 − 1
    [InlineData("2025-01-28", "2025-02-28")] // start 01-29 → no 02-29 in 2025 → last day 02-28
    [InlineData("2025-01-30", "2025-02-28")] // start 01-31 → no 02-31 → 02-28
    [InlineData("2025-01-31", "2025-02-28")] // start 02-01 → 03-01 − 1
    [InlineData("2024-01-30", "2024-02-29")] // leap year: start 01-31 → last day 02-29
    [InlineData("2024-01-28", "2024-02-28")] // leap year: start 01-29 → 02-29 − 1
    [InlineData("2025-08-31", "2025-09-30")] // start 09-01 → 10-01 − 1
    [InlineData("2025-03-30", "2025-04-30")] // start 03-31 → no 04-31 → 04-30
    [InlineData("2025-11-30", "2025-12-31")] // start 12-01 → 2026-01-01 − 1
    [InlineData("2025-12-15", "2026-01-15")] // start 12-16 → 2026-01-16 − 1
    [InlineData("2025-12-31", "2026-01-31")] // start 2026-01-01 → 02-01 − 1
    public void LowerRateEnd_DueDate_OneMonthAfterDayAfterDue(string due, string expected)
    {
        Assert.Equal(D(expected), LateFeeRules.LowerRateEnd(D(due)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(999, 0)]
    [InlineData(1_000, 1_000)]
    [InlineData(1_500, 1_000)]
    [InlineData(300_500, 300_000)]
    [InlineData(1_999_999, 1_999_000)]
    public void TruncateTo1000_Amount_Truncated(long amount, long expected)
    {
        Assert.Equal(expected, LateFeeRules.TruncateTo1000(amount));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(99, 0)]
    [InlineData(1_099, 1_000)]
    [InlineData(21_055, 21_000)]
    public void TruncateTo100_Amount_Truncated(long amount, long expected)
    {
        Assert.Equal(expected, LateFeeRules.TruncateTo100(amount));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(999, 0)]     // → 900 → under 1,000 → 0
    [InlineData(1_000, 1_000)]
    [InlineData(1_099, 1_000)]
    [InlineData(21_055, 21_000)]
    public void FinalLateFee_SegmentTotal_TruncatedAndThresholded(long total, long expected)
    {
        Assert.Equal(expected, LateFeeRules.FinalLateFee(total));
    }

    // 500,000 × 870 × 91 = 39,585,000,000 ÷ 3,650,000 = 10,845.2 → 10,845
    [Fact]
    public void SegmentAmount_500000At870For91Days_10845()
    {
        Assert.Equal(10_845, LateFeeRules.SegmentAmount(500_000, 870, 91));
    }

    // No overflow with huge amounts: 10,000,000,000,000 yen × 1,460 bp × 3,650 days
    // = 5.329 × 10^19 (over long.MaxValue ≈ 9.22 × 10^18) ÷ 3,650,000 = 14,600,000,000,000 exactly.
    [Fact]
    public void SegmentAmount_ProductAboveLongRange_ExactResult()
    {
        Assert.Equal(14_600_000_000_000, LateFeeRules.SegmentAmount(10_000_000_000_000, 1_460, 3_650));
    }

    [Theory]
    [InlineData(1_999, false)]
    [InlineData(2_000, true)]
    public void IsChargeablePrincipal_Threshold2000(long principal, bool expected)
    {
        Assert.Equal(expected, LateFeeRules.IsChargeablePrincipal(principal));
    }
}
