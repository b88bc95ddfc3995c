using Choshu.Domain;
using Choshu.Domain.Withholding;

namespace Choshu.Domain.Tests.Withholding;

/// <summary>
/// 年金特別徴収の月割 (<see cref="PensionSchedule"/>), by hand:
///   年税額 61,000, 仮徴収 30,000 (前年度 60,000 の 1/2): 仮徴収 30,000 / 3 = 10,000 each; 本徴収 61,000 − 30,000 = 31,000,
///   31,000 / 3 = 10,333 → 10,300 (100-yen floor), October 31,000 − 2 × 10,300 = 10,400.
///   年税額 45,500, 仮徴収 20,300: 20,300 / 3 = 6,766 → 6,700, April 20,300 − 13,400 = 6,900; 本徴収 25,200 / 3 = 8,400 each.
/// </summary>
public sealed class PensionScheduleTests
{
    [Fact]
    public void Split_ProvisionalAndRegular_EachOverItsThreeMonths_RemainderInTheFirst()
    {
        Assert.Equal([10_000L, 10_000, 10_000, 10_400, 10_300, 10_300], PensionSchedule.Split(61_000, 30_000));
        Assert.Equal([6_900L, 6_700, 6_700, 8_400, 8_400, 8_400], PensionSchedule.Split(45_500, 20_300));
        Assert.Equal(61_000L, PensionSchedule.Split(61_000, 30_000).Sum());
        // A first year (no 仮徴収): everything in October, December and February.
        Assert.Equal([0L, 0, 0, 12_400, 12_300, 12_300], PensionSchedule.Split(37_000, 0));
    }

    [Fact]
    public void Split_ProvisionalOverAnnual_Refused()
    {
        var ex = Assert.Throws<DomainException>(() => PensionSchedule.Split(10_000, 12_000));
        Assert.Equal("仮徴収額（12000円）が年税額（10000円）を超えています。", ex.Message);
    }

    [Fact]
    public void Months_PaymentMonthsOfTheYear_DueTheTenthOfTheNextMonth()
    {
        Assert.Equal([(2026, 4), (2026, 6), (2026, 8), (2026, 10), (2026, 12), (2027, 2)], Enumerable.Range(1, 6).Select(m => PensionSchedule.CalendarMonth(2026, m)).ToList());
        Assert.Equal((2026, 6), PensionSchedule.MonthOf(2027, 2));
        Assert.Equal((2026, 1), PensionSchedule.MonthOf(2026, 4));
        Assert.Null(PensionSchedule.MonthOf(2026, 11));
        Assert.Equal(new DateOnly(2026, 5, 10), PensionSchedule.NominalDueDate(2026, 1));
        Assert.Equal(new DateOnly(2027, 1, 10), PensionSchedule.NominalDueDate(2026, 5));
        Assert.Equal(new DateOnly(2027, 3, 10), PensionSchedule.NominalDueDate(2026, 6));
        Assert.True(PensionSchedule.IsProvisional(3));
        Assert.False(PensionSchedule.IsProvisional(4));
    }
}
