using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Tests.Enforcement;

/// <summary>The dates of 繰上徴収 and 保全差押 (<see cref="EnforcementNoticeRule"/>) and the seizable-from day of an accelerated claim.</summary>
public class EnforcementNoticeRuleTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Ground3_NamesTheArticle_AndANumberOutsideIsRefused()
    {
        Assert.Equal("地方税法第13条の2第1項第3号（法人である納税者が解散したとき）", EnforcementNoticeRule.AccelerationGround(3));
        Assert.Equal("enforcement.acceleration_ground_invalid", Assert.Throws<DomainException>(() => EnforcementNoticeRule.AccelerationGround(0)).Code);
        Assert.Equal("enforcement.acceleration_ground_invalid", Assert.Throws<DomainException>(() => EnforcementNoticeRule.AccelerationGround(7)).Code);
    }

    /// <summary>Due 2026-12-25: noticed 2026-11-20, 2026-11-24 is fine; 2026-12-25 is not earlier; 2026-11-19 is before the notice; a claim due
    /// 2026-10-31 is already due (not earlier); an accelerated one is not accelerated again.</summary>
    [Fact]
    public void CheckAcceleration_RefusesLaterEqualEarlierThanNoticeDueAndRepeated()
    {
        EnforcementNoticeRule.CheckAcceleration("第1期", D(2026, 12, 25), null, D(2026, 11, 20), D(2026, 11, 24));
        string Code(Action a) => Assert.Throws<DomainException>(a).Code;
        Assert.Equal("enforcement.not_earlier", Code(() => EnforcementNoticeRule.CheckAcceleration("第1期", D(2026, 12, 25), null, D(2026, 11, 20), D(2026, 12, 25))));
        Assert.Equal("enforcement.accelerated_before_notice", Code(() => EnforcementNoticeRule.CheckAcceleration("第1期", D(2026, 12, 25), null, D(2026, 11, 20), D(2026, 11, 19))));
        Assert.Equal("enforcement.not_earlier", Code(() => EnforcementNoticeRule.CheckAcceleration("第1期", D(2026, 10, 31), null, D(2026, 11, 20), D(2026, 11, 24))));
        Assert.Equal("enforcement.already_accelerated", Code(() => EnforcementNoticeRule.CheckAcceleration("第1期", D(2026, 12, 25), D(2026, 11, 24), D(2026, 11, 26), D(2026, 11, 30))));
    }

    /// <summary>Six months: 2026-11-20 → 2027-05-20; 2026-08-31 → 2027-02-28 (no 31 February); 2027-08-31 → 2028-02-29 (leap year).</summary>
    [Fact]
    public void ProtectiveLastDay_SixMonths_MonthEnd()
    {
        Assert.Equal(D(2027, 5, 20), EnforcementNoticeRule.ProtectiveLastDay(D(2026, 11, 20)));
        Assert.Equal(D(2027, 2, 28), EnforcementNoticeRule.ProtectiveLastDay(D(2026, 8, 31)));
        Assert.Equal(D(2028, 2, 29), EnforcementNoticeRule.ProtectiveLastDay(D(2027, 8, 31)));
    }

    /// <summary>
    /// Due 2026-12-25 accelerated to 2026-11-24: due in force 2026-11-24, seizable from 2026-11-25 without a reminder; a reminder sent
    /// 2026-11-10 (seizable 2026-11-21) is earlier and wins; without acceleration the reminder alone decides, and nothing without one.
    /// </summary>
    [Fact]
    public void SeizableFrom_AcceleratedDayAfter_OrEarlierReminder()
    {
        var accelerated = new ClaimDates(D(2026, 12, 25), D(2026, 12, 25), D(2026, 11, 24));
        Assert.Equal(D(2026, 11, 24), accelerated.DueDateInForce);
        Assert.Equal(D(2026, 11, 25), ClaimStatus.SeizableFrom(accelerated, null));
        Assert.Equal(D(2026, 11, 21), ClaimStatus.SeizableFrom(accelerated, D(2026, 11, 10)));
        var ordinary = ClaimDates.Ordinary(D(2026, 12, 25));
        Assert.Equal(D(2026, 12, 25), ordinary.DueDateInForce);
        Assert.Null(ClaimStatus.SeizableFrom(ordinary, null));
        Assert.Equal(D(2027, 1, 21), ClaimStatus.SeizableFrom(ordinary, D(2027, 1, 10)));
    }
}
