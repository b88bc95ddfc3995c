using Choshu.Domain.Calendar;
using Choshu.Domain.LateFees;
using Choshu.Formats.Calendar;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.Calendar;

/// <summary>The import format an administrator uses to extend the calendar and the rate table.</summary>
public class CalendarCsvTests
{
    private static DomainException HolidayError(string csv) =>
        Assert.Throws<DomainException>(() => BundledCalendarData.ParseHolidayCsv(new StringReader(csv)));

    private static DomainException RateError(string csv) =>
        Assert.Throws<DomainException>(() => BundledCalendarData.ParseRateCsv(new StringReader(csv)));

    [Fact]
    public void ParseHolidayCsv_ValidWithBomCrLfAndBlankLine_Parsed()
    {
        var csv = "\uFEFFdate,name\r\n2028-01-01,元日\r\n\r\n2028-01-10,成人の日\r\n";

        var holidays = BundledCalendarData.ParseHolidayCsv(new StringReader(csv));

        Assert.Equal([new Holiday(D("2028-01-01"), "元日"), new Holiday(D("2028-01-10"), "成人の日")], holidays);
    }

    [Fact]
    public void ParseHolidayCsv_WrongHeader_ErrorNamesHeader()
    {
        var ex = HolidayError("日付,名称\n2028-01-01,元日\n");

        Assert.Equal("calendar.csv_invalid", ex.Code);
        Assert.Contains("1行目", ex.Message);
        Assert.Contains("date,name", ex.Message);
    }

    [Fact]
    public void ParseHolidayCsv_BadDateOnLine3_ErrorNamesLineAndField()
    {
        var ex = HolidayError("date,name\n2028-01-01,元日\n2028/01/10,成人の日\n");

        Assert.Contains("3行目", ex.Message);
        Assert.Contains("日付", ex.Message);
    }

    [Fact]
    public void ParseHolidayCsv_EmptyName_ErrorNamesField()
    {
        var ex = HolidayError("date,name\n2028-01-01,\n");

        Assert.Contains("2行目", ex.Message);
        Assert.Contains("名称", ex.Message);
    }

    [Fact]
    public void ParseHolidayCsv_DuplicateDate_ErrorNamesBothLines()
    {
        var ex = HolidayError("date,name\n2028-01-01,元日\n2028-01-01,元日\n");

        Assert.Contains("3行目", ex.Message);
        Assert.Contains("2行目と重複", ex.Message);
    }

    [Fact]
    public void ParseHolidayCsv_ThreeFields_ErrorNamesLine()
    {
        var ex = HolidayError("date,name\n2028-01-01,元日,余分\n");

        Assert.Contains("2行目", ex.Message);
        Assert.Contains("項目数", ex.Message);
    }

    [Fact]
    public void ParseRateCsv_Valid_Parsed()
    {
        var rates = BundledCalendarData.ParseRateCsv(new StringReader("year,lower_bp,higher_bp\n2027,280,910\n"));

        Assert.Equal([new LateFeeRate(2027, 280, 910)], rates);
    }

    [Fact]
    public void ParseRateCsv_NonNumericHigher_ErrorNamesLineAndField()
    {
        var ex = RateError("year,lower_bp,higher_bp\n2027,280,9.1\n");

        Assert.Equal("latefee.rate_csv_invalid", ex.Code);
        Assert.Contains("2行目", ex.Message);
        Assert.Contains("higher_bp", ex.Message);
    }

    [Fact]
    public void ParseRateCsv_LowerAboveStatutory_ErrorNamesField()
    {
        var ex = RateError("year,lower_bp,higher_bp\n2027,731,910\n");

        Assert.Contains("lower_bp", ex.Message);
    }

    [Fact]
    public void ParseRateCsv_DuplicateYear_Error()
    {
        var ex = RateError("year,lower_bp,higher_bp\n2027,280,910\n2027,280,910\n");

        Assert.Contains("3行目", ex.Message);
        Assert.Contains("重複", ex.Message);
    }

    // An administrator extends the bundled calendar with an imported 2028 file.
    [Fact]
    public void HolidayCalendar_BundledPlusImported2028_Covers2028()
    {
        var imported = BundledCalendarData.ParseHolidayCsv(new StringReader("date,name\n2028-01-01,元日\n2028-01-10,成人の日\n"));
        var calendar = new HolidayCalendar(BundledCalendarData.Holidays().Concat(imported), 2015, 2028);

        // 2027-12-31 (Fri) → 2028-01-01..03 closed, 01-04 Tue open.
        Assert.Equal(D("2028-01-04"), calendar.EffectiveDueDate(D("2027-12-31")));
    }
}
