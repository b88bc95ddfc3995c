using Choshu.Domain.Calendar;
using Choshu.Domain.LateFees;
using Choshu.Formats.Calendar;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.Calendar;

/// <summary>
/// The bundled data. Expected values were read from the Cabinet Office list (内閣府 syukujitsu.csv)
/// and holiday-jp/holiday_jp holidays.yml, which agree on all 236 dates of 2015–2027.
/// </summary>
public class BundledCalendarDataTests
{
    private static readonly IReadOnlyList<Holiday> Holidays = BundledCalendarData.Holidays();

    private static string NameOf(string date) => Holidays.Single(h => h.Date == D(date)).Name;

    [Fact]
    public void HolidayCalendar_Bundled_Covers2015To2027()
    {
        var calendar = BundledCalendarData.HolidayCalendar();

        Assert.Equal(2015, calendar.FirstYear);
        Assert.Equal(2027, calendar.LastYear);
        Assert.Equal(236, calendar.Holidays.Count);
    }

    // Days per year in the Cabinet Office list (祝日 + 振替休日 + 国民の休日).
    [Theory]
    [InlineData(2015, 17)]
    [InlineData(2016, 17)]
    [InlineData(2017, 17)]
    [InlineData(2018, 20)]
    [InlineData(2019, 22)]
    [InlineData(2020, 18)]
    [InlineData(2021, 17)]
    [InlineData(2022, 16)]
    [InlineData(2023, 17)]
    [InlineData(2024, 21)]
    [InlineData(2025, 19)]
    [InlineData(2026, 18)]
    [InlineData(2027, 17)]
    public void Holidays_Year_CountAsCabinetOffice(int year, int expected)
    {
        Assert.Equal(expected, Holidays.Count(h => h.Date.Year == year));
    }

    // 2026: the 16 national holidays, plus 05-06 振替休日 (こどもの日 05-05 is a Tuesday but
    // 憲法記念日 05-03 is a Sunday) and 09-22 国民の休日 (between 敬老の日 and 秋分の日) = 18.
    [Fact]
    public void Holidays_2026_SixteenHolidaysPlusSubstituteAndCitizensHoliday()
    {
        var year2026 = Holidays.Where(h => h.Date.Year == 2026).ToList();

        Assert.Equal(
            [
                "2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29",
                "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11",
                "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23",
            ],
            year2026.Select(h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(16, year2026.Count(h => h.Name is not ("振替休日" or "国民の休日")));
        Assert.Equal("振替休日", NameOf("2026-05-06"));
        Assert.Equal("国民の休日", NameOf("2026-09-22"));
    }

    [Theory]
    [InlineData("2019-04-30", "国民の休日")]
    [InlineData("2019-05-01", "即位の日")]
    [InlineData("2019-05-02", "国民の休日")]
    [InlineData("2019-10-22", "即位礼正殿の儀の行われる日")]
    [InlineData("2019-10-14", "体育の日")]
    [InlineData("2020-07-23", "海の日")]
    [InlineData("2020-07-24", "スポーツの日")]
    [InlineData("2020-08-10", "山の日")]
    [InlineData("2021-07-22", "海の日")]
    [InlineData("2021-07-23", "スポーツの日")]
    [InlineData("2021-08-08", "山の日")]
    [InlineData("2021-08-09", "振替休日")]
    [InlineData("2018-12-23", "天皇誕生日")]
    [InlineData("2018-12-24", "振替休日")]
    [InlineData("2020-02-23", "天皇誕生日")]
    [InlineData("2020-02-24", "振替休日")]
    [InlineData("2015-09-22", "国民の休日")]
    [InlineData("2016-08-11", "山の日")]
    [InlineData("2025-11-24", "振替休日")]
    public void Holidays_SpecialDay_PresentWithName(string date, string name)
    {
        Assert.Equal(name, NameOf(date));
    }

    [Theory]
    [InlineData("2019-12-23")] // no 天皇誕生日 in 2019
    [InlineData("2020-10-12")] // 2020 スポーツの日 moved to 07-24
    [InlineData("2020-08-11")] // 2020 山の日 moved to 08-10
    [InlineData("2021-10-11")] // 2021 スポーツの日 moved to 07-23
    [InlineData("2021-07-19")] // 2021 海の日 moved to 07-22
    [InlineData("2021-08-11")] // 2021 山の日 moved to 08-08
    [InlineData("2015-08-11")] // 山の日 only from 2016
    public void Holidays_MovedOrAbsentDay_NotAHoliday(string date)
    {
        Assert.False(BundledCalendarData.HolidayCalendar().IsHoliday(D(date)));
    }

    [Fact]
    public void LateFeeRates_Bundled_SameAsTable()
    {
        Assert.Equal(RateRows, BundledCalendarData.LateFeeRates());
        Assert.Equal(new LateFeeRate(2026, 280, 910, 130), new LateFeeRateTable(BundledCalendarData.LateFeeRates()).For(2026));
    }

    [Fact]
    public void RefundInterestRates_Bundled_SameAsTable()
    {
        Assert.Equal(RefundRateRows, BundledCalendarData.RefundInterestRates());
        Assert.Equal(new Domain.Refunds.RefundInterestRate(2026, 130), new Domain.Refunds.RefundInterestRateTable(BundledCalendarData.RefundInterestRates()).For(2026));
    }
}
