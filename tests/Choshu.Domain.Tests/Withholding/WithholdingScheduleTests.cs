using Choshu.Domain.Withholding;

namespace Choshu.Domain.Tests.Withholding;

public sealed class WithholdingScheduleTests
{
    // 123,400 / 12 = 10,283.3 → 10,200 a month; June 123,400 − 11 × 10,200 = 11,200.
    [Fact]
    public void Split_123400_June11200Others10200()
    {
        var m = WithholdingSchedule.Split(123_400);
        Assert.Equal(11_200, m[0]);
        Assert.All(m.Skip(1), x => Assert.Equal(10_200, x));
        Assert.Equal(123_400, m.Sum());
    }

    // A join from 11月分 (month 6) with 35,000: 7 months, 35,000 / 7 = 5,000 each.
    // 1,000 over 12 months: 1,000 / 12 = 83 → 0 a month, all 1,000 in June.
    [Fact]
    public void SplitFrom_PartYearAndSmallAmount_RemainderInFirstMonth()
    {
        var m = WithholdingSchedule.SplitFrom(35_000, 6);
        Assert.Equal([0L, 0, 0, 0, 0, 5_000, 5_000, 5_000, 5_000, 5_000, 5_000, 5_000], m);
        Assert.Equal([1_000L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], WithholdingSchedule.Split(1_000));
    }

    [Fact]
    public void NominalDueDate_MonthlyAndSpecialSchedule()
    {
        Assert.Equal(new DateOnly(2026, 7, 10), WithholdingSchedule.NominalDueDate(2026, 1, false));
        Assert.Equal(new DateOnly(2027, 1, 10), WithholdingSchedule.NominalDueDate(2026, 7, false));
        Assert.Equal(new DateOnly(2027, 6, 10), WithholdingSchedule.NominalDueDate(2026, 12, false));
        Assert.Equal(new DateOnly(2026, 12, 10), WithholdingSchedule.NominalDueDate(2026, 1, true));
        Assert.Equal(new DateOnly(2027, 6, 10), WithholdingSchedule.NominalDueDate(2026, 2, true));
        Assert.Equal((2026, 5), WithholdingSchedule.MonthOf(2026, 10));
        Assert.Equal((2026, 12), WithholdingSchedule.MonthOf(2027, 5));
        Assert.Equal((short)2, WithholdingSchedule.PeriodOf(7, true));
    }

    // 71,400 noticed 2026-10-20: 納期 on or after 10-30 are 10-31 and 01-31; 71,400 / 2 = 35,700 → 35,000, first 36,400.
    // Noticed 2027-01-25: no 納期 left (01-31 is < 10 days away), one installment at the end of February.
    [Fact]
    public void OrdinarySwitch_Plan_RemainingDueDatesAndAmounts()
    {
        Assert.Equal([(new DateOnly(2026, 10, 31), 36_400L), (new DateOnly(2027, 1, 31), 35_000L)], OrdinarySwitch.Plan(71_400, 2026, new DateOnly(2026, 10, 20)));
        Assert.Equal([(new DateOnly(2027, 2, 28), 20_400L)], OrdinarySwitch.Plan(20_400, 2026, new DateOnly(2027, 1, 25)));
    }

    [Fact]
    public void Month_OutOfRange_RefusedInJapanese()
    {
        var ex = Assert.Throws<DomainException>(() => WithholdingSchedule.PeriodOf(13, false));
        Assert.Contains("特別徴収の月は1（6月分）〜12（5月分）", ex.Message);
    }
}
