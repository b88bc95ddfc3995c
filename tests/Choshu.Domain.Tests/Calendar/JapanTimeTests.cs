using Choshu.Domain.Calendar;
using Microsoft.Extensions.Time.Testing;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.Calendar;

public class JapanTimeTests
{
    // 2025-12-31 15:00 UTC = 2026-01-01 00:00 JST.
    [Fact]
    public void Today_UtcFifteenHundredOnDec31_January1InJapan()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 15, 0, 0, TimeSpan.Zero));

        Assert.Equal(D("2026-01-01"), JapanTime.Today(clock));
    }

    // 2025-12-31 14:59:59 UTC = 2025-12-31 23:59:59 JST.
    [Fact]
    public void Today_OneSecondBeforeJapanMidnight_StillDec31()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 14, 59, 59, TimeSpan.Zero));

        Assert.Equal(D("2025-12-31"), JapanTime.Today(clock));
    }

    // Midsummer too: Japan has no daylight saving, 2025-07-01 03:00 UTC = 12:00 JST.
    [Fact]
    public void Now_Summer_NineHoursAhead()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 3, 0, 0, TimeSpan.Zero));

        var now = JapanTime.Now(clock);

        Assert.Equal(TimeSpan.FromHours(9), now.Offset);
        Assert.Equal(new DateTime(2025, 7, 1, 12, 0, 0), now.DateTime);
        Assert.Equal(clock.GetUtcNow(), now);
    }
}
