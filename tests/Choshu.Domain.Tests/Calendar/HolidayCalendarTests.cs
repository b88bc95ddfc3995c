using Choshu.Domain.Calendar;
using Choshu.Formats.Calendar;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.Calendar;

/// <summary>Due-date shifting (地方税法20条の5) on the bundled 2015–2027 calendar.</summary>
public class HolidayCalendarTests
{
    private static readonly HolidayCalendar Bundled = BundledCalendarData.HolidayCalendar();

    [Theory]
    // Year end: 2025-12-31 (Wed) closed 12-29..01-03; 2026-01-03 Sat, 01-04 Sun → Mon 2026-01-05.
    [InlineData("2025-12-31", "2026-01-05")]
    // 2025-12-28 is a Sunday, then the year-end days → 2026-01-05.
    [InlineData("2025-12-28", "2026-01-05")]
    // Golden Week 2025: 05-03 Sat 憲法記念日, 05-04 Sun みどりの日, 05-05 Mon こどもの日, 05-06 Tue 振替休日 → Wed 05-07.
    [InlineData("2025-05-03", "2025-05-07")]
    // A plain Sunday: 2025-08-31 → Mon 2025-09-01.
    [InlineData("2025-08-31", "2025-09-01")]
    // A substitute holiday: 2025-11-24 (Mon, 振替休日 for 勤労感謝の日 on Sun 11-23) → Tue 11-25.
    [InlineData("2025-11-24", "2025-11-25")]
    // A Saturday running into it: 11-22 Sat, 11-23 Sun holiday, 11-24 振替休日 → 11-25.
    [InlineData("2025-11-22", "2025-11-25")]
    // 2026 Silver Week: 09-19 Sat, 09-20 Sun, 09-21 敬老の日, 09-22 国民の休日, 09-23 秋分の日 → Thu 09-24.
    [InlineData("2026-09-19", "2026-09-24")]
    // 2019 ten-day Golden Week: 04-27 Sat .. 05-06 振替休日 (with 即位の日 05-01) → Tue 05-07.
    [InlineData("2019-04-27", "2019-05-07")]
    // Not a closed day: unchanged.
    [InlineData("2025-09-30", "2025-09-30")]
    public void EffectiveDueDate_NominalDate_NextOpenDay(string nominal, string expected)
    {
        Assert.Equal(D(expected), Bundled.EffectiveDueDate(D(nominal)));
    }

    [Theory]
    [InlineData("2025-12-29", true)]  // Monday, year-end closing
    [InlineData("2026-01-02", true)]  // Friday, year-start closing
    [InlineData("2026-01-05", false)] // Monday, open
    [InlineData("2025-11-24", true)]  // 振替休日
    [InlineData("2025-11-29", true)]  // Saturday
    [InlineData("2025-11-30", true)]  // Sunday
    [InlineData("2025-11-28", false)] // Friday
    public void IsClosedDay_Date_Expected(string date, bool expected)
    {
        Assert.Equal(expected, Bundled.IsClosedDay(D(date)));
    }

    [Fact]
    public void IsHoliday_YearEndButNotNationalHoliday_False()
    {
        // 12-31 is closed for due dates but is not a national holiday.
        Assert.False(Bundled.IsHoliday(D("2025-12-31")));
        Assert.True(Bundled.IsClosedDay(D("2025-12-31")));
    }

    [Fact]
    public void IsHoliday_YearBeforeData_ThrowsNotCoveredInJapanese()
    {
        var ex = Assert.Throws<DomainException>(() => Bundled.IsHoliday(D("2014-12-31")));

        Assert.Equal("calendar.not_covered", ex.Code);
        Assert.Contains("2014年", ex.Message);
        Assert.Contains("管理者", ex.Message);
    }

    // 2027-12-31 is closed (year end); the search runs into 2028, which the data does not cover.
    [Fact]
    public void EffectiveDueDate_RunsPastLastYear_ThrowsNotCovered()
    {
        var ex = Assert.Throws<DomainException>(() => Bundled.EffectiveDueDate(D("2027-12-31")));

        Assert.Equal("calendar.not_covered", ex.Code);
        Assert.Contains("2028年", ex.Message);
    }

    [Fact]
    public void Ctor_SmallCalendar_HolidaysSortedAndYears()
    {
        var calendar = new HolidayCalendar(
            [new Holiday(D("2030-05-05"), "こどもの日"), new Holiday(D("2030-01-01"), "元日")], 2030, 2030);

        Assert.Equal(2030, calendar.FirstYear);
        Assert.Equal(2030, calendar.LastYear);
        Assert.Equal([D("2030-01-01"), D("2030-05-05")], calendar.Holidays.Select(h => h.Date));
        Assert.True(calendar.IsHoliday(D("2030-05-05")));
        Assert.False(calendar.IsHoliday(D("2030-05-07")));
    }

    [Fact]
    public void Ctor_DuplicateDate_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => new HolidayCalendar(
            [new Holiday(D("2030-01-01"), "元日"), new Holiday(D("2030-01-01"), "元日")], 2030, 2030));

        Assert.Equal("calendar.duplicate_date", ex.Code);
    }

    [Fact]
    public void Ctor_HolidayOutsideYears_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => new HolidayCalendar(
            [new Holiday(D("2031-01-01"), "元日")], 2030, 2030));

        Assert.Equal("calendar.holiday_out_of_range", ex.Code);
    }

    [Fact]
    public void Ctor_FirstYearAfterLastYear_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => new HolidayCalendar([], 2031, 2030));

        Assert.Equal("calendar.invalid_range", ex.Code);
    }
}
